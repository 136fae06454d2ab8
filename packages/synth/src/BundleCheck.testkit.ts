/**
 * Test support: reads a bundle folder back and checks it against every rule of
 * `docs/bundle-format.md` (headers, field types, keys, foreign keys, consistency rules).
 * An independent RFC 4180 parser, so the writer is not checked by itself.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { type Column, primaryKeyOf, readField, Tables, type TableSpec } from "@kts/domain"

/** Parses RFC 4180 text into records of raw fields (quotes removed). */
export const parseCsv = (text: string): Array<Array<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let field = ""
  let index = 0
  let quoted = false
  while (index < text.length) {
    const char = text[index] as string
    if (quoted) {
      if (char === "\"") {
        if (text[index + 1] === "\"") {
          field += "\""
          index += 2
          continue
        }
        quoted = false
        index++
        continue
      }
      field += char
      index++
      continue
    }
    if (char === "\"") {
      if (field !== "") throw new Error(`quote inside an unquoted field at offset ${index}`)
      quoted = true
    } else if (char === ",") {
      record.push(field)
      field = ""
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++
      record.push(field)
      records.push(record)
      record = []
      field = ""
    } else {
      field += char
    }
    index++
  }
  if (quoted) throw new Error("unterminated quoted field")
  if (field !== "" || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** A table read back: column names and rows of raw text. */
export interface TableData {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

export const readTable = (directory: string, table: TableSpec): TableData => {
  const [header = [], ...rows] = parseCsv(readFileSync(join(directory, `${table.name}.csv`), "utf8"))
  return { columns: header, rows }
}

/** Every problem found, as `table:row:column: message`; empty when the bundle is valid. */
export const checkBundle = (directory: string, limit = 50): Array<string> => {
  const problems: Array<string> = []
  const report = (message: string) => {
    if (problems.length < limit) problems.push(message)
  }
  /** Primary keys per table, and the columns rules follow (table → id → column → value). */
  const keys = new Map<string, Set<number>>()
  const lookups = new Map<string, Map<number, Map<string, string>>>()
  const followed: Record<string, ReadonlyArray<string>> = {
    scheduleStructure: ["calendarID"],
    trial: ["structureID"],
    term: ["structureID"],
    course: ["calendarID"],
    section: ["trialID", "courseID"]
  }
  for (const table of Tables) {
    const data = readTable(directory, table)
    const names = Object.keys(table.columns)
    if (data.columns.join(",") !== names.join(",")) report(`${table.name}: header ${data.columns.join(",")} is not ${names.join(",")}`)
    const pk = primaryKeyOf(table)
    const ids = new Set<number>()
    const lookup = new Map<number, Map<string, string>>()
    const unique = new Set<string>()
    data.rows.forEach((row, rowIndex) => {
      const where = `${table.name}:${rowIndex + 2}`
      if (row.length !== names.length) {
        report(`${where}: ${row.length} fields, expected ${names.length}`)
        return
      }
      const value = (column: string) => row[names.indexOf(column)] as string
      names.forEach((name, columnIndex) => {
        const column = (table.columns as Record<string, Column>)[name]
        if (column === undefined) return
        const text = row[columnIndex] as string
        const result = readField(column, text)
        if (!result.ok) report(`${where}:${name}: ${result.message} (${JSON.stringify(text)})`)
        if (text !== "" && column.references !== undefined && !keys.get(column.references)?.has(Number(text))) {
          report(`${where}:${name}: no ${column.references} ${text}`)
        }
      })
      if (pk !== undefined) {
        const id = Number(value(pk))
        if (ids.has(id)) report(`${where}:${pk}: duplicate ${id}`)
        ids.add(id)
        const wanted = followed[table.name]
        if (wanted !== undefined) lookup.set(id, new Map(wanted.map((column) => [column, value(column)])))
      }
      if (table.uniqueKey !== undefined) {
        const key = table.uniqueKey.map(value).join("|")
        if (unique.has(key)) report(`${where}: duplicate key ${table.uniqueKey.join("+")} ${key}`)
        unique.add(key)
      }
      for (const rule of table.rules) {
        if (rule.kind === "dateOrder") {
          const start = value(rule.start)
          const end = value(rule.end)
          if (start !== "" && end !== "" && start > end) report(`${where}: ${rule.start} ${start} after ${rule.end} ${end}`)
        } else {
          const follow = (startColumn: string, hops: ReadonlyArray<{ table: string; column: string }>) => {
            let current = value(startColumn)
            for (const hop of hops) current = lookups.get(hop.table)?.get(Number(current))?.get(hop.column) ?? "?"
            return current
          }
          const left = follow(rule.leftColumn, rule.left)
          const right = follow(rule.rightColumn, rule.right)
          if (left !== right || left === "?") report(`${where}:${rule.column}: ${rule.message} (${left} vs ${right})`)
        }
      }
    })
    keys.set(table.name, ids)
    lookups.set(table.name, lookup)
  }
  return problems
}

/** Every column name of every table. */
export type ColumnName = (typeof Tables)[number] extends infer T ? (T extends { columns: infer C } ? keyof C & string : never) : never

/** A row as raw text by column name ("" is NULL; columns of other tables read as ""). */
export type Row = Readonly<Record<ColumnName, string>>

/** A table's rows as objects of raw text keyed by column name. */
export const recordsOf = (directory: string, name: string): Array<Row> => {
  const table = Tables.find((candidate) => candidate.name === name)
  if (table === undefined) throw new Error(`unknown table ${name}`)
  const data = readTable(directory, table)
  return data.rows.map((row) => new Proxy(Object.fromEntries(data.columns.map((column, index) => [column, row[index] ?? ""])), {
    get: (target, key) => (typeof key === "string" ? (target[key] ?? "") : undefined)
  }) as unknown as Row)
}
