/**
 * `explain`: every row and derived value for one student, with evidence, and
 * never a name or a birth date.
 */
import { afterAll, describe, expect, it } from "vitest"
import { explainStudent, formatExplanation } from "../src/index.js"
import { addSection, AsOf, baseBundle, edit, makeWorkDir, storeFromBundle } from "./support/Bundle.js"

const work = makeWorkDir()
afterAll(() => work.cleanup())

const bundle = () => {
  const rows = baseBundle()
  rows.planType = [{ planTypeID: 1, name: "IEP", module: "specialEd" }]
  rows.plan = [{ planID: 77, personID: 2000, districtID: 1, planTypeID: 1, startDate: "2024-08-01", endDate: null, locked: 1, primaryDisability: "09", specialEdStatus: "A", specialEdSetting: "B" }]
  rows.person!.push({ personID: 1100, firstName: "Carlotta", lastName: "Quexley" }, { personID: 1200, firstName: "Manfred", lastName: "Zorblat" })
  rows.teamMember = [
    { teamMemberID: 1, personID: 2000, staffPersonID: 1100, module: "specialEd", role: "Case Manager" },
    { teamMemberID: 2, personID: 2000, staffPersonID: 1200, module: "specialEd", role: "Case Manager" }
  ]
  // A cross-site section the student is also rostered in: left out by default.
  addSection(rows, 610, { crossSiteEnrollment: "KTS", number: 2 })
  rows.roster!.push({ rosterID: 910, sectionID: 610, personID: 2000, startDate: "2024-08-14", endDate: null })
  // A section where the student's roster row ended early.
  addSection(rows, 620, { number: 3 })
  rows.roster!.push({ rosterID: 920, sectionID: 620, personID: 2000, startDate: "2024-08-14", endDate: "2024-10-01" })
  edit(rows, "person", "personID", 1000, { firstName: "Tinuviel", lastName: "Tutorova" })
  return rows
}

describe("explainStudent", () => {
  const db = storeFromBundle(work.dir, bundle())
  afterAll(() => db.close())

  it("explains each section the student is rostered in", () => {
    const report = explainStudent(db, { endYear: 2025, asOf: AsOf, stateID: "1000000001" })
    expect(report.persons).toHaveLength(1)
    const [person] = report.persons
    expect(person!.personID).toBe(2000)
    expect(person!.sections.map((section) => [section.sectionID, section.sectionReported, section.studentReported])).toEqual([
      [600, true, true],
      [610, false, false],
      [620, true, false]
    ])
    const reported = person!.sections[0]!
    expect(reported.rows).toHaveLength(2)
    expect(reported.chosenEnrollmentID).toBe(3000)
    expect(reported.studentFacts.find((fact) => fact.column === "Primary Disability Enrollment")).toMatchObject({
      value: "09",
      record: { table: "plan", id: 77 }
    })
    expect(reported.studentFacts.filter((fact) => fact.column === "Case Manager PersonID").map((fact) => fact.value)).toEqual(["1100", "1200"])
    expect(reported.studentFacts.find((fact) => fact.column === "Effective enrollment end (EEE)")?.value).toBe("03/01/2025")
    expect(reported.sectionFacts.find((fact) => fact.column === "Primary Teacher PersonID")?.value).toBe("1000")
    // The choices are explained from the rules' own evidence.
    expect(reported.studentFacts.find((fact) => fact.column === "Reported enrollment")?.reason).toMatch(
      /no no-show; enrollment 3000 is the only candidate$/
    )
    expect(reported.sectionFacts.find((fact) => fact.column === "Section Start Date")?.reason).toMatch(
      /^starting term: term \d+ (is the only candidate|over term \d+ \(\d candidates\) on lowest seq)/
    )
    expect(reported.sectionFacts.find((fact) => fact.column === "Section End Date")?.reason).toMatch(
      /^ending term: term \d+ (is the only candidate|over term \d+ \(\d candidates\) on highest seq)/
    )
    expect(person!.sections[1]!.sectionReason).toMatch(/cross-site/)
    expect(person!.sections[2]!.studentReason).toMatch(/no roster row/)
  })

  it("never carries names or birth dates", () => {
    const report = explainStudent(db, { endYear: 2025, asOf: AsOf, stateID: "1000000001" })
    const text = formatExplanation(report) + JSON.stringify(report)
    for (const secret of ["Ada", "Lovelace", "Augusta", "Byron", "Tinuviel", "Tutorova", "Carlotta", "Quexley", "Manfred", "Zorblat", "2008-12-10", "12/10/2008"]) {
      expect(text).not.toContain(secret)
    }
    expect(formatExplanation(report)).toContain("Person 2000 (state ID 1000000001)")
    expect(formatExplanation(report)).toContain("Primary Disability Enrollment = \"09\"  [plan 77]")
  })

  it("narrows to one section and follows the cross-site option", () => {
    const report = explainStudent(db, { endYear: 2025, asOf: AsOf, stateID: "1000000001", sectionID: 610, excludeCrossSite: false })
    expect(report.persons[0]!.sections.map((section) => [section.sectionID, section.studentReported])).toEqual([[610, true]])
  })

  it("says when no person has the state ID", () => {
    const report = explainStudent(db, { endYear: 2025, asOf: AsOf, stateID: "nope" })
    expect(report.persons).toEqual([])
    expect(formatExplanation(report)).toContain("No person has state ID nope.")
  })
})
