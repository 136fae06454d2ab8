/**
 * A full import killed in its rename window: after the new file is synced, after
 * the old store's WAL is folded in and removed, and right after the rename. At
 * each point the store must be the old one whole or the new one whole (compared
 * through `kts export`), with no WAL or SHM file left that belongs to the other.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { connectStore } from "@kts/store"
import { beforeAll, describe, expect, it } from "vitest"
import { kts, ktsMain, tempDir } from "./runKts.js"

/** Every file of an export, by name. */
const exportOf = (dbPath: string): Map<string, string> => {
  const out = join(tempDir(), "export")
  const run = kts("export", "--db", dbPath, "--out", out)
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  return new Map(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name), "utf8")]))
}

/** Runs `kts import` with the kill hook set to `point`. */
const importKilledAt = (point: string, bundle: string, dbPath: string) =>
  spawnSync(process.execPath, [ktsMain, "import", bundle, "--db", dbPath], {
    encoding: "utf8",
    env: { ...process.env, CI: "true", KTS_TEST_KILL_IMPORT_AT: point }
  })

describe.skipIf(process.platform !== "linux")("kts import killed in the rename window", () => {
  let oldBundle = ""
  let newBundle = ""
  let newExport = new Map<string, string>()
  beforeAll(() => {
    oldBundle = join(tempDir(), "old")
    newBundle = join(tempDir(), "new")
    expect(kts("generate", "--scale", "tiny", "--seed", "1", "--out", oldBundle).status).toBe(0)
    expect(kts("generate", "--scale", "tiny", "--seed", "2", "--out", newBundle).status).toBe(0)
    const reference = join(tempDir(), "new.db")
    expect(kts("import", newBundle, "--db", reference).status).toBe(0)
    newExport = exportOf(reference)
  })

  it.each([
    { point: "synced", expected: "old", scratchLeft: true, oldWalGone: false },
    { point: "released", expected: "old", scratchLeft: true, oldWalGone: true },
    { point: "renamed", expected: "new", scratchLeft: false, oldWalGone: true }
  ] as const)("at $point the store is the $expected one, whole", ({ expected, oldWalGone, point, scratchLeft }) => {
    const dbPath = join(tempDir(), "kts.db")
    expect(kts("import", oldBundle, "--db", dbPath).status).toBe(0)
    // A committed change that is only in the old store's WAL while the import starts:
    // the import must fold it into the old file before it drops the WAL.
    const writer = connectStore(dbPath)
    let oldExport: Map<string, string>
    try {
      writer.run("PRAGMA wal_autocheckpoint = 0")
      const changed = writer.run("UPDATE district SET name = name || ' (in the WAL)' WHERE districtID = (SELECT min(districtID) FROM district)")
      expect(changed.changes).toBe(1)
      expect(existsSync(`${dbPath}-wal`)).toBe(true)
      oldExport = exportOf(dbPath)
      expect([...oldExport.values()].join("")).toContain("(in the WAL)")

      const killed = importKilledAt(point, newBundle, dbPath)
      expect(killed.signal).toBe("SIGKILL")
      expect(existsSync(`${dbPath}.importing`)).toBe(scratchLeft)
      if (oldWalGone) {
        expect(existsSync(`${dbPath}-wal`)).toBe(false)
        expect(existsSync(`${dbPath}-shm`)).toBe(false)
      }
    } finally {
      writer.close()
    }
    const after = exportOf(dbPath)
    expect(after).toEqual(expected === "old" ? oldExport : newExport)
    expect(after).not.toEqual(expected === "old" ? newExport : oldExport)

    // The next import takes over whatever the killed one left.
    expect(kts("import", newBundle, "--db", dbPath).status).toBe(0)
    expect(existsSync(`${dbPath}.importing`)).toBe(false)
    expect(exportOf(dbPath)).toEqual(newExport)
  })
})
