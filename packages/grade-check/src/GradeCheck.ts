/**
 * The whole checklist over one pairing, and the results for the runs that
 * find no pairing to check.
 */
import { checkAlerts } from "./Alerts.js"
import { checkArrivedAtHighSchool } from "./ArrivedAtHighSchool.js"
import { type CheckResult, makeResult, sortResults } from "./CheckResult.js"
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
