/**
 * The grading setup a KTS course needs before a grade can sync (docs/exchange.md,
 * Grades; docs/grade-check.md, checks 3 and 5): one task row per CTE task, one
 * active-mask term, that term in the term mask, and, at the high school, an
 * active term whose dates hold the tech active term's end date.
 *
 * Plain predicates over plain records, each returning a status and the rows it
 * looked at. The nightly grades stage and `kts grade-check` both call these, so
 * they never disagree about whether a grade can sync.
 */
import type { CourseGradingTask, CourseGradingTaskTerm, GradingTask, LocalDate, Term } from "@kts/domain"

/** The three grading tasks the exchange syncs, in the order it syncs them. */
export const CTE_TASK_NAMES = ["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"] as const

/** One of the three CTE task names. */
export type CteTaskName = (typeof CTE_TASK_NAMES)[number]

/** True when `name` is exactly one of the CTE task names (case-sensitive). */
export const isCteTaskName = (name: string): name is CteTaskName =>
  (CTE_TASK_NAMES as ReadonlyArray<string>).includes(name)

// ── The course's task rows for one task name ─────────────────────────────────

/** How many of a course's courseGradingTask rows use a task of the name. */
export type CourseTaskStatus = "none" | "one" | "duplicate"

/** The course's task rows for one task name, with the evidence. */
export interface CourseTaskResult {
  readonly status: CourseTaskStatus
  readonly courseID: number
  readonly taskName: string
  /** The database's gradingTask ids with exactly that name (empty: the database has no such task). */
  readonly taskIDsNamed: ReadonlyArray<number>
  /** The course's rows whose task has that name, by courseGradingTaskID. */
  readonly courseGradingTasks: ReadonlyArray<CourseGradingTask>
  /** The row, when there is exactly one. */
  readonly courseGradingTask: CourseGradingTask | null
}

/**
 * The courseGradingTask rows of `courseID` whose task is named `taskName`
 * exactly. `courseGradingTasks` may hold other courses' rows; `gradingTasks`
 * is the database's task list (or the part of it that matters).
 */
export const findCourseTask = (
  courseID: number,
  taskName: string,
  courseGradingTasks: ReadonlyArray<CourseGradingTask>,
  gradingTasks: ReadonlyArray<GradingTask>
): CourseTaskResult => {
  const taskIDsNamed = gradingTasks.filter((task) => task.name === taskName).map((task) => task.taskID).sort(byNumber)
  const named = new Set(taskIDsNamed)
  const rows = courseGradingTasks
    .filter((row) => row.courseID === courseID && named.has(row.taskID))
    .sort((a, b) => a.courseGradingTaskID - b.courseGradingTaskID)
  const status: CourseTaskStatus = rows.length === 0 ? "none" : rows.length === 1 ? "one" : "duplicate"
  return {
    status,
    courseID,
    taskName,
    taskIDsNamed,
    courseGradingTasks: rows,
    courseGradingTask: rows.length === 1 ? rows[0]! : null
  }
}

// ── The active-mask term ─────────────────────────────────────────────────────

/** How many terms of a course task carry the active mask. */
export type ActiveTermStatus = "none" | "one" | "several"

/** One term row of a course task, with its term when the term is known. */
export interface TaskTermEvidence {
  readonly taskTerm: CourseGradingTaskTerm
  readonly term: Term | null
}

/** The active-mask terms of one course task. */
export interface ActiveTermResult {
  readonly status: ActiveTermStatus
  readonly courseGradingTaskID: number
  /** Every courseGradingTaskTerm row with activeMask 1, by the term's seq then termID. */
  readonly activeTerms: ReadonlyArray<TaskTermEvidence>
  /** The active term, when there is exactly one. */
  readonly active: TaskTermEvidence | null
}

/**
 * The terms with activeMask 1 among the courseGradingTaskTerm rows of
 * `courseGradingTaskID` (`taskTerms` may hold other tasks' rows). `terms`
 * gives the term rows by termID, for the evidence and the order.
 */
