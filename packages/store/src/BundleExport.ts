/**
 * `kts export`: writes a store back out as a bundle that `kts import` reads into
 * the same rows, so `export → import → export` gives the same bytes.
 *
 * One file per non-empty table, the columns in their declared order, rows in key
 * order. Rows stream from SQLite (`.raw().iterate()`) through a buffered writer,
 * so memory stays bounded whatever the store's size. All tables are read in one
 * read transaction: a write landing meanwhile cannot mix two states of the store.
 */
import type Database from "better-sqlite3"
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs"
import { join } from "node:path"
import { keyColumnsOf, Tables, type TableSpec } from "@kts/domain"
import { ExportFolderNotEmpty } from "./Errors.js"
import { CurrentSchemaVersion } from "./Migrations.js"
import { quoteIdentifier } from "./Schema.js"
import { openStore } from "./Store.js"

/** Rows written to one table's file. */
export interface ExportCount {
  readonly table: string
  readonly rows: number
}

/** How far an export has got, for progress bars. */
export interface ExportProgress {
  readonly table: string
  readonly rowsDone: number
  readonly rowsTotal: number
}

/** Options of an export. */
export interface ExportOptions {
  /** Called now and then; asking for progress costs a count of every table first. */
  readonly onProgress?: (progress: ExportProgress) => void
}


const FLUSH_BYTES = 1 << 20
const PROGRESS_EVERY = 16_384

/**
 * A number as the import reads it back: JavaScript's shortest round-trip form
 * (`93.5`, `80`), spelled out without an exponent, which the bundle's decimal
 * form does not allow (`1e-7` → `0.0000001`).
 */
export const formatNumber = (value: number): string => {
  const shortest = String(value)
  const exponentAt = shortest.indexOf("e")
  if (exponentAt === -1) return shortest
  const negative = shortest.startsWith("-")
  const mantissa = shortest.slice(negative ? 1 : 0, exponentAt)
  const exponent = Number(shortest.slice(exponentAt + 1))
  const pointAt = mantissa.indexOf(".")
  const digits = pointAt === -1 ? mantissa : mantissa.slice(0, pointAt) + mantissa.slice(pointAt + 1)
  const integerDigits = (pointAt === -1 ? mantissa.length : pointAt) + exponent
  const plain = integerDigits <= 0
    ? `0.${"0".repeat(-integerDigits)}${digits}`
    : integerDigits >= digits.length
    ? digits + "0".repeat(integerDigits - digits.length)
    : `${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`
  return negative ? `-${plain}` : plain
}

const NEEDS_QUOTES = /[",\r\n]/

/**
 * One stored value as a CSV field: NULL as an empty field, numbers by
 * `formatNumber`, text quoted (quotes doubled) only when it holds a comma, a
 * quote or a line break.
 */
export const formatField = (value: unknown): string => {
  if (value === null || value === undefined) return ""
  if (typeof value === "number") return formatNumber(value)
  if (typeof value === "bigint") return value.toString()
  const text = String(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll("\"", "\"\"")}"` : text
}

/** `SELECT` of a table's columns in declared order, sorted by its key columns. */
export const exportSelectSql = (table: TableSpec): string =>
  `SELECT ${Object.keys(table.columns).map(quoteIdentifier).join(", ")} FROM ${quoteIdentifier(table.name)} ORDER BY ${
    keyColumnsOf(table).map(quoteIdentifier).join(", ")
  }`

/** Writes text to a file through a 1 MiB buffer, encoding each piece straight into it. */
class BufferedFile {
  private readonly fd: number
  private readonly buffer = Buffer.allocUnsafe(FLUSH_BYTES)
  private used = 0

  constructor(path: string) {
    this.fd = openSync(path, "wx")
  }

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > FLUSH_BYTES) {
      this.flush()
      if (text.length * 3 > FLUSH_BYTES) {
        writeSync(this.fd, text)
        return
      }
    }
    this.used += this.buffer.write(text, this.used)
  }

  flush(): void {
    let written = 0
    while (written < this.used) written += writeSync(this.fd, this.buffer, written, this.used - written)
    this.used = 0
  }

  close(): void {
    try {
      this.flush()
    } finally {
      closeSync(this.fd)
    }
  }
}

