/**
 * The store's synchronous access API: what every other package uses to read
 * and write the store without seeing better-sqlite3. A package keeps its own
 * queries (SQL text built with `Sql`'s helpers from the domain declarations);
 * the connection runs them, decodes records (`rows`: bools as booleans, dates
 * as ISO strings), and turns SQLite's failures into the store's tagged errors.
 *
 * Hot paths prepare a `Query` once and read raw value arrays (`all`,
 * `iterate`), decoding with a compiled `rowReader`: that is how the report
 * reads millions of rows fast.
 */
import type Database from "better-sqlite3"
import type { RowOf, TableSpec } from "@kts/domain"
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { NotAStore, StoreBusy } from "./Errors.js"
import { quoteIdentifier } from "./Schema.js"
import { columnsOf, type RawRow, rowReader, sqlValue, tableRef } from "./Sql.js"
import { openStore, type OpenStoreOptions } from "./Store.js"

/** A value bound to a `?` of a statement (booleans are stored as 0/1). */
export type SqlParam = number | bigint | string | boolean | null | Uint8Array

/** What a write did. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  readonly changes: number
  /** The rowid of the last inserted row. */
  readonly lastInsertRowid: number
}

/** A statement prepared once and run many times. */
export interface Query {
  /** Every row, as raw value arrays in select order. */
  all(...params: ReadonlyArray<SqlParam>): Array<RawRow>
  /** Rows one at a time, for results too large to hold. */
  iterate(...params: ReadonlyArray<SqlParam>): IterableIterator<RawRow>
  /** The first row, or undefined. */
  first(...params: ReadonlyArray<SqlParam>): RawRow | undefined
  /** The first column of every row. */
  column<A = unknown>(...params: ReadonlyArray<SqlParam>): Array<A>
  /** The first column of the first row, or undefined when there is no row. */
  value<A = unknown>(...params: ReadonlyArray<SqlParam>): A | undefined
  /** Runs a write. */
  run(...params: ReadonlyArray<SqlParam>): RunResult
}

/** A query over one table's columns: `SELECT <every column> FROM "table" alias <tail>`. */
export interface RowsQuery {
  /** The table's alias, for a tail that joins other tables. */
  readonly alias?: string
  /** SQL after the FROM: joins, WHERE, ORDER BY (no user text: values go in `params`). */
  readonly tail?: string
  readonly params?: ReadonlyArray<SqlParam>
}

/** An open store. Synchronous; not shared between threads (open one per worker by `path`). */
export interface StoreConnection {
  /** The store file, absolute; `":memory:"` for an in-memory store. */
  readonly path: string
  readonly readonly: boolean
  /**
   * The file another connection (a worker thread) can open to see exactly
   * what this one sees; undefined for an in-memory store or inside a transaction.
   */
  shareablePath(): string | undefined
  /** Prepares `sql` once (cached by text). */
  query(sql: string): Query
  /** Every row of `table` matching `query.tail`, decoded into records. */
  rows<T extends TableSpec>(table: T, query?: RowsQuery): Array<RowOf<T>>
  /** Every row of a query, raw. */
  rawRows(sql: string, params?: ReadonlyArray<SqlParam>): Array<RawRow>
  /** The first column of the first row, or undefined. */
  scalar<A = unknown>(sql: string, params?: ReadonlyArray<SqlParam>): A | undefined
  /** How many rows `table` holds. */
  count(table: TableSpec | string): number
  /** Runs a write. */
  run(sql: string, params?: ReadonlyArray<SqlParam>): RunResult
  /** Inserts records of `table` (bools encoded); returns how many. */
  insert<T extends TableSpec>(table: T, records: Iterable<Partial<RowOf<T>>>): number
  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT; rolled back
   * when `fn` throws, the error rethrown). Nested calls become savepoints.
   * Fails with `StoreBusy` when another process holds the write lock.
   */
  transaction<A>(fn: () => A): A
  close(): void
}

const sqliteCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""

/** SQLite's failures a user must act on as the store's tagged errors; anything else unchanged. */
export const storeFailure = (path: string, error: unknown): unknown => {
  const code = sqliteCode(error)
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return new StoreBusy({ path })
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return new NotAStore({ path })
  return error
}

const bind = (params: ReadonlyArray<SqlParam>): Array<unknown> => {
  for (let index = 0; index < params.length; index++) {
    if (typeof params[index] === "boolean") return params.map(sqlValue)
  }
  return params as Array<unknown>
}

class PreparedQuery implements Query {
  private rawStatement: Database.Statement | undefined
  private pluckStatement: Database.Statement | undefined