export const findActiveTerm = (
  courseGradingTaskID: number,
  taskTerms: ReadonlyArray<CourseGradingTaskTerm>,
  terms: ReadonlyMap<number, Term>
): ActiveTermResult => {
  const activeTerms = taskTerms
    .filter((row) => row.courseGradingTaskID === courseGradingTaskID && row.activeMask)
    .map((taskTerm) => ({ taskTerm, term: terms.get(taskTerm.termID) ?? null }))
    .sort(byTermOrder)
  const status: ActiveTermStatus = activeTerms.length === 0 ? "none" : activeTerms.length === 1 ? "one" : "several"
  return { status, courseGradingTaskID, activeTerms, active: activeTerms.length === 1 ? activeTerms[0]! : null }
}

// ── The active term in the term mask ─────────────────────────────────────────

/** Whether the active term is graded (termMask 1). */
export interface TermMaskResult {
  readonly status: "graded" | "notGraded"
  readonly courseGradingTaskID: number
  readonly termID: number
}

/** Whether the active term's row also has termMask 1. */
export const checkActiveTermGraded = (activeTaskTerm: CourseGradingTaskTerm): TermMaskResult => ({
  status: activeTaskTerm.termMask ? "graded" : "notGraded",
  courseGradingTaskID: activeTaskTerm.courseGradingTaskID,
  termID: activeTaskTerm.termID
})

// ── The high-school term's dates against the tech active term ────────────────

/** True when `term` runs from its startDate to its endDate, both inclusive, over `date`; any NULL is false. */
export const termHoldsDate = (term: Pick<Term, "startDate" | "endDate">, date: LocalDate | null): boolean =>
  date !== null && term.startDate !== null && term.endDate !== null && term.startDate <= date && date <= term.endDate

/** The high-school active term's dates against the tech active term's end date. */
export interface TermDatesResult {
  readonly status: "match" | "mismatch"
  /** The tech active term's endDate (NULL is a mismatch). */
  readonly techEndDate: LocalDate | null
  readonly techTerm: Term
  readonly highSchoolTerm: Term
  /**
   * The term of the high-school term's structure whose dates hold the tech
   * end date (lowest seq, then lowest termID, when several do), or null.
   * On a match this is usually the high-school term itself.
   */
  readonly holdingTerm: Term | null
}

/**
 * Whether the high-school active term's date range holds the tech active
 * term's endDate, start and end inclusive; a NULL date on either term is a
 * mismatch. `highSchoolTerms` are the candidates for the term that does hold
 * the date (only those of the high-school term's structure are considered).
 */
export const checkTermDates = (
  highSchoolTerm: Term,
  techTerm: Term,
  highSchoolTerms: ReadonlyArray<Term>
): TermDatesResult => {
  const techEndDate = techTerm.endDate
  return {
    status: termHoldsDate(highSchoolTerm, techEndDate) ? "match" : "mismatch",
    techEndDate,
    techTerm,
    highSchoolTerm,
    holdingTerm: firstTermHolding(highSchoolTerms.filter((term) => term.structureID === highSchoolTerm.structureID), techEndDate)
  }
}

/** Among `terms`, the first in schedule order (seq, then termID) whose dates hold `date`, or null. */
export const firstTermHolding = (terms: ReadonlyArray<Term>, date: LocalDate | null): Term | null =>
  terms.filter((term) => termHoldsDate(term, date)).sort(compareTerms)[0] ?? null

// ── Each side's whole setup for one task ─────────────────────────────────────

/** A technical-setup problem, by its alert code. */
export type TechSetupCode =
  | "grades.tech.duplicateTask"
  | "grades.tech.noActiveMask"
  | "grades.tech.activeMasks"
  | "grades.tech.activeTermNotGraded"

