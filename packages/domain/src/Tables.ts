/**
 * Every table of the KSIS bundle (`docs/bundle-format.md`), in an order where each table
 * comes after the tables it references: import reads them in this order.
 */
import {
  AttendanceStatus,
  GradeLevel,
  RaceEthnicity,
  ServiceType,
  StaffType,
  StateClassification
} from "./CodeList.js"
import { col } from "./Column.js"
import { defineTable, type RowOf } from "./TableSpec.js"

const structureBelongsToCalendar = {
  kind: "samePath",
  column: "structureID",
  message: "the schedule structure belongs to another calendar",
  leftColumn: "structureID",
  left: [{ table: "scheduleStructure", column: "calendarID" }],
  rightColumn: "calendarID",
  right: []
} as const

const startNotAfterEnd = { kind: "dateOrder", start: "startDate", end: "endDate" } as const

// ── Organisation and calendar ────────────────────────────────────────────────

export const district = defineTable("district", {
  districtID: col.pk(),
  number: col.text(),
  name: col.text()
})

export const school = defineTable("school", {
  schoolID: col.pk(),
  districtID: col.ref("district"),
  number: col.text(),
  name: col.text(),
  stateClassification: col.codeOrNull(StateClassification)
})

export const calendar = defineTable("calendar", {
  calendarID: col.pk(),
  schoolID: col.ref("school"),
  name: col.text(),
  endYear: col.int(),
  startDate: col.date(),
  endDate: col.date(),
  summerSchool: col.bool(),
  exclude: col.bool()
}, { rules: [startNotAfterEnd] })

export const scheduleStructure = defineTable("scheduleStructure", {
  structureID: col.pk(),
  calendarID: col.ref("calendar"),
  name: col.text()
})

export const day = defineTable("day", {
  calendarID: col.ref("calendar"),
  structureID: col.ref("scheduleStructure"),
  date: col.date(),
  instruction: col.bool()
}, { uniqueKey: ["structureID", "date"], rules: [structureBelongsToCalendar] })

export const gradeLevel = defineTable("gradeLevel", {
  gradeLevelID: col.pk(),
  calendarID: col.ref("calendar"),
  structureID: col.ref("scheduleStructure"),
  name: col.text(),
  stateGrade: col.code(GradeLevel),
  excludeEnrollment: col.bool()
})

export const term = defineTable("term", {
  termID: col.pk(),
  structureID: col.ref("scheduleStructure"),
  name: col.text(),
  seq: col.int(),
  startDate: col.dateOrNull(),
  endDate: col.dateOrNull()
})

export const trial = defineTable("trial", {
  trialID: col.pk(),
  structureID: col.ref("scheduleStructure"),
  name: col.text(),
  active: col.bool()
})

// ── Courses and sections ─────────────────────────────────────────────────────

export const courseCatalog = defineTable("courseCatalog", {
  catalogID: col.pk(),
  name: col.text()
})

export const courseMaster = defineTable("courseMaster", {
  courseMasterID: col.pk(),
  catalogID: col.ref("courseCatalog"),
  number: col.text(),
  name: col.text(),
  stateCode: col.textOrNull(),
  /** Set by the exchange on the masters it publishes into a high school's KTS catalog. */
  ktsTechID: col.textOrNull()
})

export const course = defineTable("course", {
  courseID: col.pk(),
  calendarID: col.ref("calendar"),
  courseMasterID: col.refOrNull("courseMaster"),
  number: col.text(),
  name: col.text(),
  active: col.bool(),
  stateCode: col.textOrNull(),
  teachingMethod: col.codeOrNull(),
  instructionalSetting: col.codeOrNull(),
  type: col.textOrNull(),
  difficultyLevel: col.textOrNull(),
  responsive: col.bool()
})

export const campusAttribute = defineTable("campusAttribute", {
  attributeID: col.pk(),
  object: col.text(),
  element: col.text()
})

export const customCourse = defineTable("customCourse", {
  customID: col.pk(),
  courseID: col.ref("course"),
  attributeID: col.ref("campusAttribute"),
  value: col.textOrNull()
})

