/**
 * The shell: reads the exchange's databases (read-only, through `@kts/store`)
 * and builds one snapshot per pairing to check: every KTS course of one high
 * school, or every KTS course one student is on. Which courses are KTS
 * courses and which sections are tech sections is `@kts/sync`'s rule.
 */
import {
  calendar as calendarTable,
  campusAttribute as campusAttributeTable,
  type Course,
  course as courseTable,
  courseCatalog as courseCatalogTable,
  courseGradingTask as courseGradingTaskTable,
  courseGradingTaskTerm as courseGradingTaskTermTable,
  courseMaster as courseMasterTable,
  customCourse as customCourseTable,
  district as districtTable,
  gradeCalcOption as gradeCalcOptionTable,
  gradingScore as gradingScoreTable,
  gradingTask as gradingTaskTable,
  type LocalDate,
  person as personTable,
  processAlert as processAlertTable,
  reportCardTemplate as reportCardTemplateTable,
  reportCardTemplateTask as reportCardTemplateTaskTable,
  roster as rosterTable,
  type CampusAttribute,
  type GradingTask,
  type School,
  school as schoolTable,
  scoreGroup as scoreGroupTable,
  scoreGroupItem as scoreGroupItemTable,
  type Section,
  section as sectionTable,
  sectionPlacement as sectionPlacementTable,
  type TableSpec,
  term as termTable,
  trial as trialTable
} from "@kts/domain"
import { connectStore, type StoreConnection } from "@kts/store"
import { isAlertOpen, parseKtsTechID, type TechSectionReason, techSectionVerdict } from "@kts/sync"
import { Schema } from "effect"
import type { ScannedPerson } from "./PersonalDataScan.js"
import { CTE_NUMERIC_SCORE_GROUP } from "./ScoreGroup.js"
import type { GradeCheckSnapshot, RosterEntry, ScoreEntry, ScoreGroupWithItems, SideRecords, StudentRef, TechSectionLookup } from "./Snapshot.js"
import { type ExchangeConfig, ktsCoursesOf, type KtsCourse, type TechSection, techSectionsOf } from "./internal/SyncPending.js"

/** Input a user must fix: an unknown student, school or course, a link naming a school its database lacks. Exit status 2. */
export class GradeCheckInputError extends Schema.TaggedError<GradeCheckInputError>()("GradeCheckInputError", {
  message: Schema.String
}) {}

/** Whose grades to check. */
export type GradeCheckTarget =
  | { readonly kind: "student"; readonly stateID: string }
  | { readonly kind: "school"; readonly district: string; readonly school: string }

/** What to read. */
export interface ReadRequest {
  readonly target: GradeCheckTarget
  /** Only this high-school course number. */
  readonly course?: string | undefined
  readonly endYear: number
  readonly asOf: LocalDate
  /** Also read every person's names and birth date (for the support request's scan). */
  readonly readPersons?: boolean | undefined
}

/** What the shell read: the snapshots, and what the support request and the run's header need. */
export interface ReadResult {
  readonly snapshots: ReadonlyArray<GradeCheckSnapshot>
  /** Set when the target has no pairing to check. */
  readonly noPairing:
    | { readonly kind: "student"; readonly stateID: string }
    | { readonly kind: "school"; readonly district: string; readonly school: string; readonly linked: boolean }
    | null
  /** Every person of every database read, when asked (for the personal-data scan). */
  readonly persons: ReadonlyArray<ScannedPerson>
}

/** One open database, the rows every lookup shares, and what was already worked out from it. */
interface Database {
  readonly key: string
  readonly connection: StoreConnection
  readonly districtNumbers: ReadonlyMap<number, string>
  readonly schools: ReadonlyArray<School>
  /** Read once per database: they do not depend on the school. */
  readonly shared: {
    gradingTasks?: ReadonlyArray<GradingTask>
    campusAttributes?: ReadonlyArray<CampusAttribute>
    cteNumericScoreGroup?: ScoreGroupWithItems | null
  }
  /** By `{schoolID}|{endYear}`. */
  readonly ktsCourses: Map<string, ReadonlyArray<KtsCourse>>
  readonly techSections: Map<string, ReadonlyArray<TechSection>>
  /** A tech section's side, by `{sectionID}|{asOf}` (the same for every high school pairing with it). */
  readonly techSides: Map<string, SideRecords>
}

