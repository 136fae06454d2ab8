import type { Term } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { courseGradingTask, gradingTask, taskTerm, term } from "../test/records.js"
import {
  checkActiveTermGraded,
  checkHighSchoolTaskSetup,
  checkTechTaskSetup,
  checkTermDates,
  CTE_TASK_NAMES,
  findActiveTerm,
  findCourseTask,
  firstTermHolding,
  isCteTaskName,
  termHoldsDate
} from "./GradingSetup.js"

const TERM_GRADE = "CTE Term Grade"
const tasks = [gradingTask(1, TERM_GRADE), gradingTask(2, "CTE Final Grade"), gradingTask(3, "Quarter Grade")]
const termsById = (...terms: Array<Term>) => new Map(terms.map((row) => [row.termID, row]))

describe("CTE task names", () => {
  it("are the three tasks in sync order", () => {
    expect(CTE_TASK_NAMES).toEqual(["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"])
  })
  it.each([
    { name: "CTE Final Exam", expected: true },
    { name: "cte final exam", expected: false },
    { name: "CTE Final Exam ", expected: false },
    { name: "Quarter Grade", expected: false }
  ])("isCteTaskName($name) is $expected", ({ name, expected }) => {
    expect(isCteTaskName(name)).toBe(expected)
  })
})

describe("findCourseTask", () => {
  it.each([
    { case: "no row on the course", rows: [courseGradingTask(10, 7, 2)], status: "none", ids: [] },
    { case: "another course's row does not count", rows: [courseGradingTask(10, 8, 1)], status: "none", ids: [] },
    { case: "exactly one", rows: [courseGradingTask(10, 7, 1), courseGradingTask(11, 7, 2)], status: "one", ids: [10] },
    { case: "two rows of the task", rows: [courseGradingTask(12, 7, 1), courseGradingTask(10, 7, 1)], status: "duplicate", ids: [10, 12] }
  ])("$case", ({ rows, status, ids }) => {
    const result = findCourseTask(7, TERM_GRADE, rows, tasks)
    expect(result.status).toBe(status)
    expect(result.courseGradingTasks.map((row) => row.courseGradingTaskID)).toEqual(ids)
    expect(result.courseGradingTask?.courseGradingTaskID ?? null).toBe(status === "one" ? ids[0] : null)
    expect(result.taskIDsNamed).toEqual([1])
  })

  it("two tasks of the same name in the database, one row each on the course: duplicate", () => {
    const doubled = [...tasks, gradingTask(9, TERM_GRADE)]
    const result = findCourseTask(7, TERM_GRADE, [courseGradingTask(10, 7, 1), courseGradingTask(11, 7, 9)], doubled)
    expect(result.status).toBe("duplicate")
    expect(result.taskIDsNamed).toEqual([1, 9])
  })

  it("no task of that name in the database: none, and the evidence says so", () => {
    const result = findCourseTask(7, "CTE Final Exam", [courseGradingTask(10, 7, 1)], tasks)
    expect(result.status).toBe("none")
    expect(result.taskIDsNamed).toEqual([])
  })

  it("names match exactly", () => {
    expect(findCourseTask(7, "cte term grade", [courseGradingTask(10, 7, 1)], tasks).status).toBe("none")
  })
})

describe("findActiveTerm", () => {
  const terms = termsById(term(1), term(2), term(3))
  it.each([
    { case: "no active term", rows: [taskTerm(10, 1), taskTerm(10, 2)], status: "none", active: [] },
    { case: "one active term", rows: [taskTerm(10, 1), taskTerm(10, 2, { activeMask: true })], status: "one", active: [2] },
    {
      case: "two active terms",
      rows: [taskTerm(10, 3, { activeMask: true }), taskTerm(10, 1, { activeMask: true })],
      status: "several",
      active: [1, 3]
    },
    { case: "another task's active term does not count", rows: [taskTerm(11, 1, { activeMask: true })], status: "none", active: [] }
  ])("$case", ({ rows, status, active }) => {
    const result = findActiveTerm(10, rows, terms)
    expect(result.status).toBe(status)
    expect(result.activeTerms.map((row) => row.taskTerm.termID)).toEqual(active)
    expect(result.active?.term?.termID ?? null).toBe(status === "one" ? active[0] : null)
  })
})

