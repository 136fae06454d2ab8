// pnpm bench:exchange — nights of `kts exchange run` on the state exchange world (seed 1):
//
//   first night      the start-of-year world at its night: every student crosses;
//   drift night      the mid-year world at its night: one school day of changes;
//   no-change night  the same mid-year world the next day, after the drift night.
//
// For each: wall time, rows written per stage (from --json), databases opened and
// peak RSS; and its floor: the same night with --dry-run (reads and plan, no write)
// and a pure read pass (bench/exchange-reads.mjs: the tables the exchange reads,
// through @kts/store's access API, no planning), with the night's ratio to each.
//
// The worlds are generated and imported once into bench/data/exchange-state-{variant}
// (kts generate --layout exchange --import) and kept pristine: each run works on a
// copy of their stores. BENCH_RUNS=n repeats every measure n times (median; default 1).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { execSync } from "node:child_process"
import { join } from "node:path"
import { cli, dataDir, median, requireBuild, root, runTimed, seconds } from "./lib.mjs"

requireBuild()
mkdirSync(dataDir, { recursive: true })
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? "1") || 1)
const TARGETS = { first: 20_000, drift: 5_000, noChange: 2_000 }
const RSS_TARGET_MB = 1024

const worldDir = (variant) => join(dataDir, `exchange-state-${variant}`)
const ensureWorld = async (variant) => {
  const dir = worldDir(variant)
  if (existsSync(join(dir, "world.json")) && existsSync(join(dir, "tech.db"))) return
  rmSync(dir, { recursive: true, force: true })
  console.log(`generating and importing the state ${variant} world into ${dir} (once; reused by later runs)…`)
  const run = await runTimed("node", [cli, "generate", "--scale", "state", "--layout", "exchange", "--seed", "1", "--variant", variant, "--out", dir, "--import"])
  console.log(`  done in ${seconds(run.ms)}, peak RSS ${(run.peakKb / 1024).toFixed(0)} MB`)
}

/** A fresh copy of a world's stores and configuration (the nights write to it). */
const workCopy = (variant) => {
  const from = worldDir(variant)
  const to = join(dataDir, `exchange-state-run-${variant}`)
  rmSync(to, { recursive: true, force: true })
  mkdirSync(join(to, "districts"), { recursive: true })
  const config = JSON.parse(readFileSync(join(from, "exchange.json"), "utf8"))
  cpSync(join(from, "exchange.json"), join(to, "exchange.json"))
  for (const path of Object.values(config.databases)) {
    for (const suffix of ["", "-wal"]) if (existsSync(join(from, path + suffix))) cpSync(join(from, path + suffix), join(to, path + suffix))
  }
  return join(to, "exchange.json")
}

