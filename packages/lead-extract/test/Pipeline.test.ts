/**
 * The report end to end: a CSV bundle written by the test, imported by the
 * store's importer, reported by `runLeadExtract`, and read back with papaparse.
 */
import { afterAll, describe, expect, it } from "vitest"
import {
  addSchool,
  addSection,
  addStudent,
  baseBundle,
  type BundleRows,
  edit,
  makeWorkDir,
  runBundle
} from "./support/Bundle.js"

const work = makeWorkDir()
afterAll(() => work.cleanup())

const rowsOf = async (bundle: BundleRows, options = {}) => (await runBundle(work.dir, bundle, options)).rows

/** Columns 32–59: blank on a blank-student row. */
const STUDENT_COLUMNS = [
  "State ID", "Student First Name", "Student Last Name", "Gender", "Race Ethnicity", "Roster Start Date",
  "Roster End Date", "Primary Disability in Section", "EnrollmentID", "Grade", "Service Type",
  "Enrollment Start Date", "Enrollment End Date", "Enrollment Start Status", "Enrollment End Status",
  "Primary Disability Enrollment", "English Learner", "Gifted", "Migrant", "Economically Disadvantaged", "Homeless",
  "Foster Care", "Military Connected", "Home Hospital Attendance Group", "Alternative Education ILPA",
  "Case Manager PersonID", "Case Manager First Name", "Case Manager Last Name"
]

describe("columns", () => {
  it("has the 59 headers of the spec, in order", async () => {
    const report = await runBundle(work.dir, baseBundle())
    expect(report.header).toEqual([
      "Date Time Generated", "End Year", "Section ID", "District Number", "District Name", "School Number",
      "School Name", "State Classification", "Calendar Name", "Schedule Structure Name", "Last Instructional Day",
      "Low Grade", "High Grade", "Course Number", "Course Name", "Section Number", "State Course Code",
      "Core Content", "Teaching Method", "Instructional Setting", "Section Special Type", "KTS Exchange",
      "Cross-Site Section", "Responsive", "Type", "Difficulty Level", "Primary Teacher PersonID",
      "Primary Teacher First Name", "Primary Teacher Last Name", "Section Start Date", "Section End Date",
      ...STUDENT_COLUMNS
    ])
  })

  it("fills every column of the base scenario", async () => {
    const rows = await rowsOf(baseBundle())
    expect(rows).toEqual([{
      "Date Time Generated": "03/01/2025 10:15",
      "End Year": "2025",
      "Section ID": "600",
      "District Number": "165",
      "District Name": "Example County",
      "School Number": "010",
      "School Name": "Example High",
      "State Classification": "A1",
      "Calendar Name": "24-25 Example High",
      "Schedule Structure Name": "Main",
      "Last Instructional Day": "05/22/2025",
      "Low Grade": "09",
      "High Grade": "12",
      "Course Number": "0456V",
      "Course Name": "Welding I",
      "Section Number": "1",
      "State Course Code": "480101",
      "Core Content": "101",
      "Teaching Method": "02",
      "Instructional Setting": "02",
      "Section Special Type": "02",
      "KTS Exchange": "1",
      "Cross-Site Section": "0",
      "Responsive": "1",
      "Type": "PB",
      "Difficulty Level": "DC",
      "Primary Teacher PersonID": "1000",
      "Primary Teacher First Name": "Tina",
      "Primary Teacher Last Name": "Teacher",
      "Section Start Date": "08/14/2024",
      "Section End Date": "05/22/2025",
      "State ID": "1000000001",
      "Student First Name": "Ada",
      "Student Last Name": "Lovelace",
      "Gender": "F",
      "Race Ethnicity": "6",
      "Roster Start Date": "08/14/2024",
      "Roster End Date": "",
      "Primary Disability in Section": "",
      "EnrollmentID": "3000",
      "Grade": "10",
      "Service Type": "P",
      "Enrollment Start Date": "08/14/2024",
      "Enrollment End Date": "",
      "Enrollment Start Status": "E01",
      "Enrollment End Status": "",
      "Primary Disability Enrollment": "",
      "English Learner": "0",
      "Gifted": "0",
      "Migrant": "0",
      "Economically Disadvantaged": "0",
      "Homeless": "0",
      "Foster Care": "0",
      "Military Connected": "0",
      "Home Hospital Attendance Group": "0",
      "Alternative Education ILPA": "0",
      "Case Manager PersonID": "",
      "Case Manager First Name": "",
      "Case Manager Last Name": ""
    }])
  })
})

