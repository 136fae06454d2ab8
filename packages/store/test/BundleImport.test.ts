import { chmodSync, copyFileSync, existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { formatProblem, importBundleIntoFile, importScratchPath, openStore } from "../src/index.js"
import { freshStorePath, validBundle, writeBundle } from "./bundleFixture.js"

/** Imports `files` into a fresh store; returns the formatted problems (empty when it succeeded). */
const problemsOf = (files: Record<string, string>): Array<string> => {
  const outcome = importBundleIntoFile(freshStorePath(), writeBundle(files))
  return outcome.ok ? [] : outcome.problems.map(formatProblem)
}

/** The valid bundle with one file replaced. */
const withFile = (name: string, text: string): Record<string, string> => ({ ...validBundle(), [name]: text })

const PERSON_HEADER =
  "personID,stateID,studentNumber,firstName,lastName,legalFirstName,legalLastName,gender,raceEthnicity,birthDate,homePrimaryLanguage\n"
const ENROLLMENT_HEADER =
  "enrollmentID,personID,calendarID,structureID,grade,serviceType,startDate,endDate,startStatus,endStatus,noShow,stateExclude\n"

describe("importBundle", () => {
  it("imports a valid bundle and counts every table's rows", () => {
    const dbPath = freshStorePath()
    const outcome = importBundleIntoFile(dbPath, writeBundle(validBundle()))
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    const counts = Object.fromEntries(outcome.counts.map((count) => [count.table, count.rows]))
    expect(counts).toMatchObject({ district: 2, school: 2, calendar: 2, day: 2, person: 2, enrollment: 1, plan: 0 })
    const db = openStore(dbPath, { readonly: true })
    const course = db.prepare("SELECT name, courseMasterID, responsive FROM course").get()
    const score = db.prepare("SELECT percent, modifiedDate FROM gradingScore").get()
    const calendar = db.prepare("SELECT exclude FROM calendar WHERE calendarID = 101").get()
    db.close()
    expect(course).toEqual({ name: "Welding, Intro", courseMasterID: null, responsive: 0 })
    expect(score).toEqual({ percent: 93.5, modifiedDate: "2024-12-20T15:30" })
    expect(calendar).toEqual({ exclude: 0 }) // an empty bool field means 0
  })

  it.each([
    {
      case: "an unterminated quoted field, reported where its record starts",
      file: "district.csv",
      text: "districtID,number,name\n1,165,\"Fayette\n2,034,Boyle\n",
      expected: ["district.csv:2: malformed CSV: a quoted field is never closed"]
    },
    {
      case: "a quote inside an unquoted field",
      file: "district.csv",
      text: "districtID,number,name\n1,165,Fay\"ette\n2,034,Boyle County\n",
      expected: ["district.csv:2: malformed CSV: a quote inside an unquoted field"]
    },
    {
      case: "text after a closing quote",
      file: "district.csv",
      text: "districtID,number,name\n1,165,\"Fayette\"x\n2,034,Boyle County\n",
      expected: ["district.csv:2: malformed CSV: unexpected text after a closing quote"]
    },
    {
      case: "too many fields",
      file: "district.csv",
      text: "districtID,number,name\n1,165,Fayette,extra\n2,034,Boyle County\n",
      expected: ["district.csv:2: expected 3 fields, found 4"]
    },
    {
      case: "a line number after a quoted line break counts physical lines",
      file: "district.csv",
      text: "districtID,number,name\n1,165,\"Fayette\nCounty\"\n2,034,Boyle County\nx,035,Bad\n",
      expected: ["district.csv:5:districtID: expected a positive integer id (value \"x\")"]
    },
    {
      case: "an id of zero",
      file: "district.csv",
      text: "districtID,number,name\n0,165,Fayette\n",
      expected: ["district.csv:2:districtID: expected a positive integer id (value \"0\")"]
    },
    {
      case: "a required text left empty",
      file: "district.csv",
      text: "districtID,number,name\n1,165,\n2,034,Boyle County\n",
      expected: ["district.csv:2:name: a value is required (value \"\")"]
    },
    {
      case: "an int that is not a whole number",
      file: "term.csv",
      text: "termID,structureID,name,seq,startDate,endDate\n300,200,S1,1.5,2024-08-14,2024-12-20\n301,200,S2,2,,\n",
      expected: ["term.csv:2:seq: expected an integer (value \"1.5\")"]
    },
    {
      case: "a num that is not a decimal",
      file: "gradingScore.csv",
      text:
        "scoreID,personID,sectionID,taskID,termID,score,percent,posted,modifiedDate\n1200,800,600,1,300,A,93,5,1,\n",
      expected: ["gradingScore.csv:2: expected 9 fields, found 10"]
    },
    {
      case: "a num with letters",
      file: "gradingScore.csv",
      text: "scoreID,personID,sectionID,taskID,termID,score,percent,posted,modifiedDate\n1200,800,600,1,300,A,9e1,1,\n",
      expected: ["gradingScore.csv:2:percent: expected a decimal number (value \"9e1\")"]
    },
    {
      case: "a bool other than 0 or 1",
      file: "trial.csv",
      text: "trialID,structureID,name,active\n400,200,Trial 1,yes\n401,201,Trial 1,1\n",
      expected: ["trial.csv:2:active: expected 0 or 1 (value \"yes\")"]
    },
    {
      case: "a date that does not exist",
      file: "term.csv",
      text: "termID,structureID,name,seq,startDate,endDate\n300,200,S1,1,2025-02-29,2025-03-01\n301,200,S2,2,,\n",
      expected: ["term.csv:2:startDate: expected a real calendar date as YYYY-MM-DD (value \"2025-02-29\")"]
    },
    {
      case: "a date in another form",
      file: "term.csv",
      text: "termID,structureID,name,seq,startDate,endDate\n300,200,S1,1,08/14/2024,\n301,200,S2,2,,\n",
      expected: ["term.csv:2:startDate: expected a real calendar date as YYYY-MM-DD (value \"08/14/2024\")"]
    },
    {
      case: "a datetime with a bad hour",
      file: "gradingScore.csv",
      text:
        "scoreID,personID,sectionID,taskID,termID,score,percent,posted,modifiedDate\n1200,800,600,1,300,A,,1,2024-12-20T24:00\n",
      expected: [
        "gradingScore.csv:2:modifiedDate: expected a date and time as YYYY-MM-DDTHH:MM[:SS] (value \"2024-12-20T24:00\")"
      ]
    },
    {
      case: "a checked code outside its list",
      file: "school.csv",
      text: "schoolID,districtID,number,name,stateClassification\n10,1,010,Tates Creek High,Z9\n11,1,011,Eastside Tech,A2\n",
      expected: ["school.csv:2:stateClassification: not a state classification code (value \"Z9\")"]
    },
    {
      case: "a grade without its leading zero",
      file: "enrollment.csv",
      text: `${ENROLLMENT_HEADER}1000,800,100,200,9,P,2024-08-14,,E01,,0,0\n`,
      expected: ["enrollment.csv:2:grade: not a state grade level code (value \"9\")"]
    },
    {
      case: "a duplicate primary key, at its later occurrence only",
      file: "district.csv",
      text: "districtID,number,name\n1,165,Fayette\n2,034,Boyle County\n1,999,Again\n",
      expected: ["district.csv:4:districtID: duplicate key: an earlier row has the same id (value \"1\")"]
    },
    {
      case: "a duplicate (structureID, date) in day",
      file: "day.csv",
      text: "calendarID,structureID,date,instruction\n100,200,2025-05-29,1\n100,200,2025-05-29,0\n",
      expected: ["day.csv:3:date: duplicate key: an earlier row has the same structureID and date (value \"2025-05-29\")"]
    },
    {
      case: "a dangling foreign key",
      file: "school.csv",
      text: "schoolID,districtID,number,name,stateClassification\n10,1,010,Tates Creek High,A1\n11,9,011,Eastside Tech,A2\n",
      expected: ["school.csv:3:districtID: no district row has districtID 9 (value \"9\")"]
    },
    {
      case: "a dangling nullable foreign key",
      file: "course.csv",
      text:
        "courseID,calendarID,courseMasterID,number,name,active,stateCode,teachingMethod,instructionalSetting,type,difficultyLevel,responsive\n500,100,77,0456V,Welding,1,,,,,,0\n",
      expected: ["course.csv:2:courseMasterID: no courseMaster row has courseMasterID 77 (value \"77\")"]
    },
    {
      case: "a missing required column",
      file: "district.csv",
      text: "districtID,name\n1,Fayette\n2,Boyle County\n",
      expected: ["district.csv:1:number: missing required column"]
    },
    {
      case: "an unknown column",
      file: "trial.csv",
      text: "trialID,structureID,name,active,color\n400,200,Trial 1,1,red\n401,201,Trial 1,1,blue\n",
      expected: ["trial.csv:1:color: unknown column: trial has no column named \"color\""]
    },
    {
      case: "a repeated column",
      file: "trial.csv",
      text: "trialID,structureID,name,active,name\n400,200,Trial 1,1,x\n401,201,Trial 1,1,y\n",
      expected: ["trial.csv:1:name: repeated column"]
    },
    {
      case: "an unknown file (names are case-sensitive)",
      file: "District.csv",
      text: "districtID,number,name\n",
      expected: ["District.csv:1: unknown file: no bundle table has this name (names are case-sensitive)"]
    },
    {
      case: "a calendar that ends before it starts",
      file: "calendar.csv",
      text:
        "calendarID,schoolID,name,endYear,startDate,endDate,summerSchool,exclude\n100,10,A,2025,2024-08-14,2024-08-13,0,0\n101,11,B,2025,2024-08-14,2024-08-14,0,0\n",
      expected: ["calendar.csv:2:endDate: endDate is before startDate (2024-08-14) (value \"2024-08-13\")"]
    },
    {
      case: "an enrollment that ends before it starts (equal dates are fine)",
      file: "enrollment.csv",
      text: `${ENROLLMENT_HEADER}1000,800,100,200,10,P,2024-08-14,2024-08-13,E01,,0,0\n1001,800,100,200,10,P,2024-08-14,2024-08-14,E01,,0,0\n`,
      expected: ["enrollment.csv:2:endDate: endDate is before startDate (2024-08-14) (value \"2024-08-13\")"]
    },
    {
      case: "an enrollment whose structure belongs to another calendar",
      file: "enrollment.csv",
      text: `${ENROLLMENT_HEADER}1000,800,100,201,10,P,2024-08-14,,E01,,0,0\n`,
      expected: ["enrollment.csv:2:structureID: the schedule structure belongs to another calendar (value \"201\")"]
    },
    {
      case: "a day whose structure belongs to another calendar",
      file: "day.csv",
      text: "calendarID,structureID,date,instruction\n101,200,2025-05-29,1\n",
      expected: ["day.csv:2:structureID: the schedule structure belongs to another calendar (value \"200\")"]
    },
    {
      case: "a section whose trial is in another calendar than its course",
      file: "section.csv",
      text: "sectionID,courseID,trialID,number,coreContent,instructionalSetting,specialType,crossSiteEnrollment\n600,500,401,1,,,,\n",
      expected: ["section.csv:2:trialID: the trial's schedule structure is not in the course's calendar (value \"401\")"]
    },
    {
      case: "a placement in a term of another structure",
      file: "term.csv",
      text:
        "termID,structureID,name,seq,startDate,endDate\n300,200,S1,1,2024-08-14,2024-12-20\n301,201,S2,2,2025-01-06,2025-05-30\n",
      expected: [
        "sectionPlacement.csv:3:termID: the term belongs to another schedule structure than the section's trial (value \"301\")"
      ]
    },
    {
      case: "a bad birth date, whose value is withheld as personal data",
      file: "person.csv",
      text: `${PERSON_HEADER}800,1234567890,S1,Ana,Ruiz,,,F,1,2009-02-30,0400\n801,,,Tom,Teacher,,,M,,,\n`,
      expected: ["person.csv:2:birthDate: expected a real calendar date as YYYY-MM-DD (value withheld: personal data)"]
    }
  ])("rejects $case", ({ expected, file, text }) => {
    expect(problemsOf(withFile(file, text))).toEqual(expected)
  })

  it("reports every problem of a bundle, not only the first", () => {
    const problems = problemsOf({
      ...validBundle(),
      "district.csv": "districtID,number,name\n1,165,Fayette\n1,034,Boyle\n",
      "school.csv": "schoolID,districtID,number,name,stateClassification\n10,1,010,A,A1\n11,7,011,B,Q1\n"
    })
    expect(problems).toEqual([
      "district.csv:3:districtID: duplicate key: an earlier row has the same id (value \"1\")",
      "school.csv:3:stateClassification: not a state classification code (value \"Q1\")",
      "school.csv:3:districtID: no district row has districtID 7 (value \"7\")"
    ])
  })

  it("accepts CRLF line endings, a BOM, blank lines, headers in any order and left-out optional columns", () => {
    const outcome = importBundleIntoFile(
      freshStorePath(),
      writeBundle(withFile(
        "school.csv",
        "\uFEFFname,number,districtID,schoolID\r\n\"Tates \"\"Creek\"\", High\",010,1,10\r\n\r\nEastside Tech,011,1,11\r\n"
      ))
    )
    expect(outcome.ok).toBe(true)
  })

  it("keeps text exactly, with its spaces, quotes and line breaks", () => {
    const dbPath = freshStorePath()
    const name = " O'Brien, \"Jr.\"\r\nline two "
    const quoted = `"${name.replaceAll("\"", "\"\"")}"`
    const outcome = importBundleIntoFile(
      dbPath,
      writeBundle(withFile("person.csv", `${PERSON_HEADER}800,1234567890,S1,${quoted},Ruiz,,,F,1,,\n801,,,Tom,T,,,,,,\n`))
    )
    expect(outcome.ok).toBe(true)
    const db = openStore(dbPath, { readonly: true })
    expect(db.prepare("SELECT firstName FROM person WHERE personID = 800").pluck().get()).toBe(name)
    db.close()
  })

  it("replaces the store's data with the new bundle's", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    const second = importBundleIntoFile(
      dbPath,
      writeBundle({ "district.csv": "districtID,number,name\n5,120,Kenton\n" })
    )
    expect(second.ok).toBe(true)
    const db = openStore(dbPath, { readonly: true })
    expect(db.prepare("SELECT districtID FROM district").pluck().all()).toEqual([5])
    expect(db.prepare("SELECT count(*) FROM person").pluck().get()).toBe(0)
    db.close()
  })

  it("leaves the previous store byte for byte when an import fails", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    const before = readFileSync(dbPath)
    const failed = importBundleIntoFile(dbPath, writeBundle(withFile("district.csv", "districtID,number,name\n1,165,\n")))
    expect(failed.ok).toBe(false)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    const db = openStore(dbPath, { readonly: true })
    expect(db.prepare("SELECT count(*) FROM person").pluck().get()).toBe(2)
    db.close()
  })

  it("creates no store file when the first import fails", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(withFile("district.csv", "districtID,number,name\nx,165,A\n")))
    expect(existsSync(dbPath)).toBe(false)
  })

  it("treats a missing file, and a file with only a header, as an empty table", () => {
    const outcome = importBundleIntoFile(
      freshStorePath(),
      writeBundle({ "district.csv": "districtID,number,name\n", "school.csv": "" })
    )
    expect(outcome.ok).toBe(true)
  })
})

