/**
 * The checks of a full import, apart from where the rows go: every file of a
 * bundle is read once, in table order, streaming. Each field is read by the
 * domain's `readField`; keys, references and the consistency rules are checked
 * against in-memory sets of the ids seen so far (a table only references tables
 * before it), so every problem is known with its file, line and column. Good rows
 * go to a `RowWriter` while the bundle has no problem; the first problem stops
 * the writing, and the writer is rolled back when any problem was found.
 *
 * It runs on the calling thread (`importBundle`) or on the parse worker of a
 * file import (`ImportWorker`), whose writer hands the rows to the thread that
 * holds the SQLite connection. It never touches SQLite itself.
 */
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { primaryKeyOf, Tables, type StoredValue, type TableSpec } from "@kts/domain"
import { BundleNotFound } from "../Errors.js"
import type { ImportProblem } from "../ImportProblem.js"
import { IdSet } from "./IdSet.js"
import type { RowWriter } from "./RowWriter.js"
import { checkDateOrder, type CheckedRow, type ProblemSink, readTableFile } from "./TableFile.js"

/** Rows written to one table. */
export interface TableCount {
  readonly table: string
  readonly rows: number
}

/** How far an import has got, for progress bars. */
export interface ImportProgress {
  readonly table: string
  readonly bytesDone: number
  readonly bytesTotal: number
}

/** What an import did: the rows per table, or every problem that stopped it. */
export type ImportOutcome =
  | { readonly ok: true; readonly counts: ReadonlyArray<TableCount> }
  | { readonly ok: false; readonly problems: ReadonlyArray<ImportProblem>; readonly problemCount: number }

/** Options of an import. */
export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void
  /** Problems kept in the outcome; the rest are only counted. */
  readonly maxProblems?: number
  /**
   * A file import reads and checks the bundle on a worker thread while the
   * calling thread writes (default); false keeps all of it on the calling thread.
   * The outcome is the same either way.
   */
  readonly parseThread?: boolean
}


/** The ids seen so far per table, and the column values the consistency rules look up. */
interface ImportState {
  readonly keys: Map<string, IdSet>
  /**
   * Tables with a row whose id could not be read (or an unusable header):
   * references to them are not checked, since a dangling reference may only
   * point at the row already reported.
   */
  readonly unreliable: Set<string>
  /** `table.column` → (id → value), for the columns the consistency rules follow. */
  readonly lookups: Map<string, Map<number, StoredValue>>
  readonly problems: Array<ImportProblem>
  problemCount: number
  readonly maxProblems: number
}

const addProblem = (state: ImportState, problem: ImportProblem): void => {
  state.problemCount++
  if (state.problems.length < state.maxProblems) state.problems.push(problem)
}

/** The `table.column` pairs that consistency rules follow. */
const lookupColumns = (): Set<string> => {
  const needed = new Set<string>()
  for (const table of Tables) {
    for (const rule of table.rules) {
      if (rule.kind !== "samePath") continue
      for (const hop of [...rule.left, ...rule.right]) needed.add(`${hop.table}.${hop.column}`)
    }
  }
  return needed
}

/** The import itself: every check, with the rows going to `writer` while the bundle has no problem. */
export const runImport = (bundleDir: string, writer: RowWriter, options: ImportOptions): ImportOutcome => {
  if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) throw new BundleNotFound({ path: bundleDir })
  const state: ImportState = {
    keys: new Map(),
    unreliable: new Set(),
    lookups: new Map([...lookupColumns()].map((name) => [name, new Map()])),
    problems: [],
    problemCount: 0,
    maxProblems: options.maxProblems ?? 1000
  }
  const tableFiles = new Set(Tables.map((table) => `${table.name}.csv`))
  for (const entry of readdirSync(bundleDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".") || !entry.isFile()) continue // dotfiles (.DS_Store) and folders are not data
    if (!tableFiles.has(entry.name)) {
      addProblem(state, {
        file: entry.name,
        line: 1,
        column: null,
        message: "unknown file: no bundle table has this name (names are case-sensitive)",
        value: null,
        privateValue: false
      })
    }
  }
  const present = Tables.filter((table) => existsSync(join(bundleDir, `${table.name}.csv`)))
  const bytesTotal = present.reduce((sum, table) => sum + statSync(join(bundleDir, `${table.name}.csv`)).size, 0)
  let bytesBefore = 0

  try {
    writer.begin()
    const counts: Array<TableCount> = []
    for (const table of Tables) {
      const path = join(bundleDir, `${table.name}.csv`)
      let rows = 0
      if (existsSync(path)) {
        rows = importTable(writer, table, path, state, (bytesRead) =>
          options.onProgress?.({ table: table.name, bytesDone: bytesBefore + bytesRead, bytesTotal }))
        bytesBefore += statSync(path).size
      } else {
        state.keys.set(table.name, new IdSet())
        if (state.problemCount === 0) {
          writer.startTable(table.name, Object.keys(table.columns))
          writer.endTable()
        }
      }
      counts.push({ table: table.name, rows })
      if (state.problemCount === 0) options.onProgress?.({ table: table.name, bytesDone: bytesBefore, bytesTotal })
    }
    if (state.problemCount > 0) {
      writer.rollback()
      return { ok: false, problems: state.problems, problemCount: state.problemCount }
    }
    writer.commit({
      importedAt: new Date().toISOString(),
      source: bundleDir,
      rowCount: counts.reduce((sum, count) => sum + count.rows, 0)
    })
    return { ok: true, counts }
  } catch (error) {
    writer.rollback()
    throw error
  }
}

