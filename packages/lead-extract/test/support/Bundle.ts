/**
 * Minimal CSV bundles for the pipeline tests: a base scenario with one
 * reportable section and one reported student, which each test edits, then
 * written as bundle files (docs/bundle-format.md), imported into a fresh store with the
 * store's own importer, reported, and the CSV parsed back with papaparse.
 */
import { Tables, type TableName } from "@kts/domain"
import { connectStore, importBundleIntoFile, type StoreConnection } from "@kts/store"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import Papa from "papaparse"
import {
  csvField,
  LeadColumns,
  runLeadExtract,
  type LeadExtractOptions,
  type LeadExtractResult
} from "../../src/index.js"

/** A bundle row: column → value (`null`/missing is an empty field, booleans are 0/1). */
export type BundleRow = Record<string, string | number | boolean | null | undefined>

/** A bundle as rows per table. */
export type BundleRows = { [T in TableName]?: Array<BundleRow> }

/** The KTS catalog name for end year 2025. */
export const KtsCatalog2025 = "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)"

/**
 * One district (165), one A1 school, one 2024-25 calendar with one structure,
 * two semesters (Aug 14–Dec 20, Jan 6–May 22), LID May 22, grades 09–12 (14
 * excluded), one active KTS course with one section placed in both terms, a
 * primary teacher (personID 1000), and one student (personID 2000, state ID
 * 1000000001) with an open roster row and an open primary enrollment.
 */
export const baseBundle = (): BundleRows => ({
  district: [{ districtID: 1, number: "165", name: "Example County" }],
  school: [{ schoolID: 10, districtID: 1, number: "010", name: "Example High", stateClassification: "A1" }],
  calendar: [{
    calendarID: 100,
    schoolID: 10,
    name: "24-25 Example High",
    endYear: 2025,
    startDate: "2024-08-01",
    endDate: "2025-06-30",
    summerSchool: 0,
    exclude: 0
  }],
  scheduleStructure: [{ structureID: 200, calendarID: 100, name: "Main" }],
  day: [
    { calendarID: 100, structureID: 200, date: "2024-08-14", instruction: 1 },
    { calendarID: 100, structureID: 200, date: "2025-05-22", instruction: 1 },
    { calendarID: 100, structureID: 200, date: "2025-05-23", instruction: 0 }
  ],
  gradeLevel: [
    { gradeLevelID: 1, calendarID: 100, structureID: 200, name: "Grade 10", stateGrade: "10", excludeEnrollment: 0 },
    { gradeLevelID: 2, calendarID: 100, structureID: 200, name: "Grade 9", stateGrade: "09", excludeEnrollment: 0 },
    { gradeLevelID: 3, calendarID: 100, structureID: 200, name: "Grade 12", stateGrade: "12", excludeEnrollment: 0 },
    { gradeLevelID: 4, calendarID: 100, structureID: 200, name: "Grade 14", stateGrade: "14", excludeEnrollment: 1 }
  ],
  term: [
    { termID: 301, structureID: 200, name: "S1", seq: 1, startDate: "2024-08-14", endDate: "2024-12-20" },
    { termID: 302, structureID: 200, name: "S2", seq: 2, startDate: "2025-01-06", endDate: "2025-05-22" }
  ],
  trial: [{ trialID: 400, structureID: 200, name: "Active", active: 1 }],
  courseCatalog: [{ catalogID: 1, name: KtsCatalog2025 }, { catalogID: 2, name: "Example local catalog" }],
  courseMaster: [{ courseMasterID: 1, catalogID: 1, number: "0456V", name: "Welding I", stateCode: "480101" }],
  course: [{
    courseID: 500,
    calendarID: 100,
    courseMasterID: 1,
    number: "0456V",
    name: "Welding I",
    active: 1,
    stateCode: "480101",
    teachingMethod: "02",
    instructionalSetting: "02",
    type: "PB",
    difficultyLevel: "DC",
    responsive: 1
  }],
  campusAttribute: [{ attributeID: 1, object: "Course", element: "KTSTechID" }],
  customCourse: [{ customID: 1, courseID: 500, attributeID: 1, value: "T-77" }],
  section: [{
    sectionID: 600,
    courseID: 500,
    trialID: 400,
    number: 1,
    coreContent: "101",
    instructionalSetting: null,
    specialType: "02",
    crossSiteEnrollment: null
  }],
  sectionPlacement: [
    { placementID: 700, sectionID: 600, termID: 301, periodID: 1 },
    { placementID: 701, sectionID: 600, termID: 302, periodID: 1 }
  ],
  person: [
    { personID: 1000, stateID: null, firstName: "Tina", lastName: "Teacher" },
    {
      personID: 2000,
      stateID: "1000000001",
      studentNumber: "S2000",
      firstName: "Ada",
      lastName: "Lovelace",
      legalFirstName: "Augusta",
      legalLastName: "Byron",
      gender: "F",
      raceEthnicity: "6",
      birthDate: "2008-12-10",
      homePrimaryLanguage: "0400"
    }
  ],
  sectionStaffHistory: [{ historyID: 800, sectionID: 600, personID: 1000, staffType: "P", startDate: null, endDate: null }],
  roster: [{ rosterID: 900, sectionID: 600, personID: 2000, startDate: "2024-08-14", endDate: null }],
  enrollment: [{
    enrollmentID: 3000,
    personID: 2000,
    calendarID: 100,
    structureID: 200,
    grade: "10",
    serviceType: "P",
    startDate: "2024-08-14",
    endDate: null,
    startStatus: "E01",
    endStatus: null,
    noShow: 0,
    stateExclude: 0
  }]
})

