import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import Papa from "papaparse"
import { beforeAll, describe, expect, it } from "vitest"
import { kts, tempDir } from "./runKts.js"

// A tiny two-database world: high school 165-010 (course 4821V section 1) paired with
// technical school 902-030 (course 470101 section 2, KTSTechID 902-030-48213); one student.
type Row = Record<string, string | number | null>
type Bundle = Record<string, Array<Row>>

const SSID = "1234567890"
const AS_OF = "2025-01-10"

const scoreItems = (scoreGroupID: number, first: number): Array<Row> =>
  [["A", 90, 4], ["B", 80, 3], ["C", 70, 2], ["D", 60, 1], ["F", 0, 0]].map(([score, minPercent, gpaValue], index) => ({
    itemID: first + index,
    scoreGroupID,
    seq: index + 1,
    score: score!,
    minPercent: minPercent!,
    gpaValue: gpaValue!,
    passing: score === "F" ? 0 : 1
  }))

const masks = (tasks: Array<number>, terms: Array<number>, active: number): Array<Row> =>
  tasks.flatMap((courseGradingTaskID) => terms.map((termID) => ({ courseGradingTaskID, termID, termMask: 1, activeMask: termID === active ? 1 : 0 })))

const techBundle = (): Bundle => ({
  district: [{ districtID: 1, number: "902", name: "Technical Schools" }],
  school: [{ schoolID: 5, districtID: 1, number: "030", name: "Henry Clay Area Technology Center" }],
  calendar: [{ calendarID: 9, schoolID: 5, name: "ATC 24-25", endYear: 2025, startDate: "2024-08-01", endDate: "2025-05-30", summerSchool: 0, exclude: 0 }],
  scheduleStructure: [{ structureID: 8, calendarID: 9, name: "Main" }],
  term: [
    { termID: 61, structureID: 8, name: "T1", seq: 1, startDate: "2024-08-05", endDate: "2024-12-18" },
    { termID: 62, structureID: 8, name: "T2", seq: 2, startDate: "2025-01-05", endDate: "2025-05-28" }
  ],
  trial: [{ trialID: 8, structureID: 8, name: "Trial", active: 1 }],
  courseCatalog: [{ catalogID: 1, name: "24-25 KTS Course Catalog (TECH SCHOOLS ONLY)" }],
  courseMaster: [{ courseMasterID: 1, catalogID: 1, number: "470101", name: "Welding Technology" }],
  course: [{ courseID: 40, calendarID: 9, courseMasterID: 1, number: "470101", name: "Welding Technology", active: 1 }],
  section: [{ sectionID: 48213, courseID: 40, trialID: 8, number: 2 }],
  person: [
    { personID: 8801, stateID: SSID, firstName: "Ada", lastName: "Okafor", birthDate: "2008-03-14" },
    { personID: 8900, stateID: null, firstName: "Grace", lastName: "Whitfield", birthDate: "1979-11-02" }
  ],
  sectionStaffHistory: [{ historyID: 1, sectionID: 48213, personID: 8900, staffType: "P", startDate: "2024-08-01", endDate: null }],
  roster: [{ rosterID: 7, sectionID: 48213, personID: 8801, startDate: "2024-08-01", endDate: null }],
  gradingTask: [{ taskID: 11, name: "CTE Term Grade" }, { taskID: 12, name: "CTE Final Grade" }, { taskID: 13, name: "CTE Final Exam" }],
  scoreGroup: [{ scoreGroupID: 77, name: "CTE Numeric Score Group" }],
  scoreGroupItem: scoreItems(77, 770),
  courseGradingTask: [{ courseGradingTaskID: 50, courseID: 40, taskID: 11, scoreGroupID: 77 }, { courseGradingTaskID: 51, courseID: 40, taskID: 12, scoreGroupID: 77 }],
  courseGradingTaskTerm: masks([50, 51], [61, 62], 61),
  gradeCalcOption: [{ optionID: 1, courseID: 40, taskID: 12, componentTaskID: 11, weight: 1 }],
  gradingScore: [11, 12].map((taskID) => ({
    scoreID: 700 + taskID, personID: 8801, sectionID: 48213, taskID, termID: 61, score: "A", percent: 95, posted: 1, modifiedDate: "2024-12-18T15:00"
  }))
})

