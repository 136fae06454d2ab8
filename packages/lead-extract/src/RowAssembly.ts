/**
 * The report's rows as strings (docs/lead-report.md → Columns): the 31 section
 * columns once per section, then a student's columns 32–59 in parts, one row
 * per case-manager verdict; NULLs print empty and the listed defaults apply.
 * Pure: every input is a record or a verdict.
 */
import {
  CourseType,
  DifficultyLevel,
  formatUsDate,
  formatUsDateTime,
  type Enrollment,
  type LocalDate,
  type LocalDateTime,
  type Person,
  type Roster
} from "@kts/domain"
import type { LeadFlags } from "@kts/eligibility"
import type { ReportedSection } from "./SectionSelection.js"

/** A staff member's preferred names, as the teacher and case-manager columns print them. */
export interface StaffName {
  readonly firstName: string
  readonly lastName: string
}

/** One reported student of one section, with the rule verdicts for them. */
export interface ReportedStudent {
  readonly roster: Roster
  readonly person: Person
  readonly enrollment: Enrollment
  readonly flags: LeadFlags
}

/**
 * A report row, made of parts that rows share: the section's columns once per
 * section, a person's once per person, an enrollment's once per enrollment,
 * the program verdicts once per evaluation. Writers encode each shared part
 * once; `rowValues` gives the 59 values. `personID` (null on a blank-student
 * row) is the row order's last tie-breaker.
 */
export interface LeadRow {
  /** Columns 1–31. */
  readonly section: ReadonlyArray<string>
  /** Columns 32–36: State ID, names, gender, race/ethnicity. */
  readonly person: ReadonlyArray<string>
  /** Columns 37–39: roster start and end, primary disability in section. */
  readonly placement: ReadonlyArray<string>
  /** Columns 40–46: the reported enrollment. */
  readonly enrollment: ReadonlyArray<string>
  /** Columns 47–56: primary disability enrollment and the program flags. */
  readonly programs: ReadonlyArray<string>
  /** Columns 57–59. */
  readonly caseManager: ReadonlyArray<string>
  readonly personID: number | null
}

/** All 59 values of a row. */
export const rowValues = (row: LeadRow): Array<string> => [
  ...row.section,
  ...row.person,
  ...row.placement,
  ...row.enrollment,
  ...row.programs,
  ...row.caseManager
]

// Dates repeat across millions of rows; formatting each once is cheaper than slicing anew.
const formattedDates = new Map<LocalDate, string>()
const usDate = (date: LocalDate | null): string => {
  if (date === null) return ""
  let text = formattedDates.get(date)
  if (text === undefined) {
    if (formattedDates.size > 100_000) formattedDates.clear()
    text = formatUsDate(date)
    formattedDates.set(date, text)
  }
  return text
}

const flag = (value: boolean): string => (value ? "1" : "0")

/** Teaching Method: course.teachingMethod, `01` when NULL. */
export const teachingMethod = (section: Pick<ReportedSection, "course">): string => section.course.teachingMethod ?? "01"

/** Instructional Setting: the section's override, else the course's, else `01`. */
export const instructionalSetting = (section: Pick<ReportedSection, "course" | "section">): string =>
  section.section.instructionalSetting ?? section.course.instructionalSetting ?? "01"

/** Section Special Type: section.specialType, `01` when NULL. */
export const sectionSpecialType = (section: Pick<ReportedSection, "section">): string => section.section.specialType ?? "01"

/** Type: course.type when ABV, PB or V; otherwise blank. */
export const courseType = (type: string | null): string => (type !== null && CourseType.has(type) ? type : "")

/** Difficulty Level: course.difficultyLevel when AP, CAI, DC or IB; otherwise blank. */
export const difficultyLevel = (level: string | null): string => (level !== null && DifficultyLevel.has(level) ? level : "")

/**
 * Columns 1–31 for a reported section. `teacher` is the primary teacher's
 * names (undefined when the verdict is `0` or the person is unknown).
 */
