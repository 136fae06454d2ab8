import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { applyDeltaToFile, formatProblem, importBundleIntoFile, openStore, StoreNotFound } from "../src/index.js"
import { freshStorePath, validBundle, writeBundle } from "./bundleFixture.js"

/** A store loaded with the valid bundle plus a course grading task term and a report card template task. */
const loadedStore = (): string => {
  const dbPath = freshStorePath()
  const outcome = importBundleIntoFile(
    dbPath,
    writeBundle({
      ...validBundle(),
      "courseGradingTaskTerm.csv": "courseGradingTaskID,termID,termMask,activeMask\n1100,300,1,0\n",
      "reportCardTemplate.csv": "templateID,schoolID,name\n1300,10,Report\n",
      "reportCardTemplateTask.csv": "templateID,taskID\n1300,1\n"
    })
  )
  if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join("\n"))
  return dbPath
}

type Files = Readonly<Record<string, string | undefined>>

const present = (files: Files): Record<string, string> =>
  Object.fromEntries(Object.entries(files).flatMap(([name, text]) => (text === undefined ? [] : [[name, text]])))

/** Writes a delta: table files at the top, `deleted` files into `deleted/`. */
const writeDelta = (files: Files, deleted: Files = {}): string => {
  const dir = writeBundle(present(files))
  if (Object.keys(present(deleted)).length > 0) {
    mkdirSync(join(dir, "deleted"))
    for (const [name, text] of Object.entries(present(deleted))) writeFileSync(join(dir, "deleted", name), text)
  }
  return dir
}

