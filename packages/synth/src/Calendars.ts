/**
 * Calendars and what hangs off a schedule structure: its days, grade levels,
 * terms and trials. Writes the rows and returns the structures' dates and ids.
 */
import type { Context } from "./Context.js"
import type { CalendarInfo, StructureInfo, TermInfo, YearDays } from "./Model.js"
import type { Random } from "./Random.js"
import type { SchoolPlan } from "./Scales.js"
import { termDates } from "./SchoolDays.js"

export type CalendarKind = "current" | "summer" | "prior"

export interface StructureOptions {
  readonly name: string
  readonly days: YearDays
  readonly termCount: number
  readonly termPrefix: string
  readonly undatedTerm: boolean
  readonly inactiveTrial: boolean
}

const GRADE_LABEL: Readonly<Record<string, string>> = { "95": "PS3", "96": "PS4", "97": "PS", "00": "KG", "14": "14", "20": "UG" }

/** A structure with its day, grade-level, term and trial rows. */
const writeStructure = (ctx: Context, calendarID: number, grades: ReadonlyArray<string>, extraGrades: ReadonlyArray<string>, options: StructureOptions): StructureInfo => {
  const structureID = ctx.ids.next("scheduleStructure")
  ctx.out.scheduleStructure.add({ structureID, calendarID, name: options.name })
  for (const row of options.days.rows) {
    ctx.out.day.add({ calendarID, structureID, date: row.date, instruction: row.instruction })
  }
  const gradeRow = (grade: string, excludeEnrollment: boolean) =>
    ctx.out.gradeLevel.add({
      gradeLevelID: ctx.ids.next("gradeLevel"),
      calendarID,
      structureID,
      name: GRADE_LABEL[grade] ?? grade,
      stateGrade: grade,
      excludeEnrollment
    })
  for (const grade of grades) gradeRow(grade, false)
  for (const grade of extraGrades) gradeRow(grade, true)
  const terms: Array<TermInfo> = termDates(options.days, options.termCount).map((dates, index) => {
    const term = { termID: ctx.ids.next("term"), name: `${options.termPrefix}${index + 1}`, seq: index + 1, start: dates.start, end: dates.end }
    ctx.out.term.add({ termID: term.termID, structureID, name: term.name, seq: term.seq, startDate: term.start, endDate: term.end })
    return term
  })
  let undatedTerm: TermInfo | null = null
  if (options.undatedTerm) {
    undatedTerm = { termID: ctx.ids.next("term"), name: "Intersession", seq: terms.length + 1, start: null, end: null }
    ctx.out.term.add({ termID: undatedTerm.termID, structureID, name: undatedTerm.name, seq: undatedTerm.seq, startDate: null, endDate: null })
  }
  const activeTrialID = ctx.ids.next("trial")
  ctx.out.trial.add({ trialID: activeTrialID, structureID, name: "Trial 1", active: true })
  let inactiveTrialID: number | null = null
  if (options.inactiveTrial) {
    inactiveTrialID = ctx.ids.next("trial")
    ctx.out.trial.add({ trialID: inactiveTrialID, structureID, name: "Trial 2 (draft)", active: false })
  }
  return { structureID, calendarID, name: options.name, days: options.days, terms, undatedTerm, activeTrialID, inactiveTrialID, offerings: [] }
}

const yearLabel = (endYear: number): string =>
  `${String((endYear - 1) % 100).padStart(2, "0")}-${String(endYear % 100).padStart(2, "0")}`

export interface CalendarShape {
  readonly structures: ReadonlyArray<StructureOptions>
  readonly extraGrades: ReadonlyArray<string>
}

export const writeCalendar = (ctx: Context, rng: Random, school: SchoolPlan, schoolID: number, kind: CalendarKind, shape: CalendarShape): CalendarInfo => {
  const calendarID = ctx.ids.next("calendar")
  const endYear = kind === "prior" ? ctx.endYear - 1 : ctx.endYear
  const first = shape.structures[0]
  if (first === undefined) throw new Error("a calendar needs a structure")
  const name = kind === "summer"
    ? `${String(endYear % 100).padStart(2, "0")} Summer ${school.name}`
    : `${yearLabel(endYear)} ${school.name}`
  ctx.out.calendar.add({
    calendarID,
    schoolID,
    name,
    endYear,
    startDate: first.days.first,
    endDate: first.days.last,
    summerSchool: kind === "summer",
    exclude: rng.chance(0.02)
  })
  const structures = shape.structures.map((options) => writeStructure(ctx, calendarID, school.grades, shape.extraGrades, options))
  return { calendarID, schoolID, endYear, summer: kind === "summer", structures }
}
