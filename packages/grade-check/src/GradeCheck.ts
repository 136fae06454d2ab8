/**
 * The whole checklist over one pairing, and the results for the runs that
 * find no pairing to check.
 */
import { checkAlerts } from "./Alerts.js"
import { checkArrivedAtHighSchool } from "./ArrivedAtHighSchool.js"
import { type CheckId, type CheckResult, makeResult, sortResults } from "./CheckResult.js"
import { checkCteTasksOnly } from "./CteTasksOnly.js"
import { checkGradeCalcOptions } from "./GradeCalcOptions.js"
import { checkHighSchoolMasks } from "./HighSchoolMasks.js"
import { tasksInUse } from "./internal/Scope.js"
import { checkPairing, checkStudentPairing } from "./Pairing.js"
import { checkPostedAtTech } from "./PostedAtTech.js"
import { checkReportCards } from "./ReportCards.js"
import { checkScoreGroup } from "./ScoreGroup.js"
import type { GradeCheckSnapshot } from "./Snapshot.js"
import { checkTechMasks } from "./TechMasks.js"

/** What to check: every CTE task in use, or one. */
export interface CheckOptions {
  readonly task?: string | undefined
}

/** Every result of the ten checks for one pairing, in the spec's order. */
export const runChecks = (snapshot: GradeCheckSnapshot, options: CheckOptions = {}): Array<CheckResult> => {
  const results: Array<CheckResult> = [checkAlerts(snapshot)]
  const tasks = tasksInUse(snapshot).filter((task) => options.task === undefined || task === options.task)
  const stateIDs = snapshot.students.flatMap((student) => (student.stateID === null ? [] : [student.stateID]))
  for (const task of tasks) {
    results.push(checkTechMasks(snapshot, task), checkHighSchoolMasks(snapshot, task), checkScoreGroup(snapshot, task))
    for (const stateID of stateIDs) {
      results.push(checkPostedAtTech(snapshot, task, stateID), checkArrivedAtHighSchool(snapshot, task, stateID))
    }
  }
  results.push(...checkCteTasksOnly(snapshot), ...checkGradeCalcOptions(snapshot), checkReportCards(snapshot), checkPairing(snapshot))
  for (const student of snapshot.students) results.push(checkStudentPairing(snapshot, student))
  return sortResults(results)
}

/** The one result for a student found in the exchange's databases but on no KTS course of a high school. */
export const studentWithoutPairing = (stateID: string, endYear: number): CheckResult =>
  makeResult({ highSchool: null, tech: null }, {
    check: "pairing",
    status: "fail",
    stateID,
    finding: `Student ${stateID} is on no KTS course (a course of the ${endYear} high-school KTS catalog with a KTSTechID) of a high school in the exchange's databases.`,
    fix: {
      who: "high school",
      what: `Schedule student ${stateID} into the high school's KTS course for the tech section they attend (a course built from the tech section's master in the high school's KTS catalog, with its KTSTechID).`
    }
  })

/** The one result for a high school that has no KTS course to check. */
export const schoolWithoutCourses = (
  district: string,
  school: string,
  linked: boolean,
  endYear: number
): CheckResult =>
  makeResult({ highSchool: { district, school, courseNumber: null, sectionNumber: null }, tech: null }, linked
    ? {
      check: "pairing",
      status: "n/a",
      finding: `High school ${district}-${school} has no KTS course of ${endYear} (a course of the high-school KTS catalog with a KTSTechID): nothing to check.`
    }
    : {
      check: "alerts",
      status: "fail",
      finding: `School ${district}-${school} is not a linked high school of the exchange configuration and has no KTS course of ${endYear}.`,
      fix: {
        who: "district Campus administrator",
        what: `If school ${district}-${school} sends students to a technical school, set it up for the KTS Data Exchange (its link in exchange.json) as the Data Exchange User Group directions describe.`
      }
    })

/** The checks whose every result must pass for a posted grade to sync on the next night (the rest explain, or only warn). */
export const SYNC_CHECKS = ["postedAtTech", "techMasks", "highSchoolMasks", "pairing"] as const

/** Which grade a verdict is about: a pairing (high school, its course number, the KTSTechID), a task, a student. */
export interface GradeRef {
  readonly district: string
  readonly school: string
  readonly courseNumber: string
  readonly ktsTechID: string
  readonly task: string
  readonly stateID: string
}

/** The grade check's verdict on one grade: whether the next night syncs it, the tech term it comes from, and the results that stop it. */
export interface SyncVerdict {
  readonly canSync: boolean
  /** The tech active term whose posted grade syncs (postedAtTech's term), or null. */
  readonly techTerm: string | null
  readonly blockedBy: ReadonlyArray<CheckResult>
}

/**
 * Whether the next night syncs the student's posted grade of the task on the
 * pairing, read off a run's results: `postedAtTech`, `techMasks` and
 * `highSchoolMasks` for the task, and the course's and the student's
 * `pairing` results all pass. A missing result counts as not passing.
 */
export const syncVerdict = (results: ReadonlyArray<CheckResult>, grade: GradeRef): SyncVerdict => {
  const mine = results.filter((result) =>
    (SYNC_CHECKS as ReadonlyArray<string>).includes(result.check) &&
    result.highSchool?.district === grade.district && result.highSchool.school === grade.school &&
    result.highSchool.courseNumber === grade.courseNumber && result.tech?.ktsTechID === grade.ktsTechID
  )
  const find = (check: CheckId, task: string | null, stateID: string | null) =>
    mine.find((result) => result.check === check && result.task === task && result.stateID === stateID)
  const needed: ReadonlyArray<readonly [CheckId, CheckResult | undefined]> = [
    ["postedAtTech", find("postedAtTech", grade.task, grade.stateID)],
    ["techMasks", find("techMasks", grade.task, null)],
    ["highSchoolMasks", find("highSchoolMasks", grade.task, null)],
    ["pairing", find("pairing", null, null)],
    ["pairing", find("pairing", null, grade.stateID)]
  ]
  const blockedBy = needed.flatMap(([check, result]) =>
    result === undefined
      ? [makeResult({ highSchool: null, tech: null }, { check, status: "n/a", finding: `No ${check} result for the grade.` })]
      : result.status === "pass" ? [] : [result]
  )
  const posted = needed[0]![1]
  return { canSync: blockedBy.length === 0, techTerm: posted?.status === "pass" ? posted.term : null, blockedBy }
}
