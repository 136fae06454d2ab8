/**
 * One database of an exchange world as it is written: its bundle files, its
 * grading tasks and score groups, its calendars and grading setups.
 */
import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { ktsCatalogName } from "@kts/domain"
import { type Context, type GlobalIds, Ids } from "./Context.js"
import { BundleWriter } from "./CsvWriter.js"
import type { StructureInfo, TermInfo, YearDays } from "./Model.js"
import type { Random } from "./Random.js"
import { regularYear, termDates } from "./SchoolDays.js"
import type { Db, World, Year } from "./WorldModel.js"

/** The technical schools' KTS catalog of an end year (`24-25 KTS Course Catalog (TECH SCHOOLS ONLY)`). */
export const techCatalogName = (endYear: number): string => `${ktsCatalogName(endYear).slice(0, 5)} KTS Course Catalog (TECH SCHOOLS ONLY)`

/** The shared writers this module reuses (courses, sections, staff) never read the bundle-wide ids. */
export const UNUSED_GLOBALS: GlobalIds = {
  tasks: { cteTerm: 0, cteFinal: 0, cteExam: 0, semester: 0, progress: 0, quarter: 0 },
  scoreGroups: { cteNumeric: 0, letter: 0, letterNoGpa: 0, mismatched: 0, passFail: 0 },
  catalogs: { ktsHighSchools: 0, ktsHighSchoolsPrior: 0, ktsTech: 0 },
  attributes: { ktsTechId: 0, sectionKtsTechId: 0, courseLevel: 0 },
  planTypes: { iep: 0, iepAmendment: 0, ilpa: 0, plan504: 0, healthPlan: 0 }
}

export const SCORES: ReadonlyArray<readonly [string, number, number, boolean]> = [
  ["A", 90, 4, true], ["B", 80, 3, true], ["C", 70, 2, true], ["D", 60, 1, true], ["F", 0, 0, false]
]

export const openDb = async (world: World, name: string, bundle: string, store: string, withLetterGroup: boolean): Promise<Db> => {
  const dir = join(world.outDir, bundle)
  await mkdir(dir, { recursive: true })
  const writer = new BundleWriter(dir)
  const ids = new Ids()
  const ctx: Context = {
    seed: world.seed,
    scale: world.scale,
    endYear: world.endYear,
    showcase: false,
    out: writer.sinks,
    ids,
    globals: UNUSED_GLOBALS,
    techCenters: new Map(),
    districtIDs: [],
    earlierSites: [],
    nearToday: [],
    stateIdCounter: 0,
    cursors: new Map()
  }
  const out = writer.sinks
  const task = (taskName: string) => {
    const taskID = ids.next("gradingTask")
    out.gradingTask.add({ taskID, name: taskName })
    return taskID
  }
  const tasks = { cteTerm: task("CTE Term Grade"), cteFinal: task("CTE Final Grade"), cteExam: task("CTE Final Exam"), semester: task("Semester Grade") }
  const group = (groupName: string) => {
    const scoreGroupID = ids.next("scoreGroup")
    out.scoreGroup.add({ scoreGroupID, name: groupName })
    SCORES.forEach(([score, minPercent, gpaValue, passing], index) => {
      out.scoreGroupItem.add({ itemID: ids.next("scoreGroupItem"), scoreGroupID, seq: index + 1, score, minPercent, gpaValue, passing })
    })
    return scoreGroupID
  }
  const cteGroup = group("CTE Numeric Score Group")
  const letterGroup = withLetterGroup ? group("HS Letter Grades") : null
  return { name, bundle, store, writer, ctx, tasks, cteGroup, letterGroup }
}

/** Draws a school year until `fits` accepts it (deterministic: each try is its own fork). */
export const drawYear = (rng: Random, endYear: number, termCount: number, fits: (days: YearDays, terms: ReadonlyArray<{ start: string; end: string }>) => boolean): YearDays => {
  for (let attempt = 0; attempt < 200; attempt++) {
    const days = regularYear(rng.fork("year", attempt), endYear)
    if (fits(days, termDates(days, termCount))) return days
  }
  throw new Error("no school year fits the world's nights")
}

