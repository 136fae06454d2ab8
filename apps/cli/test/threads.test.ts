import { runLeadExtract } from "@kts/lead-extract"
import { connectStore } from "@kts/store"
import { existsSync, readFileSync } from "node:fs"
import { subscribe, unsubscribe } from "node:diagnostics_channel"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { kts, tempDir } from "./runKts.js"

// The built report (this app resolves @kts/lead-extract to its dist/) builds
// calendar groups on worker threads when its worker file sits beside it, the
// store is a file, and there are several groups and threads. Node announces
// every new worker thread on the `worker_threads` diagnostics channel, which
// is how this test sees that the parallel path ran, and the serial one did not.
const workerFile = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "packages", "lead-extract", "dist", "extract-worker.js")

/** Runs `run`, counting the worker threads it starts and the progress calls it makes. */
const observe = async <A>(run: (onProgress: () => void) => Promise<A>) => {
  let workers = 0
  let progressCalls = 0
  const onWorker = () => {
    workers++
  }
  subscribe("worker_threads", onWorker)
  try {
    const result = await run(() => {
      progressCalls++
    })
    return { result, workers, progressCalls }
  } finally {
    unsubscribe("worker_threads", onWorker)
  }
}

describe("the built LEAD report on worker threads", () => {
  it("runs several calendar groups on workers and writes the same bytes as one thread", async () => {
    expect(existsSync(workerFile), `${workerFile} is built`).toBe(true)
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    expect(kts("generate", "--scale", "tiny", "--seed", "11", "--out", bundle).status).toBe(0)
    expect(kts("import", bundle, "--db", dbPath).status).toBe(0)
    const db = connectStore(dbPath, { readonly: true })
    try {
      const common = { endYear: 2025, asOf: "2025-05-27T16:45", format: "both", excludeCrossSite: false } as const
      const threaded = await observe((onProgress) =>
        runLeadExtract(db, { ...common, threads: 3, outDir: join(folder, "threaded") }, onProgress)
      )
      const single = await observe((onProgress) =>
        runLeadExtract(db, { ...common, threads: 1, outDir: join(folder, "single") }, onProgress)
      )
      // Progress is reported once at the start and once per calendar group.
      const groups = single.progressCalls - 1
      expect(groups).toBeGreaterThanOrEqual(3)
      expect(threaded.progressCalls).toBe(single.progressCalls)
      expect(threaded.workers).toBe(3)
      expect(single.workers).toBe(0)

      expect(threaded.result.rowCount).toBe(single.result.rowCount)
      expect(threaded.result.rowCount).toBeGreaterThan(0)
      for (const name of ["KECS_LEAD_Extract.csv", "KECS_LEAD_Extract.html"]) {
        const a = readFileSync(join(folder, "threaded", name))
        const b = readFileSync(join(folder, "single", name))
        expect(a.equals(b), name).toBe(true)
      }
    } finally {
      db.close()
    }
  })
})
