import { addDays, type Roster } from "@kts/domain"
import { describe, expect, it } from "vitest"
import {
  addHighSchoolStudent,
  highSchoolSnapshot,
  LINK,
  techSnapshot,
  addTechStudent,
  hsPersonID,
  makeWorld,
  runNight,
  stateIDOf,
  TECH_CALENDAR,
  TECH_SECTION,
  TECH_STRUCTURE,
  techPersonID,
  unitOf,
  type World
} from "../test/world.js"
import { course, enrollment, roster, section } from "../test/records.js"
import { planNight } from "./Night.js"
import type { Pairing } from "./Pairing.js"
import { chooseMovedStudentSource, choosePersonSource, decideHold, enrollmentEndOf, removalOf } from "./Rosters.js"
import { chooseRosterRow, type SyncedSource } from "./Students.js"

const NIGHT = "2024-10-15"
const DAY_BEFORE = "2024-10-14"

describe("decideHold", () => {
  const settings = { rosterRemovalShare: 0.1, rosterRemovalMinimum: 10 }
  it.each([
    { case: "share rules: R at share × N", n: 200, r: 20, held: false },
    { case: "share rules: R one above", n: 200, r: 21, held: true },
    { case: "share rules: R one below", n: 200, r: 19, held: false },
    { case: "minimum rules: R at the minimum", n: 50, r: 10, held: false },
    { case: "minimum rules: R one above", n: 50, r: 11, held: true },
    { case: "share equals the minimum", n: 100, r: 10, held: false },
    { case: "share equals the minimum, R one above", n: 100, r: 11, held: true },
    { case: "no active rows", n: 0, r: 10, held: false },
    { case: "no removals", n: 0, r: 0, held: false }
  ])("$case (N $n, R $r)", ({ n, r, held }) => {
    expect(decideHold(n, r, settings).held).toBe(held)
  })

  it.each([
    { share: 0.29, n: 100, r: 29, held: false },
    { share: 0.29, n: 100, r: 30, held: true },
    { share: 0.07, n: 300, r: 21, held: false },
    { share: 0.07, n: 300, r: 22, held: true }
  ])("a share of $share over $n is exact: R $r held $held", ({ share, n, r, held }) => {
    expect(decideHold(n, r, { rosterRemovalShare: share, rosterRemovalMinimum: 0 }).held).toBe(held)
  })
})

describe("chooseRosterRow (one row per person on a high-school section)", () => {
  it.each([
    { case: "NULL endDate beats a later date", rows: [roster(1, 1, 1, { endDate: "2025-05-22" }), roster(2, 1, 1)], chosen: 2 },
    { case: "NULL endDate beats a higher rosterID", rows: [roster(1, 1, 1), roster(2, 1, 1, { endDate: "2025-05-22" })], chosen: 1 },
    { case: "latest endDate by one day", rows: [roster(5, 1, 1, { endDate: "2024-12-19" }), roster(4, 1, 1, { endDate: "2024-12-20" })], chosen: 4 },
    { case: "same endDate: highest rosterID", rows: [roster(4, 1, 1, { endDate: "2024-12-20" }), roster(5, 1, 1, { endDate: "2024-12-20" })], chosen: 5 },
    { case: "both NULL: highest rosterID", rows: [roster(9, 1, 1), roster(8, 1, 1)], chosen: 9 }
  ])("$case", ({ rows, chosen }) => {
    expect(chooseRosterRow(rows)?.rosterID).toBe(chosen)
    expect(chooseRosterRow([...rows].reverse())?.rosterID).toBe(chosen)
  })
})

const source = (
  id: number,
  district: string,
  school: string,
  startDate: string | null,
  endDate: string | null
): SyncedSource => ({
  stateID: "1",
  pairing: {
    highSchool: { schoolID: id, district, number: school, name: "" },
    section: { sectionID: id }
  } as unknown as Pairing,
  person: { personID: id } as SyncedSource["person"],
  roster: roster(id, id, id, { startDate, endDate }),
  enrollment: enrollment(id, id, 1, 1)
})