describe("which sections", () => {
  it.each<{ case: string; change: (bundle: BundleRows) => void; reported: boolean }>([
    { case: "school classification F1", change: (b) => edit(b, "school", "schoolID", 10, { stateClassification: "F1" }), reported: false },
    { case: "school classification C3", change: (b) => edit(b, "school", "schoolID", 10, { stateClassification: "C3" }), reported: false },
    { case: "no school classification", change: (b) => edit(b, "school", "schoolID", 10, { stateClassification: null }), reported: false },
    { case: "classification D1", change: (b) => edit(b, "school", "schoolID", 10, { stateClassification: "D1" }), reported: true },
    { case: "summer school calendar", change: (b) => edit(b, "calendar", "calendarID", 100, { summerSchool: 1 }), reported: false },
    { case: "calendar marked exclude", change: (b) => edit(b, "calendar", "calendarID", 100, { exclude: 1 }), reported: true },
    { case: "course inactive", change: (b) => edit(b, "course", "courseID", 500, { active: 0 }), reported: false },
    { case: "trial inactive", change: (b) => edit(b, "trial", "trialID", 400, { active: 0 }), reported: false },
    { case: "no section placement", change: (b) => (b.sectionPlacement = []), reported: false },
    { case: "starting term without startDate", change: (b) => edit(b, "term", "termID", 301, { startDate: null }), reported: false },
    { case: "ending term without endDate", change: (b) => edit(b, "term", "termID", 302, { endDate: null }), reported: false },
    { case: "a middle term without dates", change: (b) => {
      edit(b, "term", "termID", 301, { endDate: null })
      edit(b, "term", "termID", 302, { startDate: null })
    }, reported: true },
    { case: "grade levels all excluded", change: (b) => b.gradeLevel!.forEach((row) => (row.excludeEnrollment = 1)), reported: true },
    { case: "enrollment stateExclude", change: (b) => edit(b, "enrollment", "enrollmentID", 3000, { stateExclude: 1 }), reported: true },
    { case: "cross-site section (excluded by default)", change: (b) => edit(b, "section", "sectionID", 600, { crossSiteEnrollment: "KTS" }), reported: false }
  ])("$case → reported: $reported", async ({ change, reported }) => {
    const bundle = baseBundle()
    change(bundle)
    const report = await runBundle(work.dir, bundle)
    expect(report.result.sectionCount).toBe(reported ? 1 : 0)
    expect(report.rows.map((row) => row["Section ID"])).toEqual(reported ? ["600"] : [])
  })

  it("reports only the chosen end year", async () => {
    const bundle = baseBundle()
    bundle.calendar!.push({ calendarID: 101, schoolID: 10, name: "23-24", endYear: 2024, startDate: "2023-08-01", endDate: "2024-06-30" })
    expect((await runBundle(work.dir, bundle, { endYear: 2024 })).result.sectionCount).toBe(0)
    expect((await runBundle(work.dir, bundle, { endYear: 2025 })).result.sectionCount).toBe(1)
  })

  it("includes cross-site sections when asked, flagged in column 23", async () => {
    const bundle = baseBundle()
    edit(bundle, "section", "sectionID", 600, { crossSiteEnrollment: "KTS" })
    const rows = await rowsOf(bundle, { excludeCrossSite: false })
    expect(rows.map((row) => [row["Section ID"], row["Cross-Site Section"]])).toEqual([["600", "1"]])
  })

  it.each([
    { case: "range after the calendar", from: "2025-07-01", to: "2025-12-31", reported: false },
    { case: "range starting on the calendar's last day", from: "2025-06-30", to: "2025-12-31", reported: true },
    { case: "range ending on the calendar's first day", from: "2024-07-01", to: "2024-08-01", reported: true },
    { case: "range ending the day before the calendar", from: "2024-07-01", to: "2024-07-31", reported: false }
  ])("--from/--to: $case", async ({ from, reported, to }) => {
    const report = await runBundle(work.dir, baseBundle(), { from, to })
    expect(report.result.sectionCount).toBe(reported ? 1 : 0)
  })

  it("uses the trial's structure for LID, grades and the structure name", async () => {
    const bundle = baseBundle()
    bundle.scheduleStructure!.push({ structureID: 201, calendarID: 100, name: "Alternate" })
    bundle.day!.push({ calendarID: 100, structureID: 201, date: "2025-06-05", instruction: 1 })
    bundle.gradeLevel!.push({ gradeLevelID: 9, calendarID: 100, structureID: 201, name: "K", stateGrade: "00", excludeEnrollment: 0 })
    const rows = await rowsOf(bundle)
    expect(rows[0]).toMatchObject({ "Schedule Structure Name": "Main", "Last Instructional Day": "05/22/2025", "Low Grade": "09" })
  })
})