  constructor(private readonly db: Database.Database, private readonly path: string, private readonly sql: string) {
    // Prepared now, so an unknown table or column fails where the query is made.
    try {
      this.rawStatement = db.prepare(sql)
    } catch (error) {
      throw storeFailure(path, error)
    }
    if (this.rawStatement.reader) this.rawStatement.raw(true)
  }

  private get raw(): Database.Statement {
    return this.rawStatement!
  }

  private get pluck(): Database.Statement {
    if (this.pluckStatement === undefined) this.pluckStatement = this.db.prepare(this.sql).pluck(true)
    return this.pluckStatement
  }

  all(...params: ReadonlyArray<SqlParam>): Array<RawRow> {
    try {
      return this.raw.all(...bind(params)) as Array<RawRow>
    } catch (error) {
      throw storeFailure(this.path, error)
    }
  }

  iterate(...params: ReadonlyArray<SqlParam>): IterableIterator<RawRow> {
    return this.raw.iterate(...bind(params)) as IterableIterator<RawRow>
  }

  first(...params: ReadonlyArray<SqlParam>): RawRow | undefined {
    try {
      return this.raw.get(...bind(params)) as RawRow | undefined
    } catch (error) {
      throw storeFailure(this.path, error)
    }
  }

  column<A = unknown>(...params: ReadonlyArray<SqlParam>): Array<A> {
    try {
      return this.pluck.all(...bind(params)) as Array<A>
    } catch (error) {
      throw storeFailure(this.path, error)
    }
  }

  value<A = unknown>(...params: ReadonlyArray<SqlParam>): A | undefined {
    try {
      return this.pluck.get(...bind(params)) as A | undefined
    } catch (error) {
      throw storeFailure(this.path, error)
    }
  }

  run(...params: ReadonlyArray<SqlParam>): RunResult {
    try {
      const result = this.raw.run(...bind(params))
      return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) }
    } catch (error) {
      throw storeFailure(this.path, error)
    }
  }
}

class Connection implements StoreConnection {
  private readonly queries = new Map<string, PreparedQuery>()
  private readonly readers = new Map<TableSpec, (raw: RawRow) => unknown>()

  constructor(private readonly db: Database.Database, readonly path: string, readonly readonly: boolean) {}

  shareablePath(): string | undefined {
    return this.db.memory || this.db.inTransaction || !existsSync(this.path) ? undefined : this.path
  }

  query(sql: string): Query {
    let query = this.queries.get(sql)
    if (query === undefined) {
      query = new PreparedQuery(this.db, this.path, sql)
      this.queries.set(sql, query)
    }
    return query
  }

  rows<T extends TableSpec>(table: T, options: RowsQuery = {}): Array<RowOf<T>> {
    let read = this.readers.get(table)
    if (read === undefined) {
      read = rowReader(table)
      this.readers.set(table, read)
    }
    const sql = `SELECT ${columnsOf(table, options.alias)} FROM ${tableRef(table, options.alias)} ${options.tail ?? ""}`
    return this.query(sql).all(...(options.params ?? [])).map(read) as Array<RowOf<T>>
  }

  rawRows(sql: string, params: ReadonlyArray<SqlParam> = []): Array<RawRow> {
    return this.query(sql).all(...params)
  }

  scalar<A = unknown>(sql: string, params: ReadonlyArray<SqlParam> = []): A | undefined {
    return this.query(sql).value<A>(...params)
  }

  count(table: TableSpec | string): number {
    const name = typeof table === "string" ? table : table.name
    return this.scalar<number>(`SELECT count(*) FROM ${quoteIdentifier(name)}`) ?? 0
  }

  run(sql: string, params: ReadonlyArray<SqlParam> = []): RunResult {
    return this.query(sql).run(...params)
  }

  insert<T extends TableSpec>(table: T, records: Iterable<Partial<RowOf<T>>>): number {
    const names = Object.keys(table.columns)
    const insert = this.query(
      `INSERT INTO ${tableRef(table)} (${names.map(quoteIdentifier).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`
    )
    let count = 0
    this.transaction(() => {
      for (const record of records) {
        const values = record as Record<string, unknown>
        insert.run(...names.map((name) => (values[name] ?? null) as SqlParam))
        count++
      }
    })
    return count
  }

  transaction<A>(fn: () => A): A {
    try {
      return this.db.transaction(fn).immediate()
    } catch (error) {
      throw storeFailure(this.path, error)
    }
  }

  close(): void {
    this.db.close()
  }
}

/**
 * Opens the store at `path` (created and migrated unless `readonly`).
 *
 * @throws StoreNotFound, StoreCannotOpen, NotAStore, StoreNewerThanKts, StoreBusy
 */
export const connectStore = (path: string, options: OpenStoreOptions = {}): StoreConnection => {
  const db = openStore(path, options)
  return new Connection(db, path === ":memory:" ? path : resolve(path), options.readonly === true)
}
