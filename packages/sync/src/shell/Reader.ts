/**
 * Reading the snapshots the core plans from, one school's share of one
 * database at a time, every look-up through an index (children by parent id,
 * people by id or state ID, attendance by section and date).
 */
import {
  addDays,
  type Attendance,
  type CampusAttribute,
  type Calendar,
  type Course,
  type CourseCatalog,
  type CourseGradingTask,
  type CourseGradingTaskTerm,
  type CourseMaster,
  type CustomCourse,
  type Disclosure,
  type Enrollment,
  type ExchangeHold,
  type GradingScore,
  type GradingTask,
  ktsCatalogName,
  ktsTechCatalogName,
  type Person,
  type ProcessAlert,
  type Roster,
  type ScoreGroupItem,
  type Section,
  type SectionPlacement,
  type Term,
  type Trial
} from "@kts/domain"
import { CTE_TASK_NAMES } from "../GradingSetup.js"
import { techSectionsOf } from "../Pairing.js"
import type { PlanTable } from "../Plan.js"
import type { HighSchoolSnapshot, PublishSnapshot, SchoolRef, TechSchoolSnapshot, TechSetupRows } from "../Snapshot.js"
import { maxId, type Row, selectDistinct, selectMax, selectRows, sortByKey, type StoreDb, type Value } from "./Rows.js"
import type { ResolvedSchool } from "./Unit.js"

/** How far back attendance is read: the stage never looks further than 30 days before the night. */
export const AttendanceLookback = 30

const rowsOf = <A>(db: StoreDb, table: string, where: Parameters<typeof selectRows>[2] = {}): Array<A> =>
  selectRows(db, table, where) as unknown as Array<A>

const ids = <A>(rows: ReadonlyArray<A>, pick: (row: A) => number | null): Array<number> => {
  const all: Array<number> = []
  for (let index = 0; index < rows.length; index++) {
    const id = pick(rows[index]!)
    if (id !== null) all.push(id)
  }
  all.sort((a, b) => a - b)
  // Each id once (sorted, so a repeat follows its first).
  let kept = 0
  for (let index = 0; index < all.length; index++) if (kept === 0 || all[index] !== all[kept - 1]) all[kept++] = all[index]!
  all.length = kept
  return all
}

/** The core's reference to a school the configuration resolved. */
export const schoolRefOf = (school: ResolvedSchool): SchoolRef => ({
  schoolID: school.schoolID,
  district: school.district,
  number: school.school,
  name: school.name
})

/** Each written table's highest id when first asked, for a unit's id ledger (the ledger asks only for the tables it uses). */
export const maxIdReader = (db: StoreDb): ((table: PlanTable) => number) => (table) => maxId(db, table)

/** A school's calendars of the end year and their structures. */
const calendarsOf = (db: StoreDb, schoolID: number, endYear: number) => {
  const calendars = rowsOf<Calendar>(db, "calendar", { schoolID, endYear })
  const structureIDs = ids(selectRows(db, "scheduleStructure", { calendarID: ids(calendars, (row) => row.calendarID) }), (row) =>
    row["structureID"] as number)
  return { calendars, structureIDs }
}

/** Catalogs named `name` and their masters. */
const catalogsNamed = (db: StoreDb, name: string) => {
  const courseCatalogs = rowsOf<CourseCatalog>(db, "courseCatalog", { name })
  const courseMasters = rowsOf<CourseMaster>(db, "courseMaster", { catalogID: ids(courseCatalogs, (row) => row.catalogID) })
  return { courseCatalogs, courseMasters }
}

/** The tables `readTechSetup` reads: what the tech sections are built from (the night writes none of them but the catalogs' masters of high-school databases). */
export const TechSetupTables: ReadonlyArray<string> = [
  "calendar",
  "scheduleStructure",
  "courseCatalog",
  "courseMaster",
  "course",
  "section",
  "trial",
  "sectionPlacement",
  "term"
]

