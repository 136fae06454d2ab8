import { Tables } from "@kts/domain"
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { dataLines, exportOf, filesOf, writeFolder } from "./bundleFiles.js"
import { kts, tempDir } from "./runKts.js"

/** Imports `bundleDir` into a new store and returns its path. */
const importedStore = (bundleDir: string): string => {
  const dbPath = join(tempDir(), "kts.db")
  const run = kts("import", bundleDir, "--db", dbPath)
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  return dbPath
}

/** Export → import → export: the second export must equal the first, byte for byte. */
const expectRoundTrip = (dbPath: string): Record<string, string> => {
  const first = join(tempDir(), "first")
  expect(kts("export", "--db", dbPath, "--out", first).status).toBe(0)
  const second = exportOf(importedStore(first))
  expect(second).toEqual(filesOf(first))
  return second
}

/** Awkward values: separators, quotes, line breaks, non-ASCII text, NULLs, decimals. */
const edgeCases = {
  "district.csv": "districtID,number,name\n" +
    "3,036,\"Comma, \"\"Quoted\"\" County\"\n" +
    "1,165,\"Two\nLines\"\n" +
    "2,034, spaces at both ends \n" +
    "4,037,Ñandú — 県立 😀\n",
  "courseCatalog.csv": "catalogID,name\n1,\"24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)\"\n2,\"CRLF\r\ninside\"\n",
  "scoreGroup.csv": "scoreGroupID,name\n1,CTE Numeric Score Group\n",
  "scoreGroupItem.csv": "itemID,scoreGroupID,seq,score,minPercent,gpaValue,passing\n" +
    "1,1,1,A,93.5,4.0,1\n2,1,2,B,80,3,1\n3,1,3,C,.5,,\n4,1,4,F,-0.25,0.0000001,0\n",
  "person.csv": "personID,stateID,firstName,lastName,birthDate,homePrimaryLanguage\n" +
    "1,0012345678,\"Ann \"\"Annie\"\"\",O'Neil,2009-03-04,0400\n2,,Zoë,\"Smith, Jr.\",,\n"
}