const openDatabase = (key: string, path: string): Database => {
  const connection = connectStore(path, { readonly: true })
  try {
    return {
      key,
      connection,
      districtNumbers: new Map(connection.rows(districtTable).map((row) => [row.districtID, row.number])),
      schools: connection.rows(schoolTable, { tail: `ORDER BY "schoolID"` }),
      shared: {},
      ktsCourses: new Map(),
      techSections: new Map(),
      techSides: new Map()
    }
  } catch (error) {
    connection.close()
    throw error
  }
}

const cached = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  const known = map.get(key)
  if (known !== undefined || map.has(key)) return known as V
  const value = make()
  map.set(key, value)
  return value
}

const gradingTasksOf = (db: Database) => (db.shared.gradingTasks ??= db.connection.rows(gradingTaskTable, { tail: `ORDER BY "taskID"` }))
const campusAttributesOf = (db: Database) => (db.shared.campusAttributes ??= db.connection.rows(campusAttributeTable))

const inList = (column: string, values: ReadonlyArray<number>) => ({
  tail: `WHERE ${column} IN (SELECT value FROM json_each(?))`,
  params: [JSON.stringify(values)]
})

const rowsIn = <T extends TableSpec>(db: Database, table: T, column: string, values: ReadonlyArray<number>) =>
  values.length === 0 ? [] : db.connection.rows(table, inList(`"${column}"`, values))

const unique = (values: Iterable<number>): Array<number> => [...new Set(values)].sort((a, b) => a - b)

const schoolNumbers = (db: Database, school: School) => ({ district: db.districtNumbers.get(school.districtID) ?? "", school: school.number })

/** The end year's course setup of one school of a database (what `@kts/sync`'s pairing rules read). */
const courseSetupOf = (db: Database, school: School, endYear: number) => {
  const calendars = db.connection.rows(calendarTable, { tail: `WHERE "schoolID" = ? AND "endYear" = ?`, params: [school.schoolID, endYear] })
  const calendarIDs = calendars.map((row) => row.calendarID)
  const courses = rowsIn(db, courseTable, "calendarID", calendarIDs)
  const courseMasters = rowsIn(db, courseMasterTable, "courseMasterID", unique(courses.flatMap((row) => (row.courseMasterID === null ? [] : [row.courseMasterID]))))
  const courseCatalogs = rowsIn(db, courseCatalogTable, "catalogID", unique(courseMasters.map((row) => row.catalogID)))
  const structureIDs = unique(
    db.connection.rawRows(`SELECT "structureID" FROM "scheduleStructure" WHERE "calendarID" IN (SELECT value FROM json_each(?))`, [
      JSON.stringify(calendarIDs)
    ]).map((row) => row[0] as number)
  )
  const trials = rowsIn(db, trialTable, "structureID", structureIDs)
  const terms = rowsIn(db, termTable, "structureID", structureIDs)
  const sections = rowsIn(db, sectionTable, "courseID", courses.map((row) => row.courseID))
  return { calendars, courses, courseMasters, courseCatalogs, trials, terms, sections }
}

/** The KTS courses of one high school, by `@kts/sync`'s rule. */
const ktsCoursesOfSchool = (db: Database, school: School, endYear: number): ReadonlyArray<KtsCourse> =>
  cached(db.ktsCourses, `${school.schoolID}|${endYear}`, () => readKtsCourses(db, school, endYear))

const readKtsCourses = (db: Database, school: School, endYear: number): ReadonlyArray<KtsCourse> => {
  const setup = courseSetupOf(db, school, endYear)
  const courseIDs = setup.courses.map((row) => row.courseID)
  const numbers = schoolNumbers(db, school)
  return ktsCoursesOf({
    database: db.key,
    school: { schoolID: school.schoolID, district: numbers.district, number: school.number, name: school.name },
    ...setup,
    campusAttributes: campusAttributesOf(db),
    customCourses: rowsIn(db, customCourseTable, "courseID", courseIDs)
  }, endYear)
}

/** The tech sections of one technical school, by `@kts/sync`'s rule. */
const techSectionsOfSchool = (db: Database, school: School, endYear: number): ReadonlyArray<TechSection> =>
  cached(db.techSections, `${school.schoolID}|${endYear}`, () => readTechSections(db, school, endYear))

