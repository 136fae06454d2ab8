/**
 * Code lists from the KSIS data dictionary, as data with their labels.
 *
 * A `CodeList` keeps its entries in the order the source documents give them;
 * for grade levels that order is also the ranking used by "lowest"/"highest".
 */

/** One code and the label a person reads. */
export interface CodeEntry {
  readonly code: string
  readonly label: string
}

/** An ordered list of codes with their labels. */
export interface CodeList {
  readonly name: string
  readonly entries: ReadonlyArray<CodeEntry>
  /** True when `code` is in the list. */
  readonly has: (code: string) => boolean
  /** The label of `code`, or undefined when it is not in the list. */
  readonly labelOf: (code: string) => string | undefined
  /** The position of `code` in the list's order, or -1. */
  readonly rankOf: (code: string) => number
}

/** Builds a code list from `[code, label]` pairs, keeping their order. */
export const makeCodeList = (name: string, pairs: ReadonlyArray<readonly [string, string]>): CodeList => {
  const entries = pairs.map(([code, label]) => ({ code, label }))
  const rank = new Map(entries.map((entry, index) => [entry.code, index]))
  return {
    name,
    entries,
    has: (code) => rank.has(code),
    labelOf: (code) => {
      const index = rank.get(code)
      return index === undefined ? undefined : entries[index]!.label
    },
    rankOf: (code) => rank.get(code) ?? -1
  }
}

/** School state classifications (LEAD report Appendix A). */
export const StateClassification = makeCodeList("state classification", [
  ["A1", "Principal or head teacher controlled school"],
  ["A2", "District-operated career and technical center (CTC)"],
  ["A3", "District-operated special education school"],
  ["A4", "District-operated preschool program"],
  ["A5", "District-operated alternative program"],
  ["A6", "KECSAC-funded program"],
  ["A7", "Miscellaneous: home/hospital, summer"],
  ["A8", "District-operated full-time online, virtual or remote program"],
  ["B1", "Laboratory or training school run by a college or university"],
  ["B2", "Dual-enrollment postsecondary program run by a college or university"],
  ["C1", "University-operated career and technical center"],
  ["C2", "State-operated career and technical center (ATC)"],
  ["C3", "State-operated vocational program, college"],
  ["C4", "State-operated health-occupation school"],
  ["C5", "State vocational program"],
  ["D1", "Operated by the state Department of Education (Blind and Deaf)"],
  ["F1", "Federal dependent school (Fort Knox, Fort Campbell)"],
  ["F2", "Federal Job Corps"],
  ["F3", "Federally funded stand-alone Head Start"],
  ["J1", "Roman Catholic"],
  ["M1", "Other religious school"],
  ["M2", "Seventh-day Adventist"],
  ["R1", "Private non-public school or program"]
])

/** The classifications whose schools the LEAD report includes. */
export const LeadReportedClassifications: ReadonlySet<string> = new Set([
  "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2", "C1", "C2", "D1"
])

/** Career and technical centers, whose students get no case manager on the LEAD report. */
export const TechnicalCenterClassifications: ReadonlySet<string> = new Set(["A2", "C2"])

/** State grade levels in the report's order, lowest first: 95…99, 00…12, 14, 20. */
export const GradeLevel = makeCodeList("state grade level", [
  ["95", "Preschool, age 3"],
  ["96", "Preschool, age 4"],
  ["97", "Preschool, other"],
  ["98", "Primary, first year"],
  ["99", "Primary, second year"],
  ["00", "Kindergarten"],
  ["01", "Grade 1"],
  ["02", "Grade 2"],
  ["03", "Grade 3"],
  ["04", "Grade 4"],
  ["05", "Grade 5"],
  ["06", "Grade 6"],
  ["07", "Grade 7"],
  ["08", "Grade 8"],
  ["09", "Grade 9"],
  ["10", "Grade 10"],
  ["11", "Grade 11"],
  ["12", "Grade 12"],
  ["14", "Grade 14 (adult with a prior diploma)"],
  ["20", "Ungraded"]
])

/** Course teaching methods; NULL reports as 01. */
export const TeachingMethod = makeCodeList("teaching method", [
  ["01", "Direct instruction"],
  ["02", "Third-party contract"],
  ["10", "Digital learning provider"],
  ["11", "Dual credit, offered by the district"],
  ["12", "Dual credit, offered by a college"],
  ["13", "Credit recovery, direct instruction"],
  ["14", "Credit recovery, digital learning provider"],
  ["19", "Self study provided by the district"],
  ["20", "Blended learning"],
  ["21", "Work-based learning"]
])

/** Instructional settings of a course or a section override; NULL reports as 01. */
export const InstructionalSetting = makeCodeList("instructional setting", [
  ["01", "Classroom on site"],
  ["02", "CTE off site"],
  ["03", "College off site"],
  ["04", "Home or hospital"],
  ["05", "Online"],
  ["06", "Blended learning"],
  ["11", "Spanish immersion"],
  ["12", "French immersion"],
  ["21", "Workplace off site"]
])

/** Section special classroom types; NULL reports as 01. */
export const SectionSpecialType = makeCodeList("section special type", [
  ["01", "None"],
  ["02", "Alternative classroom"],
  ["03", "ESL classroom"],
  ["04", "Gifted classroom"],
  ["05", "Special education classroom"],
  ["06", "Speech therapy"]
])