/** A student with a roster row in section 600 and an enrollment in calendar 100 / structure 200. */
export const addStudent = (
  bundle: BundleRows,
  student: {
    personID: number
    stateID?: string | null
    firstName?: string
    lastName?: string
    roster?: Partial<BundleRow>
    enrollment?: Partial<BundleRow> | null
    person?: Partial<BundleRow>
    sectionID?: number
  }
): void => {
  ;(bundle.person ??= []).push({
    personID: student.personID,
    stateID: student.stateID === undefined ? String(1000000000 + student.personID) : student.stateID,
    firstName: student.firstName ?? `First${student.personID}`,
    lastName: student.lastName ?? `Last${student.personID}`,
    gender: "M",
    raceEthnicity: "1",
    homePrimaryLanguage: "0400",
    ...student.person
  })
  ;(bundle.roster ??= []).push({
    rosterID: 90000 + student.personID,
    sectionID: student.sectionID ?? 600,
    personID: student.personID,
    startDate: "2024-08-14",
    endDate: null,
    ...student.roster
  })
  if (student.enrollment !== null) {
    ;(bundle.enrollment ??= []).push({
      enrollmentID: 30000 + student.personID,
      personID: student.personID,
      calendarID: 100,
      structureID: 200,
      grade: "11",
      serviceType: "P",
      startDate: "2024-08-14",
      endDate: null,
      startStatus: "E01",
      endStatus: null,
      noShow: 0,
      stateExclude: 0,
      ...student.enrollment
    })
  }
}

/** Merges fields into the row of `table` whose `key` column equals `id`. */
export const edit = (bundle: BundleRows, table: TableName, key: string, id: number, fields: BundleRow): void => {
  const row = bundle[table]?.find((candidate) => candidate[key] === id)
  if (row === undefined) throw new Error(`no ${table} row with ${key} ${id}`)
  Object.assign(row, fields)
}

const fieldText = (value: BundleRow[string]): string =>
  value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "1" : "0") : String(value)

/** Writes the bundle's tables as `<table>.csv` files (every column of the table, LF line endings). */
export const writeBundle = (dir: string, bundle: BundleRows): void => {
  mkdirSync(dir, { recursive: true })
  for (const table of Tables) {
    const rows = bundle[table.name as TableName]
    if (rows === undefined || rows.length === 0) continue
    const columns = Object.keys(table.columns)
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!columns.includes(key)) throw new Error(`${table.name} has no column ${key}`)
      }
    }
    const lines = [columns.join(","), ...rows.map((row) => columns.map((column) => csvField(fieldText(row[column]))).join(","))]
    writeFileSync(join(dir, `${table.name}.csv`), lines.join("\n") + "\n")
  }
}

/** A temporary folder, removed by `cleanup`. */
export const makeWorkDir = (): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "lead-extract-test-"))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Writes the bundle, imports it into a new store file, and returns the open store. */
export const storeFromBundle = (dir: string, bundle: BundleRows): StoreConnection => {
  const id = Math.random().toString(36).slice(2)
  const bundleDir = join(dir, `bundle-${id}`)
  writeBundle(bundleDir, bundle)
  const path = join(dir, `store-${id}.db`)
  const outcome = importBundleIntoFile(path, bundleDir)
  if (!outcome.ok) {
    throw new Error(`fixture bundle does not import:\n${JSON.stringify(outcome.problems, null, 2)}`)
  }
  return connectStore(path)
}

/** A parsed report: header and rows as header → value records. */
export interface ParsedReport {
  readonly result: LeadExtractResult
  readonly header: Array<string>
  readonly rows: Array<Record<string, string>>
  readonly text: string
  readonly outDir: string
}

/** The standard run time of the tests. */
export const AsOf = "2025-03-01T10:15"