describe("checkActiveTermGraded", () => {
  it.each([
    { termMask: true, status: "graded" },
    { termMask: false, status: "notGraded" }
  ])("termMask $termMask: $status", ({ termMask, status }) => {
    expect(checkActiveTermGraded(taskTerm(10, 2, { activeMask: true, termMask }))).toEqual({
      status,
      courseGradingTaskID: 10,
      termID: 2
    })
  })
})

describe("termHoldsDate", () => {
  const hs = { startDate: "2024-08-14", endDate: "2024-12-20" }
  it.each([
    { case: "the day before the start", date: "2024-08-13", range: hs, holds: false },
    { case: "the start day", date: "2024-08-14", range: hs, holds: true },
    { case: "inside", date: "2024-10-01", range: hs, holds: true },
    { case: "the end day", date: "2024-12-20", range: hs, holds: true },
    { case: "the day after the end", date: "2024-12-21", range: hs, holds: false },
    { case: "NULL date", date: null, range: hs, holds: false },
    { case: "NULL start", date: "2024-10-01", range: { startDate: null, endDate: "2024-12-20" }, holds: false },
    { case: "NULL end", date: "2024-10-01", range: { startDate: "2024-08-14", endDate: null }, holds: false }
  ])("$case", ({ date, range, holds }) => {
    expect(termHoldsDate(range, date)).toBe(holds)
  })
})

describe("checkTermDates", () => {
  const q1 = term(1, { structureID: 5, seq: 1, startDate: "2024-08-14", endDate: "2024-10-11" })
  const q2 = term(2, { structureID: 5, seq: 2, startDate: "2024-10-14", endDate: "2024-12-20" })
  const otherStructure = term(9, { structureID: 6, seq: 1, startDate: "2024-08-01", endDate: "2024-12-31" })
  const tech = (endDate: string | null) => term(50, { structureID: 40, endDate })
  it.each([
    { case: "tech end on the HS term's last day", hs: q2, techEnd: "2024-12-20", status: "match", holding: 2 },
    { case: "tech end on the HS term's first day", hs: q2, techEnd: "2024-10-14", status: "match", holding: 2 },
    { case: "tech end the day before the HS term", hs: q2, techEnd: "2024-10-13", status: "mismatch", holding: null },
    { case: "tech end one day after the HS term: no term holds it", hs: q2, techEnd: "2024-12-21", status: "mismatch", holding: null },
    { case: "tech end in the other quarter: it is named", hs: q2, techEnd: "2024-10-11", status: "mismatch", holding: 1 },
    { case: "tech end NULL", hs: q2, techEnd: null, status: "mismatch", holding: null },
    {
      case: "HS term with NULL end",
      hs: term(3, { structureID: 5, seq: 3, startDate: "2024-08-14", endDate: null }),
      techEnd: "2024-10-01",
      status: "mismatch",
      holding: 1
    }
  ])("$case", ({ hs, techEnd, status, holding }) => {
    const result = checkTermDates(hs, tech(techEnd), [otherStructure, q2, q1])
    expect(result.status).toBe(status)
    expect(result.techEndDate).toBe(techEnd)
    expect(result.holdingTerm?.termID ?? null).toBe(holding)
  })
})

describe("checkTechTaskSetup", () => {
  const terms = termsById(term(1), term(2))
  const records = (taskTerms: ReturnType<typeof taskTerm>[], rows = [courseGradingTask(10, 7, 1)]) => ({
    courseGradingTasks: rows,
    gradingTasks: tasks,
    taskTerms,
    terms
  })
  it.each([
    { case: "unused task", records: records([], []), status: "unused", problems: [] },
    {
      case: "duplicate task",
      records: records([], [courseGradingTask(10, 7, 1), courseGradingTask(11, 7, 1)]),
      status: "problem",
      problems: ["grades.tech.duplicateTask"]
    },
    { case: "no active mask", records: records([taskTerm(10, 1)]), status: "problem", problems: ["grades.tech.noActiveMask"] },
    {
      case: "two active masks",
      records: records([taskTerm(10, 1, { activeMask: true }), taskTerm(10, 2, { activeMask: true })]),
      status: "problem",
      problems: ["grades.tech.activeMasks"]
    },
    {
      case: "active term not graded",
      records: records([taskTerm(10, 2, { activeMask: true, termMask: false })]),
      status: "problem",
      problems: ["grades.tech.activeTermNotGraded"]
    },
    { case: "ready", records: records([taskTerm(10, 2, { activeMask: true })]), status: "ready", problems: [] }
  ])("$case", ({ records, status, problems }) => {
    const result = checkTechTaskSetup(7, TERM_GRADE, records)
    expect(result.status).toBe(status)
    expect(result.problems).toEqual(problems)
    if (status === "ready") expect(result.activeTermRow?.termID).toBe(2)
  })
})

