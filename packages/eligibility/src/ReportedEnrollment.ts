/**
 * Which of a student's enrollments the LEAD report prints
 * (seed: Detail Report Logic; docs/lead-report.md → Which students).
 */
import type { Enrollment } from "@kts/domain"

/**
 * True when `a` is reported in preference to `b`: later startDate, then later
 * endDate (NULL is latest), then service type `P` before any other, then the
 * higher enrollmentID.
 */
export const isPreferredEnrollment = (a: Enrollment, b: Enrollment): boolean => {
  if (a.startDate !== b.startDate) return a.startDate > b.startDate
  if (a.endDate !== b.endDate) {
    if (a.endDate === null) return true
    if (b.endDate === null) return false
    return a.endDate > b.endDate
  }
  const aPrimary = a.serviceType === "P"
  if (aPrimary !== (b.serviceType === "P")) return aPrimary
  return a.enrollmentID > b.enrollmentID
}

/**
 * The reported enrollment among a person's enrollments in the section's
 * calendar and structure (the caller filters calendar and structure; no-show
 * enrollments are dropped here). Undefined when none is left.
 */
export const chooseReportedEnrollment = (candidates: ReadonlyArray<Enrollment>): Enrollment | undefined => {
  let chosen: Enrollment | undefined
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!
    if (candidate.noShow) continue
    if (chosen === undefined || isPreferredEnrollment(candidate, chosen)) chosen = candidate
  }
  return chosen
}
