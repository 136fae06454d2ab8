import type { SectionStaffHistory } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { dayAfter, dayBefore, staffHistory } from "../test/records.js"
import { choosePrimaryTeacher } from "./PrimaryTeacher.js"

const SECTION_START = "2024-08-14"
const SECTION_END = "2024-12-20"
/** Before the section starts, so "end date ≥ today" never excludes a row. */
const EARLY = "2024-08-01"
/** Mid-section. */
const MID = "2024-10-15"

interface Row {
  readonly case: string
  readonly histories: Array<SectionStaffHistory>
  readonly today?: string
  readonly value: string
  readonly historyID: number | null
  readonly reason: string
}

describe("PrimaryTeacher", () => {
  it.each<Row>([
    { case: "no history", histories: [], value: "0", historyID: null, reason: "no primary teacher (P)" },
    { case: "open primary teacher", histories: [staffHistory()], value: "7001", historyID: 150, reason: "history 150" },
    { case: "staff type T is not a candidate", histories: [staffHistory({ staffType: "T" })], value: "0", historyID: null, reason: "no primary teacher" },
    // Start date against the section end
    { case: "starts the day before the section end", histories: [staffHistory({ startDate: dayBefore(SECTION_END) })], value: "7001", historyID: 150, reason: "150" },
    { case: "starts on the section end", histories: [staffHistory({ startDate: SECTION_END })], value: "7001", historyID: 150, reason: "150" },
    { case: "starts the day after the section end", histories: [staffHistory({ startDate: dayAfter(SECTION_END) })], value: "0", historyID: null, reason: "starting by 12/20/2024" },
    { case: "NULL start", histories: [staffHistory({ startDate: null })], value: "7001", historyID: 150, reason: "no start" },
    // End date within the section (today early, so it does not interfere)
    { case: "ends the day before the section start", today: EARLY, histories: [staffHistory({ startDate: null, endDate: dayBefore(SECTION_START) })], value: "0", historyID: null, reason: "within the section (08/14/2024–12/20/2024)" },
    { case: "ends on the section start", today: EARLY, histories: [staffHistory({ startDate: null, endDate: SECTION_START })], value: "7001", historyID: 150, reason: "150" },
    { case: "ends the day after the section start", today: EARLY, histories: [staffHistory({ startDate: null, endDate: dayAfter(SECTION_START) })], value: "7001", historyID: 150, reason: "150" },
    { case: "ends the day before the section end", today: EARLY, histories: [staffHistory({ endDate: dayBefore(SECTION_END) })], value: "7001", historyID: 150, reason: "150" },
    { case: "ends on the section end", today: EARLY, histories: [staffHistory({ endDate: SECTION_END })], value: "7001", historyID: 150, reason: "150" },
    { case: "ends the day after the section end", today: EARLY, histories: [staffHistory({ endDate: dayAfter(SECTION_END) })], value: "0", historyID: null, reason: "no primary teacher" },
    // End date against today
    { case: "ends the day before today", today: MID, histories: [staffHistory({ endDate: dayBefore(MID) })], value: "0", historyID: null, reason: "on or after 10/15/2024" },
    { case: "ends today", today: MID, histories: [staffHistory({ endDate: MID })], value: "7001", historyID: 150, reason: "150" },
    { case: "ends the day after today", today: MID, histories: [staffHistory({ endDate: dayAfter(MID) })], value: "7001", historyID: 150, reason: "150" },
    // Choosing among candidates
    {
      case: "NULL end beats a dated end that starts later",
      today: EARLY,
      histories: [staffHistory({ historyID: 151, personID: 7002, endDate: null, startDate: "2024-08-14" }), staffHistory({ historyID: 152, personID: 7003, startDate: "2024-10-01", endDate: SECTION_END })],
      value: "7002",
      historyID: 151,
      reason: "history 151"
    },
    {
      case: "two NULL ends: latest start",
      histories: [staffHistory({ historyID: 153, personID: 7004, startDate: "2024-09-01" }), staffHistory({ historyID: 154, personID: 7005, startDate: "2024-08-31" })],
      value: "7004",
      historyID: 153,
      reason: "history 153"
    },
    {
      case: "two NULL ends: NULL start counts as earliest",
      histories: [staffHistory({ historyID: 155, personID: 7006, startDate: null }), staffHistory({ historyID: 156, personID: 7007, startDate: "2024-01-01" })],
      value: "7007",
      historyID: 156,
      reason: "history 156"
    },
    {
      case: "all dated: latest start, not latest end",
      today: EARLY,
      histories: [staffHistory({ historyID: 157, personID: 7008, startDate: "2024-08-14", endDate: SECTION_END }), staffHistory({ historyID: 158, personID: 7009, startDate: "2024-09-01", endDate: "2024-11-01" })],
      value: "7009",
      historyID: 158,
      reason: "history 158"
    },
    {
      case: "start tie: highest historyID",
      histories: [staffHistory({ historyID: 160, personID: 7010 }), staffHistory({ historyID: 159, personID: 7011 })],
      value: "7010",
      historyID: 160,
      reason: "history 160"
    }
  ])("$case", ({ histories, today, value, historyID, reason }) => {
    for (const order of [histories, [...histories].reverse()]) {
      const verdict = choosePrimaryTeacher(order, SECTION_START, SECTION_END, today ?? MID)
      expect(verdict.value).toBe(value)
      expect(verdict.record).toEqual(historyID === null ? null : { table: "sectionStaffHistory", id: historyID })
      expect(verdict.reason).toContain(reason)
    }
  })
})