describe("importBundleIntoFile's write path (a scratch file renamed over the store)", () => {
  const districtsOf = (dbPath: string): Array<unknown> => {
    const db = openStore(dbPath, { readonly: true })
    try {
      return db.prepare("SELECT districtID FROM district ORDER BY districtID").pluck().all()
    } finally {
      db.close()
    }
  }

  it("lets a reader holding the old store keep its snapshot, and new readers see the new store", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    const before = districtsOf(dbPath)
    const reader = openStore(dbPath, { readonly: true })
    const outcome = importBundleIntoFile(dbPath, writeBundle({ "district.csv": "districtID,number,name\n5,120,Kenton\n" }))
    expect(outcome.ok).toBe(true)
    expect(reader.prepare("SELECT districtID FROM district ORDER BY districtID").pluck().all()).toEqual(before)
    reader.close()
    expect(districtsOf(dbPath)).toEqual([5])
  })

  it("leaves no scratch, WAL or SHM file beside the store", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    for (const path of [importScratchPath(dbPath), `${dbPath}-wal`, `${dbPath}-shm`]) expect(existsSync(path)).toBe(false)
    const db = openStore(dbPath, { readonly: true })
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal")
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok")
    db.close()
  })

  it("ignores and replaces the scratch file a killed import left behind", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    writeFileSync(importScratchPath(dbPath), "half a store")
    const outcome = importBundleIntoFile(dbPath, writeBundle({ "district.csv": "districtID,number,name\n5,120,Kenton\n" }))
    expect(outcome.ok).toBe(true)
    expect(districtsOf(dbPath)).toEqual([5])
    expect(existsSync(importScratchPath(dbPath))).toBe(false)
  })

  it("keeps the old store whole when killed after the old WAL was folded in and removed, before the rename", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    const before = districtsOf(dbPath)
    // The state of the disk in the rename window: a finished scratch file, the old store without WAL or SHM.
    const other = freshStorePath()
    importBundleIntoFile(other, writeBundle({ "district.csv": "districtID,number,name\n5,120,Kenton\n" }))
    copyFileSync(other, importScratchPath(dbPath))
    expect(districtsOf(dbPath)).toEqual(before)
    expect(importBundleIntoFile(dbPath, writeBundle(validBundle())).ok).toBe(true)
    expect(districtsOf(dbPath)).toEqual(before)
  })

  it.skipIf(process.platform === "win32")("keeps a symlinked store's link and the store file's permissions", () => {
    const target = freshStorePath()
    importBundleIntoFile(target, writeBundle(validBundle()))
    chmodSync(target, 0o640)
    const link = `${freshStorePath()}.link`
    symlinkSync(target, link)
    expect(importBundleIntoFile(link, writeBundle({ "district.csv": "districtID,number,name\n5,120,Kenton\n" })).ok).toBe(true)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(statSync(target).mode & 0o777).toBe(0o640)
    expect(districtsOf(target)).toEqual([5])
  })

  it("fails with StoreBusy, changing nothing, when another connection holds the store's write lock", () => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    const writer = openStore(dbPath)
    writer.exec("BEGIN IMMEDIATE")
    try {
      expect(() => importBundleIntoFile(dbPath, writeBundle(validBundle()))).toThrow(/another process is writing/)
    } finally {
      writer.exec("ROLLBACK")
      writer.close()
    }
    expect(existsSync(importScratchPath(dbPath))).toBe(false)
  })
})

