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

/** The key columns of a table: its primary key, else its unique key. */
export const keyColumns = (table: TableSpec): ReadonlyArray<string> => {
  const primary = Object.entries(table.columns).find(([, column]) => column.primaryKey)?.[0]
  if (primary !== undefined) return [primary]
  if (table.uniqueKey !== undefined) return table.uniqueKey
  throw new Error(`table ${table.name} has no key`)
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
      parts.push(`${quote(name)} IN (${value.map(() => "?").join(", ")})`)
      for (const item of value) params.push(toSql(item as Value))
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

/**
 * The rows of `tableName` matching every condition, in key order. A list
 * condition longer than a few hundred values is read in chunks (SQLite's
 * parameter limit), still each chunk through the index.
 */
export const selectRows = (db: StoreDb, tableName: string, where: Condition = {}): Array<Row> => {
  const table = tableSpec(tableName)
  const listEntry = Object.entries(where).find(([, value]) => Array.isArray(value) && value.length > IN_CHUNK)
  if (listEntry !== undefined) {
    const [name, values] = listEntry as [string, ReadonlyArray<Value>]
    const rows: Array<Row> = []
    for (let start = 0; start < values.length; start += IN_CHUNK) {
      rows.push(...selectRows(db, tableName, { ...where, [name]: values.slice(start, start + IN_CHUNK) }))
    }
    const keys = keyColumns(table)
    return rows.sort((a, b) => compareKeys(a, b, keys))
  }
  const { sql, params } = whereOf(table, where)
  const order = keyColumns(table).map(quote).join(", ")
  return db.rows(table, { tail: `${sql} ORDER BY ${order}`, params }) as Array<Row>
}

const compareKeys = (a: Row, b: Row, keys: ReadonlyArray<string>): number => {
  for (const key of keys) {
    const x = a[key]
    const y = b[key]
    if (x === y) continue
    if (x === null || x === undefined) return -1
    if (y === null || y === undefined) return 1
    return x < y ? -1 : 1
  }
  return 0
}

/** `rows` of `tableName` sorted in key order (as `selectRows` returns them). */
export const sortByKey = (tableName: string, rows: Array<Row>): Array<Row> => {
  const keys = keyColumns(tableSpec(tableName))
  return rows.sort((a, b) => compareKeys(a, b, keys))
}

/** The largest id of a table with a single-column primary key (0 when empty). */
export const maxId = (db: StoreDb, tableName: string): number => {
  const table = tableSpec(tableName)
  const [key] = keyColumns(table)
  return db.scalar<number | null>(`SELECT MAX(${quote(key!)}) FROM ${quote(table.name)}`) ?? 0
}

/** Applies one change; returns how many rows it touched. */
export const applyChange = (db: StoreDb, change: RowChange): number => {
  const table = tableSpec(change.table)
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
