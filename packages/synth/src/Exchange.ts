/**
 * KTS exchange data: grading-task setup of technical-center courses and of the
 * high schools' copies (with the misconfigurations the troubleshooting guide
 * warns about), report-card templates, and the grades students receive.
 */
import type { Context } from "./Context.js"
import type { SectionInfo, StructureInfo, TermInfo } from "./Model.js"
import type { Random } from "./Random.js"

/** How a course's grading setup departs from the guidelines. */
export type GradingFault = "none" | "twoActiveMasks" | "duplicateFinal" | "noCalcOptions" | "calcAtHighSchool"

const pickFault = (rng: Random, showcaseIndex: number | null, faults: ReadonlyArray<GradingFault>): GradingFault => {
  if (showcaseIndex !== null) return faults[showcaseIndex] ?? "none"
  const roll = rng.float()
  if (roll < 0.04) return "twoActiveMasks"
  if (roll < 0.07) return "duplicateFinal"
  if (roll < 0.1) return faults.includes("noCalcOptions") ? "noCalcOptions" : "calcAtHighSchool"
  return "none"
}

const addTask = (ctx: Context, courseID: number, taskID: number, scoreGroupID: number | null): number => {
  const courseGradingTaskID = ctx.ids.next("courseGradingTask")
  ctx.out.courseGradingTask.add({ courseGradingTaskID, courseID, taskID, scoreGroupID })
  return courseGradingTaskID
}

/**
 * One row per dated term. `graded` says which terms the task is posted for
 * (term mask); the active mask is the last term, plus the first one when the
 * setup is faulty (only one may be active).
 */
const addTerms = (ctx: Context, courseGradingTaskID: number, terms: ReadonlyArray<TermInfo>, graded: "all" | "last", twoActive: boolean) => {
  terms.forEach((term, index) => {
    const last = index === terms.length - 1
    ctx.out.courseGradingTaskTerm.add({
      courseGradingTaskID,
      termID: term.termID,
      termMask: graded === "all" || last,
      activeMask: last || (twoActive && index === 0)
    })
  })
}

/** Grading setup of a technical-center course: the three CTE tasks and the composite final. */
export const setupTechCourse = (ctx: Context, rng: Random, courseID: number, structure: StructureInfo, showcaseIndex: number | null) => {
  const { tasks, scoreGroups } = ctx.globals
  const fault = pickFault(rng, showcaseIndex, ["twoActiveMasks", "duplicateFinal", "noCalcOptions"])
  addTerms(ctx, addTask(ctx, courseID, tasks.cteTerm, scoreGroups.cteNumeric), structure.terms, "all", fault === "twoActiveMasks")
  addTerms(ctx, addTask(ctx, courseID, tasks.cteFinal, scoreGroups.cteNumeric), structure.terms, "last", false)
  if (fault === "duplicateFinal") addTerms(ctx, addTask(ctx, courseID, tasks.cteFinal, scoreGroups.letter), structure.terms, "last", false)
  addTerms(ctx, addTask(ctx, courseID, tasks.cteExam, scoreGroups.cteNumeric), structure.terms, "last", false)
  if (fault !== "noCalcOptions") {
    ctx.out.gradeCalcOption.add({ optionID: ctx.ids.next("gradeCalcOption"), courseID, taskID: tasks.cteFinal, componentTaskID: tasks.cteTerm, weight: 80 })
    ctx.out.gradeCalcOption.add({ optionID: ctx.ids.next("gradeCalcOption"), courseID, taskID: tasks.cteFinal, componentTaskID: tasks.cteExam, weight: 20 })
  }
}

/** Grading setup of a high school's copy of a KTS course, with the score group the school chose. */
export const setupCopyCourse = (ctx: Context, rng: Random, courseID: number, structure: StructureInfo, showcaseIndex: number | null) => {
  const { tasks, scoreGroups } = ctx.globals
  const groups: ReadonlyArray<number | null> = [scoreGroups.cteNumeric, scoreGroups.letter, scoreGroups.letterNoGpa, scoreGroups.mismatched, null]
  const scoreGroupID = showcaseIndex !== null
    ? (groups[showcaseIndex % groups.length] ?? null)
    : rng.weighted<number | null>([[scoreGroups.cteNumeric, 50], [scoreGroups.letter, 28], [scoreGroups.letterNoGpa, 10], [scoreGroups.mismatched, 8], [null, 4]])
  const fault = pickFault(rng, showcaseIndex === null ? null : showcaseIndex - 5, ["twoActiveMasks", "duplicateFinal", "calcAtHighSchool"])
  addTerms(ctx, addTask(ctx, courseID, tasks.cteTerm, scoreGroupID), structure.terms, "all", fault === "twoActiveMasks")
  addTerms(ctx, addTask(ctx, courseID, tasks.cteFinal, scoreGroupID), structure.terms, "last", false)
  if (fault === "duplicateFinal") addTerms(ctx, addTask(ctx, courseID, tasks.cteFinal, scoreGroupID), structure.terms, "last", false)
  if (fault === "calcAtHighSchool") {
    ctx.out.gradeCalcOption.add({ optionID: ctx.ids.next("gradeCalcOption"), courseID, taskID: tasks.cteFinal, componentTaskID: tasks.cteTerm, weight: 100 })
  }
}

