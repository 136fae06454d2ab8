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

const index = (table: string, ...columns: ReadonlyArray<string>): IndexSpec => ({
  name: `${table}_${columns.join("_")}`,
  table,
  columns
})

/** Program tables the LEAD rules read per person. */
const PERSON_RECORD_TABLES = [
  "plan",
  "teamMember",
  "lep",
  "lepService",
  "lepAccommodation",
  "gifted",
  "migrant",
  "fram",
  "homeless",
  "fosterCare",
  "militaryConnection",
  "attendanceGroup"
]

/**
 * The look-ups the LEAD report, `kts explain` and the exchange make: children by
 * parent (calendar → courses → sections → rosters), records by person, people by
 * state ID. Foreign keys nobody looks up by (a record's district, a plan's type)
 * get no index: each index costs time on every import.
 */
export const indexSpecs = (): ReadonlyArray<IndexSpec> => [
  index("school", "districtID"),
  index("calendar", "schoolID"),
  index("scheduleStructure", "calendarID"),
  index("gradeLevel", "calendarID"),
  index("term", "structureID"),
  index("trial", "structureID"),
  index("course", "calendarID"),
  index("customCourse", "courseID"),
  index("section", "courseID"),
  index("sectionPlacement", "sectionID"),
  index("sectionStaffHistory", "sectionID"),
  index("roster", "sectionID"),
  index("roster", "personID"),
  index("person", "stateID"),
  index("enrollment", "calendarID", "structureID", "personID"),
  index("enrollment", "personID"),
  ...PERSON_RECORD_TABLES.map((table) => index(table, "personID")),
  index("attendanceGroup", "enrollmentID"),
  index("courseGradingTask", "courseID"),
  index("courseGradingTaskTerm", "termID"),
  index("scoreGroupItem", "scoreGroupID"),
  index("gradeCalcOption", "courseID"),
  index("gradingScore", "sectionID", "taskID", "termID"),
  index("gradingScore", "personID"),
  index("reportCardTemplate", "schoolID"),
  index("reportCardTemplateTask", "templateID"),
  index("attendance", "sectionID", "date"),
  index("attendance", "personID"),
  index("courseMaster", "catalogID"),
  index("processAlert", "schoolID"),
  index("exchangeRun", "night"),
  index("disclosure", "personID")
]

/** `CREATE INDEX` for an index spec. */
export const createIndexSql = (index: IndexSpec): string =>
  `CREATE INDEX ${quoteIdentifier(index.name)} ON ${quoteIdentifier(index.table)} (${index.columns.map(quoteIdentifier).join(", ")})`
