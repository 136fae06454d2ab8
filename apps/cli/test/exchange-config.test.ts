/**
 * Bad configurations and flags (exit 2, the file and JSON path named, nothing
 * written) and the lock (one run at a time per configuration).
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { beforeAll, describe, expect, it } from "vitest"
import { kts } from "./runKts.js"
import { districtBundle, dumpWorld, makeWorld, runNight, techBundle, type World } from "./support/exchangeWorld.js"

let world: World
let pristine: ReturnType<typeof dumpWorld>

const link = (school = "010", database = "d165") => ({
  tech: { database: "tech", district: "902", school: "030" },
  highSchool: { database, district: "165", school }
})

beforeAll(() => {
  world = makeWorld({ tech: techBundle(), d165: districtBundle({ district: "165", school: "010" }) }, [
    { highSchool: { database: "d165", district: "165", school: "010" } }
  ])
  pristine = dumpWorld(world)
})

const withConfig = (json: unknown): string => {
  const path = `${world.dir}/bad-${Math.random().toString(36).slice(2)}.json`
  writeFileSync(path, typeof json === "string" ? json : JSON.stringify(json))
  return path
}

const databases = { tech: "tech.db", d165: "d165.db" }

describe("kts exchange run: bad configuration", () => {
  it.each([
    { case: "bad JSON", json: "{\"databases\": ", path: /: not valid JSON/ },
    { case: "an unknown key", json: { databases, links: [link()], extra: true }, path: /: extra: / },
    { case: "a wrong type", json: { databases, links: [{ ...link(), attendanceSync: "yes" }] }, path: /: links\[0\]\.attendanceSync: / },
    { case: "a database file that does not exist", json: { databases: { ...databases, d200: "nowhere/200.db" }, links: [link()] }, path: /: databases\.d200: / },
    { case: "a school its database does not hold", json: { databases, links: [link(), link("011")] }, path: /: links\[1\]\.highSchool\.school: / },
    { case: "a link given twice", json: { databases, links: [link(), link()] }, path: /: links\[1\]: / },
    { case: "a link naming an unknown database", json: { databases, links: [link("010", "d999")] }, path: /: links\[0\]\.highSchool\.database: / }
  ])("exits 2 on $case, naming the file and the JSON path, writing nothing", ({ json, path }) => {
    const config = withConfig(json)
    const run = kts("exchange", "run", "--config", config, "--date", "2024-09-10")
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(config)
    expect(run.stderr).toMatch(path)
    expect(dumpWorld(world)).toEqual(pristine)
  })

  it.each([
    { case: "an impossible date", flags: ["--date", "2025-02-30"] },
    { case: "an unknown stage", flags: ["--date", "2024-09-10", "--stage", "lunch"] },
    { case: "a configuration file that does not exist", flags: ["--date", "2024-09-10"], config: "missing.json" }
  ])("exits 2 on $case", ({ flags, config }) => {
    const run = kts("exchange", "run", "--config", config === undefined ? world.config : `${world.dir}/${config}`, ...flags)
    expect(run.status).toBe(2)
    expect(dumpWorld(world)).toEqual(pristine)
  })
})

describe("kts exchange run: the lock", () => {
  it("exits 1 naming the holder and since when while another live run holds the lock", () => {
    const lock = `${world.config}.lock`
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: "2024-09-10T01:02:03.000Z" }))
    try {
      const run = runNight(world, "2024-09-10")
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(`pid ${process.pid}`)
      expect(run.stderr).toContain("2024-09-10T01:02:03.000Z")
      expect(dumpWorld(world)).toEqual(pristine)
    } finally {
      rmSync(lock, { force: true })
    }
  })

  it("takes over a lock whose holder is dead, and removes its own when done", () => {
    const lock = `${world.config}.lock`
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" })
    writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: "2024-09-09T00:00:00.000Z" }))
    const run = runNight(world, "2024-09-10", "--stage", "publish")
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    expect(existsSync(lock)).toBe(false)
    expect(readFileSync(world.config, "utf8")).toContain("d165")
  })
})
