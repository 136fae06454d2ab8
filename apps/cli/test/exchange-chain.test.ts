/**
 * Two technical schools in one database: the second one's rosters unit gets
 * its new ids from the database as the first one's unit left it. Here the
 * first deletes the database's highest roster row and inserts none, so the
 * second's new row takes the id after the highest one left (a plan made at
 * the start of the stage, when that row was still there, would count past
 * it). A run killed right after the first school's unit and run again must
 * give the same databases as the uninterrupted run.
 */
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { kts, ktsMain, tempDir } from "./runKts.js"
import { cloneWorld, dumpWorld, editStore, rowsOf, runNight, worldAt } from "./support/exchangeWorld.js"

interface NightJson {
  readonly units: ReadonlyArray<{ readonly stage: string; readonly role: string; readonly school: string | null }>
}

describe("kts exchange run: technical schools sharing a database", () => {
  it("counts a later school's new roster ids from the database its predecessor left, killed between them or not", { timeout: 300_000 }, () => {
    const dir = tempDir("kts-chain-")
    const generated = kts("generate", "--scale", "tiny", "--layout", "exchange", "--seed", "1", "--variant", "mid-year", "--out", dir, "--import")
    expect(generated.status).toBe(0)
    const world = worldAt(dir)
    const first = runNight(world, "2025-02-13")
    expect(first.status).toBe(0)

    // The next night: 901-030 (schoolID 1) holds the database's highest roster row, for a student no high school sends
    // it (so it deletes the row and inserts none); 901-045 (schoolID 2) lost the row of a student it is sent.
    const tech = world.db["tech"]!
    const lost = rowsOf(tech, "roster").find((row) => row["rosterID"] === 31)!
    expect(lost).toBeDefined()
    editStore(tech, [
      ["INSERT INTO roster (rosterID, sectionID, personID, startDate, endDate) VALUES (1000, 1, 17, NULL, NULL)", []],
      ["DELETE FROM roster WHERE rosterID = 31", []]
    ])
    const highest = Math.max(...rowsOf(tech, "roster").filter((row) => row["rosterID"] !== 1000).map((row) => row["rosterID"] as number))

    const whole = cloneWorld(world)
    const night = runNight(whole, "2025-02-14", "--json")
    expect(night.status).toBe(0)
    const report = JSON.parse(night.stdout) as NightJson
    const after = report.units.findIndex((unit) => unit.stage === "rosters" && unit.role === "tech" && unit.school === "901-030")
    expect(report.units[after + 1]).toMatchObject({ stage: "rosters", role: "tech", school: "901-045" })
    // The student is back on the section under the id after the highest row left, not after the deleted 1000.
    const back = rowsOf(whole.db["tech"]!, "roster").filter((row) => row["sectionID"] === lost["sectionID"] && row["personID"] === lost["personID"])
    expect(back.map((row) => row["rosterID"])).toEqual([highest + 1])
    expect(rowsOf(whole.db["tech"]!, "roster").some((row) => row["rosterID"] === 1000)).toBe(false)

    const killed = cloneWorld(world)
    const stopped = spawnSync(process.execPath, [ktsMain, "exchange", "run", "--config", killed.config, "--date", "2025-02-14"], {
      encoding: "utf8",
      env: { ...process.env, CI: "true", KTS_TEST_KILL_AFTER_UNITS: String(after + 1) }
    })
    expect(stopped.signal).toBe("SIGKILL")
    expect(runNight(killed, "2025-02-14").status).toBe(0)
    expect(dumpWorld(killed)).toEqual(dumpWorld(whole))
  })
})