/** Validates one table's file and (while the bundle has no problem) inserts its rows; returns the row count. */
const importTable = (
  writer: RowWriter,
  table: TableSpec,
  path: string,
  state: ImportState,
  onBytes: (bytesRead: number) => void
): number => {
  const file = `${table.name}.csv`
  const columnNames = Object.keys(table.columns)
  const keys = new IdSet()
  state.keys.set(table.name, keys)
  const pkIndex = columnNames.indexOf(primaryKeyOf(table) ?? "")
  const references = Object.values(table.columns).flatMap((column, index) =>
    column.references === undefined || state.unreliable.has(column.references)
      ? []
      : [{ index, table: column.references, key: referencedKeyName(column.references), ids: state.keys.get(column.references)! }]
  )
  const recorded = columnNames.flatMap((name, index) => {
    const lookup = state.lookups.get(`${table.name}.${name}`)
    return lookup === undefined ? [] : [{ index, lookup }]
  })
  const hasRules = table.rules.length > 0
  const sink: ProblemSink = (problem) => addProblem(state, problem)
  let started = false
  let rows = 0
  const result = readTableFile(
    { table, path, file, primaryKeyIds: keys, uniqueColumns: table.uniqueKey, sink, onBytes },
    (row) => {
      if (!started) {
        started = true
        if (state.problemCount === 0) writer.startTable(table.name, columnNames)
      }
      const { failed, line, values } = row
      let rowOk = row.ok
      for (let position = 0; position < references.length; position++) {
        const reference = references[position]!
        const index = reference.index
        const value = values[index]
        if (failed[index] || value === null || reference.ids.has(value as number)) continue
        rowOk = false
        addProblem(state, {
          file,
          line,
          column: columnNames[index]!,
          message: `no ${reference.table} row has ${reference.key} ${value}`,
          value: String(value),
          privateValue: false
        })
      }
      if (rowOk && hasRules) rowOk = checkRules(file, row, table, columnNames, state)
      if (!rowOk) return
      for (const { index, lookup } of recorded) lookup.set(values[pkIndex] as number, values[index]!)
      rows++
      if (state.problemCount === 0) writer.add(values)
    }
  )
  if (result.unreliable) state.unreliable.add(table.name)
  if (!result.headerOk) return 0
  if (state.problemCount === 0) {
    if (!started) writer.startTable(table.name, columnNames)
    writer.endTable()
  }
  return rows
}

/** Checks a table's consistency rules on one row; adds problems and returns false when one fails. */
const checkRules = (
  file: string,
  row: CheckedRow,
  table: TableSpec,
  columnNames: ReadonlyArray<string>,
  state: ImportState
): boolean => {
  let ok = checkDateOrder(file, row, table, columnNames, (problem) => addProblem(state, problem))
  const values = row.values
  for (const rule of table.rules) {
    if (rule.kind !== "samePath") continue
    const left = follow(values[columnNames.indexOf(rule.leftColumn)], rule.left, state)
    const right = follow(values[columnNames.indexOf(rule.rightColumn)], rule.right, state)
    if (left === undefined || right === undefined || left === right) continue // an unknown id was reported already
    ok = false
    addProblem(state, {
      file,
      line: row.line,
      column: rule.column,
      message: rule.message,
      value: String(values[columnNames.indexOf(rule.column)]),
      privateValue: false
    })
  }
  return ok
}

const follow = (
  start: StoredValue | undefined,
  hops: ReadonlyArray<{ readonly table: string; readonly column: string }>,
  state: ImportState
): StoredValue | undefined => {
  let value = start
  for (const hop of hops) {
    if (value === null || value === undefined) return undefined
    value = state.lookups.get(`${hop.table}.${hop.column}`)?.get(value as number)
  }
  return value
}

const referencedKeyName = (tableName: string): string => {
  const table = Tables.find((candidate) => candidate.name === tableName)
  return (table === undefined ? undefined : primaryKeyOf(table)) ?? "id"
}

