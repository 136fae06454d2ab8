/**
 * The parse worker of a file import (built as `dist/import-worker.js`): reads and
 * checks the bundle with `runImport` and posts the rows to the thread holding
 * the SQLite connection (`internal/ImportChannel.ts`). This file imports only
 * Node's own modules, so that a failure to load the rest is reported to the
 * waiting thread instead of leaving it waiting.
 */
import { type MessagePort, workerData } from "node:worker_threads"

interface Setup {
  readonly bundleDir: string
  readonly maxProblems: number | undefined
  readonly port: MessagePort
  readonly control: Int32Array
}

const setup = workerData as Setup
const { channelSender, ChannelStopped, errorData, markWorkerGone } = await import("./internal/ImportChannel.js").catch(
  (error: unknown) => {
    Atomics.store(setup.control, 3, 1) // WORKER_GONE: the channel module itself did not load
    Atomics.notify(setup.control, 0)
    throw error
  }
)
process.on("exit", () => markWorkerGone(setup.control))
const sender = channelSender(setup.port, setup.control)
try {
  const { runImport } = await import("./internal/BundleCheck.js")
  const outcome = runImport(setup.bundleDir, sender, {
    ...(setup.maxProblems === undefined ? {} : { maxProblems: setup.maxProblems }),
    onProgress: sender.progress
  })
  sender.finish({ kind: "done", outcome })
} catch (error) {
  if (!(error instanceof ChannelStopped)) sender.finish({ kind: "failed", error: errorData(error) })
}
