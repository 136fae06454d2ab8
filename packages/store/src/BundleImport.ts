/**
 * `kts import`: loads a bundle (a folder of CSV files, `docs/bundle-format.md`) into a store,
 * all or nothing.
 *
 * The checks are `internal/BundleCheck.ts`: every file read once, in table order,
 * streaming, every problem known with its file, line and column. Here the rows go
 * into the store: through the caller's transaction (`importBundle`), or into a new
 * file renamed over the store (`importBundleIntoFile`), with the checks on a
 * worker thread. A process killed part way never commits, so the store keeps its
 * old data.
 */
import Database from "better-sqlite3"
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync
} from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { MessageChannel, Worker } from "node:worker_threads"
import { BundleNotFound, StoreBusy, StoreCannotOpen } from "./Errors.js"
import { type ImportOptions, type ImportOutcome, runImport } from "./internal/BundleCheck.js"
import { newControl, receiveImport, stopSender, workerStart, type WorkerSetup } from "./internal/ImportChannel.js"
import { type BatchRowWriter, connectionWriter } from "./internal/RowWriter.js"
import { createCurrentSchema, CurrentSchemaVersion } from "./Migrations.js"
import { openStore } from "./Store.js"
import { storeFailure } from "./StoreConnection.js"

export type { ImportOptions, ImportOutcome, ImportProgress, TableCount } from "./internal/BundleCheck.js"

/** Checks a bundle folder and, when it has no problem, replaces the data of the store `db` with it. */
export const importBundle = (db: Database.Database, bundleDir: string, options: ImportOptions = {}): ImportOutcome =>
  runImport(bundleDir, connectionWriter(db), options)

/**
 * Pragmas of the new store file while it is built: no rollback journal and no
 * syncs (a failed or killed build only leaves a scratch file that is thrown
 * away) and one process holding it. The page cache stays at SQLite's own
 * default and temporary data in files: each index is built by SQLite's sorter,
 * which sorts runs of about the cache's size and merges them, and measured on
 * the state bundle bigger runs (a 256 MiB cache, temporary files in memory,
 * sorter threads) cost twice the CPU time of the defaults.
 */
const BUILD_PRAGMAS = ["journal_mode = OFF", "synchronous = OFF", "locking_mode = EXCLUSIVE", "cache_size = -2000"]

/** The scratch file a full import builds next to the store before renaming it over the store. */
export const importScratchPath = (dbPath: string): string => `${dbPath}.importing`

const removeFile = (path: string): void => {
  if (existsSync(path)) unlinkSync(path)
}

const fsyncPath = (path: string): void => {
  const fd = openSync(path, "r")
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Opens the existing store (checked to be a store this kts can read) and takes
 * its write lock for the length of the import, so no other writer commits data
 * the import would then replace.
 */
const lockOldStore = (dbPath: string): Database.Database => {
  const old = openStore(dbPath)
  try {
    old.pragma("busy_timeout = 5000")
    old.pragma("wal_checkpoint(TRUNCATE)")
    old.exec("BEGIN IMMEDIATE")
    return old
  } catch (error) {
    old.close()
    throw storeFailure(dbPath, error)
  }
}

/**
 * Releases the old store once every change it holds is in its main file (its
 * WAL checkpointed), so that removing its WAL and SHM files loses nothing even
 * if the process dies before the rename.
 */
const releaseOldStore = (dbPath: string, old: Database.Database): void => {
  try {
    old.exec("ROLLBACK")
    const result = old.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number; log: number; checkpointed: number }>
    const row = result[0]
    if (row !== undefined && row.busy !== 0 && row.log !== row.checkpointed) throw new StoreBusy({ path: dbPath })
  } finally {
    old.close()
  }
}

/** Creates the scratch file; a failure names the store's own path. */
const createScratch = (dbPath: string, scratch: string): Database.Database => {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) removeFile(scratch + suffix) // a killed import's leftovers
  try {
    const db = new Database(scratch)
    for (const pragma of BUILD_PRAGMAS) db.pragma(pragma)
    db.exec("BEGIN")
    createCurrentSchema(db)
    db.pragma(`user_version = ${CurrentSchemaVersion}`)
    db.exec("COMMIT")
    return db
  } catch (error) {
    removeFile(scratch)
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""
    if (error instanceof TypeError || code.startsWith("SQLITE_CANTOPEN") || code === "ENOENT" || code === "EACCES") {
      throw new StoreCannotOpen({ path: dbPath, reason: error instanceof Error ? error.message : String(error) })
    }
    throw error
  }
}