/** A semester grade on some ordinary high-school courses, so KTS tasks are not the only ones. */
export const setupRegularCourse = (ctx: Context, courseID: number, structure: StructureInfo) => {
  const { tasks, scoreGroups } = ctx.globals
  const id = addTask(ctx, courseID, tasks.semester, scoreGroups.letter)
  const half = Math.max(0, Math.floor(structure.terms.length / 2) - 1)
  structure.terms.forEach((term, index) => {
    ctx.out.courseGradingTaskTerm.add({
      courseGradingTaskID: id,
      termID: term.termID,
      termMask: index === half || index === structure.terms.length - 1,
      activeMask: index === structure.terms.length - 1
    })
  })
}

/**
 * Report-card templates of a school with high-school grades. `missing` leaves
 * out CTE tasks, the mistake that hides synced grades from report cards.
 */
export const writeReportCards = (ctx: Context, schoolID: number, missing: "none" | "final" | "both") => {
  const { tasks } = ctx.globals
  const yy = String(ctx.endYear % 100).padStart(2, "0")
  const card = ctx.ids.next("reportCardTemplate")
  ctx.out.reportCardTemplate.add({ templateID: card, schoolID, name: `${yy} Report Card` })
  ctx.out.reportCardTemplateTask.add({ templateID: card, taskID: tasks.semester })
  if (missing !== "both") ctx.out.reportCardTemplateTask.add({ templateID: card, taskID: tasks.cteTerm })
  if (missing === "none") ctx.out.reportCardTemplateTask.add({ templateID: card, taskID: tasks.cteFinal })
  const progress = ctx.ids.next("reportCardTemplate")
  ctx.out.reportCardTemplate.add({ templateID: progress, schoolID, name: `${yy} Progress Report` })
  ctx.out.reportCardTemplateTask.add({ templateID: progress, taskID: tasks.progress })
}

const letter = (percent: number): string => (percent >= 90 ? "A" : percent >= 80 ? "B" : percent >= 70 ? "C" : percent >= 60 ? "D" : "F")

/** The copy section's term that holds `date` (else its last term). */
const termHolding = (section: SectionInfo, date: string): TermInfo | undefined =>
  section.terms.find((term) => term.start !== null && term.end !== null && term.start <= date && date <= term.end) ??
    section.terms[section.terms.length - 1]

/**
 * Grades of a student in a technical-center section, and the posted ones as
 * the nightly sync copies them into the high school's copy section.
 */
export const writeScores = (ctx: Context, rng: Random, personID: number, tech: SectionInfo, copy: SectionInfo | null) => {
  const { tasks } = ctx.globals
  const asOf = `${ctx.endYear}-05-15`
  const base = rng.normal(84, 8)
  const posted: Array<{ task: number; date: string; score: string | null; percent: number | null }> = []
  const add = (task: number, term: TermInfo, percent: number | null, isPosted: boolean, date: string, withScore: boolean) => {
    const score = withScore && percent !== null ? letter(percent) : null
    ctx.out.gradingScore.add({
      scoreID: ctx.ids.next("gradingScore"),
      personID,
      sectionID: tech.sectionID,
      taskID: task,
      termID: term.termID,
      score,
      percent,
      posted: isPosted,
      modifiedDate: `${date}T${String(rng.int(7, 16)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`
    })
    if (isPosted) posted.push({ task, date, score, percent })
  }
  const percentOf = () => Math.round(Math.min(100, Math.max(40, base + rng.normal(0, 5))) * 10) / 10
  const dated = tech.terms.filter((term) => term.start !== null && term.end !== null && term.start <= asOf)
  dated.forEach((term) => {
    const end = term.end as string
    add(tasks.cteTerm, term, percentOf(), end < asOf ? rng.chance(0.9) : rng.chance(0.35), end < asOf ? end : asOf, true)
  })
  const last = dated[dated.length - 1]
  if (last !== undefined) {
    if (rng.chance(0.5)) add(tasks.cteExam, last, percentOf(), rng.chance(0.3), asOf, false)
    add(tasks.cteFinal, last, rng.chance(0.1) ? null : percentOf(), rng.chance(0.3), asOf, true)
  }
  if (copy === null) return
  for (const grade of posted) {
    // A few posted grades do not reach the high school (its setup is wrong).
    if (rng.chance(0.12)) continue
    const term = termHolding(copy, grade.date)
    if (term === undefined) continue
    ctx.out.gradingScore.add({
      scoreID: ctx.ids.next("gradingScore"),
      personID,
      sectionID: copy.sectionID,
      taskID: grade.task,
      termID: term.termID,
      score: grade.score,
      percent: grade.percent,
      posted: true,
      modifiedDate: `${grade.date}T23:${String(rng.int(10, 59)).padStart(2, "0")}`
    })
  }
}
