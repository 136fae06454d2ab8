/**
 * Runs the built `kts` command as a user would, and temporary folders for it.
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The built command. */
export const ktsMain = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "main.js")

/** What a run printed and its exit status. */
export interface KtsRun {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `kts ARGS` to the end. */
export const kts = (...args: Array<string>): KtsRun => {
  const result = spawnSync(process.execPath, [ktsMain, ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

/** Starts `kts ARGS` in the background. */
export const startKts = (...args: Array<string>) =>
  spawn(process.execPath, [ktsMain, ...args], { stdio: "ignore", env: { ...process.env, CI: "true" } })

/** A new temporary folder. */
export const tempDir = (prefix = "kts-cli-"): string => mkdtempSync(join(tmpdir(), prefix))
