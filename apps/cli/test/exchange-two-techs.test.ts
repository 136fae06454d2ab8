/**
 * Two technical schools in one technical-school database, each with its own
 * linked high school: publish, rosters and grades stay within each link, a
 * KTSTechID naming the other technical school is not usable, and the rosters
 * hold is per technical school.
 */
import { describe, expect, it } from "vitest"
import { kts } from "./runKts.js"
import { districtBundle, makeWorld, merge, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"
import { alertsOf, disclosuresOf, northID, northTech } from "./support/exchangeMore.js"

const ann = { stateID: "7200000001", first: "Ann", last: "Archer" }
const ben = { stateID: "7200000002", first: "Ben", last: "Baker" }
const cat = { stateID: "7200000003", first: "Cat", last: "Cole" }
const dan = { stateID: "7200000004", first: "Dan", last: "Dale" }
const eve = { stateID: "7200000005", first: "Eve", last: "Eames" }
const orphans = Array.from({ length: 11 }, (_, index) => ({ stateID: `72000001${String(index).padStart(2, "0")}`, first: "O", last: "Orphan" }))

const score = (scoreID: number, personID: number, sectionID: number, termID: number, value: string) =>
  ({ scoreID, personID, sectionID, taskID: 1, termID, score: value, percent: null, posted: true, modifiedDate: "2024-12-18T09:00" })

describe("kts exchange: two technical schools", () => {
  it("keeps each technical school's sections, rosters, grades and holds to its own links", { timeout: 300_000 }, () => {
    // Tech persons: Ann 1 (graded on 902-030's section 10), Cat 2 (graded on 902-040's section 20),
    // eleven students 3–13 on 902-040's section 21 whom no high school sends.
    const tech = merge(techBundle({ persons: [ann, cat, ...orphans] }), {
      ...northTech(),
      gradingScore: [score(1, 1, 10, 1, "A"), score(2, 2, 20, 3, "B")],
      roster: orphans.map((_, index) => ({ rosterID: index + 1, sectionID: 21, personID: index + 3, startDate: "2024-08-01", endDate: null }))
    })
    const world = makeWorld({
      tech,
      d165: districtBundle({
        district: "165",
        school: "010",
        courses: [
          { number: "KTS100", ktsTechID: techID(10), students: [ann, ben] },
          // Names North Tech's section, but 165-010 is linked only to Central Tech.
          { number: "KTS150", ktsTechID: northID(21), students: [eve] }
        ]
      }),
      d200: districtBundle({ district: "200", school: "020", courses: [{ number: "KTS200", ktsTechID: northID(20), students: [cat, dan] }] })
    }, [
      { highSchool: { database: "d165", district: "165", school: "010" } },
      { tech: { database: "tech", district: "902", school: "040" }, highSchool: { database: "d200", district: "200", school: "020" } }
    ])
    const techDb = world.db["tech"]!
    const d165 = world.db["d165"]!
    const d200 = world.db["d200"]!
    const stateOf = new Map(rowsOf(techDb, "person").map((row) => [row["personID"], row["stateID"]]))
    const techRosters = () => {
      for (const row of rowsOf(techDb, "person")) stateOf.set(row["personID"], row["stateID"])
      return rowsOf(techDb, "roster").map((row) => [row["sectionID"], stateOf.get(row["personID"]), row["startDate"], row["endDate"]])
        .sort((a, b) => String(a).localeCompare(String(b)))
    }
    const masters = (db: string) => rowsOf(db, "courseMaster").map((row) => [row["ktsTechID"], row["number"], row["name"]])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    const grades = (db: string) => rowsOf(db, "gradingScore").map((row) => [row["personID"], row["sectionID"], row["termID"], row["score"]])

    const first = runNight(world, "2025-01-07")
    expect(first.status).toBe(3)

    // Publish: each high-school database gets only the sections of the technical school its high school is linked to.
    expect(masters(d165)).toEqual([
      [techID(10), "T100", "Welding I - Central Tech - Section 1"],
      [techID(11), "T100", "Welding I - Central Tech - Section 2"],
      [northID(21), "KTS150", "Master KTS150"]
    ])
    expect(masters(d200)).toEqual([
      [northID(20), "T200", "Carpentry I - North Tech - Section 1"],
      [northID(21), "T200", "Carpentry I - North Tech - Section 2"]
    ])

    // Rosters: Central Tech's applied; North Tech's held (11 removals of 11 active rows > max(10, 1.1)): nothing written there.
    expect(rowsOf(techDb, "exchangeHold").map((row) => [row["holdID"], row["night"], row["schoolID"], row["activeRows"], row["removals"], row["approvedOn"]]))
      .toEqual([[1, "2025-01-07", 2, 11, 11, null]])
    expect(techRosters()).toEqual([
      [10, ann.stateID, "2024-08-01", null],
      [10, ben.stateID, "2024-08-01", null],
      ...orphans.map((orphan) => [21, orphan.stateID, "2024-08-01", null])
    ].sort((a, b) => String(a).localeCompare(String(b))))
    expect(rowsOf(techDb, "person").map((row) => row["stateID"]).sort()).toEqual([ann, ben, cat, ...orphans].map((student) => student.stateID).sort())
    expect(rowsOf(techDb, "enrollment").map((row) => [stateOf.get(row["personID"]), row["calendarID"], row["serviceType"]]).sort())
      .toEqual([[ann.stateID, 1, "S"], [ben.stateID, 1, "S"]])

    // Alerts: the hold at North Tech and its high school only; the foreign KTSTechID at 165-010.
    const techAlerts = alertsOf(techDb)
    expect(techAlerts.map((alert) => [alert.code, alert.school])).toEqual([["hold.rosterRemovals", "902-040"]])
    expect(techAlerts[0]!.message).toMatch(/\b11\b/)
    expect(alertsOf(d200).map((alert) => [alert.code, alert.school])).toEqual([["hold.rosterRemovals", "200-020"]])
    expect(alertsOf(d165).map((alert) => [alert.code, alert.school, alert.courseNumber, alert.ktsTechID]))
      .toEqual([["link.unknownTechSection", "165-010", "KTS150", northID(21)]])

    // Grades: each technical school's posted grade reaches only its own high school (KTS sections 101, term 1).
    expect(grades(d165)).toEqual([[1, 101, 1, "A"]])
    expect(grades(d200)).toEqual([[1, 101, 1, "B"]])
    expect(disclosuresOf(techDb, ann.stateID)).toEqual([["grades", "165-010", "2025-01-07", "2025-01-07"]])
    expect(disclosuresOf(techDb, cat.stateID)).toEqual([["grades", "200-020", "2025-01-07", "2025-01-07"]])
    expect(disclosuresOf(d165, ann.stateID)).toEqual([["roster", "902-030", "2025-01-07", "2025-01-07"]])
    // A held technical school receives nothing, so its high school records no roster disclosure.
    expect(disclosuresOf(d200, cat.stateID)).toEqual([])

    const approve = kts("exchange", "approve", "--config", world.config, "--hold", "1")
    expect(approve.stderr).toBe("")
    expect(approve.status).toBe(0)

    const second = runNight(world, "2025-01-08")
    expect(second.stderr).toBe("")
    expect(second.status).toBe(0)
    // North Tech's rosters applied: Cat and Dan on section 20 with S enrollments in its calendar; the eleven rows deleted.
    expect(techRosters()).toEqual([
      [10, ann.stateID, "2024-08-01", null],
      [10, ben.stateID, "2024-08-01", null],
      [20, cat.stateID, "2024-08-01", null],
      [20, dan.stateID, "2024-08-01", null]
    ])
    expect(rowsOf(techDb, "enrollment").map((row) => [stateOf.get(row["personID"]), row["calendarID"], row["serviceType"], row["grade"]]).sort())
      .toEqual([[ann.stateID, 1, "S", "11"], [ben.stateID, 1, "S", "11"], [cat.stateID, 2, "S", "11"], [dan.stateID, 2, "S", "11"]])
    expect(rowsOf(techDb, "exchangeHold").map((row) => [row["approvedOn"] !== null, row["usedOn"]])).toEqual([[true, "2025-01-08"]])
    expect(alertsOf(techDb)).toEqual([])
    expect(alertsOf(d200)).toEqual([])
    expect(alertsOf(d200, "--all").map((alert) => [alert.code, alert.resolvedOn])).toEqual([["hold.rosterRemovals", "2025-01-08"]])
    expect(alertsOf(d165).map((alert) => alert.code)).toEqual(["link.unknownTechSection"])
    expect(disclosuresOf(d200, cat.stateID)).toEqual([["roster", "902-040", "2025-01-08", "2025-01-08"]])
    expect(disclosuresOf(d165, ann.stateID)).toEqual([["roster", "902-030", "2025-01-07", "2025-01-07"]])
    expect(grades(d165)).toEqual([[1, 101, 1, "A"]])
    expect(grades(d200)).toEqual([[1, 101, 1, "B"]])
  })

  it("lets a high school linked to both send to the free one while the other is held", { timeout: 300_000 }, () => {
    const tech = merge(techBundle({ persons: orphans }), {
      ...northTech(),
      roster: orphans.map((_, index) => ({ rosterID: index + 1, sectionID: 21, personID: index + 1, startDate: "2024-08-01", endDate: null }))
    })
    const world = makeWorld({
      tech,
      d165: districtBundle({
        district: "165",
        school: "010",
        courses: [
          { number: "KTS100", ktsTechID: techID(10), students: [ann] },
          { number: "KTS200", ktsTechID: northID(20), students: [ben] }
        ]
      })
    }, [
      { highSchool: { database: "d165", district: "165", school: "010" } },
      { tech: { database: "tech", district: "902", school: "040" }, highSchool: { database: "d165", district: "165", school: "010" } }
    ])
    const techDb = world.db["tech"]!
    const d165 = world.db["d165"]!
    const techRosters = () => {
      const stateOf = new Map(rowsOf(techDb, "person").map((row) => [row["personID"], row["stateID"]]))
      return rowsOf(techDb, "roster").map((row) => [row["sectionID"], stateOf.get(row["personID"])])
        .sort((a, b) => String(a).localeCompare(String(b)))
    }

    expect(runNight(world, "2025-01-07").status).toBe(3)
    // Publish: the high school's database gets the sections of both technical schools.
    expect(rowsOf(d165, "courseMaster").map((row) => row["ktsTechID"]).sort()).toEqual([techID(10), techID(11), northID(20), northID(21)])
    // Central Tech gets Ann; North Tech is held: Ben not sent, its eleven rows kept.
    expect(techRosters()).toEqual([[10, ann.stateID], ...orphans.map((orphan) => [21, orphan.stateID])]
      .sort((a, b) => String(a).localeCompare(String(b))))
    expect(rowsOf(techDb, "exchangeHold").map((row) => [row["holdID"], row["schoolID"]])).toEqual([[1, 2]])
    expect(alertsOf(techDb).map((alert) => [alert.code, alert.school])).toEqual([["hold.rosterRemovals", "902-040"]])
    expect(alertsOf(d165).map((alert) => [alert.code, alert.school])).toEqual([["hold.rosterRemovals", "165-010"]])
    expect(disclosuresOf(d165, ann.stateID)).toEqual([["roster", "902-030", "2025-01-07", "2025-01-07"]])
    expect(disclosuresOf(d165, ben.stateID)).toEqual([])

    expect(kts("exchange", "approve", "--config", world.config, "--hold", "1").status).toBe(0)
    const next = runNight(world, "2025-01-08")
    expect(next.stderr).toBe("")
    expect(next.status).toBe(0)
    expect(techRosters()).toEqual([[10, ann.stateID], [20, ben.stateID]])
    expect(alertsOf(d165)).toEqual([])
    expect(alertsOf(d165, "--all").map((alert) => [alert.code, alert.resolvedOn])).toEqual([["hold.rosterRemovals", "2025-01-08"]])
    expect(disclosuresOf(d165, ben.stateID)).toEqual([["roster", "902-040", "2025-01-08", "2025-01-08"]])
    expect(disclosuresOf(d165, ann.stateID)).toEqual([["roster", "902-030", "2025-01-07", "2025-01-07"]])
  })
})
