/**
 * Opening a store file: WAL journal, foreign keys on, schema migrated.
 */
import Database from "better-sqlite3"
import { existsSync } from "node:fs"
import { migrate } from "./Migrations.js"

/** How to open a store. */
export interface OpenStoreOptions {
  /** Open for reading only; the file must exist and be at the current schema. */
  readonly readonly?: boolean
}

/** Thrown when a read-only open finds no store file. */
export class StoreNotFound extends Error {
  constructor(readonly path: string) {
    super(`no store at ${path}: run \`kts import BUNDLE_DIR --db ${path}\` first`)
    this.name = "StoreNotFound"
  }
}

/** Opens (and creates or migrates, unless read-only) the store at `path`. */
export const openStore = (path: string, options: OpenStoreOptions = {}): Database.Database => {
  if (options.readonly === true && !existsSync(path)) throw new StoreNotFound(path)
  const db = new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true })
  if (options.readonly !== true) {
    db.pragma("journal_mode = WAL")
    migrate(db)
  }
  db.pragma("foreign_keys = ON")
  return db
}