describe("which students", () => {
  // Section ends May 29 (ending term), LID is May 22.
  const withLaterSectionEnd = () => {
    const bundle = baseBundle()
    edit(bundle, "term", "termID", 302, { endDate: "2025-05-29" })
    return bundle
  }

  it.each([
    { case: "open roster row", endDate: null, reported: true },
    { case: "roster ends on the Section End Date", endDate: "2025-05-29", reported: true },
    { case: "roster ends on the Last Instructional Day", endDate: "2025-05-22", reported: true },
    { case: "roster ends the day before the LID", endDate: "2025-05-21", reported: false },
    { case: "roster ends after the Section End Date", endDate: "2025-05-30", reported: false }
  ])("$case → reported: $reported", async ({ endDate, reported }) => {
    const bundle = withLaterSectionEnd()
    edit(bundle, "roster", "rosterID", 900, { endDate })
    const rows = await rowsOf(bundle)
    expect(rows).toHaveLength(1)
    expect(rows[0]!["State ID"]).toBe(reported ? "1000000001" : "")
  })

  it("gives a person one row, from the open roster row first", async () => {
    const bundle = withLaterSectionEnd()
    bundle.roster!.push(
      { rosterID: 901, sectionID: 600, personID: 2000, startDate: "2025-01-06", endDate: "2025-05-29" },
      { rosterID: 902, sectionID: 600, personID: 2000, startDate: "2024-08-01", endDate: "2024-08-10" }
    )
    const rows = await rowsOf(bundle)
    expect(rows.map((row) => [row["Roster Start Date"], row["Roster End Date"]])).toEqual([["08/14/2024", ""]])
  })

  it("among dated roster rows uses the latest endDate, then the highest rosterID", async () => {
    const bundle = withLaterSectionEnd()
    edit(bundle, "roster", "rosterID", 900, { endDate: "2025-05-22" })
    bundle.roster!.push(
      { rosterID: 901, sectionID: 600, personID: 2000, startDate: "2025-01-06", endDate: "2025-05-29" },
      { rosterID: 899, sectionID: 600, personID: 2000, startDate: "2025-02-01", endDate: "2025-05-29" }
    )
    const rows = await rowsOf(bundle)
    expect(rows.map((row) => [row["Roster Start Date"], row["Roster End Date"]])).toEqual([["01/06/2025", "05/29/2025"]])
  })

  it.each<{ case: string; change: (bundle: BundleRows) => void }>([
    { case: "no enrollment", change: (b) => (b.enrollment = []) },
    { case: "only a no-show enrollment", change: (b) => edit(b, "enrollment", "enrollmentID", 3000, { noShow: 1 }) },
    { case: "enrollment in another structure of the calendar", change: (b) => {
      b.scheduleStructure!.push({ structureID: 201, calendarID: 100, name: "Other" })
      edit(b, "enrollment", "enrollmentID", 3000, { structureID: 201 })
    } }
  ])("a rostered student with $case is not reported", async ({ change }) => {
    const bundle = baseBundle()
    change(bundle)
    const rows = await rowsOf(bundle)
    expect(rows).toHaveLength(1)
    for (const column of STUDENT_COLUMNS) expect(rows[0]![column]).toBe("")
  })

  it.each<{ case: string; enrollments: Array<Record<string, unknown>>; chosen: string }>([
    {
      case: "the latest startDate",
      enrollments: [{ enrollmentID: 3001, startDate: "2025-01-06", endDate: null }, { enrollmentID: 3002, startDate: "2024-09-01", endDate: null }],
      chosen: "3001"
    },
    {
      case: "same start: the open enrollment",
      enrollments: [{ enrollmentID: 3001, startDate: "2025-01-06", endDate: "2025-05-22" }, { enrollmentID: 3002, startDate: "2025-01-06", endDate: null }],
      chosen: "3002"
    },
    {
      case: "same dates: service type P",
      enrollments: [{ enrollmentID: 3001, startDate: "2025-01-06", serviceType: "P" }, { enrollmentID: 3002, startDate: "2025-01-06", serviceType: "S" }],
      chosen: "3001"
    },
    {
      case: "all else equal: highest enrollmentID",
      enrollments: [{ enrollmentID: 3001, startDate: "2025-01-06", serviceType: "S" }, { enrollmentID: 3002, startDate: "2025-01-06", serviceType: "S" }],
      chosen: "3002"
    },
    {
      case: "a later no-show is passed over",
      enrollments: [{ enrollmentID: 3001, startDate: "2025-01-06", noShow: 1 }],
      chosen: "3000"
    }
  ])("reported enrollment: $case", async ({ chosen, enrollments }) => {
    const bundle = baseBundle()
    for (const fields of enrollments) {
      bundle.enrollment!.push({
        personID: 2000, calendarID: 100, structureID: 200, grade: "10", serviceType: "P", endDate: null, noShow: 0, ...fields
      } as never)
    }
    const rows = await rowsOf(bundle)
    expect(rows.map((row) => row.EnrollmentID)).toEqual([chosen])
  })

  it("reports a student whose State ID is NULL with a blank State ID", async () => {
    const bundle = baseBundle()
    edit(bundle, "person", "personID", 2000, { stateID: null })
    const rows = await rowsOf(bundle)
    expect(rows[0]).toMatchObject({ "State ID": "", "Student Last Name": "Lovelace", EnrollmentID: "3000" })
  })
})

