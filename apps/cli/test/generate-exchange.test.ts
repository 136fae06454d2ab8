import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { connectStore } from "@kts/store"
import { describe, expect, it } from "vitest"
import { kts, tempDir } from "./runKts.js"

const countRows = (dbPath: string, table: string): number => {
  const store = connectStore(dbPath, { readonly: true })
  try {
    return store.count(table)
  } finally {
    store.close()
  }
}

interface WorldFile {
  readonly night: string
  readonly import: ReadonlyArray<string>
  readonly counts: { readonly syncedStudents: number }
}

const readWorld = (dir: string) => ({
  world: JSON.parse(readFileSync(join(dir, "world.json"), "utf8")) as WorldFile,
  config: JSON.parse(readFileSync(join(dir, "exchange.json"), "utf8")) as { databases: Record<string, string> }
})

describe("kts generate --layout exchange", () => {
  it("writes a world whose every bundle imports with kts import, and prints how", () => {
    const dir = join(tempDir(), "world")
    const run = kts("generate", "--scale", "tiny", "--layout", "exchange", "--seed", "5", "--out", dir)
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    expect(run.stdout).toContain("--date 2025-02-13")
    expect(run.stdout).toContain("kts import tech --db tech.db")
    const { world, config } = readWorld(dir)
    expect(readdirSync(join(dir, "districts")).sort()).toEqual(["165", "171", "180"])
    for (const command of world.import) {
      const [, , bundle, , store] = command.split(" ") as [string, string, string, string, string]
      const imported = kts("import", join(dir, bundle), "--db", join(dir, store))
      expect(imported.stderr, bundle).toBe("")
      expect(imported.status, bundle).toBe(0)
    }
    expect(Object.values(config.databases).every((store) => existsSync(join(dir, store)))).toBe(true)
    const techPeople = countRows(join(dir, "tech.db"), "enrollment")
    expect(techPeople).toBe(world.counts.syncedStudents)
  })

  it("--import creates the stores the configuration names; start of year syncs nothing", () => {
    const dir = join(tempDir(), "world")
    const run = kts("generate", "--layout", "exchange", "--variant", "start-of-year", "--import", "--out", dir)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain("--date 2024-08-21")
    const { config } = readWorld(dir)
    for (const store of Object.values(config.databases)) expect(existsSync(join(dir, store)), store).toBe(true)
    expect(countRows(join(dir, "tech.db"), "roster")).toBe(0)
    expect(countRows(join(dir, "districts/165.db"), "roster")).toBeGreaterThan(0)
  })

  it("gives the same bytes for the same seed", () => {
    const first = join(tempDir(), "world")
    const second = join(tempDir(), "world")
    expect(kts("generate", "--layout", "exchange", "--seed", "9", "--out", first).status).toBe(0)
    expect(kts("generate", "--layout", "exchange", "--seed", "9", "--out", second).status).toBe(0)
    for (const file of ["exchange.json", "world.json", "tech/person.csv", "tech/roster.csv", "districts/171/roster.csv", "districts/180/gradingScore.csv"]) {
      expect(readFileSync(join(first, file)).equals(readFileSync(join(second, file))), file).toBe(true)
    }
  })

  it("refuses a folder that holds something other than a world", () => {
    const dir = tempDir()
    writeFileSync(join(dir, "notes.txt"), "mine\n")
    const run = kts("generate", "--layout", "exchange", "--out", dir)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("not empty")
    expect(readdirSync(dir)).toEqual(["notes.txt"])
  })

  it.each([
    [["--scale", "district", "--layout", "exchange"], "not district"],
    [["--variant", "start-of-year"], "--variant needs --layout exchange"],
    [["--import"], "--import needs --layout exchange"],
    [["--layout", "exchange", "--end-year", "25"], "4-digit year"]
  ])("exits 2 and writes nothing for %j", (flags, message) => {
    const dir = join(tempDir(), "world")
    const run = kts("generate", ...flags, "--out", dir)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(message)
    expect(existsSync(dir)).toBe(false)
  })
})
