import { describe, expect, it } from "vitest"
import { compareNumericText, compareSections, compareText } from "./RowOrder.js"

describe("compareText", () => {
  it.each([
    { a: "", b: "A", sign: -1 },
    { a: "Z", b: "a", sign: -1 },
    { a: "O'Neil", b: "Oakes", sign: -1 },
    { a: "Ábel", b: "Zed", sign: 1 },
    { a: "010", b: "010", sign: 0 }
  ])("$a vs $b", ({ a, b, sign }) => {
    expect(Math.sign(compareText(a, b))).toBe(sign)
  })
})

describe("compareNumericText", () => {
  it.each([
    { a: "", b: "0", sign: -1 },
    { a: "0", b: "7", sign: -1 },
    { a: "9", b: "10", sign: -1 },
    { a: "10", b: "10", sign: 0 }
  ])("$a vs $b", ({ a, b, sign }) => {
    expect(Math.sign(compareNumericText(a, b))).toBe(sign)
  })
})

describe("compareSections", () => {
  const key = { districtNumber: "165", schoolNumber: "010", calendarName: "C", courseNumber: "0456V", sectionNumber: 2, sectionID: 50 }
  it.each([
    { case: "district number first", other: { districtNumber: "001", schoolNumber: "999" }, sign: 1 },
    { case: "then school number", other: { schoolNumber: "020", calendarName: "A" }, sign: -1 },
    { case: "then calendar name", other: { calendarName: "D", courseNumber: "0001" }, sign: -1 },
    { case: "then course number", other: { courseNumber: "0457", sectionNumber: 1 }, sign: -1 },
    { case: "section number numerically", other: { sectionNumber: 10, sectionID: 1 }, sign: -1 },
    { case: "then section ID", other: { sectionID: 49 }, sign: 1 }
  ])("$case", ({ other, sign }) => {
    expect(Math.sign(compareSections(key, { ...key, ...other }))).toBe(sign)
  })
})