/** The course setup of a technical school: calendars, courses on tech-catalog masters, their sections and terms. */
export const readTechSetup = (db: StoreDb, schoolID: number, endYear: number): TechSetupRows => {
  const { calendars, structureIDs } = calendarsOf(db, schoolID, endYear)
  const { courseCatalogs, courseMasters } = catalogsNamed(db, ktsTechCatalogName(endYear))
  const masterIDs = new Set(courseMasters.map((row) => row.courseMasterID))
  const courses = rowsOf<Course>(db, "course", { calendarID: ids(calendars, (row) => row.calendarID) })
    .filter((row) => row.courseMasterID !== null && masterIDs.has(row.courseMasterID))
  const sections = rowsOf<Section>(db, "section", { courseID: ids(courses, (row) => row.courseID) })
  return {
    calendars,
    trials: rowsOf<Trial>(db, "trial", { structureID: structureIDs }),
    courses,
    courseMasters,
    courseCatalogs,
    sections,
    sectionPlacements: rowsOf<SectionPlacement>(db, "sectionPlacement", { sectionID: ids(sections, (row) => row.sectionID) }),
    terms: rowsOf<Term>(db, "term", { structureID: structureIDs })
  }
}

/** What a stage needs beyond the course setup. */
export interface SnapshotNeeds {
  readonly rosters?: boolean
  readonly grades?: boolean
  readonly attendance?: boolean
}

const cteTasks = (db: StoreDb): Array<GradingTask> => rowsOf<GradingTask>(db, "gradingTask", { name: [...CTE_TASK_NAMES] })

/** The attendance window read for night `night`: the 30 days before it. */
export const attendanceWindow = (night: string): { from: string; to: string } => ({
  from: addDays(night, -AttendanceLookback),
  to: addDays(night, -1)
})

/**
 * The part of a technical school's snapshot that does not depend on which
 * high schools are paired with it: everything but the persons found by the
 * high schools' state IDs and those persons' disclosures. A stage reads it
 * once and completes it for each set of high schools while the database is
 * unchanged.
 */
export interface TechSchoolBase {
  readonly snapshot: Omit<TechSchoolSnapshot, "persons" | "disclosures" | "alerts" | "holds">
  /** The persons of the rosters and enrollments, by personID. */
  readonly persons: ReadonlyMap<number, Person>
}

/**
 * The tables a technical school's base is not read from: a base stays good
 * while every other table of its database is unchanged. (The snapshot's
 * alerts, holds and disclosures are read when it is completed.)
 */
export const TechBaseIgnores: ReadonlySet<string> = new Set(["exchangeRun", "processAlert", "exchangeHold", "disclosure"])

/** Reads the part of a technical school's snapshot that does not depend on the paired high schools. */
export const readTechSchoolBase = (
  db: StoreDb,
  database: string,
  school: SchoolRef,
  endYear: number,
  night: string,
  needs: SnapshotNeeds
): TechSchoolBase => {
  const setup = readTechSetup(db, school.schoolID, endYear)
  const techSections = techSectionsOf(database, school, setup, endYear)
  const sectionIDs = techSections.map((row) => row.section.sectionID)
  const courseIDs = ids(techSections, (row) => row.course.courseID)
  const calendarIDs = ids(techSections, (row) => row.calendar.calendarID)
  const rosters = rowsOf<Roster>(db, "roster", { sectionID: sectionIDs })
  const enrollments = needs.rosters === true ? rowsOf<Enrollment>(db, "enrollment", { calendarID: calendarIDs }) : []
  const personIDs = new Set<number>([...rosters.map((row) => row.personID), ...enrollments.map((row) => row.personID)])
  const persons = new Map<number, Person>()
  for (const person of rowsOf<Person>(db, "person", { personID: [...personIDs] })) persons.set(person.personID, person)
  const recorded = new Map<string, { personID: number; sectionID: number }>()
  if (needs.rosters === true) {
    for (const table of ["gradingScore", "attendance"]) {
      for (const row of selectDistinct(db, table, ["personID", "sectionID"], { sectionID: sectionIDs })) {
        const pair = { personID: row["personID"] as number, sectionID: row["sectionID"] as number }
        recorded.set(`${pair.personID}|${pair.sectionID}`, pair)
      }
    }
  }
  const gradingTasks = cteTasks(db)
  const courseGradingTasks = needs.grades === true
    ? rowsOf<CourseGradingTask>(db, "courseGradingTask", { courseID: courseIDs })
    : []
  const window = attendanceWindow(night)
  return {
    snapshot: {
      database,
      school,
      setup,
      enrollments,
      rosters,
      recordedOnSection: [...recorded.values()],
      gradingTasks,
      courseGradingTasks,
      courseGradingTaskTerms: rowsOf<CourseGradingTaskTerm>(db, "courseGradingTaskTerm", {
        courseGradingTaskID: ids(courseGradingTasks, (row) => row.courseGradingTaskID)
      }),
      gradingScores: needs.grades === true
        ? rowsOf<GradingScore>(db, "gradingScore", { sectionID: sectionIDs, taskID: ids(gradingTasks, (row) => row.taskID) })
        : [],
      attendance: needs.attendance === true
        ? rowsOf<Attendance>(db, "attendance", { sectionID: sectionIDs, date: { from: window.from, to: window.to } })
        : [],
    },
    persons
  }
}

