/**
 * A bundle table: its file name, its columns in the documented order, extra
 * unique keys and the consistency rules `docs/bundle-format.md` states under it.
 */
import type { Column, ColumnValue } from "./Column.js"

/** One step of a lookup path: follow `column` of the current row into `table`. */
export interface Hop {
  readonly table: string
  readonly column: string
}

/**
 * A consistency rule across rows.
 *
 * - `dateOrder`: `start ≤ end` when both are set.
 * - `samePath`: following `left` and `right` from the row reaches the same id
 *   (e.g. an enrollment's structure belongs to the enrollment's calendar).
 */
export type ConsistencyRule =
  | { readonly kind: "dateOrder"; readonly start: string; readonly end: string }
  | {
    readonly kind: "samePath"
    /** The column a problem is reported against. */
    readonly column: string
    readonly message: string
    /** From the row's `leftColumn`, follow hops; the last value is compared. */
    readonly leftColumn: string
    readonly left: ReadonlyArray<Hop>
    readonly rightColumn: string
    readonly right: ReadonlyArray<Hop>
  }

/** A table of the bundle. */
export interface TableSpec<Columns extends Record<string, Column> = Record<string, Column>> {
  readonly name: string
  readonly columns: Columns
  /** A unique key over several columns (tables with no single-column primary key). */
  readonly uniqueKey: ReadonlyArray<string> | undefined
  readonly rules: ReadonlyArray<ConsistencyRule>
}

/** The record type of a table: one property per column. */
export type RowOf<T extends TableSpec> = { readonly [K in keyof T["columns"]]: ColumnValue<T["columns"][K]> }

/** Declares a table; keeps the column literal types for `RowOf`. */
export const defineTable = <const Columns extends Record<string, Column>>(
  name: string,
  columns: Columns,
  options: { uniqueKey?: ReadonlyArray<string>; rules?: ReadonlyArray<ConsistencyRule> } = {}
): TableSpec<Columns> => ({ name, columns, uniqueKey: options.uniqueKey, rules: options.rules ?? [] })

/** The name of a table's single primary-key column, if it has one. */
export const primaryKeyOf = (table: TableSpec): string | undefined =>
  Object.entries(table.columns).find(([, column]) => column.primaryKey)?.[0]

/**
 * The columns that name one row of a table: its primary key, else its unique key,
 * else every column (`reportCardTemplateTask`, whose rows are pairs). Delta loads
 * match rows by these columns and export sorts by them.
 */
export const keyColumnsOf = (table: TableSpec): ReadonlyArray<string> => {
  const primaryKey = primaryKeyOf(table)
  if (primaryKey !== undefined) return [primaryKey]
  return table.uniqueKey ?? Object.keys(table.columns)
}
