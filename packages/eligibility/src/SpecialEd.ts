/**
 * Primary disability from the student's special education plan (IEP):
 * column 39 "Primary Disability in Section" and column 47 "Primary Disability
 * Enrollment" (seed: Detail Report Layout → Primary Disability in Section /
 * Primary Disability Enrollment; docs/lead-report.md → SPED plan selection).
 */
import type { LocalDate, Plan } from "@kts/domain"
import { usDate, usSpan } from "./internal/Wording.js"
import { choose, highest, latestDate, type Preference } from "./Latest.js"
import type { Verdict } from "./Verdict.js"

/** The planType.module of special education plans. */
export const SpecialEdModule = "specialEd"

/** The order among candidate plans: later endDate (NULL latest), then later startDate, then higher planID. */
export const SpecialEdPlanOrder: Preference<Plan> = [
  latestDate("endDate", (plan) => plan.endDate),
  latestDate("startDate", (plan) => plan.startDate),
  highest("planID", (plan) => plan.planID)
]

/**
 * The one special education plan that decides the student's primary
 * disability on `referenceDate`: among plans (any district) whose planType
 * module is `specialEd`, locked, started on or before the date and not ended
 * before it, the one with the latest endDate (NULL latest), then the latest
 * startDate, then the highest planID. Undefined when no plan qualifies.
 * Required fields are not looked at here: an incomplete plan is still selected.
 */
export const selectSpecialEdPlan = (
  plans: ReadonlyArray<Plan>,
  planModules: ReadonlyMap<number, string>,
  referenceDate: LocalDate
): Plan | undefined =>
  choose(
    plans,
    SpecialEdPlanOrder,
    (plan) =>
      plan.locked &&
      plan.startDate <= referenceDate &&
      (plan.endDate === null || plan.endDate >= referenceDate) &&
      planModules.get(plan.planTypeID) === SpecialEdModule
  )

const NO_PLANS: Verdict<string> = Object.freeze({
  value: "",
  record: null,
  reason: "the student has no plan at all"
})

const primaryDisability = (
  plans: ReadonlyArray<Plan>,
  planModules: ReadonlyMap<number, string>,
  referenceDate: LocalDate,
  requireSetting: boolean
): Verdict<string> => {
  if (plans.length === 0) return NO_PLANS
  const plan = selectSpecialEdPlan(plans, planModules, referenceDate)
  if (plan === undefined) {
    return { value: "", record: null, reason: "no locked specialEd plan is valid on " + usDate(referenceDate) }
  }
  const record = { table: "plan", id: plan.planID }
  if (plan.primaryDisability !== null && plan.specialEdStatus !== null && (!requireSetting || plan.specialEdSetting !== null)) {
    return {
      value: plan.primaryDisability,
      record,
      reason: "plan " + plan.planID + " selected for " + usDate(referenceDate) + ": primary disability " +
        plan.primaryDisability
    }
  }
  const selected = "plan " + plan.planID + " (locked, " + usSpan(plan.startDate, plan.endDate) + ") selected for " +
    usDate(referenceDate)
  const missing: Array<string> = []
  if (plan.primaryDisability === null) missing.push("primary disability")
  if (plan.specialEdStatus === null) missing.push("special ed status")
  if (requireSetting && plan.specialEdSetting === null) missing.push("special ed setting")
  const verb = missing.length === 1 ? " is empty" : " are empty"
  return { value: "", record, reason: selected + "; its " + missing.join(" and ") + verb }
}

/**
 * Column 39: the selected plan's primary disability on the earlier of today
 * and the section end date; blank when no plan is selected or the selected
 * plan lacks a primary disability or a special ed status.
 */
export const evaluatePrimaryDisabilityInSection = (
  plans: ReadonlyArray<Plan>,
  planModules: ReadonlyMap<number, string>,
  sectionEndDate: LocalDate,
  today: LocalDate
): Verdict<string> =>
  primaryDisability(plans, planModules, sectionEndDate < today ? sectionEndDate : today, false)

/**
 * Column 47: the selected plan's primary disability on the earlier of today
 * and the effective enrollment end (EEE); blank when no plan is selected or
 * the selected plan lacks a primary disability, a special ed status or a
 * special ed setting.
 */
export const evaluatePrimaryDisabilityEnrollment = (
  plans: ReadonlyArray<Plan>,
  planModules: ReadonlyMap<number, string>,
  effectiveEnd: LocalDate,
  today: LocalDate
): Verdict<string> =>
  primaryDisability(plans, planModules, effectiveEnd < today ? effectiveEnd : today, true)