/**
 * Completes a base read from `db` (unchanged since) into the snapshot for
 * the high schools whose roster state IDs are `stateIDs`; `baseDisclosures`
 * are the base persons' (`readBaseDisclosures`).
 */
export const completeTechSchoolSnapshot = (
  db: StoreDb,
  base: TechSchoolBase,
  stateIDs: ReadonlyArray<string>,
  baseDisclosures: ReadonlyArray<Disclosure>
): TechSchoolSnapshot => {
  const found = rowsOf<Person>(db, "person", { stateID: [...new Set(stateIDs)] })
  const added: Array<number> = []
  let personList: ReadonlyArray<Person>
  if (found.every((person) => base.persons.get(person.personID) === person)) {
    // Every person found is one of the base's, the very row: the base's persons are the snapshot's.
    personList = basePersonList(base)
  } else {
    const persons = new Map(base.persons)
    for (const person of found) {
      if (!persons.has(person.personID)) added.push(person.personID)
      persons.set(person.personID, person)
    }
    personList = [...persons.values()].sort((a, b) => a.personID - b.personID)
  }
  const disclosures = added.length === 0
    ? baseDisclosures
    : sortByKey("disclosure", [
      ...baseDisclosures,
      ...rowsOf<Disclosure>(db, "disclosure", { personID: added.sort((a, b) => a - b) })
    ] as unknown as Array<Row>) as unknown as Array<Disclosure>
  const schoolID = base.snapshot.school.schoolID
  return {
    ...base.snapshot,
    persons: personList,
    disclosures,
    alerts: rowsOf<ProcessAlert>(db, "processAlert", { schoolID, resolvedOn: null }),
    holds: rowsOf<ExchangeHold>(db, "exchangeHold", { schoolID, usedOn: null })
  }
}

const basePersonLists = new WeakMap<TechSchoolBase, ReadonlyArray<Person>>()

/** A base's persons in personID order (made once per base). */
const basePersonList = (base: TechSchoolBase): ReadonlyArray<Person> => {
  let list = basePersonLists.get(base)
  if (list === undefined) {
    list = [...base.persons.values()].sort((a, b) => a.personID - b.personID)
    basePersonLists.set(base, list)
  }
  return list
}

/** The disclosures of a technical school's base persons (those of its rosters and enrollments), in key order. */
export const readBaseDisclosures = (db: StoreDb, base: TechSchoolBase): ReadonlyArray<Disclosure> =>
  rowsOf<Disclosure>(db, "disclosure", { personID: [...base.persons.keys()].sort((a, b) => a - b) })

/**
 * The part of a high school's snapshot read from the tables its own units
 * keep writing to every night (alerts, disclosures, the journal) left out:
 * it stays good while every other table of its database is unchanged.
 */
export type HighSchoolBase = Omit<HighSchoolSnapshot, "alerts" | "disclosures" | "lastAttendanceNight">

