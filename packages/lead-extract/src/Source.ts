/**
 * Reads what the report needs from the store, one calendar at a time, so a
 * state-wide run never holds more than one school's data: the calendar's
 * sections with their terms, trials, courses and staff; its roster rows and
 * enrollments; then persons and program records for just the students found,
 * looked up by personID in every district (SPED plans, ILPAs, migrant and
 * foster-care records count from any district).
 *
 * Every statement is prepared once and returns raw value arrays (see
 * internal/RowReader). Person look-ups pass the calendar's personIDs as one
 * JSON array joined through `json_each` to the personID indexes, so nothing
 * is written to the store and read-only opens work.
 */
import {
  attendanceGroup as attendanceGroupTable,
  calendar as calendarTable,
  course as courseTable,
  enrollment as enrollmentTable,
  fosterCare as fosterCareTable,
  fram as framTable,
  gifted as giftedTable,
  gradeLevel as gradeLevelTable,
  homeless as homelessTable,
  lep as lepTable,
  lepAccommodation as lepAccommodationTable,
  lepService as lepServiceTable,
  migrant as migrantTable,
  militaryConnection as militaryConnectionTable,
  person as personTable,
  plan as planTable,
  section as sectionTable,
  sectionStaffHistory as sectionStaffHistoryTable,
  teamMember as teamMemberTable,
  term as termTable,
  trial as trialTable,
  type Calendar,
  type Course,
  type District,
  type Enrollment,
  type LocalDate,
  type Person,
  type Roster,
  type ScheduleStructure,
  type School,
  type SectionStaffHistory,
  type TableSpec,
  type Term,
  type Trial
} from "@kts/domain"
import { emptyPersonRecords, type PersonRecords } from "@kts/eligibility"
import type { openStore } from "@kts/store"
import { rowReader, selectList } from "./internal/RowReader.js"
import type { StaffName } from "./RowAssembly.js"
import type { CourseAttributeValue, SectionCandidate } from "./SectionSelection.js"

/** The store connection (better-sqlite3), as `@kts/store`'s `openStore` returns it. */
export type StoreDatabase = ReturnType<typeof openStore>

/** A calendar with its school and district. */
export interface CalendarScope {
  readonly district: District
  readonly school: School
  readonly calendar: Calendar
}

type Raw = ReadonlyArray<unknown>

/** No program records at all: shared by every student who has none. */
export const NoPersonRecords: PersonRecords = emptyPersonRecords()

type MutablePersonRecords = ReturnType<typeof emptyPersonRecords>

const emptyRecords = (): MutablePersonRecords => emptyPersonRecords()

// The program tables read per person, and where each lands in PersonRecords.
// Every district's records are read: the rules themselves keep the
// same-district ones where they must. (Reading the same-district tables by
// districtID instead measured no faster and held a whole district in memory.)
const ProgramTables: ReadonlyArray<readonly [TableSpec, keyof PersonRecords]> = [
  [planTable, "plans"],
  [teamMemberTable, "teamMembers"],
  [lepTable, "leps"],
  [lepServiceTable, "lepServices"],
  [lepAccommodationTable, "lepAccommodations"],
  [giftedTable, "gifted"],
  [migrantTable, "migrants"],
  [framTable, "frams"],
  [homelessTable, "homeless"],
  [fosterCareTable, "fosterCare"],
  [militaryConnectionTable, "militaryConnections"],
  [attendanceGroupTable, "attendanceGroups"]
]

interface ProgramStatement {
  readonly statement: ReturnType<StoreDatabase["prepare"]>
  readonly field: keyof PersonRecords
  readonly read: (raw: Raw) => unknown
  readonly personAt: number
  /**
   * For a table far smaller than person: the personIDs it has rows for, so
   * the look-up skips the students without any (most of them); undefined for
   * a dense table.
   */
  readonly holders: ReadonlySet<number> | undefined
}

// A table with fewer rows than this share of the persons is read only for its holders.
const SPARSE_SHARE = 1 / 3

/**
 * Where a program table's rows come from, and whose records they join. An
 * attendance group belongs to the student of its enrollment (the rule reads "the
 * group on the reported enrollment"), whatever its own personID says; every other
 * table is read by its personID.
 */
