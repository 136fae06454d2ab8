// Times `kts grade-check` in school mode for every linked high school of an exchange world, in
// one run: checks (results) per second, the time per school, the total and the peak RSS, through
// @kts/grade-check's runGradeCheck (the function the CLI calls) with one reader shared by every
// school (each database opened once), one school at a time on one core. Target: every high
// school of the state world in 10 s or less, peak RSS 1 GB or less.
//
// The world: `--config FILE` (an exchange.json whose databases exist); else the state world
// bench/data/exchange-state-mid-year when it is there (only read, opened read-only); else one
// made with `kts generate --layout exchange --out bench/data/grade-check-world` (bundle folders
// named like the configuration's database files are imported first). The as-of date defaults to
// the world's night (world.json), else 2025-02-13.
//
// Run from the repository root after `pnpm build`:
//   node bench/grade-check.mjs [--config FILE] [--as-of YYYY-MM-DD] [--quiet]
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"
import { cli, dataDir, median, requireBuild } from "./lib.mjs"

requireBuild()
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : process.argv[index + 1]
}
const stateWorld = join(dataDir, "exchange-state-mid-year", "exchange.json")

const kts = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } })

const worldConfig = () => {
  const given = option("config", undefined)
  if (given !== undefined) return resolve(given)
  if (existsSync(stateWorld)) return stateWorld
  const help = kts("generate", "--help")
  if (!/--layout/.test(help.stdout)) return undefined
  const out = join(dataDir, "grade-check-world")
  const config = join(out, "exchange.json")
  if (!existsSync(config)) {
    const run = kts("generate", "--layout", "exchange", "--out", out)
    if (run.status !== 0) throw new Error(`kts generate --layout exchange failed:\n${run.stderr}`)
  }
  if (!existsSync(config)) return undefined
  // Import bundle folders named like the databases the configuration lists, when the .db files are missing.
  const databases = JSON.parse(readFileSync(config, "utf8")).databases
  for (const path of Object.values(databases)) {
    const db = resolve(out, path)
    const bundle = join(dirname(db), basename(db).replace(/\.db$/, ""))
    if (!existsSync(db) && existsSync(bundle)) {
      const run = kts("import", bundle, "--db", db)
      if (run.status !== 0) throw new Error(`kts import ${bundle} failed:\n${run.stderr}`)
    }
  }
  return config
}

const config = worldConfig()
if (config === undefined) {
  console.log("grade-check bench skipped: give --config exchange.json, or a kts whose generate has --layout exchange")
  process.exit(0)
}

const worldFile = join(dirname(config), "world.json")
const asOf = option("as-of", existsSync(worldFile) ? JSON.parse(readFileSync(worldFile, "utf8")).night : "2025-02-13")
const quiet = process.argv.includes("--quiet")

const { GradeCheckReader, runGradeCheck } = await import("../packages/grade-check/dist/index.js")
const { loadExchangeConfig } = await import("../packages/sync/dist/shell/index.js")
const exchange = loadExchangeConfig(config)
const highSchools = [...new Map(exchange.links.map((link) => [`${link.highSchool.district}-${link.highSchool.school}`, link.highSchool])).values()]

const times = []
let results = 0
const started = process.hrtime.bigint()
const cpuStart = process.cpuUsage()
const reader = new GradeCheckReader(exchange)
try {
  for (const school of highSchools) {
    const begin = process.hrtime.bigint()
    const outcome = runGradeCheck({ configFile: config, reader, target: { kind: "school", district: school.district, school: school.school }, asOf, format: "json", outDir: "." })
    const ms = Number(process.hrtime.bigint() - begin) / 1e6
    times.push(ms)
    results += outcome.document.results.length
    if (!quiet) console.log(`${school.district}-${school.school}: ${outcome.document.results.length} results in ${ms.toFixed(0)} ms`)
  }
} finally {
  reader.close()
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const cpu = process.cpuUsage(cpuStart)
const cpuSeconds = (cpu.user + cpu.system) / 1e6
const peakMb = process.resourceUsage().maxRSS / 1024
const sorted = [...times].sort((a, b) => a - b)
console.log(`world ${config}, as of ${asOf}`)
console.log(`${highSchools.length} high schools, ${results} results in ${seconds.toFixed(2)} s: ${(results / seconds).toFixed(0)} checks/s`)
console.log(`CPU ${cpuSeconds.toFixed(2)} s (${((cpuSeconds / seconds) * 100).toFixed(0)} % of the wall time: less means the machine is busy with others)`)
console.log(`per school: median ${median(times).toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(1) ?? 0} ms; peak RSS ${peakMb.toFixed(0)} MB`)
console.log(`target (every high school in 10 s or less, peak RSS 1 GB or less): ${seconds <= 10 && peakMb <= 1024 ? "met" : "missed"}`)
