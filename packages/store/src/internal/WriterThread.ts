/**
 * A `RowWriter` on a worker thread: the importer's main thread reads and checks
 * the CSV files while this thread inserts rows and builds indexes, so the two
 * halves of the work overlap on two cores.
 *
 * The import stays a synchronous call: rows go over `postMessage` in batches,
 * a shared counter holds the main thread back (`Atomics.wait`) when too many
 * batches are queued, and the outcome comes back on a message port read with
 * `receiveMessageOnPort`. The thread's whole work is one SQLite transaction, so
 * a process killed part way leaves the store as it was.
 *
 * The thread's code is plain JavaScript evaluated from a string, so it runs the
 * same from sources (tests) and from the build; it loads better-sqlite3 from the
 * path this package resolves.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads"
import { createRequire } from "node:module"
import type { StoredValue } from "@kts/domain"
import {
  clearStatements,
  IMPORT_LOG_SQL,
  insertSql,
  rowsPerInsert,
  tableIndexStatements,
  type ImportLog,
  type RowWriter
} from "./RowWriter.js"

/** Slots of the shared control array. */
const QUEUED = 0
const STATE = 1
const RUNNING = 0
const FINISHED = 1
const FAILED = 2

/** Batches in flight before the main thread waits: bounds the memory between the threads. */
const MAX_QUEUED = 32

const THREAD_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads")
const Database = require(workerData.driverPath)
const control = new Int32Array(workerData.control)
const reply = workerData.replyPort
let db
let failed = false
let table
const settle = (state, message) => {
  reply.postMessage(message)
  Atomics.store(control, ${STATE}, state)
  Atomics.notify(control, ${STATE})
}
const fail = (error) => {
  failed = true
  try { if (db && db.inTransaction) db.exec("ROLLBACK") } catch {}
  try { if (db) db.close() } catch {}
  settle(${FAILED}, { ok: false, message: String(error && error.message || error), code: error && error.code })
  parentPort.close()
}
try {
  db = new Database(workerData.dbPath)
  for (const pragma of workerData.pragmas) db.pragma(pragma)
  db.exec("BEGIN IMMEDIATE")
  for (const sql of workerData.clearStatements) db.exec(sql)
} catch (error) {
  fail(error)
}
parentPort.on("message", (message) => {
  if (failed) {
    if (message.kind === "rows") { Atomics.sub(control, ${QUEUED}, 1); Atomics.notify(control, ${QUEUED}) }
    return
  }
  try {
    switch (message.kind) {
      case "table":
        table = { batch: db.prepare(message.batchSql), perInsert: message.perInsert, name: message.name, columns: message.columns }
        break
      case "rows":
        if (message.rowCount === table.perInsert) table.batch.run(message.values)
        else db.prepare(message.partialSql).run(message.values)
        Atomics.sub(control, ${QUEUED}, 1)
        Atomics.notify(control, ${QUEUED})
        break
      case "endTable":
        for (const sql of message.indexStatements) db.exec(sql)
        break
      case "commit":
        db.prepare(message.logSql).run(message.log.importedAt, message.log.source, message.log.rowCount)
        db.exec("COMMIT")
        db.pragma("optimize")
        db.close()
        settle(${FINISHED}, { ok: true })
        parentPort.close()
        break
      case "rollback":
        if (db.inTransaction) db.exec("ROLLBACK")
        db.close()
        settle(${FINISHED}, { ok: true })
        parentPort.close()
        break
    }
  } catch (error) {
    if (message.kind === "rows") { Atomics.sub(control, ${QUEUED}, 1); Atomics.notify(control, ${QUEUED}) }
    fail(error)
  }
})
`

/** A failure the writer thread reported, with SQLite's code (e.g. `SQLITE_BUSY`). */
export class WriterThreadError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message)
    this.name = "WriterThreadError"
  }
}

/** A writer on its own thread over the store file at `dbPath`, opened with `pragmas`. */
export const threadWriter = (dbPath: string, pragmas: ReadonlyArray<string>): RowWriter => {
  const control = new Int32Array(new SharedArrayBuffer(8))
  const { port1: replyPort, port2: replyReceiver } = new MessageChannel()
  let worker: Worker | undefined
  let table = ""
  let columns: ReadonlyArray<string> = []
  let perInsert = 1
  let pending: Array<StoredValue> = []
  let pendingRows = 0

  const throwIfFailed = () => {
    if (Atomics.load(control, STATE) !== FAILED) return
    const reply = receiveMessageOnPort(replyReceiver)?.message as { message: string; code?: string } | undefined
    throw new WriterThreadError(reply?.message ?? "the import's writer thread failed", reply?.code)
  }
  const awaitSettled = () => {
    while (Atomics.load(control, STATE) === RUNNING) Atomics.wait(control, STATE, RUNNING, 1000)
    throwIfFailed()
    receiveMessageOnPort(replyReceiver)
  }
  const post = (message: unknown) => {
    throwIfFailed()
    worker!.postMessage(message)
  }
  const sendRows = () => {
    for (let queued = Atomics.load(control, QUEUED); queued >= MAX_QUEUED; queued = Atomics.load(control, QUEUED)) {
      throwIfFailed()
      Atomics.wait(control, QUEUED, queued, 1000)
    }
    Atomics.add(control, QUEUED, 1)
    post({
      kind: "rows",
      values: pending,
      rowCount: pendingRows,
      partialSql: pendingRows === perInsert ? undefined : insertSql(table, columns, pendingRows)
    })
    pending = []
    pendingRows = 0
  }

  return {
    begin: () => {
      worker = new Worker(THREAD_SOURCE, {
        eval: true,
        workerData: {
          dbPath,
          pragmas,
          driverPath: createRequire(import.meta.url).resolve("better-sqlite3"),
          control: control.buffer,
          replyPort,
          clearStatements: clearStatements()
        },
        transferList: [replyPort]
      })
      worker.unref()
    },
    startTable: (name, columnNames) => {
      table = name
      columns = columnNames
      perInsert = rowsPerInsert(columnNames.length)
      post({ kind: "table", name, columns: columnNames, perInsert, batchSql: insertSql(name, columnNames, perInsert) })
    },
    add: (values) => {
      for (let index = 0; index < values.length; index++) pending.push(values[index]!)
      if (++pendingRows === perInsert) sendRows()
    },
    endTable: () => {
      if (pendingRows > 0) sendRows()
      post({ kind: "endTable", indexStatements: tableIndexStatements(table) })
    },
    commit: (log: ImportLog) => {
      post({ kind: "commit", logSql: IMPORT_LOG_SQL, log })
      awaitSettled()
    },
    rollback: () => {
      if (worker === undefined) return
      if (Atomics.load(control, STATE) === RUNNING) {
        worker.postMessage({ kind: "rollback" })
        while (Atomics.load(control, STATE) === RUNNING) Atomics.wait(control, STATE, RUNNING, 1000)
      }
      receiveMessageOnPort(replyReceiver)
    }
  }
}
