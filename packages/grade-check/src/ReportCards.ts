/**
 * Check 9, report cards: each of `CTE Term Grade` and `CTE Final Grade` is in
 * some report card template of the high school (not necessarily the same one).
 */
import { type CheckResult, makeResult } from "./CheckResult.js"
import { scopeOf } from "./internal/Scope.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"

/** The tasks a high school's report card templates must include. */
export const REPORT_CARD_TASKS = ["CTE Term Grade", "CTE Final Grade"] as const

/** The reportCards check for the pairing's high school. */
export const checkReportCards = (snapshot: GradeCheckSnapshot): CheckResult => {
  const scope = scopeOf(snapshot)
  const hs = snapshot.highSchool
  const names = new Map(hs.gradingTasks.map((task) => [task.taskID, task.name]))
  const templates = hs.reportCardTemplates.filter((template) => template.schoolID === hs.schoolID)
  const templateIDs = new Set(templates.map((template) => template.templateID))
  const onTemplates = new Map<string, Array<number>>()
  for (const row of hs.reportCardTemplateTasks) {
    const name = names.get(row.taskID)
    if (name === undefined || !templateIDs.has(row.templateID)) continue
    onTemplates.set(name, [...(onTemplates.get(name) ?? []), row.templateID])
  }
  const missing = REPORT_CARD_TASKS.filter((name) => !onTemplates.has(name))
  const evidence = {
    templateIDs: [...templateIDs].sort((a, b) => a - b),
    templatesWith: Object.fromEntries(REPORT_CARD_TASKS.map((name) => [name, onTemplates.get(name) ?? []]))
  }
  if (missing.length > 0) {
    return makeResult(scope, {
      check: "reportCards",
      status: "fail",
      finding: `No report card template of high school ${hs.district}-${hs.school} includes ${missing.join(" or ")}, so synced grades do not show on its progress reports and report cards.`,
      fix: { who: "district Campus administrator", what: `Add the ${missing.join(" and ")} grading task${missing.length > 1 ? "s" : ""} to the report card template(s) of high school ${hs.district}-${hs.school}.` },
      evidence
    })
  }
  return makeResult(scope, {
    check: "reportCards",
    status: "pass",
    finding: `Report card templates of high school ${hs.district}-${hs.school} include ${REPORT_CARD_TASKS.join(" and ")}.`,
    evidence
  })
}
