/**
 * Check 8, score group: the high-school task's score group has the same
 * Minimum % values as the technical database's `CTE Numeric Score Group`
 * (sorted high to low; NULL equals only NULL), and every item has a GPA value.
 */
import type { ScoreGroupItem } from "@kts/domain"
import { findCourseTask } from "@kts/sync"
import { type CheckResult, makeResult } from "./CheckResult.js"
import { capitalized, hsCourse, scopeOf, singleSection } from "./internal/Scope.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"

/** The name of the reference score group in the technical database. */
export const CTE_NUMERIC_SCORE_GROUP = "CTE Numeric Score Group"

/** Minimum % values sorted high to low, NULLs last. */
export const minPercentColumn = (items: ReadonlyArray<Pick<ScoreGroupItem, "minPercent">>): Array<number | null> =>
  items.map((item) => item.minPercent).sort((a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a))

/** Whether two Minimum % columns are equal item by item (NULL equals only NULL). */
export const sameMinPercents = (a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index])

const column = (values: ReadonlyArray<number | null>): string => `[${values.map((value) => (value === null ? "NULL" : String(value))).join(", ")}]`

/** The scoreGroup check for one task. */
export const checkScoreGroup = (snapshot: GradeCheckSnapshot, taskName: string): CheckResult => {
  const scope = scopeOf(snapshot)
  const base = { check: "scoreGroup" as const, task: taskName }
  const hs = snapshot.highSchool
  const reference = snapshot.cteNumericScoreGroup
  if (reference === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `The technical database has no ${CTE_NUMERIC_SCORE_GROUP} to compare with.` })
  }
  const task = findCourseTask(hs.course.courseID, taskName, hs.courseGradingTasks, hs.gradingTasks)
  if (task.courseGradingTask === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `${capitalized(hsCourse(snapshot))} has no single ${taskName} task whose score group to read (see highSchoolMasks).` })
  }
  const where = `course ${hs.course.number} section ${singleSection(hs)?.number ?? "?"}`
  const groupID = task.courseGradingTask.scoreGroupID
  const referenceColumn = minPercentColumn(reference.items)
  if (groupID === null) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `${taskName} on ${hsCourse(snapshot)} has no score group.`,
      fix: { who: "high school", what: `On the Grading Tasks tab of ${where}, ${taskName}: choose a score group whose Minimum % column is ${column(referenceColumn)} (as the ${CTE_NUMERIC_SCORE_GROUP}) and whose items all have a GPA value.` },
      evidence: { referenceScoreGroupID: reference.scoreGroup.scoreGroupID, referenceMinPercents: referenceColumn, scoreGroupID: null }
    })
  }
  const group = hs.scoreGroups.find((row) => row.scoreGroupID === groupID) ?? null
  const items = hs.scoreGroupItems.filter((item) => item.scoreGroupID === groupID).sort((a, b) => a.seq - b.seq || a.itemID - b.itemID)
  const groupColumn = minPercentColumn(items)
  const noGpa = items.filter((item) => item.gpaValue === null)
  const evidence = {
    referenceScoreGroupID: reference.scoreGroup.scoreGroupID,
    referenceMinPercents: referenceColumn,
    scoreGroupID: groupID,
    minPercents: groupColumn,
    itemsWithoutGpa: noGpa.map((item) => ({ itemID: item.itemID, seq: item.seq, score: item.score }))
  }
  const groupName = group?.name ?? `score group ${groupID}`
  const problems: Array<string> = []
  const settings: Array<string> = []
  if (!sameMinPercents(groupColumn, referenceColumn)) {
    problems.push(`its Minimum % column ${column(groupColumn)} differs from the ${CTE_NUMERIC_SCORE_GROUP}'s ${column(referenceColumn)}`)
    settings.push(`Make the Minimum % column of ${groupName} ${column(referenceColumn)} or use a score group that has it`)
  }
  if (noGpa.length > 0) {
    problems.push(`item(s) ${noGpa.map((item) => item.score).join(", ")} have no GPA value, so grades will not post to transcripts`)
    settings.push(`${settings.length === 0 ? "Enter" : "enter"} a GPA value for item(s) ${noGpa.map((item) => item.score).join(", ")} of ${groupName}`)
  }
  if (problems.length > 0) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `The score group ${groupName} of ${taskName} on ${hsCourse(snapshot)}: ${problems.join("; ")}.`,
      fix: { who: "high school", what: `${settings.join("; ")} (${taskName}, ${where}).` },
      evidence
    })
  }
  return makeResult(scope, {
    ...base,
    status: "pass",
    finding: `The score group ${groupName} of ${taskName} matches the ${CTE_NUMERIC_SCORE_GROUP} on Minimum % and every item has a GPA value.`,
    evidence
  })
}
