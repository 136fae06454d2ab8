/**
 * The shell's only SQL: generic row reads and writes over the bundle's table
 * declarations. Table and column names come from `@kts/domain`, never from
 * data; values are bound as parameters. Bools are read as booleans and
 * written as 0/1, as the store keeps them.
 */
import { TablesByName, type TableSpec } from "@kts/domain"
import { quoteIdentifier, type SqlParam, type StoreConnection } from "@kts/store"

/** An open store connection. */
export type StoreDb = StoreConnection

/** A value in a row as the shell handles it. */
export type Value = string | number | boolean | null

/** A row: column name → value. */
export type Row = Readonly<Record<string, Value>>

/** One change a unit makes to a table. */
export type RowChange =
  | { readonly kind: "insert"; readonly table: string; readonly row: Row }
  | { readonly kind: "update"; readonly table: string; readonly key: Row; readonly set: Row }
  | { readonly kind: "delete"; readonly table: string; readonly key: Row }

const quote = quoteIdentifier

/** The declaration of `name`; throws for a table the bundle does not declare. */
export const tableSpec = (name: string): TableSpec => {
  const table = TablesByName.get(name)
  if (table === undefined) throw new Error(`no table ${name}`)
  return table
}

const keysOfTable = new WeakMap<TableSpec, ReadonlyArray<string>>()

/** The key columns of a table: its primary key, else its unique key. */
export const keyColumns = (table: TableSpec): ReadonlyArray<string> => {
  let keys = keysOfTable.get(table)
  if (keys === undefined) {
    const primary = Object.entries(table.columns).find(([, column]) => column.primaryKey)?.[0]
    if (primary !== undefined) keys = [primary]
    else if (table.uniqueKey !== undefined) keys = table.uniqueKey
    else throw new Error(`table ${table.name} has no key`)
    keysOfTable.set(table, keys)
  }
  return keys
}

const toSql = (value: Value | undefined): string | number | null =>
  value === undefined || value === null ? null : typeof value === "boolean" ? (value ? 1 : 0) : value

/** A range of values: `from ≤ value ≤ to` (either end may be left out), or `value < below`. */
export interface Range {
  readonly from?: string | number
  readonly to?: string | number
  readonly below?: string | number
}

/** Conditions on columns: equals a value (NULL matches NULL), is in a list, or lies in a range. */
export type Condition = Readonly<Record<string, Value | ReadonlyArray<Value> | Range>>

const isRange = (value: unknown): value is Range =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const whereOf = (table: TableSpec, where: Condition): { sql: string; params: Array<SqlParam> } => {
  const parts: Array<string> = []
  const params: Array<SqlParam> = []
  for (const [name, value] of Object.entries(where)) {
    if (!Object.hasOwn(table.columns, name)) throw new Error(`table ${table.name} has no column ${name}`)
    if (Array.isArray(value)) {
      if (value.length === 0) {
        parts.push("0")
        continue
      }
      // The list is padded with its last value to a few lengths, so a few prepared statements serve every read.
      const length = paddedLength(value.length)
      parts.push(`${quote(name)} IN (${"?, ".repeat(length - 1)}?)`)
      for (const item of value) params.push(toSql(item as Value))
      for (let index = value.length; index < length; index++) params.push(toSql(value[value.length - 1] as Value))
    } else if (isRange(value)) {
      if (value.from !== undefined) {
        parts.push(`${quote(name)} >= ?`)
        params.push(value.from)
      }
      if (value.to !== undefined) {
        parts.push(`${quote(name)} <= ?`)
        params.push(value.to)
      }
      if (value.below !== undefined) {
        parts.push(`${quote(name)} < ?`)
        params.push(value.below)
      }
    } else if (value === null) {
      parts.push(`${quote(name)} IS NULL`)
    } else {
      parts.push(`${quote(name)} = ?`)
      params.push(toSql(value as Value))
    }
  }
  return { sql: parts.length === 0 ? "" : ` WHERE ${parts.join(" AND ")}`, params }
}

const IN_CHUNK = 500

/** The length an `IN` list of `length` values is padded to: a power of four, at most `IN_CHUNK`. */
const paddedLength = (length: number): number => {
  let padded = 1
  while (padded < length) padded *= 4
  return Math.max(length, Math.min(padded, IN_CHUNK))
}