describe("kts export", () => {
  it.each([1, 2, 3])("round-trips the tiny synthetic bundle of seed %i byte for byte", (seed) => {
    const bundle = join(tempDir(), "bundle")
    expect(kts("generate", "--scale", "tiny", "--seed", String(seed), "--out", bundle).status).toBe(0)
    const files = expectRoundTrip(importedStore(bundle))
    for (const table of Tables) {
      const text = files[`${table.name}.csv`]
      if (text === undefined) continue
      expect(text.split("\n")[0]).toBe(Object.keys(table.columns).join(","))
      expect(text.endsWith("\n")).toBe(true)
      expect(text.includes("\r\n")).toBe(false)
      expect(dataLines(text).length).toBeGreaterThan(0)
    }
  }, 120_000)

  it("round-trips quotes, commas, line breaks, unicode, NULLs and decimals", () => {
    const files = expectRoundTrip(importedStore(writeFolder(edgeCases)))
    expect(Object.keys(files)).toEqual(["courseCatalog.csv", "district.csv", "person.csv", "scoreGroup.csv", "scoreGroupItem.csv"])
    expect(files["district.csv"]).toBe(
      "districtID,number,name\n" +
        "1,165,\"Two\nLines\"\n" +
        "2,034, spaces at both ends \n" +
        "3,036,\"Comma, \"\"Quoted\"\" County\"\n" +
        "4,037,Ñandú — 県立 😀\n"
    )
    expect(files["scoreGroupItem.csv"]).toBe(
      "itemID,scoreGroupID,seq,score,minPercent,gpaValue,passing\n" +
        "1,1,1,A,93.5,4,1\n2,1,2,B,80,3,1\n3,1,3,C,0.5,,0\n4,1,4,F,-0.25,0.0000001,0\n"
    )
    expect(files["person.csv"]).toBe(
      "personID,stateID,studentNumber,firstName,lastName,legalFirstName,legalLastName,gender,raceEthnicity,birthDate,homePrimaryLanguage\n" +
        "1,0012345678,,\"Ann \"\"Annie\"\"\",O'Neil,,,,,2009-03-04,0400\n" +
        "2,,,Zoë,\"Smith, Jr.\",,,,,,\n"
    )
  }, 120_000)

  it("round-trips a store after deltas", () => {
    const dbPath = importedStore(writeFolder(edgeCases))
    const delta = writeFolder({
      "district.csv": "districtID,number,name\n5,038,\"New, \"\"Fifth\"\"\"\n1,165,Renamed\n",
      "scoreGroupItem.csv": "itemID,scoreGroupID,seq,score,minPercent,gpaValue,passing\n5,1,5,D,65.25,1.5,1\n",
      "deleted/person.csv": "personID\n2\n"
    })
    const applied = kts("import", "--delta", delta, "--db", dbPath)
    expect(applied.stderr).toBe("")
    expect(applied.status).toBe(0)
    const files = expectRoundTrip(dbPath)
    expect(dataLines(files["district.csv"]!)).toEqual([
      "1,165,Renamed",
      "2,034, spaces at both ends ",
      "3,036,\"Comma, \"\"Quoted\"\" County\"",
      "4,037,Ñandú — 県立 😀",
      "5,038,\"New, \"\"Fifth\"\"\""
    ])
    expect(files["person.csv"]).not.toContain("Smith")
  }, 120_000)

  it("creates a missing folder, and refuses a folder that already holds files (exit 2, nothing written)", () => {
    const dbPath = importedStore(writeFolder(edgeCases))
    const nested = join(tempDir(), "a", "b", "c")
    const made = kts("export", "--db", dbPath, "--out", nested)
    expect(made.status).toBe(0)
    expect(made.stdout).toMatch(/^exported .* to .*:$/m)
    expect(made.stdout).toMatch(/^  district\s+4$/m)
    expect(made.stdout).toMatch(/^  total\s+13$/m)
    const occupied = join(tempDir(), "occupied")
    mkdirSync(occupied)
    writeFileSync(join(occupied, "keep.txt"), "mine")
    const refused = kts("export", "--db", dbPath, "--out", occupied)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain("not an empty folder")
    expect(readdirSync(occupied)).toEqual(["keep.txt"])
  }, 120_000)

  it("exits 2 and creates nothing when the store does not exist", () => {
    const dbPath = join(tempDir(), "missing.db")
    const out = join(tempDir(), "out")
    const run = kts("export", "--db", dbPath, "--out", out, "--json")
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("no store at")
    expect(existsSync(dbPath)).toBe(false)
    expect(existsSync(out)).toBe(false)
  })

  it("exports a store written by the first release, migrating it", () => {
    const fixture = join(
      dirname(fileURLToPath(import.meta.url)),
      "..",
      "..",
      "..",
      "packages",
      "store",
      "test",
      "fixtures",
      "store-v1-tiny-seed7.sqlite"
    )
    const dbPath = join(tempDir(), "v1.db")
    copyFileSync(fixture, dbPath)
    const out = join(tempDir(), "out")
    const run = kts("export", "--db", dbPath, "--out", out, "--json")
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    const printed = JSON.parse(run.stdout) as { tables: Array<{ table: string; rows: number }>; total: number }
    expect(printed.tables.find((count) => count.table === "person")?.rows).toBeGreaterThan(0)
    expect(printed.total).toBe(printed.tables.reduce((sum, count) => sum + count.rows, 0))
    expect(filesOf(out)["courseMaster.csv"]!.split("\n")[0]).toBe("courseMasterID,catalogID,number,name,stateCode,ktsTechID")
    expectRoundTrip(dbPath)
  }, 120_000)
})
