/**
 * `kts import`: loads a bundle (a folder of CSV files, `docs/bundle-format.md`) into a store,
 * all or nothing.
 *
 * Every file is read once, in table order, streaming. Each field is read by the
 * domain's `readField`; keys, references and the consistency rules are checked
 * against in-memory sets of the ids seen so far (a table only references tables
 * before it), so every problem is known with its file, line and column. Rows go
 * into the store inside one transaction that replaces the old data; the first
 * problem stops the writing, and any problem rolls the whole transaction back.
 * A process killed part way never commits, so the store keeps its old data.
 */
import Database from "better-sqlite3"
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync
} from "node:fs"
import { dirname, join, resolve } from "node:path"
import { primaryKeyOf, Tables, type StoredValue, type TableSpec } from "@kts/domain"
import { BundleNotFound, StoreBusy, StoreCannotOpen } from "./Errors.js"
import type { ImportProblem } from "./ImportProblem.js"
import { IdSet } from "./internal/IdSet.js"
import { connectionWriter, type RowWriter } from "./internal/RowWriter.js"
import { checkDateOrder, type CheckedRow, type ProblemSink, readTableFile } from "./internal/TableFile.js"
import { createCurrentSchema, CurrentSchemaVersion } from "./Migrations.js"
import { openStore } from "./Store.js"
import { storeFailure } from "./StoreConnection.js"

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

/** Checks a bundle folder and, when it has no problem, replaces the data of the store `db` with it. */
export const importBundle = (db: Database.Database, bundleDir: string, options: ImportOptions = {}): ImportOutcome =>
  runImport(bundleDir, connectionWriter(db), options)

/** The import itself: every check, with the rows going to `writer` while the bundle has no problem. */
const runImport = (bundleDir: string, writer: RowWriter, options: ImportOptions): ImportOutcome => {
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

/**
 * Pragmas of the new store file while it is built: no rollback journal and no
 * syncs (a failed or killed build only leaves a scratch file that is thrown
 * away), one process holding it, and room to sort the indexes.
 */
const BUILD_PRAGMAS = [
  "journal_mode = OFF",
  "synchronous = OFF",
  "locking_mode = EXCLUSIVE",
  "cache_size = -262144",
  "temp_store = MEMORY",
  "threads = 2"
]

/** The scratch file a full import builds next to the store before renaming it over the store. */
export const importScratchPath = (dbPath: string): string => `${dbPath}.importing`

const removeFile = (path: string): void => {
  if (existsSync(path)) unlinkSync(path)
}

const fsyncPath = (path: string): void => {
  const fd = openSync(path, "r")
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Opens the existing store (checked to be a store this kts can read) and takes
 * its write lock for the length of the import, so no other writer commits data
 * the import would then replace.
 */
const lockOldStore = (dbPath: string): Database.Database => {
  const old = openStore(dbPath)
  try {
    old.pragma("busy_timeout = 5000")
    old.pragma("wal_checkpoint(TRUNCATE)")
    old.exec("BEGIN IMMEDIATE")
    return old
  } catch (error) {
    old.close()
    throw storeFailure(dbPath, error)
  }
}

/**
 * Releases the old store once every change it holds is in its main file (its
 * WAL checkpointed), so that removing its WAL and SHM files loses nothing even
 * if the process dies before the rename.
 */
const releaseOldStore = (dbPath: string, old: Database.Database): void => {
  try {
    old.exec("ROLLBACK")
    const result = old.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number; log: number; checkpointed: number }>
    const row = result[0]
    if (row !== undefined && row.busy !== 0 && row.log !== row.checkpointed) throw new StoreBusy({ path: dbPath })
  } finally {
    old.close()
  }
}

/** Creates the scratch file; a failure names the store's own path. */
const createScratch = (dbPath: string, scratch: string): Database.Database => {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) removeFile(scratch + suffix) // a killed import's leftovers
  try {
    const db = new Database(scratch)
    for (const pragma of BUILD_PRAGMAS) db.pragma(pragma)
    db.exec("BEGIN")
    createCurrentSchema(db)
    db.pragma(`user_version = ${CurrentSchemaVersion}`)
    db.exec("COMMIT")
    return db
  } catch (error) {
    removeFile(scratch)
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""
    if (error instanceof TypeError || code.startsWith("SQLITE_CANTOPEN") || code === "ENOENT" || code === "EACCES") {
      throw new StoreCannotOpen({ path: dbPath, reason: error instanceof Error ? error.message : String(error) })
    }
    throw error
  }
}

/**
 * Imports a bundle into the store file at `dbPath`, creating it when missing.
 *
 * A full import is a snapshot, so it does not go through the live store's
 * transaction: the new store is built in a scratch file beside it
 * (`importScratchPath`) with the journal and syncs off, then synced to disk
 * and renamed over the old file in one step. Until the rename the old store
 * is whole and untouched (a failed import leaves it byte for byte, and a
 * failed first import leaves no file); a reader holding the old file open
 * keeps its snapshot after the rename. The old store's write lock is held
 * while the new one is built; its WAL is checkpointed into the main file, and
 * its WAL and SHM files are removed just before the rename so they are never
 * paired with the new file.
 *
 * (A writer thread for SQLite's share of the work was tried and measured slower
 * on two cores: 30 s against 23 s for the state bundle, and more memory.)
 */
export const importBundleIntoFile = (givenPath: string, bundleDir: string, options: ImportOptions = {}): ImportOutcome => {
  if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) throw new BundleNotFound({ path: bundleDir })
  const existed = existsSync(givenPath)
  // A store reached through a symlink is replaced where it lives, keeping the link.
  const dbPath = existed ? realpathSync(givenPath) : givenPath
  const old = existed ? lockOldStore(givenPath) : undefined
  const scratch = importScratchPath(dbPath)
  let db: Database.Database | undefined
  let renamed = false
  try {
    db = createScratch(dbPath, scratch)
    const outcome = importBundle(db, bundleDir, options)
    if (!outcome.ok) return outcome
    db.pragma("optimize")
    db.pragma("locking_mode = NORMAL")
    db.pragma("journal_mode = WAL")
    db.close()
    db = undefined
    if (existed) chmodSync(scratch, statSync(dbPath).mode & 0o7777) // the new store keeps the old one's permissions
    fsyncPath(scratch)
    if (old !== undefined) releaseOldStore(givenPath, old)
    removeFile(`${dbPath}-wal`)
    removeFile(`${dbPath}-shm`)
    renameSync(scratch, dbPath)
    renamed = true
    fsyncPath(dirname(resolve(dbPath)))
    return outcome
  } finally {
    db?.close()
    if (old?.open === true) {
      if (old.inTransaction) old.exec("ROLLBACK")
      old.close()
    }
    if (!renamed) {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) removeFile(scratch + suffix)
    }
  }
}
