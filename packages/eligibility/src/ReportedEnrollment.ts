/**
 * Which of a student's enrollments the LEAD report prints
 * (seed: Detail Report Logic; docs/lead-report.md → Which students).
 */
import type { Enrollment } from "@kts/domain"
import {
  choose,
  chooseWithEvidence,
  comparePreference,
  describeChoice,
  describePreference,
  highest,
  latestDate,
  preferring,
  type Choice,
  type Preference
} from "./Latest.js"

/**
 * The order among the candidates: later startDate, then later endDate (NULL
 * is latest), then service type `P` before any other, then the higher
 * enrollmentID.
 */
export const ReportedEnrollmentOrder: Preference<Enrollment> = [
  latestDate("startDate", (enrollment) => enrollment.startDate),
  latestDate("endDate", (enrollment) => enrollment.endDate),
  preferring("service type P before others", (enrollment) => enrollment.serviceType === "P", (enrollment) => enrollment.serviceType),
  highest("enrollmentID", (enrollment) => enrollment.enrollmentID)
]

/** True when `a` is reported in preference to `b` (`ReportedEnrollmentOrder`). */
export const isPreferredEnrollment = (a: Enrollment, b: Enrollment): boolean =>
  comparePreference(ReportedEnrollmentOrder, a, b) > 0

const isShown = (enrollment: Enrollment): boolean => !enrollment.noShow

/**
 * The reported enrollment among a person's enrollments in the section's
 * calendar and structure (the caller filters calendar and structure; no-show
 * enrollments are dropped here). Undefined when none is left.
 */
export const chooseReportedEnrollment = (candidates: ReadonlyArray<Enrollment>): Enrollment | undefined =>
  choose(candidates, ReportedEnrollmentOrder, isShown)

/** The reported enrollment with the evidence of the choice. */
export interface ReportedEnrollmentChoice extends Choice<Enrollment> {
  /** The no-show enrollments dropped before comparing. */
  readonly noShows: ReadonlyArray<Enrollment>
  /** In plain words: what was dropped, which enrollment won over which and on what, and the order applied. */
  readonly reason: string
}

/**
 * `chooseReportedEnrollment` with its evidence (for `explain`): the same
 * choice, the enrollments compared, the runner-up and the step of the order
 * that decided.
 */
export const explainReportedEnrollment = (candidates: ReadonlyArray<Enrollment>): ReportedEnrollmentChoice => {
  const choice = chooseWithEvidence(candidates, ReportedEnrollmentOrder, isShown)
  const noShows = candidates.filter((enrollment) => enrollment.noShow)
  const dropped = noShows.length === 0
    ? "no no-show"
    : `no-show${noShows.length === 1 ? "" : "s"} ${noShows.map((enrollment) => enrollment.enrollmentID).join(", ")} dropped`
  const reason = choice.chosen === undefined
    ? `${dropped}; no enrollment left`
    : `${dropped}; ${describeChoice(choice, (enrollment) => `enrollment ${enrollment.enrollmentID}`)}` +
      (choice.runnerUp === undefined ? "" : ` (order: ${describePreference(ReportedEnrollmentOrder)})`)
  return { ...choice, noShows, reason }
}
