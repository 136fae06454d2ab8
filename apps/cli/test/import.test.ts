import { appendFileSync, existsSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { connectStore } from "@kts/store"
import { describe, expect, it } from "vitest"
import { kts, startKts, tempDir } from "./runKts.js"

const countRows = (dbPath: string, table: string): number => {
  const store = connectStore(dbPath, { readonly: true })
  try {
    return store.count(table)
  } finally {
    store.close()
  }
}

/** How far process `pid` has read the open file `path` (Linux /proc), or -1 when it has not opened it. */
const readPosition = (pid: number, path: string): number => {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target = ""
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      if (target !== path) continue
      const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8")
      return Number(/pos:\s+(\d+)/.exec(info)?.[1] ?? -1)
    }
  } catch {
    // the process has exited
  }
  return -1
}

const lineCount = (path: string): number => readFileSync(path, "utf8").split("\n").filter((line) => line !== "").length

describe("kts", () => {
  it("prints help for the command and each subcommand", () => {
    const help = kts("--help")
    expect(help.status).toBe(0)
    for (const command of ["import", "generate", "demo"]) expect(help.stdout).toContain(command)
    const importHelp = kts("import", "--help")
    expect(importHelp.status).toBe(0)
    expect(importHelp.stdout).toContain("--db")
  })

  it("prints its version with --version or -v", () => {
    const long = kts("--version")
    expect(long.status).toBe(0)
    expect(long.stdout).toMatch(/^kts v\d+\.\d+\.\d+\n$/)
    expect(kts("-v")).toEqual(long)
  })

  it("exits 2 on an unknown flag", () => {
    expect(kts("import", "--bogus").status).toBe(2)
  })
})

describe("kts generate + kts import", () => {
  it("generates the same bytes for the same seed, and the bundle imports with matching row counts", () => {
    const first = join(tempDir(), "bundle")
    const second = join(tempDir(), "bundle")
    expect(kts("generate", "--scale", "tiny", "--seed", "7", "--out", first).status).toBe(0)
    expect(kts("generate", "--scale", "tiny", "--seed", "7", "--out", second).status).toBe(0)
    const files = readdirSync(first).sort()
    expect(readdirSync(second).sort()).toEqual(files)
    for (const file of files) expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file)))).toBe(true)

    const dbPath = join(tempDir(), "kts.db")
    const imported = kts("import", first, "--db", dbPath)
    expect(imported.stderr).toBe("")
    expect(imported.status).toBe(0)
    for (const file of files) {
      const table = file.replace(/\.csv$/, "")
      const dataLines = lineCount(join(first, file)) - 1
      // Quoted line breaks make physical lines exceed records only in person.csv names; others must match exactly.
      if (table !== "person") expect(countRows(dbPath, table)).toBe(dataLines)
      expect(imported.stdout).toMatch(new RegExp(`\\b${table}\\s+${countRows(dbPath, table)}\\b`))
    }
  })

  it("exits 2, prints file:line:column problems and leaves the store as it was when a bundle is bad", () => {
    const bundle = join(tempDir(), "bundle")
    kts("generate", "--scale", "tiny", "--seed", "3", "--out", bundle)
    const dbPath = join(tempDir(), "kts.db")
    expect(kts("import", bundle, "--db", dbPath).status).toBe(0)
    const people = countRows(dbPath, "person")
    appendFileSync(join(bundle, "district.csv"), "999999,1X1,Bad District\n777777,,No Number\n")
    const failed = kts("import", bundle, "--db", dbPath)
    expect(failed.status).toBe(2)
    expect(failed.stderr).toMatch(/district\.csv:\d+:number: a value is required/)
    expect(failed.stderr).toContain("the store was not changed")
    expect(countRows(dbPath, "person")).toBe(people)
  })

  it("exits 2 when the bundle folder does not exist", () => {
    const run = kts("import", join(tempDir(), "missing"), "--db", join(tempDir(), "kts.db"))
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("no bundle folder")
  })

  it.skipIf(process.platform !== "linux")("keeps the old data when an import is killed part way", async () => {
    const oldBundle = join(tempDir(), "old")
    const newBundle = join(tempDir(), "new")
    kts("generate", "--scale", "tiny", "--seed", "1", "--out", oldBundle)
    kts("generate", "--scale", "tiny", "--seed", "2", "--out", newBundle)
    // Make the new bundle slow to load: a million more catalog rows at the end of a valid file.
    const catalogPath = join(newBundle, "courseCatalog.csv")
    const lines: Array<string> = []
    for (let id = 50_000_000; id < 51_000_000; id++) lines.push(`${id},Catalog ${id}`)
    appendFileSync(catalogPath, `${lines.join("\n")}\n`)

    const dbPath = join(tempDir(), "kts.db")
    expect(kts("import", oldBundle, "--db", dbPath).status).toBe(0)
    const oldPeople = countRows(dbPath, "person")
    const oldCatalogs = countRows(dbPath, "courseCatalog")

    const child = startKts("import", newBundle, "--db", dbPath)
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
    // Kill it while it is reading the catalog file, a quarter of the way in: the
    // transaction has deleted the old rows and inserted new ones, and is far from its commit.
    const catalogBytes = statSync(catalogPath).size
    let killedAt = -1
    for (let waited = 0; waited < 60_000 && killedAt < 0 && child.exitCode === null; waited += 2) {
      const position = readPosition(child.pid!, catalogPath)
      if (position > catalogBytes / 4) {
        child.kill("SIGKILL")
        killedAt = position
      }
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await exited
    expect(killedAt).toBeGreaterThan(0)
    expect(killedAt).toBeLessThan(catalogBytes)
    expect(child.signalCode).toBe("SIGKILL")
    expect(countRows(dbPath, "person")).toBe(oldPeople)
    expect(countRows(dbPath, "courseCatalog")).toBe(oldCatalogs)
    // The killed import wrote only its scratch file beside the store; the next import replaces it.
    expect(existsSync(`${dbPath}.importing`)).toBe(true)
    expect(kts("import", newBundle, "--db", dbPath).status).toBe(0)
    expect(existsSync(`${dbPath}.importing`)).toBe(false)
    expect(countRows(dbPath, "courseCatalog")).toBeGreaterThan(oldCatalogs)
  })
})

describe("kts demo", () => {
  it("generates, imports and says what it did", () => {
    const folder = tempDir()
    const run = kts("demo", "--out", folder)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain("imported into")
    expect(existsSync(join(folder, "kts.db"))).toBe(true)
    writeFileSync(join(folder, "touched"), "")
  })
})
