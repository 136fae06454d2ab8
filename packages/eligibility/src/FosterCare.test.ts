import type { FosterCare } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { dayAfter, dayBefore, DISTRICT, ENROLLMENT_START, fosterCare, TODAY, windowOf } from "../test/records.js"
import { evaluateFosterCare } from "./FosterCare.js"

const EEE = TODAY

describe("FosterCare", () => {
  it.each<{ case: string; records: Array<FosterCare>; value: "1" | "0"; fosterCareID: number | null; reason: string }>([
    { case: "no foster care record", records: [], value: "0", fosterCareID: null, reason: "no foster care record" },
    { case: "starts the day before EEE", records: [fosterCare({ startDate: dayBefore(EEE) })], value: "1", fosterCareID: 120, reason: "record 120" },
    { case: "starts on EEE", records: [fosterCare({ startDate: EEE })], value: "1", fosterCareID: 120, reason: "record 120" },
    { case: "starts the day after EEE", records: [fosterCare({ startDate: dayAfter(EEE) })], value: "0", fosterCareID: null, reason: "overlaps the enrollment (08/14/2024–04/10/2025)" },
    { case: "ends the day before the enrollment start", records: [fosterCare({ startDate: "2024-01-01", endDate: dayBefore(ENROLLMENT_START) })], value: "0", fosterCareID: null, reason: "overlaps" },
    { case: "ends on the enrollment start", records: [fosterCare({ startDate: "2024-01-01", endDate: ENROLLMENT_START })], value: "1", fosterCareID: 120, reason: "record 120" },
    { case: "ends the day after the enrollment start", records: [fosterCare({ startDate: "2024-01-01", endDate: dayAfter(ENROLLMENT_START) })], value: "1", fosterCareID: 120, reason: "record 120" },
    { case: "a district record (not state-created) does not count", records: [fosterCare({ districtID: DISTRICT })], value: "0", fosterCareID: null, reason: "state-created (empty district)" },
    {
      case: "several overlap: NULL end beats a later dated end",
      records: [fosterCare({ fosterCareID: 121, endDate: null, startDate: "2024-09-01" }), fosterCare({ fosterCareID: 125, endDate: "2025-06-30" })],
      value: "1",
      fosterCareID: 121,
      reason: "record 121"
    },
    {
      case: "several overlap: latest end date wins by one day",
      records: [fosterCare({ fosterCareID: 126, endDate: "2025-01-30" }), fosterCare({ fosterCareID: 122, endDate: "2025-01-31" })],
      value: "1",
      fosterCareID: 122,
      reason: "record 122"
    },
    {
      case: "end date tie: highest fosterCareID",
      records: [fosterCare({ fosterCareID: 123, endDate: "2025-01-31" }), fosterCare({ fosterCareID: 124, endDate: "2025-01-31" })],
      value: "1",
      fosterCareID: 124,
      reason: "record 124"
    },
    {
      case: "a later-ending district record does not win",
      records: [fosterCare({ fosterCareID: 127, endDate: "2025-01-31" }), fosterCare({ fosterCareID: 128, districtID: DISTRICT })],
      value: "1",
      fosterCareID: 127,
      reason: "record 127"
    }
  ])("$case", ({ records, value, fosterCareID, reason }) => {
    for (const order of [records, [...records].reverse()]) {
      const verdict = evaluateFosterCare(order, windowOf())
      expect(verdict.value).toBe(value)
      expect(verdict.record).toEqual(fosterCareID === null ? null : { table: "fosterCare", id: fosterCareID })
      expect(verdict.reason).toContain(reason)
    }
  })
})
