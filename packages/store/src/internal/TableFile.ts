/**
 * Reading one table's CSV file with every check that needs only the file itself:
 * the header, CSV syntax, field counts, each field's type, repeated keys within
 * the file and the row's own date order. The full import and the delta load both
 * read their files through here; what a row refers to is each caller's business
 * (in-memory id sets for a full import, SQL for a delta).
 */
import { fieldProblem, INVALID_FIELD, readFieldValue, type StoredValue, type TableSpec } from "@kts/domain"
import { CsvReader } from "../CsvReader.js"
import type { ImportProblem } from "../ImportProblem.js"
import type { IdSet } from "./IdSet.js"

/** Where problems go (the caller counts and caps them). */
export type ProblemSink = (problem: ImportProblem) => void

/** What to read and which repeats to reject. */
export interface TableFileOptions {
  readonly table: TableSpec
  readonly path: string
  /** The name problems are reported under: `roster.csv`, `deleted/section.csv`. */
  readonly file: string
  /**
   * The file holds exactly these columns, all required (a deletion file holds
   * the key columns). Without it, the table's columns under the bundle's header
   * rules: optional and bool columns may be left out.
   */
  readonly onlyColumns?: ReadonlyArray<string>
  /** Ids of the primary key seen so far (filled as rows are read); a repeat is a problem. */
  readonly primaryKeyIds?: IdSet
  /** Columns whose combined values must not repeat within the file. */
  readonly uniqueColumns?: ReadonlyArray<string>
  readonly sink: ProblemSink
  readonly onBytes?: (bytesRead: number) => void
}

/** One record whose fields all parsed into the right count, with its checked values. */
export interface CheckedRow {
  readonly line: number
  /** Values by column, in the order of `columnNames`. Reused for the next row: copy what you keep. */
  readonly values: Array<StoredValue>
  /** Which columns' fields did not read. Reused like `values`. */
  readonly failed: Array<boolean>
  /** True while no problem was found in the row. */
  ok: boolean
}

/** What reading a file found out beyond its rows. */
export interface TableFileResult {
  /** The column names `values` follow. */
  readonly columnNames: ReadonlyArray<string>
  /** False when the header was malformed or named unknown, repeated or too few columns (no row was read). */
  readonly headerOk: boolean
  /**
   * Some record's key could not be read (a malformed record, a wrong field
   * count, an unreadable id, an unusable header): a dangling reference to this
   * table may only point at a row already reported.
   */
  readonly unreliable: boolean
}

const PROGRESS_EVERY = 16_384

/**
 * Reads the file at `options.path`, reporting each problem to the sink, and calls
 * `onRow` for every record with the right number of fields (also when a field
 * failed: `row.ok` says so).
 */