const readTechSections = (db: Database, school: School, endYear: number): ReadonlyArray<TechSection> => {
  const setup = courseSetupOf(db, school, endYear)
  const numbers = schoolNumbers(db, school)
  return techSectionsOf(db.key, { schoolID: school.schoolID, district: numbers.district, number: school.number, name: school.name }, {
    ...setup,
    sectionPlacements: rowsIn(db, sectionPlacementTable, "sectionID", setup.sections.map((row) => row.sectionID))
  }, endYear)
}

/** One side's records for a course and its sections. */
const sideOf = (db: Database, school: School, course: Course, sections: ReadonlyArray<Section>, asOf: LocalDate): SideRecords =>
  sidesOf(db, school, [{ course, sections }], asOf)[0]!

const groupBy = <T, K>(rows: ReadonlyArray<T>, key: (row: T) => K): Map<K, Array<T>> => {
  const groups = new Map<K, Array<T>>()
  for (const row of rows) {
    const k = key(row)
    const list = groups.get(k)
    if (list === undefined) groups.set(k, [row])
    else list.push(row)
  }
  return groups
}

/** Each side's records for several courses of one school, read together (one query per table for all of them). */
const sidesOf = (
  db: Database,
  school: School,
  entries: ReadonlyArray<{ readonly course: Course; readonly sections: ReadonlyArray<Section> }>,
  asOf: LocalDate
): Array<SideRecords> => {
  const sectionIDs = entries.flatMap((entry) => entry.sections.map((row) => row.sectionID))
  const courseIDs = unique(entries.map((entry) => entry.course.courseID))
  const rostersOf = groupBy(rowsIn(db, rosterTable, "sectionID", sectionIDs), (row) => row.sectionID)
  const scoresOf = groupBy(rowsIn(db, gradingScoreTable, "sectionID", sectionIDs), (row) => row.sectionID)
  const personIDs = unique([...rostersOf.values(), ...scoresOf.values()].flatMap((rows) => rows.map((row) => row.personID)))
  const stateIDs = new Map(
    db.connection.rawRows(`SELECT "personID", "stateID" FROM "person" WHERE "personID" IN (SELECT value FROM json_each(?))`, [JSON.stringify(personIDs)])
      .map((row) => [row[0] as number, row[1] as string | null])
  )
  const courseGradingTasks = rowsIn(db, courseGradingTaskTable, "courseID", courseIDs)
  const tasksOf = groupBy(courseGradingTasks, (row) => row.courseID)
  const taskTermsOf = groupBy(rowsIn(db, courseGradingTaskTermTable, "courseGradingTaskID", courseGradingTasks.map((row) => row.courseGradingTaskID)), (row) => row.courseGradingTaskID)
  const structures = db.connection.rawRows(`SELECT "structureID", "calendarID" FROM "scheduleStructure" WHERE "calendarID" IN (SELECT value FROM json_each(?))`, [
    JSON.stringify(unique(entries.map((entry) => entry.course.calendarID)))
  ]).map((row) => ({ structureID: row[0] as number, calendarID: row[1] as number }))
  const allTaskTermIDs = unique([...taskTermsOf.values()].flatMap((rows) => rows.map((row) => row.termID)))
  const terms = db.connection.rows(termTable, {
    tail: `WHERE "structureID" IN (SELECT value FROM json_each(?)) OR "termID" IN (SELECT value FROM json_each(?)) ORDER BY "termID"`,
    params: [JSON.stringify(unique(structures.map((row) => row.structureID))), JSON.stringify(allTaskTermIDs)]
  })
  const scoreGroupIDs = unique(courseGradingTasks.flatMap((row) => (row.scoreGroupID === null ? [] : [row.scoreGroupID])))
  const scoreGroups = rowsIn(db, scoreGroupTable, "scoreGroupID", scoreGroupIDs)
  const scoreGroupItems = rowsIn(db, scoreGroupItemTable, "scoreGroupID", scoreGroupIDs)
  const calcOptionsOf = groupBy(db.connection.rows(gradeCalcOptionTable, {
    tail: `WHERE "courseID" IN (SELECT value FROM json_each(?)) ORDER BY "optionID"`,
    params: [JSON.stringify(courseIDs)]
  }), (row) => row.courseID)
  const templates = db.connection.rows(reportCardTemplateTable, { tail: `WHERE "schoolID" = ? ORDER BY "templateID"`, params: [school.schoolID] })
  const templateTasks = rowsIn(db, reportCardTemplateTaskTable, "templateID", templates.map((row) => row.templateID))
  const alerts = db.connection.rows(processAlertTable, { tail: `WHERE "schoolID" = ? ORDER BY "alertID"`, params: [school.schoolID] })
    .filter((alert) => isAlertOpen(alert, asOf))
  const numbers = schoolNumbers(db, school)
  return entries.map(({ course, sections }) => {
    const roster: Array<RosterEntry> = sections.flatMap((section) => rostersOf.get(section.sectionID) ?? []).map((row) => ({
      rosterID: row.rosterID,
      sectionID: row.sectionID,
      personID: row.personID,
      stateID: stateIDs.get(row.personID) ?? null,
      startDate: row.startDate,
      endDate: row.endDate
    }))
    const scores: Array<ScoreEntry> = sections.flatMap((section) => scoresOf.get(section.sectionID) ?? [])
      .map((row) => ({ ...row, stateID: stateIDs.get(row.personID) ?? null }))
    const courseTasks = tasksOf.get(course.courseID) ?? []
    const taskTerms = courseTasks.flatMap((row) => taskTermsOf.get(row.courseGradingTaskID) ?? [])
    const structureIDs = new Set(structures.filter((row) => row.calendarID === course.calendarID).map((row) => row.structureID))
    const termIDs = new Set(taskTerms.map((row) => row.termID))
    const groupIDs = new Set(courseTasks.flatMap((row) => (row.scoreGroupID === null ? [] : [row.scoreGroupID])))
    return {
      database: db.key,
      ...numbers,
      schoolID: school.schoolID,
      course,
      sections,
      roster,
      gradingTasks: gradingTasksOf(db),
      courseGradingTasks: courseTasks,
      taskTerms,
      terms: terms.filter((term) => structureIDs.has(term.structureID) || termIDs.has(term.termID)),
      scores,
      scoreGroups: scoreGroups.filter((row) => groupIDs.has(row.scoreGroupID)),
      scoreGroupItems: scoreGroupItems.filter((row) => groupIDs.has(row.scoreGroupID)),
      gradeCalcOptions: calcOptionsOf.get(course.courseID) ?? [],
      reportCardTemplates: templates,
      reportCardTemplateTasks: templateTasks,
      alerts
    }
  })
}

