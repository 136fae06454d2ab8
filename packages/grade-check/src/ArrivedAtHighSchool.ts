/**
 * Check 4, arrived at the high school: the high school's grade for the
 * student, its KTS section, the task and its active term has posted 1 and the
 * tech's posted score and percent.
 */
import { standingGrade } from "@kts/sync"
import { type CheckResult, type Fix, makeResult } from "./CheckResult.js"
import { pairingProblems } from "./Pairing.js"
import { postedTechGrade, scoreEvidence } from "./PostedAtTech.js"
import { capitalized, highSchoolSetupOf, hsCourse, onRoster, scopeOf, scoresOf, singleSection, techSetupOf } from "./internal/Scope.js"
import type { GradeCheckSnapshot, ScoreEntry } from "./Snapshot.js"

/** Whether the high school's row holds the tech's posted grade: posted, same score, same percent. */
export const gradeArrived = (techGrade: Pick<ScoreEntry, "score" | "percent">, highSchoolGrade: Pick<ScoreEntry, "score" | "percent" | "posted"> | null): boolean =>
  highSchoolGrade !== null && highSchoolGrade.posted && highSchoolGrade.score === techGrade.score && highSchoolGrade.percent === techGrade.percent

/** The arrivedAtHighSchool check for one task and student. */
export const checkArrivedAtHighSchool = (snapshot: GradeCheckSnapshot, taskName: string, stateID: string): CheckResult => {
  const scope = scopeOf(snapshot)
  const base = { check: "arrivedAtHighSchool" as const, task: taskName, stateID }
  const hs = snapshot.highSchool
  const techTerm = techSetupOf(snapshot, taskName)?.activeTermRow ?? null
  if (techTerm === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `No tech active term for ${taskName}, so no tech grade to compare (see techMasks).` })
  }
  const posted = postedTechGrade(snapshot, taskName, stateID)
  if (posted === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `Nothing posted at the technical school for student ${stateID}, ${taskName}, term ${techTerm.name}: nothing to arrive (see postedAtTech).` })
  }
  const setup = highSchoolSetupOf(snapshot, taskName)!
  const hsTerm = setup.activeTermRow
  const section = singleSection(hs)
  if (hsTerm === null || section === null) {
    return makeResult(scope, {
      ...base,
      status: "n/a",
      finding: hsTerm === null
        ? `${capitalized(hsCourse(snapshot))} has no single active term for ${taskName}, so there is no high-school grade to compare (see highSchoolMasks).`
        : `${capitalized(hsCourse(snapshot))} has no single KTS section, so there is no high-school grade to compare (see pairing).`,
      evidence: { techGrade: scoreEvidence(posted) }
    })
  }
  const hsGrade = standingGrade(scoresOf(hs, stateID, section.sectionID, taskName, hsTerm.termID))
  const evidence = {
    techGrade: scoreEvidence(posted),
    highSchoolGrade: hsGrade === null ? null : scoreEvidence(hsGrade),
    highSchoolActiveTerm: { termID: hsTerm.termID, name: hsTerm.name }
  }
  if (gradeArrived(posted, hsGrade)) {
    return makeResult(scope, {
      ...base,
      status: "pass",
      term: hsTerm.name,
      finding: `The posted ${taskName} of student ${stateID} (score ${posted.score ?? "(none)"}, percent ${posted.percent ?? "(none)"}) is on ${hsCourse(snapshot)}, term ${hsTerm.name}.`,
      evidence
    })
  }
  const what = hsGrade === null
    ? `no grade there`
    : `score ${hsGrade.score ?? "(none)"}, percent ${hsGrade.percent ?? "(none)"}, posted ${hsGrade.posted ? 1 : 0}`
  const pairing = pairingProblems(snapshot)[0]
  const fix: Fix = setup.problems.length > 0
    ? { who: "high school", what: `Fix the ${taskName} setup of course ${hs.course.number} section ${section.number} (see highSchoolMasks); the grade arrives after the next nightly sync.` }
    : pairing !== undefined
    ? pairing.fix
    : !onRoster(hs, stateID)
    ? { who: "high school", what: `Roster student ${stateID} on course ${hs.course.number} section ${section.number}.` }
    : {
      who: "KTS support",
      what: `Both setups check out: if the grade was posted since the last nightly sync it arrives after the next one; otherwise send KTS support a request (kts grade-check --support-request) naming course ${hs.course.number} section ${section.number}, ${taskName}, term ${hsTerm.name} and State ID ${stateID}.`
    }
  return makeResult(scope, {
    ...base,
    status: "fail",
    term: hsTerm.name,
    finding: `The posted ${taskName} of student ${stateID} (score ${posted.score ?? "(none)"}, percent ${posted.percent ?? "(none)"}) has not arrived on ${hsCourse(snapshot)}, term ${hsTerm.name}: ${what}.`,
    fix,
    evidence
  })
}
