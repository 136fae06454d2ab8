/**
 * Tiny exchange worlds for the CLI tests: a technical-school bundle and one or
 * two district bundles written as CSV folders, imported with the built `kts`,
 * and an exchange.json naming them. Between nights a test edits a database
 * through the store's access API (what the high school's next-day delta would
 * bring), and dumps every table to compare runs.
 */
import { connectStore } from "@kts/store"
import { Tables } from "@kts/domain"
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { kts, tempDir } from "../runKts.js"

/** A field value as a test writes it. */
export type Field = string | number | boolean | null

/** Rows per table name. */
export type TableRows = Record<string, Array<Record<string, Field>>>

const csvField = (value: Field): string => {
  if (value === null) return ""
  if (typeof value === "boolean") return value ? "1" : "0"
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll("\"", "\"\"")}"` : text
}

/** Writes `tables` as a bundle folder (header: the union of the rows' keys). */
export const writeBundle = (dir: string, tables: TableRows): void => {
  mkdirSync(dir, { recursive: true })
  for (const [table, rows] of Object.entries(tables)) {
    if (rows.length === 0) continue
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
    const lines = [columns.join(","), ...rows.map((row) => columns.map((column) => csvField(row[column] ?? null)).join(","))]
    writeFileSync(join(dir, `${table}.csv`), `${lines.join("\n")}\n`)
  }
}

/** The three CTE tasks, ids 1–3, in every database. */
export const cteTasks = () => [
  { taskID: 1, name: "CTE Term Grade" },
  { taskID: 2, name: "CTE Final Grade" },
  { taskID: 3, name: "CTE Final Exam" }
]

/** A score group of letter grades (id 1). */
export const letterGroup = () => ({
  scoreGroup: [{ scoreGroupID: 1, name: "Letters" }],
  scoreGroupItem: ["A", "B", "C", "D", "F"].map((score, index) => ({
    itemID: index + 1,
    scoreGroupID: 1,
    seq: index + 1,
    score,
    minPercent: null,
    gpaValue: null,
    passing: score !== "F"
  }))
})

/** A student of the world: the same state ID in every database. */
export interface Student {
  readonly stateID: string | null
  readonly first: string
  readonly last: string
}

/** The technical school 902-030 with tech sections 10 and 11 (course T100, SY 24-25; terms 1 and 2). */
export const techBundle = (options: {
  /** Tech persons already present (e.g. with grades or attendance), personIDs from 1. */
  readonly persons?: ReadonlyArray<Student>
  readonly extra?: TableRows
} = {}): TableRows => {
  const tables: TableRows = {
    district: [{ districtID: 1, number: "902", name: "Tech District" }],
    school: [{ schoolID: 1, districtID: 1, number: "030", name: "Central Tech" }],
    calendar: [{ calendarID: 1, schoolID: 1, name: "24-25 Tech", endYear: 2025, startDate: "2024-08-01", endDate: "2025-05-30", summerSchool: false, exclude: false }],
    scheduleStructure: [{ structureID: 1, calendarID: 1, name: "Main" }],
    term: [
      { termID: 1, structureID: 1, name: "T1", seq: 1, startDate: "2024-08-01", endDate: "2024-12-20" },
      { termID: 2, structureID: 1, name: "T2", seq: 2, startDate: "2025-01-06", endDate: "2025-05-30" }
    ],
    trial: [{ trialID: 1, structureID: 1, name: "Active", active: true }],
    courseCatalog: [{ catalogID: 1, name: "24-25 KTS Course Catalog (TECH SCHOOLS ONLY)" }],
    courseMaster: [{ courseMasterID: 1, catalogID: 1, number: "T100", name: "Welding", stateCode: "480508" }],
    course: [{ courseID: 1, calendarID: 1, courseMasterID: 1, number: "T100", name: "Welding I", active: true, stateCode: "480508" }],
    section: [
      { sectionID: 10, courseID: 1, trialID: 1, number: 1 },
      { sectionID: 11, courseID: 1, trialID: 1, number: 2 }
    ],
    sectionPlacement: [
      { placementID: 1, sectionID: 10, termID: 1 },
      { placementID: 2, sectionID: 10, termID: 2 },
      { placementID: 3, sectionID: 11, termID: 1 }
    ],
    gradingTask: cteTasks(),
    ...letterGroup(),
    courseGradingTask: [{ courseGradingTaskID: 1, courseID: 1, taskID: 1, scoreGroupID: 1 }],
    courseGradingTaskTerm: [
      { courseGradingTaskID: 1, termID: 1, termMask: true, activeMask: true },
      { courseGradingTaskID: 1, termID: 2, termMask: true, activeMask: false }
    ],
    person: (options.persons ?? []).map((student, index) => ({
      personID: index + 1,
      stateID: student.stateID,
      firstName: student.first,
      lastName: student.last
    }))
  }
  return merge(tables, options.extra ?? {})
}

