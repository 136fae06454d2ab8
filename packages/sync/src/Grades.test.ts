import { describe, expect, it } from "vitest"
import { courseGradingTask, gradingScore, scoreGroupItem, taskTerm } from "../test/records.js"
import {
  addHighSchoolStudent,
  addTechStudent,
  HS_COURSE,
  HS_SECTION,
  hsPersonID,
  makeWorld,
  runNight,
  TECH_COURSE,
  TECH_SECTION,
  techPersonID,
  unitOf,
  type World
} from "../test/world.js"

const NIGHT = "2024-10-15"

/** One student, tech task row 40 active on term 16, high-school task row 60 active on term 36 with score group 70 (A, B). */
const gradesWorld = (): World => {
  const world = makeWorld()
  addHighSchoolStudent(world, 1)
  addTechStudent(world, 1)
  world.techCourseTasks.push(courseGradingTask(40, TECH_COURSE, 1))
  world.techTaskTerms.push(taskTerm(40, 16, { activeMask: true }))
  world.hsCourseTasks.push(courseGradingTask(60, HS_COURSE, 5, 70))
  world.hsTaskTerms.push(taskTerm(60, 36, { activeMask: true }))
  world.hsItems.push(scoreGroupItem(1, 70, "A"), scoreGroupItem(2, 70, "B"))
  world.techScores.push(gradingScore(300, techPersonID(1), TECH_SECTION, 1, 16, { score: "A", percent: 95 }))
  return world
}

const grades = (world: World) => runNight(world, ["grades"])

