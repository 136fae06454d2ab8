/**
 * `--support-request DIR`: the request to KTS support the checklist asks for
 * when the checks do not explain a problem: `request.txt` in plain words,
 * `checks.json`, the setup rows read from both databases as bundle CSV
 * (`setup/tech/`, `setup/high-school/`, never `person.csv`) and `grades.csv`
 * by State ID. Everything is built in memory and scanned for personal data
 * before the first byte is written.
 */
import {
  course as courseTable,
  courseGradingTask as courseGradingTaskTable,
  courseGradingTaskTerm as courseGradingTaskTermTable,
  gradeCalcOption as gradeCalcOptionTable,
  gradingTask as gradingTaskTable,
  primaryKeyOf,
  processAlert as processAlertTable,
  reportCardTemplate as reportCardTemplateTable,
  reportCardTemplateTask as reportCardTemplateTaskTable,
  roster as rosterTable,
  scoreGroup as scoreGroupTable,
  scoreGroupItem as scoreGroupItemTable,
  section as sectionTable,
  type TableSpec,
  term as termTable
} from "@kts/domain"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { Schema } from "effect"
import type { CheckResult } from "./CheckResult.js"
import { csvText, type CsvValue } from "./Csv.js"
import { type PendingFile, scanForPersonalData, type ScanHit, type ScannedPerson } from "./PersonalDataScan.js"
import { CHECK_LABELS, formatJson, type GradeCheckDocument } from "./Report.js"
import type { GradeCheckSnapshot, SideRecords } from "./Snapshot.js"

/** The scan found personal data: nothing was written. Exit status 1. */
export class SupportRequestBlocked extends Schema.TaggedError<SupportRequestBlocked>()("SupportRequestBlocked", {
  folder: Schema.String,
  path: Schema.String,
  line: Schema.Number,
  rule: Schema.String,
  database: Schema.String,
  personID: Schema.Number
}) {
  override get message(): string {
    return `support request not written to ${this.folder}: ${this.path} line ${this.line} would hold a person's ${this.rule} ` +
      `(personID ${this.personID} of database "${this.database}"); nothing was written. Remove it from the data the checks read ` +
      `(a course, term or alert text) or send the checks' output without the request.`
  }
}

/** What the request is about, for request.txt. */
export type RequestTarget =
  | { readonly kind: "student"; readonly stateID: string; readonly course?: string | undefined }
  | { readonly kind: "school"; readonly district: string; readonly school: string; readonly course?: string | undefined }

type AnyRow = object

const valueOf = (row: AnyRow, column: string): unknown => (row as Record<string, unknown>)[column]

/** The setup tables written, in this order, and how to take each from a side. */
const SETUP_TABLES: ReadonlyArray<{ readonly table: TableSpec; readonly rows: (side: SideRecords, snapshot: GradeCheckSnapshot, isTech: boolean) => ReadonlyArray<AnyRow> }> = [
  { table: courseTable, rows: (side) => [side.course] },
  { table: sectionTable, rows: (side) => side.sections },
  { table: rosterTable, rows: (side) => side.roster },
  { table: termTable, rows: (side) => side.terms },
  { table: gradingTaskTable, rows: (side) => side.gradingTasks },
  { table: courseGradingTaskTable, rows: (side) => side.courseGradingTasks },
  { table: courseGradingTaskTermTable, rows: (side) => side.taskTerms },
  {
    table: scoreGroupTable,
    rows: (side, snapshot, isTech) => [...side.scoreGroups, ...(isTech && snapshot.cteNumericScoreGroup !== null ? [snapshot.cteNumericScoreGroup.scoreGroup] : [])]
  },
  {
    table: scoreGroupItemTable,
    rows: (side, snapshot, isTech) => [...side.scoreGroupItems, ...(isTech && snapshot.cteNumericScoreGroup !== null ? snapshot.cteNumericScoreGroup.items : [])]
  },
  { table: gradeCalcOptionTable, rows: (side) => side.gradeCalcOptions },
  { table: reportCardTemplateTable, rows: (side) => side.reportCardTemplates },
  { table: reportCardTemplateTaskTable, rows: (side) => side.reportCardTemplateTasks },
  { table: processAlertTable, rows: (side) => side.alerts }
]

