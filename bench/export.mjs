// pnpm bench:export — `kts export` of the state store, then the round trip
// (import the exported bundle into a new store, export that again, compare the
// bytes), then a delta of 1% of the store's rows applied to it.
//
// BENCH_SCALE=district runs the same at district scale (about 45 MB) instead of
// the state store (about 300 MB of CSV; generated and imported once, then reused).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"
import { cli, copyEveryHundredthRecord, dataDir, ensureStateBundle, requireBuild, runTimed, seconds, stateBundle, stateStore } from "./lib.mjs"

const scale = process.env.BENCH_SCALE ?? "state"
if (scale !== "state" && scale !== "district") {
  console.error("BENCH_SCALE is state or district")
  process.exit(1)
}

requireBuild()
mkdirSync(dataDir, { recursive: true })
const removeDb = (path) => ["", "-wal", "-shm"].forEach((suffix) => rmSync(path + suffix, { force: true }))
const folderBytes = (dir) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)

let store = stateStore
if (scale === "state") {
  await ensureStateBundle()
  if (!existsSync(stateStore)) {
    console.log("importing the state bundle once (reused by later runs)…")
    await runTimed("node", [cli, "import", stateBundle, "--db", stateStore])
  }
} else {
  const bundle = join(dataDir, "district-bundle")
  store = join(dataDir, "district.db")
  if (!existsSync(join(bundle, "person.csv"))) {
    await runTimed("node", [cli, "generate", "--scale", "district", "--seed", "1", "--out", bundle])
  }
  if (!existsSync(store)) await runTimed("node", [cli, "import", bundle, "--db", store])
}

const firstExport = join(dataDir, `export-${scale}`)
const secondExport = join(dataDir, `export-${scale}-again`)
const roundTripStore = join(dataDir, `export-${scale}.db`)
const deltaDir = join(dataDir, `delta-${scale}`)
const deltaStore = join(dataDir, `delta-${scale}.db`)
const cleanUp = () => {
  for (const dir of [firstExport, secondExport, deltaDir]) rmSync(dir, { recursive: true, force: true })
  removeDb(roundTripStore)
  removeDb(deltaStore)
}
cleanUp()

const exported = await runTimed("node", [cli, "export", "--db", store, "--out", firstExport, "--json"])
const { total: rows } = JSON.parse(exported.stdout)
const bytes = folderBytes(firstExport)
console.log(
  `kts export (${scale}): ${seconds(exported.ms)}  ${rows.toLocaleString("en-US")} rows  ${(bytes / 1e6).toFixed(0)} MB  ` +
    `${(rows / (exported.ms / 1000)).toFixed(0)} rows/s  ${(bytes / 1e6 / (exported.ms / 1000)).toFixed(1)} MB/s  ` +
    `peak RSS ${(exported.peakKb / 1024).toFixed(0)} MB`
)

const imported = await runTimed("node", [cli, "import", firstExport, "--db", roundTripStore])
console.log(`kts import of the export: ${seconds(imported.ms)}  peak RSS ${(imported.peakKb / 1024).toFixed(0)} MB`)
const again = await runTimed("node", [cli, "export", "--db", roundTripStore, "--out", secondExport])
console.log(`kts export again: ${seconds(again.ms)}`)
const names = readdirSync(firstExport).sort()
const differing = names.filter((name) => !readFileSync(join(firstExport, name)).equals(readFileSync(join(secondExport, name))))
const sameNames = JSON.stringify(readdirSync(secondExport).sort()) === JSON.stringify(names)
console.log(
  differing.length === 0 && sameNames
    ? `round trip: ${names.length} files byte-identical`
    : `round trip: DIFFERENT (${differing.join(", ") || "file lists differ"})`
)

// A delta of every 100th record of every table, given unchanged: each row is looked
// up, compared and checked (references, rules) against the store as a real delta is.
mkdirSync(deltaDir)
let deltaRows = 0
for (const name of names) {
  deltaRows += await copyEveryHundredthRecord(join(firstExport, name), join(deltaDir, name))
}
await runTimed("cp", [roundTripStore, deltaStore])
const delta = await runTimed("node", [cli, "import", "--delta", deltaDir, "--db", deltaStore, "--json"])
const deltaTotal = JSON.parse(delta.stdout).total
console.log(
  `kts import --delta of ${deltaRows.toLocaleString("en-US")} rows (1%): ${seconds(delta.ms)}  ` +
    `unchanged ${deltaTotal.unchanged.toLocaleString("en-US")}  peak RSS ${(delta.peakKb / 1024).toFixed(0)} MB`
)
cleanUp()
