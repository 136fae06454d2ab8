/**
 * The night's safety: a second run of the same night writes nothing, a dry
 * run writes nothing, a run killed after any unit and run again gives the
 * databases an uninterrupted run gives, and --emit's delta bundles carry
 * exactly the night's changes.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import Papa from "papaparse"
import { Tables } from "@kts/domain"
import { beforeAll, describe, expect, it } from "vitest"
import { spawnSync } from "node:child_process"
import { ktsMain, startKts, tempDir } from "./runKts.js"
import { cloneWorld, districtBundle, dumpWorld, makeWorld, runNight, techBundle, techID, type World } from "./support/exchangeWorld.js"

const NIGHT = "2024-12-19"
const students = Array.from({ length: 4 }, (_, index) => ({
  stateID: `200000000${index}`,
  first: `First${index}`,
  last: `Last${index}`
}))

let base: World
let uninterrupted: ReturnType<typeof dumpWorld>
let unitCount = 0

beforeAll(() => {
  base = makeWorld({
    tech: techBundle({
      persons: [students[0]!],
      extra: {
        gradingScore: [{ scoreID: 1, personID: 1, sectionID: 10, taskID: 1, termID: 1, score: "B", percent: 85, posted: true, modifiedDate: null }],
        attendance: [{ attendanceID: 1, personID: 1, sectionID: 10, date: "2024-12-18", status: "A", excuse: "U" }]
      }
    }),
    d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: students.slice(0, 2) }] }),
    d200: districtBundle({ district: "200", school: "020", courses: [{ number: "KTS200", ktsTechID: techID(11), students: students.slice(2) }] })
  }, [
    { highSchool: { database: "d165", district: "165", school: "010" }, attendanceSync: true },
    { highSchool: { database: "d200", district: "200", school: "020" } }
  ])
  const world = cloneWorld(base)
  const run = runNight(world, NIGHT, "--json")
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  unitCount = (JSON.parse(run.stdout) as { units: Array<unknown> }).units.length
  uninterrupted = dumpWorld(world)
})

describe("kts exchange run: safety", () => {
  it("writes nothing when the same night runs again, and says the units are done", () => {
    const world = cloneWorld(base)
    expect(runNight(world, NIGHT).status).toBe(0)
    const first = dumpWorld(world)
    expect(first).toEqual(uninterrupted)
    const again = runNight(world, NIGHT)
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/already done this night/)
    expect(dumpWorld(world)).toEqual(first)
  })

  it("--dry-run prints the night and writes nothing", () => {
    const world = cloneWorld(base)
    const before = dumpWorld(world)
    const run = runNight(world, NIGHT, "--dry-run", "--json")
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as { dryRun: boolean; units: Array<{ inserted: number }> }
    expect(report.dryRun).toBe(true)
    expect(report.units.some((unit) => unit.inserted > 0)).toBe(true)
    expect(dumpWorld(world)).toEqual(before)
  })

  it.each([1, 2, 4, 6, 8, 10])("a run killed after %i units, run again, gives the uninterrupted databases", (units) => {
    const world = cloneWorld(base)
    const killed = spawnSync(process.execPath, [ktsMain, "exchange", "run", "--config", world.config, "--date", NIGHT], {
      encoding: "utf8",
      env: { ...process.env, CI: "true", KTS_TEST_KILL_AFTER_UNITS: String(units) }
    })
    if (units < unitCount) expect(killed.signal).toBe("SIGKILL")
    // The killed run left its lock: its pid is dead, so the next run takes it over.
    const rerun = runNight(world, NIGHT)
    expect(rerun.stderr).toBe("")
    expect(rerun.status).toBe(0)
    expect(dumpWorld(world)).toEqual(uninterrupted)
  })

  it("a run killed at a random moment, run again, gives the uninterrupted databases", async () => {
    // Seeded delays, so a failure can be replayed; where the kill lands does not change what is asserted.
    let seed = 7
    for (const round of [0, 1, 2]) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      const world = cloneWorld(base)
      const child = startKts("exchange", "run", "--config", world.config, "--date", NIGHT)
      // Listen for the exit from the start: a run may finish before the kill lands.
      // 'error' too: a child that could not be started (or signalled) emits no 'exit'.
      const exited = new Promise((done) => {
        child.once("exit", done)
        child.once("error", done)
      })
      await Promise.race([exited, new Promise((done) => setTimeout(done, 1500 + (seed % 4000)))])
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
      await Promise.race([exited, new Promise((done) => setTimeout(done, 60_000))])
      const rerun = runNight(world, NIGHT)
      expect(rerun.status, `round ${round}`).toBe(0)
      expect(dumpWorld(world)).toEqual(uninterrupted)
    }
  }, 600_000)

  it("--emit writes each database's changes as a delta bundle that turns the old databases into the new", () => {
    const world = cloneWorld(base)
    const before = dumpWorld(world)
    const out = tempDir("kts-emit-")
    const run = runNight(world, NIGHT, "--emit", out)
    expect(run.status).toBe(0)
    const after = dumpWorld(world)
    expect(readdirSync(out).sort()).toEqual(["d165", "d200", "tech"])
    for (const database of ["tech", "d165", "d200"]) {
      const applied = applyDelta(before[database]!, join(out, database))
      expect(applied, database).toEqual(asText(after[database]!))
    }
  })
})

type Dump = Record<string, Array<Record<string, unknown>>>

const textOf = (value: unknown): string =>
  value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "1" : "0") : String(value)

/** A dump with every value as bundle text, rows keyed by their key columns. */
const asText = (dump: Dump): Record<string, Record<string, Record<string, string>>> => {
  const result: Record<string, Record<string, Record<string, string>>> = {}
  for (const table of Tables) {
    const rows: Record<string, Record<string, string>> = {}
    for (const row of dump[table.name] ?? []) {
      const record = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, textOf(value)]))
      rows[keyText(table.name, record)] = record
    }
    result[table.name] = rows
  }
  return result
}

const keyText = (tableName: string, row: Record<string, string>): string => {
  const table = Tables.find((candidate) => candidate.name === tableName)!
  const primary = Object.entries(table.columns).find(([, column]) => column.primaryKey)?.[0]
  const keys = primary !== undefined ? [primary] : [...(table.uniqueKey ?? [])]
  return keys.map((key) => row[key]).join("|")
}

const readCsv = (path: string): Array<Record<string, string>> =>
  Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true }).data

/** Applies a delta bundle folder to a dump, as `kts import --delta` would: upserts by key, then deletions. */
const applyDelta = (dump: Dump, folder: string) => {
  const result = asText(dump)
  for (const file of readdirSync(folder)) {
    if (!file.endsWith(".csv")) continue
    const table = file.slice(0, -4)
    for (const row of readCsv(join(folder, file))) {
      if (table === "exchangeRun") delete row["finishedAt"]
      result[table]![keyText(table, row)] = row
    }
  }
  let deleted: Array<string> = []
  try {
    deleted = readdirSync(join(folder, "deleted"))
  } catch {
    deleted = []
  }
  for (const file of deleted) {
    const table = file.slice(0, -4)
    for (const row of readCsv(join(folder, "deleted", file))) {
      const key = keyText(table, row)
      expect(result[table]![key], `deleted/${file} names an existing row`).toBeDefined()
      delete result[table]![key]
    }
  }
  return result
}
