/**
 * The rosters hold: removals above max(minimum, share × active rows) hold the
 * technical school's rosters (exit 3, also when the night runs again) until
 * `kts exchange approve`; the next night applies them.
 */
import { describe, expect, it } from "vitest"
import { kts } from "./runKts.js"
import { districtBundle, makeWorld, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"

/** A world whose tech section 10 has `count` active roster rows the high school no longer sends. */
const worldWithOrphans = (count: number) => {
  const persons = Array.from({ length: count }, (_, index) => ({ stateID: `30000000${String(index).padStart(2, "0")}`, first: "X", last: "Y" }))
  return makeWorld({
    tech: techBundle({
      persons,
      extra: { roster: persons.map((_, index) => ({ rosterID: index + 1, sectionID: 10, personID: index + 1, startDate: "2024-08-01", endDate: null })) }
    }),
    d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [] }] })
  }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
}

describe("kts exchange: the rosters hold", () => {
  it("removes 10 of 10 rows without a hold (at the minimum)", () => {
    const world = worldWithOrphans(10)
    const run = runNight(world, "2024-10-01", "--stage", "rosters")
    expect(run.status).toBe(0)
    expect(rowsOf(world.db["tech"]!, "roster")).toEqual([])
    expect(rowsOf(world.db["tech"]!, "exchangeHold")).toEqual([])
  })

  it("holds 11 removals, exits 3 again on a re-run, and applies them the night after approval", () => {
    const world = worldWithOrphans(11)
    const held = runNight(world, "2024-10-01", "--stage", "rosters", "--json")
    expect(held.status).toBe(3)
    expect(held.stderr).toMatch(/hold 1 .*awaits approval: kts exchange approve --config .* --hold 1/)
    const report = JSON.parse(held.stdout) as { holdsAwaiting: Array<{ holdID: number }>; units: Array<{ role: string; hold: unknown }> }
    expect(report.holdsAwaiting.map((hold) => hold.holdID)).toEqual([1])
    expect(report.units.find((unit) => unit.role === "tech")!.hold).toEqual({ holdID: 1, activeRows: 11, removals: 11 })
    expect(rowsOf(world.db["tech"]!, "roster")).toHaveLength(11)
    expect(rowsOf(world.db["tech"]!, "exchangeHold").map((row) => [row["night"], row["activeRows"], row["removals"], row["approvedOn"]]))
      .toEqual([["2024-10-01", 11, 11, null]])
    for (const database of ["tech", "d165"]) {
      const alerts = JSON.parse(kts("alerts", "--db", world.db[database]!, "--json").stdout) as Array<{ code: string; message: string }>
      expect(alerts.map((alert) => alert.code), database).toEqual(["hold.rosterRemovals"])
      expect(alerts[0]!.message).toContain("hold 1")
    }

    const again = runNight(world, "2024-10-01", "--stage", "rosters")
    expect(again.status).toBe(3)
    expect(rowsOf(world.db["tech"]!, "exchangeHold")).toHaveLength(1)

    const approve = kts("exchange", "approve", "--config", world.config, "--hold", "1")
    expect(approve.stderr).toBe("")
    expect(approve.status).toBe(0)
    expect(kts("exchange", "approve", "--config", world.config, "--hold", "7").status).toBe(2)

    const next = runNight(world, "2024-10-02", "--stage", "rosters")
    expect(next.stderr).toBe("")
    expect(next.status).toBe(0)
    expect(rowsOf(world.db["tech"]!, "roster")).toEqual([])
    expect(rowsOf(world.db["tech"]!, "exchangeHold").map((row) => row["usedOn"])).toEqual(["2024-10-02"])
    expect(kts("alerts", "--db", world.db["tech"]!).stdout).toMatch(/no open alerts/)
    const status = kts("exchange", "status", "--config", world.config)
    expect(status.status).toBe(0)
    expect(status.stdout).toMatch(/rosters\s+902-030 \(tech\): 2024-10-02/)
    expect(status.stdout).toMatch(/open holds:\n\s+none/)
  })
})
