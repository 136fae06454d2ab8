import { describe, expect, it } from "vitest"
import { type CheckResult, sortResults } from "./CheckResult.js"
import { runChecks } from "./GradeCheck.js"
import { baseline, changeHighSchool, changeTech, setMasks } from "./internal/Baseline.js"
import { csvFileName, csvRow, escapeHtml, formatCsv, formatHtml, formatText, type GradeCheckDocument } from "./Report.js"

const documentOf = (results: ReadonlyArray<CheckResult>): GradeCheckDocument => ({ asOf: "2025-01-10", endYear: 2025, results })

describe("formatText", () => {
  it("marks each result ✓ ✗ ! – and gives the fix under a failure", () => {
    const results = runChecks(changeTech(setMasks(50, 61, { termMask: false })))
    const text = formatText(documentOf(results))
    expect(text).toContain("✓ 1. Process alerts: pass")
    expect(text).toMatch(/✗ 3\. Technical school's term and active masks \(CTE Term Grade, term T1\): fail/)
    expect(text).toMatch(/Fix, by the technical school: .*Term Mask of term T1/)
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/results: \d+ pass, 1 fail, 0 warning, 0 n\/a$/)
  })
})

describe("formatCsv", () => {
  it("has the header and one row per result that does not pass, naming the side at fault", () => {
    const snapshot = changeHighSchool(setMasks(21, 32, { termMask: false }), changeTech(setMasks(50, 61, { termMask: false })))
    const lines = formatCsv(documentOf(runChecks(snapshot))).trimEnd().split("\n")
    expect(lines[0]).toBe("School,Course Number,Section Number,Task,Term,Check,Severity,Finding,Fix")
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^902-030,470101,2,CTE Term Grade,T1,techMasks,fail,/)
    expect(lines[2]).toMatch(/^165-010,4821V,1,CTE Final Grade,Q2,highSchoolMasks,fail,.*,"?high school: /)
  })

  it.each([
    { target: { kind: "school" as const, district: "165", school: "010" }, name: "KTS_GradeCheck_165-010.csv" },
    { target: { kind: "student" as const, stateID: "1234567890" }, name: "KTS_GradeCheck_1234567890.csv" }
  ])("names the file $name", ({ target, name }) => {
    expect(csvFileName(target)).toBe(name)
  })

  it("quotes fields with commas and quotes", () => {
    const result = runChecks(baseline())[0]!
    const row = csvRow({ ...result, status: "fail", finding: "a \"quoted\", text", fix: { who: "high school", what: "x" } })
    expect(row[7]).toBe("a \"quoted\", text")
    expect(formatCsv(documentOf([{ ...result, status: "fail", finding: "a \"q\", t" }]))).toContain("\"a \"\"q\"\", t\"")
  })
})

describe("formatHtml", () => {
  it("escapes every value", () => {
    const result = runChecks(baseline())[0]!
    const html = formatHtml(documentOf([{ ...result, finding: "<script>alert(1)</script> & 'x'" }]))
    expect(html).not.toContain("<script>")
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;")
  })

  it.each([["<", "&lt;"], [">", "&gt;"], ["&", "&amp;"], ["\"", "&quot;"], ["'", "&#39;"]])("escapes %s", (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped)
  })
})

describe("sortResults", () => {
  it("orders tasks none, Term, Final, Exam, then others by name", () => {
    const base = runChecks(baseline())[0]!
    const tasks = ["Zeta", "CTE Final Exam", null, "Alpha", "CTE Term Grade", "CTE Final Grade"]
    const sorted = sortResults(tasks.map((task) => ({ ...base, check: "cteTasksOnly" as const, task })))
    expect(sorted.map((result) => result.task)).toEqual([null, "CTE Term Grade", "CTE Final Grade", "CTE Final Exam", "Alpha", "Zeta"])
  })

  it("orders pairings by high-school course number, then KTSTechID", () => {
    const base = runChecks(baseline())[0]!
    const at = (courseNumber: string, ktsTechID: string): CheckResult => ({
      ...base,
      highSchool: { ...base.highSchool!, courseNumber },
      tech: { ...base.tech!, ktsTechID }
    })
    const sorted = sortResults([at("B", "902-030-1"), at("A", "902-030-9"), at("A", "902-030-10")])
    expect(sorted.map((result) => `${result.highSchool!.courseNumber} ${result.tech!.ktsTechID}`)).toEqual(["A 902-030-10", "A 902-030-9", "B 902-030-1"])
  })
})
