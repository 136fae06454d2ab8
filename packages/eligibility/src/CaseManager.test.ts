import type { Enrollment, TeamMember } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { dayAfter, dayBefore, enrollment, teamMember, TODAY } from "../test/records.js"
import { evaluateCaseManagers } from "./CaseManager.js"

interface Row {
  readonly case: string
  readonly members?: Array<TeamMember>
  readonly disability?: string
  readonly enrollmentFields?: Partial<Enrollment>
  readonly classification?: string | null
  /** One entry per report row: [value, teamMemberID or null]. */
  readonly rows: Array<readonly [string, number | null]>
  readonly reason: string
}

describe("CaseManager", () => {
  it.each<Row>([
    // When the column is blank
    { case: "column 47 blank: blank", disability: "", rows: [["", null]], reason: "Primary Disability Enrollment is blank" },
    { case: "enrollment has an end date: blank", enrollmentFields: { endDate: "2025-06-30" }, rows: [["", null]], reason: "the enrollment ended 06/30/2025" },
    { case: "technical center A2: blank", classification: "A2", rows: [["", null]], reason: "A2" },
    { case: "technical center C2: blank", classification: "C2", rows: [["", null]], reason: "C2" },
    { case: "classification A1: reported", classification: "A1", rows: [["9001", 70]], reason: "teamMember 70" },
    { case: "classification C1: reported", classification: "C1", rows: [["9001", 70]], reason: "teamMember 70" },
    // Which team members are active
    { case: "ends the day before today", members: [teamMember({ endDate: dayBefore(TODAY) })], rows: [["0", null]], reason: "on or after 04/10/2025" },
    { case: "ends today", members: [teamMember({ endDate: TODAY })], rows: [["9001", 70]], reason: "ends 04/10/2025" },
    { case: "ends the day after today", members: [teamMember({ endDate: dayAfter(TODAY) })], rows: [["9001", 70]], reason: "teamMember 70" },
    { case: "NULL end", members: [teamMember({ endDate: null })], rows: [["9001", 70]], reason: "ends open" },
    { case: "start date in the future is not consulted", members: [teamMember({ startDate: "2025-09-01" })], rows: [["9001", 70]], reason: "teamMember 70" },
    { case: "no staff person", members: [teamMember({ staffPersonID: null })], rows: [["0", null]], reason: "no active specialEd Case Manager" },
    { case: "role in another case", members: [teamMember({ role: "case manager" })], rows: [["0", null]], reason: "no active" },
    { case: "other role", members: [teamMember({ role: "Teacher" })], rows: [["0", null]], reason: "no active" },
    { case: "module SpecialEd (not the exact specialEd)", members: [teamMember({ module: "SpecialEd" })], rows: [["0", null]], reason: "no active" },
    { case: "another student's team member", members: [teamMember({ personID: 501 })], rows: [["0", null]], reason: "no active" },
    { case: "no team members", members: [], rows: [["0", null]], reason: "no active" },
    // Distinct staff persons
    {
      case: "two staff persons: one row each, by staffPersonID",
      members: [teamMember({ teamMemberID: 71, staffPersonID: 9005 }), teamMember({ teamMemberID: 72, staffPersonID: 9002 })],
      rows: [["9002", 72], ["9005", 71]],
      reason: "teamMember 72"
    },
    {
      case: "same staff person twice: one row, highest teamMemberID",
      members: [teamMember({ teamMemberID: 74 }), teamMember({ teamMemberID: 73, endDate: dayAfter(TODAY) })],
      rows: [["9001", 74]],
      reason: "teamMember 74"
    },
    {
      case: "an inactive row does not add a staff person",
      members: [teamMember({ teamMemberID: 75 }), teamMember({ teamMemberID: 76, staffPersonID: 9003, endDate: dayBefore(TODAY) })],
      rows: [["9001", 75]],
      reason: "teamMember 75"
    }
  ])("$case", (row) => {
    const verdicts = evaluateCaseManagers(
      row.members ?? [teamMember()],
      row.disability ?? "10",
      enrollment(row.enrollmentFields ?? {}),
      row.classification === undefined ? "A1" : row.classification,
      TODAY
    )
    expect(verdicts.map((verdict) => [verdict.value, verdict.record?.id ?? null])).toEqual(row.rows)
    for (const verdict of verdicts) {
      if (verdict.record !== null) expect(verdict.record.table).toBe("teamMember")
    }
    expect(verdicts[0]!.reason).toContain(row.reason)
  })
})
