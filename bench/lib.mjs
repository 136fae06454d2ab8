// Shared pieces of the benchmarks: timed child processes with their peak memory,
// medians, and the state bundle every benchmark reads.
import { spawn, spawnSync } from "node:child_process"
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { createInterface } from "node:readline"

export const root = join(dirname(fileURLToPath(import.meta.url)), "..")
export const dataDir = join(root, "bench", "data")
export const stateBundle = join(dataDir, "state-bundle")
export const stateStore = join(dataDir, "state.db")
export const cli = join(root, "apps", "cli", "dist", "main.js")

/** The median of a list of numbers. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const peakRssKbOf = (pid) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8")
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** CPU time (user + system, ms) a running process has used so far, from /proc; 0 when gone. */
const cpuMsOf = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0
  }
}

/**
 * Runs a command, returning its wall time, its peak resident memory (sampled
 * from /proc every 20 ms, so a last-moment peak may be missed), its CPU time
 * (`cpuMs`, user + system, sampled the same way: the last 20 ms may be missed)
 * and its output.
 */
export const runTimed = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { cwd: root, env: { ...process.env, CI: "true" }, ...options })
    let stdout = ""
    let stderr = ""
    let peakKb = 0
    let cpuMs = 0
    child.stdout?.on("data", (chunk) => (stdout += chunk))
    child.stderr?.on("data", (chunk) => (stderr += chunk))
    const sampler = setInterval(() => {
      peakKb = Math.max(peakKb, peakRssKbOf(child.pid))
      cpuMs = Math.max(cpuMs, cpuMsOf(child.pid))
    }, 20)
    child.on("error", reject)
    child.on("exit", (code) => {
      clearInterval(sampler)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${stderr}`))
      else resolve({ ms, peakKb, cpuMs, stdout, stderr })
    })
  })

/** Fails with a hint when the packages have not been built. */
export const requireBuild = () => {
  if (!existsSync(cli)) {
    console.error("build first: pnpm build")
    process.exit(1)
  }
}

/** Generates the state bundle once (seed 1) and reuses it after. */
export const ensureStateBundle = async () => {
  if (existsSync(join(stateBundle, "person.csv"))) return
  console.log(`generating the state bundle into ${stateBundle} (once; reused by later runs)…`)
  const run = await runTimed("node", [cli, "generate", "--scale", "state", "--seed", "1", "--out", stateBundle])
  console.log(`  generated in ${(run.ms / 1000).toFixed(1)} s, peak RSS ${(run.peakKb / 1024).toFixed(0)} MB`)
}

/** Installs the sqlite3 shell with apt when it is missing. */
export const ensureSqliteShell = () => {
  if (spawnSync("sqlite3", ["--version"]).status === 0) return
  console.log("installing the sqlite3 shell with apt…")
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"]
  spawnSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), "install", "-y", "sqlite3"], {
    stdio: "inherit"
  })
}

/** `12.3 s` */
export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`

/**
 * Copies the header and every 100th record of the CSV file `from` to `to` (a record may
 * span lines inside quotes); resolves to the number of records copied.
 */
export const copyEveryHundredthRecord = async (from, to) => {
  const out = createWriteStream(to)
  const lines = createInterface({ input: createReadStream(from), crlfDelay: Infinity })
  let copied = 0
  let record = ""
  let quotes = 0
  let index = -1
  for await (const line of lines) {
    record = record === "" ? line : `${record}\n${line}`
    for (let at = line.indexOf("\""); at !== -1; at = line.indexOf("\"", at + 1)) quotes++
    if (quotes % 2 === 1) continue // a quoted line break: the record goes on
    if (index === -1 || index % 100 === 0) {
      if (!out.write(`${record}\n`)) await new Promise((resolve) => out.once("drain", resolve))
      if (index !== -1) copied++
    }
    index++
    record = ""
    quotes = 0
  }
  await new Promise((resolve) => out.end(resolve))
  return copied
}
