/**
 * What one check says about one pairing (and task, and student where it
 * applies): its status, the evidence it read, the finding in plain words and,
 * when it does not pass, who must change which setting.
 */

/** The checks, in the checklist's order. */
export const CHECK_IDS = [
  "alerts",
  "postedAtTech",
  "techMasks",
  "arrivedAtHighSchool",
  "highSchoolMasks",
  "cteTasksOnly",
  "gradeCalcOptions",
  "scoreGroup",
  "reportCards",
  "pairing"
] as const

/** A check's id. */
export type CheckId = (typeof CHECK_IDS)[number]

/** A check's outcome. `n/a`: its input does not exist because of another check's finding. */
export type CheckStatus = "pass" | "fail" | "warning" | "n/a"

/** Who changes a setting. */
export type FixOwner = "technical school" | "high school" | "district Campus administrator" | "KTS support"

/** The setting to change and who changes it. */
export interface Fix {
  readonly who: FixOwner
  readonly what: string
}

/** The high-school side of a pairing as a result names it. */
export interface HighSchoolRef {
  readonly district: string
  readonly school: string
  readonly courseNumber: string | null
  /** The KTS section's number; null when the course has none or several. */
  readonly sectionNumber: number | null
}

/** The technical side of a pairing as a result names it. */
export interface TechRef {
  readonly district: string | null
  readonly school: string | null
  readonly courseNumber: string | null
  readonly sectionNumber: number | null
  readonly ktsTechID: string | null
}

/** One result: the JSON shape of `docs/grade-check.md`, plus the term a mask finding names and the evidence. */
export interface CheckResult {
  readonly check: CheckId
  readonly status: CheckStatus
  readonly highSchool: HighSchoolRef | null
  readonly tech: TechRef | null
  readonly task: string | null
  readonly stateID: string | null
  /** The term a finding names (active term, term missing from the mask, term holding the tech end date). */
  readonly term: string | null
  readonly finding: string
  readonly fix: Fix | null
  /** The rows and values the check read (ids, dates, State IDs; never a name). */
  readonly evidence: Readonly<Record<string, unknown>>
}

/** The fields every result of one pairing shares. */
export interface ResultScope {
  readonly highSchool: HighSchoolRef | null
  readonly tech: TechRef | null
}

/** Builds a result; `fix` is dropped on `pass` and `n/a`. */
export const makeResult = (
  scope: ResultScope,
  fields: {
    readonly check: CheckId
    readonly status: CheckStatus
    readonly finding: string
    readonly fix?: Fix | null
    readonly task?: string | null
    readonly stateID?: string | null
    readonly term?: string | null
    readonly evidence?: Readonly<Record<string, unknown>>
  }
): CheckResult => ({
  check: fields.check,
  status: fields.status,
  highSchool: scope.highSchool,
  tech: scope.tech,
  task: fields.task ?? null,
  stateID: fields.stateID ?? null,
  term: fields.term ?? null,
  finding: fields.finding,
  fix: fields.status === "pass" || fields.status === "n/a" ? null : (fields.fix ?? null),
  evidence: fields.evidence ?? {}
})

const TASK_ORDER: ReadonlyArray<string> = ["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"]

/** A task's place in the result order: course-level results (no task) first, then Term, Final, Exam, then others by name. */
const taskRank = (task: string | null): number => {
  if (task === null) return 0
  const index = TASK_ORDER.indexOf(task)
  return index === -1 ? TASK_ORDER.length + 1 : index + 1
}

const compareText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1

/**
 * The spec's result order: by pairing (high-school course number, then the
 * tech KTSTechID, then the high school), then task (none, Term, Final, Exam, others by name), then
 * check in checklist order, then State ID (none first).
 */
export const compareResults = (a: CheckResult, b: CheckResult): number =>
  compareText(a.highSchool?.courseNumber ?? null, b.highSchool?.courseNumber ?? null) ||
  compareText(a.tech?.ktsTechID ?? null, b.tech?.ktsTechID ?? null) ||
  // Two high schools (a student who moved) may have the same course number for the same tech section.
  compareText(a.highSchool?.district ?? null, b.highSchool?.district ?? null) ||
  compareText(a.highSchool?.school ?? null, b.highSchool?.school ?? null) ||
  taskRank(a.task) - taskRank(b.task) ||
  compareText(taskRank(a.task) > TASK_ORDER.length ? a.task : null, taskRank(b.task) > TASK_ORDER.length ? b.task : null) ||
  CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check) ||
  compareText(a.stateID, b.stateID)

/** Sorts results into the spec's order (stable: equal keys keep their order). */
export const sortResults = (results: ReadonlyArray<CheckResult>): Array<CheckResult> => [...results].sort(compareResults)
