/**
 * Record builders for the rule tests: each returns a valid record of the
 * domain type, with the fields a test names overriding the defaults.
 * People are identified by IDs only.
 */
import {
  addDays,
  type AttendanceGroup,
  type Enrollment,
  type FosterCare,
  type Fram,
  type Gifted,
  type Homeless,
  type Lep,
  type LepAccommodation,
  type LepService,
  type LocalDate,
  type Migrant,
  type MilitaryConnection,
  type Person,
  type Plan,
  type SectionStaffHistory,
  type TeamMember
} from "@kts/domain"
import { makeEnrollmentWindow, type EnrollmentWindow } from "../src/EnrollmentWindow.js"
import { emptyPersonRecords, type PersonRecords } from "../src/LeadFlags.js"

export const STUDENT = 500
export const DISTRICT = 7
export const OTHER_DISTRICT = 8
export const END_YEAR = 2025
export const ENROLLMENT_START = "2024-08-14"
/** The default run date: before the last instructional day, so an open enrollment's EEE is today. */
export const TODAY = "2025-04-10"
export const LAST_INSTRUCTIONAL_DAY = "2025-05-22"

export const SPECIAL_ED_TYPE = 1
export const ILPA_TYPE = 2
export const OTHER_PLAN_TYPE = 3
export const PLAN_MODULES: ReadonlyMap<number, string> = new Map([
  [SPECIAL_ED_TYPE, "specialEd"],
  [ILPA_TYPE, "alp"],
  [OTHER_PLAN_TYPE, "504"]
])

export const dayBefore = (date: LocalDate): LocalDate => addDays(date, -1)
export const dayAfter = (date: LocalDate): LocalDate => addDays(date, 1)

export const person = (fields: Partial<Person> = {}): Person => ({
  personID: STUDENT,
  stateID: "9000000500",
  studentNumber: null,
  firstName: "A",
  lastName: "B",
  legalFirstName: null,
  legalLastName: null,
  gender: "F",
  raceEthnicity: "6",
  birthDate: null,
  homePrimaryLanguage: "1200",
  ...fields
})

export const enrollment = (fields: Partial<Enrollment> = {}): Enrollment => ({
  enrollmentID: 40,
  personID: STUDENT,
  calendarID: 1,
  structureID: 1,
  grade: "05",
  serviceType: "P",
  startDate: ENROLLMENT_START,
  endDate: null,
  startStatus: "E01",
  endStatus: null,
  noShow: false,
  stateExclude: false,
  ...fields
})

/** The window of `enrollment(fields)` in DISTRICT, with the default LID and today unless given. */
export const windowOf = (
  fields: Partial<Enrollment> = {},
  lastInstructionalDay: LocalDate | null = LAST_INSTRUCTIONAL_DAY,
  today: LocalDate = TODAY
): EnrollmentWindow => makeEnrollmentWindow(enrollment(fields), DISTRICT, lastInstructionalDay, today)

export const plan = (fields: Partial<Plan> = {}): Plan => ({
  planID: 800,
  personID: STUDENT,
  districtID: DISTRICT,
  planTypeID: SPECIAL_ED_TYPE,
  startDate: "2024-09-01",
  endDate: null,
  locked: true,
  primaryDisability: "10",
  specialEdStatus: "A",
  specialEdSetting: "01",
  ...fields
})

export const teamMember = (fields: Partial<TeamMember> = {}): TeamMember => ({
  teamMemberID: 70,
  personID: STUDENT,
  staffPersonID: 9001,
  module: "specialEd",
  role: "Case Manager",
  startDate: "2024-08-01",
  endDate: null,
  ...fields
})

export const lep = (fields: Partial<Lep> = {}): Lep => ({
  lepID: 10,
  personID: STUDENT,
  districtID: DISTRICT,
  programStatus: "EL",
  identifiedDate: "2023-09-15",
  exitDate: null,
  ...fields
})

export const lepService = (fields: Partial<LepService> = {}): LepService => ({
  lepServiceID: 20,
  personID: STUDENT,
  districtID: DISTRICT,
  startDate: "2023-09-15",
  endDate: null,
  ...fields
})

export const lepAccommodation = (fields: Partial<LepAccommodation> = {}): LepAccommodation => ({
  accommodationID: 30,
  personID: STUDENT,
  districtID: DISTRICT,
  type: "I",
  startDate: "2023-09-15",
  endDate: null,
  ...fields
})

export const gifted = (fields: Partial<Gifted> = {}): Gifted => ({
  giftedID: 50,
  personID: STUDENT,
  districtID: DISTRICT,
  category: "01",
  startDate: "2023-09-15",
  endDate: null,
  ...fields
})

export const migrant = (fields: Partial<Migrant> = {}): Migrant => ({
  migrantID: 60,
  personID: STUDENT,
  districtID: DISTRICT,
  lastQualifyingArrivalDate: "2024-03-01",
  eligibilityExpirationDate: "2027-02-28",
  ...fields
})

export const fram = (fields: Partial<Fram> = {}): Fram => ({
  eligibilityID: 90,
  personID: STUDENT,
  districtID: DISTRICT,
  eligibility: "F",
  startDate: "2024-08-01",
  endDate: null,
  ...fields
})

export const homeless = (fields: Partial<Homeless> = {}): Homeless => ({
  homelessID: 110,
  personID: STUDENT,
  districtID: DISTRICT,
  startDate: "2024-10-01",
  endDate: null,
  ...fields
})

export const fosterCare = (fields: Partial<FosterCare> = {}): FosterCare => ({
  fosterCareID: 120,
  personID: STUDENT,
  districtID: null,
  startDate: "2024-10-01",
  endDate: null,
  ...fields
})

export const militaryConnection = (fields: Partial<MilitaryConnection> = {}): MilitaryConnection => ({
  militaryID: 130,
  personID: STUDENT,
  districtID: DISTRICT,
  status: "Active Duty, Deployed",
  startDate: "2023-01-01",
  endDate: null,
  ...fields
})

export const attendanceGroup = (fields: Partial<AttendanceGroup> = {}): AttendanceGroup => ({
  groupID: 140,
  personID: STUDENT,
  enrollmentID: 40,
  groupCategory: "HH",
  startDate: "2025-01-06",
  endDate: null,
  ...fields
})

export const staffHistory = (fields: Partial<SectionStaffHistory> = {}): SectionStaffHistory => ({
  historyID: 150,
  sectionID: 3,
  personID: 7001,
  staffType: "P",
  startDate: "2024-08-14",
  endDate: null,
  ...fields
})

/** A person with no program records; spread fields over it. */
export const noRecords: PersonRecords = emptyPersonRecords()
