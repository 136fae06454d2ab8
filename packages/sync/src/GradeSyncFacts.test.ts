import { describe, expect, it } from "vitest"
import { calendar, course } from "../test/records.js"
import { isAlertOpen, standingGrade, syncingGrade, type TechSectionRecords, techSectionVerdict } from "./GradeSyncFacts.js"

describe("isAlertOpen: resolvedOn against the date", () => {
  it.each([
    { resolvedOn: null, open: true },
    { resolvedOn: "2025-01-09", open: false },
    { resolvedOn: "2025-01-10", open: false },
    { resolvedOn: "2025-01-11", open: true }
  ])("resolvedOn $resolvedOn on 2025-01-10: open $open", ({ resolvedOn, open }) => {
    expect(isAlertOpen({ resolvedOn }, "2025-01-10")).toBe(open)
  })
})

describe("techSectionVerdict", () => {
  const SCHOOL = 4
  const good: TechSectionRecords = {
    course: course(7, 3, { courseMasterID: 2, number: "T100", active: true }),
    catalog: { catalogID: 1, name: "24-25 KTS Course Catalog (TECH SCHOOLS ONLY)" },
    calendar: calendar(3, SCHOOL, { endYear: 2025, summerSchool: false }),
    trial: { trialID: 5, structureID: 6, name: "Active", active: true }
  }
  const change = (fields: Partial<TechSectionRecords>): TechSectionRecords => ({ ...good, ...fields })
  it.each([
    { case: "every condition holds", records: good, endYear: 2025, status: "ok", reasons: [] },
    { case: "the end year before", records: good, endYear: 2024, status: "notInTechCatalog", reasons: [] },
    { case: "the high schools' catalog", records: change({ catalog: { catalogID: 1, name: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)" } }), endYear: 2025, status: "notInTechCatalog", reasons: [] },
    { case: "no master", records: change({ course: { ...good.course, courseMasterID: null } }), endYear: 2025, status: "notInTechCatalog", reasons: [] },
    { case: "the master's catalog missing", records: change({ catalog: null }), endYear: 2025, status: "notInTechCatalog", reasons: [] },
    { case: "inactive course", records: change({ course: { ...good.course, active: false } }), endYear: 2025, status: "notTechSection", reasons: ["courseInactive"] },
    { case: "calendar of end year 2024", records: change({ calendar: { ...good.calendar!, endYear: 2024 } }), endYear: 2025, status: "notTechSection", reasons: ["otherEndYear"] },
    { case: "calendar of end year 2026", records: change({ calendar: { ...good.calendar!, endYear: 2026 } }), endYear: 2025, status: "notTechSection", reasons: ["otherEndYear"] },
    { case: "summer school", records: change({ calendar: { ...good.calendar!, summerSchool: true } }), endYear: 2025, status: "notTechSection", reasons: ["summerSchool"] },
    { case: "another school's calendar", records: change({ calendar: { ...good.calendar!, schoolID: SCHOOL + 1 } }), endYear: 2025, status: "notTechSection", reasons: ["otherSchool"] },
    { case: "no calendar", records: change({ calendar: null }), endYear: 2025, status: "notTechSection", reasons: ["noCalendar"] },
    { case: "inactive trial", records: change({ trial: { ...good.trial!, active: false } }), endYear: 2025, status: "notTechSection", reasons: ["trialInactive"] },
    { case: "no trial", records: change({ trial: null }), endYear: 2025, status: "notTechSection", reasons: ["trialInactive"] },
    {
      case: "every reason at once",
      records: change({ course: { ...good.course, active: false }, calendar: { ...good.calendar!, endYear: 2024, summerSchool: true }, trial: null }),
      endYear: 2025,
      status: "notTechSection",
      reasons: ["courseInactive", "otherEndYear", "summerSchool", "trialInactive"]
    }
  ])("$case: $status", ({ records, endYear, status, reasons }) => {
    const verdict = techSectionVerdict(records, SCHOOL, endYear)
    expect(verdict.status).toBe(status)
    expect(verdict.status === "notTechSection" ? verdict.reasons.map((reason) => reason.kind) : []).toEqual(reasons)
  })
})

describe("several grade rows of one student, task and term", () => {
  const row = (scoreID: number, posted: boolean) => ({ scoreID, posted })
  it.each([
    { rows: [], standing: null, syncing: null },
    { rows: [row(5, false)], standing: 5, syncing: null },
    { rows: [row(5, true)], standing: 5, syncing: 5 },
    { rows: [row(4, true), row(5, true)], standing: 5, syncing: 5 },
    { rows: [row(5, true), row(4, true)], standing: 5, syncing: 5 },
    { rows: [row(4, true), row(5, false)], standing: 5, syncing: 4 },
    { rows: [row(6, false), row(4, true), row(5, true)], standing: 6, syncing: 5 }
  ])("rows $rows: the row that stands $standing, the grade that syncs $syncing", ({ rows, standing, syncing }) => {
    expect(standingGrade(rows)?.scoreID ?? null).toBe(standing)
    expect(syncingGrade(rows)?.scoreID ?? null).toBe(syncing)
  })
})