describe("checkHighSchoolTaskSetup", () => {
  const techTerm = term(50, { structureID: 40, endDate: "2024-12-20" })
  const q1 = term(1, { structureID: 5, seq: 1, startDate: "2024-08-14", endDate: "2024-10-11" })
  const q2 = term(2, { structureID: 5, seq: 2, startDate: "2024-10-14", endDate: "2024-12-20" })
  const terms = termsById(q1, q2)
  const records = (taskTerms: ReturnType<typeof taskTerm>[], rows = [courseGradingTask(20, 8, 1)], gradingTasks = tasks) => ({
    courseGradingTasks: rows,
    gradingTasks,
    taskTerms,
    terms
  })
  it.each([
    { case: "no task row", records: records([], []), problems: ["grades.hs.missingTask"] },
    { case: "no task of that name in the database", records: records([], [], [gradingTask(3, "Quarter Grade")]), problems: ["grades.hs.missingTask"] },
    {
      case: "duplicate task",
      records: records([], [courseGradingTask(20, 8, 1), courseGradingTask(21, 8, 1)]),
      problems: ["grades.hs.duplicateTask"]
    },
    { case: "no active mask", records: records([taskTerm(20, 2)]), problems: ["grades.hs.noActiveMask"] },
    {
      case: "two active masks",
      records: records([taskTerm(20, 1, { activeMask: true }), taskTerm(20, 2, { activeMask: true })]),
      problems: ["grades.hs.activeMasks"]
    },
    {
      case: "not graded, right dates",
      records: records([taskTerm(20, 2, { activeMask: true, termMask: false })]),
      problems: ["grades.hs.activeTermNotGraded"]
    },
    {
      case: "graded, wrong dates",
      records: records([taskTerm(20, 1, { activeMask: true })]),
      problems: ["grades.hs.termMismatch"]
    },
    {
      case: "not graded and wrong dates: both, not only the first",
      records: records([taskTerm(20, 1, { activeMask: true, termMask: false })]),
      problems: ["grades.hs.activeTermNotGraded", "grades.hs.termMismatch"]
    },
    { case: "ready", records: records([taskTerm(20, 2, { activeMask: true })]), problems: [] }
  ])("$case", ({ records, problems }) => {
    const result = checkHighSchoolTaskSetup(8, TERM_GRADE, records, techTerm, [q1, q2])
    expect(result.problems).toEqual(problems)
    expect(result.status).toBe(problems.length === 0 ? "ready" : "problem")
  })

  it("names the term that holds the tech end date on a mismatch", () => {
    const result = checkHighSchoolTaskSetup(8, TERM_GRADE, records([taskTerm(20, 1, { activeMask: true })]), techTerm, [q1, q2])
    expect(result.termDates?.holdingTerm?.termID).toBe(2)
  })
})

describe("firstTermHolding", () => {
  const s1 = term(1, { seq: 1, startDate: "2024-08-14", endDate: "2024-12-20" })
  const q2 = term(2, { seq: 2, startDate: "2024-10-14", endDate: "2024-12-20" })
  const s1Copy = term(3, { seq: 1, startDate: "2024-08-14", endDate: "2024-12-20" })
  it.each([
    { case: "the day before every start", date: "2024-08-13", terms: [q2, s1], expected: null },
    { case: "only the first term holds it", date: "2024-10-13", terms: [q2, s1], expected: 1 },
    { case: "both hold it: lowest seq", date: "2024-10-14", terms: [q2, s1], expected: 1 },
    { case: "the last day of both", date: "2024-12-20", terms: [q2, s1], expected: 1 },
    { case: "the day after every end", date: "2024-12-21", terms: [q2, s1], expected: null },
    { case: "same seq: lowest termID", date: "2024-09-01", terms: [s1Copy, s1], expected: 1 },
    { case: "NULL date", date: null, terms: [q2, s1], expected: null }
  ])("$case", ({ date, terms, expected }) => {
    expect(firstTermHolding(terms, date)?.termID ?? null).toBe(expected)
  })
})
