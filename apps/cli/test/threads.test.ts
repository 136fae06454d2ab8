import { runLeadExtract } from "@kts/lead-extract"
import { connectStore, formatProblem, importBundleIntoFile } from "@kts/store"
import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs"
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

// The built store (this app resolves @kts/store to its dist/) reads and checks a
// bundle on one worker thread during a file import while the calling thread
// writes; `parseThread: false` keeps it all on the calling thread. Both must give
// the same store, and the same problems for a bad bundle.
const importWorkerFile = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "packages", "store", "dist", "import-worker.js")

/** Every file of `kts export` of a store, by name. */
const exported = (dbPath: string, out: string): Map<string, string> => {
  expect(kts("export", "--db", dbPath, "--out", out).status).toBe(0)
  return new Map(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name), "utf8")]))
}

describe("the built import on a worker thread", () => {
  it("reads the bundle on one worker and builds the same store as one thread", async () => {
    expect(existsSync(importWorkerFile), `${importWorkerFile} is built`).toBe(true)
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    expect(kts("generate", "--scale", "tiny", "--seed", "12", "--out", bundle).status).toBe(0)
    const threaded = await observe(async (onProgress) =>
      importBundleIntoFile(join(folder, "threaded.db"), bundle, { onProgress })
    )
    const single = await observe(async (onProgress) =>
      importBundleIntoFile(join(folder, "single.db"), bundle, { onProgress, parseThread: false })
    )
    expect(threaded.workers).toBe(1)
    expect(single.workers).toBe(0)
    expect(threaded.result.ok).toBe(true)
    expect(threaded.result).toEqual(single.result)
    expect(threaded.progressCalls).toBe(single.progressCalls)
    const threadedFiles = exported(join(folder, "threaded.db"), join(folder, "threaded-export"))
    expect(threadedFiles.size).toBeGreaterThan(10)
    expect(threadedFiles).toEqual(exported(join(folder, "single.db"), join(folder, "single-export")))
  })

  it("reports the same problems on a worker as on one thread, and writes nothing", async () => {
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    expect(kts("generate", "--scale", "tiny", "--seed", "13", "--out", bundle).status).toBe(0)
    appendFileSync(join(bundle, "district.csv"), "999999,1X1,Bad District\n777777,,No Number\n")
    appendFileSync(join(bundle, "roster.csv"), "88888888,1,999999999,2025-02-30,\n")
    const threaded = await observe(async () => importBundleIntoFile(join(folder, "threaded.db"), bundle))
    const single = await observe(async () => importBundleIntoFile(join(folder, "single.db"), bundle, { parseThread: false }))
    expect(threaded.workers).toBe(1)
    expect(single.workers).toBe(0)
    expect(threaded.result.ok).toBe(false)
    if (threaded.result.ok || single.result.ok) return
    const lines = threaded.result.problems.map(formatProblem)
    expect(lines.some((line) => /^district\.csv:\d+:number: /.test(line))).toBe(true)
    expect(lines.some((line) => /^roster\.csv:\d+:startDate: /.test(line))).toBe(true)
    expect(lines).toEqual(single.result.problems.map(formatProblem))
    expect(threaded.result.problemCount).toBe(single.result.problemCount)
    for (const name of ["threaded.db", "single.db"]) expect(existsSync(join(folder, name))).toBe(false)
  })
})