/** The tech course's setup for one CTE task. */
export interface TechTaskSetup {
  /** `unused`: the course has no row for the task (nothing happens); `ready`: grades can sync; else `problem`. */
  readonly status: "unused" | "ready" | "problem"
  readonly task: CourseTaskResult
  /** Null when the task row is not single. */
  readonly activeTerm: ActiveTermResult | null
  /** Null when there is no single active term. */
  readonly termMask: TermMaskResult | null
  /** Every problem found, in the order above (they do not stop at the first). */
  readonly problems: ReadonlyArray<TechSetupCode>
  /** The tech active term, when there is exactly one (whether or not it is graded). */
  readonly activeTermRow: Term | null
  /** The course task row, when there is exactly one. */
  readonly courseGradingTask: CourseGradingTask | null
}

/** The records of one database that a course's grading setup is read from. */
export interface GradingSetupRecords {
  /** The course's courseGradingTask rows (others are ignored). */
  readonly courseGradingTasks: ReadonlyArray<CourseGradingTask>
  /** The database's grading tasks (at least those with the CTE names). */
  readonly gradingTasks: ReadonlyArray<GradingTask>
  /** The courseGradingTaskTerm rows of those course tasks (others are ignored). */
  readonly taskTerms: ReadonlyArray<CourseGradingTaskTerm>
  /** Terms by termID (at least the task terms' and, at the high school, the structure's). */
  readonly terms: ReadonlyMap<number, Term>
}

/**
 * `records` narrowed to one course at a time: the course's task rows and
 * those tasks' term rows only. The predicates give the same results on the
 * narrowed records (they look at the course's rows alone); narrowing once
 * spares every check a scan of the whole school's rows.
 */
export const recordsByCourse = (records: GradingSetupRecords): (courseID: number) => GradingSetupRecords => {
  const tasksOf = new Map<number, Array<CourseGradingTask>>()
  for (const row of records.courseGradingTasks) {
    const list = tasksOf.get(row.courseID)
    if (list === undefined) tasksOf.set(row.courseID, [row])
    else list.push(row)
  }
  const termsOf = new Map<number, Array<CourseGradingTaskTerm>>()
  for (const row of records.taskTerms) {
    const list = termsOf.get(row.courseGradingTaskID)
    if (list === undefined) termsOf.set(row.courseGradingTaskID, [row])
    else list.push(row)
  }
  const narrowed = new Map<number, GradingSetupRecords>()
  return (courseID) => {
    let result = narrowed.get(courseID)
    if (result === undefined) {
      const courseGradingTasks = tasksOf.get(courseID) ?? []
      result = {
        courseGradingTasks,
        gradingTasks: records.gradingTasks,
        taskTerms: courseGradingTasks.flatMap((task) => termsOf.get(task.courseGradingTaskID) ?? []),
        terms: records.terms
      }
      narrowed.set(courseID, result)
    }
    return result
  }
}

/**
 * The technical setup of task `taskName` on the tech course: exactly one task
 * row, exactly one active-mask term, that term in the term mask.
 * `grades.tech.noActiveMask` is reported here whenever it holds; the grades
 * stage raises it only when the section has posted grades for the task.
 */
export const checkTechTaskSetup = (courseID: number, taskName: string, records: GradingSetupRecords): TechTaskSetup => {
  const task = findCourseTask(courseID, taskName, records.courseGradingTasks, records.gradingTasks)
  if (task.status === "none") {
    return { status: "unused", task, activeTerm: null, termMask: null, problems: [], activeTermRow: null, courseGradingTask: null }
  }
  if (task.courseGradingTask === null) {
    return {
      status: "problem",
      task,
      activeTerm: null,
      termMask: null,
      problems: ["grades.tech.duplicateTask"],
      activeTermRow: null,
      courseGradingTask: null
    }
  }
  const problems: Array<TechSetupCode> = []
  const activeTerm = findActiveTerm(task.courseGradingTask.courseGradingTaskID, records.taskTerms, records.terms)
  if (activeTerm.status === "none") problems.push("grades.tech.noActiveMask")
  if (activeTerm.status === "several") problems.push("grades.tech.activeMasks")
  const termMask = activeTerm.active === null ? null : checkActiveTermGraded(activeTerm.active.taskTerm)
  if (termMask?.status === "notGraded") problems.push("grades.tech.activeTermNotGraded")
  const activeTermRow = activeTerm.active?.term ?? null
  return {
    status: problems.length === 0 && activeTermRow !== null ? "ready" : "problem",
    task,
    activeTerm,
    termMask,
    problems,
    activeTermRow,
    courseGradingTask: task.courseGradingTask
  }
}

