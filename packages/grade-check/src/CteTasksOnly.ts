/**
 * Check 6, only the CTE tasks: a KTS course (either side) uses no grading
 * task but `CTE Term Grade`, `CTE Final Grade` and `CTE Final Exam`, and none
 * twice. A duplicate is KTS support's, as the checklist asks; another task
 * is the course owner's to remove.
 */
import { isCteTaskName } from "@kts/sync"
import { type CheckResult, makeResult } from "./CheckResult.js"
import { capitalized, describeCourse, scopeOf } from "./internal/Scope.js"
import type { GradeCheckSnapshot, SideRecords } from "./Snapshot.js"

const sideResults = (snapshot: GradeCheckSnapshot, side: SideRecords, role: "high school" | "technical school"): Array<CheckResult> => {
  const scope = scopeOf(snapshot)
  const names = new Map(side.gradingTasks.map((task) => [task.taskID, task.name]))
  const byName = new Map<string, Array<number>>()
  for (const row of side.courseGradingTasks.filter((row) => row.courseID === side.course.courseID)) {
    const name = names.get(row.taskID) ?? `taskID ${row.taskID}`
    byName.set(name, [...(byName.get(name) ?? []), row.courseGradingTaskID])
  }
  const course = describeCourse(side, role)
  const sectionNumber = side.sections.length === 1 ? ` section ${side.sections[0]!.number}` : ""
  const results: Array<CheckResult> = []
  for (const [name, rows] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const evidence = { side: role, courseID: side.course.courseID, courseGradingTaskIDs: rows }
    if (!isCteTaskName(name)) {
      results.push(makeResult(scope, {
        check: "cteTasksOnly",
        status: "fail",
        task: name,
        finding: `${capitalized(course)} uses the grading task ${name}${rows.length > 1 ? ` (${rows.length} times)` : ""}; a KTS course uses only CTE Term Grade, CTE Final Grade and CTE Final Exam.`,
        fix: { who: role, what: `On the Grading Tasks tab of course ${side.course.number}${sectionNumber}, remove ${name}.` },
        evidence
      }))
    } else if (rows.length > 1) {
      results.push(makeResult(scope, {
        check: "cteTasksOnly",
        status: "fail",
        task: name,
        finding: `${capitalized(course)} has ${name} attached ${rows.length} times; each CTE task may be attached once.`,
        fix: { who: "KTS support", what: `Notify KTS support (ktssupport@education.ky.gov) that course ${side.course.number}${sectionNumber} at ${role} ${side.district}-${side.school} has ${name} ${rows.length} times.` },
        evidence
      }))
    }
  }
  return results
}

/** The cteTasksOnly results of a pairing: one per offending task and side (tech first), or one pass. */
export const checkCteTasksOnly = (snapshot: GradeCheckSnapshot): ReadonlyArray<CheckResult> => {
  const results = [
    ...(snapshot.tech === null ? [] : sideResults(snapshot, snapshot.tech, "technical school")),
    ...sideResults(snapshot, snapshot.highSchool, "high school")
  ]
  if (results.length > 0) return results
  return [makeResult(scopeOf(snapshot), {
    check: "cteTasksOnly",
    status: "pass",
    finding: `The KTS course${snapshot.tech === null ? "" : "s"} use only CTE tasks, each once.`,
    evidence: { checked: snapshot.tech === null ? ["high school"] : ["technical school", "high school"] }
  })]
}
