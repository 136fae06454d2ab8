import { describe, expect, it } from "vitest"
import { processAlert } from "../test/records.js"
import { planAlerts, type RaisedAlert, severityOfCode, stageOfCode } from "./Alerts.js"
import { IdLedger } from "./Plan.js"

const NIGHT = "2024-10-15"
const raised = (fields: Partial<RaisedAlert> = {}): RaisedAlert => ({
  schoolID: 1,
  code: "student.noEnrollment",
  courseNumber: "4821V",
  sectionNumber: 1,
  ktsTechID: "902-030-100",
  stateID: "9900000001",
  task: null,
  message: "m",
  ...fields
})
const open = (alertID: number, fields: Parameters<typeof processAlert>[1] = {}) =>
  processAlert(alertID, {
    courseNumber: "4821V",
    sectionNumber: 1,
    ktsTechID: "902-030-100",
    stateID: "9900000001",
    message: "m",
    firstSeen: "2024-10-01",
    lastSeen: "2024-10-14",
    ...fields
  })

describe("planAlerts", () => {
  it("a first night inserts with firstSeen = lastSeen = the night", () => {
    const plan = planAlerts("rosters", NIGHT, [raised()], [], new IdLedger({ processAlert: 7 }))
    expect(plan.insert).toEqual([{
      alertID: 8, schoolID: 1, stage: "rosters", severity: "error", code: "student.noEnrollment", courseNumber: "4821V",
      sectionNumber: 1, ktsTechID: "902-030-100", stateID: "9900000001", task: null, message: "m",
      firstSeen: NIGHT, lastSeen: NIGHT, resolvedOn: null
    }])
    expect(plan.raised).toBe(1)
  })

  it("found again: lastSeen moves, one alert", () => {
    const plan = planAlerts("rosters", NIGHT, [raised()], [open(3)], new IdLedger())
    expect(plan.insert).toEqual([])
    expect(plan.update).toEqual([{ ...open(3), lastSeen: NIGHT }])
  })

  it("the same night again: nothing to write", () => {
    const plan = planAlerts("rosters", NIGHT, [raised()], [open(3, { lastSeen: NIGHT })], new IdLedger())
    expect(plan.insert).toEqual([])
    expect(plan.update).toEqual([])
  })

  it.each([
    { case: "another State ID", fields: { stateID: "9900000002" } },
    { case: "another section number", fields: { sectionNumber: 2 } },
    { case: "another course number", fields: { courseNumber: "4821W" } },
    { case: "another task", fields: { task: "CTE Final Grade" } },
    { case: "another KTSTechID", fields: { ktsTechID: "902-030-101" } },
    { case: "another school", fields: { schoolID: 2 } }
  ])("a different subject ($case) is another alert, and the old one resolves", ({ fields }) => {
    const plan = planAlerts("rosters", NIGHT, [raised(fields)], [open(3)], new IdLedger({ processAlert: 9 }))
    expect(plan.insert.map((row) => row.alertID)).toEqual([10])
    expect(plan.update).toEqual([{ ...open(3), resolvedOn: NIGHT }])
    expect(plan.resolved).toBe(1)
  })

  it("not found: resolved; alerts of another stage are left", () => {
    const grades = open(4, { stage: "grades", code: "grades.hs.missingTask" })
    const plan = planAlerts("rosters", NIGHT, [], [open(3), grades], new IdLedger())
    expect(plan.update).toEqual([{ ...open(3), resolvedOn: NIGHT }])
  })

  it("a held unit resolves nothing", () => {
    const plan = planAlerts("rosters", NIGHT, [], [open(3)], new IdLedger(), { resolve: false })
    expect(plan.update).toEqual([])
  })

  it("a problem back after being resolved is a new alert", () => {
    const plan = planAlerts("rosters", NIGHT, [raised()], [open(3, { resolvedOn: "2024-10-10" })], new IdLedger({ processAlert: 3 }))
    expect(plan.insert.map((row) => [row.alertID, row.firstSeen])).toEqual([[4, NIGHT]])
    expect(plan.update).toEqual([])
  })

  it("the same subject raised twice counts once", () => {
    const plan = planAlerts("rosters", NIGHT, [raised(), raised({ message: "other" })], [], new IdLedger())
    expect(plan.insert).toHaveLength(1)
    expect(plan.raised).toBe(1)
  })

  it.each([
    { code: "link.noSection", stage: "rosters", severity: "warning" },
    { code: "link.multipleSections", stage: "rosters", severity: "error" },
    { code: "hold.rosterRemovals", stage: "rosters", severity: "error" },
    { code: "grades.tech.noActiveMask", stage: "grades", severity: "error" },
    { code: "grades.hs.scoreNotInGroup", stage: "grades", severity: "warning" },
    { code: "grades.hs.noScoreGroup", stage: "grades", severity: "warning" }
  ] as const)("$code: $stage, $severity", ({ code, stage, severity }) => {
    expect(stageOfCode(code)).toBe(stage)
    expect(severityOfCode(code)).toBe(severity)
  })
})
