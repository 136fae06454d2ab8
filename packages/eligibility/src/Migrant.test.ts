import type { Migrant } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { END_YEAR, migrant, OTHER_DISTRICT, windowOf } from "../test/records.js"
import { evaluateMigrant } from "./Migrant.js"

// An enrollment that reaches past both ends of the 2024-25 migrant year isolates the year bounds;
// a short one isolates the enrollment bounds.
const LONG = { startDate: "2024-07-01", endDate: "2025-12-31" }
const SHORT = { startDate: "2024-10-01", endDate: "2025-02-28" }

interface Row {
  readonly case: string
  readonly enrollment: { startDate: string; endDate: string }
  readonly records: Array<Migrant>
  readonly value: "1" | "0"
  readonly migrantID: number | null
  readonly reason: string
}

describe("Migrant", () => {
  it.each<Row>([
    { case: "no migrant record", enrollment: SHORT, records: [], value: "0", migrantID: null, reason: "no migrant record" },
    { case: "active record", enrollment: SHORT, records: [migrant()], value: "1", migrantID: 60, reason: "migrant 60" },
    // Migrant year: arrival on or before 08/31 of the end year
    { case: "arrived 08/30 of end year", enrollment: LONG, records: [migrant({ lastQualifyingArrivalDate: "2025-08-30" })], value: "1", migrantID: 60, reason: "migrant 60" },
    { case: "arrived 08/31 of end year", enrollment: LONG, records: [migrant({ lastQualifyingArrivalDate: "2025-08-31" })], value: "1", migrantID: 60, reason: "migrant 60" },
    { case: "arrived 09/01 of end year", enrollment: LONG, records: [migrant({ lastQualifyingArrivalDate: "2025-09-01" })], value: "0", migrantID: null, reason: "arrived on or before 08/31/2025" },
    // Migrant year: expiration on or after 09/01 of end year − 1
    { case: "expires 08/31 of end year − 1", enrollment: LONG, records: [migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2024-08-31" })], value: "0", migrantID: null, reason: "eligible until 09/01/2024 or later" },
    { case: "expires 09/01 of end year − 1", enrollment: LONG, records: [migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2024-09-01" })], value: "1", migrantID: 60, reason: "migrant 60" },
    { case: "expires 09/02 of end year − 1", enrollment: LONG, records: [migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2024-09-02" })], value: "1", migrantID: 60, reason: "migrant 60" },
    // Enrollment: EEE on or after the arrival
    { case: "arrived the day before EEE", enrollment: SHORT, records: [migrant({ lastQualifyingArrivalDate: "2025-02-27" })], value: "1", migrantID: 60, reason: "migrant 60" },
    { case: "arrived on EEE", enrollment: SHORT, records: [migrant({ lastQualifyingArrivalDate: "2025-02-28" })], value: "1", migrantID: 60, reason: "migrant 60" },
    { case: "arrived the day after EEE", enrollment: SHORT, records: [migrant({ lastQualifyingArrivalDate: "2025-03-01" })], value: "0", migrantID: null, reason: "arrived on or before 02/28/2025" },
    // Enrollment: start on or before the expiration
    { case: "expires the day before the enrollment start", enrollment: SHORT, records: [migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2024-09-30" })], value: "0", migrantID: null, reason: "eligible until 10/01/2024 or later" },
    { case: "expires on the enrollment start", enrollment: SHORT, records: [migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2024-10-01" })], value: "1", migrantID: 60, reason: "migrant 60" },
    { case: "expires the day after the enrollment start", enrollment: SHORT, records: [migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2024-10-02" })], value: "1", migrantID: 60, reason: "migrant 60" },
    // Any district; ties
    { case: "record from another district counts", enrollment: SHORT, records: [migrant({ districtID: OTHER_DISTRICT })], value: "1", migrantID: 60, reason: "migrant 60" },
    {
      case: "two active records: highest migrantID is the evidence",
      enrollment: SHORT,
      records: [migrant({ migrantID: 62 }), migrant({ migrantID: 61 })],
      value: "1",
      migrantID: 62,
      reason: "migrant 62"
    }
  ])("$case", ({ enrollment, records, value, migrantID, reason }) => {
    const verdict = evaluateMigrant(records, windowOf(enrollment), END_YEAR)
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(migrantID === null ? null : { table: "migrant", id: migrantID })
    expect(verdict.reason).toContain(reason)
  })

  it("follows the end year: the same record is outside the next year", () => {
    const record = migrant({ lastQualifyingArrivalDate: "2022-01-01", eligibilityExpirationDate: "2025-08-31" })
    const window = windowOf({ startDate: "2024-07-01", endDate: "2026-06-30" })
    expect(evaluateMigrant([record], window, 2025).value).toBe("1")
    expect(evaluateMigrant([record], window, 2026).value).toBe("0")
    expect(evaluateMigrant([record], window, 2025).value).toBe("1")
  })
})
