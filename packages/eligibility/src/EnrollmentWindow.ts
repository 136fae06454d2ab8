/**
 * The enrollment facts the program rules share: the effective enrollment end
 * (EEE), the enrollment's district, and what "overlaps the enrollment" means
 * (docs/lead-report.md → Derived dates).
 */
import type { Enrollment, LocalDate } from "@kts/domain"
import { usDate } from "./internal/Wording.js"
import type { Verdict } from "./Verdict.js"

/**
 * The effective enrollment end (EEE): the enrollment's endDate; when it is
 * NULL, the earlier of the last instructional day and today (today when the
 * structure has no instructional day).
 */
export const effectiveEnrollmentEnd = (
  enrollment: Enrollment,
  lastInstructionalDay: LocalDate | null,
  today: LocalDate
): LocalDate => enrollment.endDate ?? lastDayOrToday(lastInstructionalDay, today)

/**
 * EEE with its evidence (for `explain`): the value is the date itself
 * (`YYYY-MM-DD`), the record the enrollment, the reason which case applied.
 */
export const explainEffectiveEnrollmentEnd = (
  enrollment: Enrollment,
  lastInstructionalDay: LocalDate | null,
  today: LocalDate
): Verdict<LocalDate> => ({
  value: effectiveEnrollmentEnd(enrollment, lastInstructionalDay, today),
  record: { table: "enrollment", id: enrollment.enrollmentID },
  reason: enrollment.endDate !== null
    ? "the enrollment's endDate"
    : "the enrollment has no endDate: the earlier of the Last Instructional Day (" +
      (lastInstructionalDay === null ? "blank" : usDate(lastInstructionalDay)) + ") and today (" + usDate(today) + ")"
})

/** The earlier of the last instructional day and today; today when there is no last instructional day. */
export const lastDayOrToday = (lastInstructionalDay: LocalDate | null, today: LocalDate): LocalDate =>
  lastInstructionalDay !== null && lastInstructionalDay < today ? lastInstructionalDay : today

/** The enrollment as every per-enrollment rule sees it; build one per student-section with `makeEnrollmentWindow`. */
export interface EnrollmentWindow {
  /** The reported enrollment. */
  readonly enrollment: Enrollment
  /** The district of the enrollment's calendar's school: "same district" means `record.districtID` equals it. */
  readonly districtID: number
  /** EEE, see `effectiveEnrollmentEnd`. */
  readonly effectiveEnd: LocalDate
  /** The earlier of the last instructional day and today. */
  readonly lastDayOrToday: LocalDate
  /** The date part of the run time. */
  readonly today: LocalDate
}

/** Computes the enrollment window once, for all the rules of one student-section. */
export const makeEnrollmentWindow = (
  enrollment: Enrollment,
  districtID: number,
  lastInstructionalDay: LocalDate | null,
  today: LocalDate
): EnrollmentWindow => {
  return {
    enrollment,
    districtID,
    effectiveEnd: effectiveEnrollmentEnd(enrollment, lastInstructionalDay, today),
    lastDayOrToday: lastDayOrToday(lastInstructionalDay, today),
    today
  }
}

/** A program record with a date span (homeless, foster care, plans, …). */
export interface DatedRecord {
  readonly startDate: LocalDate | null
  readonly endDate: LocalDate | null
}

/**
 * True when the record overlaps the enrollment: it starts on or before EEE and
 * its endDate is NULL or on or after the enrollment's startDate. A NULL
 * startDate never overlaps.
 */
export const overlapsEnrollment = (record: DatedRecord, window: EnrollmentWindow): boolean =>
  record.startDate !== null &&
  record.startDate <= window.effectiveEnd &&
  (record.endDate === null || record.endDate >= window.enrollment.startDate)

/** True when the record comes from the enrollment's district. */
export const sameDistrict = (record: { readonly districtID: number | null }, window: EnrollmentWindow): boolean =>
  record.districtID === window.districtID
