/**
 * The worker-thread orchestration of a parallel run, with a stand-in worker
 * (plain JavaScript, so it runs without a build): groups come back in index
 * order whatever order the workers finish in, and a failure surfaces.
 * (That the real worker writes the same bytes as a single-threaded run is
 * checked by bench/extract.mjs, which runs the built package.)
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { runGroupsInWorkers, type GroupDone, type WorkerSetup } from "../src/internal/ParallelRun.js"
import type { CalendarScope } from "../src/index.js"
import { makeWorkDir } from "./support/Bundle.js"

const work = makeWorkDir()
afterAll(() => work.cleanup())

const script = join(work.dir, "stand-in-worker.mjs")
writeFileSync(
  script,
  `import { parentPort, workerData } from "node:worker_threads"
parentPort.on("message", ({ index, scopes }) => {
  // Finish out of order: later groups are often quicker.
  setTimeout(() => {
    if (workerData.failAt === index) return parentPort.postMessage({ index, error: "no such table: roster" })
    const csv = new TextEncoder().encode("group " + index + ";")
    parentPort.postMessage({ index, csv: [csv], html: null, sectionCount: 1, rowCount: scopes.length }, [csv.buffer])
  }, (index * 37) % 11)
})
`
)

const groups = Array.from({ length: 25 }, (_, index) => Array.from({ length: (index % 3) + 1 }, () => ({}) as CalendarScope))
const setup = (failAt?: number) => ({ failAt }) as unknown as WorkerSetup

describe("runGroupsInWorkers", () => {
  it.each([1, 2, 4])("delivers groups in index order with %i worker(s)", async (threads) => {
    const seen: Array<GroupDone> = []
    await runGroupsInWorkers(pathToFileURL(script), groups, setup(), threads, (done) => {
      seen.push(done)
    })
    expect(seen.map((done) => done.index)).toEqual(groups.map((_, index) => index))
    expect(seen.map((done) => new TextDecoder().decode(done.csv![0]!)).join("")).toBe(
      groups.map((_, index) => `group ${index};`).join("")
    )
    expect(seen.map((done) => done.rowCount)).toEqual(groups.map((group) => group.length))
  })

  it("rejects with the worker's failure, after delivering the groups before it", async () => {
    const seen: Array<number> = []
    await expect(
      runGroupsInWorkers(pathToFileURL(script), groups, setup(7), 3, (done) => {
        seen.push(done.index)
      })
    ).rejects.toThrow("building calendar group 7 failed: no such table: roster")
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6])
  })
})
