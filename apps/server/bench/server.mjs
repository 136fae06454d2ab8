// pnpm bench:server — the server under load on loopback, with autocannon
// (bounded: a fixed duration and request cap per case):
//   alerts          GET /api/schools/{school}/alerts           req/s, p50, p99
//   grade check     GET /api/schools/{school}/students/{id}/grade-check
//   LEAD CSV        GET /api/districts/{district}/lead          time to first byte, total, bytes
// and the server's peak RSS (VmHWM of its process) at the end.
//
// The server runs as `kts serve` in a child process over an exchange.json made in a
// temporary folder around bench/data/state.db (made by `pnpm bench:import`), read-only.
// Needs `pnpm build`. Options (environment): BENCH_DB (store file), BENCH_DISTRICT (default
// the district with the most enrollments), BENCH_TECH / BENCH_HIGH_SCHOOL (a link, D-S),
// BENCH_STATE_ID (the student of the grade check; default one on the high school's rosters),
// BENCH_SECONDS (default 10 per case), BENCH_END_YEAR (default 2025), BENCH_AS_OF.
// A grade check that finds the student on no KTS pairing of the school answers 404 (counted
// as non2xx): its figures then measure that path, not a full checklist.
import { spawn, spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import autocannon from "autocannon"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const cli = join(root, "apps", "cli", "dist", "main.js")
const storeDist = join(root, "packages", "store", "dist", "index.js")
const dbPath = process.env.BENCH_DB ?? join(root, "bench", "data", "state.db")
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const endYear = process.env.BENCH_END_YEAR ?? "2025"
// The grade check's "today" (it picks the end year); default a day of the bench's end year.
const asOf = process.env.BENCH_AS_OF ?? `${Number(endYear) - 1}-10-15`

const { connectStore } = await import(pathToFileURL(storeDist).href)
const db = connectStore(dbPath, { readonly: true })
const district = process.env.BENCH_DISTRICT ?? db.scalar(
  `SELECT d."number" FROM "enrollment" e JOIN "calendar" k ON k."calendarID" = e."calendarID" JOIN "school" s ON s."schoolID" = k."schoolID"
   JOIN "district" d ON d."districtID" = s."districtID" GROUP BY d."number" ORDER BY COUNT(*) DESC LIMIT 1`
)
const schoolLike = (pattern) => db.scalar(
  `SELECT s."number" FROM "school" s JOIN "district" d ON d."districtID" = s."districtID" WHERE d."number" = ? AND s."name" LIKE ? ORDER BY s."number" LIMIT 1`,
  [district, pattern]
)
const tech = process.env.BENCH_TECH ?? `${district}-${schoolLike("%Technical%")}`
const highSchool = process.env.BENCH_HIGH_SCHOOL ?? `${district}-${schoolLike("%High School%")}`
const [hsDistrict, hsSchool] = highSchool.split("-")
const stateID = process.env.BENCH_STATE_ID ?? db.scalar(
  `SELECT p."stateID" FROM "roster" r JOIN "person" p ON p."personID" = r."personID" JOIN "section" x ON x."sectionID" = r."sectionID"
   JOIN "course" c ON c."courseID" = x."courseID" JOIN "calendar" k ON k."calendarID" = c."calendarID" JOIN "school" s ON s."schoolID" = k."schoolID"
   JOIN "district" d ON d."districtID" = s."districtID" WHERE d."number" = ? AND s."number" = ? AND p."stateID" IS NOT NULL LIMIT 1`,
  [hsDistrict, hsSchool]
)
db.close()

const progress = (text) => process.stderr.write(`[bench:server] ${text}\n`)
progress(`district ${district}, link ${tech} -> ${highSchool}, student ${stateID === undefined ? "none" : "found"}`)
const work = mkdtempSync(join(tmpdir(), "kts-bench-server-"))
const config = join(work, "exchange.json")
const [techDistrict, techSchool] = tech.split("-")
writeFileSync(config, JSON.stringify({
  databases: { state: dbPath },
  links: [{ tech: { database: "state", district: techDistrict, school: techSchool }, highSchool: { database: "state", district: hsDistrict, school: hsSchool } }]
}))
const add = spawnSync(process.execPath, [cli, "tokens", "add", "--config", config, "--state"], { encoding: "utf8" })
if (add.status !== 0) throw new Error(`kts tokens add failed: ${add.stderr}`)
const token = add.stdout.trim().split("\n").at(-1)

const server = spawn(process.execPath, [cli, "serve", "--config", config, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] })
const url = await new Promise((resolve, reject) => {
  let out = ""
  server.stdout.on("data", (chunk) => {
    out += chunk
    const match = /serving (http:\/\/\S+)/.exec(out)
    if (match) resolve(match[1])
  })
  server.on("exit", (code) => reject(new Error(`kts serve exited ${code}`)))
})
const peakRssMb = () => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))
  return match ? Math.round(Number(match[1]) / 1024) : 0
}
progress(`serving ${url}`)
const headers = { authorization: `Bearer ${token}` }

const load = (path, connections) =>
  new Promise((resolve, reject) => {
    autocannon({ url: url + path, headers, connections, duration: seconds }, (error, result) => {
      if (error) reject(error)
      else resolve(result)
    })
  })

const results = {}
try {
  // Warm up (first requests compile statements, fill caches).
  for (const path of [`/api/schools/${highSchool}/alerts`, `/api/schools/${highSchool}/students/${stateID}/grade-check?asOf=${asOf}`]) {
    const warmStarted = performance.now()
    const status = await fetch(url + path, { headers }).then(async (r) => (await r.text(), r.status))
    progress(`warm-up ${path.replace(stateID, "{stateID}")}: ${status} in ${Math.round(performance.now() - warmStarted)} ms`)
  }
  for (const [name, path, connections] of [
    ["alerts", `/api/schools/${highSchool}/alerts`, 20],
    ["grade check (one student)", `/api/schools/${highSchool}/students/${stateID}/grade-check?asOf=${asOf}`, 4]
  ]) {
    progress(`load: ${name}`)
    const result = await load(path, connections)
    results[name] = {
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors
    }
  }
  progress("LEAD CSV")
  const started = performance.now()
  const response = await fetch(`${url}/api/districts/${district}/lead?endYear=${endYear}`, { headers })
  const reader = response.body.getReader()
  let ttfbMs
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    ttfbMs ??= performance.now() - started
    bytes += value.length
  }
  results[`LEAD CSV, district ${district}`] = { status: response.status, ttfbMs: Math.round(ttfbMs ?? 0), totalMs: Math.round(performance.now() - started), megabytes: Math.round(bytes / 1e5) / 10 }
  results["server peak RSS (MB)"] = peakRssMb()
} finally {
  server.kill("SIGTERM")
  rmSync(work, { recursive: true, force: true })
}
console.log(JSON.stringify({ district, tech, highSchool, stateID: "(one rostered student)", seconds, results }, null, 2))
mkdirSync(join(root, "bench", "out"), { recursive: true })
writeFileSync(join(root, "bench", "out", "server.json"), JSON.stringify(results, null, 2))