// The parse worker's thread is started by code that always runs (`workerStart`), which then
// loads the worker's script; `KTS_TEST_IMPORT_WORKER_SCRIPT` names the script in place of the
// built one. The waiting thread must learn of a script that does not load, or of a thread
// that ends without its final word, and fail instead of waiting for ever.
describe("importBundleIntoFile when the parse worker does not run", () => {
  const withWorkerScript = <A>(script: string, run: () => A): A => {
    process.env["KTS_TEST_IMPORT_WORKER_SCRIPT"] = script
    try {
      return run()
    } finally {
      delete process.env["KTS_TEST_IMPORT_WORKER_SCRIPT"]
    }
  }
  const scriptFile = (text: string): string => join(writeBundle({ "worker.mjs": text }), "worker.mjs")

  it.each([
    { case: "a missing script", script: () => join(writeBundle({}), "missing", "import-worker.js") },
    { case: "a script that is not JavaScript", script: () => scriptFile("this is ( not JavaScript\n") },
    { case: "a script whose imports do not load", script: () => scriptFile('import "./missing-chunk.js"\n') }
  ])("fails naming the script, and leaves the store as it was, with $case", ({ script }) => {
    const dbPath = freshStorePath()
    importBundleIntoFile(dbPath, writeBundle(validBundle()))
    const before = readFileSync(dbPath)
    const path = script()
    const message = new RegExp(`parse worker could not load ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `)
    withWorkerScript(path, () => {
      expect(() => importBundleIntoFile(dbPath, writeBundle(validBundle()))).toThrow(message)
      const first = freshStorePath()
      expect(() => importBundleIntoFile(first, writeBundle(validBundle()))).toThrow(message)
      expect(existsSync(first)).toBe(false)
    })
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(existsSync(importScratchPath(dbPath))).toBe(false)
  })

  it("fails when the worker's thread ends without a final word", () => {
    const dbPath = freshStorePath()
    withWorkerScript(scriptFile("// loads, posts nothing, and its thread ends\n"), () => {
      expect(() => importBundleIntoFile(dbPath, writeBundle(validBundle()))).toThrow(/parse worker stopped before it finished/)
    })
    expect(existsSync(dbPath)).toBe(false)
    expect(existsSync(importScratchPath(dbPath))).toBe(false)
  })
})