/**
 * The rows of `tableName` matching every condition, in key order. A list
 * condition longer than a few hundred values is read in chunks (SQLite's
 * parameter limit), still each chunk through the index.
 */
export const selectRows = (db: StoreDb, tableName: string, where: Condition = {}): ReadonlyArray<Row> => {
  const cache = readCaches.get(db)
  return cache === undefined || tableName === "exchangeRun" ? selectFromDb(db, tableName, where) : cache.select(db, tableName, where)
}

const selectFromDb = (db: StoreDb, tableName: string, where: Condition): Array<Row> => {
  const table = tableSpec(tableName)
  const listEntry = Object.entries(where).find(([, value]) => Array.isArray(value) && value.length > IN_CHUNK)
  if (listEntry !== undefined) {
    const [name, values] = listEntry as [string, ReadonlyArray<Value>]
    const rows: Array<Row> = []
    for (let start = 0; start < values.length; start += IN_CHUNK) {
      rows.push(...selectFromDb(db, tableName, { ...where, [name]: values.slice(start, start + IN_CHUNK) }))
    }
    return sortRows(rows, keyColumns(table))
  }
  const { sql, params } = whereOf(table, where)
  const order = keyColumns(table).map(quote).join(", ")
  return db.rows(table, { tail: `${sql} ORDER BY ${order}`, params }) as Array<Row>
}

/** Sorts rows in the order of `keys` (one key column: compared without the loop). */
const sortRows = (rows: Array<Row>, keys: ReadonlyArray<string>): Array<Row> => {
  if (keys.length !== 1) return rows.sort((a, b) => compareKeys(a, b, keys))
  const key = keys[0]!
  return rows.sort((a, b) => compareValues(a[key], b[key]))
}

/** Each value above the one before (so no value twice); values of one JS type. */
const strictlyAscending = (values: ReadonlyArray<number | string>): boolean => {
  for (let index = 1; index < values.length; index++) if (!(values[index - 1]! < values[index]!)) return false
  return true
}

/** Key order of two values: NULL first. */
const compareValues = (x: Value | undefined, y: Value | undefined): number => {
  if (x === y) return 0
  if (x === null || x === undefined) return -1
  if (y === null || y === undefined) return 1
  return x < y ? -1 : 1
}

const compareKeys = (a: Row, b: Row, keys: ReadonlyArray<string>): number => {
  for (const key of keys) {
    const order = compareValues(a[key], b[key])
    if (order !== 0) return order
  }
  return 0
}

/** `rows` of `tableName` sorted in key order (as `selectRows` returns them). */
export const sortByKey = (tableName: string, rows: Array<Row>): Array<Row> => {
  return sortRows(rows, keyColumns(tableSpec(tableName)))
}

/** The largest id of a table with a single-column primary key (0 when empty). */
export const maxId = (db: StoreDb, tableName: string): number => {
  const cache = readCaches.get(db)
  return cache === undefined ? maxIdFromDb(db, tableName) : cache.maxId(db, tableName)
}

const maxIdFromDb = (db: StoreDb, tableName: string): number => {
  const table = tableSpec(tableName)
  const [key] = keyColumns(table)
  return db.scalar<number | null>(`SELECT MAX(${quote(key!)}) FROM ${quote(table.name)}`) ?? 0
}

/** Applies one change; returns how many rows it touched. */
export const applyChange = (db: StoreDb, change: RowChange): number => {
  const table = tableSpec(change.table)
  // Before the write: a failed or rolled-back write only costs a re-read.
  readCaches.get(db)?.wrote(db, change)
  if (change.kind === "insert") {
    const names = Object.keys(table.columns)
    const sql = `INSERT INTO ${quote(table.name)} (${names.map(quote).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`
    return db.run(sql, names.map((name) => toSql(change.row[name]))).changes
  }
  const key = whereOf(table, change.key)
  if (change.kind === "delete") {
    return db.run(`DELETE FROM ${quote(table.name)}${key.sql}`, key.params).changes
  }
  const names = Object.keys(change.set)
  for (const name of names) if (!Object.hasOwn(table.columns, name)) throw new Error(`table ${table.name} has no column ${name}`)
  if (names.length === 0) return 0
  const sql = `UPDATE ${quote(table.name)} SET ${names.map((name) => `${quote(name)} = ?`).join(", ")}${key.sql}`
  return db.run(sql, [...names.map((name) => toSql(change.set[name])), ...key.params]).changes
}

