import { describe, expect, it } from "vitest"
import { checkAlerts } from "./Alerts.js"
import { alert, changeHighSchool, changeTech } from "./internal/Baseline.js"

describe("checkAlerts: which alerts concern the pairing", () => {
  it.each([
    { case: "HS course and section", at: "hs", fields: { courseNumber: "4821V", sectionNumber: 1 }, status: "fail" },
    { case: "HS course, no section", at: "hs", fields: { courseNumber: "4821V", sectionNumber: null }, status: "fail" },
    { case: "HS course, another section", at: "hs", fields: { courseNumber: "4821V", sectionNumber: 2 }, status: "pass" },
    { case: "another HS course", at: "hs", fields: { courseNumber: "4821W", sectionNumber: 1 }, status: "pass" },
    { case: "the KTSTechID, no course", at: "hs", fields: { ktsTechID: "902-030-48213" }, status: "fail" },
    { case: "another school", at: "hs", fields: { schoolID: 2, courseNumber: "4821V" }, status: "pass" },
    { case: "tech course and section", at: "tech", fields: { courseNumber: "470101", sectionNumber: 2 }, status: "fail" },
    { case: "tech course, another section", at: "tech", fields: { courseNumber: "470101", sectionNumber: 3 }, status: "pass" },
    { case: "resolved before as-of", at: "hs", fields: { courseNumber: "4821V", resolvedOn: "2025-01-05" }, status: "pass" },
    { case: "resolved after as-of", at: "hs", fields: { courseNumber: "4821V", resolvedOn: "2025-01-11" }, status: "fail" }
  ])("an error alert on $case: $status", ({ at, fields, status }) => {
    const open = alert({ schoolID: at === "hs" ? 1 : 5, code: "grades.x", severity: "error", ...fields })
    const snapshot = at === "hs" ? changeHighSchool(() => ({ alerts: [open] })) : changeTech(() => ({ alerts: [open] }))
    const result = checkAlerts(snapshot)
    expect(result.status).toBe(status)
    expect((result.evidence.openAlerts as Array<unknown>).length).toBe(status === "fail" ? 1 : 0)
  })
})
