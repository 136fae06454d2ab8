import type { LocalDate, Roster } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { chooseRosterRow, explainRosterRow, isPreferredRoster } from "./RosterRow.js"

const roster = (rosterID: number, endDate: LocalDate | null): Roster => ({
  rosterID,
  sectionID: 1,
  personID: 500,
  startDate: "2024-08-14",
  endDate
})

describe("RosterRow", () => {
  it.each([
    { case: "no rows", rows: [], chosen: undefined, decidedBy: null },
    { case: "one row", rows: [roster(1, "2025-05-22")], chosen: 1, decidedBy: null },
    { case: "NULL end beats a later end", rows: [roster(2, "2025-06-30"), roster(1, null)], chosen: 1, decidedBy: "latest endDate (NULL counts as latest)" },
    { case: "later end wins by one day", rows: [roster(2, "2025-05-21"), roster(1, "2025-05-22")], chosen: 1, decidedBy: "latest endDate (NULL counts as latest)" },
    { case: "same end: highest rosterID", rows: [roster(3, "2025-05-22"), roster(4, "2025-05-22")], chosen: 4, decidedBy: "highest rosterID" },
    { case: "two NULL ends: highest rosterID", rows: [roster(8, null), roster(3, null)], chosen: 8, decidedBy: "highest rosterID" }
  ])("$case", ({ rows, chosen, decidedBy }) => {
    expect(chooseRosterRow(rows)?.rosterID).toBe(chosen)
    expect(chooseRosterRow([...rows].reverse())?.rosterID).toBe(chosen)
    const choice = explainRosterRow(rows)
    expect(choice.chosen?.rosterID).toBe(chosen)
    expect(choice.decidedBy?.rule ?? null).toBe(decidedBy)
    for (const other of rows) {
      if (other.rosterID !== chosen) expect(isPreferredRoster(choice.chosen!, other)).toBe(true)
    }
  })

  it("accept leaves rows out before comparing", () => {
    const rows = [roster(1, null), roster(2, "2025-05-22")]
    expect(chooseRosterRow(rows, (row) => row.endDate !== null)?.rosterID).toBe(2)
    expect(explainRosterRow(rows, (row) => row.endDate !== null).rejected).toBe(1)
  })
})
