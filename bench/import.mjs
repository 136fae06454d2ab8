// pnpm bench:import — `kts import` of the state bundle against the sqlite3 shell's
// `.import --csv` of the same files into tables of the same shape, and against the
// shell doing the same inserts and building the same indexes; runs interleaved so
// the ratios are fair on a loaded machine. Then a delta of 1% of the state store.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import { join } from "node:path"
import { cli, copyEveryHundredthRecord, dataDir, ensureSqliteShell, ensureStateBundle, median, requireBuild, runTimed, seconds, stateBundle, stateStore } from "./lib.mjs"

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
// Every file this benchmark writes in bench/data starts with this prefix, so that runs
// of other benchmarks (or of this one from another worktree) sharing the folder never
// touch them. The shared state store (state.db) is only created when missing.
const PREFIX = process.env.BENCH_IMPORT_PREFIX ?? "import-bench"

requireBuild()
ensureSqliteShell()
await ensureStateBundle()

const { Tables } = await import("../packages/domain/dist/index.js")
const { createIndexSql, createTableSql, indexSpecs } = await import("../packages/store/dist/index.js")

const files = Tables.map((table) => ({ table: table.name, path: join(stateBundle, `${table.name}.csv`) }))
  .filter((file) => readdirSync(stateBundle).includes(`${file.table}.csv`))
const bytes = files.reduce((sum, file) => sum + statSync(file.path).size, 0)

// The sqlite3 shell's script: the same tables (same columns, types and keys), then .import of each file.
const shellScript = join(dataDir, `${PREFIX}-shell-import.sql`)
writeFileSync(
  shellScript,
  [
    "PRAGMA journal_mode = WAL;",
    "BEGIN;",
    ...Tables.map((table) => `${createTableSql(table)};`),
    "COMMIT;",
    ...files.map((file) => `.import --csv --skip 1 '${file.path}' ${file.table}`),
    ""
  ].join("\n")
)
// The same again, then the store's secondary indexes: the shell doing the import's whole SQLite work.
const shellIndexedScript = join(dataDir, `${PREFIX}-shell-import-indexed.sql`)
writeFileSync(
  shellIndexedScript,
  [`.read ${shellScript}`, "BEGIN;", ...indexSpecs().map((index) => `${createIndexSql(index)};`), "COMMIT;", ""].join("\n")
)

const kts = []
const shell = []
const shellIndexed = []
let rows = 0
const ktsDb = join(dataDir, `${PREFIX}-kts.db`)
const shellDb = join(dataDir, `${PREFIX}-shell.db`)
const removeDb = (path) => ["", "-wal", "-shm"].forEach((suffix) => rmSync(path + suffix, { force: true }))
mkdirSync(dataDir, { recursive: true })

for (let run = 1; run <= RUNS; run++) {
  removeDb(ktsDb)
  const ours = await runTimed("node", [cli, "import", stateBundle, "--db", ktsDb])
  rows = Number(/total\s+(\d+)/.exec(ours.stdout)?.[1] ?? 0)
  kts.push(ours)
  removeDb(shellDb)
  const theirs = await runTimed("sqlite3", [shellDb, `.read ${shellScript}`])
  shell.push(theirs)
  removeDb(shellDb)
  const theirsIndexed = await runTimed("sqlite3", [shellDb, `.read ${shellIndexedScript}`])
  shellIndexed.push(theirsIndexed)
  console.log(
    `run ${run}: kts import ${seconds(ours.ms)} · sqlite3 .import ${seconds(theirs.ms)} · ` +
      `sqlite3 .import + indexes ${seconds(theirsIndexed.ms)} · ratios ${(ours.ms / theirsIndexed.ms).toFixed(2)} ` +
      `${(ours.ms / theirs.ms).toFixed(2)} · load ${loadavg()[0].toFixed(2)}`
  )
}
// Keep one imported store for the other benchmarks, when there is none yet (others may be reading it).
if (!existsSync(stateStore)) await runTimed("cp", [ktsDb, stateStore])

