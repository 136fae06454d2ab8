/**
 * Which sections the report includes and the facts it prints about each
 * (docs/lead-report.md → Which sections). Pure functions over records: the Source
 * gathers the records, these decide.
 */
import {
  GradeLevel,
  ktsCatalogName,
  LeadReportedClassifications,
  type Calendar,
  type Course,
  type District,
  type GradeLevelRow,
  type LocalDate,
  type ScheduleStructure,
  type School,
  type Section,
  type SectionStaffHistory,
  type Term,
  type Trial
} from "@kts/domain"
import {
  choose,
  choosePrimaryTeacher,
  EndingTermOrder,
  endingTerm,
  highest,
  latestDate,
  lowest,
  StartingTermOrder,
  startingTerm,
  type Flag,
  type Preference,
  type Verdict
} from "@kts/eligibility"

/** The run parameters the section rules read. */
export interface SectionCriteria {
  readonly endYear: number
  /** The extract date range, inclusive. */
  readonly from: LocalDate
  readonly to: LocalDate
  readonly excludeCrossSite: boolean
  /** The date part of the run time. */
  readonly today: LocalDate
}

/** A customCourse value together with its campusAttribute's object and element. */
export interface CourseAttributeValue {
  readonly customID: number
  readonly courseID: number
  readonly object: string
  readonly element: string
  readonly value: string | null
}

/** Everything the rules read about one section. */
export interface SectionCandidate {
  readonly district: District
  readonly school: School
  readonly calendar: Calendar
  readonly course: Course
  /** The name of the catalog of the course's master; null when the course has no master. */
  readonly catalogName: string | null
  /** The course's customCourse values (any attribute). */
  readonly courseAttributes: ReadonlyArray<CourseAttributeValue>
  readonly section: Section
  readonly trial: Trial
  /** The trial's structure: the section's structure. */
  readonly structure: ScheduleStructure
  /** The distinct terms the section is placed in. */
  readonly placedTerms: ReadonlyArray<Term>
  /** The structure's latest instructional day, or null when it has none. */
  readonly lastInstructionalDay: LocalDate | null
  /** The gradeLevel rows of the calendar (rows of other structures are ignored). */
  readonly gradeLevels: ReadonlyArray<GradeLevelRow>
  /** The section's sectionStaffHistory rows. */
  readonly staffHistory: ReadonlyArray<SectionStaffHistory>
}

/** A section the report includes, with the facts derived for it. */
export interface ReportedSection extends SectionCandidate {
  readonly startingTerm: Term
  readonly endingTerm: Term
  /** Section Start Date: the starting term's startDate. */
  readonly startDate: LocalDate
  /** Section End Date: the ending term's endDate. */
  readonly endDate: LocalDate
  readonly lowGrade: string | null
  readonly highGrade: string | null
  readonly ktsExchange: Verdict<Flag>
  /** Value: the teacher's personID as text, or `0`. */
  readonly primaryTeacher: Verdict<string>
}

/** The answer for one section: reported with its facts, or left out and why. */
export type SectionDecision =
  | { readonly reported: true; readonly section: ReportedSection }
  | { readonly reported: false; readonly reason: string }

/**
 * Why every section of a calendar is left out, or null when the calendar and
 * its school qualify: the school's classification is one the report covers,
 * and the calendar has the end year, is not summer school and overlaps the
 * extract date range. `calendar.exclude` is deliberately not consulted.
 */
export const calendarExclusion = (
  calendar: Calendar,
  school: School,
  criteria: Pick<SectionCriteria, "endYear" | "from" | "to">
): string | null => {
  const classification = school.stateClassification
  if (classification === null) return `school ${school.schoolID} has no state classification`
  if (!LeadReportedClassifications.has(classification)) {
    return `school ${school.schoolID} has state classification ${classification}, which the report does not cover`
  }
  if (calendar.endYear !== criteria.endYear) {
    return `calendar ${calendar.calendarID} has end year ${calendar.endYear}, not ${criteria.endYear}`
  }
  if (calendar.summerSchool) return `calendar ${calendar.calendarID} is a summer school calendar`
  if (calendar.startDate > criteria.to || calendar.endDate < criteria.from) {
    return `calendar ${calendar.calendarID} (${calendar.startDate}…${calendar.endDate}) does not overlap the extract range ${criteria.from}…${criteria.to}`
  }
  return null
}