const programSource = (table: TableSpec): { readonly joins: string; readonly from: string; readonly owner: string } =>
  table.name === attendanceGroupTable.name
    ? {
      joins: `JOIN "enrollment" e ON e."personID" = j."value" JOIN "attendanceGroup" t ON t."enrollmentID" = e."enrollmentID"`,
      from: `"enrollment" e JOIN "attendanceGroup" t ON t."enrollmentID" = e."enrollmentID"`,
      owner: `e."personID"`
    }
    : { joins: `JOIN "${table.name}" t ON t."personID" = j."value"`, from: `"${table.name}" t`, owner: `t."personID"` }

const programStatement = (db: StoreDatabase, table: TableSpec, field: keyof PersonRecords, persons: number): ProgramStatement => {
  const rows = db.prepare(`SELECT count(*) FROM "${table.name}"`).pluck().get() as number
  const { from, joins, owner } = programSource(table)
  return {
    statement: db.prepare(`SELECT ${selectList(table, "t")}, ${owner} FROM json_each(?) j ${joins}`).raw(true),
    field,
    read: rowReader(table),
    personAt: Object.keys(table.columns).length, // the owner, selected after the table's columns
    holders: rows < persons * SPARSE_SHARE
      ? new Set(db.prepare(`SELECT DISTINCT ${owner} FROM ${from}`).pluck().all() as Array<number>)
      : undefined
  }
}

const collect = (
  records: Map<number, MutablePersonRecords>,
  { field, holders, personAt, read, statement }: ProgramStatement,
  personIDs: ReadonlyArray<number>,
  allIDs: string
): void => {
  let ids = allIDs
  if (holders !== undefined) {
    const held = personIDs.filter((personID) => holders.has(personID))
    if (held.length === 0) return
    ids = JSON.stringify(held)
  }
  const rows = statement.all(ids) as Array<Raw>
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    const personID = row[personAt] as number
    let held = records.get(personID)
    if (held === undefined) {
      held = emptyRecords()
      records.set(personID, held)
    }
    ;(held[field] as Array<unknown>).push(read(row))
  }
}

const readCalendar = rowReader(calendarTable)
const readCourse = rowReader(courseTable)
const readEnrollment = rowReader(enrollmentTable)
const readGradeLevel = rowReader(gradeLevelTable)
const readPerson = rowReader(personTable)
const readSection = rowReader(sectionTable)
const readStaffHistory = rowReader(sectionStaffHistoryTable)
const readTerm = rowReader(termTable)
const readTrial = rowReader(trialTable)