const rows = (dbPath: string, sql: string): Array<unknown> => {
  const db = openStore(dbPath, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

const problemsOf = (dbPath: string, deltaDir: string): Array<string> => {
  const outcome = applyDeltaToFile(dbPath, deltaDir)
  return outcome.ok ? [] : outcome.problems.map(formatProblem)
}

const ROSTER_HEADER = "rosterID,sectionID,personID,startDate,endDate\n"
const SECTION_HEADER = "sectionID,courseID,trialID,number,coreContent,instructionalSetting,specialType,crossSiteEnrollment\n"

describe("applyDelta", () => {
  it("upserts, inserts and counts unchanged rows apart", () => {
    const dbPath = loadedStore()
    const outcome = applyDeltaToFile(
      dbPath,
      writeDelta({
        "district.csv": "districtID,number,name\n1,165,Fayette County Schools\n2,034,Boyle County\n3,999,New District\n"
      })
    )
    expect(outcome).toEqual({
      ok: true,
      counts: [{ table: "district", inserted: 1, updated: 1, unchanged: 1, deleted: 0 }]
    })
    expect(rows(dbPath, "SELECT districtID, name FROM district ORDER BY districtID")).toEqual([
      { districtID: 1, name: "Fayette County Schools" },
      { districtID: 2, name: "Boyle County" },
      { districtID: 3, name: "New District" }
    ])
    expect(rows(dbPath, "SELECT count(*) AS n FROM person")).toEqual([{ n: 2 }])
  })

  it.each([
    {
      case: "a composite key (day): update one, delete another",
      files: { "day.csv": "calendarID,structureID,date,instruction\n100,200,2025-05-29,0\n" },
      deleted: { "day.csv": "structureID,date\n200,2025-05-30\n" },
      counts: [{ table: "day", inserted: 0, updated: 1, unchanged: 0, deleted: 1 }],
      check: "SELECT date, instruction FROM day",
      expected: [{ date: "2025-05-29", instruction: 0 }]
    },
    {
      case: "a composite key (courseGradingTaskTerm): update by both columns",
      files: { "courseGradingTaskTerm.csv": "courseGradingTaskID,termID,termMask,activeMask\n1100,300,0,1\n1100,301,1,1\n" },
      deleted: {},
      counts: [{ table: "courseGradingTaskTerm", inserted: 1, updated: 1, unchanged: 0, deleted: 0 }],
      check: "SELECT termID, termMask, activeMask FROM courseGradingTaskTerm ORDER BY termID",
      expected: [{ termID: 300, termMask: 0, activeMask: 1 }, { termID: 301, termMask: 1, activeMask: 1 }]
    },
    {
      case: "a keyless table (reportCardTemplateTask): a pair is inserted, a pair deleted",
      files: {
        "gradingTask.csv": "taskID,name\n2,CTE Final Grade\n",
        "reportCardTemplateTask.csv": "templateID,taskID\n1300,2\n"
      },
      deleted: { "reportCardTemplateTask.csv": "templateID,taskID\n1300,1\n" },
      counts: [
        { table: "gradingTask", inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
        { table: "reportCardTemplateTask", inserted: 1, updated: 0, unchanged: 0, deleted: 1 }
      ],
      check: "SELECT templateID, taskID FROM reportCardTemplateTask",
      expected: [{ templateID: 1300, taskID: 2 }]
    },
    {
      case: "a keyless pair given again is unchanged",
      files: { "reportCardTemplateTask.csv": "templateID,taskID\n1300,1\n" },
      deleted: {},
      counts: [{ table: "reportCardTemplateTask", inserted: 0, updated: 0, unchanged: 1, deleted: 0 }],
      check: "SELECT templateID, taskID FROM reportCardTemplateTask",
      expected: [{ templateID: 1300, taskID: 1 }]
    },
    {
      case: "a new section and its roster together",
      files: {
        "section.csv": `${SECTION_HEADER}601,500,400,2,,,,\n`,
        "roster.csv": `${ROSTER_HEADER}901,601,800,2025-01-06,\n`
      },
      deleted: {},
      counts: [
        { table: "section", inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
        { table: "roster", inserted: 1, updated: 0, unchanged: 0, deleted: 0 }
      ],
      check: "SELECT rosterID, sectionID FROM roster ORDER BY rosterID",
      expected: [{ rosterID: 900, sectionID: 600 }, { rosterID: 901, sectionID: 601 }]
    },
    {
      case: "a section deleted with everything under it",
      files: {},
      deleted: {
        "section.csv": "sectionID\n600\n",
        "sectionPlacement.csv": "placementID\n700\n701\n",
        "roster.csv": "rosterID\n900\n",
        "gradingScore.csv": "scoreID\n1200\n"
      },
      counts: [
        { table: "section", inserted: 0, updated: 0, unchanged: 0, deleted: 1 },
        { table: "sectionPlacement", inserted: 0, updated: 0, unchanged: 0, deleted: 2 },
        { table: "roster", inserted: 0, updated: 0, unchanged: 0, deleted: 1 },
        { table: "gradingScore", inserted: 0, updated: 0, unchanged: 0, deleted: 1 }
      ],
      check: "SELECT count(*) AS n FROM section",
      expected: [{ n: 0 }]
    },
    {
      case: "a row that leaves a column out gets NULL (or 0 for a bool) there: the row is replaced",
      files: { "person.csv": "personID,firstName,lastName\n800,Ana,Ruiz\n" },
      deleted: {},
      counts: [{ table: "person", inserted: 0, updated: 1, unchanged: 0, deleted: 0 }],
      check: "SELECT stateID, birthDate FROM person WHERE personID = 800",
      expected: [{ stateID: null, birthDate: null }]
    }
  ])("applies $case", ({ check, counts, deleted, expected, files }) => {
    const dbPath = loadedStore()
    const outcome = applyDeltaToFile(dbPath, writeDelta(files, deleted))
    expect(outcome.ok ? outcome.counts : outcome.problems.map(formatProblem)).toEqual(counts)
    expect(rows(dbPath, check)).toEqual(expected)
  })

  it.each([
    {
      case: "a bad field",
      files: { "district.csv": "districtID,number,name\n1,,Fayette\n" },
      deleted: {},
      expected: ["district.csv:2:number: a value is required (value \"\")"]
    },
    {
      case: "a personal field, withheld",
      files: { "person.csv": "personID,firstName,lastName,birthDate\n800,Ana,Ruiz,2009-02-30\n" },
      deleted: {},
      expected: ["person.csv:2:birthDate: expected a real calendar date as YYYY-MM-DD (value withheld: personal data)"]
    },
    {
      case: "a key repeated within the delta file",
      files: { "district.csv": "districtID,number,name\n1,165,A\n1,165,B\n" },
      deleted: {},
      expected: ["district.csv:3:districtID: duplicate key: an earlier row has the same id (value \"1\")"]
    },
    {
      case: "a composite key repeated within the delta file",
      files: { "day.csv": "calendarID,structureID,date,instruction\n100,200,2025-05-29,0\n100,200,2025-05-29,1\n" },
      deleted: {},
      expected: ["day.csv:3:date: duplicate key: an earlier row has the same structureID and date (value \"2025-05-29\")"]
    },
    {
      case: "an unknown file at the top",
      files: { "Roster.csv": ROSTER_HEADER },
      deleted: {},
      expected: ["Roster.csv:1: unknown file: no bundle table has this name (names are case-sensitive)"]
    },
    {
      case: "an unknown file in deleted/",
      files: {},
      deleted: { "sections.csv": "sectionID\n600\n" },
      expected: ["deleted/sections.csv:1: unknown file: no bundle table has this name (names are case-sensitive)"]
    },
    {
      case: "a deletion file with a column beyond the key",
      files: {},
      deleted: { "district.csv": "districtID,name\n2,Boyle County\n" },
      expected: ["deleted/district.csv:1:name: unknown column: a deletion file of district holds only its key (districtID)"]
    },
    {
      case: "a deletion file without a key column",
      files: {},
      deleted: { "day.csv": "structureID\n200\n" },
      expected: ["deleted/day.csv:1:date: missing required column"]
    },
    {
      case: "a delete key naming no row",
      files: {},
      deleted: { "roster.csv": "rosterID\n900\n999\n" },
      expected: ["deleted/roster.csv:3:rosterID: no roster row has rosterID 999 (value \"999\")"]
    },
    {
      case: "a composite delete key naming no row",
      files: {},
      deleted: { "day.csv": "structureID,date\n200,2025-06-01\n" },
      expected: ["deleted/day.csv:2:date: no day row has structureID 200 and date 2025-06-01 (value \"2025-06-01\")"]
    },
    {
      case: "a deletion that orphans a roster",
      files: {},
      deleted: {
        "section.csv": "sectionID\n600\n",
        "sectionPlacement.csv": "placementID\n700\n701\n",
        "gradingScore.csv": "scoreID\n1200\n"
      },
      expected: ["deleted/section.csv:2:sectionID: 1 roster row (first rosterID 900) still points at it through sectionID (value \"600\")"]
    },
    {
      case: "a delta row pointing at a row the same delta deletes",
      files: { "roster.csv": `${ROSTER_HEADER}900,600,800,2024-08-14,2025-01-05\n` },
      deleted: {
        "section.csv": "sectionID\n600\n",
        "sectionPlacement.csv": "placementID\n700\n701\n",
        "gradingScore.csv": "scoreID\n1200\n"
      },
      expected: ["roster.csv:2:sectionID: the section row with sectionID 600 is deleted by deleted/section.csv:2 (value \"600\")"]
    },
    {
      case: "a reference to no row",
      files: { "roster.csv": `${ROSTER_HEADER}901,600,888,2024-08-14,\n` },
      deleted: {},
      expected: ["roster.csv:2:personID: no person row has personID 888 (value \"888\")"]
    },
    {
      case: "no cascade from a rejected row: the roster of a section with a bad field is not reported",
      files: {
        "section.csv": `${SECTION_HEADER}601,500,400,x,,,,\n`,
        "roster.csv": `${ROSTER_HEADER}901,601,800,2024-08-14,\n`
      },
      deleted: {},
      expected: ["section.csv:2:number: expected an integer (value \"x\")"]
    },
    {
      case: "a row both upserted and deleted",
      files: { "district.csv": "districtID,number,name\n2,034,Boyle\n" },
      deleted: { "district.csv": "districtID\n2\n" },
      expected: [
        "deleted/district.csv:2:districtID: this district row is also upserted by district.csv:2; a delta either upserts or deletes a row (value \"2\")"
      ]
    },
    {
      case: "a date order broken",
      files: {
        "enrollment.csv":
          "enrollmentID,personID,calendarID,structureID,grade,serviceType,startDate,endDate,startStatus,endStatus,noShow,stateExclude\n" +
          "1000,800,100,200,10,P,2024-08-14,2024-08-01,E01,,0,0\n"
      },
      deleted: {},
      expected: ["enrollment.csv:2:endDate: endDate is before startDate (2024-08-14) (value \"2024-08-01\")"]
    },
    {
      case: "a delta row breaking a path rule, and the rows under it whose path it changes",
      files: { "section.csv": `${SECTION_HEADER}600,500,401,1,,,,\n` },
      deleted: {},
      expected: [
        "section.csv:2:trialID: the trial's schedule structure is not in the course's calendar (value \"401\")",
        "section.csv:2:trialID: the change breaks a rule of 2 sectionPlacement rows (first placementID 700): the term belongs to another schedule structure than the section's trial (value \"401\")"
      ]
    },
    {
      case: "a new placement in another structure than its section's trial",
      files: {
        "sectionPlacement.csv": "placementID,sectionID,termID,periodID\n702,600,302,2\n",
        "term.csv": "termID,structureID,name,seq,startDate,endDate\n302,201,Q1,1,,\n"
      },
      deleted: {},
      expected: [
        "sectionPlacement.csv:2:termID: the term belongs to another schedule structure than the section's trial (value \"302\")"
      ]
    },
    {
      case: "a changed path column breaking rows outside the delta",
      files: { "trial.csv": "trialID,structureID,name,active\n400,201,Trial 1,1\n" },
      deleted: {},
      expected: [
        "trial.csv:2:structureID: the change breaks a rule of 1 section row (first sectionID 600): the trial's schedule structure is not in the course's calendar (value \"201\")",
        "trial.csv:2:structureID: the change breaks a rule of 2 sectionPlacement rows (first placementID 700): the term belongs to another schedule structure than the section's trial (value \"201\")"
      ]
    },
    {
      case: "a folder other than deleted/",
      files: {},
      deleted: {},
      folder: "delete",
      expected: ["delete:1: unknown folder: a delta bundle holds table files and one folder, deleted/, of table files"]
    }
  ])("rejects $case and leaves the store byte-identical", ({ deleted, expected, files, ...rest }) => {
    const dbPath = loadedStore()
    const before = readFileSync(dbPath)
    const dir = writeDelta(files, deleted)
    if ("folder" in rest) mkdirSync(join(dir, rest.folder as string))
    expect(problemsOf(dbPath, dir)).toEqual(expected)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
  })

  it("refuses a store that does not exist, and creates none", () => {
    const dbPath = freshStorePath()
    expect(() => applyDeltaToFile(dbPath, writeDelta({}))).toThrow(StoreNotFound)
    expect(existsSync(dbPath)).toBe(false)
  })
})
