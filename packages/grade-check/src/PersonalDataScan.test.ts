import { describe, expect, it } from "vitest"
import { csvText, type CsvValue } from "./Csv.js"
import { type PendingFile, scanForPersonalData, type ScannedPerson } from "./PersonalDataScan.js"

const persons: ReadonlyArray<ScannedPerson> = [
  { database: "d165", personID: 501, firstName: "May", lastName: "Okafor", legalFirstName: "Mayra", legalLastName: "Okafor-Diaz", birthDate: "2008-03-14" },
  { database: "d165", personID: 502, firstName: "Henry", lastName: "Lincoln", legalFirstName: null, legalLastName: null, birthDate: null },
  { database: "tech", personID: 9, firstName: "Grace", lastName: "Clay", legalFirstName: null, legalLastName: null, birthDate: "1979-11-02" }
]

const csv = (rows: Array<Array<CsvValue>>): PendingFile => ({ path: "setup/high-school/course.csv", kind: "csv", text: csvText(rows), rows })
const text = (body: string): PendingFile => ({ path: "request.txt", kind: "text", text: body })
const json = (value: unknown): PendingFile => ({ path: "checks.json", kind: "json", text: JSON.stringify(value, null, 2), value })

describe("scanForPersonalData", () => {
  it.each([
    { case: "preferred full name in free text", file: text("Please look at may okafor's grade"), rule: "full name" },
    { case: "Last, First", file: text("student OKAFOR, MAY"), rule: "full name" },
    { case: "legal full name", file: text("Mayra Okafor-Diaz"), rule: "full name" },
    { case: "birth date ISO", file: text("born 2008-03-14"), rule: "birth date" },
    { case: "birth date US", file: text("born 03/14/2008 at home"), rule: "birth date" },
    { case: "staff birth date in a CSV field", file: csv([["a"], ["x 11/02/1979"]]), rule: "birth date" },
    { case: "a last name alone as a CSV field", file: csv([["courseID", "name"], [10, "okafor"]]), rule: "single name as a whole value" },
    { case: "a first name alone as a JSON string", file: json({ results: [{ note: "Grace" }] }), rule: "single name as a whole value" },
    { case: "a legal last name as a CSV field", file: csv([["x"], ["Okafor-Diaz"]]), rule: "single name as a whole value" }
  ])("hits $case", ({ file, rule }) => {
    const hit = scanForPersonalData([file], persons)
    expect(hit?.rule).toBe(rule)
  })

  it.each([
    { case: "a first name inside free text", file: text("Grades due in May; by the grace period") },
    { case: "a school named Henry Clay", file: csv([["schoolID", "name"], [1, "Henry Clay High School"]]) },
    { case: "a course named after a person", file: csv([["courseID", "name"], [10, "Lincoln Leadership Seminar"]]) },
    { case: "a school named Henry Clay in JSON", file: json({ finding: "Henry Clay" }) },
    { case: "a one-letter score", file: csv([["score"], ["A"]]) },
    { case: "other dates", file: text("term Q2 2024-10-16 to 2024-12-20") },
    { case: "a name as part of a longer field", file: csv([["x"], ["Okafor Welding"]]) }
  ])("does not hit $case", ({ file }) => {
    expect(scanForPersonalData([file], persons)).toBeNull()
  })

  it("says where the hit is without the value", () => {
    const hit = scanForPersonalData([text("line one\nline two Henry Lincoln")], persons)
    expect(hit).toEqual({ path: "request.txt", line: 2, rule: "full name", database: "d165", personID: 502 })
  })
})
