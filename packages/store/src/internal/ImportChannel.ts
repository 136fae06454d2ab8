/**
 * The hand-over between a file import's two threads: the parse worker reads and
 * checks the bundle (`runImport`) and its `RowWriter` posts what it would have
 * written, in order, on a `MessagePort`; the thread that holds the SQLite
 * connection only binds and steps the inserts.
 *
 * The receiving side stays synchronous (`importBundleIntoFile` is): it takes
 * messages with `receiveMessageOnPort` and sleeps on a shared counter with
 * `Atomics.wait` while none is there. Rows travel packed, several multi-row
 * INSERTs' worth (`rowsPerInsert`) a message: each value's kind in one byte
 * array, each number (or a text's length) in one float array, both transferred
 * rather than copied, and all the texts one after another in one string. A
 * message is then a few objects however many values it holds, where an array
 * of values costs a JS object per value to copy on both sides; the receiver
 * cuts one INSERT's values at a time out of it and binds them. The worker
 * stops when `IN_FLIGHT` messages wait unread, which bounds the memory
 * whatever the bundle's size.
 */
import type { MessagePort } from "node:worker_threads"
import { receiveMessageOnPort } from "node:worker_threads"
import type { StoredValue } from "@kts/domain"
import type { ImportOutcome, ImportProgress } from "./BundleCheck.js"
import { type BatchRowWriter, type ImportLog, type RowWriter, rowsPerInsert } from "./RowWriter.js"

/** Slots of the shared control array. */
const POSTED = 0
const TAKEN = 1
const STOP = 2
const WORKER_GONE = 3
const SLOTS = 4

/**
 * Messages waiting unread before the worker waits for the receiver: enough for
 * the worker to read on while the receiver builds a big table's indexes
 * (up to a million rows), little enough to keep memory bounded.
 */
const IN_FLIGHT = 1024

/**
 * INSERT statements' worth of rows per message: about a thousand rows, so that
 * a message's texts stay in V8's young generation (bigger strings are each
 * placed in fresh memory, on both sides, which measured slower).
 */
const GROUPS_PER_MESSAGE = 4

/**
 * Each side wakes the other only when it has a good amount of work for it, not at
 * every message: a sleeping receiver when WAKE_RECEIVER messages of rows or progress
 * wait (or any other message comes), a waiting worker when the unread messages are down to
 * half of IN_FLIGHT. On a busy machine every wake-up costs a trip through the
 * scheduler, which a wake-up per message would pay thousands of times.
 */
const WAKE_RECEIVER = 32
const WAKE_WORKER = IN_FLIGHT / 2

/** What a value is, in `PackedRows.kinds` (0, the arrays' fill, is null). */
const NULL = 0
const NUMBER = 1
const TEXT = 2

/** Rows laid out flat (the table's columns, row after row), packed for the trip between the threads. */
export interface PackedRows {
  readonly kind: "rows"
  /** Values in the message. */
  readonly count: number
  /** Each value's kind: `NULL`, `NUMBER` or `TEXT`. */
  readonly kinds: Uint8Array
  /** Each number's value; each text's length, in UTF-16 code units. */
  readonly numbers: Float64Array
  /** Every text value, one after another. */
  readonly texts: string
}

/** An error from the worker, as plain data (an `Error`'s own fields do not all survive a message). */
export interface ErrorData {
  readonly name: string
  readonly message: string
  readonly code: string | undefined
  readonly stack: string | undefined
}

/** What the worker posts. */
export type ChannelMessage =
  | { readonly kind: "begin" }
  | { readonly kind: "startTable"; readonly table: string; readonly columnNames: ReadonlyArray<string> }
  | PackedRows
  | { readonly kind: "endTable" }
  | { readonly kind: "commit"; readonly log: ImportLog }
  | { readonly kind: "rollback" }
  | { readonly kind: "progress"; readonly progress: ImportProgress }
  | { readonly kind: "done"; readonly outcome: ImportOutcome }
  | { readonly kind: "failed"; readonly error: ErrorData }

/** The shared memory both sides count messages in. */
export const newControl = (): Int32Array => new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT))