const highSchoolBundle = (): Bundle => ({
  district: [{ districtID: 1, number: "165", name: "Example County" }],
  school: [{ schoolID: 1, districtID: 1, number: "010", name: "Example High" }, { schoolID: 2, districtID: 1, number: "020", name: "Example Middle" }],
  calendar: [{ calendarID: 1, schoolID: 1, name: "EHS 24-25", endYear: 2025, startDate: "2024-08-01", endDate: "2025-05-30", summerSchool: 0, exclude: 0 }],
  scheduleStructure: [{ structureID: 1, calendarID: 1, name: "Main" }],
  term: [
    { termID: 31, structureID: 1, name: "Q1", seq: 1, startDate: "2024-08-01", endDate: "2024-10-15" },
    { termID: 32, structureID: 1, name: "Q2", seq: 2, startDate: "2024-10-16", endDate: "2024-12-20" },
    { termID: 33, structureID: 1, name: "Q3", seq: 3, startDate: "2025-01-06", endDate: "2025-03-14" },
    { termID: 34, structureID: 1, name: "Q4", seq: 4, startDate: "2025-03-17", endDate: "2025-05-30" }
  ],
  trial: [{ trialID: 1, structureID: 1, name: "Trial", active: 1 }],
  courseCatalog: [{ catalogID: 1, name: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)" }],
  courseMaster: [{ courseMasterID: 1, catalogID: 1, number: "470101", name: "Welding Technology - ATC - Section 2", ktsTechID: "902-030-48213" }],
  course: [{ courseID: 10, calendarID: 1, courseMasterID: 1, number: "4821V", name: "Welding I (Henderson Hall)", active: 1 }],
  campusAttribute: [{ attributeID: 1, object: "Course", element: "KTSTechID" }],
  customCourse: [{ customID: 1, courseID: 10, attributeID: 1, value: "902-030-48213" }],
  section: [{ sectionID: 100, courseID: 10, trialID: 1, number: 1 }],
  person: [
    { personID: 501, stateID: SSID, firstName: "Ada", lastName: "Okafor", birthDate: "2008-03-14" },
    { personID: 600, stateID: null, firstName: "May", lastName: "Henderson", birthDate: "1981-05-09" }
  ],
  sectionStaffHistory: [{ historyID: 1, sectionID: 100, personID: 600, staffType: "P", startDate: "2024-08-01", endDate: null }],
  roster: [{ rosterID: 1, sectionID: 100, personID: 501, startDate: "2024-08-01", endDate: null }],
  gradingTask: [{ taskID: 1, name: "CTE Term Grade" }, { taskID: 2, name: "CTE Final Grade" }, { taskID: 3, name: "CTE Final Exam" }],
  scoreGroup: [{ scoreGroupID: 7, name: "High School Numeric" }],
  scoreGroupItem: scoreItems(7, 70),
  courseGradingTask: [{ courseGradingTaskID: 20, courseID: 10, taskID: 1, scoreGroupID: 7 }, { courseGradingTaskID: 21, courseID: 10, taskID: 2, scoreGroupID: 7 }],
  courseGradingTaskTerm: masks([20, 21], [31, 32, 33, 34], 32),
  gradingScore: [1, 2].map((taskID) => ({
    scoreID: 900 + taskID, personID: 501, sectionID: 100, taskID, termID: 32, score: "A", percent: 95, posted: 1, modifiedDate: "2024-12-19T02:00"
  })),
  reportCardTemplate: [{ templateID: 1, schoolID: 1, name: "Report Card" }, { templateID: 2, schoolID: 1, name: "Progress Report" }],
  reportCardTemplateTask: [{ templateID: 1, taskID: 1 }, { templateID: 2, taskID: 2 }]
})

const writeBundle = (folder: string, bundle: Bundle): void => {
  mkdirSync(folder, { recursive: true })
  for (const [table, rows] of Object.entries(bundle)) {
    if (rows.length === 0) continue
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
    writeFileSync(join(folder, `${table}.csv`), Papa.unparse({ fields: columns, data: rows.map((row) => columns.map((column) => row[column] ?? "")) }))
  }
}

interface World {
  readonly folder: string
  readonly config: string
}

/** Builds both databases (each change edits one side's bundle) and exchange.json. */
const makeWorld = (change: { tech?: (bundle: Bundle) => void; highSchool?: (bundle: Bundle) => void } = {}): World => {
  const folder = tempDir("kts-grade-check-")
  const tech = techBundle()
  const hs = highSchoolBundle()
  change.tech?.(tech)
  change.highSchool?.(hs)
  writeBundle(join(folder, "tech-bundle"), tech)
  writeBundle(join(folder, "hs-bundle"), hs)
  for (const [bundle, db] of [["tech-bundle", "tech.db"], ["hs-bundle", "d165.db"]]) {
    const run = kts("import", join(folder, bundle!), "--db", join(folder, db!))
    expect(run.status, run.stderr).toBe(0)
  }
  const config = join(folder, "exchange.json")
  writeFileSync(config, JSON.stringify({
    databases: { tech: "tech.db", d165: "d165.db" },
    links: [{ tech: { database: "tech", district: "902", school: "030" }, highSchool: { database: "d165", district: "165", school: "010" } }]
  }, null, 2))
  return { folder, config }
}

interface Result {
  check: string
  status: string
  task: string | null
  stateID: string | null
  term: string | null
  finding: string
  fix: { who: string; what: string } | null
  highSchool: { district: string; school: string; courseNumber: string | null; sectionNumber: number | null } | null
  tech: { ktsTechID: string | null; courseNumber: string | null; sectionNumber: number | null } | null
}

const runJson = (world: World, ...args: Array<string>) => {
  const run = kts("grade-check", "--config", world.config, "--as-of", AS_OF, "--json", ...args)
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" })
  return JSON.parse(run.stdout) as { asOf: string; endYear: number; results: Array<Result> }
}

const notPassing = (results: Array<Result>) => results.filter((result) => result.status !== "pass")

let baseline: World
beforeAll(() => {
  baseline = makeWorld()
})

describe("kts grade-check on a correct setup", () => {
  it("passes every check for the high school (school mode, --json)", () => {
    const document = runJson(baseline, "--district", "165", "--school", "010")
    expect(document.asOf).toBe(AS_OF)
    expect(document.endYear).toBe(2025)
    expect(document.results.length).toBeGreaterThan(10)
    expect(notPassing(document.results)).toEqual([])
    expect(document.results[0]).toMatchObject({
      check: "alerts",
      highSchool: { district: "165", school: "010", courseNumber: "4821V", sectionNumber: 1 },
      tech: { district: "902", school: "030", courseNumber: "470101", sectionNumber: 2, ktsTechID: "902-030-48213" }
    })
  })

  it("prints a checklist for the student (text, the default)", () => {
    const run = kts("grade-check", "--config", baseline.config, "--as-of", AS_OF, "--state-id", SSID)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain("✓ 1. Process alerts")
    expect(run.stdout).not.toContain("✗")
    expect(run.stdout).toContain("4821V")
  })

  it("gives the same document for --json and --format json, and an escaped HTML page", () => {
    const json = kts("grade-check", "--config", baseline.config, "--as-of", AS_OF, "--state-id", SSID, "--json")
    const format = kts("grade-check", "--config", baseline.config, "--as-of", AS_OF, "--state-id", SSID, "--format", "json")
    expect(format.stdout).toBe(json.stdout)
    const html = kts("grade-check", "--config", baseline.config, "--as-of", AS_OF, "--state-id", SSID, "--format", "html")
    expect(html.status).toBe(0)
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/)
    expect(html.stdout).toContain("&lt;- technical school")
    expect(html.stdout).not.toMatch(/<script|https?:/)
  })
})