/**
 * The exchange's databases, opened read-only when first needed and kept open
 * (with what was read from them that does not depend on the target) until
 * `close`: a run over many targets reads each database's shared rows once.
 */
export class GradeCheckReader {
  private readonly opened = new Map<string, Database>()
  constructor(readonly config: ExchangeConfig) {}

  /** The database of a configuration key, opened on first use. */
  database(key: string): Database {
    const path = this.config.databases.get(key)
    if (path === undefined) throw new Error(`no database ${key} in ${this.config.file}`)
    return cached(this.opened, key, () => openDatabase(key, path))
  }

  /** Every database of the configuration, in its order. */
  all(): ReadonlyArray<Database> {
    return [...this.config.databases.keys()].map((key) => this.database(key))
  }

  /** Reads the target's snapshots. */
  read(request: ReadRequest): ReadResult {
    return readFrom(this, request)
  }

  close(): void {
    for (const db of this.opened.values()) db.connection.close()
    this.opened.clear()
  }
}

/** Opens the databases of the configuration read-only and reads the target's snapshots. */
export const readSnapshots = (config: ExchangeConfig, request: ReadRequest): ReadResult => {
  const reader = new GradeCheckReader(config)
  try {
    return reader.read(request)
  } finally {
    reader.close()
  }
}

const findSchool = (db: Database, district: string, school: string): School | undefined =>
  db.schools.find((row) => row.number === school && db.districtNumbers.get(row.districtID) === district)

