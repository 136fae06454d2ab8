/**
 * Effect Schemas for the bundle's records, derived from the column declarations,
 * for vendors who build records in code and want them checked before use.
 * A value is accepted by the same predicates the importer applies to a CSV
 * field, and rejected with the importer's message (`fieldProblem`), so a record
 * built in code and the same record read from a bundle fail alike.
 */
import { Schema } from "effect"
import type { Column } from "./Column.js"
import { fieldProblem } from "./FieldValue.js"
import { isLocalDate, isLocalDateTime } from "./LocalDate.js"
import type { RowOf, TableSpec } from "./TableSpec.js"

/** `base` narrowed to the values `accepts` keeps; others fail with the importer's message for their text. */
const accepting = <S extends Schema.Top & { readonly "Type": string | number }>(
  base: S,
  column: Column,
  accepts: (value: S["Type"]) => boolean
) => base.pipe(Schema.check(Schema.makeFilter<S["Type"]>((value) => accepts(value) || fieldProblem(column, String(value)))))

const valueSchema = (column: Column): Schema.Top => {
  switch (column.kind) {
    case "id":
      return accepting(Schema.Number, column, (value) => Number.isSafeInteger(value) && value >= 1)
    case "int":
      return accepting(Schema.Number, column, Number.isSafeInteger)
    case "num":
      return accepting(Schema.Number, column, Number.isFinite)
    case "bool":
      return Schema.Boolean
    case "date":
      return accepting(Schema.String, column, isLocalDate)
    case "datetime":
      return accepting(Schema.String, column, isLocalDateTime)
    case "code": {
      const list = column.codeList
      return list === undefined ? Schema.String : accepting(Schema.String, column, (code) => list.has(code))
    }
    case "text":
      return Schema.String
  }
}

/** A required column: NULL fails with the importer's message for an empty field. */
const required = (column: Column, value: Schema.Top): Schema.Top =>
  Schema.NullOr(value as Schema.Constraint).pipe(
    Schema.check(Schema.makeFilter<unknown>((decoded) => decoded !== null || fieldProblem(column, "")))
  )

/** The Effect Schema of a table's records (decoded form: numbers, booleans, `YYYY-MM-DD` strings, `null`). */
export const tableSchema = <T extends TableSpec>(table: T): Schema.Codec<RowOf<T>, RowOf<T>> => {
  const fields: Record<string, Schema.Top> = {}
  for (const [name, column] of Object.entries(table.columns)) {
    const value = valueSchema(column)
    fields[name] = column.nullable ? Schema.NullOr(value as Schema.Constraint) : column.kind === "bool" ? value : required(column, value)
  }
  return Schema.Struct(fields) as unknown as Schema.Codec<RowOf<T>, RowOf<T>>
}
