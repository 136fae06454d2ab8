import type { Plan } from "@kts/domain"
import { describe, expect, it } from "vitest"
import {
  dayAfter,
  dayBefore,
  ILPA_TYPE,
  OTHER_DISTRICT,
  OTHER_PLAN_TYPE,
  plan,
  PLAN_MODULES,
  TODAY
} from "../test/records.js"
import {
  evaluatePrimaryDisabilityEnrollment,
  evaluatePrimaryDisabilityInSection,
  selectSpecialEdPlan
} from "./SpecialEd.js"

const REF = "2025-03-14"

describe("SpecialEd", () => {
  describe("selectSpecialEdPlan", () => {
    it.each<{ case: string; plans: Array<Plan>; selected: number | undefined }>([
      { case: "no plans", plans: [], selected: undefined },
      { case: "starts the day before the reference date", plans: [plan({ startDate: dayBefore(REF) })], selected: 800 },
      { case: "starts on the reference date", plans: [plan({ startDate: REF })], selected: 800 },
      { case: "starts the day after the reference date", plans: [plan({ startDate: dayAfter(REF) })], selected: undefined },
      { case: "ends the day before the reference date", plans: [plan({ endDate: dayBefore(REF) })], selected: undefined },
      { case: "ends on the reference date", plans: [plan({ endDate: REF })], selected: 800 },
      { case: "ends the day after the reference date", plans: [plan({ endDate: dayAfter(REF) })], selected: 800 },
      { case: "NULL end date is open", plans: [plan({ endDate: null })], selected: 800 },
      { case: "unlocked plan is not a candidate", plans: [plan({ locked: false })], selected: undefined },
      { case: "alp plan is not a candidate", plans: [plan({ planTypeID: ILPA_TYPE })], selected: undefined },
      { case: "other module is not a candidate", plans: [plan({ planTypeID: OTHER_PLAN_TYPE })], selected: undefined },
      { case: "plan type missing from the map is not a candidate", plans: [plan({ planTypeID: 99 })], selected: undefined },
      { case: "plan from another district counts", plans: [plan({ districtID: OTHER_DISTRICT })], selected: 800 },
      {
        case: "latest end date wins",
        plans: [plan({ planID: 1, endDate: "2025-06-01" }), plan({ planID: 2, endDate: "2025-06-02", startDate: "2024-01-01" })],
        selected: 2
      },
      {
        case: "NULL end date beats a dated plan that starts later",
        plans: [plan({ planID: 1, endDate: "2025-06-01", startDate: "2025-03-01" }), plan({ planID: 2, endDate: null })],
        selected: 2
      },
      {
        case: "end-date tie: latest start date wins",
        plans: [plan({ planID: 5, startDate: "2024-09-01" }), plan({ planID: 4, startDate: "2024-09-02" })],
        selected: 4
      },
      {
        case: "end and start tie: highest planID wins",
        plans: [plan({ planID: 5, endDate: "2025-06-01" }), plan({ planID: 6, endDate: "2025-06-01" })],
        selected: 6
      },
      {
        case: "an incomplete plan is still selected",
        plans: [plan({ planID: 1, endDate: "2025-06-01" }), plan({ planID: 2, primaryDisability: null })],
        selected: 2
      }
    ])("$case", ({ plans, selected }) => {
      expect(selectSpecialEdPlan(plans, PLAN_MODULES, REF)?.planID).toBe(selected)
      expect(selectSpecialEdPlan([...plans].reverse(), PLAN_MODULES, REF)?.planID).toBe(selected)
    })
  })

  describe("Primary Disability in Section (column 39)", () => {
    it.each<{ case: string; plans: Array<Plan>; sectionEnd: string; value: string; planID: number | null; reason: string }>([
      { case: "no plans: blank", plans: [], sectionEnd: "2025-05-22", value: "", planID: null, reason: "no plan" },
      {
        case: "complete plan: its primary disability",
        plans: [plan({ primaryDisability: "13" })],
        sectionEnd: "2025-05-22",
        value: "13",
        planID: 800,
        reason: "primary disability 13"
      },
      {
        case: "section ends before today: plan starting the day after the section end is not valid",
        plans: [plan({ startDate: "2024-12-21" })],
        sectionEnd: "2024-12-20",
        value: "",
        planID: null,
        reason: "12/20/2024"
      },
      {
        case: "section ends before today: plan starting on the section end is valid",
        plans: [plan({ startDate: "2024-12-20" })],
        sectionEnd: "2024-12-20",
        value: "10",
        planID: 800,
        reason: "12/20/2024"
      },
      {
        case: "section ends before today: plan ending on the section end is valid",
        plans: [plan({ startDate: "2024-01-01", endDate: "2024-12-20" })],
        sectionEnd: "2024-12-20",
        value: "10",
        planID: 800,
        reason: "selected for 12/20/2024"
      },
      {
        case: "section ends after today: plan starting the day after today is not valid",
        plans: [plan({ startDate: dayAfter(TODAY) })],
        sectionEnd: "2025-05-22",
        value: "",
        planID: null,
        reason: "04/10/2025"
      },
      {
        case: "section ends after today: plan ending the day before today is not valid",
        plans: [plan({ startDate: "2024-01-01", endDate: dayBefore(TODAY) })],
        sectionEnd: "2025-05-22",
        value: "",
        planID: null,
        reason: "no locked specialEd plan is valid on 04/10/2025"
      },
      {
        case: "section ends after today: plan ending on today is valid",
        plans: [plan({ startDate: "2024-01-01", endDate: TODAY })],
        sectionEnd: "2025-05-22",
        value: "10",
        planID: 800,
        reason: "04/10/2025"
      },
      {
        case: "missing primary disability: blank with the plan as evidence",
        plans: [plan({ primaryDisability: null })],
        sectionEnd: "2025-05-22",
        value: "",
        planID: 800,
        reason: "primary disability is empty"
      },
      {
        case: "missing special ed status: blank",
        plans: [plan({ specialEdStatus: null })],
        sectionEnd: "2025-05-22",
        value: "",
        planID: 800,
        reason: "special ed status is empty"
      },
      {
        case: "missing special ed setting: not required for the section column",
        plans: [plan({ specialEdSetting: null })],
        sectionEnd: "2025-05-22",
        value: "10",
        planID: 800,
        reason: "primary disability 10"
      },
      {
        case: "selected plan incomplete: an older complete plan is not used instead",
        plans: [
          plan({ planID: 1, endDate: "2025-06-30", primaryDisability: "05" }),
          plan({ planID: 2, endDate: null, primaryDisability: null })
        ],
        sectionEnd: "2025-05-22",
        value: "",
        planID: 2,
        reason: "primary disability is empty"
      },
      {
        case: "plan from another district counts",
        plans: [plan({ districtID: OTHER_DISTRICT, primaryDisability: "09" })],
        sectionEnd: "2025-05-22",
        value: "09",
        planID: 800,
        reason: "09"
      }
    ])("$case", ({ plans, sectionEnd, value, planID, reason }) => {
      const verdict = evaluatePrimaryDisabilityInSection(plans, PLAN_MODULES, sectionEnd, TODAY)
      expect(verdict.value).toBe(value)
      expect(verdict.record).toEqual(planID === null ? null : { table: "plan", id: planID })
      expect(verdict.reason).toContain(reason)
    })
  })

  describe("Primary Disability Enrollment (column 47)", () => {
    it.each<{ case: string; plans: Array<Plan>; eee: string; value: string; planID: number | null; reason: string }>([
      { case: "complete plan: its primary disability", plans: [plan()], eee: TODAY, value: "10", planID: 800, reason: "10" },
      {
        case: "missing special ed setting: blank",
        plans: [plan({ specialEdSetting: null })],
        eee: TODAY,
        value: "",
        planID: 800,
        reason: "special ed setting is empty"
      },
      {
        case: "every required field missing: all named",
        plans: [plan({ primaryDisability: null, specialEdStatus: null, specialEdSetting: null })],
        eee: TODAY,
        value: "",
        planID: 800,
        reason: "primary disability and special ed status and special ed setting are empty"
      },
      {
        case: "enrollment ended: plan starting the day after the end date is not valid",
        plans: [plan({ startDate: "2025-02-01" })],
        eee: "2025-01-31",
        value: "",
        planID: null,
        reason: "01/31/2025"
      },
      {
        case: "enrollment ended: plan starting on the end date is valid",
        plans: [plan({ startDate: "2025-01-31" })],
        eee: "2025-01-31",
        value: "10",
        planID: 800,
        reason: "01/31/2025"
      },
      {
        case: "EEE after today: reference is today, plan starting the day after today is not valid",
        plans: [plan({ startDate: dayAfter(TODAY) })],
        eee: "2025-06-30",
        value: "",
        planID: null,
        reason: "04/10/2025"
      },
      {
        case: "EEE after today: plan ending on today is valid",
        plans: [plan({ startDate: "2024-01-01", endDate: TODAY })],
        eee: "2025-06-30",
        value: "10",
        planID: 800,
        reason: "04/10/2025"
      }
    ])("$case", ({ plans, eee, value, planID, reason }) => {
      const verdict = evaluatePrimaryDisabilityEnrollment(plans, PLAN_MODULES, eee, TODAY)
      expect(verdict.value).toBe(value)
      expect(verdict.record).toEqual(planID === null ? null : { table: "plan", id: planID })
      expect(verdict.reason).toContain(reason)
    })
  })
})
