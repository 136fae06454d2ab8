/**
 * Effect Schemas for the bundle's records, derived from the column declarations,
 * for vendors who build records in code and want them checked before use.
 */
import { Schema } from "effect"
import type { Column } from "./Column.js"
import { isLocalDate, isLocalDateTime } from "./LocalDate.js"
import type { RowOf, TableSpec } from "./TableSpec.js"

const LocalDateSchema = Schema.String.pipe(
  Schema.check(Schema.makeFilter<string>((text) => isLocalDate(text) || "expected a real calendar date as YYYY-MM-DD"))
)

const LocalDateTimeSchema = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter<string>((text) => isLocalDateTime(text) || "expected a date and time as YYYY-MM-DDTHH:MM[:SS]")
  )
)

const PositiveId = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))

const valueSchema = (column: Column): Schema.Top => {
  switch (column.kind) {
    case "id":
      return PositiveId
    case "int":
      return Schema.Int
    case "num":
      return Schema.Finite
    case "bool":
      return Schema.Boolean
    case "date":
      return LocalDateSchema
    case "datetime":
      return LocalDateTimeSchema
    case "code": {
      const list = column.codeList
      if (list === undefined) return Schema.String
      return Schema.String.pipe(Schema.check(Schema.makeFilter<string>((code) => list.has(code) || `not a ${list.name} code`)))
    }
    case "text":
      return Schema.String
  }
}

/** The Effect Schema of a table's records (decoded form: numbers, booleans, `YYYY-MM-DD` strings, `null`). */
export const tableSchema = <T extends TableSpec>(table: T): Schema.Codec<RowOf<T>, RowOf<T>> => {
  const fields: Record<string, Schema.Top> = {}
  for (const [name, column] of Object.entries(table.columns)) {
    const value = valueSchema(column)
    fields[name] = column.nullable ? Schema.NullOr(value as Schema.Constraint) : value
  }
  return Schema.Struct(fields) as unknown as Schema.Codec<RowOf<T>, RowOf<T>>
}