describe("blank-student row", () => {
  it.each<{ case: string; change: (bundle: BundleRows) => void }>([
    { case: "an empty roster", change: (b) => (b.roster = []) },
    { case: "no roster row present on the last day", change: (b) => edit(b, "roster", "rosterID", 900, { endDate: "2025-01-10" }) }
  ])("a section with $case gets exactly one row with columns 32–59 blank", async ({ change }) => {
    const bundle = baseBundle()
    change(bundle)
    const report = await runBundle(work.dir, bundle)
    expect(report.result).toMatchObject({ sectionCount: 1, rowCount: 1 })
    const [row] = report.rows
    for (const column of STUDENT_COLUMNS) expect(row![column]).toBe("")
    expect(row).toMatchObject({ "Section ID": "600", "Primary Teacher PersonID": "1000", "Section End Date": "05/22/2025" })
  })
})

describe("section columns: NULLs and defaults", () => {
  it.each<{ case: string; change: (bundle: BundleRows) => void; expected: Record<string, string> }>([
    { case: "teaching method NULL → 01", change: (b) => edit(b, "course", "courseID", 500, { teachingMethod: null }), expected: { "Teaching Method": "01" } },
    { case: "section setting override wins", change: (b) => edit(b, "section", "sectionID", 600, { instructionalSetting: "05" }), expected: { "Instructional Setting": "05" } },
    { case: "no setting anywhere → 01", change: (b) => edit(b, "course", "courseID", 500, { instructionalSetting: null }), expected: { "Instructional Setting": "01" } },
    { case: "special type NULL → 01", change: (b) => edit(b, "section", "sectionID", 600, { specialType: null }), expected: { "Section Special Type": "01" } },
    { case: "type V", change: (b) => edit(b, "course", "courseID", 500, { type: "V" }), expected: { Type: "V" } },
    { case: "type outside the list → blank", change: (b) => edit(b, "course", "courseID", 500, { type: "X" }), expected: { Type: "" } },
    { case: "type NULL → blank", change: (b) => edit(b, "course", "courseID", 500, { type: null }), expected: { Type: "" } },
    { case: "difficulty outside the list → blank", change: (b) => edit(b, "course", "courseID", 500, { difficultyLevel: "HON" }), expected: { "Difficulty Level": "" } },
    { case: "difficulty IB", change: (b) => edit(b, "course", "courseID", 500, { difficultyLevel: "IB" }), expected: { "Difficulty Level": "IB" } },
    { case: "state course code and core content NULL → blank", change: (b) => {
      edit(b, "course", "courseID", 500, { stateCode: null })
      edit(b, "section", "sectionID", 600, { coreContent: null })
    }, expected: { "State Course Code": "", "Core Content": "" } },
    { case: "not responsive", change: (b) => edit(b, "course", "courseID", 500, { responsive: 0 }), expected: { Responsive: "0" } },
    { case: "no instructional day → LID blank", change: (b) => b.day!.forEach((row) => (row.instruction = 0)), expected: { "Last Instructional Day": "" } },
    { case: "no grade level counted → grades blank", change: (b) => b.gradeLevel!.forEach((row) => (row.excludeEnrollment = 1)), expected: { "Low Grade": "", "High Grade": "" } },
    { case: "course in a local catalog → KTS 0", change: (b) => edit(b, "courseMaster", "courseMasterID", 1, { catalogID: 2 }), expected: { "KTS Exchange": "0" } },
    { case: "KTSTechID NULL → KTS 0", change: (b) => edit(b, "customCourse", "customID", 1, { value: null }), expected: { "KTS Exchange": "0" } },
    { case: "no course master → KTS 0", change: (b) => edit(b, "course", "courseID", 500, { courseMasterID: null }), expected: { "KTS Exchange": "0" } },
    { case: "no primary teacher → 0, names blank", change: (b) => edit(b, "sectionStaffHistory", "historyID", 800, { staffType: "T" }), expected: { "Primary Teacher PersonID": "0", "Primary Teacher First Name": "", "Primary Teacher Last Name": "" } },
    { case: "teacher who left before today → 0", change: (b) => edit(b, "sectionStaffHistory", "historyID", 800, { endDate: "2025-02-28" }), expected: { "Primary Teacher PersonID": "0" } },
    { case: "teacher leaving after today", change: (b) => edit(b, "sectionStaffHistory", "historyID", 800, { endDate: "2025-05-01" }), expected: { "Primary Teacher PersonID": "1000", "Primary Teacher Last Name": "Teacher" } }
  ])("$case", async ({ change, expected }) => {
    const bundle = baseBundle()
    change(bundle)
    const rows = await rowsOf(bundle)
    expect(rows[0]).toMatchObject(expected)
  })
})

