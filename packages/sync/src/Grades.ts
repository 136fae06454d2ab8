/**
 * The grades stage (docs/exchange.md §2, Grades): the technical school's posted
 * grades of the CTE tasks, for its active term, copied to each paired high
 * school's KTS section, its task and its active term.
 */
import type { GradingScore, LocalDate, Term } from "@kts/domain"
import type { RaisedAlert } from "./Alerts.js"
import type { DisclosureIntent } from "./Disclosures.js"
import {
  checkHighSchoolTaskSetup,
  checkTechTaskSetup,
  CTE_TASK_NAMES,
  recordsByCourse,
  type HighSchoolSetupCode,
  type HighSchoolTaskSetup,
  type TechSetupCode,
  type TechTaskSetup
} from "./GradingSetup.js"
import { pushTo } from "./internal/MultiMap.js"
import { standingGrade, standsBefore } from "./GradeSyncFacts.js"
import type { DatabaseLedger } from "./Ledger.js"
import { isSectionOf, type HighSchoolPairings, type Pairing, type TechSection } from "./Pairing.js"
import { ChangeSet, type UnitPlan } from "./Plan.js"
import type { HighSchoolSnapshot, TechSchoolSnapshot } from "./Snapshot.js"
import { keyOfSchool } from "./Snapshot.js"
import { indexHighSchool, sourcesByStateID, studentsOfPairing } from "./Students.js"
import { assembleUnit, type HighSchoolPart, PENDING_ID } from "./Units.js"

/** A linked high school that could be read, with its pairings. */
export interface ReadableHighSchool {
  readonly snapshot: HighSchoolSnapshot
  readonly pairings: HighSchoolPairings
}

/** The grades or attendance stage's inputs for one technical school. */
export interface TechStageInput {
  readonly night: LocalDate
  readonly tech: TechSchoolSnapshot
  readonly techSections: ReadonlyArray<TechSection>
  /** The readable linked high schools (for attendance, those whose link has attendanceSync). */
  readonly highSchools: ReadonlyArray<ReadableHighSchool>
}

/** A technical school's stage: its own unit and its parts of the linked high schools' units. */
export interface TechStageResult {
  readonly techUnit: UnitPlan
  readonly highSchoolParts: ReadonlyArray<HighSchoolPart>
}

/** The fields of a grade the high school's copy must match. */
export const gradeDiffers = (copy: GradingScore, posted: GradingScore): boolean =>
  copy.score !== posted.score || copy.percent !== posted.percent || !copy.posted || copy.modifiedDate !== posted.modifiedDate

const TECH_FIX: Record<TechSetupCode, string> = {
  "grades.tech.duplicateTask": "the course has this task more than once; the technical school must ask KTS support to remove the duplicate",
  "grades.tech.noActiveMask": "no term of this task has the active mask; the technical school must set the active mask on the term being graded",
  "grades.tech.activeMasks": "several terms of this task have the active mask; the technical school must leave it on one term only",
  "grades.tech.activeTermNotGraded": "the active term is not in the term mask; the technical school must add it to the term mask"
}

const techMessage = (section: TechSection, task: string, code: TechSetupCode, setup: TechTaskSetup): string => {
  const terms = setup.activeTerm?.activeTerms.map((row) => row.term?.name ?? `term ${row.taskTerm.termID}`) ?? []
  const named = code === "grades.tech.activeMasks" ? ` (active terms: ${terms.join(", ")})`
    : code === "grades.tech.activeTermNotGraded" ? ` (active term: ${terms.join(", ")})` : ""
  return `Course ${section.course.number} section ${section.section.number}, task ${task}: ${TECH_FIX[code]}${named}. ` +
    `Until then its grades do not sync to the high schools.`
}

const hsMessage = (pairing: Pairing, task: string, code: HighSchoolSetupCode, setup: HighSchoolTaskSetup, techTerm: Term): string => {
  const where = `Course ${pairing.ktsCourse.course.number} section ${pairing.section.number}, task ${task}`
  const activeTerm = setup.activeTermRow?.name ?? "?"
  const fix: Record<HighSchoolSetupCode, string> = {
    "grades.hs.missingTask": setup.task.taskIDsNamed.length === 0
      ? "the database has no grading task of this name; the district's Campus administrator must create it and the high school add it to the course"
      : "the course does not have this task; the high school must add it to the course",
    "grades.hs.duplicateTask": "the course has this task more than once; the high school must ask KTS support to remove the duplicate",
    "grades.hs.noActiveMask": "no term of this task has the active mask; the high school must set the active mask on the term that holds " +
      `the technical school's term end (${techTerm.endDate ?? "not set"})`,
    "grades.hs.activeMasks": "several terms of this task have the active mask " +
      `(${setup.activeTerm?.activeTerms.map((row) => row.term?.name ?? `term ${row.taskTerm.termID}`).join(", ")}); ` +
      "the high school must leave it on one term only",
    "grades.hs.activeTermNotGraded": `the active term ${activeTerm} is not in the term mask; the high school must add it to the term mask`,
    "grades.hs.termMismatch": termMismatchFix(setup, techTerm)
  }
  return `${where}: ${fix[code]}. Until then the technical school's grades for this task are not written here.`
}

