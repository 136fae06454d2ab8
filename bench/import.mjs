// pnpm bench:import — `kts import` of the state bundle against the sqlite3 shell's
// `.import --csv` of the same files into tables of the same shape.
import { rmSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { cli, dataDir, ensureSqliteShell, ensureStateBundle, median, requireBuild, runTimed, seconds, stateBundle, stateStore } from "./lib.mjs"

const RUNS = Number(process.env.BENCH_RUNS ?? 3)

requireBuild()
ensureSqliteShell()
await ensureStateBundle()

const { Tables } = await import("../packages/domain/dist/index.js")
const { createIndexSql, createTableSql, indexSpecs } = await import("../packages/store/dist/index.js")

const files = Tables.map((table) => ({ table: table.name, path: join(stateBundle, `${table.name}.csv`) }))
  .filter((file) => readdirSync(stateBundle).includes(`${file.table}.csv`))
const bytes = files.reduce((sum, file) => sum + statSync(file.path).size, 0)

// The sqlite3 shell's script: the same tables (same columns, types and keys), then .import of each file.
const shellScript = join(dataDir, "shell-import.sql")
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
const shellIndexedScript = join(dataDir, "shell-import-indexed.sql")
writeFileSync(
  shellIndexedScript,
  [`.read ${shellScript}`, "BEGIN;", ...indexSpecs().map((index) => `${createIndexSql(index)};`), "COMMIT;", ""].join("\n")
)

const kts = []
const shell = []
const shellIndexed = []
let rows = 0
const ktsDb = join(dataDir, "bench-kts.db")
const shellDb = join(dataDir, "bench-shell.db")
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
    `run ${run}: kts import ${seconds(ours.ms)} · sqlite3 .import ${seconds(theirs.ms)} · sqlite3 .import + indexes ${seconds(theirsIndexed.ms)}`
  )
}
// Keep one imported store for the other benchmarks.
removeDb(stateStore)
await runTimed("node", [cli, "import", stateBundle, "--db", stateStore])

const ktsMedian = median(kts.map((run) => run.ms))
const shellMedian = median(shell.map((run) => run.ms))
const peakMb = Math.max(...kts.map((run) => run.peakKb)) / 1024
console.log("")
console.log(`state bundle: ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB, ${rows.toLocaleString("en-US")} rows`)
console.log(`kts import (all validation):  median ${seconds(ktsMedian)}  ${(rows / (ktsMedian / 1000)).toFixed(0)} rows/s  ${(bytes / 1e6 / (ktsMedian / 1000)).toFixed(1)} MB/s  peak RSS ${peakMb.toFixed(0)} MB`)
console.log(`sqlite3 .import --csv:        median ${seconds(shellMedian)}  ${(rows / (shellMedian / 1000)).toFixed(0)} rows/s  peak RSS ${(Math.max(...shell.map((run) => run.peakKb)) / 1024).toFixed(0)} MB`)
const shellIndexedMedian = median(shellIndexed.map((run) => run.ms))
console.log(`sqlite3 .import + same indexes: median ${seconds(shellIndexedMedian)}`)
console.log(`ratio kts / sqlite3 .import: ${(ktsMedian / shellMedian).toFixed(2)} (target ≤ 1.20)`)
console.log(`ratio kts / sqlite3 .import + indexes: ${(ktsMedian / shellIndexedMedian).toFixed(2)}`)
console.log(`peak RSS ${peakMb.toFixed(0)} MB (target ≤ 1024 MB)`)
removeDb(ktsDb)
removeDb(shellDb)