export const section = defineTable("section", {
  sectionID: col.pk(),
  courseID: col.ref("course"),
  trialID: col.ref("trial"),
  number: col.int(),
  coreContent: col.codeOrNull(),
  instructionalSetting: col.codeOrNull(),
  specialType: col.codeOrNull(),
  crossSiteEnrollment: col.textOrNull()
}, {
  rules: [{
    kind: "samePath",
    column: "trialID",
    message: "the trial's schedule structure is not in the course's calendar",
    leftColumn: "trialID",
    left: [{ table: "trial", column: "structureID" }, { table: "scheduleStructure", column: "calendarID" }],
    rightColumn: "courseID",
    right: [{ table: "course", column: "calendarID" }]
  }]
})

export const sectionPlacement = defineTable("sectionPlacement", {
  placementID: col.pk(),
  sectionID: col.ref("section"),
  termID: col.ref("term"),
  periodID: col.intOrNull()
}, {
  rules: [{
    kind: "samePath",
    column: "termID",
    message: "the term belongs to another schedule structure than the section's trial",
    leftColumn: "termID",
    left: [{ table: "term", column: "structureID" }],
    rightColumn: "sectionID",
    right: [{ table: "section", column: "trialID" }, { table: "trial", column: "structureID" }]
  }]
})

// ── People and enrollments ───────────────────────────────────────────────────

export const person = defineTable("person", {
  personID: col.pk(),
  stateID: col.textOrNull(),
  studentNumber: col.textOrNull(),
  firstName: col.text({ private: true }),
  lastName: col.text({ private: true }),
  legalFirstName: col.textOrNull({ private: true }),
  legalLastName: col.textOrNull({ private: true }),
  gender: col.codeOrNull(),
  raceEthnicity: col.codeOrNull(RaceEthnicity),
  birthDate: col.dateOrNull({ private: true }),
  homePrimaryLanguage: col.codeOrNull()
})

export const sectionStaffHistory = defineTable("sectionStaffHistory", {
  historyID: col.pk(),
  sectionID: col.ref("section"),
  personID: col.ref("person"),
  staffType: col.code(StaffType),
  startDate: col.dateOrNull(),
  endDate: col.dateOrNull()
})

export const roster = defineTable("roster", {
  rosterID: col.pk(),
  sectionID: col.ref("section"),
  personID: col.ref("person"),
  startDate: col.dateOrNull(),
  endDate: col.dateOrNull()
})

export const enrollment = defineTable("enrollment", {
  enrollmentID: col.pk(),
  personID: col.ref("person"),
  calendarID: col.ref("calendar"),
  structureID: col.ref("scheduleStructure"),
  grade: col.code(GradeLevel),
  serviceType: col.code(ServiceType),
  startDate: col.date(),
  endDate: col.dateOrNull(),
  startStatus: col.codeOrNull(),
  endStatus: col.codeOrNull(),
  noShow: col.bool(),
  stateExclude: col.bool()
}, { rules: [structureBelongsToCalendar, startNotAfterEnd] })

// ── Programs and plans ───────────────────────────────────────────────────────

export const planType = defineTable("planType", {
  planTypeID: col.pk(),
  name: col.text(),
  module: col.text()
})

export const plan = defineTable("plan", {
  planID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  planTypeID: col.ref("planType"),
  startDate: col.date(),
  endDate: col.dateOrNull(),
  locked: col.bool(),
  primaryDisability: col.codeOrNull(),
  specialEdStatus: col.codeOrNull(),
  specialEdSetting: col.codeOrNull()
})

export const teamMember = defineTable("teamMember", {
  teamMemberID: col.pk(),
  personID: col.ref("person"),
  staffPersonID: col.refOrNull("person"),
  module: col.text(),
  role: col.text(),
  startDate: col.dateOrNull(),
  endDate: col.dateOrNull()
})

export const lep = defineTable("lep", {
  lepID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  programStatus: col.text(),
  identifiedDate: col.dateOrNull(),
  exitDate: col.dateOrNull()
})

