/**
 * Columns 27–29 "Primary Teacher PersonID / First Name / Last Name" (seed:
 * Detail Report Layout → Primary Teacher PersonID; docs/lead-report.md → Columns, 27–29).
 */
import type { LocalDate, SectionStaffHistory } from "@kts/domain"
import { usDate, usSpan } from "./internal/Wording.js"
import { choose, highest, latestDate, nullDateFirst, type Preference } from "./Latest.js"
import type { Verdict } from "./Verdict.js"

/** The staffType of primary teachers. */
export const PrimaryTeacherStaffType = "P"

/**
 * True when the history row can be the section's primary teacher: staffType
 * `P`; startDate NULL or on or before the section end; endDate NULL, or within
 * [section start, section end] and on or after today.
 */
export const isPrimaryTeacherCandidate = (
  history: SectionStaffHistory,
  sectionStartDate: LocalDate,
  sectionEndDate: LocalDate,
  today: LocalDate
): boolean =>
  history.staffType === PrimaryTeacherStaffType &&
  (history.startDate === null || history.startDate <= sectionEndDate) &&
  (history.endDate === null ||
    (history.endDate >= sectionStartDate && history.endDate <= sectionEndDate && history.endDate >= today))

/**
 * The order among candidates: a NULL endDate first, then the later startDate
 * (NULL earliest), then the higher historyID.
 */
export const PrimaryTeacherOrder: Preference<SectionStaffHistory> = [
  nullDateFirst("endDate", (history) => history.endDate),
  latestDate("startDate", (history) => history.startDate, "earliest"),
  highest("historyID", (history) => history.historyID)
]

/**
 * Columns 27–29: the section's primary teacher. Value: the teacher's personID
 * as text, `"0"` when no history row qualifies; record: the chosen
 * sectionStaffHistory row. `histories` are the section's rows.
 */
export const choosePrimaryTeacher = (
  histories: ReadonlyArray<SectionStaffHistory>,
  sectionStartDate: LocalDate,
  sectionEndDate: LocalDate,
  today: LocalDate
): Verdict<string> => {
  const chosen = choose(
    histories,
    PrimaryTeacherOrder,
    (history) => isPrimaryTeacherCandidate(history, sectionStartDate, sectionEndDate, today)
  )
  if (chosen === undefined) {
    return {
      value: "0",
      record: null,
      reason: "no primary teacher (P) history row starting by " + usDate(sectionEndDate) +
        " with no end date, or one within the section (" + usSpan(sectionStartDate, sectionEndDate) +
        ") and on or after " + usDate(today)
    }
  }
  return {
    value: String(chosen.personID),
    record: { table: "sectionStaffHistory", id: chosen.historyID },
    reason: "section staff history " + chosen.historyID + " (P, " + usSpan(chosen.startDate, chosen.endDate) +
      ") names staff person " + chosen.personID + " as primary teacher"
  }
}
