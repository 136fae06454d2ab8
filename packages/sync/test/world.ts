/**
 * A small exchange for the stage tests: one technical school (902-030, in
 * database `tech`) with one tech section, linked to one high school (165-010,
 * in database `d165`) whose KTS course names that section. Tests add
 * students, rows and settings to the arrays, then plan a night.
 */
import type {
  Attendance,
  CourseGradingTask,
  CourseGradingTaskTerm,
  Disclosure,
  Enrollment,
  ExchangeHold,
  GradingScore,
  GradingTask,
  LocalDate,
  Person,
  ProcessAlert,
  Roster,
  ScoreGroupItem,
  Section,
  Term
} from "@kts/domain"
import { planNight, type NightPlan } from "../src/Night.js"
import type { Stage, UnitPlan } from "../src/Plan.js"
import type { HighSchoolSnapshot, HoldSettings, Link, TechSchoolSnapshot } from "../src/Snapshot.js"
import { calendar, course, courseMaster, enrollment, person, roster, section, term } from "./records.js"

export const TECH_SECTION = 100
export const KTS_TECH_ID = "902-030-100"
export const HS_SECTION = 200
export const HS_COURSE = 25
export const TECH_COURSE = 15
export const TECH_CALENDAR = 10
export const TECH_STRUCTURE = 11
export const HS_CALENDAR = 20
export const HS_STRUCTURE = 21

export interface World {
  night: LocalDate
  holds: HoldSettings
  attendanceSync: boolean
  techTerms: Array<Term>
  techSections: Array<Section>
  techPlacements: Array<{ placementID: number; sectionID: number; termID: number; periodID: number | null }>
  techPersons: Array<Person>
  techEnrollments: Array<Enrollment>
  techRosters: Array<Roster>
  techRecorded: Array<{ personID: number; sectionID: number }>
  techTasks: Array<GradingTask>
  techCourseTasks: Array<CourseGradingTask>
  techTaskTerms: Array<CourseGradingTaskTerm>
  techScores: Array<GradingScore>
  techAttendance: Array<Attendance>
  techAlerts: Array<ProcessAlert>
  techHolds: Array<ExchangeHold>
  techDisclosures: Array<Disclosure>
  hsSections: Array<Section>
  hsTerms: Array<Term>
  hsPersons: Array<Person>
  hsEnrollments: Array<Enrollment>
  hsRosters: Array<Roster>
  hsTasks: Array<GradingTask>
  hsCourseTasks: Array<CourseGradingTask>
  hsTaskTerms: Array<CourseGradingTaskTerm>
  hsItems: Array<ScoreGroupItem>
  hsScores: Array<GradingScore>
  hsAttendance: Array<Attendance>
  hsAlerts: Array<ProcessAlert>
  hsDisclosures: Array<Disclosure>
  lastAttendanceNight: LocalDate | null
  customValue: string
}

export const makeWorld = (): World => ({
  night: "2024-10-15",
  holds: { rosterRemovalShare: 0.1, rosterRemovalMinimum: 10 },
  attendanceSync: true,
  techTerms: [
    term(16, { structureID: TECH_STRUCTURE, seq: 1, startDate: "2024-08-20", endDate: "2024-12-20" }),
    term(17, { structureID: TECH_STRUCTURE, seq: 2, startDate: "2025-01-06", endDate: "2025-05-22" })
  ],
  techSections: [section(TECH_SECTION, TECH_COURSE, 12, { number: 2 })],
  techPlacements: [{ placementID: 1, sectionID: TECH_SECTION, termID: 16, periodID: null }],
  techPersons: [],
  techEnrollments: [],
  techRosters: [],
  techRecorded: [],
  techTasks: [{ taskID: 1, name: "CTE Term Grade" }],
  techCourseTasks: [],
  techTaskTerms: [],
  techScores: [],
  techAttendance: [],
  techAlerts: [],
  techHolds: [],
  techDisclosures: [],
  hsSections: [section(HS_SECTION, HS_COURSE, 22, { number: 1 })],
  hsTerms: [
    term(36, { structureID: HS_STRUCTURE, seq: 1, startDate: "2024-08-14", endDate: "2024-12-20" }),
    term(37, { structureID: HS_STRUCTURE, seq: 2, startDate: "2025-01-06", endDate: "2025-05-22" })
  ],
  hsPersons: [],
  hsEnrollments: [],
  hsRosters: [],
  hsTasks: [{ taskID: 5, name: "CTE Term Grade" }],
  hsCourseTasks: [],
  hsTaskTerms: [],
  hsItems: [],
  hsScores: [],
  hsAttendance: [],
  hsAlerts: [],
  hsDisclosures: [],
  lastAttendanceNight: null,
  customValue: KTS_TECH_ID
})

/** High-school personID of student n. */
export const hsPersonID = (n: number) => 1000 + n
/** Technical-school personID of student n (when added there). */
export const techPersonID = (n: number) => 5000 + n
/** The State ID of student n. */
export const stateIDOf = (n: number) => `99000${String(n).padStart(5, "0")}`