export const lepService = defineTable("lepService", {
  lepServiceID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const lepAccommodation = defineTable("lepAccommodation", {
  accommodationID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  type: col.code(),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const gifted = defineTable("gifted", {
  giftedID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  category: col.code(),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const migrant = defineTable("migrant", {
  migrantID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  lastQualifyingArrivalDate: col.date(),
  eligibilityExpirationDate: col.date()
})

export const fram = defineTable("fram", {
  eligibilityID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  eligibility: col.code(),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const homeless = defineTable("homeless", {
  homelessID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const fosterCare = defineTable("fosterCare", {
  fosterCareID: col.pk(),
  personID: col.ref("person"),
  districtID: col.refOrNull("district"),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const militaryConnection = defineTable("militaryConnection", {
  militaryID: col.pk(),
  personID: col.ref("person"),
  districtID: col.ref("district"),
  status: col.text(),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

export const attendanceGroup = defineTable("attendanceGroup", {
  groupID: col.pk(),
  personID: col.ref("person"),
  enrollmentID: col.ref("enrollment"),
  groupCategory: col.code(),
  startDate: col.date(),
  endDate: col.dateOrNull()
})

// ── Grading, report cards and attendance ─────────────────────────────────────

export const gradingTask = defineTable("gradingTask", {
  taskID: col.pk(),
  name: col.text()
})

export const scoreGroup = defineTable("scoreGroup", {
  scoreGroupID: col.pk(),
  name: col.text()
})

export const scoreGroupItem = defineTable("scoreGroupItem", {
  itemID: col.pk(),
  scoreGroupID: col.ref("scoreGroup"),
  seq: col.int(),
  score: col.text(),
  minPercent: col.numOrNull(),
  gpaValue: col.numOrNull(),
  passing: col.bool()
})

export const courseGradingTask = defineTable("courseGradingTask", {
  courseGradingTaskID: col.pk(),
  courseID: col.ref("course"),
  taskID: col.ref("gradingTask"),
  scoreGroupID: col.refOrNull("scoreGroup")
})

export const courseGradingTaskTerm = defineTable("courseGradingTaskTerm", {
  courseGradingTaskID: col.ref("courseGradingTask"),
  termID: col.ref("term"),
  termMask: col.bool(),
  activeMask: col.bool()
}, { uniqueKey: ["courseGradingTaskID", "termID"] })

export const gradeCalcOption = defineTable("gradeCalcOption", {
  optionID: col.pk(),
  courseID: col.ref("course"),
  taskID: col.ref("gradingTask"),
  componentTaskID: col.ref("gradingTask"),
  weight: col.num()
})

export const gradingScore = defineTable("gradingScore", {
  scoreID: col.pk(),
  personID: col.ref("person"),
  sectionID: col.ref("section"),
  taskID: col.ref("gradingTask"),
  termID: col.ref("term"),
  score: col.textOrNull(),
  percent: col.numOrNull(),
  posted: col.bool(),
  modifiedDate: col.datetimeOrNull()
})

export const reportCardTemplate = defineTable("reportCardTemplate", {
  templateID: col.pk(),
  schoolID: col.ref("school"),
  name: col.text()
})

export const reportCardTemplateTask = defineTable("reportCardTemplateTask", {
  templateID: col.ref("reportCardTemplate"),
  taskID: col.ref("gradingTask")
})

export const attendance = defineTable("attendance", {
  attendanceID: col.pk(),
  personID: col.ref("person"),
  sectionID: col.ref("section"),
  date: col.date(),
  status: col.code(AttendanceStatus),
  excuse: col.codeOrNull()
})

// ── Written by the exchange ──────────────────────────────────────────────────

export const processAlert = defineTable("processAlert", {
  alertID: col.pk(),
  schoolID: col.ref("school"),
  stage: col.text(),
  severity: col.text(),
  code: col.text(),
  courseNumber: col.textOrNull(),
  sectionNumber: col.intOrNull(),
  ktsTechID: col.textOrNull(),
  stateID: col.textOrNull(),
  task: col.textOrNull(),
  message: col.text(),
  firstSeen: col.date(),
  lastSeen: col.date(),
  resolvedOn: col.dateOrNull()
})

export const exchangeRun = defineTable("exchangeRun", {
  runID: col.pk(),
  night: col.date(),
  stage: col.text(),
  schoolID: col.refOrNull("school"),
  inserted: col.int(),
  updated: col.int(),
  removed: col.int(),
  finishedAt: col.datetime()
})

export const exchangeHold = defineTable("exchangeHold", {
  holdID: col.pk(),
  night: col.date(),
  schoolID: col.ref("school"),
  activeRows: col.int(),
  removals: col.int(),
  approvedOn: col.dateOrNull(),
  usedOn: col.dateOrNull()
})

export const disclosure = defineTable("disclosure", {
  disclosureID: col.pk(),
  personID: col.ref("person"),
  recipientDistrict: col.text(),
  recipientSchool: col.text(),
  kind: col.text(),
  basis: col.text(),
  firstNight: col.date(),
  lastNight: col.date()
})

/** Every bundle table, each after the tables it references. */
export const Tables = [
  district,
  school,
  calendar,
  scheduleStructure,
  day,
  gradeLevel,
  term,
  trial,
  courseCatalog,
  courseMaster,
  course,
  campusAttribute,
  customCourse,
  section,
  sectionPlacement,
  person,
  sectionStaffHistory,
  roster,
  enrollment,
  planType,
  plan,
  teamMember,
  lep,
  lepService,
  lepAccommodation,
  gifted,
  migrant,
  fram,
  homeless,
  fosterCare,
  militaryConnection,
  attendanceGroup,
  gradingTask,
  scoreGroup,
  scoreGroupItem,
  courseGradingTask,
  courseGradingTaskTerm,
  gradeCalcOption,
  gradingScore,
  reportCardTemplate,
  reportCardTemplateTask,
  attendance,
  processAlert,
  exchangeRun,
  exchangeHold,
  disclosure
] as const

/** A bundle table's name. */
export type TableName = (typeof Tables)[number]["name"]

/** Tables by name. */
export const TablesByName: ReadonlyMap<string, (typeof Tables)[number]> = new Map(Tables.map((table) => [table.name, table]))

export type District = RowOf<typeof district>
export type School = RowOf<typeof school>
export type Calendar = RowOf<typeof calendar>
export type ScheduleStructure = RowOf<typeof scheduleStructure>
export type Day = RowOf<typeof day>
export type GradeLevelRow = RowOf<typeof gradeLevel>
export type Term = RowOf<typeof term>
export type Trial = RowOf<typeof trial>
export type CourseCatalog = RowOf<typeof courseCatalog>
export type CourseMaster = RowOf<typeof courseMaster>
export type Course = RowOf<typeof course>
export type CampusAttribute = RowOf<typeof campusAttribute>
export type CustomCourse = RowOf<typeof customCourse>
export type Section = RowOf<typeof section>
export type SectionPlacement = RowOf<typeof sectionPlacement>
export type Person = RowOf<typeof person>
export type SectionStaffHistory = RowOf<typeof sectionStaffHistory>
export type Roster = RowOf<typeof roster>
export type Enrollment = RowOf<typeof enrollment>
export type PlanType = RowOf<typeof planType>
export type Plan = RowOf<typeof plan>
export type TeamMember = RowOf<typeof teamMember>
export type Lep = RowOf<typeof lep>
export type LepService = RowOf<typeof lepService>
export type LepAccommodation = RowOf<typeof lepAccommodation>
export type Gifted = RowOf<typeof gifted>
export type Migrant = RowOf<typeof migrant>
export type Fram = RowOf<typeof fram>
export type Homeless = RowOf<typeof homeless>
export type FosterCare = RowOf<typeof fosterCare>
export type MilitaryConnection = RowOf<typeof militaryConnection>
export type AttendanceGroup = RowOf<typeof attendanceGroup>
export type GradingTask = RowOf<typeof gradingTask>
export type ScoreGroup = RowOf<typeof scoreGroup>
export type ScoreGroupItem = RowOf<typeof scoreGroupItem>
export type CourseGradingTask = RowOf<typeof courseGradingTask>
export type CourseGradingTaskTerm = RowOf<typeof courseGradingTaskTerm>
export type GradeCalcOption = RowOf<typeof gradeCalcOption>
export type GradingScore = RowOf<typeof gradingScore>
export type ReportCardTemplate = RowOf<typeof reportCardTemplate>
export type ReportCardTemplateTask = RowOf<typeof reportCardTemplateTask>
export type Attendance = RowOf<typeof attendance>
export type ProcessAlert = RowOf<typeof processAlert>
export type ExchangeRun = RowOf<typeof exchangeRun>
export type ExchangeHold = RowOf<typeof exchangeHold>
export type Disclosure = RowOf<typeof disclosure>