/** A high-school-setup problem, by its alert code. */
export type HighSchoolSetupCode =
  | "grades.hs.missingTask"
  | "grades.hs.duplicateTask"
  | "grades.hs.noActiveMask"
  | "grades.hs.activeMasks"
  | "grades.hs.activeTermNotGraded"
  | "grades.hs.termMismatch"

/** The high-school KTS course's setup for one CTE task. */
export interface HighSchoolTaskSetup {
  readonly status: "ready" | "problem"
  readonly task: CourseTaskResult
  readonly activeTerm: ActiveTermResult | null
  readonly termMask: TermMaskResult | null
  /** Null when there is no single active term, or it is not a known term. */
  readonly termDates: TermDatesResult | null
  /** Every problem found, in the order above (they do not stop at the first). */
  readonly problems: ReadonlyArray<HighSchoolSetupCode>
  /** The high-school active term, when there is exactly one. */
  readonly activeTermRow: Term | null
  /** The course task row (its scoreGroupID decides the score group), when there is exactly one. */
  readonly courseGradingTask: CourseGradingTask | null
}

/**
 * The high-school setup of task `taskName` on the KTS course against the tech
 * active term: exactly one task row, exactly one active-mask term, in the term
 * mask, and holding the tech active term's endDate. `highSchoolTerms` are the
 * terms to search for the one that does hold the date (those of the active
 * term's structure count).
 */
export const checkHighSchoolTaskSetup = (
  courseID: number,
  taskName: string,
  records: GradingSetupRecords,
  techActiveTerm: Term,
  highSchoolTerms: ReadonlyArray<Term>
): HighSchoolTaskSetup => {
  const task = findCourseTask(courseID, taskName, records.courseGradingTasks, records.gradingTasks)
  const empty = { activeTerm: null, termMask: null, termDates: null, activeTermRow: null, courseGradingTask: null }
  if (task.status === "none") return { status: "problem", task, ...empty, problems: ["grades.hs.missingTask"] }
  if (task.courseGradingTask === null) return { status: "problem", task, ...empty, problems: ["grades.hs.duplicateTask"] }
  const problems: Array<HighSchoolSetupCode> = []
  const activeTerm = findActiveTerm(task.courseGradingTask.courseGradingTaskID, records.taskTerms, records.terms)
  if (activeTerm.status === "none") problems.push("grades.hs.noActiveMask")
  if (activeTerm.status === "several") problems.push("grades.hs.activeMasks")
  const termMask = activeTerm.active === null ? null : checkActiveTermGraded(activeTerm.active.taskTerm)
  if (termMask?.status === "notGraded") problems.push("grades.hs.activeTermNotGraded")
  const activeTermRow = activeTerm.active?.term ?? null
  const termDates = activeTermRow === null ? null : checkTermDates(activeTermRow, techActiveTerm, highSchoolTerms)
  if (termDates?.status === "mismatch") problems.push("grades.hs.termMismatch")
  return {
    status: problems.length === 0 && activeTermRow !== null ? "ready" : "problem",
    task,
    activeTerm,
    termMask,
    termDates,
    problems,
    activeTermRow,
    courseGradingTask: task.courseGradingTask
  }
}

// ── Ordering helpers ─────────────────────────────────────────────────────────

const byNumber = (a: number, b: number): number => a - b

/** Terms in schedule order: seq, then termID. */
export const compareTerms = (a: Term, b: Term): number => a.seq - b.seq || a.termID - b.termID

const byTermOrder = (a: TaskTermEvidence, b: TaskTermEvidence): number => {
  if (a.term !== null && b.term !== null) return compareTerms(a.term, b.term)
  if (a.term !== null) return -1
  if (b.term !== null) return 1
  return a.taskTerm.termID - b.taskTerm.termID
}