export const readTableFile = (options: TableFileOptions, onRow: (row: CheckedRow) => void): TableFileResult => {
  const { file, sink, table } = options
  const columnNames = options.onlyColumns ?? Object.keys(table.columns)
  const columns = columnNames.map((name) => table.columns[name]!)
  const reader = new CsvReader(options.path)
  try {
    const header = reader.next()
    if (header === null) return { columnNames, headerOk: true, unreliable: false } // an empty file is an empty table
    const columnAt = readHeader(options, columnNames, header)
    if (columnAt === null) return { columnNames, headerOk: false, unreliable: true }
    const primaryKey = columnNames.findIndex((name) => table.columns[name]!.primaryKey)
    const pkIds = primaryKey >= 0 ? options.primaryKeyIds : undefined
    const uniqueIndexes = options.uniqueColumns?.map((name) => columnNames.indexOf(name))
    const uniqueSeen = new Set<string>()
    const row: CheckedRow = {
      line: 0,
      values: columns.map((column) => (column.kind === "bool" ? 0 : null)),
      failed: columns.map(() => false),
      ok: true
    }
    const values = row.values
    const failed = row.failed
    let unreliable = false
    let sinceProgress = 0

    for (let item = reader.next(); item !== null; item = reader.next()) {
      if (++sinceProgress === PROGRESS_EVERY) {
        sinceProgress = 0
        options.onBytes?.(reader.bytesRead)
      }
      if (item.kind === "malformed") {
        unreliable = true
        sink({ file, line: item.line, column: null, message: item.message, value: null, privateValue: false })
        continue
      }
      const { fields, line } = item
      if (fields.length !== columnAt.length) {
        unreliable = true
        sink({
          file,
          line,
          column: null,
          message: `expected ${columnAt.length} fields, found ${fields.length}`,
          value: null,
          privateValue: false
        })
        continue
      }
      let rowOk = true
      for (let index = 0; index < fields.length; index++) {
        const columnIndex = columnAt[index]!
        const column = columns[columnIndex]!
        const text = fields[index]!
        const value = readFieldValue(column, text)
        if (value !== INVALID_FIELD) {
          values[columnIndex] = value
          failed[columnIndex] = false
          continue
        }
        failed[columnIndex] = true
        rowOk = false
        sink({
          file,
          line,
          column: columnNames[columnIndex]!,
          message: fieldProblem(column, text),
          value: text,
          privateValue: column.private
        })
      }
      if (primaryKey >= 0 && failed[primaryKey]) unreliable = true
      if (pkIds !== undefined && !failed[primaryKey]) {
        const key = values[primaryKey] as number
        if (pkIds.has(key)) {
          rowOk = false
          sink({
            file,
            line,
            column: columnNames[primaryKey]!,
            message: "duplicate key: an earlier row has the same id",
            value: String(key),
            privateValue: false
          })
        } else {
          pkIds.add(key)
        }
      }
      if (uniqueIndexes !== undefined && uniqueIndexes.every((index) => !failed[index])) {
        const key = uniqueIndexes.map((index) => String(values[index])).join("\u0000")
        if (uniqueSeen.has(key)) {
          rowOk = false
          const last = uniqueIndexes[uniqueIndexes.length - 1]!
          sink({
            file,
            line,
            column: columnNames[last]!,
            message: `duplicate key: an earlier row has the same ${options.uniqueColumns!.join(" and ")}`,
            value: String(values[last]),
            privateValue: false
          })
        } else {
          uniqueSeen.add(key)
        }
      }
      ;(row as { line: number }).line = line
      row.ok = rowOk
      onRow(row)
    }
    options.onBytes?.(reader.bytesRead)
    return { columnNames, headerOk: true, unreliable }
  } finally {
    reader.close()
  }
}

/**
 * Checks the row's own date order (start ≤ end when both are set), after
 * `readTableFile` has read it; reports and returns false when it fails.
 */
export const checkDateOrder = (
  file: string,
  row: CheckedRow,
  table: TableSpec,
  columnNames: ReadonlyArray<string>,
  sink: ProblemSink
): boolean => {
  let ok = true
  for (const rule of table.rules) {
    if (rule.kind !== "dateOrder") continue
    const start = row.values[columnNames.indexOf(rule.start)]
    const end = row.values[columnNames.indexOf(rule.end)]
    if (start === null || end === null || start === undefined || end === undefined || end >= start) continue
    ok = false
    sink({
      file,
      line: row.line,
      column: rule.end,
      message: `${rule.end} is before ${rule.start} (${start})`,
      value: String(end),
      privateValue: false
    })
  }
  return ok
}

/** Maps header positions to column indexes; null (with problems reported) when the header is unusable. */
const readHeader = (
  options: TableFileOptions,
  columnNames: ReadonlyArray<string>,
  header: NonNullable<ReturnType<CsvReader["next"]>>
): Array<number> | null => {
  const { file, table } = options
  const problem = (column: string | null, message: string) =>
    options.sink({ file, line: 1, column, message, value: null, privateValue: false })
  if (header.kind === "malformed") {
    problem(null, `${header.message} in the header`)
    return null
  }
  const columnAt: Array<number> = []
  const seen = new Set<string>()
  let usable = true
  for (const name of header.fields) {
    const index = columnNames.indexOf(name)
    if (index === -1) {
      problem(
        name,
        options.onlyColumns === undefined
          ? `unknown column: ${table.name} has no column named "${name}"`
          : `unknown column: a deletion file of ${table.name} holds only its key (${columnNames.join(", ")})`
      )
      usable = false
    } else if (seen.has(name)) {
      problem(name, "repeated column")
      usable = false
    }
    seen.add(name)
    columnAt.push(index)
  }
  for (const name of columnNames) {
    const column = table.columns[name]!
    if (seen.has(name)) continue
    if (options.onlyColumns === undefined && (column.nullable || column.kind === "bool")) continue
    problem(name, "missing required column")
    usable = false
  }
  return usable ? columnAt : null
}