describe("chooseMovedStudentSource (the same State ID from several high-school sections)", () => {
  it.each([
    { case: "NULL endDate wins over a later endDate", a: source(1, "100", "010", null, null), b: source(2, "200", "010", null, "2025-05-22"), winner: 1 },
    { case: "latest endDate wins by one day", a: source(1, "100", "010", null, "2025-01-11"), b: source(2, "200", "010", "2024-12-01", "2025-01-10"), winner: 1 },
    { case: "same endDate: latest startDate wins by one day", a: source(1, "100", "010", "2024-09-02", null), b: source(2, "200", "010", "2024-09-01", null), winner: 1 },
    { case: "same endDate: a startDate beats a NULL startDate", a: source(1, "100", "010", "2024-08-14", null), b: source(2, "200", "010", null, null), winner: 1 },
    { case: "same dates: highest district number", a: source(1, "166", "001", null, null), b: source(2, "165", "900", null, null), winner: 1 },
    { case: "same dates and district: highest school number", a: source(1, "165", "020", null, null), b: source(2, "165", "010", null, null), winner: 1 }
  ])("$case", ({ a, b, winner }) => {
    expect(chooseMovedStudentSource([a, b])?.person.personID).toBe(winner)
    expect(chooseMovedStudentSource([b, a])?.person.personID).toBe(winner)
  })

  it("the person values come from the highest (district, school), whatever the dates", () => {
    const open = source(1, "165", "010", null, null)
    const ended = source(2, "165", "020", null, "2024-09-30")
    expect(choosePersonSource([open, ended])?.person.personID).toBe(2)
    expect(choosePersonSource([ended, open])?.person.personID).toBe(2)
  })
})

/**
 * The rosters night of `world` where the high school also has a second KTS course (26, section 201, no rows
 * but `rows`) naming tech section 101, which the world must hold.
 */
const rostersWithSecondCourse = (world: World, rows: ReadonlyArray<Roster>) => {
  const hs = highSchoolSnapshot(world)
  return planNight({
    night: NIGHT,
    endYear: 2025,
    stages: ["rosters"],
    links: [LINK],
    techSchools: [techSnapshot(world)],
    highSchools: [{
      ...hs,
      courses: [...hs.courses, course(26, 20, { courseMasterID: 24, number: "4822V" })],
      customCourses: [...hs.customCourses, { customID: 28, courseID: 26, attributeID: 26, value: "902-030-101" }],
      sections: [...hs.sections, section(201, 26, 22, { number: 1 })],
      rosters: [...hs.rosters, ...rows]
    }],
    publish: [],
    maxIds: {}
  })
}

describe("removalOf", () => {
  it.each([
    { case: "no grade and no attendance: deleted", endDate: null, recorded: false, action: { kind: "delete" } },
    { case: "no grade and no attendance, ended long ago: still deleted", endDate: "2024-09-01", recorded: false, action: { kind: "delete" } },
    { case: "recorded, NULL endDate: ended the day before", endDate: null, recorded: true, action: { kind: "end", endDate: DAY_BEFORE } },
    { case: "recorded, endDate later than the day before", endDate: NIGHT, recorded: true, action: { kind: "end", endDate: DAY_BEFORE } },
    { case: "recorded, endDate the day before: left", endDate: DAY_BEFORE, recorded: true, action: { kind: "keep" } },
    { case: "recorded, endDate earlier: left", endDate: "2024-10-13", recorded: true, action: { kind: "keep" } }
  ])("$case", ({ endDate, recorded, action }) => {
    expect(removalOf(roster(1, 1, 1, { endDate }), recorded, NIGHT)).toEqual(action)
  })
})