const keyOf = (table: TableSpec, row: AnyRow): string => {
  const pk = primaryKeyOf(table)
  const columns = pk !== undefined ? [pk] : table.uniqueKey ?? Object.keys(table.columns)
  return columns.map((column) => String(valueOf(row, column))).join("\u0000")
}

const compareKeys = (table: TableSpec) => (a: AnyRow, b: AnyRow): number => {
  const pk = primaryKeyOf(table)
  const columns = pk !== undefined ? [pk] : table.uniqueKey ?? Object.keys(table.columns)
  for (const column of columns) {
    const x = valueOf(a, column) as number | string
    const y = valueOf(b, column) as number | string
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** One side's tables as bundle CSV files: the rows read, once each, in key order, in the bundle's column order. */
const setupFiles = (snapshots: ReadonlyArray<GradeCheckSnapshot>, isTech: boolean): Array<PendingFile> => {
  const folder = isTech ? "setup/tech" : "setup/high-school"
  const files: Array<PendingFile> = []
  for (const { table, rows } of SETUP_TABLES) {
    const byKey = new Map<string, AnyRow>()
    for (const snapshot of snapshots) {
      const side = isTech ? snapshot.tech : snapshot.highSchool
      if (side === null) continue
      for (const row of rows(side, snapshot, isTech)) byKey.set(`${side.database}\u0001${keyOf(table, row)}`, row)
    }
    if (byKey.size === 0) continue
    const columns = Object.keys(table.columns)
    const sorted = [...byKey.values()].sort(compareKeys(table))
    const csvRows: Array<Array<CsvValue>> = [columns, ...sorted.map((row) => columns.map((column) => (valueOf(row, column) ?? null) as CsvValue))]
    files.push({ path: `${folder}/${table.name}.csv`, kind: "csv", text: csvText(csvRows), rows: csvRows })
  }
  return files
}

const GRADE_HEADER = ["State ID", "Person ID", "Side", "School", "Course Number", "Section Number", "Task", "Term", "Score", "Percent", "Posted", "Modified Date"]

/** Both sides' grades on the pairings' sections, by State ID (technical school first). */
const gradesFile = (snapshots: ReadonlyArray<GradeCheckSnapshot>): PendingFile => {
  const rows = new Map<string, Array<CsvValue>>()
  for (const snapshot of snapshots) {
    for (const [side, label] of [[snapshot.tech, "technical school"], [snapshot.highSchool, "high school"]] as const) {
      if (side === null) continue
      const tasks = new Map(side.gradingTasks.map((task) => [task.taskID, task.name]))
      const terms = new Map(side.terms.map((term) => [term.termID, term.name]))
      const sections = new Map(side.sections.map((section) => [section.sectionID, section.number]))
      for (const score of side.scores) {
        rows.set(`${side.database}\u0000${score.scoreID}`, [
          score.stateID,
          score.personID,
          label,
          `${side.district}-${side.school}`,
          side.course.number,
          sections.get(score.sectionID) ?? null,
          tasks.get(score.taskID) ?? `taskID ${score.taskID}`,
          terms.get(score.termID) ?? `termID ${score.termID}`,
          score.score,
          score.percent,
          score.posted,
          score.modifiedDate
        ])
      }
    }
  }
  const text = (value: CsvValue) => (value === null ? "" : String(value))
  const sorted = [...rows.values()].sort((a, b) => {
    for (const index of [0, 2, 3, 4, 6, 7]) {
      const x = text(a[index]!)
      const y = text(b[index]!)
      if (x !== y) return index === 2 ? (x === "technical school" ? -1 : 1) : x < y ? -1 : 1
    }
    return 0
  })
  const csvRows = [GRADE_HEADER, ...sorted]
  return { path: "grades.csv", kind: "csv", text: csvText(csvRows), rows: csvRows }
}

const pairingLine = (snapshot: GradeCheckSnapshot): string => {
  const hs = snapshot.highSchool
  const hsSection = hs.sections.length === 1 ? ` section ${hs.sections[0]!.number}` : ` (${hs.sections.length} sections)`
  const tech = snapshot.tech
  const techText = tech === null
    ? `KTSTechID ${snapshot.ktsTechID} (no tech section found: ${snapshot.techSection.status})`
    : `technical school ${tech.district}-${tech.school} course ${tech.course.number} section ${tech.sections[0]?.number ?? "?"} (KTSTechID ${snapshot.ktsTechID})`
  return `- High school ${hs.district}-${hs.school} course ${hs.course.number}${hsSection}, paired with ${techText}`
}

const requestText = (target: RequestTarget, document: GradeCheckDocument, snapshots: ReadonlyArray<GradeCheckSnapshot>): string => {
  const lines: Array<string> = [
    "KTS Data Exchange: request for assistance",
    "",
    `Prepared with kts grade-check on ${document.asOf} for the school year ending ${document.endYear}.`,
    target.kind === "student"
      ? `Checked: the student with State ID ${target.stateID}${target.course === undefined ? "" : `, course ${target.course}`}.`
      : `Checked: high school ${target.district}-${target.school}${target.course === undefined ? "" : `, course ${target.course}`}.`,
    "",
    "Courses and sections checked:"
  ]
  if (snapshots.length === 0) lines.push("- none (no KTS course found)")
  for (const snapshot of snapshots) lines.push(pairingLine(snapshot))
  const stateIDs = [...new Set(snapshots.flatMap((snapshot) => snapshot.students.flatMap((student) => (student.stateID === null ? [] : [student.stateID]))))].sort()
  if (stateIDs.length > 0) lines.push("", `Students (State ID): ${stateIDs.join(", ")}`)
  const open = document.results.filter((result) => result.status !== "pass")
  lines.push("", open.length === 0 ? "Findings: every check passed." : `Findings (${open.length} of ${document.results.length} results do not pass):`)
  for (const result of open) lines.push(...findingLines(result))
  lines.push(
    "",
    "Attached:",
    "- checks.json: every result, machine-readable (the output of kts grade-check --json);",
    "- setup/tech/ and setup/high-school/: the rows of each database the checks read, as bundle CSV files;",
    "- grades.csv: the students' grades on both sides, by State ID.",
    "Students are identified by State ID and local person ID only."
  )
  return `${lines.join("\n")}\n`
}

const findingLines = (result: CheckResult): Array<string> => {
  const where = [
    result.highSchool?.courseNumber === null || result.highSchool === null ? null : `course ${result.highSchool.courseNumber}`,
    result.task,
    result.term === null ? null : `term ${result.term}`,
    result.stateID === null ? null : `State ID ${result.stateID}`
  ].filter((part) => part !== null).join(", ")
  const lines = [`- ${CHECK_LABELS[result.check]} (${result.check}, ${result.status}${where === "" ? "" : `; ${where}`}): ${result.finding}`]
  if (result.fix !== null) lines.push(`  Fix, by the ${result.fix.who}: ${result.fix.what}`)
  return lines
}

/** Every file of the request, in memory, paths relative to its folder. */
export const buildSupportRequest = (
  target: RequestTarget,
  document: GradeCheckDocument,
  snapshots: ReadonlyArray<GradeCheckSnapshot>
): ReadonlyArray<PendingFile> => {
  const json = formatJson(document)
  return [
    { path: "request.txt", kind: "text", text: requestText(target, document, snapshots) },
    { path: "checks.json", kind: "json", text: json, value: JSON.parse(json) as unknown },
    ...setupFiles(snapshots, true),
    ...setupFiles(snapshots, false),
    gradesFile(snapshots)
  ]
}

/** The scan's verdict as the error to raise, or null. */
export const blockedBy = (folder: string, hit: ScanHit | null): SupportRequestBlocked | null =>
  hit === null ? null : new SupportRequestBlocked({ folder, ...hit })

/** Scans the files; throws `SupportRequestBlocked` (writing nothing) on a hit. */
export const checkSupportRequest = (folder: string, files: ReadonlyArray<PendingFile>, persons: ReadonlyArray<ScannedPerson>): void => {
  const blocked = blockedBy(folder, scanForPersonalData(files, persons))
  if (blocked !== null) throw blocked
}

/** Writes the (already scanned) files under `folder`, creating it. */
export const writeSupportRequest = (folder: string, files: ReadonlyArray<PendingFile>): ReadonlyArray<string> =>
  files.map((file) => {
    const path = join(folder, file.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.text)
    return path
  })
