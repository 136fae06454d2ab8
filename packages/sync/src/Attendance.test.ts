import { addDays } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { attendance } from "../test/records.js"
import { addHighSchoolStudent, addTechStudent, HS_SECTION, hsPersonID, makeWorld, runNight, TECH_SECTION, techPersonID, unitOf, type World } from "../test/world.js"
import { attendanceActionOf, attendanceDays } from "./Attendance.js"

const NIGHT = "2024-10-15"

describe("attendanceDays", () => {
  it.each([
    { case: "no earlier night: only the day before", last: null, from: "2024-10-14" },
    { case: "last night was yesterday", last: "2024-10-14", from: "2024-10-14" },
    { case: "a missed night is caught up", last: "2024-10-12", from: "2024-10-12" },
    { case: "last night 29 days ago", last: addDays(NIGHT, -29), from: addDays(NIGHT, -29) },
    { case: "last night exactly 30 days ago", last: addDays(NIGHT, -30), from: addDays(NIGHT, -30) },
    { case: "last night 31 days ago: nothing older than 30 days", last: addDays(NIGHT, -31), from: addDays(NIGHT, -30) },
    { case: "last night long ago", last: "2024-01-01", from: addDays(NIGHT, -30) }
  ])("$case", ({ last, from }) => {
    expect(attendanceDays(NIGHT, last)).toEqual({ from, to: "2024-10-14" })
  })
})

describe("attendanceActionOf", () => {
  it.each([
    { case: "missing: inserted", existing: undefined, action: "insert" },
    { case: "excuse U, other status: updated", existing: attendance(1, 1, 1, "2024-10-14", { status: "T", excuse: "U" }), action: "update" },
    { case: "excuse NULL, other status: updated", existing: attendance(1, 1, 1, "2024-10-14", { status: "T", excuse: null }), action: "update" },
    { case: "excuse U, same status: left", existing: attendance(1, 1, 1, "2024-10-14", { status: "A", excuse: "U" }), action: "leave" },
    { case: "excuse E (resolved): left", existing: attendance(1, 1, 1, "2024-10-14", { status: "T", excuse: "E" }), action: "leave" },
    { case: "excuse X (resolved): left", existing: attendance(1, 1, 1, "2024-10-14", { status: "T", excuse: "X" }), action: "leave" }
  ])("$case", ({ existing, action }) => {
    expect(attendanceActionOf(existing, "A")).toBe(action)
  })
})

const attendanceWorld = (): World => {
  const world = makeWorld()
  addHighSchoolStudent(world, 1)
  addTechStudent(world, 1)
  return world
}

describe("attendance stage", () => {
  it.each([
    { case: "the day before the night", date: "2024-10-14", synced: true },
    { case: "the night itself", date: NIGHT, synced: false },
    { case: "two days before, no earlier night", date: "2024-10-13", synced: false }
  ])("$case", ({ date, synced }) => {
    const world = attendanceWorld()
    world.techAttendance.push(attendance(50, techPersonID(1), TECH_SECTION, date, { status: "T" }))
    const plan = runNight(world, ["attendance"])
    const hs = unitOf(plan, "attendance", "d165")
    expect(hs.changes.attendance.insert).toEqual(synced
      ? [{ attendanceID: 601, personID: hsPersonID(1), sectionID: HS_SECTION, date, status: "T", excuse: "U" }]
      : [])
    expect(unitOf(plan, "attendance", "tech").changes.disclosure.insert.map((row) => row.kind)).toEqual(synced ? ["attendance"] : [])
  })

  it.each([
    { case: "30 days back after a long gap", date: addDays(NIGHT, -30), synced: true },
    { case: "31 days back after a long gap", date: addDays(NIGHT, -31), synced: false }
  ])("$case", ({ date, synced }) => {
    const world = attendanceWorld()
    world.lastAttendanceNight = "2024-08-01"
    world.techAttendance.push(attendance(50, techPersonID(1), TECH_SECTION, date))
    expect(unitOf(runNight(world, ["attendance"]), "attendance", "d165").changes.attendance.insert).toHaveLength(synced ? 1 : 0)
  })

  it("only excuse U at the tech is copied", () => {
    const world = attendanceWorld()
    world.techAttendance.push(attendance(50, techPersonID(1), TECH_SECTION, "2024-10-14", { excuse: "E" }))
    world.techAttendance.push(attendance(51, techPersonID(1), TECH_SECTION, "2024-10-14", { excuse: null }))
    expect(unitOf(runNight(world, ["attendance"]), "attendance", "d165").changes.attendance.insert).toEqual([])
  })

  it.each([
    { case: "excuse U: status set", excuse: "U", updated: true },
    { case: "excuse NULL: status set", excuse: null, updated: true },
    { case: "excuse E: left", excuse: "E", updated: false }
  ])("an existing high-school row, $case", ({ excuse, updated }) => {
    const world = attendanceWorld()
    world.techAttendance.push(attendance(50, techPersonID(1), TECH_SECTION, "2024-10-14", { status: "A" }))
    world.hsAttendance.push(attendance(9, hsPersonID(1), HS_SECTION, "2024-10-14", { status: "T", excuse }))
    const hs = unitOf(runNight(world, ["attendance"]), "attendance", "d165")
    expect(hs.changes.attendance.insert).toEqual([])
    expect(hs.changes.attendance.update).toEqual(updated
      ? [{ attendanceID: 9, personID: hsPersonID(1), sectionID: HS_SECTION, date: "2024-10-14", status: "A", excuse }]
      : [])
  })

  it("a link without attendanceSync has no high-school unit", () => {
    const world = attendanceWorld()
    world.attendanceSync = false
    world.techAttendance.push(attendance(50, techPersonID(1), TECH_SECTION, "2024-10-14"))
    const plan = runNight(world, ["attendance"])
    expect(plan.units.map((unit) => unit.database)).toEqual(["tech"])
  })
})
