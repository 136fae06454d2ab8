import { describe, expect, it } from "vitest"
import {
  addDays,
  compareDates,
  daysBetween,
  formatUsDate,
  formatUsDateTime,
  isLocalDate,
  isLocalDateTime,
  makeLocalDate,
  maxDate,
  minDate
} from "./LocalDate.js"

describe("isLocalDate", () => {
  it.each([
    { case: "a leap day in a leap year", text: "2024-02-29", valid: true },
    { case: "a leap day in a common year", text: "2025-02-29", valid: false },
    { case: "Feb 30 never exists", text: "2025-02-30", valid: false },
    { case: "a century that is not a leap year", text: "1900-02-29", valid: false },
    { case: "a century divisible by 400", text: "2000-02-29", valid: true },
    { case: "the last day of a 30-day month", text: "2025-04-30", valid: true },
    { case: "day 31 of a 30-day month", text: "2025-04-31", valid: false },
    { case: "day 31 of a 31-day month", text: "2025-12-31", valid: true },
    { case: "month 13", text: "2025-13-01", valid: false },
    { case: "month 00", text: "2025-00-10", valid: false },
    { case: "day 00", text: "2025-01-00", valid: false },
    { case: "US form", text: "05/30/2025", valid: false },
    { case: "missing zero padding", text: "2025-5-30", valid: false },
    { case: "a trailing space", text: "2025-05-30 ", valid: false }
  ])("$case: $text", ({ text, valid }) => {
    expect(isLocalDate(text)).toBe(valid)
  })
})

describe("isLocalDateTime", () => {
  it.each([
    { case: "minutes only", text: "2025-05-30T23:59", valid: true },
    { case: "with seconds", text: "2025-05-30T00:00:59", valid: true },
    { case: "hour 24", text: "2025-05-30T24:00", valid: false },
    { case: "second 60", text: "2025-05-30T10:00:60", valid: false },
    { case: "an impossible date", text: "2025-02-29T10:00", valid: false },
    { case: "a space instead of T", text: "2025-05-30 10:00", valid: false }
  ])("$case: $text", ({ text, valid }) => {
    expect(isLocalDateTime(text)).toBe(valid)
  })
})

describe("addDays", () => {
  it.each([
    { case: "into a leap day", date: "2024-02-28", days: 1, expected: "2024-02-29" },
    { case: "out of a leap day", date: "2024-02-29", days: 1, expected: "2024-03-01" },
    { case: "over Feb 28 in a common year", date: "2025-02-28", days: 1, expected: "2025-03-01" },
    { case: "over a 30-day month end", date: "2025-04-30", days: 1, expected: "2025-05-01" },
    { case: "over a year end", date: "2024-12-31", days: 1, expected: "2025-01-01" },
    { case: "back over a year start", date: "2025-01-01", days: -1, expected: "2024-12-31" },
    { case: "back into a leap day", date: "2024-03-01", days: -1, expected: "2024-02-29" },
    { case: "a whole leap year", date: "2024-01-01", days: 366, expected: "2025-01-01" },
    { case: "zero days", date: "2025-05-30", days: 0, expected: "2025-05-30" }
  ])("$case", ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected)
    expect(daysBetween(date, expected)).toBe(days)
  })
})

describe("comparisons", () => {
  it.each([
    { case: "day before", a: "2025-05-29", b: "2025-05-30", order: -1 },
    { case: "same day", a: "2025-05-30", b: "2025-05-30", order: 0 },
    { case: "day after", a: "2025-05-31", b: "2025-05-30", order: 1 },
    { case: "across a year", a: "2024-12-31", b: "2025-01-01", order: -1 }
  ])("$case", ({ a, b, order }) => {
    expect(compareDates(a, b)).toBe(order)
    expect(minDate(a, b)).toBe(order <= 0 ? a : b)
    expect(maxDate(a, b)).toBe(order >= 0 ? a : b)
  })
})

describe("formatting", () => {
  it("prints MM/DD/YYYY and MM/DD/YYYY HH:MM", () => {
    expect(formatUsDate("2025-02-03")).toBe("02/03/2025")
    expect(formatUsDateTime("2025-02-03T07:05:09")).toBe("02/03/2025 07:05")
  })

  it("builds only real dates", () => {
    expect(makeLocalDate(2024, 2, 29)).toBe("2024-02-29")
    expect(() => makeLocalDate(2025, 2, 29)).toThrow(RangeError)
  })
})