const load = () => loadavg().map((value) => value.toFixed(2)).join(" ")
const ktsMedian = median(kts.map((run) => run.ms))
const shellMedian = median(shell.map((run) => run.ms))
const shellIndexedMedian = median(shellIndexed.map((run) => run.ms))
const peakMbOf = (runs) => Math.max(...runs.map((run) => run.peakKb)) / 1024
const cpuOf = (runs) => median(runs.map((run) => run.cpuMs))
const line = (label, ms, runs) =>
  `${label.padEnd(34)} median ${seconds(ms).padStart(8)}  ${(rows / (ms / 1000)).toFixed(0).padStart(8)} rows/s  ` +
  `${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(5)} MB/s  peak RSS ${peakMbOf(runs).toFixed(0).padStart(4)} MB  ` +
  `CPU ${seconds(cpuOf(runs)).padStart(8)}`
console.log("")
console.log(`state bundle: ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB, ${rows.toLocaleString("en-US")} rows; ${RUNS} runs each`)
console.log(line("kts import (all validation)", ktsMedian, kts))
console.log(line("sqlite3 .import --csv", shellMedian, shell))
console.log(line("sqlite3 .import + same indexes", shellIndexedMedian, shellIndexed))
console.log(`ratio kts / sqlite3 .import + indexes: ${(ktsMedian / shellIndexedMedian).toFixed(2)} (target ≤ 1.00)`)
console.log(`ratio kts / sqlite3 .import:           ${(ktsMedian / shellMedian).toFixed(2)} (target ≤ 1.30)`)
console.log(`ratio of CPU time (user + system), kts / + indexes: ${(cpuOf(kts) / cpuOf(shellIndexed)).toFixed(2)}, kts / .import: ${(cpuOf(kts) / cpuOf(shell)).toFixed(2)}`)
console.log(`peak RSS of kts import: ${peakMbOf(kts).toFixed(0)} MB (target ≤ 1024 MB)`)
console.log(`load average (1, 5, 15 min): ${load()}`)
console.log("what each side does:")
console.log(
  "  kts import: reads and checks every field, key, reference and rule on a worker thread; the main thread inserts\n" +
    "    (multi-row INSERTs) into a fresh file with journal_mode=OFF, synchronous=OFF, exclusive lock, page 4096,\n" +
    "    cache 2 MB (SQLite's default), temporary files on disk, builds each table's indexes after its rows,\n" +
    "    PRAGMA optimize, switches to WAL,\n" +
    "    fsyncs the file and renames it over the store"
)
console.log(
  "  sqlite3 shell: the shell's defaults (page 4096, cache 2 MB, synchronous=FULL) with journal_mode=WAL;\n" +
    "    .import --csv checks nothing (values kept as text under column affinity), one transaction per file;\n" +
    "    '+ indexes' then creates the store's secondary indexes in one transaction"
)
removeDb(shellDb)

// A delta of every 100th record of every file, given unchanged, applied to a copy of
// the state store: each row is looked up, compared and checked as a real delta's is.
const deltaDir = join(dataDir, `${PREFIX}-delta-1pct`)
const deltaStore = join(dataDir, `${PREFIX}-delta-1pct.db`)
rmSync(deltaDir, { recursive: true, force: true })
mkdirSync(deltaDir)
let deltaRows = 0
for (const file of files) {
  deltaRows += await copyEveryHundredthRecord(file.path, join(deltaDir, `${file.table}.csv`))
}
removeDb(deltaStore)
await runTimed("cp", [ktsDb, deltaStore])
const delta = await runTimed("node", [cli, "import", "--delta", deltaDir, "--db", deltaStore, "--json"])
console.log(
  `kts import --delta of ${deltaRows.toLocaleString("en-US")} rows (1% of the state store): ${seconds(delta.ms)}  ` +
    `${(deltaRows / (delta.ms / 1000)).toFixed(0)} rows/s  peak RSS ${(delta.peakKb / 1024).toFixed(0)} MB  load ${load()}`
)
removeDb(deltaStore)
removeDb(ktsDb)
rmSync(deltaDir, { recursive: true, force: true })