export const sectionValues = (
  section: ReportedSection,
  teacher: StaffName | undefined,
  asOf: LocalDateTime
): Array<string> => [
  formatUsDateTime(asOf),
  String(section.calendar.endYear),
  String(section.section.sectionID),
  section.district.number,
  section.district.name,
  section.school.number,
  section.school.name,
  section.school.stateClassification ?? "",
  section.calendar.name,
  section.structure.name,
  usDate(section.lastInstructionalDay),
  section.lowGrade ?? "",
  section.highGrade ?? "",
  section.course.number,
  section.course.name,
  String(section.section.number),
  section.course.stateCode ?? "",
  section.section.coreContent ?? "",
  teachingMethod(section),
  instructionalSetting(section),
  sectionSpecialType(section),
  section.ktsExchange.value,
  flag(section.section.crossSiteEnrollment !== null),
  flag(section.course.responsive),
  courseType(section.course.type),
  difficultyLevel(section.course.difficultyLevel),
  section.primaryTeacher.value,
  teacher?.firstName ?? "",
  teacher?.lastName ?? "",
  usDate(section.startDate),
  usDate(section.endDate)
]

const blanks = (count: number): ReadonlyArray<string> => Object.freeze(Array.from({ length: count }, () => ""))
const BlankPerson = blanks(5)
const BlankPlacement = blanks(3)
const BlankEnrollment = blanks(7)
const BlankPrograms = blanks(10)
/** Columns 57–59 when the case manager is blank. */
export const BlankCaseManager = blanks(3)
const NoCaseManager: ReadonlyArray<string> = Object.freeze(["0", "", ""])

/** The single row of a section with no reported student: State ID and every later column blank. */
export const blankStudentRow = (sectionPart: ReadonlyArray<string>): LeadRow => ({
  section: sectionPart,
  person: BlankPerson,
  placement: BlankPlacement,
  enrollment: BlankEnrollment,
  programs: BlankPrograms,
  caseManager: BlankCaseManager,
  personID: null
})

/** Columns 32–36 of a person. */
export const personValues = (person: Person): ReadonlyArray<string> => [
  person.stateID ?? "",
  person.firstName,
  person.lastName,
  person.gender ?? "",
  person.raceEthnicity ?? ""
]

/** Columns 40–46 of the reported enrollment. */
export const enrollmentValues = (enrollment: Enrollment): ReadonlyArray<string> => [
  String(enrollment.enrollmentID),
  enrollment.grade,
  enrollment.serviceType,
  usDate(enrollment.startDate),
  usDate(enrollment.endDate),
  enrollment.startStatus ?? "",
  enrollment.endStatus ?? ""
]

/** Columns 47–56 from the verdicts. */
export const programValues = (flags: LeadFlags): ReadonlyArray<string> => [
  flags.primaryDisabilityEnrollment.value,
  flags.englishLearner.value,
  flags.gifted.value,
  flags.migrant.value,
  flags.economicallyDisadvantaged.value,
  flags.homeless.value,
  flags.fosterCare.value,
  flags.militaryConnected.value,
  flags.homeHospital.value,
  flags.alternativeEducationIlpa.value
]

/** The parts of a student's rows that do not depend on the section. */
export interface StudentParts {
  readonly person: ReadonlyArray<string>
  readonly enrollment: ReadonlyArray<string>
  readonly programs: ReadonlyArray<string>
}

/**
 * A student's rows: one per case-manager verdict (columns 57–59), all else
 * equal. A case manager's names come from `staffName`; the `0` and blank
 * verdicts print no names. `parts` lets a caller share the section-independent
 * parts across the student's sections.
 */
export const studentRows = (
  sectionPart: ReadonlyArray<string>,
  student: ReportedStudent,
  staffName: (personID: number) => StaffName | undefined,
  parts: StudentParts = {
    person: personValues(student.person),
    enrollment: enrollmentValues(student.enrollment),
    programs: programValues(student.flags)
  }
): Array<LeadRow> => {
  const { flags, roster } = student
  const placement = [usDate(roster.startDate), usDate(roster.endDate), flags.primaryDisabilityInSection.value]
  const managers = flags.caseManagers
  const rows: Array<LeadRow> = []
  for (let index = 0; index < Math.max(1, managers.length); index++) {
    const id = managers[index]?.value ?? ""
    let caseManager: ReadonlyArray<string>
    if (id === "") caseManager = BlankCaseManager
    else if (id === "0") caseManager = NoCaseManager
    else {
      const names = staffName(Number(id))
      caseManager = [id, names?.firstName ?? "", names?.lastName ?? ""]
    }
    rows.push({
      section: sectionPart,
      person: parts.person,
      placement,
      enrollment: parts.enrollment,
      programs: parts.programs,
      caseManager,
      personID: student.person.personID
    })
  }
  return rows
}