/** Thrown in the worker when the receiver has given up (its own failure). */
export class ChannelStopped extends Error {
  constructor() {
    super("the import's writer stopped")
  }
}

export const errorData = (error: unknown): ErrorData => {
  if (error instanceof Error) {
    const code = "code" in error && error.code !== undefined ? String(error.code) : undefined
    return { name: error.name, message: error.message, code, stack: error.stack }
  }
  return { name: "Error", message: String(error), code: undefined, stack: undefined }
}

const errorFrom = (data: ErrorData): Error => {
  const error = new Error(data.message) as Error & { code?: string }
  error.name = data.name
  if (data.code !== undefined) error.code = data.code
  if (data.stack !== undefined) error.stack = data.stack
  return error
}

/** The worker's side: a `RowWriter` that posts, plus progress and the final word. */
export interface ChannelSender extends RowWriter {
  readonly progress: (progress: ImportProgress) => void
  readonly finish: (message: Extract<ChannelMessage, { kind: "done" | "failed" }>) => void
}

export const channelSender = (port: MessagePort, control: Int32Array): ChannelSender => {
  let capacity = 0
  let kinds = new Uint8Array(0)
  let numbers = new Float64Array(0)
  let texts = ""
  let count = 0
  const post = (message: ChannelMessage, transfer?: ReadonlyArray<ArrayBuffer>): void => {
    if (Atomics.load(control, STOP) !== 0) throw new ChannelStopped()
    if (Atomics.load(control, POSTED) - Atomics.load(control, TAKEN) >= IN_FLIGHT) {
      // The receiver is IN_FLIGHT messages behind: wait until it has read half of them.
      for (;;) {
        const taken = Atomics.load(control, TAKEN)
        if (Atomics.load(control, POSTED) - taken <= WAKE_WORKER) break
        Atomics.wait(control, TAKEN, taken, 100)
        if (Atomics.load(control, STOP) !== 0) throw new ChannelStopped()
      }
    }
    port.postMessage(message, transfer)
    const unread = Atomics.add(control, POSTED, 1) + 1 - Atomics.load(control, TAKEN)
    if ((message.kind !== "rows" && message.kind !== "progress") || unread >= WAKE_RECEIVER) Atomics.notify(control, POSTED)
  }
  /** Fresh arrays for the next message (the posted ones are transferred away). */
  const reset = (): void => {
    kinds = new Uint8Array(capacity)
    numbers = new Float64Array(capacity)
    texts = ""
    count = 0
  }
  /** Posts the values packed so far. */
  const flush = (): void => {
    if (count === 0) return
    post({ kind: "rows", count, kinds, numbers, texts }, [kinds.buffer as ArrayBuffer, numbers.buffer as ArrayBuffer])
    reset()
  }
  return {
    begin: () => post({ kind: "begin" }),
    startTable: (table, columnNames) => {
      capacity = GROUPS_PER_MESSAGE * rowsPerInsert(columnNames.length) * columnNames.length
      reset()
      post({ kind: "startTable", table, columnNames })
    },
    add: (row) => {
      for (let index = 0; index < row.length; index++) {
        const value = row[index]!
        if (typeof value === "number") {
          kinds[count] = NUMBER
          numbers[count] = value
        } else if (value !== null) {
          kinds[count] = TEXT
          numbers[count] = value.length
          texts += value
        } else {
          kinds[count] = NULL
        }
        count++
      }
      if (count === capacity) flush()
    },
    endTable: () => {
      flush()
      post({ kind: "endTable" })
    },
    commit: (log) => post({ kind: "commit", log }),
    rollback: () => {
      texts = ""
      count = 0
      if (Atomics.load(control, STOP) === 0) post({ kind: "rollback" })
    },
    progress: (progress) => post({ kind: "progress", progress }),
    finish: (message) => {
      port.postMessage(message)
      Atomics.add(control, POSTED, 1)
      Atomics.notify(control, POSTED)
    }
  }
}

/** What a parse worker thread is started with (`workerStart`'s `workerData`). */
export interface WorkerSetup {
  /** The worker's module (`file:` URL): `ImportWorker`, built. */
  readonly script: string
  readonly bundleDir: string
  readonly maxProblems: number | undefined
  readonly port: MessagePort
  readonly control: Int32Array
}