/** Writes every non-empty table of the open store `db` into the folder `outDir` (which must exist). */
export const exportBundle = (db: Database.Database, outDir: string, options: ExportOptions = {}): ReadonlyArray<ExportCount> => {
  const counts: Array<ExportCount> = []
  db.exec("BEGIN") // one snapshot for every table
  try {
    const totals = options.onProgress === undefined
      ? undefined
      : Tables.map((table) => db.prepare(`SELECT count(*) FROM ${quoteIdentifier(table.name)}`).pluck().get() as number)
    const rowsTotal = totals?.reduce((sum, rows) => sum + rows, 0) ?? 0
    let rowsBefore = 0
    for (const table of Tables) {
      const rows = exportTable(db, table, outDir, (rowsDone) =>
        options.onProgress?.({ table: table.name, rowsDone: rowsBefore + rowsDone, rowsTotal }))
      rowsBefore += rows
      if (rows > 0) counts.push({ table: table.name, rows })
    }
    options.onProgress?.({ table: "", rowsDone: rowsTotal, rowsTotal })
    return counts
  } finally {
    db.exec("COMMIT")
  }
}

/** Writes one table's file (none when it has no rows); returns its row count. */
const exportTable = (
  db: Database.Database,
  table: TableSpec,
  outDir: string,
  onRows: (rowsDone: number) => void
): number => {
  const statement = db.prepare(exportSelectSql(table)).raw()
  const columnCount = Object.keys(table.columns).length
  const path = join(outDir, `${table.name}.csv`)
  // Written under a temporary name and renamed when complete: a file named after a table is always whole.
  const partial = join(outDir, `.${table.name}.csv.partial`)
  let out: BufferedFile | undefined
  let rows = 0
  try {
    for (const values of statement.iterate() as IterableIterator<Array<unknown>>) {
      if (out === undefined) {
        out = new BufferedFile(partial)
        out.write(`${Object.keys(table.columns).join(",")}\n`)
      }
      let line = formatField(values[0])
      for (let index = 1; index < columnCount; index++) line += "," + formatField(values[index])
      out.write(line + "\n")
      if (++rows % PROGRESS_EVERY === 0) onRows(rows)
    }
  } catch (error) {
    if (out !== undefined) {
      try {
        out.close()
      } catch {
        // the export is failing already; the partial file goes either way
      }
      rmSync(partial, { force: true })
    }
    throw error
  }
  if (out !== undefined) {
    out.close()
    renameSync(partial, path)
  }
  onRows(rows)
  return rows
}

/**
 * Exports the store file at `dbPath` into `outDir`, created when missing. Refuses
 * (`ExportFolderNotEmpty`) a folder that already holds anything, so an export
 * never leaves a mix of old and new tables; `StoreNotFound` when there is no
 * store. A store at an older schema is migrated first, as any command does.
 */
export const exportStoreToFolder = (dbPath: string, outDir: string, options: ExportOptions = {}): ReadonlyArray<ExportCount> => {
  let db = openStore(dbPath, { readonly: true })
  if ((db.pragma("user_version", { simple: true }) as number) < CurrentSchemaVersion) {
    db.close()
    db = openStore(dbPath)
  }
  try {
    if (existsSync(outDir)) {
      if (!statSync(outDir).isDirectory() || readdirSync(outDir).length > 0) throw new ExportFolderNotEmpty({ path: outDir })
    } else {
      mkdirSync(outDir, { recursive: true })
    }
    return exportBundle(db, outDir, options)
  } finally {
    db.close()
  }
}
