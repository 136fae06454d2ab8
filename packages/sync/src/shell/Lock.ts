/**
 * One run at a time per configuration: a lock file beside `exchange.json`
 * (`exchange.json.lock`), created atomically (O_EXCL) and holding the
 * holder's pid, host and start time as JSON. A lock whose holder is a dead
 * process on this host is taken over; one held on another host is never
 * taken over (its process cannot be checked from here).
 */
import { Schema } from "effect"
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs"
import { hostname } from "node:os"

/** Another run holds the configuration's lock. */
export class ExchangeLocked extends Schema.TaggedError<ExchangeLocked>()("ExchangeLocked", {
  lockFile: Schema.String,
  pid: Schema.Number,
  host: Schema.String,
  since: Schema.String
}) {
  override get message(): string {
    return `another exchange run holds ${this.lockFile}: pid ${this.pid} on ${this.host}, since ${this.since}`
  }
}

/** Who holds a lock. */
export interface LockHolder {
  readonly pid: number
  readonly host: string
  readonly since: string
}

/** The lock file of a configuration file. */
export const lockFileOf = (configFile: string): string => `${configFile}.lock`

const readHolder = (lockFile: string): LockHolder | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, "utf8")) as Partial<LockHolder>
    if (typeof parsed.pid === "number" && typeof parsed.host === "string" && typeof parsed.since === "string") {
      return { pid: parsed.pid, host: parsed.host, since: parsed.since }
    }
    return undefined
  } catch {
    return undefined
  }
}

/** An unreadable lock file younger than this is taken to be one being written. */
const FRESH_MS = 10_000

const youngerThan = (path: string, ms: number, now: Date): boolean => {
  try {
    return now.getTime() - statSync(path).mtimeMs < ms
  } catch {
    return false
  }
}

const mtimeOf = (path: string): string => {
  try {
    return statSync(path).mtime.toISOString()
  } catch {
    return "unknown"
  }
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** A held lock; `release` removes the file if it is still ours. */
export interface HeldLock {
  readonly lockFile: string
  readonly release: () => void
}

const writeExclusive = (path: string, text: string): boolean => {
  let fd: number
  try {
    fd = openSync(path, "wx")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false
    throw error
  }
  try {
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
  return true
}

/**
 * Takes the lock of `configFile`, or throws `ExchangeLocked` naming the
 * holder. `now` is the wall-clock start time written into the file.
 */
export const acquireLock = (configFile: string, now: Date = new Date()): HeldLock => {
  const lockFile = lockFileOf(configFile)
  const me: LockHolder = { pid: process.pid, host: hostname(), since: now.toISOString() }
  const text = `${JSON.stringify(me)}\n`
  for (let attempt = 0; attempt < 3; attempt++) {
    if (writeExclusive(lockFile, text)) return { lockFile, release: () => releaseIfOurs(lockFile, me) }
    const holder = readHolder(lockFile)
    if (holder !== undefined && (holder.host !== me.host || processAlive(holder.pid))) {
      throw new ExchangeLocked({ lockFile, pid: holder.pid, host: holder.host, since: holder.since })
    }
    if (holder === undefined && youngerThan(lockFile, FRESH_MS, now)) {
      // A lock file created an instant ago may not be written yet: treat it as held.
      throw new ExchangeLocked({ lockFile, pid: 0, host: "unknown (lock file being written)", since: mtimeOf(lockFile) })
    }
    // A stale lock (dead holder on this host, or unreadable): move it aside atomically, then retry the O_EXCL create.
    const aside = `${lockFile}.stale-${process.pid}`
    try {
      renameSync(lockFile, aside)
      unlinkSync(aside)
    } catch {
      // another run took it over first; the next attempt sees its lock
    }
  }
  const holder = readHolder(lockFile)
  throw new ExchangeLocked({
    lockFile,
    pid: holder?.pid ?? 0,
    host: holder?.host ?? "unknown",
    since: holder?.since ?? "unknown"
  })
}

const releaseIfOurs = (lockFile: string, me: LockHolder): void => {
  const holder = readHolder(lockFile)
  if (holder !== undefined && holder.pid === me.pid && holder.host === me.host && holder.since === me.since) {
    try {
      unlinkSync(lockFile)
    } catch {
      // already gone
    }
  }
}
