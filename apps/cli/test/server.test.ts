/**
 * `kts tokens`, `kts serve` and `kts access-log` as a user runs them: the
 * token printed once as the last line and stored only as a hash, the server
 * answering with it, refusing it once revoked, and stopping on SIGTERM.
 */
import { spawn } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { kts, ktsMain, tempDir } from "./runKts.js"

let dir: string
let config: string

beforeAll(() => {
  dir = tempDir("kts-serve-")
  expect(kts("generate", "--scale", "tiny", "--seed", "1", "--out", join(dir, "bundle")).status).toBe(0)
  expect(kts("import", "--db", join(dir, "kts.db"), join(dir, "bundle")).status).toBe(0)
  config = join(dir, "exchange.json")
  writeFileSync(config, JSON.stringify({
    databases: { all: "kts.db" },
    links: [{ tech: { database: "all", district: "101", school: "005" }, highSchool: { database: "all", district: "101", school: "010" } }]
  }))
})

/** `kts ARGS` without blocking this process (a blocked test would let the server drop its kept-alive sockets under fetch). */
const ktsAsync = (...args: Array<string>): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [ktsMain, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("exit", (status) => resolve({ status, stdout, stderr }))
  })

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const startServe = async (): Promise<{ url: string; stop: () => Promise<number | null> }> => {
  const child = spawn(process.execPath, [ktsMain, "serve", "--config", config, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] })
  child.stderr.resume() // the request log; unread, a full pipe would stall the server
  const url = await new Promise<string>((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (chunk) => {
      out += chunk
      const match = /serving (http:\/\/\S+)/.exec(out)
      if (match !== null) resolve(match[1]!)
    })
    child.on("exit", (code) => reject(new Error(`kts serve exited ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.on("exit", (code) => resolve(code))
        child.kill("SIGTERM")
      })
  }
}

describe("kts tokens, serve, access-log", () => {
  it("adds a token, serves with it, refuses it once revoked", async () => {
    const added = kts("tokens", "add", "--config", config, "--school", "101-010")
    expect(added.status).toBe(0)
    const token = added.stdout.trimEnd().split("\n").at(-1)!
    expect(token).toMatch(/^kts_[A-Za-z0-9_-]{40,}$/)
    const stored = readFileSync(join(dir, "tokens.json"), "utf8")
    expect(stored).not.toContain(token)
    const listed = kts("tokens", "list", "--config", config)
    expect(listed.stdout).toContain("school 101-010")
    const id = listed.stdout.split(/\s+/)[0]!

    const server = await startServe()
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      const alerts = await fetch(`${server.url}/api/schools/101-010/alerts`, { headers: { authorization: `Bearer ${token}` } })
      expect(alerts.status).toBe(200)
      expect((await fetch(`${server.url}/api/schools/102-010/alerts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404)
      expect((await ktsAsync("tokens", "revoke", "--config", config, id)).status).toBe(0)
      expect((await fetch(`${server.url}/api/schools/101-010/alerts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
    } finally {
      expect(await server.stop()).toBe(0)
    }
    const log = kts("access-log", "--config", config)
    expect(log.status).toBe(0)
    expect(log.stdout).toContain("/api/schools/{school}/alerts")
    expect(log.stdout).toContain(id)
  })

  it("keeps answering while a night of the exchange runs", async () => {
    const token = kts("tokens", "add", "--config", config, "--state").stdout.trimEnd().split("\n").at(-1)!
    const server = await startServe()
    try {
      const night = spawn(process.execPath, [ktsMain, "exchange", "run", "--config", config, "--date", "2024-10-16"], { stdio: "ignore" })
      const finished = new Promise<number | null>((resolve) => night.on("exit", (code) => resolve(code)))
      let running = true
      void finished.then(() => (running = false))
      const statuses: Array<number> = []
      while (running || statuses.length === 0) {
        statuses.push((await fetch(`${server.url}/api/schools/101-010/alerts?status=all`, { headers: { authorization: `Bearer ${token}` } })).status)
        await pause(100)
      }
      expect([0, 3]).toContain(await finished)
      expect(statuses.length).toBeGreaterThan(0)
      expect(new Set(statuses)).toEqual(new Set([200]))
    } finally {
      expect(await server.stop()).toBe(0)
    }
  }, 300_000)

  it.each([
    { args: ["--school", "101-999"], message: "no database of the configuration holds this school" },
    { args: ["--tech", "101-010"], message: "no link of the configuration names it as a technical school" },
    { args: ["--school", "101010"], message: "expected {district}-{school}" },
    { args: ["--state", "--school", "101-010"], message: "exactly one of" }
  ])("tokens add $args: exit 2", ({ args, message }) => {
    const run = kts("tokens", "add", "--config", config, ...args)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(message)
  })
})
