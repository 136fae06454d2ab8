import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { copyStore, dataLines, exportOf, writeFolder } from "./bundleFiles.js"
import { kts, tempDir } from "./runKts.js"

let baseStore = ""
let baseline: Record<string, string> = {}

beforeAll(() => {
  const bundle = join(tempDir(), "bundle")
  expect(kts("generate", "--scale", "tiny", "--seed", "7", "--out", bundle).status).toBe(0)
  baseStore = join(tempDir(), "base.db")
  expect(kts("import", bundle, "--db", baseStore).status).toBe(0)
  baseline = exportOf(baseStore)
}, 60_000)

/** The header and data lines of a baseline file. */
const baselineOf = (file: string): { header: string; lines: Array<string> } => ({
  header: baseline[file]!.split("\n")[0]!,
  lines: dataLines(baseline[file]!)
})

const csv = (header: string, lines: ReadonlyArray<string>): string => [header, ...lines, ""].join("\n")

/** The counts line of one table in the delta summary. */
const countsLine = (table: string, inserted: number, updated: number, deleted: number, unchanged: number): RegExp =>
  new RegExp(`^  ${table}\\s+${inserted}\\s+${updated}\\s+${deleted}\\s+${unchanged}$`, "m")

describe("kts import --delta", () => {
  it("upserts and deletes by key (single, composite and keyless keys) and leaves every other row alone", () => {
    const district = baselineOf("district.csv")
    const day = baselineOf("day.csv")
    const roster = baselineOf("roster.csv")
    const gradingTerms = baselineOf("courseGradingTaskTerm.csv")
    const templateTasks = baselineOf("reportCardTemplateTask.csv")
    const [firstDistrict, secondDistrict] = district.lines
    const renamed = firstDistrict!.replace(/,[^,]*$/, ",Delta Renamed")
    const newDistrict = "999,999,New District"
    const [firstDay, secondDay] = day.lines
    const flippedDay = firstDay!.slice(0, -1) + (firstDay!.endsWith("1") ? "0" : "1")
    const [, dayStructure, dayDate] = secondDay!.split(",")
    const [taskID, termID, termMask, activeMask] = gradingTerms.lines[0]!.split(",")
    const changedTerm = `${taskID},${termID},${termMask === "1" ? "0" : "1"},${activeMask}`
    const rosterID = roster.lines[0]!.split(",")[0]!
    const dbPath = copyStore(baseStore)
    const delta = writeFolder({
      "district.csv": csv(district.header, [renamed, secondDistrict!, newDistrict]),
      "day.csv": csv(day.header, [flippedDay]),
      "courseGradingTaskTerm.csv": csv(gradingTerms.header, [changedTerm]),
      "deleted/day.csv": `structureID,date\n${dayStructure},${dayDate}\n`,
      "deleted/roster.csv": `rosterID\n${rosterID}\n`,
      "deleted/reportCardTemplateTask.csv": `templateID,taskID\n${templateTasks.lines[0]}\n`
    })

    const run = kts("import", "--delta", delta, "--db", dbPath)
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    expect(run.stdout.split("\n")[0]).toBe(`applied delta ${delta} to ${dbPath}:`)
    expect(run.stdout).toMatch(/^  table\s+inserted\s+updated\s+deleted\s+unchanged$/m)
    expect(run.stdout).toMatch(countsLine("district", 1, 1, 0, 1))
    expect(run.stdout).toMatch(countsLine("day", 0, 1, 1, 0))
    expect(run.stdout).toMatch(countsLine("roster", 0, 0, 1, 0))
    expect(run.stdout).toMatch(countsLine("courseGradingTaskTerm", 0, 1, 0, 0))
    expect(run.stdout).toMatch(countsLine("reportCardTemplateTask", 0, 0, 1, 0))
    expect(run.stdout).toMatch(countsLine("total", 1, 3, 3, 1))
    expect(run.stdout).not.toMatch(/^  person\s/m)

    const expected = {
      ...baseline,
      "district.csv": csv(district.header, [renamed, ...district.lines.slice(1), newDistrict]),
      "day.csv": csv(day.header, [flippedDay, ...day.lines.slice(2)]),
      "roster.csv": csv(roster.header, roster.lines.slice(1)),
      "courseGradingTaskTerm.csv": csv(gradingTerms.header, [changedTerm, ...gradingTerms.lines.slice(1)]),
      "reportCardTemplateTask.csv": csv(templateTasks.header, templateTasks.lines.slice(1))
    }
    expect(exportOf(dbPath)).toEqual(expected)
  })

  it("adds a section and its roster together (flags in any order, counts as JSON)", () => {
    const section = baselineOf("section.csv")
    const roster = baselineOf("roster.csv")
    const newSection = section.lines[0]!.replace(/^\d+,/, "99001,")
    const personID = roster.lines[0]!.split(",")[2]
    const newRoster = `99001,99001,${personID},2025-01-06,`
    const dbPath = copyStore(baseStore)
    const delta = writeFolder({
      "section.csv": csv(section.header, [newSection]),
      "roster.csv": csv(roster.header, [newRoster])
    })
    const run = kts("import", delta, "--db", dbPath, "--delta", "--json")
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      delta,
      db: dbPath,
      tables: [
        { table: "section", inserted: 1, updated: 0, deleted: 0, unchanged: 0 },
        { table: "roster", inserted: 1, updated: 0, deleted: 0, unchanged: 0 }
      ],
      total: { inserted: 2, updated: 0, deleted: 0, unchanged: 0 }
    })
    const after = exportOf(dbPath)
    expect(after["section.csv"]).toBe(csv(section.header, [...section.lines, newSection]))
    expect(after["roster.csv"]).toBe(csv(roster.header, [...roster.lines, newRoster]))
  })

  it("reports a deletion that orphans rosters at the deleting line, and a delta row pointing at a deleted row on its own line", () => {
    const roster = baselineOf("roster.csv")
    const sectionID = roster.lines[0]!.split(",")[1]!
    const orphans = roster.lines.filter((line) => line.split(",")[1] === sectionID).map((line) => Number(line.split(",")[0]))
    const kept = orphans.slice(1)
    const rewritten = roster.lines.find((line) => Number(line.split(",")[0]) === orphans[0])!
    const dbPath = copyStore(baseStore)
    const before = readFileSync(dbPath)
    const delta = writeFolder({
      "roster.csv": csv(roster.header, [rewritten]),
      "deleted/section.csv": `sectionID\n${sectionID}\n`
    })
    const run = kts("import", "--delta", delta, "--db", dbPath)
    expect(run.status).toBe(2)
    const lines = run.stderr.split("\n")
    expect(lines).toContain(
      `roster.csv:2:sectionID: the section row with sectionID ${sectionID} is deleted by deleted/section.csv:2 (value "${sectionID}")`
    )
    expect(kept.length).toBeGreaterThan(0)
    expect(lines).toContain(
      `deleted/section.csv:2:sectionID: ${kept.length} roster row${kept.length === 1 ? "" : "s"} (first rosterID ${
        Math.min(...kept)
      }) still point${kept.length === 1 ? "s" : ""} at it through sectionID (value "${sectionID}")`
    )
    expect(run.stderr).toContain("the store was not changed")
    expect(readFileSync(dbPath).equals(before)).toBe(true)
  })

  it.each([
    {
      case: "a delete key naming no row",
      files: { "deleted/roster.csv": "rosterID\n987654321\n" },
      expected: "deleted/roster.csv:2:rosterID: no roster row has rosterID 987654321 (value \"987654321\")"
    },
    {
      case: "a bad field",
      files: { "district.csv": "districtID,number,name\n1,165,Fayette\n2,034,\n" },
      expected: "district.csv:3:name: a value is required (value \"\")"
    },
    {
      case: "an unknown file in deleted/",
      files: { "deleted/Roster.csv": "rosterID\n1\n" },
      expected: "deleted/Roster.csv:1: unknown file: no bundle table has this name (names are case-sensitive)"
    },
    {
      case: "a reference to nothing",
      files: { "roster.csv": "rosterID,sectionID,personID\n99001,987654321,1\n" },
      expected: "roster.csv:2:sectionID: no section row has sectionID 987654321 (value \"987654321\")"
    }
  ])("exits 2 on $case and changes nothing", ({ expected, files }) => {
    const dbPath = copyStore(baseStore)
    const before = readFileSync(dbPath)
    const run = kts("import", "--delta", writeFolder(files), "--db", dbPath)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe("")
    expect(run.stderr.split("\n")).toContain(expected)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
  })

  it("exits 2 and creates no file when the store does not exist", () => {
    const dbPath = join(tempDir(), "missing.db")
    const run = kts("import", "--delta", writeFolder({ "district.csv": "districtID,number,name\n1,165,A\n" }), "--db", dbPath)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("no store at")
    expect(existsSync(dbPath)).toBe(false)
  })
})