describe("enrollmentEndOf", () => {
  it.each([
    { case: "no rows: the day before the night", start: "2024-08-14", ends: [], expected: DAY_BEFORE },
    { case: "the latest row end", start: "2024-08-14", ends: ["2024-09-30", "2024-10-02"], expected: "2024-10-02" },
    { case: "never before the start (no rows)", start: NIGHT, ends: [], expected: NIGHT },
    { case: "never before the start (a row end)", start: "2024-10-01", ends: ["2024-09-30"], expected: "2024-10-01" },
    { case: "on the start day", start: "2024-09-30", ends: ["2024-09-30"], expected: "2024-09-30" }
  ])("$case", ({ start, ends, expected }) => {
    expect(enrollmentEndOf(enrollment(1, 1, 1, 1, { startDate: start, serviceType: "S" }), ends, NIGHT)).toBe(expected)
  })
})

const rosters = (world: World) => runNight(world, ["rosters"])

describe("rosters stage", () => {
  it("a new student: person, S enrollment from the roster start, roster row; disclosed by the high school", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1, { rosterStart: "2024-09-03" })
    const plan = rosters(world)
    const tech = unitOf(plan, "rosters", "tech")
    expect(tech.changes.person.insert).toHaveLength(1)
    const created = tech.changes.person.insert[0]!
    expect(created).toMatchObject({ personID: 9001, stateID: stateIDOf(1), lastName: "HS1" })
    expect(tech.changes.roster.insert).toEqual([
      { rosterID: 9001, sectionID: TECH_SECTION, personID: 9001, startDate: "2024-09-03", endDate: null }
    ])
    expect(tech.changes.enrollment.insert).toEqual([{
      enrollmentID: 9001,
      personID: 9001,
      calendarID: TECH_CALENDAR,
      structureID: TECH_STRUCTURE,
      grade: "11",
      serviceType: "S",
      startDate: "2024-09-03",
      endDate: null,
      startStatus: null,
      endStatus: null,
      noShow: false,
      stateExclude: false
    }])
    expect(tech.counts).toMatchObject({ inserted: 3, updated: 0, removed: 0 })
    const hs = unitOf(plan, "rosters", "d165")
    expect(hs.changes.disclosure.insert).toEqual([{
      disclosureID: 91,
      personID: hsPersonID(1),
      recipientDistrict: "902",
      recipientSchool: "030",
      kind: "roster",
      basis: "34 CFR 99.31(a)(2)",
      firstNight: NIGHT,
      lastNight: NIGHT
    }])
    expect(plan.units.map((unit) => unit.database)).toEqual(["d165", "tech"])
  })

  it.each([
    { case: "NULL roster start: the starting term's start", placements: true, termStart: "2024-08-20", expected: "2024-08-20" },
    { case: "NULL roster start, no placement: the calendar's start", placements: false, termStart: "2024-08-20", expected: "2024-08-12" },
    { case: "NULL roster start, starting term without a start: the calendar's start", placements: true, termStart: null, expected: "2024-08-12" }
  ])("enrollment start: $case", ({ placements, termStart, expected }) => {
    const world = makeWorld()
    if (!placements) world.techPlacements = []
    world.techTerms[0] = { ...world.techTerms[0]!, startDate: termStart }
    addHighSchoolStudent(world, 1)
    expect(unitOf(rosters(world), "rosters", "tech").changes.enrollment.insert[0]?.startDate).toBe(expected)
  })

  it.each([
    { case: "a NULL start counts as the section's start (earlier)", first: null, second: "2024-09-03", expected: "2024-08-20" },
    { case: "a NULL start counts as the section's start (later)", first: null, second: "2024-08-15", expected: "2024-08-15" },
    { case: "two dates: the earliest", first: "2024-09-04", second: "2024-09-03", expected: "2024-09-03" },
    { case: "an ended row does not count", first: "2024-08-21", second: "2024-08-15", secondEnd: "2024-10-01", expected: "2024-08-21" }
  ])("enrollment start over two tech sections of one calendar: $case", ({ first, second, secondEnd, expected }) => {
    const world = makeWorld()
    // Tech section 101 (same calendar and structure), named by a second KTS course (26) with section 201.
    world.techSections.push({ ...world.techSections[0]!, sectionID: 101, number: 3 })
    world.techPlacements.push({ placementID: 2, sectionID: 101, termID: 16, periodID: null })
    addHighSchoolStudent(world, 1, { rosterStart: first })
    const plan = rostersWithSecondCourse(world, [roster(3999, 201, hsPersonID(1), { startDate: second, endDate: secondEnd ?? null })])
    const tech = unitOf(plan, "rosters", "tech")
    expect(tech.changes.roster.insert).toHaveLength(2)
    expect(tech.changes.enrollment.insert.map((row) => row.startDate)).toEqual([expected])
  })

  it.each([
    { case: "an ended synced row creates no enrollment", rosterEnd: "2024-10-14", open: false, created: 0 },
    { case: "a row ending on the night is active", rosterEnd: NIGHT, open: false, created: 1 },
    { case: "an open enrollment there already: none created", rosterEnd: null, open: true, created: 0 }
  ])("$case", ({ rosterEnd, open, created }) => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1, { rosterEnd })
    addTechStudent(world, 1, { roster: false })
    if (open) world.techEnrollments.push(enrollment(88, techPersonID(1), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "P" }))
    expect(unitOf(rosters(world), "rosters", "tech").changes.enrollment.insert).toHaveLength(created)
  })

  it("an existing student: dates kept in step on the chosen row, other rows left, person values updated", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1, { rosterStart: "2024-09-03", rosterEnd: "2024-12-20" })
    addTechStudent(world, 1, { rosterStart: "2024-08-20" })
    world.techRosters.push(roster(6999, TECH_SECTION, techPersonID(1), { endDate: "2024-08-30" }))
    world.techPersons[0] = { ...world.techPersons[0]!, gender: "M" }
    world.techEnrollments.push(enrollment(88, techPersonID(1), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "S" }))
    const tech = unitOf(rosters(world), "rosters", "tech")
    expect(tech.changes.roster.update).toEqual([
      { rosterID: 7001, sectionID: TECH_SECTION, personID: techPersonID(1), startDate: "2024-09-03", endDate: "2024-12-20" }
    ])
    expect(tech.changes.person.update.map((row) => [row.personID, row.gender])).toEqual([[techPersonID(1), "F"]])
    expect(tech.changes.roster.delete).toEqual([])
  })

  it("a student already in step: nothing written, nothing disclosed", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1)
    addTechStudent(world, 1)
    world.techEnrollments.push(enrollment(88, techPersonID(1), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "S" }))
    const plan = rosters(world)
    expect(unitOf(plan, "rosters", "tech").counts).toMatchObject({ inserted: 0, updated: 0, removed: 0 })
    expect(unitOf(plan, "rosters", "d165").changes.disclosure.insert).toEqual([])
  })

  it.each([
    { case: "no grade or attendance: deleted", recorded: false, rosterEnd: null, deleted: 1, ended: null },
    { case: "recorded, open row: ended the day before", recorded: true, rosterEnd: null, deleted: 0, ended: DAY_BEFORE },
    { case: "recorded, row ending after the day before: ended the day before", recorded: true, rosterEnd: "2024-12-20", deleted: 0, ended: DAY_BEFORE },
    { case: "recorded, row ended earlier: left", recorded: true, rosterEnd: "2024-10-01", deleted: 0, ended: null }
  ])("removal of a student no longer sent: $case", ({ recorded, rosterEnd, deleted, ended }) => {
    const world = makeWorld()
    addTechStudent(world, 1, { recorded, rosterEnd })
    const tech = unitOf(rosters(world), "rosters", "tech")
    expect(tech.changes.roster.delete).toHaveLength(deleted)
    expect(tech.changes.roster.update.map((row) => row.endDate)).toEqual(ended === null ? [] : [ended])
    expect(tech.counts.removed).toBe(deleted + (ended === null ? 0 : 1))
  })

  it("a person without a State ID on a tech section is never removed", () => {
    const world = makeWorld()
    addTechStudent(world, 1)
    world.techPersons[0] = { ...world.techPersons[0]!, stateID: null }
    expect(unitOf(rosters(world), "rosters", "tech").counts.removed).toBe(0)
  })

  it.each([
    { case: "the high school's database could not be read", unreadable: true, sections: 1, enrolled: true, removed: 0 },
    { case: "the course naming the section has two sections", unreadable: false, sections: 2, enrolled: true, removed: 0 },
    { case: "the student has no enrollment at the high school (only that student is kept)", unreadable: false, sections: 1, enrolled: false, removed: 1 },
    { case: "nothing wrong: the other student is removed", unreadable: false, sections: 1, enrolled: true, removed: 1 }
  ])("removals when $case", ({ unreadable, sections, enrolled, removed }) => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1, { enrolled })
    addTechStudent(world, 1)
    addTechStudent(world, 2)
    if (sections === 2) world.hsSections.push({ ...world.hsSections[0]!, sectionID: 201, number: 2 })
    const plan = runNight(world, ["rosters"], { highSchoolReadable: !unreadable })
    const tech = unitOf(plan, "rosters", "tech")
    // Student 2 is not sent by anyone; student 1 is protected or synced.
    expect(tech.counts.removed).toBe(removed)
    expect(tech.changes.roster.delete.every((row) => row.personID === techPersonID(2))).toBe(true)
  })

  it("enrollment end: an S enrollment of a removed student ends the day before, never before its start", () => {
    const world = makeWorld()
    addTechStudent(world, 1)
    addTechStudent(world, 2)
    world.techEnrollments.push(
      enrollment(81, techPersonID(1), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "S", startDate: "2024-08-20" }),
      enrollment(82, techPersonID(2), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "S", startDate: NIGHT }),
      enrollment(83, techPersonID(2), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "P", startDate: "2024-08-20" })
    )
    const tech = unitOf(rosters(world), "rosters", "tech")
    expect(tech.changes.enrollment.update.map((row) => [row.enrollmentID, row.endDate])).toEqual([[81, DAY_BEFORE], [82, NIGHT]])
  })

  it("enrollment end: the latest end of the rows left there", () => {
    const world = makeWorld()
    addTechStudent(world, 1, { recorded: true, rosterEnd: "2024-10-01" })
    world.techEnrollments.push(enrollment(81, techPersonID(1), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "S" }))
    const tech = unitOf(rosters(world), "rosters", "tech")
    expect(tech.changes.enrollment.update.map((row) => row.endDate)).toEqual(["2024-10-01"])
  })

  it("student alerts at the high school: no State ID (one per section), no enrollment (per student)", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1, { stateID: null })
    addHighSchoolStudent(world, 2, { stateID: null })
    addHighSchoolStudent(world, 3, { enrolled: false })
    const hs = unitOf(rosters(world), "rosters", "d165")
    const alerts = hs.changes.processAlert.insert
    expect(alerts.map((row) => [row.code, row.stateID, row.courseNumber, row.sectionNumber, row.ktsTechID, row.task])).toEqual([
      ["student.noEnrollment", stateIDOf(3), "4821V", 1, null, null],
      ["student.noStateId", null, "4821V", 1, null, null]
    ])
    expect(alerts[1]!.message).toContain(`${hsPersonID(1)}, ${hsPersonID(2)}`)
    for (const alert of alerts) {
      expect(alert.message).not.toContain("HS1")
      expect(alert).toMatchObject({ schoolID: 2, stage: "rosters", severity: "error", firstSeen: NIGHT, lastSeen: NIGHT })
    }
  })

  it("two tech persons with the State ID: skipped, error at the technical school", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1)
    addTechStudent(world, 1, { roster: false })
    world.techPersons.push({ ...world.techPersons[0]!, personID: 5999 })
    const tech = unitOf(rosters(world), "rosters", "tech")
    expect(tech.changes.person.insert).toEqual([])
    expect(tech.changes.roster.insert).toEqual([])
    expect(tech.changes.processAlert.insert.map((row) => [row.code, row.stateID, row.courseNumber, row.sectionNumber])).toEqual([
      ["student.duplicateStateId", stateIDOf(1), "470101", 2]
    ])
  })

  it("two tech persons with the State ID: the student's rows on other tech sections are not removed either", () => {
    const world = makeWorld()
    // Tech section 101 (same calendar and structure) is named by a second KTS course (26, section 201) that
    // neither student is on any more: student 1 (two tech persons) keeps both persons' rows, student 2 loses it.
    world.techSections.push({ ...world.techSections[0]!, sectionID: 101, number: 3 })
    world.techPlacements.push({ placementID: 2, sectionID: 101, termID: 16, periodID: null })
    addHighSchoolStudent(world, 1)
    addHighSchoolStudent(world, 2)
    addTechStudent(world, 1)
    addTechStudent(world, 2)
    world.techPersons.push({ ...world.techPersons[0]!, personID: 5999 })
    world.techRosters.push(
      roster(7101, 101, techPersonID(1), { startDate: "2024-09-03" }),
      roster(7102, 101, techPersonID(2), { startDate: "2024-09-03" }),
      roster(7199, 101, 5999, { startDate: "2024-09-10" })
    )
    const tech = unitOf(rostersWithSecondCourse(world, []), "rosters", "tech")
    expect(tech.changes.processAlert.insert.map((row) => [row.code, row.stateID, row.sectionNumber])).toEqual([
      ["student.duplicateStateId", stateIDOf(1), 2]
    ])
    expect(tech.changes.roster.delete.map((row) => row.rosterID)).toEqual([7102])
    expect(tech.changes.roster.update).toEqual([])
  })
})

