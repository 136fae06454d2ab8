/**
 * More for the exchange's CLI tests: alerts and disclosures read through the
 * CLI, a second technical school in the technical-school database, and a
 * write lock held on a store by another process.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { fileURLToPath } from "node:url"
import { expect } from "vitest"
import { kts } from "../runKts.js"
import type { ListedAlert } from "@kts/sync/shell"
import type { TableRows } from "./exchangeWorld.js"

/** An alert as `kts alerts --json` prints it. */
export type AlertRow = ListedAlert

/** The alerts of a store (open ones, or all with `--all`). */
export const alertsOf = (db: string, ...flags: Array<string>): Array<AlertRow> => {
  const run = kts("alerts", "--db", db, "--json", ...flags)
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout) as Array<AlertRow>
}

/** A disclosure record as `kts disclosures --json` prints it. */
export interface DisclosureRow {
  readonly kind: string
  readonly recipientDistrict: string
  readonly recipientSchool: string
  readonly firstNight: string
  readonly lastNight: string
}

/** A student's disclosure records in a store, as [kind, recipient, first, last], sorted. */
export const disclosuresOf = (db: string, stateID: string): Array<[string, string, string, string]> => {
  const run = kts("disclosures", "--db", db, "--state-id", stateID, "--json")
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
  return (JSON.parse(run.stdout) as Array<DisclosureRow>)
    .map((row): [string, string, string, string] => [row.kind, `${row.recipientDistrict}-${row.recipientSchool}`, row.firstNight, row.lastNight])
    .sort()
}

/**
 * Rows that add a second technical school, 902-040 North Tech, to `techBundle`'s
 * database: its own calendar (SY 24-25, terms 3 and 4 with the first one's
 * dates), course T200 "Carpentry I" on a master of the same tech catalog, tech
 * sections 20 and 21, and a CTE Term Grade task with term 3 active.
 */
export const northTech = (): TableRows => ({
  school: [{ schoolID: 2, districtID: 1, number: "040", name: "North Tech" }],
  calendar: [{ calendarID: 2, schoolID: 2, name: "24-25 North", endYear: 2025, startDate: "2024-08-01", endDate: "2025-05-30", summerSchool: false, exclude: false }],
  scheduleStructure: [{ structureID: 2, calendarID: 2, name: "Main" }],
  term: [
    { termID: 3, structureID: 2, name: "N1", seq: 1, startDate: "2024-08-01", endDate: "2024-12-20" },
    { termID: 4, structureID: 2, name: "N2", seq: 2, startDate: "2025-01-06", endDate: "2025-05-30" }
  ],
  trial: [{ trialID: 2, structureID: 2, name: "Active", active: true }],
  courseMaster: [{ courseMasterID: 2, catalogID: 1, number: "T200", name: "Carpentry", stateCode: "460201" }],
  course: [{ courseID: 2, calendarID: 2, courseMasterID: 2, number: "T200", name: "Carpentry I", active: true, stateCode: "460201" }],
  section: [
    { sectionID: 20, courseID: 2, trialID: 2, number: 1 },
    { sectionID: 21, courseID: 2, trialID: 2, number: 2 }
  ],
  sectionPlacement: [
    { placementID: 20, sectionID: 20, termID: 3 },
    { placementID: 21, sectionID: 21, termID: 3 }
  ],
  courseGradingTask: [{ courseGradingTaskID: 20, courseID: 2, taskID: 1, scoreGroupID: 1 }],
  courseGradingTaskTerm: [
    { courseGradingTaskID: 20, termID: 3, termMask: true, activeMask: true },
    { courseGradingTaskID: 20, termID: 4, termMask: true, activeMask: false }
  ]
})

/** The KTSTechID of tech section `sectionID` of 902-040. */
export const northID = (sectionID: number): string => `902-040-${sectionID}`

/** A process holding SQLite's write lock on a store until released. */
export interface HeldLock {
  readonly pid: number
  release(): Promise<void>
}

/** The child that holds the lock: opens the store through @kts/store, takes the write lock, waits for stdin to close. */
const lockHolder = `
import { connectStore } from "@kts/store"
const store = connectStore(process.argv[1])
store.run("BEGIN IMMEDIATE")
process.stdout.write("locked-now\\n")
process.stdin.resume()
process.stdin.on("end", () => { store.run("ROLLBACK"); store.close(); process.exit(0) })
`

/**
 * Starts a Node process on `path` that opens a write transaction
 * (`BEGIN IMMEDIATE`) and resolves once it has it; `release` ends the
 * process (the transaction is rolled back, the store unchanged).
 */
export const holdWriteLock = (path: string): Promise<HeldLock> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--input-type=module", "-e", lockHolder, path], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      stdio: ["pipe", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    child.once("error", reject)
    child.once("exit", (code) => {
      if (!out.includes("locked-now")) reject(new Error(`could not lock ${path} (exit ${code}): ${err}`))
    })
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes("locked-now")) {
        resolve({
          pid: child.pid!,
          release: async () => {
            child.stdin!.end()
            await exited
          }
        })
      }
    })
  })