/** The tables a high school's base is not read from (see `HighSchoolBase`). */
const HighSchoolBaseIgnores: ReadonlyArray<string> = ["exchangeRun", "processAlert", "disclosure"]

/** The grading rows of a high school's base (read when a stage needs grades). */
type HighSchoolGrading = Pick<HighSchoolBase, "courseGradingTasks" | "courseGradingTaskTerms" | "scoreGroupItems" | "gradingScores">

/** What a high school's base holds whatever the stage: its course setup, rosters, persons and enrollments. */
export type HighSchoolCore = Omit<HighSchoolBase, keyof HighSchoolGrading | "attendance">

/** The tables the grading part of a high school's base is read from. */
export const HighSchoolGradingTables: ReadonlyArray<string> = ["courseGradingTask", "courseGradingTaskTerm", "scoreGroupItem", "gradingScore"]

/** The tables a high school's core is not read from (see `HighSchoolCore`): those of the base's own ignores and of its grading and attendance parts. */
export const HighSchoolCoreIgnores: ReadonlySet<string> = new Set([...HighSchoolBaseIgnores, ...HighSchoolGradingTables, "attendance"])

/** Reads the part of a high school's base that every stage reads alike. */
export const readHighSchoolCore = (db: StoreDb, database: string, school: SchoolRef, endYear: number): HighSchoolCore => {
  const { calendars, structureIDs } = calendarsOf(db, school.schoolID, endYear)
  const { courseCatalogs, courseMasters } = catalogsNamed(db, ktsCatalogName(endYear))
  const masterIDs = new Set(courseMasters.map((row) => row.courseMasterID))
  const courses = rowsOf<Course>(db, "course", { calendarID: ids(calendars, (row) => row.calendarID) })
    .filter((row) => row.courseMasterID !== null && masterIDs.has(row.courseMasterID))
  const courseIDs = ids(courses, (row) => row.courseID)
  const sections = rowsOf<Section>(db, "section", { courseID: courseIDs })
  const sectionIDs = ids(sections, (row) => row.sectionID)
  const rosters = rowsOf<Roster>(db, "roster", { sectionID: sectionIDs })
  const personIDs = ids(rosters, (row) => row.personID)
  const persons = rowsOf<Person>(db, "person", { personID: personIDs })
  const enrollments = personIDs.length === 0
    ? []
    : rowsOf<Enrollment>(db, "enrollment", { personID: personIDs }).filter((row) =>
      calendars.some((calendar) => calendar.calendarID === row.calendarID)
    )
  return {
    database,
    school,
    calendars,
    trials: rowsOf<Trial>(db, "trial", { structureID: structureIDs }),
    courses,
    courseMasters,
    courseCatalogs,
    campusAttributes: rowsOf<CampusAttribute>(db, "campusAttribute", { object: "Course", element: "KTSTechID" }),
    customCourses: rowsOf<CustomCourse>(db, "customCourse", { courseID: courseIDs }),
    sections,
    terms: rowsOf<Term>(db, "term", { structureID: structureIDs }),
    rosters,
    persons,
    enrollments,
    gradingTasks: cteTasks(db)
  }
}

/** The grading rows of a high school's core: its courses' CTE tasks and their terms and score groups, and its sections' CTE scores. */
export const readHighSchoolGrading = (db: StoreDb, core: HighSchoolCore): HighSchoolGrading => {
  const courseGradingTasks = rowsOf<CourseGradingTask>(db, "courseGradingTask", { courseID: ids(core.courses, (row) => row.courseID) })
  return {
    courseGradingTasks,
    courseGradingTaskTerms: rowsOf<CourseGradingTaskTerm>(db, "courseGradingTaskTerm", {
      courseGradingTaskID: ids(courseGradingTasks, (row) => row.courseGradingTaskID)
    }),
    scoreGroupItems: rowsOf<ScoreGroupItem>(db, "scoreGroupItem", { scoreGroupID: ids(courseGradingTasks, (row) => row.scoreGroupID) }),
    // Read by section (rows remembered per section, so another school's grades written tonight leave these as they
    // were), then narrowed to the CTE tasks: the same rows, in the same order, as asking for both at once.
    gradingScores: onlyTasks(
      rowsOf<GradingScore>(db, "gradingScore", { sectionID: ids(core.sections, (row) => row.sectionID) }),
      new Set(core.gradingTasks.map((row) => row.taskID))
    )
  }
}

