/**
 * Check 3, technical masks: the tech course has one row per CTE task,
 * exactly one active-mask term, and that term in the term mask.
 */
import { firstTermHolding } from "@kts/sync"
import { type CheckResult, makeResult } from "./CheckResult.js"
import { capitalized, describeTerm, scopeOf, singleSection, taskTermsOf, techCourse, techSetupOf, termNames } from "./internal/Scope.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"

/** The techMasks check for one task. */
export const checkTechMasks = (snapshot: GradeCheckSnapshot, taskName: string): CheckResult => {
  const scope = scopeOf(snapshot)
  const base = { check: "techMasks" as const, task: taskName }
  const tech = snapshot.tech
  if (tech === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `No tech section to read: ${snapshot.ktsTechID} names none (see pairing).` })
  }
  const setup = techSetupOf(snapshot, taskName)!
  const where = `course ${tech.course.number} section ${singleSection(tech)?.number ?? "?"}`
  const evidence = {
    courseGradingTaskIDs: setup.task.courseGradingTasks.map((row) => row.courseGradingTaskID),
    activeTerms: (setup.activeTerm?.activeTerms ?? []).map((entry) => ({
      termID: entry.taskTerm.termID,
      name: entry.term?.name ?? null,
      termMask: entry.taskTerm.termMask,
      activeMask: entry.taskTerm.activeMask
    })),
    problems: setup.problems
  }
  if (setup.status === "unused") {
    return makeResult(scope, {
      ...base,
      status: "warning",
      finding: `The high-school course uses ${taskName} but ${techCourse(tech)} does not, so no ${taskName} grade will ever sync.`,
      fix: {
        who: "technical school",
        what: `If ${where} is graded with ${taskName}, add ${taskName} on its Grading Tasks tab with one Active Mask term that is also in the Term Mask; otherwise tell the high school it can remove the task.`
      },
      evidence
    })
  }
  if (setup.problems.includes("grades.tech.duplicateTask")) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `${capitalized(techCourse(tech))} has ${setup.task.courseGradingTasks.length} ${taskName} grading tasks; a course must have exactly one, and the sync skips the task.`,
      fix: { who: "KTS support", what: `Notify KTS support (ktssupport@education.ky.gov) that ${where} at technical school ${tech.district}-${tech.school} has ${taskName} attached ${setup.task.courseGradingTasks.length} times.` },
      evidence
    })
  }
  const cgtID = setup.courseGradingTask!.courseGradingTaskID
  if (setup.problems.includes("grades.tech.noActiveMask")) {
    // The term holding today: the one a missing active mask most likely belongs on.
    const likely = firstTermHolding(taskTermsOf(tech, cgtID), snapshot.asOf)
    return makeResult(scope, {
      ...base,
      status: "fail",
      term: likely?.name ?? null,
      finding: `${taskName} on ${techCourse(tech)} has no term with the Active Mask, so no grade of it can sync.`,
      fix: {
        who: "technical school",
        what: `On the Grading Tasks tab of ${where}, ${taskName}: check the Active Mask on exactly one term${
          likely === null ? " (the term being graded)" : `, ${likely.name} (the term holding ${snapshot.asOf})`
        }, and check that term's Term Mask too.`
      },
      evidence
    })
  }
  if (setup.problems.includes("grades.tech.activeMasks")) {
    const terms = setup.activeTerm!.activeTerms.map((entry) => entry.term)
    return makeResult(scope, {
      ...base,
      status: "fail",
      term: termNames(terms),
      finding: `${taskName} on ${techCourse(tech)} has the Active Mask on ${terms.length} terms (${termNames(terms)}); only one may be checked at a time.`,
      fix: {
        who: "technical school",
        what: `On the Grading Tasks tab of ${where}, ${taskName}: keep the Active Mask on the one term being graded among ${termNames(terms)} and clear it on the others.`
      },
      evidence
    })
  }
  const term = setup.activeTermRow
  if (setup.problems.includes("grades.tech.activeTermNotGraded")) {
    const name = term?.name ?? `termID ${setup.activeTerm!.active!.taskTerm.termID}`
    return makeResult(scope, {
      ...base,
      status: "fail",
      term: name,
      finding: `${taskName} on ${techCourse(tech)} has its active term ${name} outside the Term Mask.`,
      fix: { who: "technical school", what: `On the Grading Tasks tab of ${where}, ${taskName}: check the Term Mask of term ${name}.` },
      evidence
    })
  }
  if (term === null) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `${taskName} on ${techCourse(tech)} has its Active Mask on a term that is not in the database.`,
      fix: { who: "technical school", what: `On the Grading Tasks tab of ${where}, ${taskName}: check the Active Mask on one term of the course's schedule.` },
      evidence
    })
  }
  return makeResult(scope, {
    ...base,
    status: "pass",
    term: term.name,
    finding: `${taskName} on ${techCourse(tech)}: one task row, one active term ${describeTerm(term)}, in the Term Mask.`,
    evidence
  })
}
