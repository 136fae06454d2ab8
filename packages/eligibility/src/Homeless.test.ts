import type { Homeless } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { dayAfter, dayBefore, ENROLLMENT_START, homeless, OTHER_DISTRICT, TODAY, windowOf } from "../test/records.js"
import { evaluateHomeless } from "./Homeless.js"

const EEE = TODAY

describe("Homeless", () => {
  it.each<{ case: string; records: Array<Homeless>; value: "1" | "0"; homelessID: number | null; reason: string }>([
    { case: "no homeless record", records: [], value: "0", homelessID: null, reason: "no homeless record" },
    { case: "starts the day before EEE", records: [homeless({ startDate: dayBefore(EEE) })], value: "1", homelessID: 110, reason: "homeless 110" },
    { case: "starts on EEE", records: [homeless({ startDate: EEE })], value: "1", homelessID: 110, reason: "homeless 110" },
    { case: "starts the day after EEE", records: [homeless({ startDate: dayAfter(EEE) })], value: "0", homelessID: null, reason: "no same-district homeless record overlaps the enrollment (08/14/2024–04/10/2025)" },
    { case: "ends the day before the enrollment start", records: [homeless({ startDate: "2024-01-01", endDate: dayBefore(ENROLLMENT_START) })], value: "0", homelessID: null, reason: "overlaps the enrollment" },
    { case: "ends on the enrollment start", records: [homeless({ startDate: "2024-01-01", endDate: ENROLLMENT_START })], value: "1", homelessID: 110, reason: "homeless 110" },
    { case: "ends the day after the enrollment start", records: [homeless({ startDate: "2024-01-01", endDate: dayAfter(ENROLLMENT_START) })], value: "1", homelessID: 110, reason: "homeless 110" },
    { case: "NULL end", records: [homeless({ endDate: null })], value: "1", homelessID: 110, reason: "open" },
    { case: "record from another district", records: [homeless({ districtID: OTHER_DISTRICT })], value: "0", homelessID: null, reason: "same-district" },
    {
      case: "two overlapping records: highest homelessID is the evidence",
      records: [homeless({ homelessID: 112 }), homeless({ homelessID: 111, startDate: "2024-09-01" })],
      value: "1",
      homelessID: 112,
      reason: "homeless 112"
    }
  ])("$case", ({ records, value, homelessID, reason }) => {
    const verdict = evaluateHomeless(records, windowOf())
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(homelessID === null ? null : { table: "homeless", id: homelessID })
    expect(verdict.reason).toContain(reason)
  })
})