/** Runs the whole pipeline: bundle → import → report (CSV) → papaparse. */
export const runBundle = async (
  dir: string,
  bundle: BundleRows,
  options: Partial<LeadExtractOptions> = {}
): Promise<ParsedReport> => {
  const db = storeFromBundle(dir, bundle)
  try {
    const outDir = join(dir, `out-${Math.random().toString(36).slice(2)}`)
    const result = await runLeadExtract(db, { endYear: 2025, asOf: AsOf, outDir, ...options })
    const csvFile = result.files.find((file) => file.endsWith(".csv"))
    if (csvFile === undefined) return { result, header: [], rows: [], text: "", outDir }
    const text = readFileSync(csvFile, "utf8")
    return { result, ...parseReport(text), text, outDir }
  } finally {
    db.close()
  }
}

/** Parses report CSV text (CRLF) into header and records; checks every record has 59 fields. */
export const parseReport = (text: string): { header: Array<string>; rows: Array<Record<string, string>> } => {
  const parsed = Papa.parse<Array<string>>(text, { newline: "\r\n", skipEmptyLines: false })
  if (parsed.errors.length > 0) throw new Error(`CSV does not parse: ${JSON.stringify(parsed.errors)}`)
  const records = parsed.data
  // The file ends with CRLF, which papaparse reads as one trailing empty record.
  const last = records[records.length - 1]
  if (last !== undefined && last.length === 1 && last[0] === "") records.pop()
  const [header, ...body] = records
  if (header === undefined) throw new Error("no header row")
  for (const record of body) {
    if (record.length !== LeadColumns.length) throw new Error(`a record has ${record.length} fields`)
  }
  return {
    header,
    rows: body.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index] ?? ""])))
  }
}

/**
 * Adds another school with the same shape as the base scenario: its own
 * calendar, structure, terms, trial, course and one section (IDs offset by
 * `n * 10000`), with one student (personID `n * 10000 + 2000`). The district
 * is added when new.
 */
export const addSchool = (
  bundle: BundleRows,
  n: number,
  options: {
    districtID?: number
    districtNumber?: string
    schoolNumber?: string
    calendarName?: string
    courseNumber?: string
    sectionNumber?: number
    lastName?: string
  } = {}
): { sectionID: number; personID: number; calendarID: number } => {
  const at = n * 10000
  const districtID = options.districtID ?? 1
  if (!(bundle.district ?? []).some((row) => row.districtID === districtID)) {
    ;(bundle.district ??= []).push({ districtID, number: options.districtNumber ?? String(districtID).padStart(3, "0"), name: `District ${districtID}` })
  }
  const push = (table: TableName, row: BundleRow) => (bundle[table] ??= []).push(row)
  push("school", { schoolID: at + 10, districtID, number: options.schoolNumber ?? String(n).padStart(3, "0"), name: `School ${n}`, stateClassification: "A1" })
  push("calendar", { calendarID: at + 100, schoolID: at + 10, name: options.calendarName ?? `24-25 School ${n}`, endYear: 2025, startDate: "2024-08-01", endDate: "2025-06-30", summerSchool: 0, exclude: 0 })
  push("scheduleStructure", { structureID: at + 200, calendarID: at + 100, name: "Main" })
  push("day", { calendarID: at + 100, structureID: at + 200, date: "2025-05-22", instruction: 1 })
  push("term", { termID: at + 301, structureID: at + 200, name: "Year", seq: 1, startDate: "2024-08-14", endDate: "2025-05-22" })
  push("trial", { trialID: at + 400, structureID: at + 200, name: "Active", active: 1 })
  push("course", { courseID: at + 500, calendarID: at + 100, courseMasterID: null, number: options.courseNumber ?? "1000", name: `Course ${n}`, active: 1, responsive: 0 })
  push("section", { sectionID: at + 600, courseID: at + 500, trialID: at + 400, number: options.sectionNumber ?? 1 })
  push("sectionPlacement", { placementID: at + 700, sectionID: at + 600, termID: at + 301 })
  const personID = at + 2000
  push("person", { personID, stateID: String(2000000000 + personID), firstName: `First${n}`, lastName: options.lastName ?? `Last${n}` })
  push("roster", { rosterID: at + 900, sectionID: at + 600, personID, startDate: "2024-08-14", endDate: null })
  push("enrollment", { enrollmentID: at + 3000, personID, calendarID: at + 100, structureID: at + 200, grade: "09", serviceType: "P", startDate: "2024-08-14", endDate: null })
  return { sectionID: at + 600, personID, calendarID: at + 100 }
}

/** Adds another section of course 500 (calendar 100, trial 400) placed in both base terms. */
export const addSection = (
  bundle: BundleRows,
  sectionID: number,
  fields: Partial<BundleRow> = {},
  placements: ReadonlyArray<number> = [301, 302]
): void => {
  ;(bundle.section ??= []).push({ sectionID, courseID: 500, trialID: 400, number: sectionID, ...fields })
  placements.forEach((termID, index) =>
    (bundle.sectionPlacement ??= []).push({ placementID: sectionID * 10 + index, sectionID, termID })
  )
}