/** Enrollment service types. */
export const ServiceType = makeCodeList("service type", [
  ["P", "Primary"],
  ["S", "Partial"],
  ["N", "Special education services only"]
])

/** State enrollment start statuses. */
export const EnrollmentStartStatus = makeCodeList("enrollment start status", [
  ["E01", "Entered for the first time this year"],
  ["E02", "Entered from another school in the district"],
  ["E03", "Entered from outside the district"],
  ["E98", "Entered, other"],
  ["NS", "No show"],
  ["R01", "Re-entered from the same school"],
  ["R02", "Re-entered from another school in the district"],
  ["R06", "Re-entered from outside the district"],
  ["R20", "Re-entered from home school"],
  ["R21", "Re-entered from a non-public school"]
])

/** State enrollment end statuses (LEAD report Appendix C). */
export const EnrollmentEndStatus = makeCodeList("enrollment end status", [
  ["CO1", "Close of year"],
  ["G01", "Graduated in under four years"],
  ["G02", "Graduated in four years"],
  ["G03", "Graduated in five years"],
  ["G04", "Graduated in six or more years"],
  ["W01", "Moved to another enrollment in the same school"],
  ["W02", "Moved to a school in the same district"],
  ["W07", "Withdrawn for health reasons"],
  ["W08", "Withdrawn: death"],
  ["W12", "Withdrawn: court jurisdiction"],
  ["W17", "Withdrawn at age 5: immaturity or parent's choice"],
  ["W20", "Moved to home school"],
  ["W21", "Moved to a non-public school"],
  ["W22", "Moved and re-enrolled in another Kentucky public district"],
  ["W23", "Withdrawn: second drop in the school year"],
  ["W24", "Moved, whereabouts unknown"],
  ["W25", "Dropped out above the minimum withdrawal age"],
  ["W26", "Completed a GED program"],
  ["W27", "Withdrawn: received a GED"],
  ["W28", "Reached the maximum age for services without a diploma"],
  ["W29", "Moved out of state or out of the country"],
  ["W30", "Mid-year withdrawal, grade 14 with a prior diploma"]
])

/** Primary disabilities on a KY IEP (LEAD report Appendix B). */
export const PrimaryDisability = makeCodeList("primary disability", [
  ["01", "Mild mental disability"],
  ["02", "Functional mental disability"],
  ["04", "Hearing impairment"],
  ["05", "Speech or language impairment"],
  ["06", "Visual impairment"],
  ["07", "Emotional-behavioral disability"],
  ["08", "Orthopedic impairment"],
  ["09", "Other health impairment"],
  ["10", "Specific learning disability"],
  ["12", "Multiple disabilities"],
  ["13", "Autism"],
  ["14", "Traumatic brain injury"],
  ["15", "Developmental delay"]
])

/** Federal race/ethnicity codes as the LEAD report prints them. */
export const RaceEthnicity = makeCodeList("race/ethnicity", [
  ["1", "Hispanic or Latino"],
  ["2", "American Indian or Alaska Native"],
  ["3", "Asian"],
  ["4", "Black or African American"],
  ["5", "Native Hawaiian or Other Pacific Islander"],
  ["6", "White"],
  ["7", "Two or more races"]
])

/** Course types the report prints; any other value reports blank. */
export const CourseType = makeCodeList("course type", [
  ["ABV", "Attendance-based virtual"],
  ["PB", "Performance-based"],
  ["V", "Virtual or online"]
])

/** Course difficulty (honors) levels the report prints; any other value reports blank. */
export const DifficultyLevel = makeCodeList("difficulty level", [
  ["AP", "Advanced Placement"],
  ["CAI", "Cambridge Advanced International"],
  ["DC", "Dual credit"],
  ["IB", "International Baccalaureate"]
])

/** Staff types on a section's staff history. */
export const StaffType = makeCodeList("staff type", [
  ["P", "Primary teacher"],
  ["T", "Teacher"],
  ["N", "Non-teaching staff"]
])

/** Gender codes the report prints. */
export const Gender = makeCodeList("gender", [
  ["M", "Male"],
  ["F", "Female"]
])

/** Attendance statuses. */
export const AttendanceStatus = makeCodeList("attendance status", [
  ["A", "Absent"],
  ["T", "Tardy"],
  ["E", "Early release"]
])

/** Attendance excuses; `U` (unknown) is what the optional KTS attendance sync carries. */
export const AttendanceExcuse = makeCodeList("attendance excuse", [
  ["E", "Excused"],
  ["U", "Unknown"],
  ["X", "Exempt"]
])

/** Free/reduced-price meal eligibilities; F and R make a student economically disadvantaged. */
export const FramEligibility = makeCodeList("meal eligibility", [
  ["F", "Free (state code 4103)"],
  ["R", "Reduced (state code 4104)"],
  ["N", "Not eligible"]
])

/** Military connection statuses that count as connected on the LEAD report. */
export const ActiveDutyStatuses: ReadonlySet<string> = new Set(["Active Duty, Deployed", "Active Duty, Not Deployed"])

/** Home primary language code for English; any other non-NULL language can make a student EL. */
export const EnglishLanguageCode = "0400"

/** The three KTS grading tasks, by their exact names. */
export const KtsGradingTasks = ["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"] as const
