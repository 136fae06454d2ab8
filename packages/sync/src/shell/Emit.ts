/**
 * `--emit DIR`: each database's changes of the night as a delta bundle
 * (`DIR/{database}/<table>.csv` for rows inserted or updated, whole rows;
 * `DIR/{database}/deleted/<table>.csv` for the keys of rows deleted), so that
 * `kts import --delta` of it onto the database as it was before the night
 * gives the database as the night left it.
 *
 * The tracker collects the keys each applied unit touched; the rows are read
 * from the database at the end, so a row changed by several units is written
 * once, as it finally stands. A row inserted and deleted in the same night
 * appears in neither file.
 */
import { DELETED_FOLDER, formatField } from "@kts/store"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { keyColumns, keyOf, type Row, type RowChange, selectRows, type StoreDb, tableSpec, type Value } from "./Rows.js"

interface TableChanges {
  /** Keys (as text) of rows inserted or updated, with the key row. */
  readonly upserted: Map<string, Row>
  /** Keys of rows deleted that existed before the night. */
  readonly deleted: Map<string, Row>
  /** Keys of rows inserted this night (a later delete of one cancels out). */
  readonly inserted: Set<string>
}

const keyText = (key: Row): string => JSON.stringify(Object.values(key))

/** The keys a night changed, per database and table. */
export class EmitTracker {
  private readonly databases = new Map<string, Map<string, TableChanges>>()

  /** Records the changes a unit applied to `database`. */
  record(database: string, changes: ReadonlyArray<RowChange>): void {
    let tables = this.databases.get(database)
    if (tables === undefined) {
      tables = new Map()
      this.databases.set(database, tables)
    }
    for (const change of changes) {
      let table = tables.get(change.table)
      if (table === undefined) {
        table = { upserted: new Map(), deleted: new Map(), inserted: new Set() }
        tables.set(change.table, table)
      }
      const key = change.kind === "insert" ? keyOf(change.table, change.row) : keyOf(change.table, change.key)
      const text = keyText(key)
      if (change.kind === "delete") {
        table.upserted.delete(text)
        if (table.inserted.has(text)) table.inserted.delete(text)
        else table.deleted.set(text, key)
      } else {
        if (change.kind === "insert" && !table.deleted.has(text)) table.inserted.add(text)
        table.deleted.delete(text)
        table.upserted.set(text, key)
      }
    }
  }

  /** Writes `dir/{database}/…` for every database with changes; returns the folders written. */
  write(dir: string, connections: ReadonlyMap<string, StoreDb>): Array<string> {
    const written: Array<string> = []
    for (const [database, tables] of [...this.databases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const db = connections.get(database)
      if (db === undefined) continue
      const folder = join(dir, database)
      mkdirSync(folder, { recursive: true })
      for (const [tableName, changes] of tables) {
        if (changes.upserted.size > 0) {
          const table = tableSpec(tableName)
          const [keyName] = keyColumns(table)
          const ids = [...changes.upserted.values()].map((key) => key[keyName!] ?? null)
          const rows = selectRows(db, tableName, { [keyName!]: ids })
          if (rows.length > 0) writeCsv(join(folder, `${tableName}.csv`), Object.keys(table.columns), rows)
        }
        if (changes.deleted.size > 0) {
          const keys = keyColumns(tableSpec(tableName))
          const rows = [...changes.deleted.values()].sort(compareRows(keys))
          mkdirSync(join(folder, DELETED_FOLDER), { recursive: true })
          writeCsv(join(folder, DELETED_FOLDER, `${tableName}.csv`), keys, rows)
        }
      }
      written.push(folder)
    }
    return written
  }
}

const compareRows = (keys: ReadonlyArray<string>) => (a: Row, b: Row): number => {
  for (const key of keys) {
    const x = a[key] ?? null
    const y = b[key] ?? null
    if (x === y) continue
    if (x === null) return -1
    if (y === null) return 1
    return x < y ? -1 : 1
  }
  return 0
}

/** A value as a bundle field, as `kts export` writes it (the store's formatter); bools 0/1. */
export const bundleField = (value: Value | undefined): string =>
  formatField(typeof value === "boolean" ? (value ? 1 : 0) : value)

const writeCsv = (path: string, columns: ReadonlyArray<string>, rows: ReadonlyArray<Row>): void => {
  const lines = [columns.join(",")]
  for (const row of rows) lines.push(columns.map((column) => bundleField(row[column])).join(","))
  writeFileSync(path, `${lines.join("\n")}\n`)
}
