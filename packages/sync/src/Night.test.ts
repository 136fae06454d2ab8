import { describe, expect, it } from "vitest"
import { attendance, calendar, course, courseMaster, section } from "../test/records.js"
import { addHighSchoolStudent, addTechStudent, highSchoolSnapshot, LINK, makeWorld, stateIDOf, techPersonID, techSnapshot } from "../test/world.js"
import { planNight } from "./Night.js"
import type { TechSchoolSnapshot } from "./Snapshot.js"

/** A second technical school (902-040) in the same technical database, with section 110. */
const secondTech = (first: TechSchoolSnapshot): TechSchoolSnapshot => ({
  ...first,
  school: { schoolID: 3, district: "902", number: "040", name: "Second Center" },
  setup: {
    calendars: [calendar(50, 3)],
    trials: [{ trialID: 52, structureID: 51, name: "T", active: true }],
    courses: [course(55, 50, { courseMasterID: 14, number: "480101" })],
    courseMasters: [courseMaster(14, 13)],
    courseCatalogs: first.setup.courseCatalogs,
    sections: [section(110, 55, 52, { number: 1 })],
    sectionPlacements: [],
    terms: []
  },
  rosters: [],
  enrollments: [],
  alerts: [],
  holds: []
})

describe("planNight", () => {
  it("orders units: rosters high schools first, grades and attendance technical schools first, schools by number", () => {
    const world = makeWorld()
    const tech = techSnapshot(world)
    const plan = planNight({
      night: world.night,
      endYear: 2025,
      links: [LINK, { ...LINK, tech: { district: "902", school: "040" } }],
      techSchools: [secondTech(tech), tech],
      highSchools: [highSchoolSnapshot(world)],
      publish: [{ database: "d165", courseCatalogs: [], courseMasters: [] }],
      maxIds: {}
    })
    expect(plan.units.map((unit) => `${unit.stage} ${unit.database} ${unit.school?.school ?? "-"}`)).toEqual([
      "publish d165 -",
      "rosters d165 010",
      "rosters tech 030",
      "rosters tech 040",
      "grades tech 030",
      "grades tech 040",
      "grades d165 010",
      "attendance tech 030",
      "attendance tech 040",
      "attendance d165 010"
    ])
    expect(plan.units[0]!.changes.courseMaster.insert.map((row) => row.ktsTechID)).toEqual(["902-030-100", "902-040-110"])
  })

  it("a student sent to two technical schools of one database is created once; ids do not collide", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1)
    const hs = highSchoolSnapshot(world)
    // A second KTS course (26) naming the second school's section, with section 201.
    const withSecond = {
      ...hs,
      courses: [...hs.courses, course(26, 20, { courseMasterID: 24, number: "4822V" })],
      customCourses: [...hs.customCourses, { customID: 28, courseID: 26, attributeID: 26, value: "902-040-110" }],
      sections: [...hs.sections, section(201, 26, 22, { number: 1 })],
      rosters: [...hs.rosters, { rosterID: 3999, sectionID: 201, personID: 1001, startDate: null, endDate: null }]
    }
    const tech = techSnapshot(world)
    const plan = planNight({
      night: world.night,
      endYear: 2025,
      stages: ["rosters"],
      links: [LINK, { ...LINK, tech: { district: "902", school: "040" } }],
      techSchools: [tech, secondTech(tech)],
      highSchools: [withSecond],
      publish: [],
      maxIds: { tech: { person: 10, roster: 20, enrollment: 30 } }
    })
    const [, first, second] = plan.units
    expect(first!.changes.person.insert.map((row) => [row.personID, row.stateID])).toEqual([[11, stateIDOf(1)]])
    expect(second!.changes.person.insert).toEqual([])
    expect(first!.changes.roster.insert.map((row) => [row.rosterID, row.personID])).toEqual([[21, 11]])
    expect(second!.changes.roster.insert.map((row) => [row.rosterID, row.personID])).toEqual([[22, 11]])
    expect(second!.changes.enrollment.insert.map((row) => [row.enrollmentID, row.calendarID])).toEqual([[32, 50]])
    // The high school discloses to both technical schools.
    expect(plan.units[0]!.changes.disclosure.insert.map((row) => row.recipientSchool)).toEqual(["030", "040"])
  })

  it("a high school paired with two technical schools: one unit, new rows numbered in that unit", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1)
    addTechStudent(world, 1)
    world.techAttendance.push(
      attendance(50, techPersonID(1), 110, "2024-10-14", { status: "T" }),
      attendance(51, techPersonID(1), 100, "2024-10-14", { status: "A" })
    )
    const hs = highSchoolSnapshot(world)
    const withSecond = {
      ...hs,
      courses: [...hs.courses, course(26, 20, { courseMasterID: 24, number: "4822V" })],
      customCourses: [...hs.customCourses, { customID: 28, courseID: 26, attributeID: 26, value: "902-040-110" }],
      sections: [...hs.sections, section(201, 26, 22, { number: 1 })],
      rosters: [...hs.rosters, { rosterID: 3999, sectionID: 201, personID: 1001, startDate: null, endDate: null }]
    }
    const tech = techSnapshot(world)
    const plan = planNight({
      night: world.night,
      endYear: 2025,
      stages: ["attendance"],
      links: [LINK, { ...LINK, tech: { district: "902", school: "040" } }],
      techSchools: [secondTech(tech), tech],
      highSchools: [withSecond],
      publish: [],
      maxIds: { d165: { attendance: 600 }, tech: { disclosure: 5 } }
    })
    expect(plan.units.map((unit) => `${unit.database} ${unit.school?.school}`)).toEqual(["tech 030", "tech 040", "d165 010"])
    const hsUnit = plan.units[2]!
    expect(hsUnit.changes.attendance.insert.map((row) => [row.attendanceID, row.sectionID, row.status])).toEqual([
      [601, 200, "A"],
      [602, 201, "T"]
    ])
    // One disclosure row: the first technical school's unit inserts it, the second finds it.
    expect(plan.units[0]!.changes.disclosure.insert.map((row) => row.disclosureID)).toEqual([6])
    expect(plan.units[1]!.changes.disclosure.insert).toEqual([])
  })

  it("a high school linked to a held and a free technical school: not held itself, and the free one's disclosures are written", () => {
    const world = makeWorld()
    addHighSchoolStudent(world, 1)
    // Eleven students only at 902-030: all would be removed (R 11 > max(10, 1.1)).
    for (let n = 2; n <= 12; n++) addTechStudent(world, n)
    const hs = highSchoolSnapshot(world)
    const withSecond = {
      ...hs,
      courses: [...hs.courses, course(26, 20, { courseMasterID: 24, number: "4822V" })],
      customCourses: [
        { ...hs.customCourses[0]!, value: "902-030-999" },
        { customID: 28, courseID: 26, attributeID: 26, value: "902-040-110" }
      ],
      sections: [...hs.sections, section(201, 26, 22, { number: 1 })],
      rosters: [{ rosterID: 3999, sectionID: 201, personID: 1001, startDate: null, endDate: null }]
    }
    const tech = techSnapshot(world)
    const plan = planNight({
      night: world.night,
      endYear: 2025,
      stages: ["rosters"],
      links: [LINK, { ...LINK, tech: { district: "902", school: "040" } }],
      techSchools: [tech, secondTech(tech)],
      highSchools: [withSecond],
      publish: [],
      maxIds: {}
    })
    const [hsUnit, held, free] = plan.units
    expect([hsUnit!.held, held!.held, free!.held]).toEqual([false, true, false])
    // Its own finding about its link is raised beside the hold's alert.
    expect(hsUnit!.changes.processAlert.insert.map((row) => row.code).sort()).toEqual(["hold.rosterRemovals", "link.unknownTechSection"])
    expect(hsUnit!.changes.disclosure.insert.map((row) => row.recipientSchool)).toEqual(["040"])
    expect(free!.changes.roster.insert).toHaveLength(1)
  })
})
