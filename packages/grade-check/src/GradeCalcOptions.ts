/**
 * Check 7, Grade Calc Options: the technical course composes CTE Final Grade
 * (warning when it uses the task without options for it); the high-school
 * KTS course has none (the final grade arrives already composite).
 */
import { type CheckResult, makeResult } from "./CheckResult.js"
import { capitalized, hsCourse, scopeOf, singleSection, taskIDsNamed, techCourse } from "./internal/Scope.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"

const FINAL = "CTE Final Grade"

/** The gradeCalcOptions results of a pairing: the high school's failure and the tech warning (in that order), or one pass. */
export const checkGradeCalcOptions = (snapshot: GradeCheckSnapshot): ReadonlyArray<CheckResult> => {
  const scope = scopeOf(snapshot)
  const hs = snapshot.highSchool
  const results: Array<CheckResult> = []
  const hsOptions = hs.gradeCalcOptions.filter((option) => option.courseID === hs.course.courseID)
  if (hsOptions.length > 0) {
    results.push(makeResult(scope, {
      check: "gradeCalcOptions",
      status: "fail",
      finding: `${capitalized(hsCourse(snapshot))} has ${hsOptions.length} Grade Calc Option(s); the CTE Final Grade arrives from the technical school already composite.`,
      fix: { who: "high school", what: `On course ${hs.course.number} section ${singleSection(hs)?.number ?? "?"}, remove the Grade Calc Options (option IDs ${hsOptions.map((option) => option.optionID).join(", ")}).` },
      evidence: { side: "high school", optionIDs: hsOptions.map((option) => option.optionID) }
    }))
  }
  const tech = snapshot.tech
  if (tech === null) {
    if (results.length > 0) return results
    return [makeResult(scope, {
      check: "gradeCalcOptions",
      status: "n/a",
      finding: `${capitalized(hsCourse(snapshot))} has no Grade Calc Options; the tech course is unknown (see pairing).`
    })]
  }
  const finals = taskIDsNamed(tech, FINAL)
  const usesFinal = tech.courseGradingTasks.some((row) => row.courseID === tech.course.courseID && finals.has(row.taskID))
  const techOptions = tech.gradeCalcOptions.filter((option) => option.courseID === tech.course.courseID && finals.has(option.taskID))
  if (usesFinal && techOptions.length === 0) {
    results.push(makeResult(scope, {
      check: "gradeCalcOptions",
      status: "warning",
      finding: `${capitalized(techCourse(tech))} uses ${FINAL} but has no Grade Calc Options composing it.`,
      fix: { who: "technical school", what: `On course ${tech.course.number} section ${singleSection(tech)?.number ?? "?"}, set up the Grade Calc Options of ${FINAL} (its component tasks and weights).` },
      evidence: { side: "technical school", usesFinal, optionIDs: [] }
    }))
  }
  if (results.length > 0) return results
  return [makeResult(scope, {
    check: "gradeCalcOptions",
    status: "pass",
    finding: usesFinal
      ? `${capitalized(techCourse(tech))} composes ${FINAL} with ${techOptions.length} option(s); the high-school course has none.`
      : `The tech course does not use ${FINAL}; the high-school course has no Grade Calc Options.`,
    evidence: { techOptionIDs: techOptions.map((option) => option.optionID), highSchoolOptionIDs: [] }
  })]
}
