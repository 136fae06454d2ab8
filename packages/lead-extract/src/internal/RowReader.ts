/**
 * Raw SQLite rows into domain records. better-sqlite3 builds row objects
 * property by property, which measured about 3× slower than returning raw
 * value arrays and building the record in JavaScript; this module compiles
 * one small constructor per table from the bundle's column declarations, so
 * records keep a fixed shape and bools become booleans.
 */
import type { RowOf, TableSpec } from "@kts/domain"

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The table's columns in declaration order, qualified by `alias`, for a SELECT list. */
export const selectList = (table: TableSpec, alias: string): string =>
  Object.keys(table.columns).map((name) => `${alias}."${name}"`).join(", ")

/**
 * A function from a raw row (values in `selectList` order; extra trailing
 * values ignored) to the table's record: ints and texts as read, NULL as
 * `null`, bools (stored 0/1) as booleans.
 */
export const rowReader = <T extends TableSpec>(table: T): (raw: ReadonlyArray<unknown>) => RowOf<T> => {
  const fields = Object.entries(table.columns).map(([name, column], index) => {
    // Column names come from the bundle declarations, never from data; checked anyway.
    if (!IDENTIFIER.test(name)) throw new Error(`unexpected column name ${name} in ${table.name}`)
    return column.kind === "bool" ? `${name}: raw[${index}] === 1` : `${name}: raw[${index}]`
  })
  // A generated literal gives every record of the table one hidden class.
  return new Function("raw", `return { ${fields.join(", ")} }`) as (raw: ReadonlyArray<unknown>) => RowOf<T>
}
