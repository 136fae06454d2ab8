import { describe, expect, it } from "vitest"
import type { CheckId, CheckResult, CheckStatus, FixOwner } from "./CheckResult.js"
import { runChecks, schoolWithoutCourses, studentWithoutPairing, syncVerdict } from "./GradeCheck.js"
import { alert, baseline, changeHighSchool, changeTech, setMasks, STATE_ID } from "./internal/Baseline.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"

const TERM = "CTE Term Grade"
const FINAL = "CTE Final Grade"

describe("runChecks on the correct baseline", () => {
  it("passes every check, once per pairing, task and student where it applies", () => {
    const results = runChecks(baseline())
    expect(results.filter((result) => result.status !== "pass")).toEqual([])
    const count = (check: CheckId) => results.filter((result) => result.check === check).length
    expect([
      count("alerts"),
      count("postedAtTech"),
      count("techMasks"),
      count("arrivedAtHighSchool"),
      count("highSchoolMasks"),
      count("cteTasksOnly"),
      count("gradeCalcOptions"),
      count("scoreGroup"),
      count("reportCards"),
      count("pairing")
    ]).toEqual([1, 2, 2, 2, 2, 1, 1, 2, 1, 2])
  })

  it("orders results by task (none, Term, Final) then check", () => {
    const order = runChecks(baseline()).map((result) => `${result.task ?? "-"}:${result.check}:${result.stateID ?? "-"}`)
    expect(order).toEqual([
      "-:alerts:-",
      "-:cteTasksOnly:-",
      "-:gradeCalcOptions:-",
      "-:reportCards:-",
      "-:pairing:-",
      `-:pairing:${STATE_ID}`,
      `${TERM}:postedAtTech:${STATE_ID}`,
      `${TERM}:techMasks:-`,
      `${TERM}:arrivedAtHighSchool:${STATE_ID}`,
      `${TERM}:highSchoolMasks:-`,
      `${TERM}:scoreGroup:-`,
      `${FINAL}:postedAtTech:${STATE_ID}`,
      `${FINAL}:techMasks:-`,
      `${FINAL}:arrivedAtHighSchool:${STATE_ID}`,
      `${FINAL}:highSchoolMasks:-`,
      `${FINAL}:scoreGroup:-`
    ])
  })

  it("names both sides on every result, the JSON shape of the spec", () => {
    const result = runChecks(baseline())[0]!
    expect(result.highSchool).toEqual({ district: "165", school: "010", courseNumber: "4821V", sectionNumber: 1 })
    expect(result.tech).toEqual({ district: "902", school: "030", courseNumber: "470101", sectionNumber: 2, ktsTechID: "902-030-48213" })
  })

  it("keeps only the asked task's task results with --task", () => {
    const results = runChecks(baseline(), { task: FINAL })
    expect(results.some((result) => result.task === TERM)).toBe(false)
    expect(results.filter((result) => result.task === FINAL)).toHaveLength(5)
  })
})

interface Broken {
  readonly case: string
  readonly snapshot: GradeCheckSnapshot
  readonly check: CheckId
  readonly status: CheckStatus
  readonly who: FixOwner | null
  readonly task?: string | null
  readonly term?: string | null
  readonly stateID?: string | null
  /** Other results that may leave `pass` (n/a or a failure of the same cause). */
  readonly alsoAffected?: ReadonlyArray<CheckId>
  readonly fixMentions?: ReadonlyArray<string>
}

const tech = (change: Parameters<typeof changeTech>[0]) => changeTech(change)
const hs = (change: Parameters<typeof changeHighSchool>[0]) => changeHighSchool(change)

