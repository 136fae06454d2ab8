import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import Papa from "papaparse"
import { beforeAll, describe, expect, it } from "vitest"
import { kts, type KtsRun, tempDir } from "./runKts.js"

const AS_OF = "2025-05-20T08:00"
let dbPath = ""
let bundle = ""

beforeAll(() => {
  const folder = tempDir()
  bundle = join(folder, "bundle")
  dbPath = join(folder, "kts.db")
  expect(kts("generate", "--scale", "tiny", "--seed", "5", "--out", bundle).status).toBe(0)
  expect(kts("import", bundle, "--db", dbPath).status).toBe(0)
})

const parseCsv = (path: string): Array<Array<string>> =>
  Papa.parse<Array<string>>(readFileSync(path, "utf8"), { skipEmptyLines: true }).data

describe("kts lead-extract", () => {
  it("writes the CSV and HTML, prints their paths and the counts", () => {
    const out = tempDir()
    const run = kts("lead-extract", "--db", dbPath, "--end-year", "2025", "--as-of", AS_OF, "--format", "both", "--out", out, "--name", "Check")
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    const csvPath = join(out, "KECS_LEAD_Check.csv")
    const htmlPath = join(out, "KECS_LEAD_Check.html")
    expect(run.stdout).toContain(csvPath)
    expect(run.stdout).toContain(htmlPath)
    const rows = parseCsv(csvPath)
    expect(rows[0]).toHaveLength(59)
    expect(rows[0]![0]).toBe("Date Time Generated")
    expect(run.stdout).toMatch(new RegExp(`(\\d+) sections, ${rows.length - 1} rows`))
    expect(existsSync(htmlPath)).toBe(true)
  })

  it("gives byte-identical files for the same store and --as-of", () => {
    const first = tempDir()
    const second = tempDir()
    kts("lead-extract", "--db", dbPath, "--end-year", "2025", "--as-of", AS_OF, "--out", first)
    kts("lead-extract", "--db", dbPath, "--end-year", "2025", "--as-of", AS_OF, "--out", second)
    const name = "KECS_LEAD_Extract.csv"
    expect(readFileSync(join(second, name)).equals(readFileSync(join(first, name)))).toBe(true)
  })

  it.each([
    { case: "an end year with no calendars", args: ["--end-year", "1999"], message: /no calendar with end year 1999/ },
    { case: "an unknown district", args: ["--end-year", "2025", "--district", "999"], message: /999/ },
    { case: "an impossible date", args: ["--end-year", "2025", "--from", "2025-02-30"], message: /--from/ },
    { case: "a reversed range", args: ["--end-year", "2025", "--from", "2025-06-01", "--to", "2024-08-01"], message: /--from/ },
    { case: "a bad run time", args: ["--end-year", "2025", "--as-of", "tomorrow"], message: /--as-of/ },
    { case: "a store that does not exist", args: ["--end-year", "2025"], message: /no store/, db: "missing.db" }
  ])("exits 2 on $case, writing nothing", ({ args, db, message }) => {
    const out = tempDir()
    const run = kts("lead-extract", "--db", db === undefined ? dbPath : join(out, db), ...args, "--out", out)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(existsSync(join(out, "KECS_LEAD_Extract.csv"))).toBe(false)
  })
})

describe("kts explain", () => {
  it("explains a reported student by state ID without printing names or birth dates", () => {
    const out = tempDir()
    kts("lead-extract", "--db", dbPath, "--end-year", "2025", "--as-of", AS_OF, "--out", out)
    const rows = parseCsv(join(out, "KECS_LEAD_Extract.csv"))
    const header = rows[0]!
    const student = rows.slice(1).find((row) => row[header.indexOf("State ID")] !== "")!
    const stateID = student[header.indexOf("State ID")]!
    const run = kts("explain", "--db", dbPath, "--end-year", "2025", "--as-of", AS_OF, "--state-id", stateID)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(stateID)
    const people = Papa.parse<Record<string, string>>(readFileSync(join(bundle, "person.csv"), "utf8"), { header: true }).data
    const person = people.find((row) => row["stateID"] === stateID)!
    // A bare surname could also be an English word ("Day"); the full name cannot be in the output by chance.
    expect(run.stdout).not.toContain(`${person["firstName"]} ${person["lastName"]}`)
    expect(run.stdout).not.toContain(`${person["lastName"]}, ${person["firstName"]}`)
    if (person["birthDate"]) expect(run.stdout).not.toContain(person["birthDate"])
  })
})

describe("kts demo", () => {
  const runs: Array<{ folder: string; run: KtsRun }> = []
  beforeAll(() => {
    for (let index = 0; index < 2; index++) {
      const folder = tempDir()
      runs.push({ folder, run: kts("demo", "--out", folder) })
    }
  })

  it("ends with the report's CSV and HTML", () => {
    const [{ folder, run }] = runs as [{ folder: string; run: KtsRun }]
    expect(run.status, run.stderr).toBe(0)
    expect(existsSync(join(folder, "KECS_LEAD_Demo.csv"))).toBe(true)
    expect(existsSync(join(folder, "KECS_LEAD_Demo.html"))).toBe(true)
    expect(run.stdout).toContain("KECS_LEAD_Demo.html")
  })

  it("runs a night on a tiny exchange world: the alert of the misconfigured high school, its attendance report, and the grade check's failing item with its fix", () => {
    const [{ folder, run }] = runs as [{ folder: string; run: KtsRun }]
    expect(run.status, run.stderr).toBe(0)
    const world = JSON.parse(readFileSync(join(folder, "world", "world.json"), "utf8")) as {
      night: string
      misconfigurations: Array<{ kind: string; district: string; school: string; alert: string | null }>
    }
    const wrongTerm = world.misconfigurations.find((misconfiguration) => misconfiguration.kind === "hs.activeMaskWrongTerm")!
    expect(run.stdout).toContain(`night ${world.night}`)
    // The alert the world says the night raises, listed for that high school.
    const alertLines = run.stdout.split("\n").filter((line) => line.includes(wrongTerm.alert!))
    expect(alertLines.length).toBeGreaterThan(0)
    expect(alertLines.every((line) => line.includes(`school ${wrongTerm.district}-${wrongTerm.school}`))).toBe(true)
    // The attendance report of a high school with attendance sync.
    expect(run.stdout).toMatch(/wrote .*KTS_Attendance_\d{3}-\d{3}\.csv/)
    // The grade check: the high school's masks fail, and the high school fixes them.
    const lines = run.stdout.split("\n")
    const failing = lines.findIndex((line) => line.includes("✗ highSchoolMasks:"))
    expect(failing).toBeGreaterThan(-1)
    expect(lines[failing + 1]).toContain("fix, by the high school:")
  })

  it("prints the same in another folder (fixed dates)", () => {
    const [first, second] = runs.map(({ folder, run }) => run.stdout.replaceAll(folder, "FOLDER"))
    expect(first).toBe(second)
  })
})
