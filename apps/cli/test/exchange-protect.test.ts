/**
 * A mistake at one school never drops students: a KTS course skipped for an
 * error (several KTS sections) freezes removals from the tech section it
 * names, while other high schools still send to it; a student skipped for an
 * error (no enrollment) keeps their tech roster row as it is; removals
 * elsewhere go on. The night after the fix, everything is brought in line.
 */
import { describe, expect, it } from "vitest"
import { districtBundle, editStore, makeWorld, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"
import { alertsOf } from "./support/exchangeMore.js"

const ann = { stateID: "7500000001", first: "Ann", last: "Ames" }
const cat = { stateID: "7500000003", first: "Cat", last: "Cole" }
const dan = { stateID: "7500000004", first: "Dan", last: "Dale" }
const eve = { stateID: "7500000005", first: "Eve", last: "Eames" }
const gus = { stateID: "7500000007", first: "Gus", last: "Gone" }
const hal = { stateID: "7500000008", first: "Hal", last: "Hence" }

describe("kts exchange: a mistake at one school never drops students", () => {
  it("freezes removals on a section named by a skipped course, keeps a skipped student's row, and catches up after the fix", { timeout: 300_000 }, () => {
    // Tech rows from earlier nights: Gus on section 10, Hal and Cat on section 11.
    const world = makeWorld({
      tech: techBundle({
        persons: [gus, hal, cat],
        extra: {
          roster: [
            { rosterID: 1, sectionID: 10, personID: 1, startDate: "2024-08-01", endDate: null },
            { rosterID: 2, sectionID: 11, personID: 2, startDate: "2024-08-01", endDate: null },
            { rosterID: 3, sectionID: 11, personID: 3, startDate: "2024-08-01", endDate: null }
          ]
        }
      }),
      // 165-010: KTS100 (tech section 10) has two KTS sections (101, 102); KTS200 (section 11, KTS section 103)
      // rosters Ann and Cat, who has no enrollment.
      d165: districtBundle({
        district: "165",
        school: "010",
        courses: [
          { number: "KTS100", ktsTechID: techID(10), sections: 2, students: [eve] },
          { number: "KTS200", ktsTechID: techID(11), students: [ann], unenrolled: [cat] }
        ]
      }),
      // 200-020 sends Dan to tech section 10.
      d200: districtBundle({ district: "200", school: "020", courses: [{ number: "KTS300", ktsTechID: techID(10), students: [dan] }] })
    }, [
      { highSchool: { database: "d165", district: "165", school: "010" } },
      { highSchool: { database: "d200", district: "200", school: "020" } }
    ])
    const techDb = world.db["tech"]!
    const d165 = world.db["d165"]!
    // Cat's high-school roster row starts later than her tech row.
    editStore(d165, [["UPDATE roster SET startDate = '2024-09-15' WHERE personID = 3", []]])
    const techRoster = () => {
      const stateOf = new Map(rowsOf(techDb, "person").map((row) => [row["personID"], row["stateID"]]))
      return rowsOf(techDb, "roster").map((row) => [row["sectionID"], stateOf.get(row["personID"]), row["startDate"], row["endDate"]])
        .sort((a, b) => String(a).localeCompare(String(b)))
    }
    const sorted = (rows: Array<Array<unknown>>) => rows.sort((a, b) => String(a).localeCompare(String(b)))

    const first = runNight(world, "2024-10-01")
    expect(first.stderr).toBe("")
    expect(first.status).toBe(0)
    expect(alertsOf(d165).map((alert) => [alert.code, alert.courseNumber, alert.sectionNumber, alert.ktsTechID, alert.stateID]).sort()).toEqual([
      ["link.multipleSections", "KTS100", null, techID(10), null],
      ["student.noEnrollment", "KTS200", 1, null, cat.stateID]
    ])
    // Section 10: Gus kept (KTS100 was skipped for an error), Dan sent by 200-020, Eve not sent.
    // Section 11: Hal removed (deleted: no grades or attendance), Cat's row untouched, Ann sent.
    expect(techRoster()).toEqual(sorted([
      [10, gus.stateID, "2024-08-01", null],
      [10, dan.stateID, "2024-08-01", null],
      [11, cat.stateID, "2024-08-01", null],
      [11, ann.stateID, "2024-08-01", null]
    ]))
    expect(rowsOf(techDb, "exchangeHold")).toEqual([])

    // The high school removes the extra section and enrolls Cat.
    editStore(d165, [
      ["DELETE FROM section WHERE sectionID = 102", []],
      ["INSERT INTO enrollment (enrollmentID, personID, calendarID, structureID, grade, serviceType, startDate, noShow, stateExclude) " +
        "VALUES (99, 3, 1, 1, '11', 'P', '2024-09-15', 0, 0)", []]
    ])
    const second = runNight(world, "2024-10-02")
    expect(second.stderr).toBe("")
    expect(second.status).toBe(0)
    expect(alertsOf(d165)).toEqual([])
    expect(alertsOf(d165, "--all").every((alert) => alert.resolvedOn === "2024-10-02")).toBe(true)
    expect(techRoster()).toEqual(sorted([
      [10, dan.stateID, "2024-08-01", null],
      [10, eve.stateID, "2024-08-01", null],
      [11, cat.stateID, "2024-09-15", null],
      [11, ann.stateID, "2024-08-01", null]
    ]))
  })
})
