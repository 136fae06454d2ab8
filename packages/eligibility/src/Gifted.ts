/**
 * Column 49 "Gifted" (seed: Detail Report Layout → Gifted; docs/lead-report.md →
 * Columns, 49). gifted.endDate is not consulted, as the seed lists no condition on it.
 */
import { GradeLevel, type Gifted } from "@kts/domain"
import type { EnrollmentWindow } from "./EnrollmentWindow.js"
import { usDate } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The gifted category required for grades up to 03 and excluded above it. */
export const PrimaryGiftedCategory = "12"

const RANK_OF_GRADE_3 = GradeLevel.rankOf("03")

/** True when `grade` is 03 or lower in the report's grade order (95 … 99, 00 … 03). */
export const isGradeThreeOrBelow = (grade: string): boolean => GradeLevel.rankOf(grade) <= RANK_OF_GRADE_3

const NO_RECORDS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no gifted record" })
const NEEDS_12_BY_TODAY = " (03 or below: category 12) starting on or before today "
const NEEDS_12_BY_END = " (03 or below: category 12) starting on or before the enrollment end "
const NEEDS_OTHER_BY_TODAY = " (above 03: a category other than 12) starting on or before today "
const NEEDS_OTHER_BY_END = " (above 03: a category other than 12) starting on or before the enrollment end "

/**
 * Column 49: `1` when a same-district gifted row has started by the reference
 * date — today when the enrollment has no end date, else the enrollment end
 * date — and has category `12` for grades up to 03, or any other category for
 * grades above 03. The deciding record is the qualifying row with the highest giftedID.
 */
export const evaluateGifted = (gifted: ReadonlyArray<Gifted>, window: EnrollmentWindow): Verdict<Flag> => {
  if (gifted.length === 0) return NO_RECORDS
  const { enrollment } = window
  const referenceDate = enrollment.endDate ?? window.today
  const primaryGrades = isGradeThreeOrBelow(enrollment.grade)
  let found: Gifted | undefined
  for (let index = 0; index < gifted.length; index++) {
    const record = gifted[index]!
    if (
      record.districtID === window.districtID &&
      record.startDate <= referenceDate &&
      (record.category === PrimaryGiftedCategory) === primaryGrades &&
      (found === undefined || record.giftedID > found.giftedID)
    ) found = record
  }
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "gifted", id: found.giftedID },
      reason: "gifted " + found.giftedID + " (category " + found.category + ") fits grade " + enrollment.grade
    }
  }
  const needed = primaryGrades
    ? (enrollment.endDate === null ? NEEDS_12_BY_TODAY : NEEDS_12_BY_END)
    : (enrollment.endDate === null ? NEEDS_OTHER_BY_TODAY : NEEDS_OTHER_BY_END)
  return {
    value: "0",
    record: null,
    reason: "no same-district gifted record fits grade " + enrollment.grade + needed + usDate(referenceDate)
  }
}
