/**
 * A database locked by another process (an open write transaction) while the
 * night runs: the units written to it fail, the other units run, the status
 * is 1, nothing is removed from the technical school a locked district is
 * linked to, no student's data is sent without the sending school's
 * disclosure record, and running the night again once the lock is gone
 * finishes it.
 */
import { describe, expect, it } from "vitest"
import { districtBundle, dumpWorld, makeWorld, rowsOf, runNight, techBundle, techID, type World } from "./support/exchangeWorld.js"
import { disclosuresOf, holdWriteLock } from "./support/exchangeMore.js"

const ann = { stateID: "7300000001", first: "Ann", last: "Ames" }
const cat = { stateID: "7300000003", first: "Cat", last: "Cole" }
const gus = { stateID: "7300000009", first: "Gus", last: "Gone" }

interface NightJson {
  readonly units: ReadonlyArray<{ stage: string; database: string; school: string | null; outcome: string; error: string | null }>
  readonly status: number
}

/**
 * Tech: Gus (1) on section 10, whom no high school sends; Cat (2) with a posted grade on section 11 and, with
 * `attendance`, an unknown absence there the day before the night (200-020's link then has attendanceSync).
 */
const lockedWorld = (attendance = false): World => makeWorld({
  tech: techBundle({
    persons: [gus, cat],
    extra: {
      roster: [{ rosterID: 1, sectionID: 10, personID: 1, startDate: "2024-08-01", endDate: null }],
      gradingScore: [{ scoreID: 1, personID: 2, sectionID: 11, taskID: 1, termID: 1, score: "B", percent: null, posted: true, modifiedDate: null }],
      attendance: attendance ? [{ attendanceID: 1, personID: 2, sectionID: 11, date: "2024-12-18", status: "A", excuse: "U" }] : []
    }
  }),
  d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [ann] }] }),
  d200: districtBundle({ district: "200", school: "020", courses: [{ number: "KTS200", ktsTechID: techID(11), students: [cat] }] })
}, [
  { highSchool: { database: "d165", district: "165", school: "010" } },
  { highSchool: { database: "d200", district: "200", school: "020" }, ...(attendance ? { attendanceSync: true } : {}) }
])

const NIGHT = "2024-12-19"

/** The technical school's roster rows as [sectionID, stateID, endDate], sorted. */
const techRoster = (world: World) => {
  const stateOf = new Map(rowsOf(world.db["tech"]!, "person").map((row) => [row["personID"], row["stateID"]]))
  return rowsOf(world.db["tech"]!, "roster").map((row) => [row["sectionID"], stateOf.get(row["personID"]), row["endDate"]])
    .sort((a, b) => String(a).localeCompare(String(b)))
}

/** Runs the night while another process holds the write lock of `database` (d200 unless told). */
const runLocked = async (world: World, database = "d200"): Promise<{ status: number; stderr: string; report: NightJson }> => {
  const lock = await holdWriteLock(world.db[database]!)
  try {
    const run = runNight(world, NIGHT, "--json")
    return { status: run.status, stderr: run.stderr, report: JSON.parse(run.stdout) as NightJson }
  } finally {
    await lock.release()
  }
}

/** Runs the night while another process holds the technical-school database's write lock. */
const runTechLocked = (world: World) => runLocked(world, "tech")