describe("grades stage", () => {
  it("a posted grade is copied to the high school's section, task and active term; disclosed by the technical school", () => {
    const plan = grades(gradesWorld())
    expect(plan.units.map((unit) => unit.database)).toEqual(["tech", "d165"])
    const hs = unitOf(plan, "grades", "d165")
    expect(hs.changes.gradingScore.insert).toEqual([{
      scoreID: 401,
      personID: hsPersonID(1),
      sectionID: HS_SECTION,
      taskID: 5,
      termID: 36,
      score: "A",
      percent: 95,
      posted: true,
      modifiedDate: "2024-12-18T10:00"
    }])
    expect(hs.changes.processAlert.insert).toEqual([])
    const tech = unitOf(plan, "grades", "tech")
    expect(tech.changes.disclosure.insert.map((row) => [row.personID, row.recipientDistrict, row.recipientSchool, row.kind]))
      .toEqual([[techPersonID(1), "165", "010", "grades"]])
  })

  it.each([
    { case: "the same values: untouched", copy: { score: "A", percent: 95 }, updated: false },
    { case: "a high-school edit of the score: overwritten", copy: { score: "B", percent: 95 }, updated: true },
    { case: "a different percent: overwritten", copy: { score: "A", percent: 94.5 }, updated: true },
    { case: "not posted at the high school: overwritten", copy: { score: "A", percent: 95, posted: false }, updated: true },
    { case: "another modifiedDate: overwritten", copy: { score: "A", percent: 95, modifiedDate: "2024-12-19T08:00" }, updated: true }
  ])("an existing copy, $case", ({ copy, updated }) => {
    const world = gradesWorld()
    world.hsScores.push(gradingScore(399, hsPersonID(1), HS_SECTION, 5, 36, copy))
    const hs = unitOf(grades(world), "grades", "d165")
    expect(hs.changes.gradingScore.insert).toEqual([])
    expect(hs.changes.gradingScore.update).toEqual(updated
      ? [{ scoreID: 399, personID: hsPersonID(1), sectionID: HS_SECTION, taskID: 5, termID: 36, score: "A", percent: 95, posted: true, modifiedDate: "2024-12-18T10:00" }]
      : [])
    expect(unitOf(grades(world), "grades", "tech").changes.disclosure.insert).toHaveLength(updated ? 1 : 0)
  })

  it.each([
    { case: "unposted at the tech", tech: { posted: false } },
    { case: "deleted at the tech", tech: null }
  ])("a grade later $case leaves the high school's copy", ({ tech }) => {
    const world = gradesWorld()
    world.techScores = tech === null ? [] : [{ ...world.techScores[0]!, ...tech, score: "C" }]
    world.hsScores.push(gradingScore(399, hsPersonID(1), HS_SECTION, 5, 36))
    const hs = unitOf(grades(world), "grades", "d165")
    expect(hs.changes.gradingScore).toEqual({ insert: [], update: [], delete: [] })
  })

  it("a grade of another term, or of a student not sent by this section, does not sync", () => {
    const world = gradesWorld()
    world.techScores = [
      gradingScore(300, techPersonID(1), TECH_SECTION, 1, 17),
      gradingScore(301, techPersonID(2), TECH_SECTION, 1, 16)
    ]
    addTechStudent(world, 2)
    expect(unitOf(grades(world), "grades", "d165").changes.gradingScore.insert).toEqual([])
  })

  it.each([
    { case: "no tech task row: nothing, no alert", setup: (w: World) => { w.techCourseTasks = [] }, tech: [], hs: [], writes: false },
    {
      case: "two tech task rows",
      setup: (w: World) => { w.techCourseTasks.push(courseGradingTask(41, TECH_COURSE, 1)) },
      tech: ["grades.tech.duplicateTask"],
      hs: []
    },
    {
      case: "no tech active mask, posted grades exist",
      setup: (w: World) => { w.techTaskTerms = [taskTerm(40, 16)] },
      tech: ["grades.tech.noActiveMask"],
      hs: []
    },
    {
      case: "no tech active mask, a posted grade in another term counts",
      setup: (w: World) => { w.techTaskTerms = [taskTerm(40, 16)]; w.techScores = [gradingScore(300, 1, TECH_SECTION, 1, 17)] },
      tech: ["grades.tech.noActiveMask"],
      hs: []
    },
    {
      case: "no tech active mask, no posted grade: no alert",
      setup: (w: World) => { w.techTaskTerms = [taskTerm(40, 16)]; w.techScores = [gradingScore(300, 1, TECH_SECTION, 1, 16, { posted: false })] },
      tech: [],
      hs: [],
      writes: false
    },
    {
      case: "two tech active masks",
      setup: (w: World) => { w.techTaskTerms.push(taskTerm(40, 17, { activeMask: true })) },
      tech: ["grades.tech.activeMasks"],
      hs: []
    },
    {
      case: "tech active term not graded",
      setup: (w: World) => { w.techTaskTerms = [taskTerm(40, 16, { activeMask: true, termMask: false })] },
      tech: ["grades.tech.activeTermNotGraded"],
      hs: []
    },
    { case: "no high-school task row", setup: (w: World) => { w.hsCourseTasks = [] }, tech: [], hs: ["grades.hs.missingTask"] },
    {
      case: "no task of the name in the high school's database",
      setup: (w: World) => { w.hsTasks = [] },
      tech: [],
      hs: ["grades.hs.missingTask"]
    },
    {
      case: "two high-school task rows",
      setup: (w: World) => { w.hsCourseTasks.push(courseGradingTask(61, HS_COURSE, 5)) },
      tech: [],
      hs: ["grades.hs.duplicateTask"]
    },
    { case: "no high-school active mask", setup: (w: World) => { w.hsTaskTerms = [taskTerm(60, 36)] }, tech: [], hs: ["grades.hs.noActiveMask"] },
    {
      case: "two high-school active masks",
      setup: (w: World) => { w.hsTaskTerms.push(taskTerm(60, 37, { activeMask: true })) },
      tech: [],
      hs: ["grades.hs.activeMasks"]
    },
    {
      case: "high-school active term not graded and on the wrong dates: both",
      setup: (w: World) => { w.hsTaskTerms = [taskTerm(60, 37, { activeMask: true, termMask: false })] },
      tech: [],
      hs: ["grades.hs.activeTermNotGraded", "grades.hs.termMismatch"]
    },
    {
      case: "tech term ends the day after the high-school term",
      setup: (w: World) => { w.techTerms[0] = { ...w.techTerms[0]!, endDate: "2024-12-21" } },
      tech: [],
      hs: ["grades.hs.termMismatch"]
    },
    {
      case: "tech term ends on the high-school term's first day",
      setup: (w: World) => { w.techTerms[0] = { ...w.techTerms[0]!, endDate: "2024-08-14" } },
      tech: [],
      hs: []
    },
    {
      case: "tech term without an end date",
      setup: (w: World) => { w.techTerms[0] = { ...w.techTerms[0]!, endDate: null } },
      tech: [],
      hs: ["grades.hs.termMismatch"]
    },
    {
      case: "high-school term without a start date",
      setup: (w: World) => { w.hsTerms[0] = { ...w.hsTerms[0]!, startDate: null } },
      tech: [],
      hs: ["grades.hs.termMismatch"]
    },
    {
      case: "a score outside the score group: written, with a warning",
      setup: (w: World) => { w.techScores[0] = { ...w.techScores[0]!, score: "P" } },
      tech: [],
      hs: ["grades.hs.scoreNotInGroup"]
    },
    {
      case: "a posted grade without a score: written, with the score-group warning",
      setup: (w: World) => { w.techScores[0] = { ...w.techScores[0]!, score: null } },
      tech: [],
      hs: ["grades.hs.scoreNotInGroup"]
    },
    {
      case: "no score group: written, with a warning",
      setup: (w: World) => { w.hsCourseTasks = [courseGradingTask(60, HS_COURSE, 5, null)] },
      tech: [],
      hs: ["grades.hs.noScoreGroup"]
    }
  ] as Array<{ case: string; setup: (w: World) => void; tech: Array<string>; hs: Array<string>; writes?: boolean }>)("setup: $case", ({ setup, tech, hs, writes }) => {
    const world = gradesWorld()
    setup(world)
    const plan = grades(world)
    const techUnit = unitOf(plan, "grades", "tech")
    const hsUnit = unitOf(plan, "grades", "d165")
    expect(techUnit.changes.processAlert.insert.map((row) => row.code)).toEqual(tech)
    expect(hsUnit.changes.processAlert.insert.map((row) => row.code)).toEqual(hs)
    for (const alert of techUnit.changes.processAlert.insert) {
      expect(alert).toMatchObject({ schoolID: 1, courseNumber: "470101", sectionNumber: 2, task: "CTE Term Grade", stage: "grades", ktsTechID: null, stateID: null })
      expect(alert.message).toContain("470101")
    }
    for (const alert of hsUnit.changes.processAlert.insert) {
      expect(alert).toMatchObject({ schoolID: 2, courseNumber: "4821V", sectionNumber: 1, task: "CTE Term Grade", stage: "grades", ktsTechID: null, stateID: null })
      expect(alert.message).toContain("4821V")
    }
    const warningsOnly = hs.every((code) => code === "grades.hs.scoreNotInGroup" || code === "grades.hs.noScoreGroup")
    const written = writes ?? (tech.length === 0 && warningsOnly)
    expect(hsUnit.changes.gradingScore.insert).toHaveLength(written ? 1 : 0)
  })

  it.each([
    { case: "with a score group", group: 70 as number | null, code: "grades.hs.scoreNotInGroup" },
    { case: "without a score group", group: null, code: "grades.hs.noScoreGroup" }
  ])("a posted grade without a score is listed as (no score) in the warning, $case", ({ group, code }) => {
    const world = gradesWorld()
    world.techScores[0] = { ...world.techScores[0]!, score: null }
    world.hsCourseTasks = [courseGradingTask(60, HS_COURSE, 5, group)]
    const [alert, ...others] = unitOf(grades(world), "grades", "d165").changes.processAlert.insert
    expect(others).toEqual([])
    expect(alert).toMatchObject({ code })
    expect(alert!.message).toContain("(no score)")
  })

  it("a term mismatch names the high-school term that holds the tech end date", () => {
    const world = gradesWorld()
    world.hsTaskTerms = [taskTerm(60, 37, { activeMask: true })]
    const alert = unitOf(grades(world), "grades", "d165").changes.processAlert.insert[0]!
    expect(alert.message).toContain("T36")
  })
})