const readFrom = (reader: GradeCheckReader, request: ReadRequest): ReadResult => {
  const config = reader.config
  const { endYear, asOf } = request
  /** The databases holding a school by its numbers: those the configuration links it in first (no other database is opened for them). */
  const holdersOf = (district: string, school: string, role: "tech" | "highSchool"): Array<{ db: Database; school: School }> => {
    const linkedKeys = [...new Set(config.links.flatMap((link) =>
      link[role].district === district && link[role].school === school ? [link[role].database] : []
    ))]
    const search = (candidates: ReadonlyArray<Database>) => candidates.flatMap((db) => {
      const found = findSchool(db, district, school)
      return found === undefined ? [] : [{ db, school: found }]
    })
    const linked = search(linkedKeys.map((key) => reader.database(key)))
    return linked.length > 0 ? linked : search(reader.all())
  }
  const linkedTechSections = new Map<string, ReadonlyMap<string, TechSection>>()
  const techSectionsFor = (db: Database, school: School): ReadonlyMap<string, TechSection> => {
    const numbers = schoolNumbers(db, school)
    const key = `${db.key}\u0000${numbers.district}-${numbers.school}`
    let sections = linkedTechSections.get(key)
    if (sections === undefined) {
      sections = new Map<string, TechSection>()
      for (const link of config.links) {
        if (link.highSchool.database !== db.key || link.highSchool.district !== numbers.district || link.highSchool.school !== numbers.school) continue
        const techDb = reader.database(link.tech.database)
        const techSchool = findSchool(techDb, link.tech.district, link.tech.school)!
        for (const section of techSectionsOfSchool(techDb, techSchool, endYear)) (sections as Map<string, TechSection>).set(section.ktsTechID, section)
      }
      linkedTechSections.set(key, sections)
    }
    return sections
  }
  const isLinked = (db: Database, school: School): boolean => {
    const numbers = schoolNumbers(db, school)
    return config.links.some((link) =>
      link.highSchool.database === db.key && link.highSchool.district === numbers.district && link.highSchool.school === numbers.school
    )
  }

  /** The KTSTechID lookup and the tech side it names (read even when the section does not qualify, for the evidence). */
  const lookupTech = (db: Database, school: School, ktsTechID: string): { lookup: TechSectionLookup; tech: SideRecords | null; techDb: Database | null } => {
    const parts = parseKtsTechID(ktsTechID)
    if (parts === null) return { lookup: { status: "malformed", district: null, school: null, sectionID: null, detail: null }, tech: null, techDb: null }
    const base = { district: parts.district, school: parts.school, sectionID: parts.sectionID }
    const linked = techSectionsFor(db, school).get(ktsTechID)
    // The technical school: a linked one first, else any database holding the numbers.
    const linkedHolder = holdersOf(parts.district, parts.school, "tech")[0]
    if (linkedHolder === undefined) return { lookup: { ...base, status: "unknownSchool", detail: null }, tech: null, techDb: null }
    const techDb = linkedHolder.db
    if (linked !== undefined && linked.database === techDb.key && linked.school.schoolID === linkedHolder.school.schoolID) {
      const key = (sectionID: number) => `${sectionID}|${asOf}`
      if (!techDb.techSides.has(key(linked.section.sectionID))) {
        // Every linked tech section of the technical school at once: other high schools pair with them too.
        const all = techSectionsOfSchool(techDb, linkedHolder.school, endYear).filter((row) => !techDb.techSides.has(key(row.section.sectionID)))
        const sides = sidesOf(techDb, linkedHolder.school, all.map((row) => ({ course: row.course, sections: [row.section] })), asOf)
        all.forEach((row, index) => techDb.techSides.set(key(row.section.sectionID), sides[index]!))
      }
      return { lookup: { ...base, status: "ok", detail: null }, tech: techDb.techSides.get(key(linked.section.sectionID))!, techDb }
    }
    const section = techDb.connection.rows(sectionTable, { alias: "x", tail: `JOIN "course" c ON c."courseID" = x."courseID" JOIN "calendar" k ON k."calendarID" = c."calendarID" WHERE x."sectionID" = ? AND k."schoolID" = ?`, params: [parts.sectionID, linkedHolder.school.schoolID] })[0]
    if (section === undefined) return { lookup: { ...base, status: "noSuchSection", detail: null }, tech: null, techDb }
    const course = techDb.connection.rows(courseTable, { tail: `WHERE "courseID" = ?`, params: [section.courseID] })[0]!
    const tech = cached(techDb.techSides, `${section.sectionID}|${asOf}`, () => sideOf(techDb, linkedHolder.school, course, [section], asOf))
    if (linked !== undefined) return { lookup: { ...base, status: "ok", detail: null }, tech, techDb }
    const isLinkedTech = config.links.some((link) =>
      link.highSchool.database === db.key && link.highSchool.district === schoolNumbers(db, school).district &&
      link.highSchool.school === school.number && link.tech.database === techDb.key && link.tech.district === parts.district &&
      link.tech.school === parts.school
    )
    if (!isLinkedTech) return { lookup: { ...base, status: "schoolNotLinked", detail: null }, tech, techDb }
    return { lookup: { ...base, ...whyNotTechSection(techDb, linkedHolder.school, course, section, endYear) }, tech, techDb }
  }

  const snapshotOf = (
    db: Database,
    school: School,
    ktsCourse: KtsCourse,
    highSchool: SideRecords,
    students: (side: SideRecords) => ReadonlyArray<StudentRef>
  ): GradeCheckSnapshot => {
    const { lookup, tech, techDb } = lookupTech(db, school, ktsCourse.ktsTechID)
    const referenceDb = techDb ?? firstLinkedTechDb(db, school)
    return {
      asOf,
      endYear,
      highSchool,
      highSchoolLinked: isLinked(db, school),
      ktsTechID: ktsCourse.ktsTechID,
      techSection: lookup,
      tech,
      cteNumericScoreGroup: referenceDb === null ? null : (referenceDb.shared.cteNumericScoreGroup ??= cteNumericScoreGroupOf(referenceDb)),
      students: students(highSchool)
    }
  }
  const firstLinkedTechDb = (db: Database, school: School): Database | null => {
    const numbers = schoolNumbers(db, school)
    const link = config.links.find((row) => row.highSchool.database === db.key && row.highSchool.district === numbers.district && row.highSchool.school === numbers.school)
    return link === undefined ? null : reader.database(link.tech.database)
  }
  const persons = () =>
    request.readPersons === true ? reader.all().flatMap((db) => db.connection.rows(personTable).map((row) => identityOf(db.key, row))) : []
  const matchesCourse = (ktsCourse: KtsCourse) => request.course === undefined || ktsCourse.course.number === request.course

  const target = request.target
  if (target.kind === "school") {
    const holders = holdersOf(target.district, target.school, "highSchool")
    if (holders.length === 0) {
      throw new GradeCheckInputError({ message: `--district ${target.district} --school ${target.school}: no database of ${config.file} holds that school` })
    }
    const { db, school } = holders.find((holder) => isLinked(holder.db, holder.school)) ?? holders[0]!
    const courses = ktsCoursesOfSchool(db, school, endYear)
    const selected = courses.filter(matchesCourse)
    if (request.course !== undefined && selected.length === 0) {
      throw new GradeCheckInputError({ message: `--course ${request.course}: high school ${target.district}-${target.school} has no KTS course with that number in ${endYear}` })
    }
    const sides = sidesOf(db, school, selected, asOf)
    const snapshots = selected.map((ktsCourse, index) => snapshotOf(db, school, ktsCourse, sides[index]!, studentsOnRoster))
    return {
      snapshots,
      noPairing: snapshots.length === 0 ? { kind: "school", district: target.district, school: target.school, linked: isLinked(db, school) } : null,
      persons: persons()
    }
  }

  const databases = reader.all()
  const personIDsByDb = new Map(databases.map((db) => [
    db.key,
    db.connection.rawRows(`SELECT "personID" FROM "person" WHERE "stateID" = ? ORDER BY "personID"`, [target.stateID]).map((row) => row[0] as number)
  ]))
  if ([...personIDsByDb.values()].every((ids) => ids.length === 0)) {
    throw new GradeCheckInputError({ message: `--state-id ${target.stateID}: no database of ${config.file} has a student with that State ID` })
  }
  const snapshots: Array<GradeCheckSnapshot> = []
  for (const db of databases) {
    const personIDs = personIDsByDb.get(db.key)!
    if (personIDs.length === 0) continue
    const sectionIDs = new Set(rowsIn(db, rosterTable, "personID", personIDs).map((row) => row.sectionID))
    const schoolIDs = unique(
      db.connection.rawRows(
        `SELECT DISTINCT k."schoolID" FROM "section" x JOIN "course" c ON c."courseID" = x."courseID" JOIN "calendar" k ON k."calendarID" = c."calendarID" WHERE k."endYear" = ? AND x."sectionID" IN (SELECT value FROM json_each(?))`,
        [endYear, JSON.stringify([...sectionIDs])]
      ).map((row) => row[0] as number)
    )
    for (const schoolID of schoolIDs) {
      const school = db.schools.find((row) => row.schoolID === schoolID)!
      for (const ktsCourse of ktsCoursesOfSchool(db, school, endYear)) {
        if (!matchesCourse(ktsCourse) || !ktsCourse.sections.some((section) => sectionIDs.has(section.sectionID))) continue
        snapshots.push(snapshotOf(db, school, ktsCourse, sideOf(db, school, ktsCourse.course, ktsCourse.sections, asOf), (side) => {
          const mine = side.roster.filter((row) => personIDs.includes(row.personID))
          return unique(mine.map((row) => row.personID)).map((personID) => ({ stateID: target.stateID, highSchoolPersonID: personID }))
        }))
      }
    }
  }
  if (request.course !== undefined && snapshots.length === 0) {
    throw new GradeCheckInputError({ message: `--course ${request.course}: student ${target.stateID} is on no KTS course with that number in ${endYear}` })
  }
  return { snapshots, noPairing: snapshots.length === 0 ? { kind: "student", stateID: target.stateID } : null, persons: persons() }
}