/** The key of `row` in `tableName` (its key columns only). */
export const keyOf = (tableName: string, row: Row): Row => {
  const key: Record<string, Value> = {}
  for (const name of keyColumns(tableSpec(tableName))) key[name] = row[name] ?? null
  return key
}

/** The distinct combinations of `columns` among the rows of `tableName` matching `where`. */
export const selectDistinct = (
  db: StoreDb,
  tableName: string,
  columns: ReadonlyArray<string>,
  where: Condition = {}
): Array<Row> => {
  const table = tableSpec(tableName)
  for (const name of columns) if (!Object.hasOwn(table.columns, name)) throw new Error(`table ${table.name} has no column ${name}`)
  const listEntry = Object.entries(where).find(([, value]) => Array.isArray(value) && value.length > IN_CHUNK)
  if (listEntry !== undefined) {
    const [name, values] = listEntry as [string, ReadonlyArray<Value>]
    const seen = new Map<string, Row>()
    for (let start = 0; start < values.length; start += IN_CHUNK) {
      for (const row of selectDistinct(db, tableName, columns, { ...where, [name]: values.slice(start, start + IN_CHUNK) })) {
        seen.set(JSON.stringify(columns.map((column) => row[column])), row)
      }
    }
    return [...seen.values()]
  }
  const { sql, params } = whereOf(table, where)
  const list = columns.map(quote).join(", ")
  return db.rawRows(`SELECT DISTINCT ${list} FROM ${quote(table.name)}${sql} ORDER BY ${list}`, params).map((raw) => {
    const row: Record<string, Value> = {}
    columns.forEach((name, index) => {
      row[name] = raw[index] as Value
    })
    return row
  })
}

/** The largest value of `column` among the rows matching `where` (null when none). */
export const selectMax = (db: StoreDb, tableName: string, column: string, where: Condition = {}): Value => {
  const table = tableSpec(tableName)
  if (!Object.hasOwn(table.columns, column)) throw new Error(`table ${table.name} has no column ${column}`)
  const { sql, params } = whereOf(table, where)
  return db.scalar<Value>(`SELECT MAX(${quote(column)}) FROM ${quote(table.name)}${sql}`, params) ?? null
}

// ── Reads remembered while a night runs ──────────────────────────────────────

/**
 * What `selectRows` read from one connection, always what the same read would
 * return now: every write of the night goes through `applyChange`. A whole
 * result is kept while its table is unchanged (the write moves the table's
 * version); rows kept by the value of one column lose only the values a write
 * touches (one school's roster rows do not make every school's be read
 * again). A result is shared by its readers and frozen (no reader may change it).
 *
 * Memory: `nextStage` forgets what the stage before the one that just ended
 * used and the ended one did not, so at most two stages' reads are held.
 */
class ReadCache {
  private readonly versions = new Map<string, number>()
  private generation = 0
  /** Whole results by table and condition. */
  private readonly results = new Map<string, { version: number; used: number; rows: ReadonlyArray<Row> }>()
  /** Rows by the value of one column, for reads by a list of values of that column alone. */
  private readonly byValue = new Map<string, { used: number; rows: Map<Value, ReadonlyArray<Row>> }>()

  /** Highest ids by table (a ledger is made for every unit). */
  private readonly maxIds = new Map<string, { version: number; id: number }>()

  maxId(db: StoreDb, tableName: string): number {
    const version = this.versions.get(tableName) ?? 0
    const entry = this.maxIds.get(tableName)
    if (entry !== undefined && entry.version === version) return entry.id
    const id = maxIdFromDb(db, tableName)
    this.maxIds.set(tableName, { version, id })
    return id
  }

