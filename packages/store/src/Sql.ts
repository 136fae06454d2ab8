/**
 * SQL text built from the domain's table declarations: quoted identifiers,
 * select lists and bool conditions, so no other package spells a table or
 * column name or the store's 0/1 bool encoding. Column names are checked
 * against the declaration when compiling (`keyof table.columns`) and again
 * when the text is built, so a renamed column fails to compile or to run.
 *
 * Also the store's one decoder of rows: raw value arrays (columns in
 * `columnsOf` order) into domain records, bools as booleans, dates and
 * date-times left as their ISO strings (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`).
 */
import type { Column, RowOf, TableSpec } from "@kts/domain"

/** A column name of `T`, as declared. */
export type ColumnName<T extends TableSpec> = keyof T["columns"] & string

/** The names of `T`'s bool columns. */
export type BoolColumnName<T extends TableSpec> = {
  [K in ColumnName<T>]: T["columns"][K] extends Column<"bool", boolean> ? K : never
}[ColumnName<T>]

/** A raw row: the selected values in select order, as SQLite returned them. */
export type RawRow = ReadonlyArray<unknown>

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

// `"name"`; throws for anything but a plain identifier (names come from declarations, never from data).
const plainIdentifier = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`)
  return `"${name}"`
}

const checkedAlias = (alias: string): string => {
  if (!IDENTIFIER.test(alias)) throw new Error(`not a plain SQL alias: ${JSON.stringify(alias)}`)
  return alias
}

const checkedColumn = (table: TableSpec, name: string): string => {
  if (!Object.hasOwn(table.columns, name)) throw new Error(`table ${table.name} declares no column ${name}`)
  return plainIdentifier(name)
}

/** The table for a FROM or JOIN: `"table"`, or `"table" alias`. */
export const tableRef = (table: TableSpec, alias?: string): string =>
  alias === undefined ? plainIdentifier(table.name) : `${plainIdentifier(table.name)} ${checkedAlias(alias)}`

/** One column, `"column"` or `alias."column"`; the name must be one `table` declares. */
export const col = <T extends TableSpec>(table: T, name: ColumnName<T>, alias?: string): string =>
  alias === undefined ? checkedColumn(table, name) : `${checkedAlias(alias)}.${checkedColumn(table, name)}`

/** Every column of `table` in declaration order (the order `rowReader` reads), qualified by `alias` when given. */
export const columnsOf = (table: TableSpec, alias?: string): string =>
  Object.keys(table.columns).map((name) => col(table, name, alias)).join(", ")

/** How many columns `columnsOf(table)` selects: where the values selected after them start in a raw row. */
export const columnCount = (table: TableSpec): number => Object.keys(table.columns).length

/** A condition that bool column `name` is true (`alias."name" = 1`); `false` for the opposite. */
export const isTrue = <T extends TableSpec>(table: T, name: BoolColumnName<T>, alias?: string, value = true): string => {
  if (table.columns[name]?.kind !== "bool") throw new Error(`${table.name}.${name} is not a bool column`)
  return `${col(table, name, alias)} = ${value ? 1 : 0}`
}

/** A value as SQLite stores it: booleans as 0/1, everything else as is. */
export const sqlValue = (value: unknown): unknown => typeof value === "boolean" ? (value ? 1 : 0) : value

/**
 * A function from a raw row (values in `columnsOf` order from `offset`;
 * values around them are ignored) to the table's record: numbers and texts as read,
 * NULL as `null`, bools (stored 0/1) as booleans.
 *
 * Compiled once per table (better-sqlite3 builds row objects property by
 * property, which measured about 3× slower than raw arrays plus this): the
 * generated object literal gives every record of a table one hidden class.
 */
export const rowReader = <T extends TableSpec>(table: T, offset = 0): (raw: RawRow) => RowOf<T> => {
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`bad row offset ${offset}`)
  const fields = Object.entries(table.columns).map(([name, column], index) => {
    plainIdentifier(name)
    const at = offset + index
    return column.kind === "bool" ? `${name}: raw[${at}] === 1` : `${name}: raw[${at}]`
  })
  return new Function("raw", `return { ${fields.join(", ")} }`) as (raw: RawRow) => RowOf<T>
}
