/**
 * The SQLite schema of the store, derived from the bundle's table declarations:
 * one SQLite table per bundle table, same names, same columns.
 *
 * Values are stored as the bundle reads them: ids, ints and bools as INTEGER
 * (bools 0/1), nums as REAL, dates as `YYYY-MM-DD` TEXT, everything else TEXT.
 */
import { primaryKeyOf, Tables, type Column, type TableSpec } from "@kts/domain"

const sqlType = (column: Column): string =>
  column.kind === "id" || column.kind === "int" || column.kind === "bool"
    ? "INTEGER"
    : column.kind === "num"
    ? "REAL"
    : "TEXT"

/** Quotes an identifier for SQL. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll("\"", "\"\"")}"`

/** `CREATE TABLE` for one bundle table, with its keys and foreign keys. */
export const createTableSql = (table: TableSpec): string => {
  const lines: Array<string> = []
  for (const [name, column] of Object.entries(table.columns)) {
    const notNull = column.nullable ? "" : " NOT NULL"
    const key = column.primaryKey ? " PRIMARY KEY" : ""
    const reference = column.references === undefined
      ? ""
      : ` REFERENCES ${quoteIdentifier(column.references)}(${quoteIdentifier(referencedKey(column.references))})`
    lines.push(`  ${quoteIdentifier(name)} ${sqlType(column)}${key}${notNull}${reference}`)
  }
  if (table.uniqueKey !== undefined) {
    lines.push(`  UNIQUE (${table.uniqueKey.map(quoteIdentifier).join(", ")})`)
  }
  return `CREATE TABLE ${quoteIdentifier(table.name)} (\n${lines.join(",\n")}\n)`
}

const referencedKey = (tableName: string): string => {
  const table = Tables.find((candidate) => candidate.name === tableName)
  const key = table === undefined ? undefined : primaryKeyOf(table)
  if (key === undefined) throw new Error(`table ${tableName} has no primary key to reference`)
  return key
}

/** A secondary index the report or the exchange reads through. */
export interface IndexSpec {
  readonly name: string
  readonly table: string
  readonly columns: ReadonlyArray<string>
}

/**
 * One index per foreign-key column (joins and per-person look-ups), plus the
 * composite look-ups the LEAD report and exchange make.
 */
export const indexSpecs = (): ReadonlyArray<IndexSpec> => {
  const specs: Array<IndexSpec> = []
  for (const table of Tables) {
    for (const [name, column] of Object.entries(table.columns)) {
      if (column.references === undefined) continue
      if (table.uniqueKey?.[0] === name) continue // the unique key already indexes its first column
      specs.push({ name: `${table.name}_${name}`, table: table.name, columns: [name] })
    }
  }
  specs.push({ name: "enrollment_calendar_person", table: "enrollment", columns: ["calendarID", "structureID", "personID"] })
  specs.push({ name: "gradingScore_section_task", table: "gradingScore", columns: ["sectionID", "taskID", "termID"] })
  return specs
}

/** `CREATE INDEX` for an index spec. */
export const createIndexSql = (index: IndexSpec): string =>
  `CREATE INDEX ${quoteIdentifier(index.name)} ON ${quoteIdentifier(index.table)} (${index.columns.map(quoteIdentifier).join(", ")})`
