/**
 * A database that exists but cannot be opened fails only the units that need
 * it: the rest of the night runs, nothing is removed from the technical
 * school it is linked to, and the exit status is 1.
 */
import { writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { districtBundle, makeWorld, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"

const ann = { stateID: "6000000001", first: "Ann", last: "Ames" }
const gone = { stateID: "6000000009", first: "Gus", last: "Gone" }

describe("kts exchange run: an unreadable database", () => {
  it("runs the other units, removes nothing from the linked technical school, and exits 1", () => {
    const world = makeWorld({
      tech: techBundle({
        persons: [gone],
        extra: { roster: [{ rosterID: 1, sectionID: 10, personID: 1, startDate: "2024-08-01", endDate: null }] }
      }),
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [ann] }] }),
      d200: districtBundle({ district: "200", school: "020" })
    }, [
      { highSchool: { database: "d165", district: "165", school: "010" } },
      { highSchool: { database: "d200", district: "200", school: "020" } }
    ])
    writeFileSync(world.db["d200"]!, "this is not a database, just text that is long enough to look like a file ".repeat(100))
    const run = runNight(world, "2024-10-01", "--json")
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/d200/)
    const report = JSON.parse(run.stdout) as { units: Array<{ stage: string; database: string; outcome: string }> }
    expect(report.units.filter((unit) => unit.outcome === "failed").every((unit) => unit.database === "d200")).toBe(true)
    expect(report.units.filter((unit) => unit.database === "d200").every((unit) => unit.outcome === "failed")).toBe(true)
    expect(report.units.filter((unit) => unit.database !== "d200").every((unit) => unit.outcome === "applied")).toBe(true)
    // Ann is sent; Gus, whom no readable high school sends, keeps his row while d200 cannot be read.
    const rosters = rowsOf(world.db["tech"]!, "roster").map((row) => [row["personID"], row["sectionID"], row["endDate"]])
    expect(rosters).toEqual([[1, 10, null], [2, 10, null]])
  })
})
