import type { Fram } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { dayAfter, dayBefore, fram, OTHER_DISTRICT, TODAY, windowOf } from "../test/records.js"
import { evaluateEconomicallyDisadvantaged } from "./EconomicallyDisadvantaged.js"

// Open enrollment, LID after today: EEE = TODAY.
const EEE = TODAY

interface Row {
  readonly case: string
  readonly records: Array<Fram>
  readonly value: "1" | "0"
  readonly framID: number | null
  readonly reason: string
}

describe("EconomicallyDisadvantaged", () => {
  it.each<Row>([
    { case: "no FRAM record", records: [], value: "0", framID: null, reason: "no FRAM record" },
    // Start date against EEE
    { case: "F starting the day before EEE", records: [fram({ startDate: dayBefore(EEE) })], value: "1", framID: 90, reason: "fram 90 (F)" },
    { case: "F starting on EEE", records: [fram({ startDate: EEE })], value: "1", framID: 90, reason: "fram 90 (F)" },
    { case: "F starting the day after EEE", records: [fram({ startDate: dayAfter(EEE) })], value: "0", framID: null, reason: "no same-district FRAM record covers 04/10/2025" },
    // End date against EEE
    { case: "F ending the day before EEE", records: [fram({ endDate: dayBefore(EEE) })], value: "0", framID: null, reason: "covers 04/10/2025" },
    { case: "F ending on EEE", records: [fram({ endDate: EEE })], value: "1", framID: 90, reason: "fram 90" },
    { case: "F ending the day after EEE", records: [fram({ endDate: dayAfter(EEE) })], value: "1", framID: 90, reason: "fram 90" },
    { case: "F with NULL end", records: [fram({ endDate: null })], value: "1", framID: 90, reason: "fram 90" },
    // Eligibility
    { case: "R counts", records: [fram({ eligibility: "R" })], value: "1", framID: 90, reason: "fram 90 (R)" },
    { case: "N does not count, and is the evidence", records: [fram({ eligibility: "N" })], value: "0", framID: 90, reason: "not F or R" },
    { case: "lowercase f does not count", records: [fram({ eligibility: "f" })], value: "0", framID: 90, reason: "not F or R" },
    // District
    { case: "F from another district", records: [fram({ districtID: OTHER_DISTRICT })], value: "0", framID: null, reason: "same-district" },
    {
      case: "a newer other-district N does not hide a same-district F",
      records: [fram({ eligibilityID: 91 }), fram({ eligibilityID: 92, districtID: OTHER_DISTRICT, eligibility: "N", startDate: "2025-01-06" })],
      value: "1",
      framID: 91,
      reason: "fram 91"
    },
    // Latest start date decides
    {
      case: "older F, newer N: the newer N decides",
      records: [fram({ eligibilityID: 91, startDate: "2024-08-01" }), fram({ eligibilityID: 92, eligibility: "N", startDate: "2025-01-06" })],
      value: "0",
      framID: 92,
      reason: "fram 92 (N)"
    },
    {
      case: "older N, newer R: the newer R decides",
      records: [fram({ eligibilityID: 91, eligibility: "N", startDate: "2024-08-01" }), fram({ eligibilityID: 92, eligibility: "R", startDate: "2025-01-06" })],
      value: "1",
      framID: 92,
      reason: "fram 92 (R)"
    },
    {
      case: "a newer N that ended before EEE does not hide an older F",
      records: [fram({ eligibilityID: 91 }), fram({ eligibilityID: 92, eligibility: "N", startDate: "2025-01-06", endDate: dayBefore(EEE) })],
      value: "1",
      framID: 91,
      reason: "fram 91"
    },
    // Ties on the latest start date
    {
      case: "start tie N and F: F wins",
      records: [fram({ eligibilityID: 95, eligibility: "N" }), fram({ eligibilityID: 94, eligibility: "F" })],
      value: "1",
      framID: 94,
      reason: "fram 94 (F)"
    },
    {
      case: "start tie F and R: highest ID among them",
      records: [fram({ eligibilityID: 93, eligibility: "F" }), fram({ eligibilityID: 96, eligibility: "R" }), fram({ eligibilityID: 97, eligibility: "N" })],
      value: "1",
      framID: 96,
      reason: "fram 96 (R)"
    },
    {
      case: "start tie N and N: highest ID is the evidence",
      records: [fram({ eligibilityID: 93, eligibility: "N" }), fram({ eligibilityID: 98, eligibility: "N" })],
      value: "0",
      framID: 98,
      reason: "fram 98 (N)"
    },
    {
      case: "start tie at an older date does not beat a newer N",
      records: [
        fram({ eligibilityID: 93, eligibility: "F", startDate: "2024-08-01" }),
        fram({ eligibilityID: 94, eligibility: "N", startDate: "2024-08-01" }),
        fram({ eligibilityID: 95, eligibility: "N", startDate: "2024-09-01" })
      ],
      value: "0",
      framID: 95,
      reason: "fram 95 (N)"
    }
  ])("$case", ({ records, value, framID, reason }) => {
    for (const order of [records, [...records].reverse()]) {
      const verdict = evaluateEconomicallyDisadvantaged(order, windowOf())
      expect(verdict.value).toBe(value)
      expect(verdict.record).toEqual(framID === null ? null : { table: "fram", id: framID })
      expect(verdict.reason).toContain(reason)
    }
  })

  it("uses the enrollment end date as EEE when set", () => {
    const window = windowOf({ endDate: "2024-12-20" })
    const records = [fram({ eligibilityID: 91, endDate: "2024-12-20" }), fram({ eligibilityID: 92, startDate: "2024-12-21", eligibility: "N" })]
    const verdict = evaluateEconomicallyDisadvantaged(records, window)
    expect(verdict.value).toBe("1")
    expect(verdict.record).toEqual({ table: "fram", id: 91 })
  })
})