describe("rosters hold", () => {
  /** N active tech rows of students 1..n; the high school still sends the first n − r. */
  const world = (n: number, r: number): World => {
    const result = makeWorld()
    for (let index = 1; index <= n; index++) {
      addTechStudent(result, index)
      result.techEnrollments.push(enrollment(10_000 + index, techPersonID(index), TECH_CALENDAR, TECH_STRUCTURE, { serviceType: "S" }))
      if (index <= n - r) addHighSchoolStudent(result, index)
    }
    return result
  }

  it.each([
    { n: 150, r: 15, held: false },
    { n: 150, r: 16, held: true },
    { n: 60, r: 10, held: false },
    { n: 60, r: 11, held: true }
  ])("N $n, R $r: held $held", ({ n, r, held }) => {
    const plan = rosters(world(n, r))
    const tech = unitOf(plan, "rosters", "tech")
    const hs = unitOf(plan, "rosters", "d165")
    expect(tech.held).toBe(held)
    // The hold stops the technical school's writes; the high school's own unit is not held.
    expect(hs.held).toBe(false)
    if (held) {
      expect(tech.hold).toEqual({ holdID: 4, tech: { district: "902", school: "030" }, activeRows: n, removals: r })
      expect(tech.changes.exchangeHold.insert).toEqual([
        { holdID: 4, night: NIGHT, schoolID: 1, activeRows: n, removals: r, approvedOn: null, usedOn: null }
      ])
      expect(tech.changes.roster.delete).toEqual([])
      expect(tech.changes.enrollment.update).toEqual([])
      expect(tech.changes.processAlert.insert.map((row) => row.code)).toEqual(["hold.rosterRemovals"])
      expect(hs.changes.processAlert.insert.map((row) => [row.code, row.schoolID])).toEqual([["hold.rosterRemovals", 2]])
      expect(hs.changes.disclosure.insert).toEqual([])
      expect(plan.holds).toHaveLength(1)
    } else {
      expect(tech.changes.roster.delete).toHaveLength(r)
      expect(tech.changes.enrollment.update).toHaveLength(r)
      expect(plan.holds).toEqual([])
    }
  })

  it("an approved hold lets the stage through once and is marked used", () => {
    const held = world(150, 16)
    held.techHolds.push({ holdID: 3, night: "2024-10-14", schoolID: 1, activeRows: 150, removals: 16, approvedOn: "2024-10-14", usedOn: null })
    const tech = unitOf(rosters(held), "rosters", "tech")
    expect(tech.held).toBe(false)
    expect(tech.changes.roster.delete).toHaveLength(16)
    expect(tech.changes.exchangeHold.update).toEqual([{ ...held.techHolds[0]!, usedOn: NIGHT }])
  })

  it("an unapproved hold of an earlier night does not let it through: a new hold", () => {
    const held = world(150, 16)
    held.techHolds.push({ holdID: 3, night: "2024-10-14", schoolID: 1, activeRows: 150, removals: 16, approvedOn: null, usedOn: null })
    const tech = unitOf(rosters(held), "rosters", "tech")
    expect(tech.held).toBe(true)
    expect(tech.changes.exchangeHold.insert.map((row) => row.holdID)).toEqual([4])
  })

  it("a held unit resolves nothing; its high schools' units resolve their own alerts as usual", () => {
    const held = world(150, 16)
    held.hsAlerts.push({
      alertID: 5, schoolID: 2, stage: "rosters", severity: "error", code: "student.noEnrollment", courseNumber: "4821V",
      sectionNumber: 1, ktsTechID: "902-030-100", stateID: "x", task: null, message: "m", firstSeen: "2024-10-01",
      lastSeen: "2024-10-14", resolvedOn: null
    })
    const plan = rosters(held)
    expect(unitOf(plan, "rosters", "tech").changes.processAlert.update).toEqual([])
    expect(unitOf(plan, "rosters", "d165").changes.processAlert.update.map((row) => row.resolvedOn)).toEqual([NIGHT])
  })

  it("ending days are counted from the night", () => {
    expect(addDays(NIGHT, -1)).toBe(DAY_BEFORE)
  })
})

