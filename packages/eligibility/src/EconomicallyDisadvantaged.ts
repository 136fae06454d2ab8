/**
 * Column 51 "Economically Disadvantaged" (seed: Detail Report Layout →
 * Economically Disadvantaged; docs/lead-report.md → Columns, 51).
 */
import type { Fram } from "@kts/domain"
import type { EnrollmentWindow } from "./EnrollmentWindow.js"
import { usDate } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The meal eligibilities that make a student economically disadvantaged: F free (4103), R reduced (4104). */
export const isFreeOrReduced = (eligibility: string): boolean => eligibility === "F" || eligibility === "R"

const NO_RECORDS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no FRAM record" })

/**
 * Column 51: among the same-district fram rows that cover EEE (start on or
 * before it, end NULL or on or after it), keep those with the latest
 * startDate; `1` when any of them is F or R. The deciding record is, among
 * those latest rows, the F/R row with the highest eligibilityID when the
 * value is `1`, else the row with the highest eligibilityID.
 */
export const evaluateEconomicallyDisadvantaged = (
  frams: ReadonlyArray<Fram>,
  window: EnrollmentWindow
): Verdict<Flag> => {
  if (frams.length === 0) return NO_RECORDS
  const date = window.effectiveEnd
  let latestStart = ""
  let eligible: Fram | undefined
  let other: Fram | undefined
  for (let index = 0; index < frams.length; index++) {
    const fram = frams[index]!
    if (
      fram.districtID !== window.districtID || fram.startDate > date ||
      (fram.endDate !== null && fram.endDate < date) || fram.startDate < latestStart
    ) continue
    if (fram.startDate > latestStart) {
      latestStart = fram.startDate
      eligible = undefined
      other = undefined
    }
    if (isFreeOrReduced(fram.eligibility)) {
      if (eligible === undefined || fram.eligibilityID > eligible.eligibilityID) eligible = fram
    } else if (other === undefined || fram.eligibilityID > other.eligibilityID) other = fram
  }
  if (eligible !== undefined) {
    return {
      value: "1",
      record: { table: "fram", id: eligible.eligibilityID },
      reason: "fram " + eligible.eligibilityID + " (" + eligible.eligibility + ") is the latest same-district record covering " +
        usDate(date)
    }
  }
  if (other !== undefined) {
    return {
      value: "0",
      record: { table: "fram", id: other.eligibilityID },
      reason: "fram " + other.eligibilityID + " (" + other.eligibility + ") is the latest same-district record covering " +
        usDate(date) + "; not F or R"
    }
  }
  return { value: "0", record: null, reason: "no same-district FRAM record covers " + usDate(date) }
}
