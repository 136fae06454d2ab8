/**
 * Check 5, high-school masks: the KTS course has one row per CTE task,
 * exactly one active-mask term, in the term mask, whose dates hold the tech
 * active term's end date. On a mismatch it names the high-school term that
 * does hold the date: where the active mask must move.
 */
import { checkActiveTermGraded, findActiveTerm, findCourseTask, firstTermHolding, type TermDatesResult } from "@kts/sync"
import { type CheckResult, makeResult } from "./CheckResult.js"
import { capitalized, describeTerm, highSchoolSetupOf, hsCourse, scopeOf, setupRecords, singleSection, taskTermsOf, techSetupOf, termNames } from "./internal/Scope.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"

/** The highSchoolMasks check for one task. */
export const checkHighSchoolMasks = (snapshot: GradeCheckSnapshot, taskName: string): CheckResult => {
  const scope = scopeOf(snapshot)
  const base = { check: "highSchoolMasks" as const, task: taskName }
  const hs = snapshot.highSchool
  const records = setupRecords(hs)
  const where = `course ${hs.course.number} section ${singleSection(hs)?.number ?? "?"}`
  const full = highSchoolSetupOf(snapshot, taskName)
  // Without a tech active term the date comparison has no input; the rest is still checked.
  const task = full?.task ?? findCourseTask(hs.course.courseID, taskName, records.courseGradingTasks, records.gradingTasks)
  const activeTerm = full?.activeTerm ??
    (task.courseGradingTask === null ? null : findActiveTerm(task.courseGradingTask.courseGradingTaskID, records.taskTerms, records.terms))
  const termMask = full?.termMask ?? (activeTerm?.active == null ? null : checkActiveTermGraded(activeTerm.active.taskTerm))
  const termDates: TermDatesResult | null = full?.termDates ?? null
  const techTerm = techSetupOf(snapshot, taskName)?.activeTermRow ?? null
  const evidence = {
    courseGradingTaskIDs: task.courseGradingTasks.map((row) => row.courseGradingTaskID),
    taskIDsNamed: task.taskIDsNamed,
    activeTerms: (activeTerm?.activeTerms ?? []).map((entry) => ({
      termID: entry.taskTerm.termID,
      name: entry.term?.name ?? null,
      startDate: entry.term?.startDate ?? null,
      endDate: entry.term?.endDate ?? null,
      termMask: entry.taskTerm.termMask
    })),
    techActiveTerm: techTerm === null ? null : { termID: techTerm.termID, name: techTerm.name, endDate: techTerm.endDate },
    holdingTerm: termDates?.holdingTerm == null ? null : { termID: termDates.holdingTerm.termID, name: termDates.holdingTerm.name },
    problems: full?.problems ?? null
  }
  if (task.status === "none") {
    const noSuchTask = task.taskIDsNamed.length === 0
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `${capitalized(hsCourse(snapshot))} does not have the ${taskName} grading task${
        noSuchTask ? " (the high school's database has no task of that name)" : ""
      }, so the technical school's ${taskName} grades have nowhere to go.`,
      fix: { who: "high school", what: `On the Grading Tasks tab of ${where}, add ${taskName} with the Active Mask and the Term Mask on the term that holds the tech active term's end date.` },
      evidence
    })
  }
  if (task.status === "duplicate") {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `${capitalized(hsCourse(snapshot))} has ${task.courseGradingTasks.length} ${taskName} grading tasks; a course must have exactly one, and the sync skips the task.`,
      fix: { who: "KTS support", what: `Notify KTS support (ktssupport@education.ky.gov) that ${where} at high school ${hs.district}-${hs.school} has ${taskName} attached ${task.courseGradingTasks.length} times.` },
      evidence
    })
  }
  const problems: Array<string> = []
  const settings: Array<string> = []
  let term: string | null = null
  if (activeTerm!.status === "none") {
    // The term to activate: the one holding the tech end date, else (no tech term) the one holding today.
    const date = techTerm === null ? snapshot.asOf : techTerm.endDate
    const target = date === null ? null : firstTermHolding(taskTermsOf(hs, task.courseGradingTask!.courseGradingTaskID), date)
    problems.push(`no term has the Active Mask`)
    settings.push(`check the Active Mask on exactly one term${target === null ? "" : `, ${target.name}`}`)
    term = target?.name ?? null
  }
  if (activeTerm!.status === "several") {
    const terms = activeTerm!.activeTerms.map((entry) => entry.term)
    problems.push(`the Active Mask is on ${terms.length} terms (${termNames(terms)}); only one may be checked`)
    settings.push(`keep the Active Mask on one term and clear it on the others among ${termNames(terms)}`)
    term = termNames(terms)
  }
  const active = activeTerm!.active?.term ?? null
  if (termMask?.status === "notGraded") {
    const name = active?.name ?? `termID ${termMask.termID}`
    problems.push(`the active term ${name} is not in the Term Mask`)
    settings.push(`check the Term Mask of term ${name}`)
    term = name
  }
  if (activeTerm!.status === "one" && active === null) {
    problems.push(`the Active Mask is on a term that is not in the database`)
    settings.push(`check the Active Mask on one term of the course's schedule`)
  }
  if (termDates?.status === "mismatch") {
    const holding = termDates.holdingTerm
    const date = termDates.techEndDate ?? "(none)"
    problems.push(`the active term ${describeTerm(termDates.highSchoolTerm)} does not hold the tech active term ${termDates.techTerm.name}'s end date ${date}`)
    if (holding === null) {
      settings.push(`no term of the high school's schedule holds ${date}: set the term dates so that one does (or have the technical school confirm its term ${termDates.techTerm.name}), then move the Active Mask to it`)
      term = termDates.highSchoolTerm.name
    } else {
      settings.push(`move the Active Mask from term ${termDates.highSchoolTerm.name} to term ${describeTerm(holding)}, which holds ${date}, and check its Term Mask`)
      term = holding.name
    }
  }
  if (problems.length > 0) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      term,
      finding: `${taskName} on ${hsCourse(snapshot)}: ${problems.join("; ")}. Until this is fixed the sync writes no ${taskName} for this course.`,
      fix: { who: "high school", what: `On the Grading Tasks tab of ${where}, ${taskName}: ${settings.join("; ")}.` },
      evidence
    })
  }
  if (termDates === null) {
    return makeResult(scope, {
      ...base,
      status: "n/a",
      term: active?.name ?? null,
      finding: `${taskName} on ${hsCourse(snapshot)} has one active term ${active === null ? "" : describeTerm(active)} in the Term Mask; its dates cannot be compared because the tech course has no single active term for ${taskName} (see techMasks).`,
      evidence
    })
  }
  return makeResult(scope, {
    ...base,
    status: "pass",
    term: active?.name ?? null,
    finding: `${taskName} on ${hsCourse(snapshot)}: one task row, one active term ${describeTerm(termDates.highSchoolTerm)} in the Term Mask, holding the tech end date ${termDates.techEndDate}.`,
    evidence
  })
}