  /**
   * `change` is about to be written: its table's version moves (whole results
   * and what was built from them are read again), and of the rows remembered
   * by value only those of the values the change touches are forgotten — the
   * values of the rows as they were (read now, by key) and as they will be.
   */
  wrote(db: StoreDb, change: RowChange): void {
    const table = change.table
    this.versions.set(table, (this.versions.get(table) ?? 0) + 1)
    const maps: Array<[string, Map<Value, ReadonlyArray<Row>>]> = []
    const prefix = `${table}\u0000`
    for (const [key, entry] of this.byValue) if (key.startsWith(prefix)) maps.push([key.slice(prefix.length), entry.rows])
    if (maps.length === 0) return
    let touched: ReadonlyArray<Row>
    if (change.kind === "insert") {
      touched = [change.row]
    } else {
      const before = selectFromDb(db, table, change.key as Condition)
      touched = change.kind === "delete" ? before : [...before, ...before.map((row) => ({ ...row, ...change.set }))]
    }
    const spec = tableSpec(table)
    for (const [column, rows] of maps) {
      const kind = valueKindOf(spec, column)
      for (const row of touched) forgetValue(rows, kind, row[column] ?? null)
    }
  }

  /**
   * A key that changes whenever a table other than `except` is written: what
   * was built from reads of those tables is still good while it is the same.
   */
  dataVersion(except: ReadonlySet<string>): string {
    let key = ""
    for (const [table, version] of this.versions) if (!except.has(table)) key += `${table}:${version};`
    return key
  }

  tableVersion(table: string): number {
    return this.versions.get(table) ?? 0
  }

  nextStage(): void {
    this.generation++
    for (const [key, entry] of this.results) if (entry.used < this.generation - 1) this.results.delete(key)
    for (const [key, entry] of this.byValue) if (entry.used < this.generation - 1) this.byValue.delete(key)
  }

  select(db: StoreDb, tableName: string, where: Condition): ReadonlyArray<Row> {
    const version = this.versions.get(tableName) ?? 0
    const names = Object.keys(where)
    const only = names.length === 1 ? where[names[0]!] : undefined
    // Rows are remembered by value only for values in the form the column holds ("07" for an id column is
    // remembered as a whole result instead): a write then forgets exactly the value it stores (see `forgetValue`).
    if (Array.isArray(only)) {
      const kind = valueKindOf(tableSpec(tableName), names[0]!)
      if (kind !== undefined && only.every((value) => typeof value === kind)) {
        return this.selectByValue(db, tableName, names[0]!, only as ReadonlyArray<number | string>)
      }
    }
    const key = `${tableName}\u0000${JSON.stringify(where)}`
    const entry = this.results.get(key)
    if (entry !== undefined && entry.version === version) {
      entry.used = this.generation
      return entry.rows
    }
    const rows = frozen(selectFromDb(db, tableName, where))
    this.results.set(key, { version, used: this.generation, rows })
    return rows
  }

  /** The rows whose `column` is one of `values`: each value's rows read once, then assembled in key order. */
  private selectByValue(
    db: StoreDb,
    tableName: string,
    column: string,
    values: ReadonlyArray<number | string>
  ): ReadonlyArray<Row> {
    const key = `${tableName}\u0000${column}`
    let entry = this.byValue.get(key)
    if (entry === undefined) {
      entry = { used: this.generation, rows: new Map() }
      this.byValue.set(key, entry)
    }
    entry.used = this.generation
    const known = entry.rows
    if (values.length === 1) {
      const rows = known.get(values[0]!)
      if (rows !== undefined) return rows
    }
    const wanted = strictlyAscending(values) ? values : [...new Set(values)]
    let missing: Array<number | string> | undefined
    for (let index = 0; index < wanted.length; index++) {
      const value = wanted[index]!
      if (!known.has(value)) (missing ??= []).push(value)
    }
    if (missing !== undefined) {
      const read = this.readValues(db, tableName, column, missing)
      const groups = new Map<Value, Array<Row>>(missing.map((value) => [value, []]))
      for (const row of read) {
        const group = groups.get(row[column] ?? null)
        // A value the database matched under another type: not remembered, read as asked.
        if (group === undefined) return selectFromDb(db, tableName, { [column]: values })
        group.push(row)
      }
      for (const [value, rows] of groups) known.set(value, frozen(rows))
      // Every value read now: the rows came in key order already.
      if (missing.length === wanted.length) return Object.isFrozen(read) ? read : Object.freeze(read)
    }
    if (wanted.length === 1) return known.get(wanted[0]!)!
    const result: Array<Row> = []
    for (let index = 0; index < wanted.length; index++) {
      const rows = known.get(wanted[index]!)!
      for (let at = 0; at < rows.length; at++) result.push(rows[at]!)
    }
    sortRows(result, keyColumns(tableSpec(tableName)))
    return Object.freeze(result)
  }

