/**
 * Reading and writing bundle folders in CLI tests, without opening the store:
 * the tests look at a store through `kts export`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { expect } from "vitest"
import { kts, tempDir } from "./runKts.js"

/** Every file of a folder as text, by name. */
export const filesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), "utf8")]))

/** Writes `files` (paths relative to the folder, e.g. `deleted/roster.csv`) into a new folder. */
export const writeFolder = (files: Readonly<Record<string, string | undefined>>): string => {
  const dir = join(tempDir(), "delta")
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined) continue
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** Exports the store at `dbPath` into a new folder and returns its files. */
export const exportOf = (dbPath: string): Record<string, string> => {
  const out = join(tempDir(), "export")
  const run = kts("export", "--db", dbPath, "--out", out)
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  return filesOf(out)
}

/** A copy of the store file at `dbPath` in a new folder. */
export const copyStore = (dbPath: string): string => {
  const copy = join(tempDir(), "kts.db")
  copyFileSync(dbPath, copy)
  expect(existsSync(`${dbPath}-wal`) ? readFileSync(`${dbPath}-wal`).length : 0).toBe(0)
  return copy
}

/** The data lines of a CSV text without quoted fields (header dropped). */
export const dataLines = (text: string): Array<string> => text.split("\n").slice(1).filter((line) => line !== "")
