/**
 * A student who moves between nights: from high school A to high school B,
 * both sending to Central Tech's section 10, then to high school C, linked to
 * North Tech. The tech roster row follows the rule for a State ID coming from
 * several high-school sections, the person takes the values of the school of
 * record, enrollments open and end, grades reach every section the student is
 * a synced student of, and each sending school records what it sent.
 */
import { describe, expect, it } from "vitest"
import { districtBundle, editStore, makeWorld, merge, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"
import { alertsOf, disclosuresOf, northID, northTech } from "./support/exchangeMore.js"

const mo = { stateID: "7400000001", first: "Mo", last: "Mover" }
const N1 = "2024-10-15"
const N2 = "2024-11-04"
const N3 = "2025-01-08"

/** SQL that adds Mo to a district database's KTS section 101 (person 1, enrollment 1, roster 1). */
const arrives = (studentNumber: string, grade: string, startDate: string) => [
  ["INSERT INTO person (personID, stateID, studentNumber, firstName, lastName, gender) VALUES (1, ?, ?, ?, ?, 'F')", [mo.stateID, studentNumber, mo.first, mo.last]],
  ["INSERT INTO enrollment (enrollmentID, personID, calendarID, structureID, grade, serviceType, startDate, noShow, stateExclude) " +
    "VALUES (1, 1, 1, 1, ?, 'P', ?, 0, 0)", [grade, startDate]],
  ["INSERT INTO roster (rosterID, sectionID, personID, startDate, endDate) VALUES (1, 101, 1, ?, NULL)", [startDate]]
] as const

/** SQL for Mo leaving a district database on `endDate` (roster row and enrollment ended). */
const leaves = (endDate: string) => [
  ["UPDATE roster SET endDate = ? WHERE personID = 1", [endDate]],
  ["UPDATE enrollment SET endDate = ? WHERE personID = 1", [endDate]]
] as const

describe("kts exchange: a student who moves", () => {
  it("follows the student from high school to high school and from one technical school to another", { timeout: 300_000 }, () => {
    const tech = merge(techBundle({ persons: [mo] }), {
      ...northTech(),
      gradingScore: [{ scoreID: 1, personID: 1, sectionID: 10, taskID: 1, termID: 1, score: "B", percent: 85, posted: true, modifiedDate: "2024-10-01T08:00" }]
    })
    const world = makeWorld({
      tech,
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTSA", ktsTechID: techID(10), students: [mo] }] }),
      d200: districtBundle({ district: "200", school: "020", courses: [{ number: "KTSB", ktsTechID: techID(10) }] }),
      d300: districtBundle({ district: "300", school: "030", courses: [{ number: "KTSC", ktsTechID: northID(20) }] })
    }, [
      { highSchool: { database: "d165", district: "165", school: "010" } },
      { highSchool: { database: "d200", district: "200", school: "020" } },
      { tech: { database: "tech", district: "902", school: "040" }, highSchool: { database: "d300", district: "300", school: "030" } }
    ])
    const techDb = world.db["tech"]!
    const [d165, d200, d300] = [world.db["d165"]!, world.db["d200"]!, world.db["d300"]!]
    editStore(d165, [["UPDATE person SET studentNumber = 'A100' WHERE stateID = ?", [mo.stateID]]])
    const ok = (night: string) => {
      const run = runNight(world, night)
      expect(run.stderr, night).toBe("")
      expect(run.status, night).toBe(0)
    }
    const techPerson = () => rowsOf(techDb, "person").map((row) => [row["personID"], row["stateID"], row["studentNumber"], row["firstName"], row["gender"]])
    const techRoster = () => rowsOf(techDb, "roster").map((row) => [row["personID"], row["sectionID"], row["startDate"], row["endDate"]])
    const techEnrollments = () => rowsOf(techDb, "enrollment")
      .map((row) => [row["personID"], row["calendarID"], row["serviceType"], row["grade"], row["startDate"], row["endDate"]])
    const grades = (db: string) => rowsOf(db, "gradingScore").map((row) => [row["sectionID"], row["taskID"], row["termID"], row["score"], row["percent"]])

    // Night 1: Mo at A (165-010).
    ok(N1)
    expect(techPerson()).toEqual([[1, mo.stateID, "A100", mo.first, "F"]])
    expect(techRoster()).toEqual([[1, 10, "2024-08-01", null]])
    expect(techEnrollments()).toEqual([[1, 1, "S", "11", "2024-08-01", null]])
    expect(grades(d165)).toEqual([[101, 1, 1, "B", 85]])
    expect(disclosuresOf(d165, mo.stateID)).toEqual([["roster", "902-030", N1, N1]])
    expect(disclosuresOf(techDb, mo.stateID)).toEqual([["grades", "165-010", N1, N1]])

    // Mo leaves A on 10-31 and starts at B (200-020) on 11-01, in B's KTS course on the same tech section.
    editStore(d165, [...leaves("2024-10-31")])
    editStore(d200, [...arrives("B200", "11", "2024-11-01")])
    ok(N2)
    // Two sources for section 10: B's row (NULL endDate) wins over A's; B (the higher school) gives the person's values.
    expect(techPerson()).toEqual([[1, mo.stateID, "B200", mo.first, "F"]])
    expect(techRoster()).toEqual([[1, 10, "2024-11-01", null]])
    expect(techEnrollments()).toEqual([[1, 1, "S", "11", "2024-08-01", null]])
    // Mo is a synced student of both sections (A's roster row is ended, not gone): B gets the grade, A keeps its copy.
    expect(grades(d200)).toEqual([[101, 1, 1, "B", 85]])
    expect(grades(d165)).toEqual([[101, 1, 1, "B", 85]])
    expect(disclosuresOf(d200, mo.stateID)).toEqual([["roster", "902-030", N2, N2]])
    expect(disclosuresOf(d165, mo.stateID)).toEqual([["roster", "902-030", N1, N1]])
    expect(disclosuresOf(techDb, mo.stateID)).toEqual([["grades", "165-010", N1, N1], ["grades", "200-020", N2, N2]])
    expect(alertsOf(d165)).toEqual([])
    expect(alertsOf(d200)).toEqual([])

    // Mo leaves B on 12-20 and starts at C (300-030, linked to North Tech) on 01-06.
    editStore(d200, [...leaves("2024-12-20")])
    editStore(d300, [...arrives("C300", "12", "2025-01-06")])
    ok(N3)
    // Section 10: both rows ended, B's ends later: its dates. North Tech's section 20: C's row.
    expect(techRoster()).toEqual([[1, 10, "2024-11-01", "2024-12-20"], [1, 20, "2025-01-06", null]])
    // Central Tech's S enrollment ends with the last roster row there; North Tech's opens with C's grade and start.
    expect(techEnrollments()).toEqual([
      [1, 1, "S", "11", "2024-08-01", "2024-12-20"],
      [1, 2, "S", "12", "2025-01-06", null]
    ])
    // Technical schools are applied in (district, school) order: North Tech's high school (C) gives the final values.
    expect(techPerson()).toEqual([[1, mo.stateID, "C300", mo.first, "F"]])
    // Nothing of Central Tech's reaches C; A and B keep their grade.
    expect(grades(d300)).toEqual([])
    expect(grades(d165)).toEqual([[101, 1, 1, "B", 85]])
    expect(grades(d200)).toEqual([[101, 1, 1, "B", 85]])
    expect(disclosuresOf(d300, mo.stateID)).toEqual([["roster", "902-040", N3, N3]])
    expect(disclosuresOf(d200, mo.stateID)).toEqual([["roster", "902-030", N2, N3]])
    expect(disclosuresOf(d165, mo.stateID)).toEqual([["roster", "902-030", N1, N1]])
    expect(disclosuresOf(techDb, mo.stateID)).toEqual([["grades", "165-010", N1, N1], ["grades", "200-020", N2, N2]])
    expect(alertsOf(techDb)).toEqual([])
    expect(alertsOf(d300)).toEqual([])
  })

  it("picks the row with NULL endDate, then the latest endDate, then the latest startDate, whichever school sends it", { timeout: 300_000 }, () => {
    // Mo is on both high schools' KTS sections for tech section 10 (A forgot to end the row at first).
    const world = makeWorld({
      tech: techBundle(),
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTSA", ktsTechID: techID(10), students: [mo] }] }),
      d200: districtBundle({ district: "200", school: "020", courses: [{ number: "KTSB", ktsTechID: techID(10), students: [mo] }] })
    }, [
      { highSchool: { database: "d165", district: "165", school: "010" } },
      { highSchool: { database: "d200", district: "200", school: "020" } }
    ])
    const techDb = world.db["tech"]!
    const [d165, d200] = [world.db["d165"]!, world.db["d200"]!]
    editStore(d165, [["UPDATE roster SET startDate = '2024-09-01'", []], ["UPDATE person SET studentNumber = 'A100'", []]])
    editStore(d200, [["UPDATE roster SET startDate = '2024-08-15'", []], ["UPDATE person SET studentNumber = 'B200'", []], ["UPDATE enrollment SET grade = '12'", []]])
    const ok = (night: string) => {
      const run = runNight(world, night, "--stage", "rosters")
      expect(run.stderr, night).toBe("")
      expect(run.status, night).toBe(0)
    }
    const techRoster = () => rowsOf(techDb, "roster").map((row) => [row["personID"], row["sectionID"], row["startDate"], row["endDate"]])
    const techEnrollments = () => rowsOf(techDb, "enrollment")
      .map((row) => [row["personID"], row["calendarID"], row["serviceType"], row["grade"], row["startDate"], row["endDate"]])

    // Both rows open: the latest startDate (A's, 09-01) gives the dates; the higher school (B) the person and the grade.
    ok("2024-10-01")
    expect(rowsOf(techDb, "person").map((row) => [row["personID"], row["stateID"], row["studentNumber"]])).toEqual([[1, mo.stateID, "B200"]])
    expect(techRoster()).toEqual([[1, 10, "2024-09-01", null]])
    expect(techEnrollments()).toEqual([[1, 1, "S", "12", "2024-09-01", null]])
    expect(disclosuresOf(d165, mo.stateID)).toEqual([["roster", "902-030", "2024-10-01", "2024-10-01"]])
    expect(disclosuresOf(d200, mo.stateID)).toEqual([["roster", "902-030", "2024-10-01", "2024-10-01"]])

    // A ends its row: B's open row wins.
    editStore(d165, [["UPDATE roster SET endDate = '2024-10-20'", []]])
    ok("2024-10-22")
    expect(techRoster()).toEqual([[1, 10, "2024-08-15", null]])
    expect(techEnrollments()).toEqual([[1, 1, "S", "12", "2024-09-01", null]])
    expect(disclosuresOf(d165, mo.stateID)).toEqual([["roster", "902-030", "2024-10-01", "2024-10-01"]])
    expect(disclosuresOf(d200, mo.stateID)).toEqual([["roster", "902-030", "2024-10-01", "2024-10-22"]])

    // B ends its row later than A did: the latest endDate (B's) wins over the latest startDate (A's); the S enrollment ends with it.
    editStore(d200, [["UPDATE roster SET endDate = '2024-10-25'", []]])
    ok("2024-10-28")
    expect(techRoster()).toEqual([[1, 10, "2024-08-15", "2024-10-25"]])
    expect(techEnrollments()).toEqual([[1, 1, "S", "12", "2024-09-01", "2024-10-25"]])
    expect(disclosuresOf(d200, mo.stateID)).toEqual([["roster", "902-030", "2024-10-01", "2024-10-28"]])
    expect(alertsOf(techDb)).toEqual([])
  })
})