const pushTo = <K, V>(map: Map<K, Array<V>>, key: K, value: V): void => {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

// Rows of a calendar's sections all reach the calendar through section → course.
const SECTION_OF_CALENDAR = `JOIN "section" s ON s."sectionID" = x."sectionID"
  JOIN "course" c ON c."courseID" = s."courseID"
  WHERE c."calendarID" = ?`

const CALENDAR_COLUMNS = Object.keys(calendarTable.columns).length

/** Reads the store for the report. One per run; statements are prepared on creation. */
export class LeadSource {
  private readonly statements
  private readonly staffNames = new Map<number, StaffName | undefined>()
  private planModuleMap: ReadonlyMap<number, string> | undefined
  private programStatements: ReadonlyArray<ProgramStatement> | undefined

  constructor(readonly db: StoreDatabase) {
    const prepare = (sql: string) => db.prepare(sql).raw(true)
    this.statements = {
      endYears: db.prepare(`SELECT DISTINCT "endYear" FROM "calendar" ORDER BY "endYear"`).pluck(),
      districtNumbers: db.prepare(`SELECT DISTINCT "number" FROM "district"`).pluck(),
      sectionCount: db.prepare(`SELECT count(*) FROM "section" s JOIN "course" c ON c."courseID" = s."courseID"
        WHERE c."calendarID" = ?`).pluck(),
      lastInstructionalDay: db.prepare(`SELECT max("date") FROM "day" WHERE "structureID" = ? AND "instruction" = 1`)
        .pluck(),
      calendarsOfYear: prepare(`SELECT ${selectList(calendarTable, "cal")},
          s."districtID", s."number", s."name", s."stateClassification", d."number", d."name"
        FROM "calendar" cal
        JOIN "school" s ON s."schoolID" = cal."schoolID"
        JOIN "district" d ON d."districtID" = s."districtID"
        WHERE cal."endYear" = ?
        ORDER BY cal."calendarID"`),
      structures: prepare(`SELECT "structureID", "calendarID", "name" FROM "scheduleStructure"
        WHERE "calendarID" = ? ORDER BY "structureID"`),
      gradeLevels: prepare(`SELECT ${selectList(gradeLevelTable, "g")} FROM "gradeLevel" g
        WHERE g."calendarID" = ? ORDER BY g."gradeLevelID"`),
      trials: prepare(`SELECT ${selectList(trialTable, "t")} FROM "trial" t
        JOIN "scheduleStructure" ss ON ss."structureID" = t."structureID"
        WHERE ss."calendarID" = ?`),
      terms: prepare(`SELECT ${selectList(termTable, "t")} FROM "term" t
        JOIN "scheduleStructure" ss ON ss."structureID" = t."structureID"
        WHERE ss."calendarID" = ?`),
      courses: prepare(`SELECT ${selectList(courseTable, "c")}, k."name" FROM "course" c
        LEFT JOIN "courseMaster" m ON m."courseMasterID" = c."courseMasterID"
        LEFT JOIN "courseCatalog" k ON k."catalogID" = m."catalogID"
        WHERE c."calendarID" = ?`),
      courseAttributes: prepare(`SELECT cc."customID", cc."courseID", a."object", a."element", cc."value"
        FROM "customCourse" cc
        JOIN "course" c ON c."courseID" = cc."courseID"
        JOIN "campusAttribute" a ON a."attributeID" = cc."attributeID"
        WHERE c."calendarID" = ?`),
      sections: prepare(`SELECT ${selectList(sectionTable, "x")} FROM "section" x
        JOIN "course" c ON c."courseID" = x."courseID"
        WHERE c."calendarID" = ?
        ORDER BY x."sectionID"`),
      placements: prepare(`SELECT x."sectionID", x."termID" FROM "sectionPlacement" x ${SECTION_OF_CALENDAR}`),
      staffHistory: prepare(`SELECT ${selectList(sectionStaffHistoryTable, "x")} FROM "sectionStaffHistory" x
        ${SECTION_OF_CALENDAR}`),
      rosters: prepare(`SELECT x."rosterID", x."sectionID", x."personID", x."startDate", x."endDate"
        FROM "roster" x ${SECTION_OF_CALENDAR}`),
      enrollments: prepare(`SELECT ${selectList(enrollmentTable, "e")} FROM "enrollment" e WHERE e."calendarID" = ?`),
      persons: prepare(`SELECT ${selectList(personTable, "p")} FROM json_each(?) j
        JOIN "person" p ON p."personID" = j."value"`),
      staffName: prepare(`SELECT "firstName", "lastName" FROM "person" WHERE "personID" = ?`),
      planTypes: prepare(`SELECT "planTypeID", "module" FROM "planType"`),


      personsByStateID: prepare(`SELECT ${selectList(personTable, "p")} FROM "person" p
        WHERE p."stateID" = ? ORDER BY p."personID"`),
      rostersOfPerson: prepare(`SELECT x."rosterID", x."sectionID", x."personID", x."startDate", x."endDate", c."calendarID"
        FROM "roster" x
        JOIN "section" s ON s."sectionID" = x."sectionID"
        JOIN "course" c ON c."courseID" = s."courseID"
        JOIN "calendar" cal ON cal."calendarID" = c."calendarID"
        WHERE x."personID" = ? AND cal."endYear" = ?
        ORDER BY x."sectionID", x."rosterID"`),
      enrollmentsOfPerson: prepare(`SELECT ${selectList(enrollmentTable, "e")} FROM "enrollment" e
        WHERE e."personID" = ? ORDER BY e."enrollmentID"`)
    }
  }

  /** The calendar end years the store holds, ascending. */
  endYears(): Array<number> {
    return this.statements.endYears.all() as Array<number>
  }

  /** Every district number in the store. */
  districtNumbers(): Set<string> {
    return new Set(this.statements.districtNumbers.all() as Array<string>)
  }

  /** Every calendar with `endYear`, with its school and district (school and district objects shared). */
  calendarsOfYear(endYear: number): Array<CalendarScope> {
    const schools = new Map<number, School>()
    const districts = new Map<number, District>()
    return (this.statements.calendarsOfYear.all(endYear) as Array<Raw>).map((row) => {
      const calendar = readCalendar(row)
      const at = CALENDAR_COLUMNS
      const districtID = row[at] as number
      let district = districts.get(districtID)
      if (district === undefined) {
        district = { districtID, number: row[at + 4] as string, name: row[at + 5] as string }
        districts.set(districtID, district)
      }
      let school = schools.get(calendar.schoolID)
      if (school === undefined) {
        school = {
          schoolID: calendar.schoolID,
          districtID,
          number: row[at + 1] as string,
          name: row[at + 2] as string,
          stateClassification: row[at + 3] as string | null
        }
        schools.set(school.schoolID, school)
      }
      return { district, school, calendar }
    })
  }

  /** How many sections a calendar has (before any rule). */
  sectionCount(calendarID: number): number {
    return this.statements.sectionCount.get(calendarID) as number
  }

  /** planTypeID → planType.module, read once. */
  planModules(): ReadonlyMap<number, string> {
    if (this.planModuleMap === undefined) {
      const map = new Map<number, string>()
      for (const row of this.statements.planTypes.all() as Array<[number, string]>) map.set(row[0], row[1])
      this.planModuleMap = map
    }
    return this.planModuleMap
  }

  /**
   * The calendar's sections with everything the section rules read, in
   * sectionID order. A section whose trial or course is missing from the
   * calendar (an inconsistent store) is skipped.
   */
  sectionCandidates(scope: CalendarScope): Array<SectionCandidate> {
    const s = this.statements
    const calendarID = scope.calendar.calendarID
    const structures = new Map<number, ScheduleStructure>()
    const lastDays = new Map<number, LocalDate | null>()
    for (const [structureID, ownerID, name] of s.structures.all(calendarID) as Array<[number, number, string]>) {
      structures.set(structureID, { structureID, calendarID: ownerID, name })
      lastDays.set(structureID, (s.lastInstructionalDay.get(structureID) as LocalDate | null) ?? null)
    }
    const gradeLevels = (s.gradeLevels.all(calendarID) as Array<Raw>).map(readGradeLevel)
    const trials = new Map<number, Trial>()
    for (const row of s.trials.all(calendarID) as Array<Raw>) {
      const trial = readTrial(row)
      trials.set(trial.trialID, trial)
    }
    const terms = new Map<number, Term>()
    for (const row of s.terms.all(calendarID) as Array<Raw>) {
      const term = readTerm(row)
      terms.set(term.termID, term)
    }
    const catalogAt = Object.keys(courseTable.columns).length
    const courses = new Map<number, { course: Course; catalogName: string | null }>()
    for (const row of s.courses.all(calendarID) as Array<Raw>) {
      const course = readCourse(row)
      courses.set(course.courseID, { course, catalogName: row[catalogAt] as string | null })
    }
    const attributes = new Map<number, Array<CourseAttributeValue>>()
    for (const [customID, courseID, object, element, value] of s.courseAttributes.all(calendarID) as Array<
      [number, number, string, string, string | null]
    >) {
      pushTo(attributes, courseID, { customID, courseID, object, element, value })
    }
    const placedTerms = new Map<number, Array<Term>>()
    for (const [sectionID, termID] of s.placements.all(calendarID) as Array<[number, number]>) {
      const term = terms.get(termID)
      if (term === undefined) continue
      const list = placedTerms.get(sectionID)
      if (list === undefined) placedTerms.set(sectionID, [term])
      else if (!list.includes(term)) list.push(term)
    }
    const staff = new Map<number, Array<SectionStaffHistory>>()
    for (const row of s.staffHistory.all(calendarID) as Array<Raw>) {
      const history = readStaffHistory(row)
      pushTo(staff, history.sectionID, history)
    }

    const candidates: Array<SectionCandidate> = []
    for (const row of s.sections.all(calendarID) as Array<Raw>) {
      const section = readSection(row)
      const trial = trials.get(section.trialID)
      const structure = trial === undefined ? undefined : structures.get(trial.structureID)
      const course = courses.get(section.courseID)
      if (trial === undefined || structure === undefined || course === undefined) continue
      candidates.push({
        district: scope.district,
        school: scope.school,
        calendar: scope.calendar,
        course: course.course,
        catalogName: course.catalogName,
        courseAttributes: attributes.get(section.courseID) ?? [],
        section,
        trial,
        structure,
        placedTerms: placedTerms.get(section.sectionID) ?? [],
        lastInstructionalDay: lastDays.get(structure.structureID) ?? null,
        gradeLevels,
        staffHistory: staff.get(section.sectionID) ?? []
      })
    }
    return candidates
  }

  /** The calendar's roster rows, by sectionID. */
  rostersBySection(calendarID: number): Map<number, Array<Roster>> {
    const bySection = new Map<number, Array<Roster>>()
    const rows = this.statements.rosters.all(calendarID) as Array<[number, number, number, LocalDate | null, LocalDate | null]>
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!
      pushTo(bySection, row[1], { rosterID: row[0], sectionID: row[1], personID: row[2], startDate: row[3], endDate: row[4] })
    }
    return bySection
  }

  /** The calendar's enrollments, by personID. */
  enrollmentsByPerson(calendarID: number): Map<number, Array<Enrollment>> {
    const byPerson = new Map<number, Array<Enrollment>>()
    const rows = this.statements.enrollments.all(calendarID) as Array<Raw>
    for (let index = 0; index < rows.length; index++) {
      const enrollment = readEnrollment(rows[index]!)
      pushTo(byPerson, enrollment.personID, enrollment)
    }
    return byPerson
  }

  /** The persons with these ids. */
  persons(personIDs: ReadonlyArray<number>): Map<number, Person> {
    const persons = new Map<number, Person>()
    if (personIDs.length === 0) return persons
    for (const row of this.statements.persons.all(JSON.stringify(personIDs)) as Array<Raw>) {
      const person = readPerson(row)
      persons.set(person.personID, person)
    }
    return persons
  }

  /** Every program record (any district) of these persons, by personID; persons with none are absent. */
  personRecords(personIDs: ReadonlyArray<number>): Map<number, PersonRecords> {
    const records = new Map<number, MutablePersonRecords>()
    if (personIDs.length === 0) return records
    const ids = JSON.stringify(personIDs)
    for (const statement of this.programs()) collect(records, statement, personIDs, ids)
    return records
  }

  // Prepared on first use: sizing the tables reads them once.
  private programs(): ReadonlyArray<ProgramStatement> {
    if (this.programStatements === undefined) {
      const persons = this.db.prepare(`SELECT count(*) FROM "person"`).pluck().get() as number
      this.programStatements = ProgramTables.map(([table, field]) => programStatement(this.db, table, field, persons))
    }
    return this.programStatements
  }

  /** A staff member's preferred names (cached for the run); undefined when no such person. */
  staffName(personID: number): StaffName | undefined {
    if (this.staffNames.has(personID)) return this.staffNames.get(personID)
    const row = this.statements.staffName.get(personID) as [string, string] | undefined
    const name = row === undefined ? undefined : { firstName: row[0], lastName: row[1] }
    this.staffNames.set(personID, name)
    return name
  }

  // ── explain ───────────────────────────────────────────────────────────────

  /** Persons whose stateID is exactly `stateID`. */
  personsByStateID(stateID: string): Array<Person> {
    return (this.statements.personsByStateID.all(stateID) as Array<Raw>).map(readPerson)
  }

  /** A person's roster rows in calendars with `endYear`, with each row's calendarID. */
  rostersOfPerson(personID: number, endYear: number): Array<Roster & { readonly calendarID: number }> {
    return (this.statements.rostersOfPerson.all(personID, endYear) as Array<
      [number, number, number, LocalDate | null, LocalDate | null, number]
    >).map((row) => ({
      rosterID: row[0],
      sectionID: row[1],
      personID: row[2],
      startDate: row[3],
      endDate: row[4],
      calendarID: row[5]
    }))
  }

  /** Every enrollment of a person. */
  enrollmentsOfPerson(personID: number): Array<Enrollment> {
    return (this.statements.enrollmentsOfPerson.all(personID) as Array<Raw>).map(readEnrollment)
  }
}
