/**
 * Record builders for the tests: each returns a valid record of the domain
 * type, with the fields a test names overriding the defaults.
 */
import type {
  Attendance,
  Calendar,
  Course,
  CourseGradingTask,
  CourseGradingTaskTerm,
  CourseMaster,
  Enrollment,
  GradingScore,
  GradingTask,
  Person,
  ProcessAlert,
  Roster,
  ScoreGroupItem,
  Section,
  Term
} from "@kts/domain"

export const term = (termID: number, fields: Partial<Term> = {}): Term => ({
  termID,
  structureID: 1,
  name: `T${termID}`,
  seq: termID,
  startDate: "2024-08-14",
  endDate: "2024-12-20",
  ...fields
})

export const gradingTask = (taskID: number, name: string): GradingTask => ({ taskID, name })

export const courseGradingTask = (
  courseGradingTaskID: number,
  courseID: number,
  taskID: number,
  scoreGroupID: number | null = null
): CourseGradingTask => ({ courseGradingTaskID, courseID, taskID, scoreGroupID })

export const taskTerm = (
  courseGradingTaskID: number,
  termID: number,
  fields: Partial<CourseGradingTaskTerm> = {}
): CourseGradingTaskTerm => ({ courseGradingTaskID, termID, termMask: true, activeMask: false, ...fields })

export const person = (personID: number, fields: Partial<Person> = {}): Person => ({
  personID,
  stateID: `90000${String(personID).padStart(5, "0")}`,
  studentNumber: null,
  firstName: `F${personID}`,
  lastName: `L${personID}`,
  legalFirstName: null,
  legalLastName: null,
  gender: "F",
  raceEthnicity: "6",
  birthDate: null,
  homePrimaryLanguage: "0400",
  ...fields
})

export const roster = (rosterID: number, sectionID: number, personID: number, fields: Partial<Roster> = {}): Roster => ({
  rosterID,
  sectionID,
  personID,
  startDate: null,
  endDate: null,
  ...fields
})

export const enrollment = (
  enrollmentID: number,
  personID: number,
  calendarID: number,
  structureID: number,
  fields: Partial<Enrollment> = {}
): Enrollment => ({
  enrollmentID,
  personID,
  calendarID,
  structureID,
  grade: "10",
  serviceType: "P",
  startDate: "2024-08-14",
  endDate: null,
  startStatus: null,
  endStatus: null,
  noShow: false,
  stateExclude: false,
  ...fields
})

export const calendar = (calendarID: number, schoolID: number, fields: Partial<Calendar> = {}): Calendar => ({
  calendarID,
  schoolID,
  name: `C${calendarID}`,
  endYear: 2025,
  startDate: "2024-08-14",
  endDate: "2025-05-22",
  summerSchool: false,
  exclude: false,
  ...fields
})

export const course = (courseID: number, calendarID: number, fields: Partial<Course> = {}): Course => ({
  courseID,
  calendarID,
  courseMasterID: null,
  number: `N${courseID}`,
  name: `Course ${courseID}`,
  active: true,
  stateCode: null,
  teachingMethod: null,
  instructionalSetting: null,
  type: null,
  difficultyLevel: null,
  responsive: false,
  ...fields
})

export const courseMaster = (courseMasterID: number, catalogID: number, fields: Partial<CourseMaster> = {}): CourseMaster => ({
  courseMasterID,
  catalogID,
  number: `M${courseMasterID}`,
  name: `Master ${courseMasterID}`,
  stateCode: null,
  ktsTechID: null,
  ...fields
})

export const section = (sectionID: number, courseID: number, trialID: number, fields: Partial<Section> = {}): Section => ({
  sectionID,
  courseID,
  trialID,
  number: 1,
  coreContent: null,
  instructionalSetting: null,
  specialType: null,
  crossSiteEnrollment: null,
  ...fields
})

export const gradingScore = (
  scoreID: number,
  personID: number,
  sectionID: number,
  taskID: number,
  termID: number,
  fields: Partial<GradingScore> = {}
): GradingScore => ({
  scoreID,
  personID,
  sectionID,
  taskID,
  termID,
  score: "A",
  percent: 95,
  posted: true,
  modifiedDate: "2024-12-18T10:00",
  ...fields
})

export const attendance = (
  attendanceID: number,
  personID: number,
  sectionID: number,
  date: string,
  fields: Partial<Attendance> = {}
): Attendance => ({ attendanceID, personID, sectionID, date, status: "A", excuse: "U", ...fields })

export const scoreGroupItem = (itemID: number, scoreGroupID: number, score: string): ScoreGroupItem => ({
  itemID,
  scoreGroupID,
  seq: itemID,
  score,
  minPercent: null,
  gpaValue: null,
  passing: true
})

export const processAlert = (alertID: number, fields: Partial<ProcessAlert> = {}): ProcessAlert => ({
  alertID,
  schoolID: 1,
  stage: "rosters",
  severity: "error",
  code: "student.noEnrollment",
  courseNumber: null,
  sectionNumber: null,
  ktsTechID: null,
  stateID: null,
  task: null,
  message: "",
  firstSeen: "2024-09-01",
  lastSeen: "2024-09-01",
  resolvedOn: null,
  ...fields
})
