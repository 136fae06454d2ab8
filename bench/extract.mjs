// pnpm bench:extract — the KECS LEAD report over the whole state store against a
// floor: the sqlite3 shell writing a CSV of roster ⋈ person ⋈ enrollment with
// the same number of rows (`.mode csv`, `.once FILE`).
//
// Needs bench/data/state.db (made by `pnpm bench:import`) and `pnpm build`.
// Each extract runs in a child process (this file with --child), which reports
// its own peak RSS (process.resourceUsage().maxRSS, all threads included). The
// parent stays small (files are compared by streamed hashes): Linux carries a
// parent's peak RSS over into a child's maxRSS.
// Options (environment): BENCH_RUNS (default 3).
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { ensureSqliteShell, median, root, runTimed, seconds, stateStore } from "./lib.mjs"

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const TARGET = 1.5
const leadExtractDist = join(root, "packages", "lead-extract", "dist", "index.js")
const storeDist = join(root, "packages", "store", "dist", "index.js")
const outRoot = join(root, "bench", "out", "extract")

// ── child: one run of the report, timed from inside ──────────────────────────
if (process.argv[2] === "--child") {
  const [dbPath, outDir, endYear, threads, district] = process.argv.slice(3)
  const { connectStore } = await import(pathToFileURL(storeDist).href)
  const { runLeadExtract } = await import(pathToFileURL(leadExtractDist).href)
  const db = connectStore(dbPath, { readonly: true })
  const started = process.hrtime.bigint()
  const result = await runLeadExtract(db, {
    endYear: Number(endYear),
    asOf: `${endYear}-05-30T08:00`,
    outDir,
    format: "csv",
    threads: threads === "default" ? undefined : Number(threads),
    districts: district === undefined ? undefined : [district]
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  db.close()
  const bytes = result.files.reduce((sum, file) => sum + statSync(file).size, 0)
  console.log(JSON.stringify({ ...result, ms, bytes, maxRssKb: process.resourceUsage().maxRSS }))
  process.exit(0)
}

// ── parent ───────────────────────────────────────────────────────────────────
if (!existsSync(stateStore)) {
  console.error(`no state store at ${stateStore}`)
  console.error("create it first:  pnpm build && pnpm bench:import   (generates the state bundle and imports it)")
  process.exit(1)
}
if (!existsSync(leadExtractDist) || !existsSync(storeDist)) {
  console.error("build first: pnpm build")
  process.exit(1)
}
ensureSqliteShell()

const sql = (query) => {
  const run = spawnSync("sqlite3", ["-readonly", stateStore, query], { encoding: "utf8" })
  if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`)
  return run.stdout.trim()
}

const endYear = Number(sql(`SELECT max("endYear") FROM "calendar" WHERE "summerSchool" = 0`))
// The district with the most roster rows in the year.
const [largestNumber, largestRoster] = sql(`SELECT d."number", count(*) FROM "roster" r
  JOIN "section" s ON s."sectionID" = r."sectionID" JOIN "course" c ON c."courseID" = s."courseID"
  JOIN "calendar" cal ON cal."calendarID" = c."calendarID" JOIN "school" sc ON sc."schoolID" = cal."schoolID"
  JOIN "district" d ON d."districtID" = sc."districtID"
  WHERE cal."endYear" = ${endYear} GROUP BY d."districtID" ORDER BY count(*) DESC LIMIT 1`).split("|")

const sha256 = (file) =>
  new Promise((resolve, reject) => {
    const hash = createHash("sha256")
    createReadStream(file).on("data", (chunk) => hash.update(chunk)).on("error", reject).on("end", () => resolve(hash.digest("hex")))
  })

const runExtract = async (label, threads, district) => {
  const outDir = join(outRoot, label)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const args = [join(root, "bench", "extract.mjs"), "--child", stateStore, outDir, String(endYear), String(threads)]
  if (district !== undefined) args.push(district)
  const run = await runTimed("node", args)
  return { ...JSON.parse(run.stdout.trim().split("\n").pop()), outDir }
}

// The floor: the same number of rows as the report, roster ⋈ person ⋈ enrollment
// (the student's enrollment in the section's calendar), every column of the three.
const floorCsv = join(outRoot, "floor.csv")
const floorSql = join(outRoot, "floor.sql")
const runFloor = async (rows) => {
  writeFileSync(
    floorSql,
    [
      ".mode csv",
      ".headers on",
      `.once '${floorCsv}'`,
      `SELECT r.*, p.*, e.* FROM "roster" r
  JOIN "person" p ON p."personID" = r."personID"
  JOIN "section" s ON s."sectionID" = r."sectionID"
  JOIN "course" c ON c."courseID" = s."courseID"
  JOIN "calendar" cal ON cal."calendarID" = c."calendarID"
  JOIN "enrollment" e ON e."personID" = r."personID" AND e."calendarID" = c."calendarID"
  WHERE cal."endYear" = ${endYear}
  LIMIT ${rows};`,
      ""
    ].join("\n")
  )
  const run = await runTimed("sqlite3", ["-readonly", stateStore, `.read '${floorSql}'`])
  const bytes = statSync(floorCsv).size
  rmSync(floorCsv, { force: true })
  return { ms: run.ms, bytes, peakKb: run.peakKb }
}

mkdirSync(outRoot, { recursive: true })
console.log(`state store ${stateStore}, end year ${endYear}, ${RUNS} runs each`)

const extracts = []
const floors = []
let reference
for (let run = 1; run <= RUNS; run++) {
  const extract = await runExtract("state", "default")
  if (reference === undefined) reference = await sha256(join(extract.outDir, "KECS_LEAD_Extract.csv"))
  rmSync(extract.outDir, { recursive: true, force: true })
  extracts.push(extract)
  const floor = await runFloor(extract.rowCount)
  floors.push(floor)
  console.log(`run ${run}: lead-extract ${seconds(extract.ms)} · sqlite3 floor ${seconds(floor.ms)}`)
}

// One single-threaded run: the same bytes, and what the worker threads buy.
const single = await runExtract("single", 1)
const sameBytes = (await sha256(join(single.outDir, "KECS_LEAD_Extract.csv"))) === reference
rmSync(single.outDir, { recursive: true, force: true })

const district = await runExtract("district", "default", largestNumber)
rmSync(district.outDir, { recursive: true, force: true })

const extractMedian = median(extracts.map((run) => run.ms))
const floorMedian = median(floors.map((run) => run.ms))
const rows = extracts[0].rowCount
const bytes = extracts[0].bytes
const peakMb = Math.max(...extracts.map((run) => run.maxRssKb)) / 1024
const mb = (value) => `${(value / 1e6).toFixed(0)} MB`
console.log("")
console.log(`rows ${rows.toLocaleString("en-US")} in ${extracts[0].sectionCount.toLocaleString("en-US")} sections; report ${mb(bytes)}, floor ${mb(floors[0].bytes)}`)
console.log(`lead-extract (worker threads):  median ${seconds(extractMedian)}  ${(rows / (extractMedian / 1000)).toFixed(0)} rows/s  ${(bytes / 1e6 / (extractMedian / 1000)).toFixed(0)} MB/s  peak RSS ${peakMb.toFixed(0)} MB`)
console.log(`sqlite3 shell CSV floor:        median ${seconds(floorMedian)}  ${(rows / (floorMedian / 1000)).toFixed(0)} rows/s  ${(floors[0].bytes / 1e6 / (floorMedian / 1000)).toFixed(0)} MB/s`)
console.log(`ratio lead-extract / floor: ${(extractMedian / floorMedian).toFixed(2)} (target ≤ ${TARGET})`)
console.log(`single-threaded: ${seconds(single.ms)} (ratio ${(single.ms / floorMedian).toFixed(2)}), peak RSS ${(single.maxRssKb / 1024).toFixed(0)} MB, byte-identical to the threaded run: ${sameBytes ? "yes" : "NO"}`)
console.log(`largest district alone (${largestNumber}, ${Number(largestRoster).toLocaleString("en-US")} roster rows): ${seconds(district.ms)}, ${district.rowCount.toLocaleString("en-US")} rows, peak RSS ${(district.maxRssKb / 1024).toFixed(0)} MB`)
rmSync(floorSql, { force: true })
if (!sameBytes) process.exit(1)