/**
 * The code a parse worker thread starts with (`new Worker(workerStart, { eval:
 * true, workerData: WorkerSetup })`), which then loads the worker's module. The
 * receiver waits synchronously, so it never sees the `Worker`'s own events (its
 * `error` and `exit` are only delivered to an idle event loop): this code, which
 * uses nothing but Node itself and so always runs, tells it instead. It marks
 * the worker gone when the thread ends, however it ends; and when the module
 * cannot be loaded (a missing, unreadable or broken file) it posts that as the
 * worker's final word, so the import fails with the reason instead of waiting.
 */
export const workerStart = `
const { workerData } = require("node:worker_threads")
const { control, port, script } = workerData
process.on("exit", () => {
  Atomics.store(control, ${WORKER_GONE}, 1)
  Atomics.notify(control, ${POSTED})
})
import(script).catch((error) => {
  const reason = error instanceof Error ? error.message : String(error)
  const message = "the import's parse worker could not load " + require("node:url").fileURLToPath(script) + ": " + reason
  port.postMessage({ kind: "failed", error: { name: "Error", message, code: undefined, stack: undefined } })
  Atomics.add(control, ${POSTED}, 1)
  Atomics.notify(control, ${POSTED})
})
`

/** Tells the worker to stop at its next message (the receiver failed). */
export const stopSender = (control: Int32Array): void => {
  Atomics.store(control, STOP, 1)
  Atomics.notify(control, TAKEN)
}

/**
 * The receiving side: applies every message to `writer` in order until the
 * worker's final word, and returns its outcome (or throws its error).
 */
export const receiveImport = (
  port: MessagePort,
  control: Int32Array,
  writer: BatchRowWriter,
  onProgress: ((progress: ImportProgress) => void) | undefined
): ImportOutcome => {
  let width = 1
  let perInsert = 1
  /** One INSERT's values, refilled for each full group. */
  let group: Array<StoredValue> = []
  /** Unpacks a message's values one INSERT's worth at a time and hands each group to the writer. */
  const unpack = (rows: PackedRows): void => {
    const { count, kinds, numbers, texts } = rows
    let at = 0 // in texts
    for (let start = 0; start < count; start += perInsert * width) {
      const size = Math.min(perInsert * width, count - start)
      const values = size === group.length ? group : new Array<StoredValue>(size)
      for (let index = 0; index < size; index++) {
        const kind = kinds[start + index]!
        if (kind === NUMBER) {
          values[index] = numbers[start + index]!
        } else if (kind === TEXT) {
          const end = at + numbers[start + index]!
          values[index] = texts.substring(at, end)
          at = end
        } else {
          values[index] = null
        }
      }
      writer.addBatch(values)
    }
  }
  for (;;) {
    const posted = Atomics.load(control, POSTED)
    // Read before looking for a message: a worker marked gone has posted all it ever will.
    const gone = Atomics.load(control, WORKER_GONE) !== 0
    const received = receiveMessageOnPort(port)
    if (received === undefined) {
      if (gone) throw new Error("the import's parse worker stopped before it finished")
      Atomics.wait(control, POSTED, posted, 50) // woken early when enough is posted (WAKE_RECEIVER)
      continue
    }
    const message = received.message as ChannelMessage
    const taken = Atomics.add(control, TAKEN, 1) + 1
    if (Atomics.load(control, POSTED) - taken === WAKE_WORKER) Atomics.notify(control, TAKEN)
    switch (message.kind) {
      case "rows":
        unpack(message)
        break
      case "begin":
        writer.begin()
        break
      case "startTable":
        width = message.columnNames.length
        perInsert = rowsPerInsert(width)
        group = new Array<StoredValue>(perInsert * width)
        writer.startTable(message.table, message.columnNames)
        break
      case "endTable":
        writer.endTable()
        break
      case "commit":
        writer.commit(message.log)
        break
      case "rollback":
        writer.rollback()
        break
      case "progress":
        onProgress?.(message.progress)
        break
      case "done":
        return message.outcome
      case "failed":
        throw errorFrom(message.error)
    }
  }
}