describe("kts grade-check, one broken setting", () => {
  it.each([
    {
      case: "the tech grade is not posted",
      change: { tech: (b: Bundle) => void (b.gradingScore![0]!.posted = 0) },
      expected: { check: "postedAtTech", status: "fail", task: "CTE Term Grade", term: "T1", stateID: SSID, who: "technical school" }
    },
    {
      case: "the tech active mask is on both terms",
      change: { tech: (b: Bundle) => void b.courseGradingTaskTerm!.forEach((row) => { if (row.courseGradingTaskID === 51) row.activeMask = 1 }) },
      expected: { check: "techMasks", status: "fail", task: "CTE Final Grade", term: "T1, T2", stateID: null, who: "technical school" }
    },
    {
      case: "the high-school active mask is on Q3",
      change: { highSchool: (b: Bundle) => void b.courseGradingTaskTerm!.forEach((row) => { if (row.courseGradingTaskID === 20) row.activeMask = row.termID === 33 ? 1 : 0 }) },
      expected: { check: "highSchoolMasks", status: "fail", task: "CTE Term Grade", term: "Q2", stateID: null, who: "high school" }
    },
    {
      case: "the high school has Grade Calc Options",
      change: { highSchool: (b: Bundle) => void (b.gradeCalcOption = [{ optionID: 1, courseID: 10, taskID: 2, componentTaskID: 1, weight: 1 }]) },
      expected: { check: "gradeCalcOptions", status: "fail", task: null, term: null, stateID: null, who: "high school" }
    },
    {
      case: "no report card template has CTE Final Grade",
      change: { highSchool: (b: Bundle) => void (b.reportCardTemplateTask = [{ templateID: 1, taskID: 1 }]) },
      expected: { check: "reportCards", status: "fail", task: null, term: null, stateID: null, who: "district Campus administrator" }
    },
    {
      case: "the high-school score group lacks a GPA value",
      change: { highSchool: (b: Bundle) => void (b.scoreGroupItem![4]!.gpaValue = null) },
      expected: { check: "scoreGroup", status: "fail", task: "CTE Term Grade", term: null, stateID: null, who: "high school" }
    },
    {
      case: "an open error alert at the high school",
      change: {
        highSchool: (b: Bundle) =>
          void (b.processAlert = [{
            alertID: 1, schoolID: 1, stage: "grades", severity: "error", code: "grades.hs.termMismatch", courseNumber: "4821V", sectionNumber: 1,
            ktsTechID: null, stateID: null, task: "CTE Term Grade", message: "Move the active mask", firstSeen: "2025-01-02", lastSeen: "2025-01-09", resolvedOn: "2025-01-11"
          }])
      },
      expected: { check: "alerts", status: "fail", task: null, term: null, stateID: null, who: "high school" }
    }
  ])("$case: $expected.check fails and names who fixes it", ({ change, expected }) => {
    const world = makeWorld(change)
    const results = notPassing(runJson(world, "--district", "165", "--school", "010").results)
    const hit = results.find((result) => result.check === expected.check && result.task === expected.task)
    expect(hit).toMatchObject({ status: expected.status, term: expected.term, stateID: expected.stateID, fix: { who: expected.who } })
    const text = `${hit!.finding} ${hit!.fix!.what}`
    expect(text).toMatch(expected.who === "technical school" ? /470101/ : /4821V|165-010/)
  })

  it("counts an alert resolved on --as-of as closed", () => {
    const world = makeWorld({
      highSchool: (b) =>
        void (b.processAlert = [{
          alertID: 1, schoolID: 1, stage: "grades", severity: "error", code: "grades.hs.termMismatch", courseNumber: "4821V", sectionNumber: 1,
          ktsTechID: null, stateID: null, task: null, message: "m", firstSeen: "2025-01-02", lastSeen: "2025-01-09", resolvedOn: AS_OF
        }])
    })
    expect(notPassing(runJson(world, "--state-id", SSID).results)).toEqual([])
  })
})

