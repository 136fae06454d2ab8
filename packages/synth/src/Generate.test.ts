import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Tables } from "@kts/domain"
import { afterAll, describe, expect, it } from "vitest"
import { parseCsv } from "./BundleCheck.testkit.js"
import { generateBundle } from "./index.js"

const made: Array<string> = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "synth-"))
  made.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

const filesOf = (dir: string): Record<string, Buffer> =>
  Object.fromEntries(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file))]))

describe("generateBundle", () => {
  it("writes one file per table and reports every table's row count", async () => {
    const dir = tempDir()
    const summary = await generateBundle({ scale: "tiny", seed: 7, outDir: join(dir, "nested", "out") })
    const names = Tables.map((table) => table.name)
    expect(Object.keys(summary.rowCounts).sort()).toEqual([...names].sort())
    expect(summary.files.map((file) => file.split("/").pop()).sort()).toEqual(names.map((name) => `${name}.csv`).sort())
    for (const table of Tables) {
      const text = readFileSync(join(dir, "nested", "out", `${table.name}.csv`), "utf8")
      expect(text.endsWith("\n")).toBe(true)
      const [, ...rows] = parseCsv(text)
      expect(rows.length, table.name).toBe(summary.rowCounts[table.name])
    }
    // Every table a school's SIS fills has rows: the tiny bundle exercises all of them.
    // The exchange's own tables start empty in a school's bundle.
    const exchangeTables = new Set(["processAlert", "exchangeRun", "exchangeHold", "disclosure"])
    for (const [name, count] of Object.entries(summary.rowCounts)) {
      if (exchangeTables.has(name)) expect(count, name).toBe(0)
      else expect(count, name).toBeGreaterThan(0)
    }
  })

  it("is byte-identical for the same scale, seed and end year", async () => {
    const first = tempDir()
    const second = tempDir()
    await generateBundle({ scale: "tiny", seed: 42, outDir: first })
    await generateBundle({ scale: "tiny", seed: 42, outDir: second })
    const a = filesOf(first)
    const b = filesOf(second)
    expect(Object.keys(a)).toEqual(Object.keys(b))
    for (const file of Object.keys(a)) expect(a[file]?.equals(b[file] as Buffer), file).toBe(true)
  })

  it("differs for another seed or end year", async () => {
    const base = tempDir()
    const otherSeed = tempDir()
    const otherYear = tempDir()
    await generateBundle({ scale: "tiny", seed: 42, outDir: base })
    await generateBundle({ scale: "tiny", seed: 43, outDir: otherSeed })
    await generateBundle({ scale: "tiny", seed: 42, outDir: otherYear, endYear: 2024 })
    const person = (dir: string) => readFileSync(join(dir, "person.csv"))
    expect(person(base).equals(person(otherSeed))).toBe(false)
    const calendar = readFileSync(join(otherYear, "calendar.csv"), "utf8")
    expect(calendar).toContain("23-24 ")
    expect(readFileSync(join(otherYear, "courseCatalog.csv"), "utf8")).toContain("23-24 KTS Course Catalog (HIGH SCHOOLS ONLY)")
  })

  it("uses LF line endings and quotes only fields that need it", async () => {
    const dir = tempDir()
    await generateBundle({ scale: "tiny", seed: 3, outDir: dir })
    for (const table of Tables) {
      const text = readFileSync(join(dir, `${table.name}.csv`), "utf8")
      const records = parseCsv(text)
      // Re-encoding the parsed fields minimally gives the file back: no needless quotes, no CR line ends.
      const encode = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll("\"", "\"\"")}"` : field)
      expect(records.map((record) => record.map(encode).join(",")).join("\n") + "\n", table.name).toBe(text)
    }
  })

  it("reports progress per district", async () => {
    const calls: Array<[number, number, string]> = []
    await generateBundle({ scale: "tiny", seed: 1, outDir: tempDir(), onProgress: (done, total, label) => calls.push([done, total, label]) })
    expect(calls[0]?.[0]).toBe(0)
    expect(calls[calls.length - 1]?.slice(0, 2)).toEqual([2, 2])
  })

  it("rejects an end year that is not four digits", async () => {
    await expect(generateBundle({ scale: "tiny", seed: 1, outDir: tempDir(), endYear: 25 })).rejects.toThrow(/endYear/)
  })
})