// The starting and ending terms are the same rule for the report and the exchange: owned by @kts/eligibility.
export { EndingTermOrder, endingTerm, StartingTermOrder, startingTerm }

/**
 * Low and High Grade: the lowest and highest stateGrade, in the state's grade
 * order (95…99, 00…12, 14, 20), among the structure's gradeLevel rows with
 * excludeEnrollment = 0; null when there are none.
 */
export const gradeRange = (
  gradeLevels: ReadonlyArray<GradeLevelRow>,
  structureID: number
): { readonly low: string | null; readonly high: string | null } => {
  let low: string | null = null
  let high: string | null = null
  let lowRank = Infinity
  let highRank = -Infinity
  for (const row of gradeLevels) {
    if (row.structureID !== structureID || row.excludeEnrollment) continue
    const rank = GradeLevel.rankOf(row.stateGrade)
    if (rank < 0) continue
    if (rank < lowRank) {
      lowRank = rank
      low = row.stateGrade
    }
    if (rank > highRank) {
      highRank = rank
      high = row.stateGrade
    }
  }
  return { low, high }
}

/**
 * KTS Exchange: `1` when the course's master is in the year's KTS high-school
 * catalog and the course has a non-NULL `Course`/`KTSTechID` custom value.
 */
export const ktsExchange = (
  catalogName: string | null,
  attributes: ReadonlyArray<CourseAttributeValue>,
  endYear: number
): Verdict<Flag> => {
  const expected = ktsCatalogName(endYear)
  if (catalogName !== expected) {
    return {
      value: "0",
      record: null,
      reason: catalogName === null
        ? "the course has no course master"
        : `the course's master is in catalog "${catalogName}", not "${expected}"`
    }
  }
  const techID = attributes.find((attribute) =>
    attribute.object === "Course" && attribute.element === "KTSTechID" && attribute.value !== null
  )
  if (techID === undefined) {
    return { value: "0", record: null, reason: `the course is in "${expected}" but has no KTSTechID value` }
  }
  return {
    value: "1",
    record: { table: "customCourse", id: techID.customID },
    reason: `the course is in "${expected}" and has KTSTechID ${JSON.stringify(techID.value)}`
  }
}

/**
 * Decides whether a section is reported and, when it is, derives its dates,
 * grade range, KTS flag and primary teacher. Checks run in the order of the
 * spec; the first one that fails is the reason.
 */
export const decideSection = (candidate: SectionCandidate, criteria: SectionCriteria): SectionDecision => {
  const excluded = calendarExclusion(candidate.calendar, candidate.school, criteria)
  if (excluded !== null) return { reported: false, reason: excluded }
  if (!candidate.course.active) return { reported: false, reason: `course ${candidate.course.courseID} is not active` }
  if (!candidate.trial.active) return { reported: false, reason: `trial ${candidate.trial.trialID} is not active` }
  const starting = startingTerm(candidate.placedTerms)
  const ending = endingTerm(candidate.placedTerms)
  if (starting === undefined || ending === undefined) {
    return { reported: false, reason: "the section has no sectionPlacement" }
  }
  if (starting.startDate === null) {
    return { reported: false, reason: `its starting term ${starting.termID} has no startDate` }
  }
  if (ending.endDate === null) {
    return { reported: false, reason: `its ending term ${ending.termID} has no endDate` }
  }
  if (criteria.excludeCrossSite && candidate.section.crossSiteEnrollment !== null) {
    return { reported: false, reason: "it is a cross-site section and cross-site data is excluded" }
  }
  const grades = gradeRange(candidate.gradeLevels, candidate.structure.structureID)
  return {
    reported: true,
    section: {
      ...candidate,
      startingTerm: starting,
      endingTerm: ending,
      startDate: starting.startDate,
      endDate: ending.endDate,
      lowGrade: grades.low,
      highGrade: grades.high,
      ktsExchange: ktsExchange(candidate.catalogName, candidate.courseAttributes, candidate.calendar.endYear),
      primaryTeacher: choosePrimaryTeacher(candidate.staffHistory, starting.startDate, ending.endDate, criteria.today)
    }
  }
}