describe("student columns", () => {
  it("prints the enrollment's end date and statuses, and blanks NULLs", async () => {
    const bundle = baseBundle()
    edit(bundle, "enrollment", "enrollmentID", 3000, { endDate: "2025-05-22", endStatus: "W02", startStatus: null })
    edit(bundle, "roster", "rosterID", 900, { startDate: null })
    edit(bundle, "person", "personID", 2000, { gender: null, raceEthnicity: null })
    const rows = await rowsOf(bundle)
    expect(rows[0]).toMatchObject({
      "Enrollment End Date": "05/22/2025",
      "Enrollment End Status": "W02",
      "Enrollment Start Status": "",
      "Roster Start Date": "",
      Gender: "",
      "Race Ethnicity": ""
    })
  })

  it.each([
    { case: "a group on the reported enrollment, even with another personID on the row", personID: 1000, enrollmentID: 3000, expected: "1" },
    { case: "a group of the student on another enrollment", personID: 2000, enrollmentID: 3999, expected: "0" }
  ])("Home Hospital reads $case", async ({ enrollmentID, expected, personID }) => {
    const bundle = baseBundle()
    bundle.enrollment!.push({ ...bundle.enrollment!.find((row) => row["enrollmentID"] === 3000)!, enrollmentID: 3999, noShow: 1 })
    bundle.attendanceGroup = [{ groupID: 1, personID, enrollmentID, groupCategory: "HH", startDate: "2024-09-01", endDate: null }]
    const rows = await rowsOf(bundle)
    expect(rows.find((row) => row["EnrollmentID"] === "3000")!["Home Hospital Attendance Group"]).toBe(expected)
  })

  it("reads every program table, from the enrollment's district or any district as the rules say", async () => {
    const bundle = baseBundle()
    bundle.district!.push({ districtID: 2, number: "001", name: "Elsewhere" })
    edit(bundle, "person", "personID", 2000, { homePrimaryLanguage: "1200" })
    bundle.planType = [{ planTypeID: 1, name: "IEP", module: "specialEd" }, { planTypeID: 2, name: "ILPA", module: "alp" }]
    bundle.plan = [
      // A SPED plan from another district counts.
      { planID: 1, personID: 2000, districtID: 2, planTypeID: 1, startDate: "2024-08-01", endDate: null, locked: 1, primaryDisability: "10", specialEdStatus: "A", specialEdSetting: "B" },
      { planID: 2, personID: 2000, districtID: 1, planTypeID: 2, startDate: "2024-08-01", endDate: null, locked: 1 }
    ]
    bundle.lep = [{ lepID: 1, personID: 2000, districtID: 1, programStatus: "EL", identifiedDate: "2024-08-01", exitDate: null }]
    bundle.lepService = [{ lepServiceID: 1, personID: 2000, districtID: 1, startDate: "2024-08-01", endDate: null }]
    bundle.lepAccommodation = [{ accommodationID: 1, personID: 2000, districtID: 1, type: "I", startDate: "2024-08-01", endDate: null }]
    bundle.gifted = [{ giftedID: 1, personID: 2000, districtID: 1, category: "02", startDate: "2024-08-01", endDate: null }]
    bundle.migrant = [{ migrantID: 1, personID: 2000, districtID: 2, lastQualifyingArrivalDate: "2024-06-01", eligibilityExpirationDate: "2025-06-01" }]
    bundle.fram = [{ eligibilityID: 1, personID: 2000, districtID: 1, eligibility: "F", startDate: "2024-08-01", endDate: null }]
    bundle.homeless = [{ homelessID: 1, personID: 2000, districtID: 1, startDate: "2024-09-01", endDate: null }]
    bundle.fosterCare = [{ fosterCareID: 1, personID: 2000, districtID: null, startDate: "2024-09-01", endDate: null }]
    bundle.militaryConnection = [{ militaryID: 1, personID: 2000, districtID: 1, status: "Active Duty, Deployed", startDate: "2024-01-01", endDate: null }]
    bundle.attendanceGroup = [{ groupID: 1, personID: 2000, enrollmentID: 3000, groupCategory: "HH", startDate: "2024-09-01", endDate: null }]
    bundle.person!.push({ personID: 1100, firstName: "Carla", lastName: "Case" })
    bundle.teamMember = [{ teamMemberID: 1, personID: 2000, staffPersonID: 1100, module: "specialEd", role: "Case Manager", startDate: null, endDate: null }]
    const rows = await rowsOf(bundle)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      "Primary Disability in Section": "10",
      "Primary Disability Enrollment": "10",
      "English Learner": "1",
      Gifted: "1",
      Migrant: "1",
      "Economically Disadvantaged": "1",
      Homeless: "1",
      "Foster Care": "1",
      "Military Connected": "1",
      "Home Hospital Attendance Group": "1",
      "Alternative Education ILPA": "1",
      "Case Manager PersonID": "1100",
      "Case Manager First Name": "Carla",
      "Case Manager Last Name": "Case"
    })
  })

  it("does not take same-district programs from another district", async () => {
    const bundle = baseBundle()
    bundle.district!.push({ districtID: 2, number: "001", name: "Elsewhere" })
    bundle.homeless = [{ homelessID: 1, personID: 2000, districtID: 2, startDate: "2024-09-01", endDate: null }]
    bundle.fram = [{ eligibilityID: 1, personID: 2000, districtID: 2, eligibility: "F", startDate: "2024-08-01", endDate: null }]
    const rows = await rowsOf(bundle)
    expect(rows[0]).toMatchObject({ Homeless: "0", "Economically Disadvantaged": "0" })
  })
})

