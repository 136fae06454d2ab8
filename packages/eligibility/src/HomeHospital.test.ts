import type { AttendanceGroup } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { attendanceGroup, dayAfter, dayBefore, LAST_INSTRUCTIONAL_DAY, TODAY, windowOf } from "../test/records.js"
import { evaluateHomeHospital } from "./HomeHospital.js"

// Default window: LID after today, so the cutoff is TODAY.
const CUTOFF = TODAY

describe("HomeHospital", () => {
  it.each<{ case: string; records: Array<AttendanceGroup>; value: "1" | "0"; groupID: number | null; reason: string }>([
    { case: "no attendance group", records: [], value: "0", groupID: null, reason: "no attendance group record" },
    { case: "ends the day before the cutoff", records: [attendanceGroup({ endDate: dayBefore(CUTOFF) })], value: "0", groupID: null, reason: "ending after 04/10/2025" },
    { case: "ends on the cutoff", records: [attendanceGroup({ endDate: CUTOFF })], value: "0", groupID: null, reason: "ending after 04/10/2025" },
    { case: "ends the day after the cutoff", records: [attendanceGroup({ endDate: dayAfter(CUTOFF) })], value: "1", groupID: 140, reason: "group 140" },
    { case: "NULL end", records: [attendanceGroup({ endDate: null })], value: "1", groupID: 140, reason: "ends open" },
    { case: "start date after the cutoff is not consulted", records: [attendanceGroup({ startDate: "2025-05-01" })], value: "1", groupID: 140, reason: "group 140" },
    { case: "category other than HH", records: [attendanceGroup({ groupCategory: "OT" })], value: "0", groupID: null, reason: "no HH attendance group" },
    { case: "category hh (wrong case)", records: [attendanceGroup({ groupCategory: "hh" })], value: "0", groupID: null, reason: "no HH attendance group" },
    { case: "group on another enrollment", records: [attendanceGroup({ enrollmentID: 41 })], value: "0", groupID: null, reason: "on enrollment 40" },
    {
      case: "two open HH groups: highest groupID is the evidence",
      records: [attendanceGroup({ groupID: 142 }), attendanceGroup({ groupID: 141 }), attendanceGroup({ groupID: 143, enrollmentID: 41 })],
      value: "1",
      groupID: 142,
      reason: "group 142"
    }
  ])("$case", ({ records, value, groupID, reason }) => {
    const verdict = evaluateHomeHospital(records, windowOf())
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(groupID === null ? null : { table: "attendanceGroup", id: groupID })
    expect(verdict.reason).toContain(reason)
  })

  it.each([
    { case: "LID before today: ending on LID is out", lid: LAST_INSTRUCTIONAL_DAY, today: "2025-06-10", enrollmentEnd: null, groupEnd: LAST_INSTRUCTIONAL_DAY, value: "0" },
    { case: "LID before today: ending the day after LID is in", lid: LAST_INSTRUCTIONAL_DAY, today: "2025-06-10", enrollmentEnd: null, groupEnd: dayAfter(LAST_INSTRUCTIONAL_DAY), value: "1" },
    { case: "no LID: ending on today is out", lid: null, today: TODAY, enrollmentEnd: null, groupEnd: TODAY, value: "0" },
    { case: "no LID: ending the day after today is in", lid: null, today: TODAY, enrollmentEnd: null, groupEnd: dayAfter(TODAY), value: "1" },
    { case: "ended enrollment: the cutoff is still LID or today, not the end date", lid: LAST_INSTRUCTIONAL_DAY, today: TODAY, enrollmentEnd: "2025-01-31", groupEnd: "2025-02-01", value: "0" }
  ])("cutoff: $case", ({ lid, today, enrollmentEnd, groupEnd, value }) => {
    const verdict = evaluateHomeHospital([attendanceGroup({ endDate: groupEnd })], windowOf({ endDate: enrollmentEnd }, lid, today))
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(value === "1" ? { table: "attendanceGroup", id: 140 } : null)
  })
})
