import type { Enrollment } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { enrollment } from "../test/records.js"
import { chooseReportedEnrollment, explainReportedEnrollment } from "./ReportedEnrollment.js"

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
    // the evidence sibling makes the same choice
    expect(explainReportedEnrollment(candidates).chosen?.enrollmentID).toBe(chosen)
    expect(explainReportedEnrollment([...candidates].reverse()).chosen?.enrollmentID).toBe(chosen)
  })

  it.each([
    { case: "none", candidates: [], decidedBy: null, runnerUp: undefined, noShows: [], reason: /no no-show; no enrollment left/ },
    { case: "only no-shows", candidates: [e(1, { noShow: true }), e(2, { noShow: true })], decidedBy: null, runnerUp: undefined, noShows: [1, 2], reason: /no-shows 1, 2 dropped; no enrollment left/ },
    { case: "one left after a no-show", candidates: [e(1, { noShow: true }), e(2)], decidedBy: null, runnerUp: undefined, noShows: [1], reason: /no-show 1 dropped; enrollment 2 is the only candidate/ },
    {
      case: "start date decides",
      candidates: [e(1, { startDate: "2024-08-13" }), e(2, { startDate: "2024-08-14" })],
      decidedBy: "latest startDate (NULL counts as latest)", runnerUp: 1, noShows: [],
      reason: /enrollment 2 over enrollment 1 \(2 candidates\) on latest startDate.*08\/14\/2024 vs 08\/13\/2024/
    },
    {
      case: "NULL end decides",
      candidates: [e(1, { endDate: "2025-05-22" }), e(2, { endDate: null })],
      decidedBy: "latest endDate (NULL counts as latest)", runnerUp: 1, noShows: [],
      reason: /on latest endDate.*NULL vs 05\/22\/2025/
    },
    {
      case: "service type decides",
      candidates: [e(9, { serviceType: "S" }), e(4, { serviceType: "P" })],
      decidedBy: "service type P before others", runnerUp: 9, noShows: [],
      reason: /enrollment 4 over enrollment 9.*P vs S/
    },
    {
      case: "id decides; the runner-up is the closest, not the first",
      candidates: [e(1, { startDate: "2024-08-01" }), e(5), e(6)],
      decidedBy: "highest enrollmentID", runnerUp: 5, noShows: [],
      reason: /enrollment 6 over enrollment 5 \(3 candidates\) on highest enrollmentID: 6 vs 5/
    }
  ])("evidence: $case", ({ candidates, decidedBy, runnerUp, noShows, reason }) => {
    const choice = explainReportedEnrollment(candidates)
    expect(choice.decidedBy?.rule ?? null).toBe(decidedBy)
    expect(choice.runnerUp?.enrollmentID).toBe(runnerUp)
    expect(choice.noShows.map((x) => x.enrollmentID)).toEqual(noShows)
    expect(choice.candidates.length).toBe(candidates.length - noShows.length)
    expect(choice.reason).toMatch(reason)
  })
})
