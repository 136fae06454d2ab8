import { describe, expect, it } from "vitest"
import { highSchoolSnapshot, KTS_TECH_ID, makeWorld, techSnapshot, type World } from "../test/world.js"
import { indexTechSections, ktsCoursesOf, pairHighSchool, techSectionsOf } from "./Pairing.js"
import type { TechSchoolSnapshot } from "./Snapshot.js"

const sectionsOf = (snapshot: TechSchoolSnapshot, endYear = 2025) =>
  techSectionsOf(snapshot.database, snapshot.school, snapshot.setup, endYear).map((row) => row.ktsTechID)

describe("techSectionsOf", () => {
  const base = techSnapshot(makeWorld())
  const withSetup = (change: Partial<TechSchoolSnapshot["setup"]>): TechSchoolSnapshot => ({ ...base, setup: { ...base.setup, ...change } })
  it.each([
    { case: "a tech section", snapshot: base, endYear: 2025, expected: [KTS_TECH_ID] },
    { case: "another end year", snapshot: base, endYear: 2026, expected: [] },
    { case: "inactive course", snapshot: withSetup({ courses: base.setup.courses.map((row) => ({ ...row, active: false })) }), endYear: 2025, expected: [] },
    {
      case: "master outside the tech KTS catalog",
      snapshot: withSetup({ courseCatalogs: [{ catalogID: 13, name: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)" }] }),
      endYear: 2025,
      expected: []
    },
    {
      case: "summer school calendar",
      snapshot: withSetup({ calendars: base.setup.calendars.map((row) => ({ ...row, summerSchool: true })) }),
      endYear: 2025,
      expected: []
    },
    { case: "inactive trial", snapshot: withSetup({ trials: base.setup.trials.map((row) => ({ ...row, active: false })) }), endYear: 2025, expected: [] },
    { case: "course without a master", snapshot: withSetup({ courses: base.setup.courses.map((row) => ({ ...row, courseMasterID: null })) }), endYear: 2025, expected: [] }
  ])("$case", ({ snapshot, endYear, expected }) => {
    expect(sectionsOf(snapshot, endYear)).toEqual(expected)
  })

  it("the section's start is its starting term's start", () => {
    const [section] = techSectionsOf(base.database, base.school, base.setup, 2025)
    expect(section?.startDate).toBe("2024-08-20")
    expect(section?.startingTerm?.termID).toBe(16)
  })
})

const pair = (world: World) => {
  const tech = techSnapshot(world)
  return pairHighSchool(highSchoolSnapshot(world), 2025, indexTechSections(techSectionsOf(tech.database, tech.school, tech.setup, 2025)))
}

describe("pairHighSchool", () => {
  it("a usable KTS course pairs its one section with the tech section", () => {
    const result = pair(makeWorld())
    expect(result.alerts).toEqual([])
    expect(result.pairings.map((row) => [row.ktsCourse.course.number, row.section.sectionID, row.tech.ktsTechID])).toEqual([
      ["4821V", 200, KTS_TECH_ID]
    ])
  })

  it.each([
    { case: "unknown KTSTechID", value: "902-030-999", sections: 1, codes: ["link.unknownTechSection"], paired: 0, skipped: [] },
    { case: "no section yet", value: KTS_TECH_ID, sections: 0, codes: ["link.noSection"], paired: 0, skipped: [] },
    { case: "two sections", value: KTS_TECH_ID, sections: 2, codes: ["link.multipleSections"], paired: 0, skipped: [KTS_TECH_ID] },
    { case: "unknown and no section", value: "x", sections: 0, codes: ["link.unknownTechSection", "link.noSection"], paired: 0, skipped: [] }
  ])("$case", ({ value, sections, codes, paired, skipped }) => {
    const world = makeWorld()
    world.customValue = value
    if (sections === 0) world.hsSections = []
    if (sections === 2) world.hsSections.push({ ...world.hsSections[0]!, sectionID: 201, number: 2 })
    const result = pair(world)
    expect(result.alerts.map((row) => row.code)).toEqual(codes)
    expect(result.pairings).toHaveLength(paired)
    expect([...result.skippedTechIDs]).toEqual(skipped)
    for (const alert of result.alerts) expect(alert).toMatchObject({ schoolID: 2, courseNumber: "4821V", sectionNumber: null, ktsTechID: value })
  })

  it("the multiple-sections alert lists the section numbers", () => {
    const world = makeWorld()
    world.hsSections.push({ ...world.hsSections[0]!, sectionID: 201, number: 2 })
    expect(pair(world).alerts[0]?.message).toContain("1, 2")
  })

  it("a section in an inactive trial is not a KTS section", () => {
    const world = makeWorld()
    world.hsSections.push({ ...world.hsSections[0]!, sectionID: 201, number: 2, trialID: 99 })
    expect(pair(world).pairings).toHaveLength(1)
  })

  it.each([
    { case: "NULL KTSTechID value", change: (s: ReturnType<typeof highSchoolSnapshot>) => ({ ...s, customCourses: s.customCourses.map((row) => ({ ...row, value: null })) }) },
    { case: "attribute of another element", change: (s: ReturnType<typeof highSchoolSnapshot>) => ({ ...s, campusAttributes: [{ attributeID: 26, object: "Course", element: "Other" }] }) },
    { case: "master outside the high-school KTS catalog", change: (s: ReturnType<typeof highSchoolSnapshot>) => ({ ...s, courseCatalogs: [{ catalogID: 23, name: "Main" }] }) },
    { case: "inactive course", change: (s: ReturnType<typeof highSchoolSnapshot>) => ({ ...s, courses: s.courses.map((row) => ({ ...row, active: false })) }) },
    { case: "calendar of another end year", change: (s: ReturnType<typeof highSchoolSnapshot>) => ({ ...s, calendars: s.calendars.map((row) => ({ ...row, endYear: 2024 })) }) }
  ])("not a KTS course: $case", ({ change }) => {
    expect(ktsCoursesOf(change(highSchoolSnapshot(makeWorld())), 2025)).toEqual([])
  })
})