const onlyTasks = (scores: ReadonlyArray<GradingScore>, taskIDs: ReadonlySet<number>): ReadonlyArray<GradingScore> =>
  scores.every((row) => taskIDs.has(row.taskID)) ? scores : Object.freeze(scores.filter((row) => taskIDs.has(row.taskID)))

const noGrading: HighSchoolGrading = Object.freeze({
  courseGradingTasks: Object.freeze([]),
  courseGradingTaskTerms: Object.freeze([]),
  scoreGroupItems: Object.freeze([]),
  gradingScores: Object.freeze([])
})

/** The attendance rows of a high school's sections within the window of night `night`. */
export const readHighSchoolAttendance = (db: StoreDb, core: HighSchoolCore, night: string): ReadonlyArray<Attendance> => {
  const window = attendanceWindow(night)
  return rowsOf<Attendance>(db, "attendance", { sectionID: ids(core.sections, (row) => row.sectionID), date: { from: window.from, to: window.to } })
}

/** A high school's base: its core with the parts `needs` asks for (`read` gives them). */
export const highSchoolBaseOf = (
  core: HighSchoolCore,
  needs: SnapshotNeeds,
  read: { readonly grading: () => HighSchoolGrading; readonly attendance: () => ReadonlyArray<Attendance> }
): HighSchoolBase => ({
  ...core,
  ...(needs.grades === true ? read.grading() : noGrading),
  attendance: needs.attendance === true ? read.attendance() : []
})

/** Reads the part of a high school's snapshot that its units' alerts, disclosures and journal rows do not change. */
export const readHighSchoolBase = (
  db: StoreDb,
  database: string,
  school: SchoolRef,
  endYear: number,
  night: string,
  needs: SnapshotNeeds
): HighSchoolBase => {
  const core = readHighSchoolCore(db, database, school, endYear)
  return highSchoolBaseOf(core, needs, {
    grading: () => readHighSchoolGrading(db, core),
    attendance: () => readHighSchoolAttendance(db, core, night)
  })
}

/**
 * Completes a high school's base read from `db` with what its units' own
 * writes change: its open alerts, its students' disclosures, and, for a stage
 * that needs attendance, its last attendance night (null for other stages).
 */
export const completeHighSchoolSnapshot = (db: StoreDb, base: HighSchoolBase, night: string, needs: SnapshotNeeds): HighSchoolSnapshot => {
  const schoolID = base.school.schoolID
  const lastAttendance = needs.attendance === true
    ? selectMax(db, "exchangeRun", "night", { stage: "attendance", schoolID, night: { below: night } })
    : null
  return {
    ...base,
    alerts: rowsOf<ProcessAlert>(db, "processAlert", { schoolID, resolvedOn: null }),
    disclosures: rowsOf<Disclosure>(db, "disclosure", { personID: ids(base.rosters, (row) => row.personID) }),
    lastAttendanceNight: (lastAttendance as string | null) ?? null
  }
}

/** One high school's share of its district database. */
export const readHighSchoolSnapshot = (...read: Parameters<typeof readHighSchoolBase>): HighSchoolSnapshot => {
  const [db, , , , night, needs] = read
  return completeHighSchoolSnapshot(db, readHighSchoolBase(...read), night, needs)
}

/** A high-school database's KTS catalog of the end year, for publish. */
export const readPublishSnapshot = (db: StoreDb, database: string, endYear: number): PublishSnapshot => ({
  database,
  ...catalogsNamed(db, ktsCatalogName(endYear))
})

/** The state IDs on a high school's rosters (what the technical school's snapshot must find persons for). */
export const stateIDsOf = (snapshot: HighSchoolSnapshot): Array<string> => {
  const result: Array<string> = []
  for (const person of snapshot.persons) if (person.stateID !== null) result.push(person.stateID)
  return result
}

export type { Row, Value }