describe("case managers", () => {
  const spedBundle = () => {
    const bundle = baseBundle()
    bundle.planType = [{ planTypeID: 1, name: "IEP", module: "specialEd" }]
    bundle.plan = [{ planID: 1, personID: 2000, districtID: 1, planTypeID: 1, startDate: "2024-08-01", endDate: null, locked: 1, primaryDisability: "09", specialEdStatus: "A", specialEdSetting: "B" }]
    bundle.person!.push(
      { personID: 1100, firstName: "Carla", lastName: "Case" },
      { personID: 1200, firstName: "Manny", lastName: "Manager" },
      { personID: 1300, firstName: "Old", lastName: "Former" }
    )
    bundle.teamMember = [
      { teamMemberID: 1, personID: 2000, staffPersonID: 1200, module: "specialEd", role: "Case Manager", endDate: null },
      { teamMemberID: 2, personID: 2000, staffPersonID: 1100, module: "specialEd", role: "Case Manager", endDate: "2025-03-01" },
      { teamMemberID: 3, personID: 2000, staffPersonID: 1300, module: "specialEd", role: "Case Manager", endDate: "2025-02-28" },
      { teamMemberID: 4, personID: 2000, staffPersonID: 1300, module: "specialEd", role: "case manager", endDate: null },
      { teamMemberID: 5, personID: 2000, staffPersonID: 1200, module: "specialEd", role: "Case Manager", endDate: null }
    ]
    return bundle
  }
  const managerColumns = (rows: Array<Record<string, string>>) =>
    rows.map((row) => [row["Case Manager PersonID"], row["Case Manager First Name"], row["Case Manager Last Name"]])

  it("gives one row per distinct active case manager, in personID order, all else equal", async () => {
    const report = await runBundle(work.dir, spedBundle())
    expect(report.result).toMatchObject({ sectionCount: 1, rowCount: 2 })
    expect(managerColumns(report.rows)).toEqual([["1100", "Carla", "Case"], ["1200", "Manny", "Manager"]])
    const strip = (row: Record<string, string>) => {
      const { "Case Manager First Name": _a, "Case Manager Last Name": _b, "Case Manager PersonID": _c, ...rest } = row
      return rest
    }
    expect(strip(report.rows[0]!)).toEqual(strip(report.rows[1]!))
  })

  it.each<{ case: string; change: (bundle: BundleRows) => void; expected: Array<Array<string>> }>([
    { case: "no active case manager → 0", change: (b) => (b.teamMember = []), expected: [["0", "", ""]] },
    { case: "enrollment ended → blank", change: (b) => edit(b, "enrollment", "enrollmentID", 3000, { endDate: "2025-05-22" }), expected: [["", "", ""]] },
    { case: "A2 technical center → blank", change: (b) => edit(b, "school", "schoolID", 10, { stateClassification: "A2" }), expected: [["", "", ""]] },
    { case: "C2 technical center → blank", change: (b) => edit(b, "school", "schoolID", 10, { stateClassification: "C2" }), expected: [["", "", ""]] },
    { case: "no SPED setting → column 47 blank → blank", change: (b) => edit(b, "plan", "planID", 1, { specialEdSetting: null }), expected: [["", "", ""]] }
  ])("$case", async ({ change, expected }) => {
    const bundle = spedBundle()
    change(bundle)
    expect(managerColumns(await rowsOf(bundle))).toEqual(expected)
  })
})