describe("a student sent by two high schools (moved)", () => {
  it("dates from the open row, person values and grade from the highest (district, school)", () => {
    const world = makeWorld()
    // At 165-010 the row is open; at 166-005 (a higher district) it ended, and the person there has other values.
    addHighSchoolStudent(world, 1, { rosterStart: "2024-08-20" })
    world.hsEnrollments[0] = { ...world.hsEnrollments[0]!, grade: "10" }
    const first = highSchoolSnapshot(world)
    const second = {
      ...first,
      database: "d166",
      school: { schoolID: 2, district: "166", number: "005", name: "East High" },
      persons: first.persons.map((row) => ({ ...row, lastName: "Moved", gender: "M" })),
      enrollments: first.enrollments.map((row) => ({ ...row, grade: "11" })),
      rosters: first.rosters.map((row) => ({ ...row, startDate: "2024-08-14", endDate: "2024-09-30" }))
    }
    const plan = planNight({
      night: NIGHT,
      endYear: 2025,
      stages: ["rosters"],
      links: [LINK, { ...LINK, highSchool: { district: "166", school: "005" } }],
      techSchools: [techSnapshot(world)],
      highSchools: [first, second],
      publish: [],
      maxIds: {}
    })
    expect(plan.units.map((unit) => `${unit.database} ${unit.school?.district}-${unit.school?.school}`)).toEqual([
      "d165 165-010",
      "d166 166-005",
      "tech 902-030"
    ])
    const tech = unitOf(plan, "rosters", "tech")
    expect(tech.changes.person.insert.map((row) => [row.lastName, row.gender])).toEqual([["Moved", "M"]])
    expect(tech.changes.roster.insert.map((row) => [row.startDate, row.endDate])).toEqual([["2024-08-20", null]])
    expect(tech.changes.enrollment.insert.map((row) => row.grade)).toEqual(["11"])
    // Each high school records what it sent: 165-010 the roster dates, 166-005 the person and the enrollment.
    expect(plan.units[0]!.changes.disclosure.insert.map((row) => row.personID)).toEqual([hsPersonID(1)])
    expect(plan.units[1]!.changes.disclosure.insert.map((row) => row.personID)).toEqual([hsPersonID(1)])
  })
})
