/**
 * A worker thread of a parallel run: opens its own read-only connection to
 * the store and, for each calendar group it is sent, builds and encodes the
 * group's rows and sends the bytes back (transferred, not copied). The main
 * thread writes the groups in report order, so the files are the same bytes
 * as a single-threaded run.
 */
import { connectStore } from "@kts/store"
import { parentPort, workerData } from "node:worker_threads"
import { reportContext } from "../ReportBuilder.js"
import { StoreLeadSource } from "../StoreLeadSource.js"
import { encodeGroup } from "./GroupEncoding.js"
import type { GroupReply, GroupRequest, WorkerSetup } from "./ParallelRun.js"

const port = parentPort
if (port === null) throw new Error("ExtractWorker runs only as a worker thread")
const setup = workerData as WorkerSetup
const source = new StoreLeadSource(connectStore(setup.dbPath, { readonly: true }))
const context = reportContext(source, setup.parameters)

port.on("message", (request: GroupRequest) => {
  let reply: GroupReply
  const transfer: Array<ArrayBuffer> = []
  try {
    const group = encodeGroup(source, request.scopes, context, setup.encodings)
    const bytes = (chunks: Array<Uint8Array> | null) => {
      if (chunks === null) return null
      for (const chunk of chunks) transfer.push(chunk.buffer as ArrayBuffer)
      return chunks
    }
    reply = {
      index: request.index,
      csv: bytes(group.csv),
      html: bytes(group.html),
      sectionCount: group.sectionCount,
      rowCount: group.rowCount
    }
  } catch (error) {
    reply = { index: request.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  port.postMessage(reply, transfer)
})