describe("row order", () => {
  it("sorts sections by district, school, calendar, course and numeric section number, then students by name", async () => {
    const bundle = baseBundle()
    // Same course: section numbers 10 and 2 sort numerically (2 before 10).
    addSection(bundle, 610, { number: 10 })
    addSection(bundle, 620, { number: 2 })
    addStudent(bundle, { personID: 2100, lastName: "adams", firstName: "Zoe", sectionID: 610 })
    addStudent(bundle, { personID: 2200, lastName: "Adams", firstName: "Zoe", sectionID: 610 })
    addStudent(bundle, { personID: 2300, lastName: "Adams", firstName: "Amy", sectionID: 610, stateID: "9" })
    addStudent(bundle, { personID: 2400, lastName: "Adams", firstName: "Amy", sectionID: 610, stateID: "10" })
    // Other schools and districts.
    addSchool(bundle, 1, { districtID: 2, districtNumber: "001", schoolNumber: "900" })
    addSchool(bundle, 2, { schoolNumber: "002" })
    addSchool(bundle, 3, { schoolNumber: "010", calendarName: "00 First calendar" })
    addSchool(bundle, 4, { schoolNumber: "010", calendarName: "24-25 Example High", courseNumber: "0100" })
    const rows = await rowsOf(bundle)
    expect(rows.map((row) => [row["District Number"], row["School Number"], row["Section ID"], row["Student Last Name"], row["Student First Name"], row["State ID"]])).toEqual([
      ["001", "900", "10600", "Last1", "First1", "2000012000"],
      ["165", "002", "20600", "Last2", "First2", "2000022000"],
      ["165", "010", "30600", "Last3", "First3", "2000032000"],
      ["165", "010", "40600", "Last4", "First4", "2000042000"],
      ["165", "010", "600", "Lovelace", "Ada", "1000000001"],
      ["165", "010", "620", "", "", ""],
      ["165", "010", "610", "Adams", "Amy", "10"],
      ["165", "010", "610", "Adams", "Amy", "9"],
      ["165", "010", "610", "Adams", "Zoe", "1000002200"],
      ["165", "010", "610", "adams", "Zoe", "1000002100"]
    ])
  })
})

describe("--district", () => {
  it("reports only the chosen districts", async () => {
    const bundle = baseBundle()
    addSchool(bundle, 1, { districtID: 2, districtNumber: "001" })
    addSchool(bundle, 2, { districtID: 3, districtNumber: "002" })
    const report = await runBundle(work.dir, bundle, { districts: ["001", "165"] })
    expect(report.rows.map((row) => row["District Number"])).toEqual(["001", "165"])
  })
})
