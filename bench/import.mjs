// pnpm bench:import — `kts import` of the state bundle against the sqlite3 shell's
// `.import --csv` of the same files into tables of the same shape, and against the
// shell doing the same inserts and building the same indexes; runs interleaved so
// the ratios are fair on a loaded machine. Then a delta of 1% of the state store.
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
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
    `run ${run}: kts import ${seconds(ours.ms)} · sqlite3 .import ${seconds(theirs.ms)} · ` +
      `sqlite3 .import + indexes ${seconds(theirsIndexed.ms)} · load ${loadavg()[0].toFixed(2)}`
  )
}
// Keep one imported store for the other benchmarks.
removeDb(stateStore)
await runTimed("node", [cli, "import", stateBundle, "--db", stateStore])

const load = () => loadavg().map((value) => value.toFixed(2)).join(" ")
const ktsMedian = median(kts.map((run) => run.ms))
const shellMedian = median(shell.map((run) => run.ms))
const shellIndexedMedian = median(shellIndexed.map((run) => run.ms))
const peakMbOf = (runs) => Math.max(...runs.map((run) => run.peakKb)) / 1024
const line = (label, ms, runs) =>
  `${label.padEnd(34)} median ${seconds(ms).padStart(8)}  ${(rows / (ms / 1000)).toFixed(0).padStart(8)} rows/s  ` +
  `${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(5)} MB/s  peak RSS ${peakMbOf(runs).toFixed(0).padStart(4)} MB`
console.log("")
console.log(`state bundle: ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB, ${rows.toLocaleString("en-US")} rows; ${RUNS} runs each`)
console.log(line("kts import (all validation)", ktsMedian, kts))
console.log(line("sqlite3 .import --csv", shellMedian, shell))
console.log(line("sqlite3 .import + same indexes", shellIndexedMedian, shellIndexed))
console.log(`ratio kts / sqlite3 .import + indexes: ${(ktsMedian / shellIndexedMedian).toFixed(2)} (target ≤ 1.00)`)
console.log(`ratio kts / sqlite3 .import:           ${(ktsMedian / shellMedian).toFixed(2)} (target ≤ 1.30)`)
console.log(`peak RSS of kts import: ${peakMbOf(kts).toFixed(0)} MB (target ≤ 1024 MB)`)
console.log(`load average (1, 5, 15 min): ${load()}`)
removeDb(ktsDb)
removeDb(shellDb)

// A delta of every 100th record of every file, given unchanged, applied to a copy of
// the state store: each row is looked up, compared and checked as a real delta's is.
const deltaDir = join(dataDir, "delta-import-1pct")
const deltaStore = join(dataDir, "delta-import-1pct.db")
rmSync(deltaDir, { recursive: true, force: true })
mkdirSync(deltaDir)
let deltaRows = 0
for (const file of files) {
  const out = createWriteStream(join(deltaDir, `${file.table}.csv`))
  const lines = createInterface({ input: createReadStream(file.path), crlfDelay: Infinity })
  let record = ""
  let quotes = 0
  let index = -1
  for await (const text of lines) {
    record = record === "" ? text : `${record}\n${text}`
    for (let at = text.indexOf("\""); at !== -1; at = text.indexOf("\"", at + 1)) quotes++
    if (quotes % 2 === 1) continue // a quoted line break: the record goes on
    if (index === -1 || index % 100 === 0) {
      if (!out.write(`${record}\n`)) await new Promise((resolve) => out.once("drain", resolve))
      if (index !== -1) deltaRows++
    }
    index++
    record = ""
    quotes = 0
  }
  await new Promise((resolve) => out.end(resolve))
}
removeDb(deltaStore)
await runTimed("cp", [stateStore, deltaStore])
const delta = await runTimed("node", [cli, "import", "--delta", deltaDir, "--db", deltaStore, "--json"])
console.log(
  `kts import --delta of ${deltaRows.toLocaleString("en-US")} rows (1% of the state store): ${seconds(delta.ms)}  ` +
    `${(deltaRows / (delta.ms / 1000)).toFixed(0)} rows/s  peak RSS ${(delta.peakKb / 1024).toFixed(0)} MB  load ${load()}`
)
removeDb(deltaStore)
rmSync(deltaDir, { recursive: true, force: true })