/**
 * Imports a bundle into the store file at `dbPath`, creating it when missing.
 *
 * A full import is a snapshot, so it does not go through the live store's
 * transaction: the new store is built in a scratch file beside it
 * (`importScratchPath`) with the journal and syncs off, then synced to disk
 * and renamed over the old file in one step. Until the rename the old store
 * is whole and untouched (a failed import leaves it byte for byte, and a
 * failed first import leaves no file); a reader holding the old file open
 * keeps its snapshot after the rename. The old store's write lock is held
 * while the new one is built; its WAL is checkpointed into the main file, and
 * its WAL and SHM files are removed just before the rename so they are never
 * paired with the new file.
 *
 * The bundle is read and checked on a worker thread (`ImportWorker`) while
 * this thread binds and steps the inserts and builds the indexes; the rows and
 * problems are those of the single-threaded path (`options.parseThread: false`,
 * and the path taken when the built worker is not beside this module), since
 * the worker runs the same `runImport`.
 */
export const importBundleIntoFile = (givenPath: string, bundleDir: string, options: ImportOptions = {}): ImportOutcome => {
  if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) throw new BundleNotFound({ path: bundleDir })
  const existed = existsSync(givenPath)
  // A store reached through a symlink is replaced where it lives, keeping the link.
  const dbPath = existed ? realpathSync(givenPath) : givenPath
  const old = existed ? lockOldStore(givenPath) : undefined
  const scratch = importScratchPath(dbPath)
  let db: Database.Database | undefined
  let renamed = false
  try {
    db = createScratch(dbPath, scratch)
    const script = options.parseThread === false ? undefined : parseWorkerScript()
    const outcome = script === undefined ? importBundle(db, bundleDir, options) : importOnWorker(script, db, bundleDir, options)
    if (!outcome.ok) return outcome
    db.pragma("optimize")
    db.pragma("locking_mode = NORMAL")
    db.pragma("journal_mode = WAL")
    db.close()
    db = undefined
    if (existed) chmodSync(scratch, statSync(dbPath).mode & 0o7777) // the new store keeps the old one's permissions
    fsyncPath(scratch)
    testKillPoint("synced")
    if (old !== undefined) releaseOldStore(givenPath, old)
    removeFile(`${dbPath}-wal`)
    removeFile(`${dbPath}-shm`)
    testKillPoint("released")
    renameSync(scratch, dbPath)
    renamed = true
    testKillPoint("renamed")
    fsyncPath(dirname(resolve(dbPath)))
    return outcome
  } finally {
    db?.close()
    if (old?.open === true) {
      if (old.inTransaction) old.exec("ROLLBACK")
      old.close()
    }
    if (!renamed) {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) removeFile(scratch + suffix)
    }
  }
}

/**
 * The built parse worker (tsup entry `import-worker`), or undefined when running from source.
 * Test hook: `KTS_TEST_IMPORT_WORKER_SCRIPT` names another script (one that does not load), for
 * the tests of a worker that cannot start.
 */
const parseWorkerScript = (): URL | undefined => {
  const testScript = process.env["KTS_TEST_IMPORT_WORKER_SCRIPT"]
  if (testScript !== undefined && testScript !== "") return pathToFileURL(resolve(testScript))
  const script = new URL("./import-worker.js", import.meta.url)
  return script.protocol === "file:" && existsSync(fileURLToPath(script)) ? script : undefined
}

/** `importBundle` with the reading and checking on a worker thread and the SQLite work on this one. */
const importOnWorker = (script: URL, db: Database.Database, bundleDir: string, options: ImportOptions): ImportOutcome => {
  const { port1, port2 } = new MessageChannel()
  const control = newControl()
  const setup: WorkerSetup = { script: script.href, bundleDir, maxProblems: options.maxProblems, port: port2, control }
  const worker = new Worker(workerStart, { eval: true, workerData: setup, transferList: [port2] })
  worker.unref()
  const writer: BatchRowWriter = connectionWriter(db)
  try {
    return receiveImport(port1, control, writer, options.onProgress)
  } catch (error) {
    stopSender(control)
    void worker.terminate()
    writer.rollback()
    throw error
  } finally {
    port1.close()
  }
}

/**
 * Kill-test hook: with `KTS_TEST_KILL_IMPORT_AT` naming this point, the process
 * kills itself here, as a power cut or `kill -9` would, so tests can look at the
 * disk in the rename window (`synced`: the new file is synced, the old store
 * untouched; `released`: the old store's WAL is folded in and removed;
 * `renamed`: the new file has replaced the old, nothing cleaned up yet).
 */
const testKillPoint = (point: "synced" | "released" | "renamed"): void => {
  if (process.env["KTS_TEST_KILL_IMPORT_AT"] === point) process.kill(process.pid, "SIGKILL")
}
