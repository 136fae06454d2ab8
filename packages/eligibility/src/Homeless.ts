/**
 * Column 52 "Homeless" (seed: Detail Report Layout → Homeless; docs/lead-report.md →
 * Columns, 52, and Derived dates for "overlaps the enrollment").
 */
import type { Homeless } from "@kts/domain"
import { overlapsEnrollment, sameDistrict, type EnrollmentWindow } from "./EnrollmentWindow.js"
import { usSpan } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

const NO_RECORDS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no homeless record" })

/**
 * Column 52: `1` when a same-district homeless row overlaps the enrollment
 * (starts on or before EEE, ends NULL or on or after the enrollment start).
 * The deciding record is the overlapping row with the highest homelessID.
 */
export const evaluateHomeless = (homeless: ReadonlyArray<Homeless>, window: EnrollmentWindow): Verdict<Flag> => {
  if (homeless.length === 0) return NO_RECORDS
  let found: Homeless | undefined
  for (let index = 0; index < homeless.length; index++) {
    const record = homeless[index]!
    if (
      sameDistrict(record, window) &&
      overlapsEnrollment(record, window) &&
      (found === undefined || record.homelessID > found.homelessID)
    ) found = record
  }
  const enrollment = " the enrollment (" + usSpan(window.enrollment.startDate, window.effectiveEnd) + ")"
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "homeless", id: found.homelessID },
      reason: "homeless " + found.homelessID + " (" + usSpan(found.startDate, found.endDate) + ") overlaps" + enrollment
    }
  }
  return { value: "0", record: null, reason: "no same-district homeless record overlaps" + enrollment }
}
