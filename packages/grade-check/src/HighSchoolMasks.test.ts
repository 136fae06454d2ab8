import { describe, expect, it } from "vitest"
import { checkHighSchoolMasks } from "./HighSchoolMasks.js"
import { baseline, changeHighSchool, changeTech, setTermDates } from "./internal/Baseline.js"

const TERM = "CTE Term Grade"

// The high school's active term Q2 runs 2024-10-16 to 2024-12-20; Q1 ends 2024-10-15, Q3 starts 2025-01-06.
describe("checkHighSchoolMasks: the tech active term's end date against the high-school active term", () => {
  it.each([
    { case: "one day before the start", techEnd: "2024-10-15", status: "fail", term: "Q1", mentions: "to term Q1" },
    { case: "equal to the start", techEnd: "2024-10-16", status: "pass", term: "Q2", mentions: null },
    { case: "inside", techEnd: "2024-12-18", status: "pass", term: "Q2", mentions: null },
    { case: "equal to the end", techEnd: "2024-12-20", status: "pass", term: "Q2", mentions: null },
    { case: "one day after the end, no term holds it", techEnd: "2024-12-21", status: "fail", term: "Q2", mentions: "no term" },
    { case: "in the next quarter", techEnd: "2025-01-06", status: "fail", term: "Q3", mentions: "to term Q3" },
    { case: "NULL", techEnd: null, status: "fail", term: "Q2", mentions: "no term" }
  ])("tech end date $case ($techEnd): $status, names $term", ({ techEnd, status, term, mentions }) => {
    const snapshot = changeTech(setTermDates(61, "2024-08-05", techEnd))
    const result = checkHighSchoolMasks(snapshot, TERM)
    expect(result.status).toBe(status)
    expect(result.term).toBe(term)
    if (mentions === null) expect(result.fix).toBeNull()
    else {
      expect(result.fix?.who).toBe("high school")
      expect(result.fix?.what).toContain(mentions)
      expect(result.fix?.what).toContain("4821V")
      expect(result.fix?.what).toContain("section 1")
    }
  })

  it.each([
    { case: "NULL start", start: null, end: "2024-12-20" },
    { case: "NULL end", start: "2024-10-16", end: null }
  ])("a high-school active term with a $case is a mismatch", ({ start, end }) => {
    const result = checkHighSchoolMasks(changeHighSchool(setTermDates(32, start, end)), TERM)
    expect(result.status).toBe("fail")
    expect(result.fix?.what).toContain("no term")
  })

  it("names both problems when the active term is outside the mask and on the wrong dates", () => {
    const snapshot = changeHighSchool((side) => ({
      taskTerms: side.taskTerms.map((row) =>
        row.courseGradingTaskID !== 20 ? row : { ...row, activeMask: row.termID === 33, termMask: row.termID !== 33 }
      )
    }))
    const result = checkHighSchoolMasks(snapshot, TERM)
    expect(result.status).toBe("fail")
    expect(result.fix?.what).toContain("Term Mask of term Q3")
    expect(result.fix?.what).toContain("from term Q3 to term Q2")
    expect(result.term).toBe("Q2")
  })

  it("is n/a when the tech course has no single active term but the high school's own masks are right", () => {
    const snapshot = changeTech((side) => ({ taskTerms: side.taskTerms.map((row) => ({ ...row, activeMask: false })) }), baseline())
    const result = checkHighSchoolMasks(snapshot, TERM)
    expect(result.status).toBe("n/a")
    expect(result.fix).toBeNull()
  })
})