export const GRADES = ["09", "10", "11", "12"]

/** A school's calendar for the end year: one structure, its days, grades 9–12, terms and one active trial. */
export const writeYear = (db: Db, schoolID: number, schoolName: string, days: YearDays, termCount: number): Year => {
  const { out, ids } = db.ctx
  const endYear = db.ctx.endYear
  const calendarID = ids.next("calendar")
  const label = `${String((endYear - 1) % 100).padStart(2, "0")}-${String(endYear % 100).padStart(2, "0")}`
  out.calendar.add({ calendarID, schoolID, name: `${label} ${schoolName}`, endYear, startDate: days.first, endDate: days.last, summerSchool: false, exclude: false })
  const structureID = ids.next("scheduleStructure")
  out.scheduleStructure.add({ structureID, calendarID, name: "Main" })
  for (const row of days.rows) out.day.add({ calendarID, structureID, date: row.date, instruction: row.instruction })
  for (const grade of GRADES) {
    out.gradeLevel.add({ gradeLevelID: ids.next("gradeLevel"), calendarID, structureID, name: grade, stateGrade: grade, excludeEnrollment: false })
  }
  const prefix = termCount === 2 ? "S" : termCount === 3 ? "T" : "Q"
  const terms: Array<TermInfo> = termDates(days, termCount).map((dates, index) => {
    const term: TermInfo = { termID: ids.next("term"), name: `${prefix}${index + 1}`, seq: index + 1, start: dates.start, end: dates.end }
    out.term.add({ termID: term.termID, structureID, name: term.name, seq: term.seq, startDate: term.start, endDate: term.end })
    return term
  })
  const activeTrialID = ids.next("trial")
  out.trial.add({ trialID: activeTrialID, structureID, name: "Trial 1", active: true })
  const structure: StructureInfo = { structureID, calendarID, name: "Main", days, terms, undatedTerm: null, activeTrialID, inactiveTrialID: null, offerings: [] }
  return { days, instructional: new Set(days.instructional), structure }
}

/** The term whose dates hold `date`, start and end inclusive. */
export const termHolding = <T extends { readonly start: string | null; readonly end: string | null }>(terms: ReadonlyArray<T>, date: string): T | undefined =>
  terms.find((term) => term.start !== null && term.end !== null && term.start <= date && date <= term.end)

/** A random instructional day of `year` in [from, to], or null when there is none. */
export const dayBetween = (rng: Random, year: Year, from: string, to: string): string | null => {
  const days = year.days.instructional.filter((day) => day >= from && day <= to)
  return days.length === 0 ? null : rng.pick(days)
}

/** One courseGradingTask and its term rows: termMask on `graded`, activeMask on `active`. */
export const addGradingTask = (db: Db, courseID: number, taskID: number, scoreGroupID: number | null, terms: ReadonlyArray<TermInfo>, graded: (term: TermInfo) => boolean, active: ReadonlyArray<TermInfo>) => {
  const courseGradingTaskID = db.ctx.ids.next("courseGradingTask")
  db.ctx.out.courseGradingTask.add({ courseGradingTaskID, courseID, taskID, scoreGroupID })
  for (const term of terms) {
    db.ctx.out.courseGradingTaskTerm.add({ courseGradingTaskID, termID: term.termID, termMask: graded(term), activeMask: active.includes(term) })
  }
}

/** Another term than `term` for a misplaced second active mask: the next one, else the previous one. */
export const neighbour = (terms: ReadonlyArray<TermInfo>, term: TermInfo): TermInfo => {
  const index = terms.indexOf(term)
  return (terms[index + 1] ?? terms[index - 1] ?? term) as TermInfo
}
