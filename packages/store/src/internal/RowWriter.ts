/**
 * Where the importer's checked rows go: one transaction that clears the store,
 * takes each table's rows, builds each table's indexes once its rows are in,
 * and commits, or rolls everything back.
 *
 * Each table's indexes are built as soon as its rows are in; the import itself
 * only decides which rows are good.
 */
import type Database from "better-sqlite3"
import { Tables, type StoredValue } from "@kts/domain"
import { createIndexSql, indexSpecs, quoteIdentifier } from "../Schema.js"

/** The record of a finished import in the `storeImport` table. */
export interface ImportLog {
  readonly importedAt: string
  readonly source: string
  readonly rowCount: number
}

/** The sink of an import's rows. */
export interface RowWriter {
  /** Starts the transaction: deletes the old rows and drops the secondary indexes. */
  readonly begin: () => void
  /** The rows that follow belong to `table`, with values in `columnNames` order. */
  readonly startTable: (table: string, columnNames: ReadonlyArray<string>) => void
  readonly add: (values: ReadonlyArray<StoredValue>) => void
  /** The table's rows are all in: build its indexes. */
  readonly endTable: () => void
  /** Records the import and commits. */
  readonly commit: (log: ImportLog) => void
  /** Undoes everything since `begin` (safe to call when `begin` failed or was never called). */
  readonly rollback: () => void
}

/** Most SQLite builds allow 32,766 bound parameters in one statement. */
const MAX_PARAMETERS = 32_000

/** Rows per multi-row INSERT for a table of `columnCount` columns. */
export const rowsPerInsert = (columnCount: number): number =>
  Math.max(1, Math.min(256, Math.floor(MAX_PARAMETERS / columnCount)))

/** `INSERT INTO table (…) VALUES (…), (…)…` for `rowCount` rows. */
export const insertSql = (table: string, columnNames: ReadonlyArray<string>, rowCount: number): string => {
  const perRow = `(${columnNames.map(() => "?").join(", ")})`
  return `INSERT INTO ${quoteIdentifier(table)} (${columnNames.map(quoteIdentifier).join(", ")}) VALUES ` +
    Array.from({ length: rowCount }, () => perRow).join(", ")
}

/** The statements that clear the store for a new import: old rows out, secondary indexes dropped. */
export const clearStatements = (): ReadonlyArray<string> => [
  ...[...Tables].reverse().map((table) => `DELETE FROM ${quoteIdentifier(table.name)}`),
  ...indexSpecs().map((index) => `DROP INDEX IF EXISTS ${quoteIdentifier(index.name)}`)
]

/** `CREATE INDEX` statements for one table's secondary indexes. */
export const tableIndexStatements = (table: string): ReadonlyArray<string> =>
  indexSpecs().filter((index) => index.table === table).map(createIndexSql)

/** The statement that records an import. */
export const IMPORT_LOG_SQL = `INSERT INTO "storeImport" ("importedAt", "source", "rowCount") VALUES (?, ?, ?)`

/** A writer that also takes rows already laid out one after another (the table's columns, row after row). */
export interface BatchRowWriter extends RowWriter {
  readonly addBatch: (values: Array<StoredValue>) => void
}

/**
 * Runs `statement` with `values` as its parameters, passed as separate
 * arguments: better-sqlite3 then binds each argument as it is, where an array
 * argument would be read element by element through V8's property lookup,
 * which measured on the state bundle as a third of the binding time.
 * `rowsPerInsert` keeps the count well inside what a call can take.
 */
const runWith = (statement: Database.Statement, values: ReadonlyArray<StoredValue>): void => {
  statement.run.apply(statement, values as Array<StoredValue>)
}

/** A writer on the caller's connection. */
export const connectionWriter = (db: Database.Database): BatchRowWriter => {
  const foreignKeysWereOn = db.pragma("foreign_keys", { simple: true }) === 1
  let table = ""
  let tableColumns: ReadonlyArray<string> = []
  let perInsert = 1
  let batch: Database.Statement | undefined
  const pending: Array<StoredValue> = []
  let pendingRows = 0
  const restore = () => {
    if (foreignKeysWereOn) db.pragma("foreign_keys = ON")
  }
  return {
    begin: () => {
      // References were checked with line numbers; SQLite re-checking each insert would only slow the load.
      db.pragma("foreign_keys = OFF")
      db.exec("BEGIN IMMEDIATE")
      for (const sql of clearStatements()) db.exec(sql)
    },
    startTable: (name, columnNames) => {
      table = name
      tableColumns = columnNames
      perInsert = rowsPerInsert(columnNames.length)
      batch = db.prepare(insertSql(name, columnNames, perInsert))
      pending.length = 0
      pendingRows = 0
    },
    add: (values) => {
      for (let index = 0; index < values.length; index++) pending.push(values[index]!)
      if (++pendingRows === perInsert) {
        runWith(batch!, pending)
        pending.length = 0
        pendingRows = 0
      }
    },
    addBatch: (values) => {
      const width = tableColumns.length
      const rows = values.length / width
      if (rows === perInsert && pendingRows === 0) {
        runWith(batch!, values) // the common case: exactly one statement's rows
        return
      }
      for (let row = 0; row < rows; row++) {
        for (let index = row * width; index < (row + 1) * width; index++) pending.push(values[index]!)
        if (++pendingRows === perInsert) {
          runWith(batch!, pending)
          pending.length = 0
          pendingRows = 0
        }
      }
    },
    endTable: () => {
      if (pendingRows > 0) {
        runWith(db.prepare(insertSql(table, tableColumns, pendingRows)), pending)
        pending.length = 0
        pendingRows = 0
      }
      for (const sql of tableIndexStatements(table)) db.exec(sql)
    },
    commit: (log) => {
      db.prepare(IMPORT_LOG_SQL).run(log.importedAt, log.source, log.rowCount)
      db.exec("COMMIT")
      restore()
    },
    rollback: () => {
      if (db.inTransaction) db.exec("ROLLBACK")
      restore()
    }
  }
}
