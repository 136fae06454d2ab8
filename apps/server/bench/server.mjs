// pnpm bench:server — `kts serve` under load on loopback (autocannon, a fixed duration per
// case), on a copy of the state exchange world, measured twice and printed side by side:
//
//   quiet         after the world's night has run on the copy (its alerts, holds, journal);
//   during night  while `kts exchange run` writes to the same databases: nights of the
//                 following dates back to back, so that one runs through every case
//                 (measuring begins once the first night's first unit is journaled; the
//                 report says whether a night was running at the end of each case).
//
// Cases, each measurement:
//   grade check   GET /api/schools/{hs}/students/{id}/grade-check   4 connections: req/s, p50, p99
//   alerts        GET /api/schools/{hs}/alerts                       20 connections: req/s, p50, p99
//   LEAD CSV      GET /api/districts/{d}/lead, the world's largest district: first byte, total, MB
//   LEAD CSV      the same over bench/data/state.db's largest district (a second `kts serve`,
//                 read-only; skipped when the store is absent or BENCH_STATE_DB=none)
// and each server's peak RSS during the measurement (VmHWM, reset between the two).
//
// The pristine world (bench/data/exchange-state-mid-year, made by `pnpm bench:exchange`) is
// never written: the bench copies it to bench/data/server-run-mid-year and removes the copy at
// the end (BENCH_KEEP=1 keeps it). Needs `pnpm build`. Environment: BENCH_WORLD (a world
// folder), BENCH_SECONDS (default 8 per case), BENCH_STATE_ID (the student), BENCH_STATE_DB,
// BENCH_NIGHT_NICE (the night's niceness, default 0).
import { execSync, spawn, spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import autocannon from "autocannon"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const cli = join(root, "apps", "cli", "dist", "main.js")
const storeDist = join(root, "packages", "store", "dist", "index.js")
if (!existsSync(cli) || !existsSync(storeDist)) throw new Error("run `pnpm build` first")
const dataDir = join(root, "bench", "data")
const worldDir = process.env.BENCH_WORLD ?? join(dataDir, "exchange-state-mid-year")
if (!existsSync(join(worldDir, "world.json"))) throw new Error(`${worldDir} holds no exchange world: run \`pnpm bench:exchange\` first`)
const stateDb = process.env.BENCH_STATE_DB === "none" ? null : process.env.BENCH_STATE_DB ?? join(dataDir, "state.db")
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
// The night's niceness (0: the same priority as the server; a site would run its nightly job niced).
const nightNice = Number(process.env.BENCH_NIGHT_NICE ?? 0)
const { connectStore } = await import(pathToFileURL(storeDist).href)

const progress = (text) => process.stderr.write(`[bench:server] ${text}\n`)
const uptime = () => execSync("uptime").toString().trim().replace(/^.*load/, "load")
const nextDay = (date) => {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

// 1. A copy of the world, and its night run once (not measured).
const world = JSON.parse(readFileSync(join(worldDir, "world.json"), "utf8"))
const work = join(dataDir, "server-run-mid-year")
rmSync(work, { recursive: true, force: true })
mkdirSync(join(work, "districts"), { recursive: true })
const config = join(work, "exchange.json")
cpSync(join(worldDir, "exchange.json"), config)
const databases = JSON.parse(readFileSync(config, "utf8")).databases
for (const path of Object.values(databases)) {
  for (const suffix of ["", "-wal"]) if (existsSync(join(worldDir, path + suffix))) cpSync(join(worldDir, path + suffix), join(work, path + suffix))
}
const kts = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", maxBuffer: 1 << 28 })
progress(`copied ${worldDir} to ${work}; night ${world.night} (setup, not measured)…`)
let started = performance.now()
const setupNight = kts(["exchange", "run", "--config", config, "--date", world.night])
if (setupNight.status !== 0 && setupNight.status !== 3) throw new Error(`the setup night failed (${setupNight.status}): ${setupNight.stderr}`)
const setupNightMs = Math.round(performance.now() - started)
progress(`setup night done in ${(setupNightMs / 1000).toFixed(1)} s`)

// 2. What to ask for: the linked high school with the most open alerts, a student on one of its
//    KTS courses, the district database with the most enrollments.
const connections = Object.entries(databases).map(([key, path]) => ({ key, db: connectStore(join(work, path), { readonly: true }) }))
const linkedHighSchools = new Set(JSON.parse(readFileSync(config, "utf8")).links.map((link) => `${link.highSchool.district}-${link.highSchool.school}`))
let highSchool
let highSchoolDb
let mostAlerts = -1
for (const { db } of connections) {
  for (const [district, school, count] of db.rawRows(
    `SELECT d."number", s."number", COUNT(*) FROM "processAlert" a JOIN "school" s ON s."schoolID" = a."schoolID" JOIN "district" d ON d."districtID" = s."districtID"
     WHERE a."resolvedOn" IS NULL GROUP BY 1, 2`
  )) {
    if (linkedHighSchools.has(`${district}-${school}`) && count > mostAlerts) {
      mostAlerts = count
      highSchool = `${district}-${school}`
      highSchoolDb = db
    }
  }
}
const [hsDistrict, hsSchool] = highSchool.split("-")
const stateID = process.env.BENCH_STATE_ID ?? highSchoolDb.scalar(
  `SELECT p."stateID" FROM "roster" r JOIN "person" p ON p."personID" = r."personID" JOIN "section" x ON x."sectionID" = r."sectionID"
   JOIN "course" c ON c."courseID" = x."courseID" JOIN "calendar" k ON k."calendarID" = c."calendarID" JOIN "school" s ON s."schoolID" = k."schoolID"
   JOIN "district" d ON d."districtID" = s."districtID"
   WHERE d."number" = ? AND s."number" = ? AND k."endYear" = ? AND p."stateID" IS NOT NULL
     AND c."courseID" IN (SELECT "courseID" FROM "customCourse" WHERE "value" LIKE '___-___-%')
   ORDER BY p."stateID" LIMIT 1`,
  [hsDistrict, hsSchool, world.endYear]
)
const enrollments = (db) => db.scalar(`SELECT COUNT(*) FROM "enrollment"`)
const largest = connections.filter(({ key }) => key !== "tech").sort((a, b) => enrollments(b.db) - enrollments(a.db))[0]
const leadDistrict = largest.db.scalar(`SELECT d."number" FROM "district" d ORDER BY d."number" LIMIT 1`)
progress(`high school ${highSchool} (${mostAlerts} open alerts), a student on one of its KTS courses, LEAD district ${leadDistrict} (${enrollments(largest.db)} enrollments)`)

// 3. The servers.
const tokenFor = (configFile) => {
  const added = kts(["tokens", "add", "--config", configFile, "--state"])
  if (added.status !== 0) throw new Error(`kts tokens add failed: ${added.stderr}`)
  return added.stdout.trim().split("\n").at(-1)
}
const serve = async (configFile) => {
  const child = spawn(process.execPath, [cli, "serve", "--config", configFile, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] })
  const url = await new Promise((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (chunk) => {
      out += chunk
      const match = /serving (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1])
    })
    child.on("exit", (code) => reject(new Error(`kts serve exited ${code}`)))
  })
  return { child, url, headers: { authorization: `Bearer ${tokenFor(configFile)}` } }
}
const main = await serve(config)
let store = null
let storeWork = null
if (stateDb !== null && existsSync(stateDb)) {
  const db = connectStore(stateDb, { readonly: true })
  const district = db.scalar(
    `SELECT d."number" FROM "enrollment" e JOIN "calendar" k ON k."calendarID" = e."calendarID" JOIN "school" s ON s."schoolID" = k."schoolID"
     JOIN "district" d ON d."districtID" = s."districtID" GROUP BY d."number" ORDER BY COUNT(*) DESC LIMIT 1`
  )
  const schoolLike = (pattern) => db.scalar(
    `SELECT s."number" FROM "school" s JOIN "district" d ON d."districtID" = s."districtID" WHERE d."number" = ? AND s."name" LIKE ? ORDER BY s."number" LIMIT 1`,
    [district, pattern]
  )
  const link = { tech: { database: "state", district, school: schoolLike("%Technical%") }, highSchool: { database: "state", district, school: schoolLike("%High School%") } }
  db.close()
  storeWork = mkdtempSync(join(tmpdir(), "kts-bench-server-"))
  const storeConfig = join(storeWork, "exchange.json")
  writeFileSync(storeConfig, JSON.stringify({ databases: { state: stateDb }, links: [link] }))
  store = { ...(await serve(storeConfig)), district }
}
progress(`serving ${main.url}${store === null ? "" : ` and the state store at ${store.url}`}`)

