import type { Plan } from "@kts/domain"
import { describe, expect, it } from "vitest"
import {
  dayAfter,
  dayBefore,
  ENROLLMENT_START,
  ILPA_TYPE,
  OTHER_DISTRICT,
  plan,
  PLAN_MODULES,
  SPECIAL_ED_TYPE,
  TODAY,
  windowOf
} from "../test/records.js"
import { evaluateAlternativeEducationIlpa } from "./AlternativeEducationIlpa.js"

const EEE = TODAY
const ilpa = (fields: Partial<Plan> = {}) => plan({ planID: 900, planTypeID: ILPA_TYPE, ...fields })

describe("AlternativeEducationIlpa", () => {
  it.each<{ case: string; plans: Array<Plan>; value: "1" | "0"; planID: number | null; reason: string }>([
    { case: "no plan", plans: [], value: "0", planID: null, reason: "no plan" },
    { case: "only a specialEd plan", plans: [plan({ planTypeID: SPECIAL_ED_TYPE })], value: "0", planID: null, reason: "no alp plan" },
    { case: "locked alp plan overlapping", plans: [ilpa()], value: "1", planID: 900, reason: "ILPA plan 900" },
    { case: "unlocked alp plan", plans: [ilpa({ locked: false })], value: "0", planID: null, reason: "no locked alp plan overlaps" },
    { case: "starts the day before EEE", plans: [ilpa({ startDate: dayBefore(EEE) })], value: "1", planID: 900, reason: "900" },
    { case: "starts on EEE", plans: [ilpa({ startDate: EEE })], value: "1", planID: 900, reason: "900" },
    { case: "starts the day after EEE", plans: [ilpa({ startDate: dayAfter(EEE) })], value: "0", planID: null, reason: "(08/14/2024–04/10/2025)" },
    { case: "ends the day before the enrollment start", plans: [ilpa({ startDate: "2024-01-01", endDate: dayBefore(ENROLLMENT_START) })], value: "0", planID: null, reason: "overlaps" },
    { case: "ends on the enrollment start", plans: [ilpa({ startDate: "2024-01-01", endDate: ENROLLMENT_START })], value: "1", planID: 900, reason: "900" },
    { case: "ends the day after the enrollment start", plans: [ilpa({ startDate: "2024-01-01", endDate: dayAfter(ENROLLMENT_START) })], value: "1", planID: 900, reason: "900" },
    { case: "NULL end", plans: [ilpa({ endDate: null })], value: "1", planID: 900, reason: "open" },
    { case: "plan from another district counts", plans: [ilpa({ districtID: OTHER_DISTRICT })], value: "1", planID: 900, reason: "900" },
    {
      case: "two qualifying plans: highest planID is the evidence",
      plans: [ilpa({ planID: 902 }), ilpa({ planID: 901 }), ilpa({ planID: 903, locked: false })],
      value: "1",
      planID: 902,
      reason: "902"
    }
  ])("$case", ({ plans, value, planID, reason }) => {
    const verdict = evaluateAlternativeEducationIlpa(plans, PLAN_MODULES, windowOf())
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(planID === null ? null : { table: "plan", id: planID })
    expect(verdict.reason).toContain(reason)
  })
})
