import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { hostname, tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { acquireLock, ExchangeLocked, lockFileOf } from "./Lock.js"

const configFile = () => join(mkdtempSync(join(tmpdir(), "kts-lock-")), "exchange.json")

const deadPid = (): number => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout)

describe("acquireLock", () => {
  it("writes pid, host and start time, refuses a second holder, and removes the file on release", () => {
    const file = configFile()
    const lock = acquireLock(file, new Date("2025-01-02T03:04:05Z"))
    expect(JSON.parse(readFileSync(lockFileOf(file), "utf8"))).toEqual({ pid: process.pid, host: hostname(), since: "2025-01-02T03:04:05.000Z" })
    expect(() => acquireLock(file)).toThrow(ExchangeLocked)
    try {
      acquireLock(file)
    } catch (error) {
      expect((error as ExchangeLocked).message).toContain(`pid ${process.pid}`)
      expect((error as ExchangeLocked).message).toContain("since 2025-01-02T03:04:05.000Z")
    }
    lock.release()
    expect(existsSync(lockFileOf(file))).toBe(false)
  })

  it.each([
    { case: "a dead pid on this host", holder: () => ({ pid: deadPid(), host: hostname(), since: "x" }), takenOver: true },
    { case: "a live pid on this host", holder: () => ({ pid: process.pid, host: hostname(), since: "x" }), takenOver: false },
    { case: "another host", holder: () => ({ pid: deadPid(), host: `${hostname()}-elsewhere`, since: "x" }), takenOver: false }
  ])("with a lock held by $case, takes it over: $takenOver", ({ holder, takenOver }) => {
    const file = configFile()
    writeFileSync(lockFileOf(file), JSON.stringify(holder()))
    if (takenOver) {
      const lock = acquireLock(file)
      expect(JSON.parse(readFileSync(lockFileOf(file), "utf8")).pid).toBe(process.pid)
      lock.release()
    } else {
      expect(() => acquireLock(file)).toThrow(ExchangeLocked)
    }
  })

  it("treats an unreadable lock file written an instant ago as held, and an old one as stale", () => {
    const file = configFile()
    writeFileSync(lockFileOf(file), "")
    expect(() => acquireLock(file)).toThrow(ExchangeLocked)
    const lock = acquireLock(file, new Date(Date.now() + 60_000))
    lock.release()
  })
})
