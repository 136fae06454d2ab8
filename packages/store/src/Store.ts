/**
 * Opening a store file (WAL journal, foreign keys on, schema migrated), and
 * the store as an Effect service: `Store.layer(path)` opens and migrates it
 * when the layer is built and closes it when the layer's scope ends.
 *
 * Other packages reach the store only through `StoreConnection` (see
 * StoreConnection.ts), from the service or from `connectStore`.
 */
import Database from "better-sqlite3"
import { Context, Effect, Layer } from "effect"
import { existsSync } from "node:fs"
import {
  NotAStore,
  StoreCannotOpen,
  type StoreError,
  StoreNewerThanKts,
  StoreNotFound
} from "./Errors.js"
import { CurrentSchemaVersion, migrate } from "./Migrations.js"
import { connectStore, storeFailure, type StoreConnection } from "./StoreConnection.js"

/** How to open a store. */
export interface OpenStoreOptions {
  /** Open for reading only; the file must exist. */
  readonly readonly?: boolean
  /**
   * Read the file's pages through a memory map (up to 256 MiB of it) instead of
   * read calls. It pays for a reader that opens many small stores and reads most
   * of each once (the exchange); it costs a reader of one large store from
   * several threads (the LEAD report) and a file that grows page by page (the
   * importer), so it is off unless asked for. Writes still go through the WAL.
   */
  readonly memoryMap?: boolean
}

/** The most of a store file read through a memory map (SQLite maps only what the file holds). */
const MMAP_BYTES = 256 * 1024 * 1024

const systemCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""

const reasonOf = (error: unknown): string => error instanceof Error ? error.message : String(error)

/** A failure while opening `path` as the store's tagged error; anything else unchanged. */
const openFailure = (path: string, error: unknown): unknown => {
  const translated = storeFailure(path, error)
  if (translated !== error) return translated
  const code = systemCode(error)
  // better-sqlite3 reports a missing folder as a TypeError without a code.
  if (code === "SQLITE_CANTOPEN" || code === "ENOENT" || code === "ENOTDIR" || code === "EACCES" ||
    code === "SQLITE_READONLY" || (error instanceof TypeError && /directory does not exist/.test(error.message)))
  {
    return new StoreCannotOpen({ path, reason: reasonOf(error) })
  }
  return error
}

/**
 * Opens (and creates or migrates, unless read-only) the store at `path` as a
 * raw better-sqlite3 connection. For the store's own modules (the importer)
 * and tests; every other package uses `connectStore` or the `Store` service.
 *
 * @throws StoreNotFound, StoreCannotOpen, NotAStore, StoreNewerThanKts, StoreBusy
 */
export const openStore = (path: string, options: OpenStoreOptions = {}): Database.Database => {
  const readonly = options.readonly === true
  if (readonly && path !== ":memory:" && !existsSync(path)) throw new StoreNotFound({ path })
  let db: Database.Database
  try {
    db = new Database(path, { readonly, fileMustExist: readonly })
  } catch (error) {
    throw openFailure(path, error)
  }
  try {
    // Reading the version is the first read of the file: a file that is not SQLite fails here.
    const version = db.pragma("user_version", { simple: true }) as number
    if (version > CurrentSchemaVersion) {
      throw new StoreNewerThanKts({ path, version, supported: CurrentSchemaVersion })
    }
    if (readonly) {
      if (version === 0 && path !== ":memory:") throw new NotAStore({ path })
    } else {
      db.pragma("journal_mode = WAL")
      migrate(db)
    }
    db.pragma("foreign_keys = ON")
    if (options.memoryMap === true && path !== ":memory:") db.pragma(`mmap_size = ${MMAP_BYTES}`)
    return db
  } catch (error) {
    db.close()
    throw openFailure(path, error)
  }
}

/** The store as a service: one open connection for the life of the layer. */
export class Store extends Context.Service<Store, StoreConnection>()("@kts/store/Store") {
  /**
   * Opens (and, unless read-only, creates and migrates) the store at `path`
   * when built; closes it when the layer's scope ends.
   */
  static layer(path: string, options: OpenStoreOptions = {}): Layer.Layer<Store, StoreError> {
    return Layer.effect(
      Store,
      Effect.acquireRelease(
        Effect.try({
          try: () => connectStore(path, options),
          catch: (error) => isStoreError(error) ? error : new StoreCannotOpen({ path, reason: reasonOf(error) })
        }),
        (connection) => Effect.sync(() => connection.close())
      )
    )
  }
}

const StoreErrorTags: ReadonlySet<string> = new Set([
  "StoreNotFound",
  "StoreCannotOpen",
  "NotAStore",
  "StoreNewerThanKts",
  "StoreBusy"
])

/** Is `error` one of the store's tagged errors? */
export const isStoreError = (error: unknown): error is StoreError =>
  typeof error === "object" && error !== null && "_tag" in error && StoreErrorTags.has(String(error._tag))
