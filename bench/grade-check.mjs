// Times `kts grade-check` in school mode for every linked high school of an exchange world:
// checks (results) per second and the time per school, through @kts/grade-check's runGradeCheck
// (the function the CLI calls), one school at a time on one core.
//
// The world: `--config FILE` (an exchange.json whose databases exist), or one made with
// `kts generate --layout exchange --out bench/data/exchange` when the generator has that layout
// (bundle folders named like the configuration's database files are imported first).
// Without either it says so and exits 0.
//
// Run from the repository root after `pnpm build`:
//   node bench/grade-check.mjs [--config FILE] [--as-of YYYY-MM-DD]
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"
import { cli, dataDir, median, requireBuild } from "./lib.mjs"

requireBuild()
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : process.argv[index + 1]
}
const asOf = option("as-of", "2025-01-15")

const kts = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } })

const worldConfig = () => {
  const given = option("config", undefined)
  if (given !== undefined) return resolve(given)
  const help = kts("generate", "--help")
  if (!/--layout/.test(help.stdout)) return undefined
  const out = join(dataDir, "exchange")
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

const { runGradeCheck } = await import("../packages/grade-check/dist/index.js")
const { loadExchangeConfig } = await import("../packages/sync/dist/shell/index.js")
const highSchools = [...new Map(loadExchangeConfig(config).links.map((link) => [`${link.highSchool.district}-${link.highSchool.school}`, link.highSchool])).values()]

const times = []
let results = 0
const started = process.hrtime.bigint()
for (const school of highSchools) {
  const begin = process.hrtime.bigint()
  const outcome = runGradeCheck({ configFile: config, target: { kind: "school", district: school.district, school: school.school }, asOf, format: "json", outDir: "." })
  const ms = Number(process.hrtime.bigint() - begin) / 1e6
  times.push(ms)
  results += outcome.document.results.length
  console.log(`${school.district}-${school.school}: ${outcome.document.results.length} results in ${ms.toFixed(0)} ms`)
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9
console.log(`${highSchools.length} high schools, ${results} results in ${seconds.toFixed(2)} s: ${(results / seconds).toFixed(0)} checks/s, median ${median(times).toFixed(0)} ms per school`)