const broken: ReadonlyArray<Broken> = [
  { case: "high school not linked", snapshot: { ...baseline(), highSchoolLinked: false }, check: "alerts", status: "fail", who: "district Campus administrator" },
  {
    case: "open error alert at the high school",
    snapshot: hs(() => ({ alerts: [alert({ schoolID: 1, code: "grades.hs.termMismatch", severity: "error", courseNumber: "4821V", sectionNumber: 1, task: TERM })] })),
    check: "alerts",
    status: "fail",
    who: "high school",
    fixMentions: ["grades.hs.termMismatch", "4821V"]
  },
  {
    case: "open error alert at the technical school",
    snapshot: tech(() => ({ alerts: [alert({ schoolID: 5, code: "grades.tech.activeMasks", severity: "error", courseNumber: "470101", sectionNumber: 2 })] })),
    check: "alerts",
    status: "fail",
    who: "technical school",
    fixMentions: ["470101"]
  },
  {
    case: "open warning only",
    snapshot: hs(() => ({ alerts: [alert({ schoolID: 1, code: "grades.hs.scoreNotInGroup", severity: "warning", courseNumber: "4821V", sectionNumber: 1 })] })),
    check: "alerts",
    status: "warning",
    who: "high school"
  },
  {
    case: "tech grade not posted",
    snapshot: tech((side) => ({ scores: side.scores.map((score) => (score.taskID === 11 ? { ...score, posted: false } : score)) })),
    check: "postedAtTech",
    status: "fail",
    who: "technical school",
    task: TERM,
    term: "T1",
    stateID: STATE_ID,
    alsoAffected: ["arrivedAtHighSchool"],
    fixMentions: ["470101", "section 2", TERM, "T1", STATE_ID]
  },
  {
    case: "tech active mask cleared",
    snapshot: tech(setMasks(50, 61, { activeMask: false })),
    check: "techMasks",
    status: "fail",
    who: "technical school",
    task: TERM,
    term: "T2",
    alsoAffected: ["postedAtTech", "arrivedAtHighSchool", "highSchoolMasks"],
    fixMentions: ["470101", "section 2", "Active Mask", "T2"]
  },
  {
    case: "tech active mask on two terms",
    snapshot: tech(setMasks(50, 62, { activeMask: true })),
    check: "techMasks",
    status: "fail",
    who: "technical school",
    task: TERM,
    term: "T1, T2",
    alsoAffected: ["postedAtTech", "arrivedAtHighSchool", "highSchoolMasks"]
  },
  {
    case: "tech active term outside the term mask",
    snapshot: tech(setMasks(51, 61, { termMask: false })),
    check: "techMasks",
    status: "fail",
    who: "technical school",
    task: FINAL,
    term: "T1",
    fixMentions: ["Term Mask", "T1", "470101"]
  },
  {
    case: "tech course with CTE Term Grade twice",
    snapshot: tech((side) => ({ courseGradingTasks: [...side.courseGradingTasks, { courseGradingTaskID: 52, courseID: 40, taskID: 11, scoreGroupID: 77 }] })),
    check: "techMasks",
    status: "fail",
    who: "KTS support",
    task: TERM,
    alsoAffected: ["postedAtTech", "arrivedAtHighSchool", "highSchoolMasks", "cteTasksOnly"]
  },
  {
    case: "high-school active mask on the wrong quarter",
    snapshot: hs((side) => setMasks(20, 33, { activeMask: true })({ ...side, ...setMasks(20, 32, { activeMask: false })(side) })),
    check: "highSchoolMasks",
    status: "fail",
    who: "high school",
    task: TERM,
    term: "Q2",
    alsoAffected: ["arrivedAtHighSchool"],
    fixMentions: ["4821V", "section 1", "from term Q3 to term Q2"]
  },
  {
    case: "high-school active term outside the term mask",
    snapshot: hs(setMasks(21, 32, { termMask: false })),
    check: "highSchoolMasks",
    status: "fail",
    who: "high school",
    task: FINAL,
    term: "Q2",
    fixMentions: ["Term Mask of term Q2"]
  },
  {
    case: "high school without an active mask",
    snapshot: hs(setMasks(20, 32, { activeMask: false })),
    check: "highSchoolMasks",
    status: "fail",
    who: "high school",
    task: TERM,
    term: "Q2",
    alsoAffected: ["arrivedAtHighSchool"]
  },
  {
    case: "high-school course missing CTE Final Grade",
    snapshot: hs((side) => ({ courseGradingTasks: side.courseGradingTasks.filter((row) => row.taskID !== 2) })),
    check: "highSchoolMasks",
    status: "fail",
    who: "high school",
    task: FINAL,
    alsoAffected: ["arrivedAtHighSchool", "scoreGroup"]
  },
  {
    case: "high-school course with CTE Final Grade twice",
    snapshot: hs((side) => ({ courseGradingTasks: [...side.courseGradingTasks, { courseGradingTaskID: 22, courseID: 10, taskID: 2, scoreGroupID: 7 }] })),
    check: "highSchoolMasks",
    status: "fail",
    who: "KTS support",
    task: FINAL,
    alsoAffected: ["arrivedAtHighSchool", "scoreGroup", "cteTasksOnly"]
  },
  {
    case: "high-school course using a non-CTE task",
    snapshot: hs((side) => ({ courseGradingTasks: [...side.courseGradingTasks, { courseGradingTaskID: 23, courseID: 10, taskID: 4, scoreGroupID: null }] })),
    check: "cteTasksOnly",
    status: "fail",
    who: "high school",
    task: "Semester Grade",
    fixMentions: ["4821V", "Semester Grade"]
  },
  {
    case: "tech course using a non-CTE task",
    snapshot: tech((side) => ({
      gradingTasks: [...side.gradingTasks, { taskID: 14, name: "Quarter Grade" }],
      courseGradingTasks: [...side.courseGradingTasks, { courseGradingTaskID: 53, courseID: 40, taskID: 14, scoreGroupID: null }]
    })),
    check: "cteTasksOnly",
    status: "fail",
    who: "technical school",
    task: "Quarter Grade",
    fixMentions: ["470101", "Quarter Grade"]
  },
  {
    case: "high-school course with calc options",
    snapshot: hs(() => ({ gradeCalcOptions: [{ optionID: 3, courseID: 10, taskID: 2, componentTaskID: 1, weight: 1 }] })),
    check: "gradeCalcOptions",
    status: "fail",
    who: "high school",
    fixMentions: ["4821V"]
  },
  {
    case: "tech course without calc options for CTE Final Grade",
    snapshot: tech(() => ({ gradeCalcOptions: [] })),
    check: "gradeCalcOptions",
    status: "warning",
    who: "technical school",
    fixMentions: ["470101", FINAL]
  },
  {
    case: "high-school score group with another Minimum %",
    snapshot: hs((side) => ({ scoreGroupItems: side.scoreGroupItems.map((item) => (item.score === "D" ? { ...item, minPercent: 65 } : item)) })),
    check: "scoreGroup",
    status: "fail",
    who: "high school",
    task: TERM
  },
  {
    case: "high-school score item without a GPA value",
    snapshot: hs((side) => ({ scoreGroupItems: side.scoreGroupItems.map((item) => (item.score === "F" ? { ...item, gpaValue: null } : item)) })),
    check: "scoreGroup",
    status: "fail",
    who: "high school",
    task: TERM,
    fixMentions: ["GPA"]
  },
  {
    case: "no report card template with CTE Final Grade",
    snapshot: hs((side) => ({ reportCardTemplateTasks: side.reportCardTemplateTasks.filter((row) => row.taskID !== 2) })),
    check: "reportCards",
    status: "fail",
    who: "district Campus administrator",
    fixMentions: [FINAL]
  },
  {
    case: "high-school grade edited",
    snapshot: hs((side) => ({ scores: side.scores.map((score) => (score.taskID === 1 ? { ...score, score: "B", percent: 85 } : score)) })),
    check: "arrivedAtHighSchool",
    status: "fail",
    who: "KTS support",
    task: TERM,
    term: "Q2",
    stateID: STATE_ID
  },
  {
    case: "a newer high-school row differs (the row with the highest scoreID stands, as in the night)",
    snapshot: hs((side) => ({
      scores: [...side.scores, ...side.scores.filter((score) => score.taskID === 1).map((score) => ({ ...score, scoreID: score.scoreID + 1000, score: "B", percent: 85 }))]
    })),
    check: "arrivedAtHighSchool",
    status: "fail",
    who: "KTS support",
    task: TERM,
    term: "Q2",
    stateID: STATE_ID
  },
  {
    case: "a newer posted tech row differs from the high-school copy (the night sends the newer)",
    snapshot: tech((side) => ({
      scores: [...side.scores, ...side.scores.filter((score) => score.taskID === 11).map((score) => ({ ...score, scoreID: score.scoreID + 1000, score: "B", percent: 85 }))]
    })),
    check: "arrivedAtHighSchool",
    status: "fail",
    who: "KTS support",
    task: TERM,
    term: "Q2",
    stateID: STATE_ID
  },
  {
    case: "high-school grade missing",
    snapshot: hs((side) => ({ scores: side.scores.filter((score) => score.taskID !== 2) })),
    check: "arrivedAtHighSchool",
    status: "fail",
    who: "KTS support",
    task: FINAL,
    stateID: STATE_ID
  },
  {
    case: "tech course outside the tech KTS catalog",
    snapshot: { ...baseline(), techSection: { ...baseline().techSection, status: "notInTechCatalog" } },
    check: "pairing",
    status: "fail",
    who: "technical school",
    alsoAffected: ["arrivedAtHighSchool"]
  },
  {
    case: "KTSTechID naming no section",
    snapshot: { ...baseline(), tech: null, cteNumericScoreGroup: null, techSection: { ...baseline().techSection, status: "noSuchSection" } },
    check: "pairing",
    status: "fail",
    who: "high school",
    alsoAffected: ["postedAtTech", "techMasks", "arrivedAtHighSchool", "highSchoolMasks", "scoreGroup", "gradeCalcOptions"]
  },
  {
    case: "high-school course with two sections",
    snapshot: hs((side) => ({ sections: [...side.sections, { ...side.sections[0]!, sectionID: 101, number: 2 }] })),
    check: "pairing",
    status: "fail",
    who: "high school",
    alsoAffected: ["arrivedAtHighSchool"]
  },
  {
    case: "student not on the tech roster",
    snapshot: tech(() => ({ roster: [] })),
    check: "pairing",
    status: "fail",
    who: "high school",
    stateID: STATE_ID
  }
]