/** Every person on the high-school sections' rosters, once, by State ID (none first) then personID. */
const studentsOnRoster = (side: SideRecords): ReadonlyArray<StudentRef> => {
  const byPerson = new Map<number, StudentRef>()
  for (const row of side.roster) byPerson.set(row.personID, { stateID: row.stateID, highSchoolPersonID: row.personID })
  return [...byPerson.values()].sort((a, b) =>
    (a.stateID === b.stateID ? 0 : a.stateID === null ? -1 : b.stateID === null ? 1 : a.stateID < b.stateID ? -1 : 1) ||
    (a.highSchoolPersonID ?? 0) - (b.highSchoolPersonID ?? 0)
  )
}

/** A reason of `@kts/sync`'s tech-section verdict in words. */
const reasonText = (reason: TechSectionReason): string => {
  switch (reason.kind) {
    case "courseInactive":
      return `course ${reason.courseNumber} is not active`
    case "noCalendar":
      return "its course's calendar is missing"
    case "otherSchool":
      return "its course's calendar belongs to another school"
    case "otherEndYear":
      return `its calendar is of end year ${reason.endYear}`
    case "summerSchool":
      return "its calendar is a summer-school calendar"
    case "trialInactive":
      return "its trial is not active"
  }
}

/** Why a section of a linked technical school is not a tech section of the end year: `@kts/sync`'s verdict over the rows it reads. */
const whyNotTechSection = (
  db: Database,
  school: School,
  course: Course,
  section: Section,
  endYear: number
): { status: TechSectionLookup["status"]; detail: string | null } => {
  const master = course.courseMasterID === null
    ? undefined
    : db.connection.rows(courseMasterTable, { tail: `WHERE "courseMasterID" = ?`, params: [course.courseMasterID] })[0]
  const catalog = master === undefined ? undefined : db.connection.rows(courseCatalogTable, { tail: `WHERE "catalogID" = ?`, params: [master.catalogID] })[0]
  const calendar = db.connection.rows(calendarTable, { tail: `WHERE "calendarID" = ?`, params: [course.calendarID] })[0]
  const trial = db.connection.rows(trialTable, { tail: `WHERE "trialID" = ?`, params: [section.trialID] })[0]
  const verdict = techSectionVerdict({ course, catalog: catalog ?? null, calendar: calendar ?? null, trial: trial ?? null }, school.schoolID, endYear)
  if (verdict.status === "notInTechCatalog") return { status: "notInTechCatalog", detail: null }
  return { status: "notTechSection", detail: verdict.status === "ok" ? null : verdict.reasons.map(reasonText).join(", ") }
}

/** The technical database's `CTE Numeric Score Group` (lowest id when several) and its items. */
const cteNumericScoreGroupOf = (db: Database) => {
  const group = db.connection.rows(scoreGroupTable, { tail: `WHERE "name" = ? ORDER BY "scoreGroupID" LIMIT 1`, params: [CTE_NUMERIC_SCORE_GROUP] })[0]
  if (group === undefined) return null
  return { scoreGroup: group, items: db.connection.rows(scoreGroupItemTable, { tail: `WHERE "scoreGroupID" = ? ORDER BY "seq", "itemID"`, params: [group.scoreGroupID] }) }
}

const identityOf = (
  database: string,
  row: { personID: number; firstName: string; lastName: string; legalFirstName: string | null; legalLastName: string | null; birthDate: string | null }
): ScannedPerson => ({
  database,
  personID: row.personID,
  firstName: row.firstName,
  lastName: row.lastName,
  legalFirstName: row.legalFirstName,
  legalLastName: row.legalLastName,
  birthDate: row.birthDate
})