const nextDay = (date) => {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

const night = (config, date, dryRun) =>
  runTimed("node", [cli, "exchange", "run", "--config", config, "--date", date, "--json", ...(dryRun ? ["--dry-run"] : [])])
const reads = (config, date) => runTimed("node", [join(root, "bench", "exchange-reads.mjs"), config, date])

/** Rows written per stage (inserted + updated + removed over the stage's units). */
const rowsByStage = (report) => {
  const stages = {}
  for (const unit of report.units) {
    const stage = (stages[unit.stage] ??= { rows: 0, alertsRaised: 0, units: 0, failed: 0 })
    stage.rows += unit.inserted + unit.updated + unit.removed
    stage.alertsRaised += unit.alertsRaised
    stage.units++
    if (unit.outcome === "failed") stage.failed++
  }
  return stages
}

/** Times `measure` `runs` times, each on what `prepare` returns; the median run and every time. */
const repeat = async (prepare, measure) => {
  const results = []
  for (let index = 0; index < runs; index++) results.push(await measure(prepare()))
  const ms = median(results.map((result) => result.ms))
  return { ...results.find((result) => result.ms === ms) ?? results[0], ms, peakKb: Math.max(...results.map((result) => result.peakKb)) }
}

const results = []
const report = async (label, target, config, date, run) => {
  const json = JSON.parse(run.stdout)
  const floorDry = await repeat(() => config, (c) => night(c, date, true))
  const floorReads = await repeat(() => config, (c) => reads(c, date))
  const opened = JSON.parse(floorReads.stdout).databases - json.failedDatabases.length
  const stages = rowsByStage(json)
  const peakMb = run.peakKb / 1024
  const line = `${label} (${date}): ${seconds(run.ms)} (target ≤ ${seconds(target)}${run.ms <= target ? "" : ", MISSED"})  ` +
    `peak RSS ${peakMb.toFixed(0)} MB${peakMb <= RSS_TARGET_MB ? "" : " (MISSED ≤ 1 GB)"}  ${opened} databases opened  status ${json.status}`
  console.log(line)
  for (const [stage, counts] of Object.entries(stages)) {
    console.log(`    ${stage.padEnd(10)} ${String(counts.rows).padStart(7)} rows written  ${counts.alertsRaised} alerts raised  ${counts.units} units${counts.failed ? `, ${counts.failed} failed` : ""}`)
  }
  console.log(
    `    floor: --dry-run (read + plan) ${seconds(floorDry.ms)} (night ×${(run.ms / floorDry.ms).toFixed(2)}), ` +
      `pure reads ${seconds(floorReads.ms)} of ${JSON.parse(floorReads.stdout).rows.toLocaleString("en-US")} rows (night ×${(run.ms / floorReads.ms).toFixed(2)}), ` +
      `peak RSS dry-run ${(floorDry.peakKb / 1024).toFixed(0)} MB`
  )
  results.push({ label, ms: run.ms, target, peakMb })
}

await ensureWorld("start-of-year")
await ensureWorld("mid-year")
const startNight = JSON.parse(readFileSync(join(worldDir("start-of-year"), "world.json"), "utf8")).night
const midNight = JSON.parse(readFileSync(join(worldDir("mid-year"), "world.json"), "utf8")).night
console.log(`state exchange world, seed 1; ${runs} run(s) per measure (median); load: ${execSync("uptime").toString().trim()}`)

// First night: a fresh copy of the start-of-year stores each run.
const firstConfig = join(dataDir, "exchange-state-run-start-of-year", "exchange.json")
const first = await repeat(() => workCopy("start-of-year"), (config) => night(config, startNight, false))
// Its floors read the stores before it ran: a fresh copy (the last run's copy is journaled, so a dry run there skips every unit).
workCopy("start-of-year")
await report("first night", TARGETS.first, firstConfig, startNight, first)

// Drift night, then the no-change night on the same stores the next day.
const midConfig = join(dataDir, "exchange-state-run-mid-year", "exchange.json")
const noChangeDate = nextDay(midNight)
let noChangeRuns = []
const drift = await repeat(() => workCopy("mid-year"), async (config) => {
  const run = await night(config, midNight, false)
  noChangeRuns.push(await night(config, noChangeDate, false))
  return run
})
// The floors of the drift night read the stores before it ran: a fresh copy.
workCopy("mid-year")
await report("drift night", TARGETS.drift, midConfig, midNight, drift)
// The no-change night's floors read the stores after the drift night.
const noChangeMs = median(noChangeRuns.map((run) => run.ms))
const noChange = { ...(noChangeRuns.find((run) => run.ms === noChangeMs) ?? noChangeRuns[0]), ms: noChangeMs }
await night(midConfig, midNight, false)
await report("no-change night", TARGETS.noChange, midConfig, noChangeDate, noChange)

console.log(`load after: ${execSync("uptime").toString().trim()}`)
const missed = results.filter((result) => result.ms > result.target || result.peakMb > RSS_TARGET_MB).map((result) => result.label)
console.log(missed.length === 0 ? "all targets met" : `targets missed: ${missed.join(", ")} (a shared, loaded machine times high)`)
rmSync(join(dataDir, "exchange-state-run-start-of-year"), { recursive: true, force: true })
rmSync(join(dataDir, "exchange-state-run-mid-year"), { recursive: true, force: true })
