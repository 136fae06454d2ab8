import { describe, expect, it } from "vitest"
import {
  dayAfter,
  dayBefore,
  DISTRICT,
  enrollment,
  ENROLLMENT_START,
  LAST_INSTRUCTIONAL_DAY,
  OTHER_DISTRICT,
  TODAY,
  windowOf
} from "../test/records.js"
import {
  effectiveEnrollmentEnd,
  explainEffectiveEnrollmentEnd,
  lastDayOrToday,
  overlapsEnrollment,
  sameDistrict
} from "./EnrollmentWindow.js"

describe("EnrollmentWindow", () => {
  describe("effectiveEnrollmentEnd", () => {
    it.each([
      { case: "end date set: it is EEE, even after today", endDate: "2025-06-30", lid: "2025-05-22", today: "2025-04-10", eee: "2025-06-30" },
      { case: "end date set: it is EEE, even before LID", endDate: "2024-12-01", lid: "2025-05-22", today: "2025-06-10", eee: "2024-12-01" },
      { case: "open, LID the day before today: LID", endDate: null, lid: dayBefore(TODAY), today: TODAY, eee: dayBefore(TODAY) },
      { case: "open, LID on today: today", endDate: null, lid: TODAY, today: TODAY, eee: TODAY },
      { case: "open, LID the day after today: today", endDate: null, lid: dayAfter(TODAY), today: TODAY, eee: TODAY },
      { case: "open, no LID: today", endDate: null, lid: null, today: TODAY, eee: TODAY }
    ])("$case", ({ endDate, lid, today, eee }) => {
      expect(effectiveEnrollmentEnd(enrollment({ endDate }), lid, today)).toBe(eee)
      expect(windowOf({ endDate }, lid, today).effectiveEnd).toBe(eee)
      const explained = explainEffectiveEnrollmentEnd(enrollment({ enrollmentID: 77, endDate }), lid, today)
      expect(explained.value).toBe(eee)
      expect(explained.record).toEqual({ table: "enrollment", id: 77 })
      expect(explained.reason).toMatch(endDate === null ? /has no endDate.*Last Instructional Day.*today/ : /enrollment's endDate/)
      if (endDate === null) expect(explained.reason).toContain(lid === null ? "(blank)" : lid.slice(5, 7) + "/")
    })
  })

  describe("lastDayOrToday", () => {
    it.each([
      { case: "LID before today", lid: dayBefore(TODAY), expected: dayBefore(TODAY) },
      { case: "LID on today", lid: TODAY, expected: TODAY },
      { case: "LID after today", lid: dayAfter(TODAY), expected: TODAY },
      { case: "no LID", lid: null, expected: TODAY }
    ])("$case", ({ lid, expected }) => {
      expect(lastDayOrToday(lid, TODAY)).toBe(expected)
      expect(windowOf({ endDate: "2025-01-31" }, lid, TODAY).lastDayOrToday).toBe(expected)
    })
  })

  describe("overlapsEnrollment", () => {
    // Open enrollment, default LID after today: EEE is TODAY.
    const window = windowOf()
    it.each([
      { case: "starts the day before EEE", startDate: dayBefore(TODAY), endDate: null, overlaps: true },
      { case: "starts on EEE", startDate: TODAY, endDate: null, overlaps: true },
      { case: "starts the day after EEE", startDate: dayAfter(TODAY), endDate: null, overlaps: false },
      { case: "NULL start never overlaps", startDate: null, endDate: null, overlaps: false },
      { case: "ends the day before the enrollment start", startDate: "2024-01-01", endDate: dayBefore(ENROLLMENT_START), overlaps: false },
      { case: "ends on the enrollment start", startDate: "2024-01-01", endDate: ENROLLMENT_START, overlaps: true },
      { case: "ends the day after the enrollment start", startDate: "2024-01-01", endDate: dayAfter(ENROLLMENT_START), overlaps: true },
      { case: "NULL end is open", startDate: "2024-01-01", endDate: null, overlaps: true }
    ])("$case", ({ startDate, endDate, overlaps }) => {
      expect(overlapsEnrollment({ startDate, endDate }, window)).toBe(overlaps)
    })

    it("uses LID as EEE when LID is before today", () => {
      const early = windowOf({}, LAST_INSTRUCTIONAL_DAY, "2025-06-15")
      expect(overlapsEnrollment({ startDate: LAST_INSTRUCTIONAL_DAY, endDate: null }, early)).toBe(true)
      expect(overlapsEnrollment({ startDate: dayAfter(LAST_INSTRUCTIONAL_DAY), endDate: null }, early)).toBe(false)
    })
  })

  describe("sameDistrict", () => {
    it.each([
      { case: "the enrollment's district", districtID: DISTRICT, same: true },
      { case: "another district", districtID: OTHER_DISTRICT, same: false },
      { case: "NULL district", districtID: null, same: false }
    ])("$case", ({ districtID, same }) => {
      expect(sameDistrict({ districtID }, windowOf())).toBe(same)
    })
  })
})
