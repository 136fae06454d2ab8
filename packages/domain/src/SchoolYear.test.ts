import { describe, expect, it } from "vitest"
import { GradeLevel } from "./CodeList.js"
import { endYearOf, ktsCatalogName, ktsTechCatalogName, schoolYearEnd, schoolYearStart } from "./SchoolYear.js"

describe("ktsCatalogName", () => {
  it.each([
    { endYear: 2025, expected: "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)" },
    { endYear: 2023, expected: "22-23 KTS Course Catalog (HIGH SCHOOLS ONLY)" },
    { endYear: 2000, expected: "99-00 KTS Course Catalog (HIGH SCHOOLS ONLY)" },
    { endYear: 2010, expected: "09-10 KTS Course Catalog (HIGH SCHOOLS ONLY)" }
  ])("names the catalog for end year $endYear", ({ endYear, expected }) => {
    expect(ktsCatalogName(endYear)).toBe(expected)
  })
})

describe("school year", () => {
  it("runs from July 1 of the year before to June 30 of the end year", () => {
    expect(schoolYearStart(2025)).toBe("2024-07-01")
    expect(schoolYearEnd(2025)).toBe("2025-06-30")
  })
})

describe("GradeLevel", () => {
  it("ranks grades in the report's order, preschool before kindergarten, 14 and 20 last", () => {
    const order = ["95", "96", "97", "98", "99", "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
      "12", "14", "20"]
    expect(GradeLevel.entries.map((entry) => entry.code)).toEqual(order)
    expect(GradeLevel.rankOf("99")).toBeLessThan(GradeLevel.rankOf("00"))
    expect(GradeLevel.rankOf("03")).toBeLessThan(GradeLevel.rankOf("04"))
    expect(GradeLevel.rankOf("13")).toBe(-1)
  })
})

describe("ktsTechCatalogName", () => {
  it.each([
    { endYear: 2025, expected: "24-25 KTS Course Catalog (TECH SCHOOLS ONLY)" },
    { endYear: 2000, expected: "99-00 KTS Course Catalog (TECH SCHOOLS ONLY)" },
    { endYear: 2010, expected: "09-10 KTS Course Catalog (TECH SCHOOLS ONLY)" }
  ])("names the technical schools' catalog for end year $endYear", ({ endYear, expected }) => {
    expect(ktsTechCatalogName(endYear)).toBe(expected)
  })
})

describe("endYearOf", () => {
  it.each([
    { date: "2024-06-30", expected: 2024 },
    { date: "2024-07-01", expected: 2025 },
    { date: "2024-07-02", expected: 2025 },
    { date: "2024-12-31", expected: 2025 },
    { date: "2025-01-01", expected: 2025 },
    { date: "2025-06-29", expected: 2025 },
    { date: "2025-06-30", expected: 2025 },
    { date: "2025-07-01", expected: 2026 }
  ])("$date is in the school year ending $expected", ({ date, expected }) => {
    expect(endYearOf(date)).toBe(expected)
    expect(schoolYearStart(expected) <= date && date <= schoolYearEnd(expected)).toBe(true)
  })
})
