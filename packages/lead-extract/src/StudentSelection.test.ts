import type { Enrollment, Roster } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { chooseRosterRows, rosterQualifies, selectStudents } from "./StudentSelection.js"

const roster = (rosterID: number, personID: number, endDate: string | null): Roster => ({
  rosterID,
  sectionID: 1,
  personID,
  startDate: "2024-08-14",
  endDate
})

const SECTION_END = "2025-05-29"
const LID = "2025-05-22"

describe("rosterQualifies", () => {
  it.each([
    { case: "open roster row", endDate: null, lid: LID, qualifies: true },
    { case: "ends on the Section End Date", endDate: SECTION_END, lid: LID, qualifies: true },
    { case: "ends on the Last Instructional Day", endDate: LID, lid: LID, qualifies: true },
    { case: "ends the day before the LID", endDate: "2025-05-21", lid: LID, qualifies: false },
    { case: "ends after the Section End Date", endDate: "2025-05-30", lid: LID, qualifies: false },
    { case: "no LID: only NULL or Section End Date", endDate: LID, lid: null, qualifies: false }
  ])("$case", ({ endDate, lid, qualifies }) => {
    expect(rosterQualifies(roster(1, 1, endDate), SECTION_END, lid)).toBe(qualifies)
  })
})

describe("chooseRosterRows", () => {
  it.each([
    { case: "NULL endDate beats a dated row", rows: [roster(1, 5, SECTION_END), roster(2, 5, null)], chosen: [2] },
    { case: "latest endDate next", rows: [roster(1, 5, SECTION_END), roster(2, 5, LID)], chosen: [1] },
    { case: "same endDate: highest rosterID", rows: [roster(9, 5, LID), roster(3, 5, LID)], chosen: [9] },
    { case: "non-qualifying rows never win", rows: [roster(1, 5, "2025-01-01"), roster(2, 5, LID)], chosen: [2] },
    { case: "one row per person", rows: [roster(1, 5, null), roster(2, 6, null)], chosen: [1, 2] }
  ])("$case", ({ chosen, rows }) => {
    expect(chooseRosterRows(rows, SECTION_END, LID).map((row) => row.rosterID)).toEqual(chosen)
  })
})

describe("selectStudents", () => {
  const enrollment = (enrollmentID: number, fields: Partial<Enrollment> = {}): Enrollment => ({
    enrollmentID,
    personID: 5,
    calendarID: 10,
    structureID: 20,
    grade: "10",
    serviceType: "P",
    startDate: "2024-08-14",
    endDate: null,
    startStatus: null,
    endStatus: null,
    noShow: false,
    stateExclude: false,
    ...fields
  })
  const section = { endDate: SECTION_END, lastInstructionalDay: LID, calendarID: 10, structureID: 20 }
  it.each([
    { case: "enrollment in the calendar and structure", enrollments: [enrollment(1)], chosen: 1 },
    { case: "stateExclude does not matter", enrollments: [enrollment(1, { stateExclude: true })], chosen: 1 },
    { case: "another structure does not count", enrollments: [enrollment(1, { structureID: 21 })], chosen: undefined },
    { case: "another calendar does not count", enrollments: [enrollment(1, { calendarID: 11 })], chosen: undefined },
    { case: "no-show does not count", enrollments: [enrollment(1, { noShow: true })], chosen: undefined },
    { case: "latest start wins", enrollments: [enrollment(1), enrollment(2, { startDate: "2025-01-06" })], chosen: 2 }
  ])("$case", ({ chosen, enrollments }) => {
    const selected = selectStudents([roster(1, 5, null)], section, () => enrollments)
    expect(selected[0]?.enrollment.enrollmentID).toBe(chosen)
  })
})
