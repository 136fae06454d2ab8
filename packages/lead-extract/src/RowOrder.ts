/**
 * The report's row order (docs/lead-report.md → Output): District Number, School
 * Number, Calendar Name, Course Number, Section Number, Section ID, Student
 * Last Name, Student First Name, State ID, Case Manager PersonID.
 *
 * Comparisons, chosen so that the order never depends on the machine's locale:
 * - text (numbers that are text in the bundle, names, State ID): plain UTF-16
 *   code-unit order, i.e. JavaScript `<`. Case-sensitive (`Z` < `a`), no
 *   trimming; a blank value sorts before any other.
 * - Section Number, Section ID, Case Manager PersonID: numerically; a blank
 *   Case Manager PersonID sorts first, then `0`, then the ids.
 * - Last tie-breaker (two different students with the same names and State
 *   ID): the student's personID, so the order is total and two runs agree.
 *
 * All section keys precede all student keys, so a section's rows are
 * contiguous: the report is written section by section in section order,
 * each section's rows sorted on their own.
 */
import type { LeadRow } from "./RowAssembly.js"

/** Code-unit order; `""` first. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Numeric order of whole numbers held as text; `""` first. */
export const compareNumericText = (a: string, b: string): number => {
  if (a === b) return 0
  if (a === "") return -1
  if (b === "") return 1
  return Number(a) - Number(b) || compareText(a, b)
}

/** The keys that order sections. */
export interface SectionOrderKey {
  readonly districtNumber: string
  readonly schoolNumber: string
  readonly calendarName: string
  readonly courseNumber: string
  readonly sectionNumber: number
  readonly sectionID: number
}

/** Section order: district number, school number, calendar name, course number, section number, section ID. */
export const compareSections = (a: SectionOrderKey, b: SectionOrderKey): number =>
  compareText(a.districtNumber, b.districtNumber) ||
  compareText(a.schoolNumber, b.schoolNumber) ||
  compareText(a.calendarName, b.calendarName) ||
  compareText(a.courseNumber, b.courseNumber) ||
  a.sectionNumber - b.sectionNumber ||
  a.sectionID - b.sectionID

/** Row order within one section: last name, first name, State ID, case manager personID, then personID. */
export const compareRowsInSection = (a: LeadRow, b: LeadRow): number =>
  compareText(a.person[2] ?? "", b.person[2] ?? "") ||
  compareText(a.person[1] ?? "", b.person[1] ?? "") ||
  compareText(a.person[0] ?? "", b.person[0] ?? "") ||
  compareNumericText(a.caseManager[0] ?? "", b.caseManager[0] ?? "") ||
  (a.personID ?? 0) - (b.personID ?? 0)