describe("runChecks, one setting broken at a time", () => {
  it.each(broken)("$case: $check is $status, fixed by $who", (row) => {
    const results = runChecks(row.snapshot)
    const hit = results.filter((result) => result.check === row.check && result.status === row.status)
    expect(hit.length).toBeGreaterThan(0)
    const first = hit.find((result) => row.task === undefined || result.task === row.task)!
    expect(first).toBeDefined()
    expect(first.fix?.who ?? null).toBe(row.who)
    if (row.term !== undefined) expect(first.term).toBe(row.term)
    if (row.stateID !== undefined) expect(first.stateID).toBe(row.stateID)
    for (const text of row.fixMentions ?? []) expect(`${first.finding} ${first.fix?.what}`).toContain(text)
    const others = results.filter((result: CheckResult) =>
      result.status !== "pass" && result.check !== row.check && !(row.alsoAffected ?? []).includes(result.check)
    )
    expect(others.map((result) => `${result.check}:${result.status}:${result.finding}`)).toEqual([])
  })
})

describe("n/a propagation", () => {
  it.each([
    { case: "tech active mask cleared", snapshot: tech(setMasks(50, 61, { activeMask: false })), na: ["postedAtTech", "arrivedAtHighSchool", "highSchoolMasks"] },
    {
      case: "nothing posted",
      snapshot: tech((side) => ({ scores: side.scores.filter((score) => score.taskID !== 11) })),
      na: ["arrivedAtHighSchool"]
    },
    { case: "high school without an active mask", snapshot: hs(setMasks(20, 32, { activeMask: false })), na: ["arrivedAtHighSchool"] }
  ])("$case: $na are n/a for CTE Term Grade, without a fix", ({ snapshot, na }) => {
    const results = runChecks(snapshot).filter((result) => result.task === TERM && na.includes(result.check))
    expect(results.map((result) => result.check).sort()).toEqual([...na].sort())
    for (const result of results) {
      expect(result.status).toBe("n/a")
      expect(result.fix).toBeNull()
      expect(result.finding).not.toBe("")
    }
  })

  it("still compares the grade when the high-school term is single but outside the term mask", () => {
    const results = runChecks(hs(setMasks(20, 32, { termMask: false })))
    expect(results.find((result) => result.check === "arrivedAtHighSchool" && result.task === TERM)?.status).toBe("pass")
  })
})

