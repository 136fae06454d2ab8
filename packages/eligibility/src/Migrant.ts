/**
 * Column 50 "Migrant" (seed: Detail Report Layout → Migrant; docs/lead-report.md →
 * Columns, 50). Migrant records count from any district.
 */
import type { Migrant } from "@kts/domain"
import type { EnrollmentWindow } from "./EnrollmentWindow.js"
import { usDate, usSpan } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The migrant education year of a school year: September 1 of endYear − 1 to August 31 of endYear. */
export interface MigrantYear {
  readonly firstDay: string
  readonly lastDay: string
}

// One end year per run: keep the last one's dates rather than rebuild them per student.
let cachedEndYear = Number.NaN
let cachedYear: MigrantYear = { firstDay: "", lastDay: "" }

/** The migrant education year that ends in `endYear`. */
export const migrantYear = (endYear: number): MigrantYear => {
  if (endYear !== cachedEndYear) {
    cachedYear = Object.freeze({
      firstDay: String(endYear - 1).padStart(4, "0") + "-09-01",
      lastDay: String(endYear).padStart(4, "0") + "-08-31"
    })
    cachedEndYear = endYear
  }
  return cachedYear
}

const NO_RECORDS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no migrant record" })

/**
 * Column 50: `1` when a migrant row (any district) arrived on or before
 * August 31 of endYear, stays eligible through September 1 of endYear − 1 or
 * later, arrived on or before EEE, and stays eligible on or after the
 * enrollment start. The deciding record is the qualifying row with the highest migrantID.
 */
export const evaluateMigrant = (
  migrants: ReadonlyArray<Migrant>,
  window: EnrollmentWindow,
  endYear: number
): Verdict<Flag> => {
  if (migrants.length === 0) return NO_RECORDS
  const year = migrantYear(endYear)
  let found: Migrant | undefined
  for (let index = 0; index < migrants.length; index++) {
    const record = migrants[index]!
    if (
      record.lastQualifyingArrivalDate <= year.lastDay &&
      record.eligibilityExpirationDate >= year.firstDay &&
      record.lastQualifyingArrivalDate <= window.effectiveEnd &&
      record.eligibilityExpirationDate >= window.enrollment.startDate &&
      (found === undefined || record.migrantID > found.migrantID)
    ) found = record
  }
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "migrant", id: found.migrantID },
      reason: "migrant " + found.migrantID + " (arrived " + usDate(found.lastQualifyingArrivalDate) + ", eligible until " +
        usDate(found.eligibilityExpirationDate) + ") is active in the migrant year and overlaps the enrollment"
    }
  }
  // The four date conditions reduce to two: arrival by the earlier end, eligibility until the later start.
  const arrivalLimit = year.lastDay < window.effectiveEnd ? year.lastDay : window.effectiveEnd
  const eligibleFrom = year.firstDay > window.enrollment.startDate ? year.firstDay : window.enrollment.startDate
  return {
    value: "0",
    record: null,
    reason: "no migrant record arrived on or before " + usDate(arrivalLimit) + " and eligible until " +
      usDate(eligibleFrom) + " or later (migrant year " + usSpan(year.firstDay, year.lastDay) + ", enrollment " +
      usSpan(window.enrollment.startDate, window.effectiveEnd) + ")"
  }
}