const termMismatchFix = (setup: HighSchoolTaskSetup, techTerm: Term): string => {
  const dates = setup.termDates
  const hsTerm = setup.activeTermRow
  const range = hsTerm === null ? "" : ` (${hsTerm.startDate ?? "no start"} to ${hsTerm.endDate ?? "no end"})`
  const head = `the active term ${hsTerm?.name ?? "?"}${range} does not hold the technical school's term end ` +
    `(${techTerm.name}, ${techTerm.endDate ?? "no end date"})`
  if (techTerm.endDate === null) return `${head}; the technical school must give its term an end date`
  const holding = dates?.holdingTerm ?? null
  return holding === null
    ? `${head}, and no term of this schedule holds that date; the high school must fix its term dates`
    : `${head}; the high school must move the active mask to term ${holding.name}`
}

/** How a posted grade without a score is named in a warning's list of scores. */
const NO_SCORE = "(no score)"

/**
 * The grades stage for one technical school: the technical setup alerts and
 * the disclosures in its unit, the grade copies and high-school setup alerts
 * in each high school's part. The parts' new rows carry id 0: the high
 * school's unit assigns their ids (`planHighSchoolUnit`), so that ids follow
 * the order units are applied in.
 */
export const planGrades = (input: TechStageInput, techLedger: DatabaseLedger): TechStageResult => {
  const { night, tech } = input
  const techRecords = recordsByCourse({
    courseGradingTasks: tech.courseGradingTasks,
    gradingTasks: tech.gradingTasks,
    taskTerms: tech.courseGradingTaskTerms,
    terms: new Map(tech.setup.terms.map((row) => [row.termID, row]))
  })
  const techStateIDs = new Map(tech.persons.map((row) => [row.personID, row.stateID]))
  const scoresOf = new Map<string, Array<GradingScore>>()
  for (const score of tech.gradingScores) pushTo(scoresOf, `${score.sectionID}|${score.taskID}`, score)
  const techAlerts: Array<RaisedAlert> = []
  const techDisclosures: Array<DisclosureIntent> = []
  const setupCache = new Map<string, TechTaskSetup>()
  const parts: Array<HighSchoolPart> = []

  for (const linked of input.highSchools) {
    const snapshot = linked.snapshot
    const index = indexHighSchool(snapshot)
    const hsRecords = recordsByCourse({
      courseGradingTasks: snapshot.courseGradingTasks,
      gradingTasks: snapshot.gradingTasks,
      taskTerms: snapshot.courseGradingTaskTerms,
      terms: new Map(snapshot.terms.map((row) => [row.termID, row]))
    })
    const hsScoresOf = new Map<string, Array<GradingScore>>()
    for (const score of snapshot.gradingScores) pushTo(hsScoresOf, `${score.personID}|${score.sectionID}|${score.taskID}|${score.termID}`, score)
    const itemsOf = new Map<number, Set<string>>()
    for (const item of snapshot.scoreGroupItems) {
      let set = itemsOf.get(item.scoreGroupID)
      if (set === undefined) itemsOf.set(item.scoreGroupID, (set = new Set()))
      set.add(item.score)
    }
    const changes = new ChangeSet()
    const alerts: Array<RaisedAlert> = []
    for (const pairing of linked.pairings.pairings) {
      const techSection = pairing.tech
      if (!isSectionOf(techSection, tech)) continue
      const students = sourcesByStateID(studentsOfPairing(pairing, index).sources)
      for (const taskName of CTE_TASK_NAMES) {
        const cacheKey = `${techSection.section.sectionID}|${taskName}`
        let techSetup = setupCache.get(cacheKey)
        if (techSetup === undefined) {
          techSetup = checkTechTaskSetup(techSection.course.courseID, taskName, techRecords(techSection.course.courseID))
          setupCache.set(cacheKey, techSetup)
        }
        if (techSetup.status === "unused") continue
        const taskID = techSetup.courseGradingTask?.taskID ?? null
        const sectionScores = taskID === null ? [] : scoresOf.get(`${techSection.section.sectionID}|${taskID}`) ?? []
        // Posted grades for the task name on the section, any student and any term.
        const anyPosted = techSetup.task.taskIDsNamed.some((id) =>
          (scoresOf.get(`${techSection.section.sectionID}|${id}`) ?? []).some((score) => score.posted))
        for (const code of techSetup.problems) {
          if (code === "grades.tech.noActiveMask" && !anyPosted) continue
          techAlerts.push({
            schoolID: tech.school.schoolID,
            code,
            courseNumber: techSection.course.number,
            sectionNumber: techSection.section.number,
            ktsTechID: null,
            stateID: null,
            task: taskName,
            message: techMessage(techSection, taskName, code, techSetup)
          })
        }
        const techTerm = techSetup.activeTermRow
        if (techSetup.status !== "ready" || techTerm === null) continue
        // What syncs: posted grades of the active term, of this section's synced students (per State ID, the row that stands).
        const posted = new Map<string, GradingScore>()
        for (const score of sectionScores) {
          if (!score.posted || score.termID !== techTerm.termID) continue
          const stateID = techStateIDs.get(score.personID) ?? null
          if (stateID === null || !students.has(stateID)) continue
          const known = posted.get(stateID)
          if (known === undefined || standsBefore(score, known)) posted.set(stateID, score)
        }
        if (posted.size === 0) continue
        const hsSetup = checkHighSchoolTaskSetup(
          pairing.ktsCourse.course.courseID,
          taskName,
          hsRecords(pairing.ktsCourse.course.courseID),
          techTerm,
          snapshot.terms
        )
        const subject = {
          schoolID: snapshot.school.schoolID,
          courseNumber: pairing.ktsCourse.course.number,
          sectionNumber: pairing.section.number,
          ktsTechID: null,
          stateID: null,
          task: taskName
        }
        for (const code of hsSetup.problems) {
          alerts.push({ ...subject, code, message: hsMessage(pairing, taskName, code, hsSetup, techTerm) })
        }
        const hsTask = hsSetup.courseGradingTask
        const hsTerm = hsSetup.activeTermRow
        if (hsSetup.status !== "ready" || hsTask === null || hsTerm === null) continue
        const outsideGroup = new Set<string>()
        const groupScores = hsTask.scoreGroupID === null ? null : itemsOf.get(hsTask.scoreGroupID) ?? new Set<string>()
        for (const stateID of [...posted.keys()].sort()) {
          const score = posted.get(stateID)!
          const student = students.get(stateID)!
          // A posted grade without a score is not a score of the group either: it is written, with the warning.
          if (groupScores !== null && (score.score === null || !groupScores.has(score.score))) outsideGroup.add(score.score ?? NO_SCORE)
          const key = `${student.person.personID}|${pairing.section.sectionID}|${hsTask.taskID}|${hsTerm.termID}`
          const copies = hsScoresOf.get(key) ?? []
          const copy = standingGrade(copies) ?? undefined
          const values = { score: score.score, percent: score.percent, posted: true, modifiedDate: score.modifiedDate }
          if (copy === undefined) {
            changes.insert("gradingScore", {
              scoreID: PENDING_ID,
              personID: student.person.personID,
              sectionID: pairing.section.sectionID,
              taskID: hsTask.taskID,
              termID: hsTerm.termID,
              ...values
            })
          } else if (gradeDiffers(copy, score)) {
            changes.update("gradingScore", { ...copy, ...values })
          } else continue
          techDisclosures.push({ personID: score.personID, recipient: keyOfSchool(snapshot.school), kind: "grades" })
        }
        const allScores = [...new Set([...posted.values()].map((row) => row.score ?? NO_SCORE))].sort()
        if (hsTask.scoreGroupID === null) {
          alerts.push({
            ...subject,
            code: "grades.hs.noScoreGroup",
            message: `Course ${pairing.ktsCourse.course.number} section ${pairing.section.number}, task ${taskName}: the ` +
              `task has no score group, so the synced scores (${allScores.join(", ")}) are written but cannot be ` +
              `checked. The high school must give the task a score group.`
          })
        } else if (outsideGroup.size > 0) {
          alerts.push({
            ...subject,
            code: "grades.hs.scoreNotInGroup",
            message: `Course ${pairing.ktsCourse.course.number} section ${pairing.section.number}, task ${taskName}: the ` +
              `synced scores ${[...outsideGroup].sort().join(", ")} are not in the task's score group; they were written. ` +
              `The high school must use a score group that holds the technical school's scores.`
          })
        }
      }
    }
    parts.push({
      stage: "grades",
      database: snapshot.database,
      highSchool: snapshot.school,
      changes: changes.build(),
      alerts,
      disclosures: [],
      hold: null
    })
  }
  const techUnit = assembleUnit({
    stage: "grades",
    night,
    database: tech.database,
    school: tech.school,
    changes: new ChangeSet(),
    removedByEnding: 0,
    alerts: techAlerts,
    openAlerts: tech.alerts,
    disclosures: techDisclosures,
    existingDisclosures: tech.disclosures,
    hold: null,
    held: false
  }, techLedger)
  return { techUnit, highSchoolParts: parts }
}