/** Adds student n to the high school: person, enrollment, roster row on the KTS section. */
export const addHighSchoolStudent = (
  world: World,
  n: number,
  fields: { rosterStart?: LocalDate | null; rosterEnd?: LocalDate | null; enrolled?: boolean; stateID?: string | null } = {}
): void => {
  world.hsPersons.push(person(hsPersonID(n), { stateID: fields.stateID === undefined ? stateIDOf(n) : fields.stateID, lastName: `HS${n}` }))
  if (fields.enrolled !== false) world.hsEnrollments.push(enrollment(2000 + n, hsPersonID(n), HS_CALENDAR, HS_STRUCTURE, { grade: "11" }))
  world.hsRosters.push(roster(3000 + n, HS_SECTION, hsPersonID(n), { startDate: fields.rosterStart ?? null, endDate: fields.rosterEnd ?? null }))
}

/** Adds student n to the technical school: person and (optionally) a roster row on the tech section. */
export const addTechStudent = (
  world: World,
  n: number,
  fields: { roster?: boolean; rosterStart?: LocalDate | null; rosterEnd?: LocalDate | null; recorded?: boolean } = {}
): void => {
  world.techPersons.push(person(techPersonID(n), { stateID: stateIDOf(n), firstName: `F${hsPersonID(n)}`, lastName: `HS${n}`, gender: "F" }))
  if (fields.roster !== false) {
    world.techRosters.push(roster(7000 + n, TECH_SECTION, techPersonID(n), { startDate: fields.rosterStart ?? null, endDate: fields.rosterEnd ?? null }))
  }
  if (fields.recorded === true) world.techRecorded.push({ personID: techPersonID(n), sectionID: TECH_SECTION })
}

export const techSnapshot = (world: World): TechSchoolSnapshot => ({
  database: "tech",
  school: { schoolID: 1, district: "902", number: "030", name: "Tech Center" },
  setup: {
    calendars: [calendar(TECH_CALENDAR, 1, { startDate: "2024-08-12" })],
    trials: [{ trialID: 12, structureID: TECH_STRUCTURE, name: "T", active: true }],
    courses: [course(TECH_COURSE, TECH_CALENDAR, { courseMasterID: 14, number: "470101", name: "Welding", stateCode: "470101" })],
    courseMasters: [courseMaster(14, 13)],
    courseCatalogs: [{ catalogID: 13, name: "24-25 KTS Course Catalog (TECH SCHOOLS ONLY)" }],
    sections: world.techSections,
    sectionPlacements: world.techPlacements,
    terms: world.techTerms
  },
  persons: world.techPersons,
  enrollments: world.techEnrollments,
  rosters: world.techRosters,
  recordedOnSection: world.techRecorded,
  gradingTasks: world.techTasks,
  courseGradingTasks: world.techCourseTasks,
  courseGradingTaskTerms: world.techTaskTerms,
  gradingScores: world.techScores,
  attendance: world.techAttendance,
  alerts: world.techAlerts,
  holds: world.techHolds,
  disclosures: world.techDisclosures
})

export const highSchoolSnapshot = (world: World): HighSchoolSnapshot => ({
  database: "d165",
  school: { schoolID: 2, district: "165", number: "010", name: "Central High" },
  calendars: [calendar(HS_CALENDAR, 2)],
  trials: [{ trialID: 22, structureID: HS_STRUCTURE, name: "T", active: true }],
  courses: [course(HS_COURSE, HS_CALENDAR, { courseMasterID: 24, number: "4821V" })],
  courseMasters: [courseMaster(24, 23, { ktsTechID: KTS_TECH_ID })],
  courseCatalogs: [{ catalogID: 23, name: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)" }],
  campusAttributes: [{ attributeID: 26, object: "Course", element: "KTSTechID" }],
  customCourses: [{ customID: 27, courseID: HS_COURSE, attributeID: 26, value: world.customValue }],
  sections: world.hsSections,
  terms: world.hsTerms,
  rosters: world.hsRosters,
  persons: world.hsPersons,
  enrollments: world.hsEnrollments,
  gradingTasks: world.hsTasks,
  courseGradingTasks: world.hsCourseTasks,
  courseGradingTaskTerms: world.hsTaskTerms,
  scoreGroupItems: world.hsItems,
  gradingScores: world.hsScores,
  attendance: world.hsAttendance,
  alerts: world.hsAlerts,
  disclosures: world.hsDisclosures,
  lastAttendanceNight: world.lastAttendanceNight
})

export const LINK: Link = { tech: { district: "902", school: "030" }, highSchool: { district: "165", school: "010" }, attendanceSync: true }

/** Plans the night for the world (one stage by default). */
export const runNight = (world: World, stages: ReadonlyArray<Stage>, options: { highSchoolReadable?: boolean } = {}): NightPlan =>
  planNight({
    night: world.night,
    endYear: 2025,
    stages,
    links: [{ ...LINK, attendanceSync: world.attendanceSync }],
    holds: world.holds,
    techSchools: [techSnapshot(world)],
    highSchools: options.highSchoolReadable === false ? [] : [highSchoolSnapshot(world)],
    publish: [],
    maxIds: {
      tech: { person: 9000, roster: 9000, enrollment: 9000, processAlert: 50, exchangeHold: 3, disclosure: 70 },
      d165: { gradingScore: 400, attendance: 600, processAlert: 80, disclosure: 90 }
    }
  })

/** The unit of a stage in a database. */
export const unitOf = (plan: NightPlan, stage: Stage, database: "tech" | "d165"): UnitPlan => {
  const unit = plan.units.find((row) => row.stage === stage && row.database === database)
  if (unit === undefined) throw new Error(`no ${stage} unit for ${database}`)
  return unit
}
