/**
 * Which students a reported section lists (docs/lead-report.md → Which students):
 * the roster rows present on the section's last day, one per person, and the
 * person's reported enrollment in the section's calendar and structure.
 */
import type { Enrollment, LocalDate, Roster } from "@kts/domain"
import { chooseReportedEnrollment, isPreferredRoster } from "@kts/eligibility"

/**
 * True when a roster row counts: its endDate is NULL, equals the Section End
 * Date, or equals the Last Instructional Day (never when LID is blank).
 */
export const rosterQualifies = (roster: Roster, sectionEndDate: LocalDate, lastInstructionalDay: LocalDate | null): boolean =>
  roster.endDate === null || roster.endDate === sectionEndDate || roster.endDate === lastInstructionalDay

/**
 * The section's qualifying roster rows, one per person (the preferred one), in
 * the order their persons first appear in `rosters`.
 */
export const chooseRosterRows = (
  rosters: ReadonlyArray<Roster>,
  sectionEndDate: LocalDate,
  lastInstructionalDay: LocalDate | null
): Array<Roster> => {
  const byPerson = new Map<number, Roster>()
  for (const roster of rosters) {
    if (!rosterQualifies(roster, sectionEndDate, lastInstructionalDay)) continue
    const held = byPerson.get(roster.personID)
    if (held === undefined || isPreferredRoster(roster, held)) byPerson.set(roster.personID, roster)
  }
  return [...byPerson.values()]
}

/**
 * The enrollments the reported enrollment is chosen from: the person's
 * enrollments in the section's calendar and structure (no-show rows included;
 * `chooseReportedEnrollment` drops them).
 */
export const enrollmentCandidates = (
  personEnrollments: ReadonlyArray<Enrollment>,
  calendarID: number,
  structureID: number
): Array<Enrollment> =>
  personEnrollments.filter((enrollment) => enrollment.calendarID === calendarID && enrollment.structureID === structureID)

/** A roster row that is reported, with its reported enrollment. */
export interface SelectedStudent {
  readonly roster: Roster
  readonly enrollment: Enrollment
}

/**
 * The students a section lists: each qualifying person's preferred roster row
 * with the reported enrollment; a person without one is not listed.
 * `enrollmentsOf` gives a person's enrollments (any calendar: they are filtered here).
 */
export const selectStudents = (
  rosters: ReadonlyArray<Roster>,
  section: {
    readonly endDate: LocalDate
    readonly lastInstructionalDay: LocalDate | null
    readonly calendarID: number
    readonly structureID: number
  },
  enrollmentsOf: (personID: number) => ReadonlyArray<Enrollment>
): Array<SelectedStudent> => {
  const selected: Array<SelectedStudent> = []
  for (const roster of chooseRosterRows(rosters, section.endDate, section.lastInstructionalDay)) {
    const candidates = enrollmentCandidates(enrollmentsOf(roster.personID), section.calendarID, section.structureID)
    const enrollment = chooseReportedEnrollment(candidates)
    if (enrollment !== undefined) selected.push({ roster, enrollment })
  }
  return selected
}