/** Adds `extra`'s rows to `tables`. */
export const merge = (tables: TableRows, extra: TableRows): TableRows => {
  const result: TableRows = { ...tables }
  for (const [table, rows] of Object.entries(extra)) result[table] = [...(result[table] ?? []), ...rows]
  return result
}

/** The KTSTechID of tech section `sectionID` of 902-030. */
export const techID = (sectionID: number): string => `902-030-${sectionID}`

/**
 * A district database with high school `{district}-{school}`: SY 24-25 (terms 1 and
 * 2 like the tech's), the KTS catalog with the masters publish would write, and
 * for each KTS course a course built on its master naming `ktsTechID`, with
 * `sections` sections and the students rostered and enrolled on the first.
 */
export const districtBundle = (options: {
  readonly district: string
  readonly school: string
  readonly courses?: ReadonlyArray<{
    readonly number: string
    readonly ktsTechID: string
    readonly sections?: number
    readonly students?: ReadonlyArray<Student>
    /** Persons rostered without an enrollment. */
    readonly unenrolled?: ReadonlyArray<Student>
    /** The course gets a CTE Term Grade task with term 2 active (default true). */
    readonly gradingTask?: boolean
  }>
  readonly extra?: TableRows
}): TableRows => {
  const tables: TableRows = {
    district: [{ districtID: 1, number: options.district, name: `District ${options.district}` }],
    school: [{ schoolID: 1, districtID: 1, number: options.school, name: `High ${options.school}` }],
    calendar: [{ calendarID: 1, schoolID: 1, name: "24-25 High", endYear: 2025, startDate: "2024-08-01", endDate: "2025-05-30", summerSchool: false, exclude: false }],
    scheduleStructure: [{ structureID: 1, calendarID: 1, name: "Main" }],
    term: [
      { termID: 1, structureID: 1, name: "S1", seq: 1, startDate: "2024-08-01", endDate: "2024-12-20" },
      { termID: 2, structureID: 1, name: "S2", seq: 2, startDate: "2025-01-06", endDate: "2025-05-30" }
    ],
    trial: [{ trialID: 1, structureID: 1, name: "Active", active: true }],
    campusAttribute: [{ attributeID: 1, object: "Course", element: "KTSTechID" }],
    gradingTask: cteTasks(),
    ...letterGroup(),
    courseCatalog: [],
    courseMaster: [],
    course: [],
    customCourse: [],
    section: [],
    person: [],
    enrollment: [],
    roster: [],
    courseGradingTask: [],
    courseGradingTaskTerm: []
  }
  let personID = 0
  let sectionID = 100
  ;(options.courses ?? []).forEach((course, index) => {
    if (tables["courseCatalog"]!.length === 0) tables["courseCatalog"]!.push({ catalogID: 1, name: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)" })
    const id = index + 1
    tables["courseMaster"]!.push({ courseMasterID: id, catalogID: 1, number: course.number, name: `Master ${course.number}`, ktsTechID: course.ktsTechID })
    tables["course"]!.push({ courseID: id, calendarID: 1, courseMasterID: id, number: course.number, name: `KTS ${course.number}`, active: true })
    tables["customCourse"]!.push({ customID: id, courseID: id, attributeID: 1, value: course.ktsTechID })
    const sectionIDs: Array<number> = []
    for (let number = 1; number <= (course.sections ?? 1); number++) {
      sectionIDs.push(++sectionID)
      tables["section"]!.push({ sectionID, courseID: id, trialID: 1, number })
    }
    if (course.gradingTask !== false) {
      tables["courseGradingTask"]!.push({ courseGradingTaskID: id, courseID: id, taskID: 1, scoreGroupID: 1 })
      tables["courseGradingTaskTerm"]!.push(
        { courseGradingTaskID: id, termID: 1, termMask: true, activeMask: true },
        { courseGradingTaskID: id, termID: 2, termMask: true, activeMask: false }
      )
    }
    const first = sectionIDs[0]
    for (const [students, enrolled] of [[course.students ?? [], true], [course.unenrolled ?? [], false]] as const) {
      for (const student of students) {
        personID++
        tables["person"]!.push({ personID, stateID: student.stateID, firstName: student.first, lastName: student.last, gender: "F" })
        if (enrolled) {
          tables["enrollment"]!.push({
            enrollmentID: personID, personID, calendarID: 1, structureID: 1, grade: "11", serviceType: "P",
            startDate: "2024-08-01", endDate: null, noShow: false, stateExclude: false
          })
        }
        if (first !== undefined) {
          tables["roster"]!.push({ rosterID: personID, sectionID: first, personID, startDate: "2024-08-01", endDate: null })
        }
      }
    }
  })
  return merge(tables, options.extra ?? {})
}

/** A world on disk: its folder, its exchange.json and each database's store file. */
export interface World {
  readonly dir: string
  readonly config: string
  readonly db: Readonly<Record<string, string>>
}

/** The world in `dir`, its databases as its exchange.json names them (a generated world, or a copy). */
export const worldAt = (dir: string): World => {
  const config = join(dir, "exchange.json")
  const databases = (JSON.parse(readFileSync(config, "utf8")) as { databases: Record<string, string> }).databases
  return { dir, config, db: Object.fromEntries(Object.entries(databases).map(([name, path]) => [name, join(dir, path)])) }
}

/** A copy of a world in a new folder (its databases as they are now). */
export const cloneWorld = (world: World): World => {
  const dir = tempDir("kts-exchange-clone-")
  cpSync(world.dir, dir, { recursive: true })
  return worldAt(dir)
}

/** A link as exchange.json writes it. */
export interface WorldLink {
  readonly tech?: { database: string; district: string; school: string }
  readonly highSchool: { database: string; district: string; school: string }
  readonly attendanceSync?: boolean
}

/** Writes and imports the bundles, writes exchange.json. */
export const makeWorld = (bundles: Record<string, TableRows>, links: ReadonlyArray<WorldLink>, extraConfig: Record<string, unknown> = {}): World => {
  const dir = tempDir("kts-exchange-")
  const db: Record<string, string> = {}
  for (const [name, tables] of Object.entries(bundles)) {
    const bundle = join(dir, "bundles", name)
    writeBundle(bundle, tables)
    db[name] = join(dir, `${name}.db`)
    const run = kts("import", bundle, "--db", db[name]!)
    if (run.status !== 0) throw new Error(`import of ${name} failed: ${run.stderr}${run.stdout}`)
  }
  const config = join(dir, "exchange.json")
  writeFileSync(config, JSON.stringify({
    databases: Object.fromEntries(Object.keys(bundles).map((name) => [name, `${name}.db`])),
    links: links.map((link) => ({
      tech: link.tech ?? { database: "tech", district: "902", school: "030" },
      highSchool: link.highSchool,
      ...(link.attendanceSync === undefined ? {} : { attendanceSync: link.attendanceSync })
    })),
    ...extraConfig
  }, null, 2))
  return { dir, config, db }
}

/** Every table of a store, rows in key order; `exchangeRun.finishedAt` (a wall-clock time) left out. */
export const dumpStore = (path: string): Record<string, Array<Record<string, unknown>>> => {
  const store = connectStore(path, { readonly: true })
  try {
    const dump: Record<string, Array<Record<string, unknown>>> = {}
    for (const table of Tables) {
      const rows = store.rows(table) as Array<Record<string, unknown>>
      const key = Object.keys(table.columns)
      rows.sort((a, b) => {
        for (const column of key) {
          const x = a[column] as string | number | null
          const y = b[column] as string | number | null
          if (x === y) continue
          if (x === null) return -1
          if (y === null) return 1
          return x < y ? -1 : 1
        }
        return 0
      })
      dump[table.name] = table.name === "exchangeRun" ? rows.map(({ finishedAt: _, ...rest }) => rest) : rows
    }
    return dump
  } finally {
    store.close()
  }
}

/** Every database of a world dumped. */
export const dumpWorld = (world: World): Record<string, ReturnType<typeof dumpStore>> =>
  Object.fromEntries(Object.entries(world.db).map(([name, path]) => [name, dumpStore(path)]))

/** Rows of one table of a store (decoded records). */
export const rowsOf = (path: string, table: string): Array<Record<string, unknown>> => dumpStore(path)[table] ?? []

/** Runs SQL statements on a store (a school's edits between nights). */
export const editStore = (path: string, statements: ReadonlyArray<readonly [string, ReadonlyArray<string | number | null>]>): void => {
  const store = connectStore(path)
  try {
    store.transaction(() => {
      for (const [sql, params] of statements) store.run(sql, params)
    })
  } finally {
    store.close()
  }
}

/** Runs `kts exchange run` for `night` on the world (extra flags after). */
export const runNight = (world: World, night: string, ...flags: Array<string>) =>
  kts("exchange", "run", "--config", world.config, "--date", night, ...flags)
