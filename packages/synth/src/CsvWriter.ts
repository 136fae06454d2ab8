/**
 * Streaming CSV output: one buffered file per bundle table. Rows are encoded
 * as they are made and handed to the file in ~64 KB chunks, so no table is
 * ever held whole in memory; `settle()` waits for the disk when a stream's
 * buffer is full (backpressure).
 */
import { createWriteStream, type WriteStream } from "node:fs"
import { join } from "node:path"
import * as Domain from "@kts/domain"
import { Tables, type RowOf, type TableSpec } from "@kts/domain"

const CHUNK = 64 * 1024
const NEEDS_QUOTES = /[",\r\n]/

/** One CSV field as RFC 4180 wants it: quoted only when it holds a comma, quote or line break. */
export const encodeField = (value: string | number | boolean | null): string => {
  if (value === null) return ""
  if (typeof value === "boolean") return value ? "1" : "0"
  if (typeof value === "number") return String(value)
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll("\"", "\"\"")}"` : value
}

/** The output file of one table. */
export class TableSink<T extends TableSpec> {
  readonly file: string
  rows = 0
  private readonly columns: ReadonlyArray<string>
  private readonly stream: WriteStream
  private buffer: string
  private full = false
  private failure: Error | undefined

  constructor(readonly table: T, directory: string) {
    this.columns = Object.keys(table.columns)
    this.file = join(directory, `${table.name}.csv`)
    this.stream = createWriteStream(this.file, { encoding: "utf8" })
    this.stream.on("error", (error) => {
      this.failure = error
    })
    this.buffer = `${this.columns.join(",")}\n`
  }

  /** Appends one row; its fields are written in the table's column order. */
  add(row: RowOf<T>): void {
    const record = row as Record<string, string | number | boolean | null>
    let line = ""
    for (let index = 0; index < this.columns.length; index++) {
      if (index > 0) line += ","
      line += encodeField(record[this.columns[index] as string] as string | number | boolean | null)
    }
    this.buffer += `${line}\n`
    this.rows++
    if (this.buffer.length >= CHUNK) this.flush()
  }

  private flush(): void {
    if (this.buffer.length === 0) return
    if (!this.stream.write(this.buffer)) this.full = true
    this.buffer = ""
  }

  /** Waits until the stream has room again, if it reported itself full. */
  async settle(): Promise<void> {
    if (this.failure !== undefined) throw this.failure
    if (!this.full) return
    this.full = false
    if (!this.stream.writableNeedDrain) return
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        this.stream.off("error", onError)
        resolve()
      }
      const onError = (error: Error) => {
        this.stream.off("drain", onDrain)
        reject(error)
      }
      this.stream.once("drain", onDrain)
      this.stream.once("error", onError)
    })
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    this.flush()
    if (this.failure !== undefined) throw this.failure
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()))
    })
  }

  /** Closes the file without caring about errors (after a failure elsewhere). */
  destroy(): void {
    this.stream.destroy()
  }
}

type AnyTable = (typeof Tables)[number]

/**
 * The table declarations by name. The domain's table names are plain strings
 * at the type level, so sinks are typed through the exported declarations.
 */
const BY_NAME = {
  district: Domain.district, school: Domain.school, calendar: Domain.calendar, scheduleStructure: Domain.scheduleStructure,
  day: Domain.day, gradeLevel: Domain.gradeLevel, term: Domain.term, trial: Domain.trial, courseCatalog: Domain.courseCatalog,
  courseMaster: Domain.courseMaster, course: Domain.course, campusAttribute: Domain.campusAttribute, customCourse: Domain.customCourse,
  section: Domain.section, sectionPlacement: Domain.sectionPlacement, person: Domain.person, sectionStaffHistory: Domain.sectionStaffHistory,
  roster: Domain.roster, enrollment: Domain.enrollment, planType: Domain.planType, plan: Domain.plan, teamMember: Domain.teamMember,
  lep: Domain.lep, lepService: Domain.lepService, lepAccommodation: Domain.lepAccommodation, gifted: Domain.gifted, migrant: Domain.migrant,
  fram: Domain.fram, homeless: Domain.homeless, fosterCare: Domain.fosterCare, militaryConnection: Domain.militaryConnection,
  attendanceGroup: Domain.attendanceGroup, gradingTask: Domain.gradingTask, scoreGroup: Domain.scoreGroup, scoreGroupItem: Domain.scoreGroupItem,
  courseGradingTask: Domain.courseGradingTask, courseGradingTaskTerm: Domain.courseGradingTaskTerm, gradeCalcOption: Domain.gradeCalcOption,
  gradingScore: Domain.gradingScore, reportCardTemplate: Domain.reportCardTemplate, reportCardTemplateTask: Domain.reportCardTemplateTask,
  attendance: Domain.attendance, processAlert: Domain.processAlert, exchangeRun: Domain.exchangeRun,
  exchangeHold: Domain.exchangeHold, disclosure: Domain.disclosure
} as const

/** A sink per table, addressed by table name: `bundle.roster.add({...})`. */
export type BundleSinks = { readonly [K in keyof typeof BY_NAME]: TableSink<(typeof BY_NAME)[K]> }

/** Every table's file in `directory`, open for writing. */
export class BundleWriter {
  readonly sinks: BundleSinks
  private readonly all: ReadonlyArray<TableSink<AnyTable>>

  constructor(directory: string) {
    const byName: Record<string, TableSink<AnyTable>> = {}
    const all: Array<TableSink<AnyTable>> = []
    for (const table of Tables) {
      if (!(table.name in BY_NAME)) throw new Error(`no sink declared for table ${table.name}`)
      const sink = new TableSink<AnyTable>(table, directory)
      byName[table.name] = sink
      all.push(sink)
    }
    this.sinks = byName as unknown as BundleSinks
    this.all = all
  }

  /** Lets full streams drain; call between units of work to bound memory. */
  async settle(): Promise<void> {
    for (const sink of this.all) await sink.settle()
  }

  async close(): Promise<void> {
    for (const sink of this.all) await sink.close()
  }

  destroy(): void {
    for (const sink of this.all) sink.destroy()
  }

  /** Rows written per table, every table present. */
  rowCounts(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const sink of this.all) counts[sink.table.name] = sink.rows
    return counts
  }

  files(): Array<string> {
    return this.all.map((sink) => sink.file)
  }
}