const peakRss = (child) => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))
  return match ? Math.round(Number(match[1]) / 1024) : null
}
const resetPeak = (child) => {
  try {
    writeFileSync(`/proc/${child.pid}/clear_refs`, "5")
  } catch {
    // Kernels without it: the peak then covers both measurements.
  }
}
/** CPU time (user + system) of a process so far, in ms: tells a starved server from a busy one. */
const cpuMs = (child) => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ")
  return (Number(fields[11]) + Number(fields[12])) * 10
}
const load = async (server, path, connections) => {
  const cpuBefore = cpuMs(server.child)
  const result = await new Promise((resolve, reject) => {
    autocannon({ url: server.url + path, headers: server.headers, connections, duration: seconds }, (error, outcome) => (error ? reject(error) : resolve(outcome)))
  })
  return { ...result, serverCpuShare: Math.round((cpuMs(server.child) - cpuBefore) / (seconds * 10)) / 100 }
}
const streamed = async (server, path) => {
  const begun = performance.now()
  const response = await fetch(server.url + path, { headers: server.headers })
  const reader = response.body.getReader()
  let ttfbMs
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    ttfbMs ??= performance.now() - begun
    bytes += value.length
  }
  return { status: response.status, ttfbMs: Math.round(ttfbMs ?? 0), totalMs: Math.round(performance.now() - begun), megabytes: Math.round(bytes / 1e5) / 10 }
}