describe("runs without a pairing", () => {
  it("a student on no KTS course is one pairing failure for the high school", () => {
    const result = studentWithoutPairing(STATE_ID, 2025)
    expect(result).toMatchObject({ check: "pairing", status: "fail", stateID: STATE_ID, highSchool: null, tech: null, fix: { who: "high school" } })
  })

  it.each([
    { linked: false, check: "alerts", status: "fail", who: "district Campus administrator" },
    { linked: true, check: "pairing", status: "n/a", who: null }
  ])("a school without KTS courses, linked $linked: $check $status", ({ linked, check, status, who }) => {
    const result = schoolWithoutCourses("165", "020", linked, 2025)
    expect(result.check).toBe(check)
    expect(result.status).toBe(status)
    expect(result.fix?.who ?? null).toBe(who)
  })
})

describe("syncVerdict: whether the next night syncs a grade", () => {
  const grade = { district: "165", school: "010", courseNumber: "4821V", ktsTechID: "902-030-48213", task: "CTE Term Grade", stateID: STATE_ID }
  it.each([
    { case: "the baseline", snapshot: baseline(), grade, canSync: true, techTerm: "T1", blockedBy: [] },
    { case: "the tech grade unposted", snapshot: changeTech((side) => ({ scores: side.scores.map((row) => ({ ...row, posted: false })) })), grade, canSync: false, techTerm: null, blockedBy: ["postedAtTech"] },
    { case: "the tech active term outside the term mask", snapshot: changeTech(setMasks(50, 61, { termMask: false })), grade, canSync: false, techTerm: "T1", blockedBy: ["techMasks"] },
    { case: "the high-school active term outside the term mask", snapshot: changeHighSchool(setMasks(20, 32, { termMask: false })), grade, canSync: false, techTerm: "T1", blockedBy: ["highSchoolMasks"] },
    { case: "the student off the tech roster", snapshot: changeTech(() => ({ roster: [] })), grade, canSync: false, techTerm: "T1", blockedBy: ["pairing"] },
    { case: "another student", snapshot: baseline(), grade: { ...grade, stateID: "9999999999" }, canSync: false, techTerm: null, blockedBy: ["postedAtTech", "pairing"] },
    { case: "another pairing", snapshot: baseline(), grade: { ...grade, courseNumber: "4821W" }, canSync: false, techTerm: null, blockedBy: ["postedAtTech", "techMasks", "highSchoolMasks", "pairing", "pairing"] }
  ])("$case: $canSync", ({ snapshot, grade, canSync, techTerm, blockedBy }) => {
    const verdict = syncVerdict(runChecks(snapshot), grade)
    expect(verdict.canSync).toBe(canSync)
    expect(verdict.techTerm).toBe(techTerm)
    expect(verdict.blockedBy.map((result) => result.check)).toEqual(blockedBy)
  })
})
