import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import {
  ExportFolderNotEmpty,
  exportStoreToFolder,
  formatField,
  formatNumber,
  formatProblem,
  importBundleIntoFile,
  StoreNotFound
} from "../src/index.js"
import { freshStorePath, validBundle, writeBundle } from "./bundleFixture.js"

const newFolder = (): string => join(mkdtempSync(join(tmpdir(), "kts-export-")), "out")

const importOrThrow = (dbPath: string, bundleDir: string): void => {
  const outcome = importBundleIntoFile(dbPath, bundleDir)
  if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join("\n"))
}

const filesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), "utf8")]))

/** The valid bundle with the awkward values an export must carry through. */
const edgeCaseBundle = (): Record<string, string> => ({
  ...validBundle(),
  "district.csv": "districtID,number,name\n" +
    "2,034,\"Boyle, \"\"the\"\" County\"\n" +
    "1,165,\"Fayette\nCounty\"\n" +
    "3,036, Spaces kept \n" +
    "4,037,Ñandú — 県立 😀\n" +
    "5,038,\"CR\rinside\"\n",
  "scoreGroup.csv": "scoreGroupID,name\n1,Numeric\n",
  "processAlert.csv": "alertID,schoolID,stage,severity,code,message,firstSeen,lastSeen\n" +
    "7,10,rosters,warning,R1,\"Roster for 0456V, section 1: \"\"late\"\"\",2025-01-06,2025-01-07\n",
  "scoreGroupItem.csv": "itemID,scoreGroupID,seq,score,minPercent,gpaValue,passing\n" +
    "1,1,1,A,93.5,4,1\n2,1,2,B,80,3.0,1\n3,1,3,F,0.1,,0\n4,1,4,Z,-0.5,.25,0\n5,1,5,Y,0.0000001,123456789012.125,0\n"
})

describe("formatNumber", () => {
  it.each([
    { value: 93.5, expected: "93.5" },
    { value: 80, expected: "80" },
    { value: -2, expected: "-2" },
    { value: 0.1, expected: "0.1" },
    { value: 1e-7, expected: "0.0000001" },
    { value: -1.5e-7, expected: "-0.00000015" },
    { value: 1e21, expected: "1000000000000000000000" },
    { value: 1.25e22, expected: "12500000000000000000000" }
  ])("writes $value as $expected, which reads back as the same number", ({ expected, value }) => {
    expect(formatNumber(value)).toBe(expected)
    expect(Number(expected)).toBe(value)
  })
})

describe("formatField", () => {
  it.each([
    { case: "NULL", value: null, expected: "" },
    { case: "plain text", value: "Boyle County", expected: "Boyle County" },
    { case: "a comma", value: "a,b", expected: "\"a,b\"" },
    { case: "a quote", value: "say \"hi\"", expected: "\"say \"\"hi\"\"\"" },
    { case: "a line feed", value: "a\nb", expected: "\"a\nb\"" },
    { case: "a carriage return", value: "a\rb", expected: "\"a\rb\"" },
    { case: "edge spaces, unquoted", value: " a ", expected: " a " },
    { case: "a leading-zero code stays text", value: "0400", expected: "0400" }
  ])("$case", ({ expected, value }) => {
    expect(formatField(value)).toBe(expected)
  })
})

describe("exportStoreToFolder", () => {
  it("writes only non-empty tables, columns in declared order, rows in key order", () => {
    const dbPath = freshStorePath()
    importOrThrow(dbPath, writeBundle(edgeCaseBundle()))
    const out = newFolder()
    const counts = exportStoreToFolder(dbPath, out)
    expect(counts.find((count) => count.table === "district")).toEqual({ table: "district", rows: 5 })
    expect(readdirSync(out)).not.toContain("plan.csv")
    const files = filesOf(out)
    expect(files["district.csv"]).toBe(
      "districtID,number,name\n" +
        "1,165,\"Fayette\nCounty\"\n" +
        "2,034,\"Boyle, \"\"the\"\" County\"\n" +
        "3,036, Spaces kept \n" +
        "4,037,Ñandú — 県立 😀\n" +
        "5,038,\"CR\rinside\"\n"
    )
    expect(files["scoreGroupItem.csv"]).toBe(
      "itemID,scoreGroupID,seq,score,minPercent,gpaValue,passing\n" +
        "1,1,1,A,93.5,4,1\n2,1,2,B,80,3,1\n3,1,3,F,0.1,,0\n4,1,4,Z,-0.5,0.25,0\n5,1,5,Y,0.0000001,123456789012.125,0\n"
    )
    expect(files["courseMaster.csv"]).toBeUndefined()
    expect(files["processAlert.csv"]).toBe(
      "alertID,schoolID,stage,severity,code,courseNumber,sectionNumber,ktsTechID,stateID,task,message,firstSeen,lastSeen,resolvedOn\n" +
        "7,10,rosters,warning,R1,,,,,,\"Roster for 0456V, section 1: \"\"late\"\"\",2025-01-06,2025-01-07,\n"
    )
    expect(files["calendar.csv"]!.split("\n")[0]).toBe("calendarID,schoolID,name,endYear,startDate,endDate,summerSchool,exclude")
  })

  it("round-trips: export → import → export gives the same bytes", () => {
    const dbPath = freshStorePath()
    importOrThrow(dbPath, writeBundle(edgeCaseBundle()))
    const first = newFolder()
    exportStoreToFolder(dbPath, first)
    const again = freshStorePath()
    importOrThrow(again, first)
    const second = newFolder()
    exportStoreToFolder(again, second)
    expect(filesOf(second)).toEqual(filesOf(first))
  })

  it("refuses a folder that holds a file, and a missing store", () => {
    const dbPath = freshStorePath()
    importOrThrow(dbPath, writeBundle(validBundle()))
    const out = newFolder()
    mkdirSync(out)
    writeFileSync(join(out, "notes.txt"), "mine")
    expect(() => exportStoreToFolder(dbPath, out)).toThrow(ExportFolderNotEmpty)
    expect(readdirSync(out)).toEqual(["notes.txt"])
    expect(() => exportStoreToFolder(freshStorePath(), newFolder())).toThrow(StoreNotFound)
  })

  it("exports a store written by the first release (migrating it first)", () => {
    const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "store-v1-tiny-seed7.sqlite")
    const dbPath = freshStorePath()
    copyFileSync(fixture, dbPath)
    const out = newFolder()
    const counts = exportStoreToFolder(dbPath, out)
    expect(counts.find((count) => count.table === "person")?.rows).toBeGreaterThan(0)
    expect(readFileSync(join(out, "courseMaster.csv"), "utf8").split("\n")[0]).toBe(
      "courseMasterID,catalogID,number,name,stateCode,ktsTechID"
    )
    const again = freshStorePath()
    importOrThrow(again, out)
    const second = newFolder()
    exportStoreToFolder(again, second)
    expect(filesOf(second)).toEqual(filesOf(out))
  })
})
