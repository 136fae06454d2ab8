import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { tableSchema } from "./TableSchema.js"
import { enrollment, Tables } from "./Tables.js"

const validEnrollment = {
  enrollmentID: 1000,
  personID: 800,
  calendarID: 100,
  structureID: 200,
  grade: "09",
  serviceType: "P",
  startDate: "2024-08-14",
  endDate: null,
  startStatus: "E01",
  endStatus: null,
  noShow: false,
  stateExclude: false
}

describe("tableSchema", () => {
  const decode = Schema.decodeUnknownExit(tableSchema(enrollment))

  it.each([
    { case: "a valid enrollment", record: validEnrollment, ok: true },
    { case: "an impossible date", record: { ...validEnrollment, startDate: "2025-02-30" }, ok: false },
    { case: "a grade outside the list", record: { ...validEnrollment, grade: "13" }, ok: false },
    { case: "NULL in a required column", record: { ...validEnrollment, startDate: null }, ok: false },
    { case: "an id of zero", record: { ...validEnrollment, personID: 0 }, ok: false },
    { case: "a bool given as 1", record: { ...validEnrollment, noShow: 1 }, ok: false },
    { case: "NULL in a nullable column", record: { ...validEnrollment, endDate: null, endStatus: null }, ok: true }
  ])("$case", ({ ok, record }) => {
    expect(decode(record)._tag).toBe(ok ? "Success" : "Failure")
  })

  it("exists for every bundle table", () => {
    for (const table of Tables) expect(Schema.isSchema(tableSchema(table))).toBe(true)
  })
})