const gradePath = `/api/schools/${highSchool}/students/${stateID}/grade-check?asOf=${world.night}`
const alertsPath = `/api/schools/${highSchool}/alerts`
for (const path of [gradePath, alertsPath]) {
  const answer = await fetch(main.url + path, { headers: main.headers })
  await answer.text()
  progress(`warm-up ${path.replace(String(stateID), "{stateID}")}: ${answer.status}`)
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`)
}

/** One measurement: every case; `night()` says whether the night still runs (null when none). */
const measure = async (night) => {
  for (const server of [main, store]) if (server !== null) resetPeak(server.child)
  const cases = {}
  const summary = (result) => ({
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuShare: result.serverCpuShare
  })
  cases["grade check, one student"] = summary(await load(main, gradePath, 4))
  cases["grade check, one student"].nightRunningAtEnd = night()
  cases["alerts"] = summary(await load(main, alertsPath, 20))
  cases["alerts"].nightRunningAtEnd = night()
  cases[`LEAD CSV, world district ${leadDistrict}`] = { ...(await streamed(main, `/api/districts/${leadDistrict}/lead?endYear=${world.endYear}`)), nightRunningAtEnd: night() }
  if (store !== null) {
    cases[`LEAD CSV, state store district ${store.district}`] = { ...(await streamed(store, `/api/districts/${store.district}/lead?endYear=${world.endYear}`)), nightRunningAtEnd: night() }
  }
  cases["peak RSS (MB), world server"] = peakRss(main.child)
  if (store !== null) cases["peak RSS (MB), state-store server"] = peakRss(store.child)
  cases.load = uptime()
  return cases
}

let quiet
let during
let nightReport
/** Nights of the exchange back to back, from `first` on, each the next date, until stopped. */
const nightsBackToBack = (first) => {
  const nights = []
  let current = null
  let stopped = false
  const begin = (date) => {
    const nightArgs = [process.execPath, cli, "exchange", "run", "--config", config, "--date", date]
    const child = nightNice === 0
      ? spawn(nightArgs[0], nightArgs.slice(1), { stdio: ["ignore", "ignore", "pipe"] })
      : spawn("nice", ["-n", String(nightNice), ...nightArgs], { stdio: ["ignore", "ignore", "pipe"] })
    const record = { night: date, startedMs: Math.round(performance.now() - started), ms: null, code: null, stderr: "" }
    nights.push(record)
    child.stderr.on("data", (chunk) => (record.stderr += chunk))
    current = new Promise((resolve) => child.on("exit", (code) => {
      record.code = code
      record.ms = Math.round(performance.now() - started) - record.startedMs
      if (code !== 0 && code !== 3) progress(`the night of ${date} exited ${code}: ${record.stderr.trim().split("\n").at(-1)}`)
      if (stopped) resolve()
      else resolve(begin(nextDay(date)))
    }))
    return current
  }
  begin(first)
  return {
    nights,
    /** Whether a night is running now (always, until stopped, but for the instant between two). */
    running: () => nights.some((record) => record.code === null),
    /** Lets the night in progress finish, and starts no other. */
    stop: async () => {
      stopped = true
      while (nights.some((record) => record.code === null)) await current
    }
  }
}
try {
  progress(`measuring, quiet (${seconds} s per case; ${uptime()})`)
  quiet = await measure(() => null)

  // 4. Nights in parallel, back to back from the next date on, so that one runs through every
  //    case: wait until the first night's first unit is journaled, then measure.
  const first = nextDay(world.night)
  progress(`starting nights back to back from ${first}`)
  started = performance.now()
  const loop = nightsBackToBack(first)
  const journaled = () => connections.some(({ db }) => db.scalar(`SELECT 1 FROM "exchangeRun" WHERE "night" = ? LIMIT 1`, [first]) !== undefined)
  while (loop.nights[0].code === null && !journaled()) await new Promise((resolve) => setTimeout(resolve, 100))
  if (loop.nights[0].code !== null) throw new Error(`the night ended (${loop.nights[0].code}) before its first unit was journaled: ${loop.nights[0].stderr}`)
  const begunMs = Math.round(performance.now() - started)
  progress(`the first night's first unit is journaled after ${(begunMs / 1000).toFixed(1)} s: measuring (${uptime()})`)
  during = await measure(loop.running)
  const measuredUntilMs = Math.round(performance.now() - started)
  progress(`measured; letting the night in progress finish`)
  await loop.stop()
  nightReport = {
    nights: loop.nights.map(({ night, startedMs, ms, code }) => ({ night, startedMs, ms, exitCode: code })),
    measuredFromMs: begunMs,
    measuredUntilMs
  }
} finally {
  for (const server of [main, store]) server?.child.kill("SIGTERM")
  for (const { db } of connections) db.close()
  if (storeWork !== null) rmSync(storeWork, { recursive: true, force: true })
  if (process.env.BENCH_KEEP !== "1") rmSync(work, { recursive: true, force: true })
}

