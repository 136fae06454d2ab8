/**
 * The exchange with `kts import --delta` (runs only where the delta import
 * exists): the high school builds its KTS course on a published master as a
 * next-day delta, and a night's `--emit` bundles, loaded with
 * `kts import --delta` into copies of the databases as they were, give the
 * databases the night left.
 */
import { cpSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { kts, tempDir } from "./runKts.js"
import { districtBundle, dumpWorld, makeWorld, rowsOf, runNight, techBundle, writeBundle } from "./support/exchangeWorld.js"

const deltaAvailable = kts("import", "--help").stdout.includes("--delta")

const ann = { stateID: "7000000001", first: "Ann", last: "Ash" }

describe.skipIf(!deltaAvailable)("kts exchange with delta loads", () => {
  it("publishes, takes the high school's course from a delta, sends its roster, and emits bundles that replay the night", () => {
    const world = makeWorld({
      tech: techBundle(),
      d165: districtBundle({ district: "165", school: "010" })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    expect(runNight(world, "2024-09-10").status).toBe(0)
    const master = rowsOf(world.db["d165"]!, "courseMaster").find((row) => row["ktsTechID"] === "902-030-10")!

    // The high school's next-day edits: a course on the master, its KTSTechID, one section, a student.
    const delta = join(world.dir, "delta-1")
    writeBundle(delta, {
      course: [{ courseID: 50, calendarID: 1, courseMasterID: master["courseMasterID"] as number, number: "KTS100", name: "Welding", active: true }],
      customCourse: [{ customID: 50, courseID: 50, attributeID: 1, value: "902-030-10" }],
      section: [{ sectionID: 500, courseID: 50, trialID: 1, number: 1 }],
      person: [{ personID: 50, stateID: ann.stateID, firstName: ann.first, lastName: ann.last }],
      enrollment: [{ enrollmentID: 50, personID: 50, calendarID: 1, structureID: 1, grade: "10", serviceType: "P", startDate: "2024-08-01", noShow: false, stateExclude: false }],
      roster: [{ rosterID: 50, sectionID: 500, personID: 50, startDate: "2024-09-11", endDate: null }]
    })
    const load = kts("import", "--delta", delta, "--db", world.db["d165"]!)
    expect(load.stderr).toBe("")
    expect(load.status).toBe(0)

    const before = join(tempDir("kts-delta-before-"), "world")
    cpSync(world.dir, before, { recursive: true })
    const out = tempDir("kts-delta-emit-")
    expect(runNight(world, "2024-09-12", "--emit", out).status).toBe(0)
    expect(rowsOf(world.db["tech"]!, "roster").map((row) => [row["sectionID"], row["startDate"]])).toEqual([[10, "2024-09-11"]])

    for (const database of ["tech", "d165"]) {
      const copy = join(before, `${database}.db`)
      const replay = kts("import", "--delta", join(out, database), "--db", copy)
      expect(replay.stderr, database).toBe("")
      expect(replay.status, database).toBe(0)
    }
    const replayed = dumpWorld({ dir: before, config: join(before, "exchange.json"), db: { tech: join(before, "tech.db"), d165: join(before, "d165.db") } })
    expect(replayed).toEqual(dumpWorld(world))
  })
})
