/**
 * Column 56 "Alternative Education ILPA" (seed: Detail Report Layout →
 * Alternative Education ILPA; docs/lead-report.md → Columns, 56). ILPA plans count
 * from any district.
 */
import type { Plan } from "@kts/domain"
import { overlapsEnrollment, type EnrollmentWindow } from "./EnrollmentWindow.js"
import { usSpan } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The planType.module of alternative-education plans (ILPAs). */
export const IlpaModule = "alp"

const NO_RECORDS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no plan at all" })
const NO_ILPA_PLANS: Verdict<Flag> = Object.freeze({ value: "0", record: null, reason: "the student has no alp plan" })

/**
 * Column 56: `1` when a locked plan (any district) whose planType module is
 * `alp` overlaps the enrollment (starts on or before EEE, ends NULL or on or
 * after the enrollment start). The deciding record is the qualifying plan with the highest planID.
 */
export const evaluateAlternativeEducationIlpa = (
  plans: ReadonlyArray<Plan>,
  planModules: ReadonlyMap<number, string>,
  window: EnrollmentWindow
): Verdict<Flag> => {
  if (plans.length === 0) return NO_RECORDS
  let found: Plan | undefined
  let ilpaPlans = 0
  for (let index = 0; index < plans.length; index++) {
    const plan = plans[index]!
    if (planModules.get(plan.planTypeID) !== IlpaModule) continue
    ilpaPlans++
    if (
      plan.locked &&
      overlapsEnrollment(plan, window) &&
      (found === undefined || plan.planID > found.planID)
    ) found = plan
  }
  if (ilpaPlans === 0) return NO_ILPA_PLANS
  const enrollment = " the enrollment (" + usSpan(window.enrollment.startDate, window.effectiveEnd) + ")"
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "plan", id: found.planID },
      reason: "ILPA plan " + found.planID + " (alp, locked, " + usSpan(found.startDate, found.endDate) + ") overlaps" +
        enrollment
    }
  }
  return { value: "0", record: null, reason: "no locked alp plan overlaps" + enrollment }
}