// 5. Side by side.
const cell = (value) => {
  if (value === undefined || value === null) return "–"
  if (typeof value !== "object") return String(value)
  const running = value.nightRunningAtEnd === true ? " (night running)" : value.nightRunningAtEnd === false ? " (night over)" : ""
  if ("requestsPerSecond" in value) return `${value.requestsPerSecond} req/s, p50 ${value.p50Ms} ms, p99 ${value.p99Ms} ms, server ${value.serverCpuShare} CPU${value.non2xx + value.errors > 0 ? `, ${value.non2xx} non-2xx, ${value.errors} errors` : ""}${running}`
  return `first byte ${value.ttfbMs} ms, total ${value.totalMs} ms, ${value.megabytes} MB${value.status === 200 ? "" : `, status ${value.status}`}${running}`
}
const rows = Object.keys(quiet).map((name) => [name, cell(quiet[name]), cell(during[name])])
const widths = [0, 1, 2].map((index) => Math.max(...[["case", "quiet", "during a night"], ...rows].map((row) => row[index].length)))
const line = (row) => `| ${row.map((text, index) => text.padEnd(widths[index])).join(" | ")} |`
console.log(`state exchange world (${worldDir.replace(`${root}/`, "")}), ${seconds} s per load case; setup night ${world.night} took ${(setupNightMs / 1000).toFixed(1)} s`)
console.log(`high school ${highSchool}, one student on its KTS courses, LEAD district ${leadDistrict}${store === null ? "" : ` and the state store's ${store.district}`}`)
const nightTimes = nightReport.nights.map(({ night, ms, exitCode }) => `${night} ${(ms / 1000).toFixed(1)} s (exit ${exitCode})`).join(", ")
console.log(`nights in parallel, back to back${nightNice === 0 ? "" : ` (nice ${nightNice})`}: ${nightTimes}; measured from ${(nightReport.measuredFromMs / 1000).toFixed(1)} s to ${(nightReport.measuredUntilMs / 1000).toFixed(1)} s after the first began`)
console.log(line(["case", "quiet", "during a night"]))
console.log(line(widths.map((width) => "-".repeat(width))))
for (const row of rows) console.log(line(row))
mkdirSync(join(root, "bench", "out"), { recursive: true })
writeFileSync(join(root, "bench", "out", "server.json"), `${JSON.stringify({ world: world.variant, highSchool, leadDistrict, seconds, nightNice, setupNightMs, night: nightReport, quiet, during }, null, 2)}\n`)
