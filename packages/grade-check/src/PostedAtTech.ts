/**
 * Check 2, posted at the technical school: the tech section holds the
 * student's grade for the task and the tech active term, with posted 1.
 */
import { syncingGrade } from "@kts/sync"
import { type CheckResult, makeResult } from "./CheckResult.js"
import { onRoster, scopeOf, scoresOf, singleSection, techCourse, techSetupOf } from "./internal/Scope.js"
import type { GradeCheckSnapshot, ScoreEntry } from "./Snapshot.js"

/** The student's grades on the tech section for the task and the tech active term (posted or not), or null without a single active term. */
export const techGradesOf = (snapshot: GradeCheckSnapshot, taskName: string, stateID: string): ReadonlyArray<ScoreEntry> | null => {
  const tech = snapshot.tech
  const term = techSetupOf(snapshot, taskName)?.activeTermRow ?? null
  const section = tech === null ? null : singleSection(tech)
  if (tech === null || term === null || section === null) return null
  return scoresOf(tech, stateID, section.sectionID, taskName, term.termID)
}

/** The student's posted tech grade for the task, or null. */
export const postedTechGrade = (snapshot: GradeCheckSnapshot, taskName: string, stateID: string): ScoreEntry | null =>
  syncingGrade(techGradesOf(snapshot, taskName, stateID) ?? [])

/** Grade evidence: ids and values, never a name. */
export const scoreEvidence = (score: ScoreEntry) => ({
  scoreID: score.scoreID,
  personID: score.personID,
  sectionID: score.sectionID,
  taskID: score.taskID,
  termID: score.termID,
  score: score.score,
  percent: score.percent,
  posted: score.posted,
  modifiedDate: score.modifiedDate
})

/** The postedAtTech check for one task and student. */
export const checkPostedAtTech = (snapshot: GradeCheckSnapshot, taskName: string, stateID: string): CheckResult => {
  const scope = scopeOf(snapshot)
  const base = { check: "postedAtTech" as const, task: taskName, stateID }
  const tech = snapshot.tech
  if (tech === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `No tech section to read: ${snapshot.ktsTechID} names none (see pairing).` })
  }
  const setup = techSetupOf(snapshot, taskName)!
  if (setup.status === "unused") {
    return makeResult(scope, { ...base, status: "n/a", finding: `The tech course ${tech.course.number} does not use ${taskName}, so no grade is posted for it (see techMasks).` })
  }
  const term = setup.activeTermRow
  if (term === null) {
    return makeResult(scope, {
      ...base,
      status: "n/a",
      finding: `The tech course ${tech.course.number} has no single active term for ${taskName}, so there is no term to look in (see techMasks).`
    })
  }
  const grades = techGradesOf(snapshot, taskName, stateID) ?? []
  const posted = syncingGrade(grades)
  const evidence = { techActiveTerm: { termID: term.termID, name: term.name, endDate: term.endDate }, grades: grades.map(scoreEvidence) }
  if (posted !== null) {
    return makeResult(scope, {
      ...base,
      status: "pass",
      term: term.name,
      finding: `Student ${stateID} has a posted ${taskName} for term ${term.name} on ${techCourse(tech)}: score ${posted.score ?? "(none)"}, percent ${
        posted.percent ?? "(none)"
      }.`,
      evidence
    })
  }
  if (grades.length === 0 && !onRoster(tech, stateID)) {
    return makeResult(scope, {
      ...base,
      status: "n/a",
      term: term.name,
      finding: `Student ${stateID} is not on the roster of ${techCourse(tech)}, so no grade can be posted there (see pairing).`,
      evidence
    })
  }
  const entered = grades.length > 0 ? ` A grade (${grades[0]!.score ?? "no score"}) is entered but not posted.` : ""
  return makeResult(scope, {
    ...base,
    status: "fail",
    term: term.name,
    finding: `No posted ${taskName} for term ${term.name} for student ${stateID} on ${techCourse(tech)}.${entered} An unposted grade cannot sync.`,
    fix: {
      who: "technical school",
      what: `The teacher of course ${tech.course.number} section ${singleSection(tech)?.number ?? "?"} posts the ${taskName} for term ${term.name} for student ${stateID}; it reaches the high school after the next nightly sync.`
    },
    evidence
  })
}
