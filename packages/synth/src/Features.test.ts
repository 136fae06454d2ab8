/**
 * The tiny bundle is the demo and test fixture: whatever the seed, it must hold
 * at least one example of every situation the generator is meant to produce.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { GradeLevel, ktsCatalogName } from "@kts/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ColumnName, recordsOf, type Row } from "./BundleCheck.testkit.js"
import { generateBundle } from "./index.js"

const END_YEAR = 2025
const TODAY = "2025-05-15"

for (const seed of [1, 2, 3]) {
  describe(`tiny bundle features, seed ${seed}`, () => {
    let dir = ""
    const t: Record<string, Array<Row>> = {}
    const rows = (name: string): Array<Row> => {
      t[name] ??= recordsOf(dir, name)
      return t[name]
    }
    const byId = (name: string, key: ColumnName) => new Map(rows(name).map((row) => [row[key], row]))
    const some = (name: string, test: (row: Row) => boolean) => rows(name).some(test)
    const groupBy = (list: Array<Row>, key: (row: Row) => string) => {
      const groups = new Map<string, Array<Row>>()
      for (const row of list) groups.set(key(row), [...(groups.get(key(row)) ?? []), row])
      return groups
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "synth-features-"))
      await generateBundle({ scale: "tiny", seed, outDir: dir })
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    /** Section start/end from its placed terms, and the LID of its trial's structure. */
    const sectionDates = () => {
      const terms = byId("term", "termID")
      const trials = byId("trial", "trialID")
      const lid = new Map<string, string>()
      for (const day of rows("day")) {
        if (day.instruction === "1" && (lid.get(day.structureID) ?? "") < (day.date)) lid.set(day.structureID, day.date)
      }
      const placed = groupBy(rows("sectionPlacement"), (row) => row.sectionID)
      return new Map(rows("section").map((section) => {
        const list = (placed.get(section.sectionID) ?? []).map((row) => terms.get(row.termID) as Row)
        const ends = list.map((term) => term.endDate)
        const structure = trials.get(section.trialID)?.structureID ?? ""
        return [section.sectionID, {
          start: list.map((term) => term.startDate).sort()[0] ?? "",
          end: ends.includes("") ? "" : (ends.sort().pop() ?? ""),
          lid: lid.get(structure) ?? ""
        }]
      }))
    }

    it("has the school kinds: an A2 center, a school outside the report's list, summer and prior-year calendars", () => {
      const classes = rows("school").map((row) => row.stateClassification)
      expect(classes).toContain("A1")
      expect(classes).toContain("A2")
      expect(classes).toContain("R1")
      expect(some("calendar", (row) => row.summerSchool === "1" && row.endYear === String(END_YEAR))).toBe(true)
      expect(some("calendar", (row) => row.endYear === String(END_YEAR - 1))).toBe(true)
      expect(rows("district").length).toBe(2)
    })

    it("has calendar oddities: two structures, undated terms, inactive trials, excluded grade levels, non-instructional days", () => {
      const perCalendar = groupBy(rows("scheduleStructure"), (row) => row.calendarID)
      expect([...perCalendar.values()].some((list) => list.length >= 2)).toBe(true)
      expect(some("term", (row) => row.startDate === "" && row.endDate === "")).toBe(true)
      expect(some("trial", (row) => row.active === "0")).toBe(true)
      expect(some("gradeLevel", (row) => row.excludeEnrollment === "1")).toBe(true)
      expect(some("day", (row) => row.instruction === "0")).toBe(true)
      // Some calendars end after their last instructional day.
      const dates = sectionDates()
      expect([...dates.values()].some((dates) => dates.end !== "" && dates.lid !== "" && dates.end > dates.lid)).toBe(true)
    })

    it("has student enrollments of every shape", () => {
      const enrollments = rows("enrollment")
      expect(enrollments.some((row) => row.noShow === "1")).toBe(true)
      expect(new Set(enrollments.map((row) => row.serviceType))).toEqual(new Set(["P", "S", "N"]))
      const byPerson = groupBy(enrollments, (row) => row.personID)
      const moved = [...byPerson.values()].some((list) =>
        list.some((row) => row.endStatus === "W02") && list.some((row) => row.startStatus === "E02")
      )
      expect(moved).toBe(true)
      const ties = [...byPerson.values()].flatMap((list) => [...groupBy(list, (row) => `${row.calendarID}|${row.structureID}|${row.startDate}|${row.endDate}`).values()])
        .filter((group) => group.length >= 2)
      expect(ties.some((group) => group.some((row) => row.serviceType === "P") && group.some((row) => row.serviceType === "S"))).toBe(true)
      expect(ties.some((group) => group.filter((row) => row.serviceType === "P" && row.noShow === "0").length >= 2)).toBe(true)
      expect(enrollments.some((row) => row.endStatus === "G02")).toBe(true)
      expect(enrollments.some((row) => row.stateExclude === "1")).toBe(true)
      // A student who came from the other district.
      const calendarDistrict = new Map(rows("calendar").map((row) => [row.calendarID, byId("school", "schoolID").get(row.schoolID)?.districtID]))
      expect([...byPerson.values()].some((list) => new Set(list.map((row) => calendarDistrict.get(row.calendarID))).size >= 2)).toBe(true)
    })

    it("has people with awkward names and unique 10-digit state ids", () => {
      const people = rows("person")
      const names = people.flatMap((row) => [row.firstName, row.lastName])
      expect(names.some((name) => name.includes(","))).toBe(true)
      expect(names.some((name) => name.includes("\""))).toBe(true)
      expect(names.some((name) => name.includes("'"))).toBe(true)
      expect(names.some((name) => name.includes("\n"))).toBe(true)
      expect(names.some((name) => /[^\x00-\x7f]/.test(name))).toBe(true)
      expect(names.some((name) => name.includes("<"))).toBe(true)
      const stateIDs = people.map((row) => row.stateID).filter((id) => id !== "")
      expect(stateIDs.every((id) => /^\d{10}$/.test(id))).toBe(true)
      expect(new Set(stateIDs).size).toBe(stateIDs.length)
      // Staff are people without a state id.
      expect(people.some((row) => row.stateID === "" && row.studentNumber === "")).toBe(true)
      expect(some("person", (row) => row.homePrimaryLanguage === "")).toBe(true)
      expect(some("person", (row) => row.homePrimaryLanguage !== "" && row.homePrimaryLanguage !== "0400")).toBe(true)
    })

    it("has sections and rosters of every shape", () => {
      const dates = sectionDates()
      expect(some("section", (row) => row.crossSiteEnrollment !== "")).toBe(true)
      expect(some("course", (row) => row.active === "0")).toBe(true)
      expect(rows("roster").some((row) => row.endDate !== "" && row.endDate === dates.get(row.sectionID)?.end)).toBe(true)
      expect(rows("roster").some((row) => {
        const section = dates.get(row.sectionID)
        return row.endDate !== "" && row.endDate === section?.lid && section.lid !== section.end
      })).toBe(true)
      expect(rows("roster").some((row) => {
        const section = dates.get(row.sectionID)
        return row.endDate !== "" && section !== undefined && section.end !== "" && row.endDate < section.end && row.endDate < section.lid
      })).toBe(true)
      expect(some("roster", (row) => row.startDate === "")).toBe(true)
      // Staff history: a change of primary teacher, co-teachers and aides, a teacher ending near "today".
      const history = groupBy(rows("sectionStaffHistory"), (row) => row.sectionID)
      expect([...history.values()].some((list) => list.filter((row) => row.staffType === "P").length >= 2)).toBe(true)
      expect(new Set(rows("sectionStaffHistory").map((row) => row.staffType))).toEqual(new Set(["P", "T", "N"]))
      expect(some("sectionStaffHistory", (row) => row.staffType === "P" && row.endDate.startsWith(`${END_YEAR}-05-`))).toBe(true)
      expect(some("sectionStaffHistory", (row) => row.startDate === "" && row.endDate === "")).toBe(true)
      // Course attributes: NULLs and values outside the report's lists.
      const courses = rows("course")
      expect(courses.some((row) => row.teachingMethod === "")).toBe(true)
      expect(courses.some((row) => row.type !== "" && !["ABV", "PB", "V"].includes(row.type))).toBe(true)
      expect(courses.some((row) => ["ABV", "PB", "V"].includes(row.type))).toBe(true)
      expect(courses.some((row) => row.difficultyLevel !== "" && !["AP", "CAI", "DC", "IB"].includes(row.difficultyLevel))).toBe(true)
      expect(courses.some((row) => row.difficultyLevel === "AP")).toBe(true)
      expect(courses.some((row) => row.responsive === "1") || courses.length > 0).toBe(true)
    })

    it("has KTS courses: the catalog, linked high-school courses with KTSTechID, and near misses", () => {
      const catalog = rows("courseCatalog").find((row) => row.name === ktsCatalogName(END_YEAR))
      expect(catalog).toBeDefined()
      const masters = new Set(rows("courseMaster").filter((row) => row.catalogID === catalog?.catalogID).map((row) => row.courseMasterID))
      const attribute = rows("campusAttribute").find((row) => row.object === "Course" && row.element === "KTSTechID")
      expect(attribute).toBeDefined()
      const values = groupBy(rows("customCourse").filter((row) => row.attributeID === attribute?.attributeID), (row) => row.courseID)
      const linked = rows("course").filter((row) => masters.has(row.courseMasterID))
      expect(linked.some((row) => values.get(row.courseID)?.some((value) => value.value !== ""))).toBe(true)
      expect(linked.some((row) => values.get(row.courseID)?.every((value) => value.value === ""))).toBe(true)
      expect(linked.some((row) => !values.has(row.courseID))).toBe(true)
      // Students rostered in a KTS course.
      const ktsSections = new Set(rows("section").filter((row) => linked.some((course) => course.courseID === row.courseID)).map((row) => row.sectionID))
      expect(some("roster", (row) => ktsSections.has(row.sectionID))).toBe(true)
    })

    it("has special-education plans and teams of every shape", () => {
      const planTypes = byId("planType", "planTypeID")
      const plans = rows("plan")
      const moduleOf = (row: Row) => planTypes.get(row.planTypeID)?.module
      const sped = plans.filter((row) => moduleOf(row) === "specialEd")
      expect(sped.some((row) => row.locked === "1")).toBe(true)
      expect(sped.some((row) => row.locked === "0")).toBe(true)
      expect(sped.some((row) => row.primaryDisability === "")).toBe(true)
      expect(sped.some((row) => row.specialEdStatus === "")).toBe(true)
      expect(sped.some((row) => row.specialEdSetting === "")).toBe(true)
      const tied = [...groupBy(sped, (row) => `${row.personID}|${row.endDate}`).values()].some((group) => group.length >= 2 && group[0]?.endDate !== "")
      expect(tied).toBe(true)
      expect(plans.some((row) => moduleOf(row) === "alp" && row.locked === "1")).toBe(true)
      expect(plans.some((row) => moduleOf(row) === "alp" && row.locked === "0")).toBe(true)
      expect(plans.some((row) => !["specialEd", "alp"].includes(moduleOf(row) ?? "specialEd"))).toBe(true)

      const managers = rows("teamMember").filter((row) => row.module === "specialEd" && row.role === "Case Manager")
      const active = managers.filter((row) => row.staffPersonID !== "" && (row.endDate === "" || row.endDate >= TODAY))
      const perStudent = groupBy(active, (row) => row.personID)
      expect([...perStudent.values()].some((list) => new Set(list.map((row) => row.staffPersonID)).size >= 2)).toBe(true)
      expect(managers.some((row) => row.staffPersonID === "")).toBe(true)
      expect(managers.some((row) => row.endDate !== "" && row.endDate < TODAY)).toBe(true)
      expect(managers.some((row) => row.endDate.startsWith(`${END_YEAR}-05-`))).toBe(true)
      expect(some("teamMember", (row) => row.role !== "Case Manager")).toBe(true)
    })

    it("has EL, gifted and migrant records with their edge cases", () => {
      const statuses = new Set(rows("lep").map((row) => row.programStatus))
      for (const status of ["EL", "Exited EL", "Not EL"]) expect(statuses.has(status), status).toBe(true)
      expect(some("lep", (row) => row.identifiedDate === "")).toBe(true)
      expect(rows("lepService").length).toBeGreaterThan(0)
      expect(new Set(rows("lepAccommodation").map((row) => row.type))).toEqual(new Set(["I", "A"]))

      const grades = new Map(rows("enrollment").map((row) => [row.personID, row.grade]))
      const early = (row: Row) => GradeLevel.rankOf(grades.get(row.personID) ?? "12") <= GradeLevel.rankOf("03")
      const gifted = rows("gifted")
      expect(gifted.some((row) => early(row) && row.category === "12")).toBe(true)
      expect(gifted.some((row) => !early(row) && row.category !== "12")).toBe(true)
      expect(gifted.some((row) => early(row) !== (row.category === "12"))).toBe(true)

      expect(some("migrant", (row) => row.lastQualifyingArrivalDate === `${END_YEAR}-08-31`)).toBe(true)
      expect(some("migrant", (row) => row.eligibilityExpirationDate === `${END_YEAR - 1}-09-01`)).toBe(true)
    })

    it("has meal, homeless, foster, military and attendance-group records with their edge cases", () => {
      const fram = rows("fram")
      expect(new Set(fram.map((row) => row.eligibility))).toEqual(new Set(["F", "R", "N"]))
      expect([...groupBy(fram, (row) => `${row.personID}|${row.startDate}`).values()].some((group) => group.length >= 2)).toBe(true)
      expect(rows("homeless").length).toBeGreaterThan(0)
      expect(some("fosterCare", (row) => row.districtID === "")).toBe(true)
      expect(some("fosterCare", (row) => row.districtID !== "")).toBe(true)
      const military = rows("militaryConnection")
      expect(military.some((row) => row.status === "Active Duty, Deployed")).toBe(true)
      expect(military.some((row) => row.status === "Active Duty, Not Deployed")).toBe(true)
      expect(military.some((row) => !row.status.startsWith("Active Duty, "))).toBe(true)
      expect(military.some((row) => row.startDate === `${END_YEAR}-07-01`)).toBe(true)
      expect(military.some((row) => row.endDate === `${END_YEAR - 1}-06-30`)).toBe(true)
      const groups = rows("attendanceGroup")
      expect(groups.some((row) => row.groupCategory === "HH")).toBe(true)
      expect(groups.some((row) => row.groupCategory !== "HH")).toBe(true)
    })

    it("puts record dates exactly on the rules' boundaries and has records from another district", () => {
      const enrollments = groupBy(rows("enrollment"), (row) => row.personID)
      const starts = (person: string) => new Set((enrollments.get(person) ?? []).map((row) => row.startDate))
      // A record ending the day an enrollment starts.
      expect(some("homeless", (row) => starts(row.personID).has(row.endDate)), "homeless").toBe(true)
      expect(some("plan", (row) => starts(row.personID).has(row.endDate)), "plan").toBe(true)
      expect(some("lep", (row) => starts(row.personID).has(row.exitDate)), "lep").toBe(true)
      // A record starting on the enrollment's effective end (its end date, or the last instructional day).
      const lid = new Map<string, string>()
      for (const day of rows("day")) if (day.instruction === "1" && (lid.get(day.structureID) ?? "") < (day.date)) lid.set(day.structureID, day.date)
      const ends = (person: string) => new Set((enrollments.get(person) ?? []).flatMap((row) => [row.endDate, lid.get(row.structureID)]))
      expect(some("fosterCare", (row) => ends(row.personID).has(row.startDate)), "fosterCare").toBe(true)
      expect(some("attendanceGroup", (row) => row.endDate !== "" && ends(row.personID).has(row.endDate)), "attendanceGroup").toBe(true)
      // Records made by another district than the student's.
      const schoolDistrict = new Map(rows("school").map((row) => [row.schoolID, row.districtID]))
      const calendarDistrict = new Map(rows("calendar").map((row) => [row.calendarID, schoolDistrict.get(row.schoolID)]))
      const districtsOf = (person: string) => new Set((enrollments.get(person) ?? []).map((row) => calendarDistrict.get(row.calendarID)))
      for (const table of ["gifted", "lep", "fram", "homeless", "militaryConnection"]) {
        expect(some(table, (row) => !districtsOf(row.personID).has(row.districtID)), table).toBe(true)
      }
    })

    it("has the exchange data: CTE tasks, score groups, masks, calc options, scores, report cards, attendance", () => {
      const tasks = new Map(rows("gradingTask").map((row) => [row.name, row.taskID]))
      for (const name of ["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"]) expect(tasks.has(name), name).toBe(true)
      const group = rows("scoreGroup").find((row) => row.name === "CTE Numeric Score Group")
      expect(rows("scoreGroupItem").some((row) => row.scoreGroupID === group?.scoreGroupID && row.minPercent !== "")).toBe(true)
      expect(some("scoreGroupItem", (row) => row.gpaValue === "")).toBe(true)
      const masks = groupBy(rows("courseGradingTaskTerm"), (row) => row.courseGradingTaskID)
      expect([...masks.values()].some((list) => list.filter((row) => row.activeMask === "1").length >= 2)).toBe(true)
      const cteTasks = new Set(["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"].map((name) => tasks.get(name)))
      const perCourse = groupBy(rows("courseGradingTask").filter((row) => cteTasks.has(row.taskID)), (row) => `${row.courseID}|${row.taskID}`)
      expect([...perCourse.values()].some((list) => list.length >= 2)).toBe(true)
      const techSchools = new Set(rows("school").filter((row) => row.stateClassification === "A2").map((row) => row.schoolID))
      const techCalendars = new Set(rows("calendar").filter((row) => techSchools.has(row.schoolID)).map((row) => row.calendarID))
      const techCourses = new Set(rows("course").filter((row) => techCalendars.has(row.calendarID)).map((row) => row.courseID))
      expect(some("gradeCalcOption", (row) => techCourses.has(row.courseID))).toBe(true)
      expect(some("gradingScore", (row) => row.posted === "1")).toBe(true)
      expect(some("gradingScore", (row) => row.posted === "0")).toBe(true)
      const templates = groupBy(rows("reportCardTemplateTask"), (row) => row.templateID)
      expect(rows("reportCardTemplate").some((row) => !(templates.get(row.templateID) ?? []).some((task) => cteTasks.has(task.taskID)))).toBe(true)
      expect(new Set(rows("attendance").map((row) => row.status))).toEqual(new Set(["A", "T", "E"]))
      expect(new Set(rows("attendance").map((row) => row.excuse))).toEqual(new Set(["U", "E", "X", ""]))
    })
  })
}
