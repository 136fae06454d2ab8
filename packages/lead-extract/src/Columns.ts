/**
 * The 59 columns of the KECS LEAD detail report, in report order, with the
 * exact header names of docs/lead-report.md → Columns.
 */

/** Header names, column 1 first. */
export const LeadColumns = [
  "Date Time Generated",
  "End Year",
  "Section ID",
  "District Number",
  "District Name",
  "School Number",
  "School Name",
  "State Classification",
  "Calendar Name",
  "Schedule Structure Name",
  "Last Instructional Day",
  "Low Grade",
  "High Grade",
  "Course Number",
  "Course Name",
  "Section Number",
  "State Course Code",
  "Core Content",
  "Teaching Method",
  "Instructional Setting",
  "Section Special Type",
  "KTS Exchange",
  "Cross-Site Section",
  "Responsive",
  "Type",
  "Difficulty Level",
  "Primary Teacher PersonID",
  "Primary Teacher First Name",
  "Primary Teacher Last Name",
  "Section Start Date",
  "Section End Date",
  "State ID",
  "Student First Name",
  "Student Last Name",
  "Gender",
  "Race Ethnicity",
  "Roster Start Date",
  "Roster End Date",
  "Primary Disability in Section",
  "EnrollmentID",
  "Grade",
  "Service Type",
  "Enrollment Start Date",
  "Enrollment End Date",
  "Enrollment Start Status",
  "Enrollment End Status",
  "Primary Disability Enrollment",
  "English Learner",
  "Gifted",
  "Migrant",
  "Economically Disadvantaged",
  "Homeless",
  "Foster Care",
  "Military Connected",
  "Home Hospital Attendance Group",
  "Alternative Education ILPA",
  "Case Manager PersonID",
  "Case Manager First Name",
  "Case Manager Last Name"
] as const

/** One header name. */
export type LeadColumn = (typeof LeadColumns)[number]

/** 59. */
export const LeadColumnCount = LeadColumns.length

/**
 * How many leading columns describe the section (1–31, through Section End
 * Date): they are the same on every row of a section, and the blank-student
 * row fills only these.
 */
export const SectionColumnCount = 31

/** Zero-based positions of the columns the row order and explain read. */
export const ColumnIndex = {
  dateTimeGenerated: 0,
  sectionID: 2,
  districtNumber: 3,
  schoolNumber: 5,
  calendarName: 8,
  courseNumber: 13,
  sectionNumber: 15,
  primaryTeacherFirstName: 27,
  primaryTeacherLastName: 28,
  stateID: 31,
  studentFirstName: 32,
  studentLastName: 33,
  caseManagerPersonID: 56,
  caseManagerFirstName: 57,
  caseManagerLastName: 58
} as const

/** Columns that hold a person's name: explain output never shows them. */
export const NameColumns: ReadonlySet<number> = new Set([
  ColumnIndex.primaryTeacherFirstName,
  ColumnIndex.primaryTeacherLastName,
  ColumnIndex.studentFirstName,
  ColumnIndex.studentLastName,
  ColumnIndex.caseManagerFirstName,
  ColumnIndex.caseManagerLastName
])
