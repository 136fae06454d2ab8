/**
 * Column 54 "Military Connected" (seed: Detail Report Layout → Military
 * Connected; docs/lead-report.md → Columns, 54). The rule reads the school year,
 * not the enrollment's dates.
 */
import { ActiveDutyStatuses, type MilitaryConnection } from "@kts/domain"
import { usDate, usSpan } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The bounds a connection must cross: it starts before `startsBefore` and ends after `endsAfter` (or never). */
export interface MilitaryYear {
  /** July 1 of endYear. */
  readonly startsBefore: string
  /** June 30 of endYear − 1. */
  readonly endsAfter: string
}

let cachedEndYear = Number.NaN
let cachedYear: MilitaryYear = { startsBefore: "", endsAfter: "" }

/** The school-year bounds of the military rule for `endYear`. */
export const militaryYear = (endYear: number): MilitaryYear => {
  if (endYear !== cachedEndYear) {
    cachedYear = Object.freeze({
      startsBefore: String(endYear).padStart(4, "0") + "-07-01",
      endsAfter: String(endYear - 1).padStart(4, "0") + "-06-30"
    })
    cachedEndYear = endYear
  }
  return cachedYear
}

const NO_RECORDS: Verdict<Flag> = Object.freeze({
  value: "0",
  record: null,
  reason: "the student has no military connection record"
})

/**
 * Column 54: `1` when a same-district militaryConnection row starts before
 * July 1 of endYear, ends after June 30 of endYear − 1 (or has no end), and
 * has status `Active Duty, Deployed` or `Active Duty, Not Deployed` (exact).
 * The deciding record is the qualifying row with the highest militaryID.
 */
export const evaluateMilitaryConnected = (
  connections: ReadonlyArray<MilitaryConnection>,
  districtID: number,
  endYear: number
): Verdict<Flag> => {
  if (connections.length === 0) return NO_RECORDS
  const year = militaryYear(endYear)
  let found: MilitaryConnection | undefined
  for (let index = 0; index < connections.length; index++) {
    const record = connections[index]!
    if (
      record.districtID === districtID &&
      record.startDate < year.startsBefore &&
      (record.endDate === null || record.endDate > year.endsAfter) &&
      ActiveDutyStatuses.has(record.status) &&
      (found === undefined || record.militaryID > found.militaryID)
    ) found = record
  }
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "militaryConnection", id: found.militaryID },
      reason: "military connection " + found.militaryID + " (" + found.status + ", " +
        usSpan(found.startDate, found.endDate) + ") is active in school year " + (endYear - 1) + "-" + endYear
    }
  }
  return {
    value: "0",
    record: null,
    reason: "no same-district Active Duty military connection starting before " + usDate(year.startsBefore) +
      " and ending after " + usDate(year.endsAfter) + " or open"
  }
}
