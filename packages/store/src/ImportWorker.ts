/**
 * The parse worker of a file import (built as `dist/import-worker.js`): reads and
 * checks the bundle with `runImport` and posts the rows to the thread holding
 * the SQLite connection (`internal/ImportChannel.ts`). The thread starts with
 * `workerStart`, which loads this module and tells the waiting thread when it
 * cannot be loaded or the thread ends.
 */
import { workerData } from "node:worker_threads"
import { runImport } from "./internal/BundleCheck.js"
import { channelSender, ChannelStopped, errorData, type WorkerSetup } from "./internal/ImportChannel.js"

const setup = workerData as WorkerSetup
const sender = channelSender(setup.port, setup.control)
try {
  const outcome = runImport(setup.bundleDir, sender, {
    ...(setup.maxProblems === undefined ? {} : { maxProblems: setup.maxProblems }),
    onProgress: sender.progress
  })
  sender.finish({ kind: "done", outcome })
} catch (error) {
  if (!(error instanceof ChannelStopped)) sender.finish({ kind: "failed", error: errorData(error) })
}