  /**
   * The rows whose `column` is one of `values`, from the database. When the
   * table's key is remembered by value too (persons read by id, then by state
   * ID), only the keys are read here, from the column's index, and the rows
   * come through the remembered key: a row already read is not read again.
   */
  private readValues(db: StoreDb, tableName: string, column: string, values: ReadonlyArray<number | string>): ReadonlyArray<Row> {
    const keys = keyColumns(tableSpec(tableName))
    const key = keys.length === 1 ? keys[0]! : undefined
    if (key === undefined || key === column || !this.byValue.has(`${tableName}\u0000${key}`)) {
      return selectFromDb(db, tableName, { [column]: values })
    }
    const found = selectDistinct(db, tableName, [key], { [column]: values }).map((row) => row[key] as number | string)
    return found.length === 0 ? [] : this.selectByValue(db, tableName, key, found)
  }
}

/**
 * The JS type of the values a column's rows are remembered by: numbers for
 * id, int and num columns (SQLite stores them as numbers), strings for text,
 * code and date columns; undefined for bools (never remembered by value).
 */
const valueKindOf = (table: TableSpec, column: string): "number" | "string" | undefined => {
  const kind = table.columns[column]?.kind
  if (kind === "id" || kind === "int" || kind === "num") return "number"
  if (kind === "text" || kind === "code" || kind === "date" || kind === "datetime") return "string"
  return undefined
}

/**
 * Forgets the rows remembered for `value` as the column will hold it: a
 * number column stores a numeric text or a bool as a number; a text column
 * given anything but a text stores a text that cannot be foretold, so all of
 * its remembered values are forgotten.
 */
const forgetValue = (rows: Map<Value, ReadonlyArray<Row>>, kind: "number" | "string" | undefined, value: Value): void => {
  if (value === null || kind === undefined) return
  if (kind === "string") {
    if (typeof value === "string") rows.delete(value)
    else rows.clear()
    return
  }
  if (typeof value === "number") rows.delete(value)
  else if (typeof value === "boolean") rows.delete(value ? 1 : 0)
  else if (value.trim() !== "" && Number.isFinite(Number(value))) rows.delete(Number(value))
}

const frozen = (rows: Array<Row>): ReadonlyArray<Row> => {
  for (const row of rows) Object.freeze(row)
  return Object.freeze(rows)
}

const readCaches = new WeakMap<StoreDb, ReadCache>()

/** From now on, `selectRows` on `db` remembers its results (until `forgetReads`). */
export const rememberReads = (db: StoreDb): void => {
  if (!readCaches.has(db)) readCaches.set(db, new ReadCache())
}

/**
 * While `db` remembers its reads: a key that stays the same until a table
 * other than `except` is written (in this process, through `applyChange`);
 * undefined when it does not remember (then nothing built from reads may be kept).
 */
export const dataVersion = (db: StoreDb, except: ReadonlySet<string>): string | undefined =>
  readCaches.get(db)?.dataVersion(except)

/** While `db` remembers its reads: how many times `table` was written so far (see `dataVersion`). */
export const tableVersion = (db: StoreDb, table: string): number | undefined => readCaches.get(db)?.tableVersion(table)

/** While `db` remembers its reads: a key that stays the same until one of `tables` is written; else undefined. */
export const tablesVersion = (db: StoreDb, tables: ReadonlyArray<string>): string | undefined => {
  const cache = readCaches.get(db)
  return cache === undefined ? undefined : tables.map((table) => cache.tableVersion(table)).join(",")
}

/** A stage begins: reads used by neither it nor the stage before may be forgotten. */
export const nextStageReads = (db: StoreDb): void => readCaches.get(db)?.nextStage()

/** `selectRows` on `db` reads the database again every time. */
export const forgetReads = (db: StoreDb): void => {
  readCaches.delete(db)
}
