import type { Calendar, GradeLevelRow, School, Term } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { calendarExclusion, endingTerm, gradeRange, ktsExchange, startingTerm } from "./SectionSelection.js"

const term = (termID: number, seq: number, startDate: string | null, endDate: string | null): Term => ({
  termID,
  structureID: 1,
  name: `T${termID}`,
  seq,
  startDate,
  endDate
})

describe("startingTerm", () => {
  it.each([
    { case: "lowest seq wins", terms: [term(1, 2, "2024-08-01", null), term(2, 1, "2024-09-01", null)], chosen: 2 },
    { case: "seq tie: earliest startDate", terms: [term(1, 1, "2024-09-01", null), term(2, 1, "2024-08-01", null)], chosen: 2 },
    { case: "seq tie: a NULL startDate loses", terms: [term(1, 1, null, null), term(2, 1, "2024-08-01", null)], chosen: 2 },
    { case: "seq and date tie: lowest termID", terms: [term(7, 1, "2024-08-01", null), term(3, 1, "2024-08-01", null)], chosen: 3 },
    { case: "only a NULL-dated term", terms: [term(4, 1, null, null)], chosen: 4 }
  ])("$case", ({ chosen, terms }) => {
    expect(startingTerm(terms)?.termID).toBe(chosen)
    expect(startingTerm([...terms].reverse())?.termID).toBe(chosen)
  })

  it("has no starting term without placements", () => {
    expect(startingTerm([])).toBeUndefined()
  })
})

describe("endingTerm", () => {
  it.each([
    { case: "highest seq wins", terms: [term(1, 2, null, "2024-12-01"), term(2, 1, null, "2025-05-01")], chosen: 1 },
    { case: "seq tie: latest endDate", terms: [term(1, 2, null, "2025-05-01"), term(2, 2, null, "2025-05-22")], chosen: 2 },
    { case: "seq tie: a NULL endDate loses", terms: [term(1, 2, null, "2025-05-01"), term(2, 2, null, null)], chosen: 1 },
    { case: "seq and date tie: highest termID", terms: [term(3, 2, null, "2025-05-22"), term(7, 2, null, "2025-05-22")], chosen: 7 },
    { case: "seq tie, both endDates NULL: highest termID", terms: [term(9, 2, null, null), term(5, 2, null, null)], chosen: 9 },
    { case: "a higher seq with a NULL endDate still wins", terms: [term(1, 3, null, null), term(2, 2, null, "2025-05-22")], chosen: 1 }
  ])("$case", ({ chosen, terms }) => {
    expect(endingTerm(terms)?.termID).toBe(chosen)
    expect(endingTerm([...terms].reverse())?.termID).toBe(chosen)
  })
})

const grade = (gradeLevelID: number, stateGrade: string, excludeEnrollment = false, structureID = 1): GradeLevelRow => ({
  gradeLevelID,
  calendarID: 1,
  structureID,
  name: stateGrade,
  stateGrade,
  excludeEnrollment
})

describe("gradeRange", () => {
  it.each([
    { case: "preschool codes sort before kindergarten", rows: [grade(1, "00"), grade(2, "95"), grade(3, "05")], low: "95", high: "05" },
    { case: "14 and 20 sort after 12", rows: [grade(1, "20"), grade(2, "12"), grade(3, "14")], low: "12", high: "20" },
    { case: "excluded grade levels do not count", rows: [grade(1, "09"), grade(2, "12", true)], low: "09", high: "09" },
    { case: "other structures do not count", rows: [grade(1, "09"), grade(2, "12", false, 2)], low: "09", high: "09" },
    { case: "none left: blank", rows: [grade(1, "09", true)], low: null, high: null }
  ])("$case", ({ high, low, rows }) => {
    expect(gradeRange(rows, 1)).toEqual({ low, high })
  })
})

describe("ktsExchange", () => {
  const techID = { customID: 9, courseID: 1, object: "Course", element: "KTSTechID", value: "T1" }
  it.each([
    { case: "KTS catalog and a KTSTechID value", catalog: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)", attributes: [techID], value: "1" },
    { case: "previous year's catalog", catalog: "23-24 KTS Course Catalog (HIGH SCHOOLS ONLY)", attributes: [techID], value: "0" },
    { case: "catalog name differs in case", catalog: "24-25 KTS course catalog (HIGH SCHOOLS ONLY)", attributes: [techID], value: "0" },
    { case: "no course master", catalog: null, attributes: [techID], value: "0" },
    { case: "KTSTechID value NULL", catalog: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)", attributes: [{ ...techID, value: null }], value: "0" },
    { case: "another attribute", catalog: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)", attributes: [{ ...techID, element: "Other" }], value: "0" },
    { case: "attribute of another object", catalog: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)", attributes: [{ ...techID, object: "Section" }], value: "0" }
  ])("$case → $value", ({ attributes, catalog, value }) => {
    const verdict = ktsExchange(catalog, attributes, 2025)
    expect(verdict.value).toBe(value)
    if (value === "1") expect(verdict.record).toEqual({ table: "customCourse", id: 9 })
  })
})

describe("calendarExclusion", () => {
  const school = (stateClassification: string | null): School => ({
    schoolID: 1,
    districtID: 1,
    number: "001",
    name: "S",
    stateClassification
  })
  const calendar = (fields: Partial<Calendar> = {}): Calendar => ({
    calendarID: 1,
    schoolID: 1,
    name: "C",
    endYear: 2025,
    startDate: "2024-08-01",
    endDate: "2025-06-30",
    summerSchool: false,
    exclude: false,
    ...fields
  })
  const criteria = { endYear: 2025, from: "2024-07-01", to: "2025-06-30" }

  it.each(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2", "C1", "C2", "D1"])("classification %s is reported", (code) => {
    expect(calendarExclusion(calendar(), school(code), criteria)).toBeNull()
  })
  it.each(["C3", "C4", "C5", "F1", "F2", "F3", "J1", "M1", "M2", "R1", null])("classification %s is not", (code) => {
    expect(calendarExclusion(calendar(), school(code), criteria)).not.toBeNull()
  })
  it.each([
    { case: "other end year", fields: { endYear: 2024 }, excluded: true },
    { case: "summer school", fields: { summerSchool: true }, excluded: true },
    { case: "calendar.exclude is ignored", fields: { exclude: true }, excluded: false },
    { case: "ends the day before from", fields: { startDate: "2024-01-01", endDate: "2024-06-30" }, excluded: true },
    { case: "ends on from", fields: { startDate: "2024-01-01", endDate: "2024-07-01" }, excluded: false },
    { case: "starts on to", fields: { startDate: "2025-06-30", endDate: "2025-08-01" }, excluded: false },
    { case: "starts the day after to", fields: { startDate: "2025-07-01", endDate: "2025-08-01" }, excluded: true }
  ])("$case", ({ excluded, fields }) => {
    expect(calendarExclusion(calendar(fields), school("A1"), criteria) !== null).toBe(excluded)
  })
})
