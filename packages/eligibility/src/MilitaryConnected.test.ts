import type { MilitaryConnection } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { DISTRICT, END_YEAR, militaryConnection, OTHER_DISTRICT } from "../test/records.js"
import { evaluateMilitaryConnected } from "./MilitaryConnected.js"

describe("MilitaryConnected", () => {
  it.each<{ case: string; records: Array<MilitaryConnection>; value: "1" | "0"; militaryID: number | null; reason: string }>([
    { case: "no military connection record", records: [], value: "0", militaryID: null, reason: "no military connection record" },
    { case: "active duty, deployed", records: [militaryConnection()], value: "1", militaryID: 130, reason: "military connection 130" },
    { case: "active duty, not deployed", records: [militaryConnection({ status: "Active Duty, Not Deployed" })], value: "1", militaryID: 130, reason: "Not Deployed" },
    { case: "status in another case", records: [militaryConnection({ status: "active duty, deployed" })], value: "0", militaryID: null, reason: "Active Duty" },
    { case: "veteran status", records: [militaryConnection({ status: "Veteran" })], value: "0", militaryID: null, reason: "Active Duty" },
    // Start before July 1 of the end year
    { case: "starts 06/30 of end year", records: [militaryConnection({ startDate: "2025-06-30" })], value: "1", militaryID: 130, reason: "130" },
    { case: "starts 07/01 of end year", records: [militaryConnection({ startDate: "2025-07-01" })], value: "0", militaryID: null, reason: "starting before 07/01/2025" },
    { case: "starts 07/02 of end year", records: [militaryConnection({ startDate: "2025-07-02" })], value: "0", militaryID: null, reason: "starting before 07/01/2025" },
    // End after June 30 of end year − 1
    { case: "ends 06/29 of end year − 1", records: [militaryConnection({ endDate: "2024-06-29" })], value: "0", militaryID: null, reason: "ending after 06/30/2024" },
    { case: "ends 06/30 of end year − 1", records: [militaryConnection({ endDate: "2024-06-30" })], value: "0", militaryID: null, reason: "ending after 06/30/2024" },
    { case: "ends 07/01 of end year − 1", records: [militaryConnection({ endDate: "2024-07-01" })], value: "1", militaryID: 130, reason: "130" },
    { case: "NULL end", records: [militaryConnection({ endDate: null })], value: "1", militaryID: 130, reason: "open" },
    // District and ties
    { case: "record from another district", records: [militaryConnection({ districtID: OTHER_DISTRICT })], value: "0", militaryID: null, reason: "same-district" },
    {
      case: "two qualifying records: highest militaryID is the evidence",
      records: [militaryConnection({ militaryID: 131 }), militaryConnection({ militaryID: 133, status: "Active Duty, Not Deployed" }), militaryConnection({ militaryID: 134, status: "Veteran" })],
      value: "1",
      militaryID: 133,
      reason: "133"
    }
  ])("$case", ({ records, value, militaryID, reason }) => {
    const verdict = evaluateMilitaryConnected(records, DISTRICT, END_YEAR)
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(militaryID === null ? null : { table: "militaryConnection", id: militaryID })
    expect(verdict.reason).toContain(reason)
  })

  it("follows the end year", () => {
    const record = militaryConnection({ startDate: "2025-03-01", endDate: null })
    expect(evaluateMilitaryConnected([record], DISTRICT, 2024).value).toBe("0")
    expect(evaluateMilitaryConnected([record], DISTRICT, 2025).value).toBe("1")
    expect(evaluateMilitaryConnected([record], DISTRICT, 2024).value).toBe("0")
  })
})
