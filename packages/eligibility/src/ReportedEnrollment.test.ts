import type { Enrollment } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { enrollment } from "../test/records.js"
import { chooseReportedEnrollment } from "./ReportedEnrollment.js"

const e = (enrollmentID: number, fields: Partial<Enrollment> = {}) => enrollment({ enrollmentID, ...fields })

describe("ReportedEnrollment", () => {
  it.each([
    { case: "no candidates", candidates: [], chosen: undefined },
    { case: "a single enrollment", candidates: [e(1)], chosen: 1 },
    { case: "a no-show is dropped", candidates: [e(1, { noShow: true }), e(2, { startDate: "2024-08-01" })], chosen: 2 },
    { case: "only no-shows: none", candidates: [e(1, { noShow: true })], chosen: undefined },
    {
      case: "latest start wins by one day",
      candidates: [e(1, { startDate: "2024-08-14" }), e(2, { startDate: "2024-08-13", serviceType: "P" })],
      chosen: 1
    },
    {
      case: "same start: latest end wins by one day",
      candidates: [e(1, { endDate: "2025-05-21" }), e(2, { endDate: "2025-05-22", serviceType: "S" })],
      chosen: 2
    },
    {
      case: "same start: NULL end beats any end",
      candidates: [e(3, { endDate: "2025-05-22" }), e(2, { endDate: null, serviceType: "S" })],
      chosen: 2
    },
    {
      case: "same start and end: service type P before S",
      candidates: [e(9, { endDate: "2025-05-22", serviceType: "S" }), e(4, { endDate: "2025-05-22", serviceType: "P" })],
      chosen: 4
    },
    {
      case: "same start, both ends NULL: P before a higher-ID N",
      candidates: [e(9, { serviceType: "N" }), e(4, { serviceType: "P" })],
      chosen: 4
    },
    {
      case: "same start and end, neither P: highest enrollmentID",
      candidates: [e(5, { serviceType: "N" }), e(6, { serviceType: "S" })],
      chosen: 6
    },
    {
      case: "full tie, both P: highest enrollmentID",
      candidates: [e(7), e(8)],
      chosen: 8
    },
    {
      case: "a later no-show does not hide an earlier enrollment",
      candidates: [e(1, { startDate: "2024-08-14" }), e(2, { startDate: "2025-01-06", noShow: true })],
      chosen: 1
    }
  ])("$case", ({ candidates, chosen }) => {
    expect(chooseReportedEnrollment(candidates)?.enrollmentID).toBe(chosen)
    expect(chooseReportedEnrollment([...candidates].reverse())?.enrollmentID).toBe(chosen)
  })
})
