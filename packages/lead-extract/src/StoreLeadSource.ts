/**
 * The report's source over the store: every query the report and `explain`
 * run, built from the domain's table declarations (no column or table name
 * spelled here, no bool encoding: `col`, `columnsOf`, `isTrue` and the
 * store's row readers do that).
 *
 * Every query is prepared once and returns raw value arrays, decoded by a
 * reader compiled per table. Person look-ups pass the calendar's personIDs
 * as one JSON array joined through `json_each` to the personID indexes, so
 * nothing is written to the store and read-only opens work.
 */
import {
  attendanceGroup,
  calendar,
  campusAttribute,
  course,
  courseCatalog,
  courseMaster,
  customCourse,
  day,
  district,
  enrollment,
  fosterCare,
  fram,
  gifted,
  gradeLevel,
  homeless,
  lep,
  lepAccommodation,
  lepService,
  migrant,
  militaryConnection,
  person,
  plan,
  planType,
  roster,
  scheduleStructure,
  school,
  section,
  sectionPlacement,
  sectionStaffHistory,
  teamMember,
  term,
  trial,
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
import {
  col,
  columnCount,
  columnsOf,
  isTrue,
  type Query,
  type RawRow,
  rowReader,
  type StoreConnection,
  tableRef
} from "@kts/store"
import type { StaffName } from "./RowAssembly.js"
import type { CourseAttributeValue, SectionCandidate } from "./SectionSelection.js"
import type { CalendarScope, LeadSource } from "./Source.js"

type MutablePersonRecords = ReturnType<typeof emptyPersonRecords>

// The program tables read per person, and where each lands in PersonRecords.
// Every district's records are read: the rules themselves keep the
// same-district ones where they must. (Reading the same-district tables by
// districtID instead measured no faster and held a whole district in memory.)
const ProgramTables: ReadonlyArray<readonly [TableSpec, keyof PersonRecords]> = [
  [plan, "plans"],
  [teamMember, "teamMembers"],
  [lep, "leps"],
  [lepService, "lepServices"],
  [lepAccommodation, "lepAccommodations"],
  [gifted, "gifted"],
  [migrant, "migrants"],
  [fram, "frams"],
  [homeless, "homeless"],
  [fosterCare, "fosterCare"],
  [militaryConnection, "militaryConnections"],
  [attendanceGroup, "attendanceGroups"]
]

interface ProgramQuery {
  readonly query: Query
  readonly field: keyof PersonRecords
  readonly read: (raw: RawRow) => unknown
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

// A program table's rows as `t`, the personIDs looked up as `j."value"` (json_each).
const PERSON_IDS = `json_each(?) j`
const personID = `j."value"`

/**
 * Where a program table's rows come from, and whose records they join. An
 * attendance group belongs to the student of its enrollment (the rule reads "the
 * group on the reported enrollment"), whatever its own personID says; every other
 * table is read by its personID.
 */
const programSource = (table: TableSpec): { readonly joins: string; readonly from: string; readonly owner: string } => {
  if (table === attendanceGroup) {
    const groupOfEnrollment = `${col(attendanceGroup, "enrollmentID", "t")} = ${col(enrollment, "enrollmentID", "e")}`
    return {
      joins: `JOIN ${tableRef(enrollment, "e")} ON ${col(enrollment, "personID", "e")} = ${personID}
        JOIN ${tableRef(attendanceGroup, "t")} ON ${groupOfEnrollment}`,
      from: `${tableRef(enrollment, "e")} JOIN ${tableRef(attendanceGroup, "t")} ON ${groupOfEnrollment}`,
      owner: col(enrollment, "personID", "e")
    }
  }
  const owner = col(table, "personID", "t")
  return { joins: `JOIN ${tableRef(table, "t")} ON ${owner} = ${personID}`, from: tableRef(table, "t"), owner }
}

const programQuery = (store: StoreConnection, table: TableSpec, field: keyof PersonRecords, persons: number): ProgramQuery => {
  const { from, joins, owner } = programSource(table)
  return {
    query: store.query(`SELECT ${columnsOf(table, "t")}, ${owner} FROM ${PERSON_IDS} ${joins}`),
    field,
    read: rowReader(table),
    personAt: columnCount(table), // the owner, selected after the table's columns
    holders: store.count(table) < persons * SPARSE_SHARE
      ? new Set(store.query(`SELECT DISTINCT ${owner} FROM ${from}`).column<number>())
      : undefined
  }
}

const collect = (
  records: Map<number, MutablePersonRecords>,
  { field, holders, personAt, query, read }: ProgramQuery,
  personIDs: ReadonlyArray<number>,
  allIDs: string
): void => {
  let ids = allIDs
  if (holders !== undefined) {
    const held = personIDs.filter((id) => holders.has(id))
    if (held.length === 0) return
    ids = JSON.stringify(held)
  }
  const rows = query.all(ids)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    const owner = row[personAt] as number
    let found = records.get(owner)
    if (found === undefined) {
      found = emptyPersonRecords()
      records.set(owner, found)
    }
    ;(found[field] as Array<unknown>).push(read(row))
  }
}

const readCalendar = rowReader(calendar)
const readSchool = rowReader(school, columnCount(calendar))
const readDistrict = rowReader(district, columnCount(calendar) + columnCount(school))
const readCourse = rowReader(course)
const readEnrollment = rowReader(enrollment)
const readGradeLevel = rowReader(gradeLevel)
const readPerson = rowReader(person)
const readRoster = rowReader(roster)
const readSection = rowReader(section)
const readStaffHistory = rowReader(sectionStaffHistory)
const readStructure = rowReader(scheduleStructure)
const readTerm = rowReader(term)
const readTrial = rowReader(trial)

const pushTo = <K, V>(map: Map<K, Array<V>>, key: K, value: V): void => {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

// Rows `x` of a calendar's sections all reach the calendar through section → course.
const SECTION_OF_CALENDAR = (table: typeof sectionPlacement | typeof sectionStaffHistory | typeof roster) =>
  `JOIN ${tableRef(section, "s")} ON ${col(section, "sectionID", "s")} = ${col(table, "sectionID", "x")}
  JOIN ${tableRef(course, "c")} ON ${col(course, "courseID", "c")} = ${col(section, "courseID", "s")}
  WHERE ${col(course, "calendarID", "c")} = ?`

// A calendar's rows `t` that reach it through their schedule structure.
const STRUCTURE_OF_CALENDAR = (table: typeof trial | typeof term) =>
  `JOIN ${tableRef(scheduleStructure, "ss")} ON ${col(scheduleStructure, "structureID", "ss")} = ${col(table, "structureID", "t")}
  WHERE ${col(scheduleStructure, "calendarID", "ss")} = ?`

const queries = (store: StoreConnection) => ({
  endYears: store.query(`SELECT DISTINCT ${col(calendar, "endYear")} FROM ${tableRef(calendar)} ORDER BY 1`),
  districtNumbers: store.query(`SELECT DISTINCT ${col(district, "number")} FROM ${tableRef(district)}`),
  sectionCount: store.query(`SELECT count(*) FROM ${tableRef(section, "s")}
    JOIN ${tableRef(course, "c")} ON ${col(course, "courseID", "c")} = ${col(section, "courseID", "s")}
    WHERE ${col(course, "calendarID", "c")} = ?`),
  lastInstructionalDay: store.query(`SELECT max(${col(day, "date", "d")}) FROM ${tableRef(day, "d")}
    WHERE ${col(day, "structureID", "d")} = ? AND ${isTrue(day, "instruction", "d")}`),
  calendarsOfYear: store.query(`SELECT ${columnsOf(calendar, "cal")}, ${columnsOf(school, "sc")}, ${columnsOf(district, "d")}
    FROM ${tableRef(calendar, "cal")}
    JOIN ${tableRef(school, "sc")} ON ${col(school, "schoolID", "sc")} = ${col(calendar, "schoolID", "cal")}
    JOIN ${tableRef(district, "d")} ON ${col(district, "districtID", "d")} = ${col(school, "districtID", "sc")}
    WHERE ${col(calendar, "endYear", "cal")} = ?
    ORDER BY ${col(calendar, "calendarID", "cal")}`),
  structures: store.query(`SELECT ${columnsOf(scheduleStructure, "ss")} FROM ${tableRef(scheduleStructure, "ss")}
    WHERE ${col(scheduleStructure, "calendarID", "ss")} = ? ORDER BY ${col(scheduleStructure, "structureID", "ss")}`),
  gradeLevels: store.query(`SELECT ${columnsOf(gradeLevel, "g")} FROM ${tableRef(gradeLevel, "g")}
    WHERE ${col(gradeLevel, "calendarID", "g")} = ? ORDER BY ${col(gradeLevel, "gradeLevelID", "g")}`),
  trials: store.query(`SELECT ${columnsOf(trial, "t")} FROM ${tableRef(trial, "t")} ${STRUCTURE_OF_CALENDAR(trial)}`),
  terms: store.query(`SELECT ${columnsOf(term, "t")} FROM ${tableRef(term, "t")} ${STRUCTURE_OF_CALENDAR(term)}`),
  courses: store.query(`SELECT ${columnsOf(course, "c")}, ${col(courseCatalog, "name", "k")} FROM ${tableRef(course, "c")}
    LEFT JOIN ${tableRef(courseMaster, "m")} ON ${col(courseMaster, "courseMasterID", "m")} = ${col(course, "courseMasterID", "c")}
    LEFT JOIN ${tableRef(courseCatalog, "k")} ON ${col(courseCatalog, "catalogID", "k")} = ${col(courseMaster, "catalogID", "m")}
    WHERE ${col(course, "calendarID", "c")} = ?`),
  courseAttributes: store.query(`SELECT ${col(customCourse, "customID", "cc")}, ${col(customCourse, "courseID", "cc")},
      ${col(campusAttribute, "object", "a")}, ${col(campusAttribute, "element", "a")}, ${col(customCourse, "value", "cc")}
    FROM ${tableRef(customCourse, "cc")}
    JOIN ${tableRef(course, "c")} ON ${col(course, "courseID", "c")} = ${col(customCourse, "courseID", "cc")}
    JOIN ${tableRef(campusAttribute, "a")} ON ${col(campusAttribute, "attributeID", "a")} = ${col(customCourse, "attributeID", "cc")}
    WHERE ${col(course, "calendarID", "c")} = ?`),
  sections: store.query(`SELECT ${columnsOf(section, "x")} FROM ${tableRef(section, "x")}
    JOIN ${tableRef(course, "c")} ON ${col(course, "courseID", "c")} = ${col(section, "courseID", "x")}
    WHERE ${col(course, "calendarID", "c")} = ?
    ORDER BY ${col(section, "sectionID", "x")}`),
  placements: store.query(`SELECT ${col(sectionPlacement, "sectionID", "x")}, ${col(sectionPlacement, "termID", "x")}
    FROM ${tableRef(sectionPlacement, "x")} ${SECTION_OF_CALENDAR(sectionPlacement)}`),
  staffHistory: store.query(`SELECT ${columnsOf(sectionStaffHistory, "x")} FROM ${tableRef(sectionStaffHistory, "x")}
    ${SECTION_OF_CALENDAR(sectionStaffHistory)}`),
  rosters: store.query(`SELECT ${columnsOf(roster, "x")} FROM ${tableRef(roster, "x")} ${SECTION_OF_CALENDAR(roster)}`),
  enrollments: store.query(`SELECT ${columnsOf(enrollment, "e")} FROM ${tableRef(enrollment, "e")}
    WHERE ${col(enrollment, "calendarID", "e")} = ?`),
  persons: store.query(`SELECT ${columnsOf(person, "p")} FROM ${PERSON_IDS}
    JOIN ${tableRef(person, "p")} ON ${col(person, "personID", "p")} = ${personID}`),
  staffName: store.query(`SELECT ${col(person, "firstName")}, ${col(person, "lastName")} FROM ${tableRef(person)}
    WHERE ${col(person, "personID")} = ?`),
  planTypes: store.query(`SELECT ${col(planType, "planTypeID")}, ${col(planType, "module")} FROM ${tableRef(planType)}`),

  personsByStateID: store.query(`SELECT ${columnsOf(person, "p")} FROM ${tableRef(person, "p")}
    WHERE ${col(person, "stateID", "p")} = ? ORDER BY ${col(person, "personID", "p")}`),
  rostersOfPerson: store.query(`SELECT ${columnsOf(roster, "x")}, ${col(course, "calendarID", "c")}
    FROM ${tableRef(roster, "x")}
    JOIN ${tableRef(section, "s")} ON ${col(section, "sectionID", "s")} = ${col(roster, "sectionID", "x")}
    JOIN ${tableRef(course, "c")} ON ${col(course, "courseID", "c")} = ${col(section, "courseID", "s")}
    JOIN ${tableRef(calendar, "cal")} ON ${col(calendar, "calendarID", "cal")} = ${col(course, "calendarID", "c")}
    WHERE ${col(roster, "personID", "x")} = ? AND ${col(calendar, "endYear", "cal")} = ?
    ORDER BY ${col(roster, "sectionID", "x")}, ${col(roster, "rosterID", "x")}`),
  enrollmentsOfPerson: store.query(`SELECT ${columnsOf(enrollment, "e")} FROM ${tableRef(enrollment, "e")}
    WHERE ${col(enrollment, "personID", "e")} = ? ORDER BY ${col(enrollment, "enrollmentID", "e")}`)
})

/** The report's source over an open store. One per run (and per worker); queries are prepared on creation. */
export class StoreLeadSource implements LeadSource {
  private readonly queries
  private readonly staffNames = new Map<number, StaffName | undefined>()
  private planModuleMap: ReadonlyMap<number, string> | undefined
  private programQueries: ReadonlyArray<ProgramQuery> | undefined

  constructor(readonly store: StoreConnection) {
    this.queries = queries(store)
  }

  workerStorePath(): string | undefined {
    return this.store.shareablePath()
  }

  endYears(): Array<number> {
    return this.queries.endYears.column<number>()
  }

  districtNumbers(): Set<string> {
    return new Set(this.queries.districtNumbers.column<string>())
  }

  calendarsOfYear(endYear: number): Array<CalendarScope> {
    const schools = new Map<number, School>()
    const districts = new Map<number, District>()
    return this.queries.calendarsOfYear.all(endYear).map((row) => {
      const found = readCalendar(row)
      let theSchool = schools.get(found.schoolID)
      if (theSchool === undefined) {
        theSchool = readSchool(row)
        schools.set(theSchool.schoolID, theSchool)
      }
      let theDistrict = districts.get(theSchool.districtID)
      if (theDistrict === undefined) {
        theDistrict = readDistrict(row)
        districts.set(theDistrict.districtID, theDistrict)
      }
      return { district: theDistrict, school: theSchool, calendar: found }
    })
  }

  sectionCount(calendarID: number): number {
    return this.queries.sectionCount.value<number>(calendarID) ?? 0
  }

  planModules(): ReadonlyMap<number, string> {
    if (this.planModuleMap === undefined) {
      const map = new Map<number, string>()
      for (const row of this.queries.planTypes.all()) map.set(row[0] as number, row[1] as string)
      this.planModuleMap = map
    }
    return this.planModuleMap
  }

  sectionCandidates(scope: CalendarScope): Array<SectionCandidate> {
    const q = this.queries
    const calendarID = scope.calendar.calendarID
    const structures = new Map<number, ScheduleStructure>()
    const lastDays = new Map<number, LocalDate | null>()
    for (const row of q.structures.all(calendarID)) {
      const structure = readStructure(row)
      structures.set(structure.structureID, structure)
      lastDays.set(structure.structureID, q.lastInstructionalDay.value<LocalDate | null>(structure.structureID) ?? null)
    }
    const gradeLevels = q.gradeLevels.all(calendarID).map(readGradeLevel)
    const trials = new Map<number, Trial>()
    for (const row of q.trials.all(calendarID)) {
      const found = readTrial(row)
      trials.set(found.trialID, found)
    }
    const terms = new Map<number, Term>()
    for (const row of q.terms.all(calendarID)) {
      const found = readTerm(row)
      terms.set(found.termID, found)
    }
    const catalogAt = columnCount(course)
    const courses = new Map<number, { course: Course; catalogName: string | null }>()
    for (const row of q.courses.all(calendarID)) {
      const found = readCourse(row)
      courses.set(found.courseID, { course: found, catalogName: row[catalogAt] as string | null })
    }
    const attributes = new Map<number, Array<CourseAttributeValue>>()
    for (const row of q.courseAttributes.all(calendarID)) {
      const [customID, courseID, object, element, value] = row as [number, number, string, string, string | null]
      pushTo(attributes, courseID, { customID, courseID, object, element, value })
    }
    const placedTerms = new Map<number, Array<Term>>()
    for (const row of q.placements.all(calendarID)) {
      const found = terms.get(row[1] as number)
      if (found === undefined) continue
      const sectionID = row[0] as number
      const list = placedTerms.get(sectionID)
      if (list === undefined) placedTerms.set(sectionID, [found])
      else if (!list.includes(found)) list.push(found)
    }
    const staff = new Map<number, Array<SectionStaffHistory>>()
    for (const row of q.staffHistory.all(calendarID)) {
      const history = readStaffHistory(row)
      pushTo(staff, history.sectionID, history)
    }

    const candidates: Array<SectionCandidate> = []
    for (const row of q.sections.all(calendarID)) {
      const found = readSection(row)
      const theTrial = trials.get(found.trialID)
      const structure = theTrial === undefined ? undefined : structures.get(theTrial.structureID)
      const theCourse = courses.get(found.courseID)
      if (theTrial === undefined || structure === undefined || theCourse === undefined) continue
      candidates.push({
        district: scope.district,
        school: scope.school,
        calendar: scope.calendar,
        course: theCourse.course,
        catalogName: theCourse.catalogName,
        courseAttributes: attributes.get(found.courseID) ?? [],
        section: found,
        trial: theTrial,
        structure,
        placedTerms: placedTerms.get(found.sectionID) ?? [],
        lastInstructionalDay: lastDays.get(structure.structureID) ?? null,
        gradeLevels,
        staffHistory: staff.get(found.sectionID) ?? []
      })
    }
    return candidates
  }

  rostersBySection(calendarID: number): Map<number, Array<Roster>> {
    const bySection = new Map<number, Array<Roster>>()
    const rows = this.queries.rosters.all(calendarID)
    for (let index = 0; index < rows.length; index++) {
      const found = readRoster(rows[index]!)
      pushTo(bySection, found.sectionID, found)
    }
    return bySection
  }

  enrollmentsByPerson(calendarID: number): Map<number, Array<Enrollment>> {
    const byPerson = new Map<number, Array<Enrollment>>()
    const rows = this.queries.enrollments.all(calendarID)
    for (let index = 0; index < rows.length; index++) {
      const found = readEnrollment(rows[index]!)
      pushTo(byPerson, found.personID, found)
    }
    return byPerson
  }

  persons(personIDs: ReadonlyArray<number>): Map<number, Person> {
    const persons = new Map<number, Person>()
    if (personIDs.length === 0) return persons
    for (const row of this.queries.persons.all(JSON.stringify(personIDs))) {
      const found = readPerson(row)
      persons.set(found.personID, found)
    }
    return persons
  }

  personRecords(personIDs: ReadonlyArray<number>): Map<number, PersonRecords> {
    const records = new Map<number, MutablePersonRecords>()
    if (personIDs.length === 0) return records
    const ids = JSON.stringify(personIDs)
    for (const query of this.programs()) collect(records, query, personIDs, ids)
    return records
  }

  // Prepared on first use: sizing the tables reads them once.
  private programs(): ReadonlyArray<ProgramQuery> {
    if (this.programQueries === undefined) {
      const persons = this.store.count(person)
      this.programQueries = ProgramTables.map(([table, field]) => programQuery(this.store, table, field, persons))
    }
    return this.programQueries
  }

  staffName(personID: number): StaffName | undefined {
    if (this.staffNames.has(personID)) return this.staffNames.get(personID)
    const row = this.queries.staffName.first(personID)
    const name = row === undefined ? undefined : { firstName: row[0] as string, lastName: row[1] as string }
    this.staffNames.set(personID, name)
    return name
  }

  personsByStateID(stateID: string): Array<Person> {
    return this.queries.personsByStateID.all(stateID).map(readPerson)
  }

  rostersOfPerson(personID: number, endYear: number): Array<Roster & { readonly calendarID: number }> {
    const calendarAt = columnCount(roster)
    return this.queries.rostersOfPerson.all(personID, endYear).map((row) => ({
      ...readRoster(row),
      calendarID: row[calendarAt] as number
    }))
  }

  enrollmentsOfPerson(personID: number): Array<Enrollment> {
    return this.queries.enrollmentsOfPerson.all(personID).map(readEnrollment)
  }
}

/** The source of a run: `input` itself when it is a source, else the store's. */
export const leadSourceOf = (input: StoreConnection | LeadSource): LeadSource =>
  "calendarsOfYear" in input ? input : new StoreLeadSource(input)