describe("kts grade-check, bad input", () => {
  it.each([
    { case: "an unknown student", args: ["--state-id", "9999999999"], message: /9999999999/ },
    { case: "an unknown school", args: ["--district", "165", "--school", "099"], message: /099/ },
    { case: "an unknown course", args: ["--district", "165", "--school", "010", "--course", "NOPE"], message: /--course NOPE/ },
    { case: "both a student and a school", args: ["--state-id", SSID, "--district", "165", "--school", "010"], message: /either/ },
    { case: "a task that is not a CTE task", args: ["--state-id", SSID, "--task", "Semester Grade"], message: /--task/ },
    { case: "an impossible --as-of", args: ["--state-id", SSID, "--as-of", "2025-02-30"], message: /--as-of/ }
  ])("exits 2 on $case", ({ args, message }) => {
    const hasAsOf = args.includes("--as-of")
    const run = kts("grade-check", "--config", baseline.config, ...(hasAsOf ? [] : ["--as-of", AS_OF]), ...args)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it.each([
    { case: "an unknown key", config: { databases: { tech: "tech.db", d165: "d165.db" }, links: [], extra: 1 }, message: /extra/ },
    { case: "a missing database file", config: { databases: { tech: "nope.db" }, links: [] }, message: /databases\.tech/ },
    {
      case: "a link naming a school its database lacks",
      config: {
        databases: { tech: "tech.db", d165: "d165.db" },
        links: [{ tech: { database: "tech", district: "902", school: "031" }, highSchool: { database: "d165", district: "165", school: "010" } }]
      },
      message: /links\[0\]\.tech\.school/
    }
  ])("exits 2 on a bad configuration: $case", ({ config, message }) => {
    const file = join(baseline.folder, `bad-${Math.random().toString(36).slice(2)}.json`)
    writeFileSync(file, JSON.stringify(config))
    const run = kts("grade-check", "--config", file, "--as-of", AS_OF, "--state-id", SSID)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it("exits 0 with one pairing failure for a student on no KTS course", () => {
    const world = makeWorld({ highSchool: (b) => void (b.roster = []) })
    const results = runJson(world, "--state-id", SSID).results
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ check: "pairing", status: "fail", stateID: SSID, fix: { who: "high school" } })
  })
})

describe("kts grade-check --format csv", () => {
  it("writes the findings table: the header and one row per result that does not pass", () => {
    const world = makeWorld({ tech: (b) => void (b.gradingScore![0]!.posted = 0) })
    const out = join(world.folder, "out")
    const run = kts("grade-check", "--config", world.config, "--as-of", AS_OF, "--district", "165", "--school", "010", "--format", "csv", "--out", out)
    expect(run.status).toBe(0)
    const rows = Papa.parse<Array<string>>(readFileSync(join(out, "KTS_GradeCheck_165-010.csv"), "utf8"), { skipEmptyLines: true }).data
    expect(rows[0]).toEqual(["School", "Course Number", "Section Number", "Task", "Term", "Check", "Severity", "Finding", "Fix"])
    const json = notPassing(runJson(world, "--district", "165", "--school", "010").results)
    expect(rows).toHaveLength(json.length + 1)
    const posted = rows.find((row) => row[5] === "postedAtTech")!
    expect(posted.slice(0, 7)).toEqual(["902-030", "470101", "2", "CTE Term Grade", "T1", "postedAtTech", "fail"])
    expect(posted[8]).toMatch(/^technical school: /)
  })

  it("names the student's file by State ID", () => {
    const out = join(baseline.folder, "student-out")
    expect(kts("grade-check", "--config", baseline.config, "--as-of", AS_OF, "--state-id", SSID, "--format", "csv", "--out", out).status).toBe(0)
    expect(readdirSync(out)).toEqual([`KTS_GradeCheck_${SSID}.csv`])
  })
})

describe("kts grade-check --support-request", () => {
  it("writes the request, the checks, both sides' setup rows and the grades, without names", () => {
    const folder = join(baseline.folder, "request")
    const run = kts("grade-check", "--config", baseline.config, "--as-of", AS_OF, "--state-id", SSID, "--support-request", folder)
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    expect(readdirSync(folder).sort()).toEqual(["checks.json", "grades.csv", "request.txt", "setup"])
    const tech = readdirSync(join(folder, "setup", "tech"))
    const hs = readdirSync(join(folder, "setup", "high-school"))
    for (const files of [tech, hs]) {
      expect(files).toContain("course.csv")
      expect(files).toContain("courseGradingTaskTerm.csv")
      expect(files).not.toContain("person.csv")
    }
    expect(readFileSync(join(folder, "setup", "tech", "course.csv"), "utf8").split("\n")[0]).toBe(
      "courseID,calendarID,courseMasterID,number,name,active,stateCode,teachingMethod,instructionalSetting,type,difficultyLevel,responsive"
    )
    const grades = Papa.parse<Array<string>>(readFileSync(join(folder, "grades.csv"), "utf8"), { skipEmptyLines: true }).data
    expect(grades.slice(1).every((row) => row[0] === SSID)).toBe(true)
    expect(grades).toHaveLength(5)
    expect(JSON.parse(readFileSync(join(folder, "checks.json"), "utf8")).results.length).toBeGreaterThan(10)
    const everything = [readFileSync(join(folder, "request.txt"), "utf8"), readFileSync(join(folder, "checks.json"), "utf8")].join("\n")
    expect(everything).toContain(SSID)
    expect(everything).not.toMatch(/Okafor|Whitfield|2008-03-14/)
  })

  it.each([
    { case: "a term named after a student's last name", change: { highSchool: (b: Bundle) => void (b.term![1]!.name = "okafor") } },
    { case: "a course named with a staff member's full name", change: { tech: (b: Bundle) => void (b.course![0]!.name = "Welding with Grace Whitfield") } },
    { case: "an alert message with a birth date", change: {
      highSchool: (b: Bundle) => void (b.processAlert = [{
        alertID: 1, schoolID: 1, stage: "grades", severity: "warning", code: "grades.hs.noScoreGroup", courseNumber: "4821V", sectionNumber: 1,
        ktsTechID: null, stateID: null, task: null, message: "born 03/14/2008", firstSeen: "2025-01-02", lastSeen: "2025-01-09", resolvedOn: null
      }])
    } }
  ])("exits 1 and writes nothing on $case", ({ change }) => {
    const world = makeWorld(change)
    const folder = join(world.folder, "request")
    const out = join(world.folder, "out")
    const run = kts("grade-check", "--config", world.config, "--as-of", AS_OF, "--state-id", SSID, "--support-request", folder, "--format", "csv", "--out", out)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/support request not written/)
    expect(run.stderr).not.toMatch(/okafor|Whitfield|03\/14\/2008/i)
    expect(existsSync(folder)).toBe(false)
    expect(existsSync(out)).toBe(false)
  })
})
