/**
 * Rows shared by the whole bundle: grading tasks, score groups, the KTS
 * course catalogs, custom course attributes and plan types. They are written
 * first; everything else refers to them by the ids returned here.
 */
import { ktsCatalogName } from "@kts/domain"
import type { GlobalIds, Ids } from "./Context.js"
import type { BundleSinks } from "./CsvWriter.js"

type Item = readonly [score: string, minPercent: number | null, gpa: number | null, passing: boolean]

const STANDARD: ReadonlyArray<Item> = [
  ["A", 90, 4, true], ["B", 80, 3, true], ["C", 70, 2, true], ["D", 60, 1, true], ["F", 0, 0, false]
]
/** Same cut-offs as the CTE group, but GPA values missing: grades do not reach transcripts. */
const NO_GPA: ReadonlyArray<Item> = [
  ["A", 90, 4, true], ["B", 80, 3, true], ["C", 70, null, true], ["D", 60, null, true], ["F", 0, null, false]
]
/** Different cut-offs from the CTE group: synced percentages map to other letters. */
const MISMATCHED: ReadonlyArray<Item> = [
  ["A", 93, 4, true], ["B", 85, 3, true], ["C", 77, 2, true], ["D", 70, 1, true], ["F", 0, 0, false]
]
const PASS_FAIL: ReadonlyArray<Item> = [["P", 60, null, true], ["F", null, null, false]]

export const writeGlobals = (out: BundleSinks, ids: Ids, endYear: number): GlobalIds => {
  const task = (name: string) => {
    const taskID = ids.next("gradingTask")
    out.gradingTask.add({ taskID, name })
    return taskID
  }
  const tasks = {
    cteTerm: task("CTE Term Grade"),
    cteFinal: task("CTE Final Grade"),
    cteExam: task("CTE Final Exam"),
    semester: task("Semester Grade"),
    progress: task("Progress Grade"),
    quarter: task("Quarter Grade")
  }

  const group = (name: string, items: ReadonlyArray<Item>) => {
    const scoreGroupID = ids.next("scoreGroup")
    out.scoreGroup.add({ scoreGroupID, name })
    items.forEach(([score, minPercent, gpaValue, passing], index) => {
      out.scoreGroupItem.add({ itemID: ids.next("scoreGroupItem"), scoreGroupID, seq: index + 1, score, minPercent, gpaValue, passing })
    })
    return scoreGroupID
  }
  const scoreGroups = {
    cteNumeric: group("CTE Numeric Score Group", STANDARD),
    letter: group("HS Letter Grades", STANDARD),
    letterNoGpa: group("HS Letter Grades (no GPA)", NO_GPA),
    mismatched: group("HS 7-Point Scale", MISMATCHED),
    passFail: group("Pass/Fail", PASS_FAIL)
  }

  const catalog = (name: string) => {
    const catalogID = ids.next("courseCatalog")
    out.courseCatalog.add({ catalogID, name })
    return catalogID
  }
  const catalogs = {
    ktsHighSchools: catalog(ktsCatalogName(endYear)),
    ktsHighSchoolsPrior: catalog(ktsCatalogName(endYear - 1)),
    ktsTech: catalog(`${ktsCatalogName(endYear).slice(0, 5)} KTS Course Catalog (TECH SCHOOLS ONLY)`)
  }

  const attribute = (object: string, element: string) => {
    const attributeID = ids.next("campusAttribute")
    out.campusAttribute.add({ attributeID, object, element })
    return attributeID
  }
  const attributes = {
    ktsTechId: attribute("Course", "KTSTechID"),
    // Same element on another object: must not count as a KTS course.
    sectionKtsTechId: attribute("Section", "KTSTechID"),
    courseLevel: attribute("Course", "CourseLevel")
  }

  const planType = (name: string, module: string) => {
    const planTypeID = ids.next("planType")
    out.planType.add({ planTypeID, name, module })
    return planTypeID
  }
  const planTypes = {
    iep: planType("KY IEP", "specialEd"),
    iepAmendment: planType("KY IEP Amendment", "specialEd"),
    ilpa: planType("Individual Learning Plan Addendum (ILPA)", "alp"),
    plan504: planType("Section 504 Plan", "504"),
    healthPlan: planType("Individual Health Plan", "health")
  }
  return { tasks, scoreGroups, catalogs, attributes, planTypes }
}