describe("kts exchange run: a database locked by another process", () => {
  it("fails only the locked database's units, runs the rest, exits 1, and a rerun finishes the night", { timeout: 300_000 }, async () => {
    const world = lockedWorld()
    const first = await runLocked(world)
    expect(first.status).toBe(1)
    expect(first.report.status).toBe(1)
    expect(first.stderr).toMatch(/d200/)
    const failed = first.report.units.filter((unit) => unit.outcome === "failed")
    expect(failed.map((unit) => [unit.stage, unit.database, unit.school])).toEqual([
      ["publish", "d200", null],
      ["rosters", "d200", "200-020"],
      ["grades", "d200", "200-020"]
    ])
    expect(first.report.units.filter((unit) => unit.database !== "d200").every((unit) => unit.outcome === "applied")).toBe(true)
    // 165-010's student reached the technical school, and its grade stage ran.
    expect(techRoster(world)).toContainEqual([10, ann.stateID, null])
    expect(disclosuresOf(world.db["d165"]!, ann.stateID)).toEqual([["roster", "902-030", NIGHT, NIGHT]])
    // The store the lock held is as it was: the other process's transaction was rolled back, nothing of the night in it.
    expect(rowsOf(world.db["d200"]!, "exchangeRun")).toEqual([])
    expect(rowsOf(world.db["d200"]!, "gradingScore")).toEqual([])

    // The lock is gone: the same night again runs the failed units only.
    const rerun = runNight(world, NIGHT, "--json")
    expect(rerun.stderr).toBe("")
    expect(rerun.status).toBe(0)
    const report = JSON.parse(rerun.stdout) as NightJson
    expect(report.units.filter((unit) => unit.outcome === "applied").map((unit) => [unit.stage, unit.database]))
      .toEqual([["publish", "d200"], ["rosters", "d200"], ["grades", "d200"]])
    expect(report.units.filter((unit) => unit.database !== "d200").every((unit) => unit.outcome === "skipped")).toBe(true)
    // Cat's posted grade (tech active term T1) is written to 200-020's KTS section, term S1; the technical school recorded it.
    expect(rowsOf(world.db["d200"]!, "gradingScore").map((row) => [row["sectionID"], row["taskID"], row["termID"], row["score"], row["posted"]]))
      .toEqual([[101, 1, 1, "B", true]])
    expect(disclosuresOf(world.db["tech"]!, cat.stateID)).toEqual([["grades", "200-020", NIGHT, NIGHT]])
    expect(rowsOf(world.db["d200"]!, "courseMaster").map((row) => row["ktsTechID"]).sort()).toEqual([techID(10), techID(11)])
    // Running it once more writes nothing.
    expect(runNight(world, NIGHT).status).toBe(0)
  })

  // A high school's rosters unit that cannot be written makes its database unusable for the rest of the night:
  // its technical school's rosters unit sends nothing from it (no disclosure could be recorded) and removes nothing.
  it("removes nothing from the linked technical school and sends no student the locked school could not record", { timeout: 300_000 }, async () => {
    const world = lockedWorld()
    const first = await runLocked(world)
    expect(first.status).toBe(1)
    // No removals from the tech sections of a technical school linked to a database that could not be used.
    expect(techRoster(world)).toContainEqual([10, gus.stateID, null])
    // 200-020's rosters unit failed, so it recorded no disclosure: Cat's roster data must not have reached the technical school.
    expect(disclosuresOf(world.db["d200"]!, cat.stateID)).toEqual([])
    expect(techRoster(world).filter((row) => row[1] === cat.stateID)).toEqual([])

    // Rerun, then the next night: Cat is sent (and 200-020 records it), Gus's row goes (no grades or attendance: deleted).
    expect(runNight(world, NIGHT).status).toBe(0)
    const next = runNight(world, "2024-12-20")
    expect(next.stderr).toBe("")
    expect(next.status).toBe(0)
    expect(techRoster(world)).toEqual([[10, ann.stateID, null], [11, cat.stateID, null]])
    expect(disclosuresOf(world.db["d200"]!, cat.stateID).filter((row) => row[0] === "roster").map((row) => row.slice(0, 2)))
      .toEqual([["roster", "902-030"]])
  })

  it("fails the units written to a locked technical-school database, exits 1, and a rerun finishes the night", { timeout: 300_000 }, async () => {
    const world = lockedWorld()
    const first = await runTechLocked(world)
    expect(first.status).toBe(1)
    expect(first.stderr).toMatch(/tech/)
    expect(first.report.units.filter((unit) => unit.database === "tech").map((unit) => [unit.stage, unit.school, unit.outcome])).toEqual([
      ["rosters", "902-030", "failed"],
      ["grades", "902-030", "failed"],
      // No link of this world opts in to attendance: the technical school's attendance unit only journals, and cannot.
      ["attendance", "902-030", "failed"]
    ])
    // Nothing of the night in the locked store.
    expect(rowsOf(world.db["tech"]!, "exchangeRun")).toEqual([])
    expect(techRoster(world)).toEqual([[10, gus.stateID, null]])
    expect(rowsOf(world.db["tech"]!, "person")).toHaveLength(2)

    // The lock is gone: the rerun runs the technical school's units; the students arrive, Gus's row goes, Cat's grade is at 200-020.
    const rerun = runNight(world, NIGHT, "--json")
    expect(rerun.stderr).toBe("")
    expect(rerun.status).toBe(0)
    const report = JSON.parse(rerun.stdout) as NightJson
    expect(report.units.filter((unit) => unit.database === "tech").map((unit) => [unit.stage, unit.outcome]))
      .toEqual([["rosters", "applied"], ["grades", "applied"], ["attendance", "applied"]])
    expect(techRoster(world)).toEqual([[10, ann.stateID, null], [11, cat.stateID, null]])
    expect(rowsOf(world.db["d200"]!, "gradingScore").map((row) => [row["sectionID"], row["taskID"], row["termID"], row["score"]])).toEqual([[101, 1, 1, "B"]])
    // The high schools' rosters units ran first and recorded what the technical school's unit then wrote.
    expect(disclosuresOf(world.db["d200"]!, cat.stateID)).toEqual([["roster", "902-030", NIGHT, NIGHT]])
    expect(disclosuresOf(world.db["d165"]!, ann.stateID)).toEqual([["roster", "902-030", NIGHT, NIGHT]])
  })

  // The technical school's grades unit that cannot be written makes its database unusable for the rest of the night:
  // the high schools' grades units, which read it, fail too, so no grade arrives without its disclosure.
  it("records at the technical school every grade a night sends while its database was locked", { timeout: 300_000 }, async () => {
    const world = lockedWorld()
    expect((await runTechLocked(world)).status).toBe(1)
    expect(runNight(world, NIGHT).status).toBe(0)
    expect(rowsOf(world.db["d200"]!, "gradingScore").map((row) => row["score"])).toEqual(["B"])
    expect(disclosuresOf(world.db["tech"]!, cat.stateID)).toEqual([["grades", "200-020", NIGHT, NIGHT]])
  })

  it("--dry-run with a locked district database exits 1 as the real night would, and writes nothing", { timeout: 300_000 }, async () => {
    const world = lockedWorld()
    const before = dumpWorld(world)
    const lock = await holdWriteLock(world.db["d200"]!)
    let run
    try {
      run = runNight(world, NIGHT, "--dry-run", "--json")
    } finally {
      await lock.release()
    }
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as NightJson & { dryRun: boolean }
    expect(report.dryRun).toBe(true)
    expect(report.units.filter((unit) => unit.outcome === "failed").every((unit) => unit.database === "d200")).toBe(true)
    expect(report.units.some((unit) => unit.database === "d200" && unit.outcome === "failed")).toBe(true)
    expect(dumpWorld(world)).toEqual(before)
  })

  // The same for the attendance stage.
  it("records at the technical school every absence a night sends while its database was locked", { timeout: 300_000 }, async () => {
    const world = lockedWorld(true)
    expect((await runTechLocked(world)).status).toBe(1)
    expect(runNight(world, NIGHT).status).toBe(0)
    expect(rowsOf(world.db["d200"]!, "attendance").map((row) => [row["sectionID"], row["date"], row["status"], row["excuse"]]))
      .toEqual([[101, "2024-12-18", "A", "U"]])
    expect(disclosuresOf(world.db["tech"]!, cat.stateID).filter((row) => row[0] === "attendance")).toEqual([["attendance", "200-020", NIGHT, NIGHT]])
  })
})
