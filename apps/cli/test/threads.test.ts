import { runLeadExtract } from "@kts/lead-extract"
import { connectStore, formatProblem, importBundleIntoFile } from "@kts/store"
import { spawnSync } from "node:child_process"
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { subscribe, unsubscribe } from "node:diagnostics_channel"
import { availableParallelism } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { describe, expect, it } from "vitest"
import { kts, ktsMain, tempDir } from "./runKts.js"

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

// The kts command is one bundle (tsup.config.ts): the packages' code is inlined in its
// chunks, and their worker scripts are built beside them under the names the packages
// start them by. A module preloaded into the command counts the worker threads it starts
// (the same diagnostics channel as above) and prints the count last on stderr.
const countingPreload = (): string => {
  const file = join(tempDir(), "count-workers.mjs")
  writeFileSync(
    file,
    [
      'import { subscribe } from "node:diagnostics_channel"',
      'import { isMainThread } from "node:worker_threads"',
      "let started = 0",
      'if (isMainThread) subscribe("worker_threads", () => { started++ })',
      'if (isMainThread) process.on("exit", () => process.stderr.write(`worker threads started: ${started}\\n`))',
      ""
    ].join("\n")
  )
  return pathToFileURL(file).href
}

/** Runs `kts ARGS` with the counting module preloaded (and `env` added): its status, stderr and worker threads. */
const ktsCountingWorkers = (env: Record<string, string>, ...args: Array<string>) => {
  const run = spawnSync(process.execPath, [`--import=${countingPreload()}`, ktsMain, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...env }
  })
  const counted = /worker threads started: (\d+)\n$/.exec(run.stderr)
  return { status: run.status, stderr: run.stderr, workers: counted === null ? -1 : Number(counted[1]) }
}

describe("the kts command's own worker threads", () => {
  it("has beside its chunks every script a chunk starts a worker from", () => {
    const dist = dirname(ktsMain)
    const scripts = new Set(
      readdirSync(dist).filter((name) => name.endsWith(".js")).flatMap((name) =>
        [...readFileSync(join(dist, name), "utf8").matchAll(/new URL\("\.\/([\w.-]+\.js)", import\.meta\.url\)/g)].map((match) => match[1]!)
      )
    )
    expect([...scripts]).toEqual(expect.arrayContaining(["import-worker.js", "extract-worker.js"]))
    for (const script of scripts) expect(existsSync(join(dist, script)), `${script} is built beside the chunks`).toBe(true)
  })

  it("imports a bundle with its parse worker, into the same store as one thread", () => {
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    expect(kts("generate", "--scale", "tiny", "--seed", "14", "--out", bundle).status).toBe(0)
    const run = ktsCountingWorkers({}, "import", bundle, "--db", join(folder, "kts.db"))
    expect(run.stderr).toBe("worker threads started: 1\n")
    expect(run.status).toBe(0)
    expect(importBundleIntoFile(join(folder, "single.db"), bundle, { parseThread: false }).ok).toBe(true)
    expect(exported(join(folder, "kts.db"), join(folder, "kts-export"))).toEqual(exported(join(folder, "single.db"), join(folder, "single-export")))
  })

  it.skipIf(availableParallelism() < 2)("writes the LEAD report on its report workers, the same bytes as one thread", async () => {
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    expect(kts("generate", "--scale", "tiny", "--seed", "15", "--out", bundle).status).toBe(0)
    expect(kts("import", bundle, "--db", dbPath).status).toBe(0)
    const asOf = "2025-05-27T16:45"
    const run = ktsCountingWorkers({}, "lead-extract", "--db", dbPath, "--end-year", "2025", "--as-of", asOf, "--format", "both", "--out", join(folder, "kts"))
    expect(run.status).toBe(0)
    expect(run.workers).toBeGreaterThanOrEqual(2)
    const db = connectStore(dbPath, { readonly: true })
    try {
      await runLeadExtract(db, { endYear: 2025, asOf, format: "both", excludeCrossSite: true, threads: 1, outDir: join(folder, "single") })
    } finally {
      db.close()
    }
    for (const name of ["KECS_LEAD_Extract.csv", "KECS_LEAD_Extract.html"]) {
      expect(readFileSync(join(folder, "kts", name)).equals(readFileSync(join(folder, "single", name))), name).toBe(true)
    }
  })

  it("exits 1 naming the script, and leaves the store as it was, when the parse worker's script does not load", () => {
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    expect(kts("generate", "--scale", "tiny", "--seed", "16", "--out", bundle).status).toBe(0)
    expect(kts("import", bundle, "--db", dbPath).status).toBe(0)
    const before = readFileSync(dbPath)
    const missing = join(folder, "no-such-folder", "import-worker.js")
    const run = ktsCountingWorkers({ KTS_TEST_IMPORT_WORKER_SCRIPT: missing }, "import", bundle, "--db", dbPath)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`kts: the import's parse worker could not load ${missing}: `)
    expect(run.workers).toBe(1)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(readdirSync(folder).sort()).toEqual(["bundle", "kts.db"])
  })
})
