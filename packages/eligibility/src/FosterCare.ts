/**
 * Column 53 "Foster Care" (seed: Detail Report Layout → Foster Care;
 * docs/lead-report.md → Columns, 53). Only state-created records (NULL districtID) count.
 */
import type { FosterCare } from "@kts/domain"
import { overlapsEnrollment, type EnrollmentWindow } from "./EnrollmentWindow.js"
import { usSpan } from "./internal/Wording.js"
import { choose, latestThenHighest, type Preference } from "./Latest.js"
import type { Flag, Verdict } from "./Verdict.js"

const NO_RECORDS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no foster care record" })

/** The order among overlapping rows for the evidence: later endDate (NULL latest), then higher fosterCareID. */
export const FosterCareEvidenceOrder: Preference<FosterCare> = latestThenHighest(
  "endDate",
  (record) => record.endDate,
  "fosterCareID",
  (record) => record.fosterCareID
)

/**
 * Column 53: `1` when a fosterCare row with NULL districtID overlaps the
 * enrollment (starts on or before EEE, ends NULL or on or after the enrollment
 * start). The deciding record is, as the seed says, the overlapping row with
 * the latest endDate (NULL latest), then the highest fosterCareID.
 */
export const evaluateFosterCare = (fosterCare: ReadonlyArray<FosterCare>, window: EnrollmentWindow): Verdict<Flag> => {
  if (fosterCare.length === 0) return NO_RECORDS
  const found = choose(
    fosterCare,
    FosterCareEvidenceOrder,
    (record) => record.districtID === null && overlapsEnrollment(record, window)
  )
  const enrollment = " the enrollment (" + usSpan(window.enrollment.startDate, window.effectiveEnd) + ")"
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "fosterCare", id: found.fosterCareID },
      reason: "state foster care record " + found.fosterCareID + " (" + usSpan(found.startDate, found.endDate) +
        ") overlaps" + enrollment
    }
  }
  return {
    value: "0",
    record: null,
    reason: "no state-created (empty district) foster care record overlaps" + enrollment
  }
}
