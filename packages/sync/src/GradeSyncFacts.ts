/**
 * Facts about the exchange's data that the nightly sync and `kts grade-check`
 * must state the same way (docs/exchange.md §1 and §3; docs/grade-check.md):
 * whether a process alert is still open on a date, and whether a section of a
 * technical school is a tech section of an end year (and if not, why not).
 * Pure functions over plain records; the sync's pairing uses the same verdict
 * the grade check explains, so the two cannot disagree.
 */
import { type Calendar, type Course, type CourseCatalog, ktsTechCatalogName, type LocalDate, type ProcessAlert, type Trial } from "@kts/domain"

/** Whether an alert is open on `asOf`: it has no resolvedOn, or one after `asOf`. */
export const isAlertOpen = (alert: Pick<ProcessAlert, "resolvedOn">, asOf: LocalDate): boolean =>
  alert.resolvedOn === null || alert.resolvedOn > asOf

/** Why a section's course, calendar or trial keeps it from being a tech section (beyond the catalog). */
export type TechSectionReason =
  | { readonly kind: "courseInactive"; readonly courseNumber: string }
  | { readonly kind: "noCalendar" }
  | { readonly kind: "otherSchool"; readonly schoolID: number }
  | { readonly kind: "otherEndYear"; readonly endYear: number }
  | { readonly kind: "summerSchool" }
  | { readonly kind: "trialInactive" }

/**
 * Whether a section is a tech section of `endYear`: `ok`; `notInTechCatalog`
 * (its course has no master in the end year's tech KTS catalog, the technical
 * school's to fix); or `notTechSection` with every other reason found.
 */
export type TechSectionVerdict =
  | { readonly status: "ok" }
  | { readonly status: "notInTechCatalog" }
  | { readonly status: "notTechSection"; readonly reasons: ReadonlyArray<TechSectionReason> }

/** The records a section's verdict reads: its course, the catalog of the course's master, its calendar and its trial (null when missing). */
export interface TechSectionRecords {
  readonly course: Course
  readonly catalog: CourseCatalog | null
  readonly calendar: Calendar | null
  readonly trial: Trial | null
}

/**
 * A section of technical school `schoolID` is a tech section of `endYear` when
 * its course is active and its master is in the tech KTS catalog, its calendar
 * is the school's, has the end year and is not summer school, and its trial is
 * active.
 */
export const techSectionVerdict = (records: TechSectionRecords, schoolID: number, endYear: number): TechSectionVerdict => {
  const { course, catalog, calendar, trial } = records
  if (course.courseMasterID === null || catalog === null || catalog.name !== ktsTechCatalogName(endYear)) return { status: "notInTechCatalog" }
  const reasons: Array<TechSectionReason> = []
  if (!course.active) reasons.push({ kind: "courseInactive", courseNumber: course.number })
  if (calendar === null) reasons.push({ kind: "noCalendar" })
  else {
    if (calendar.schoolID !== schoolID) reasons.push({ kind: "otherSchool", schoolID: calendar.schoolID })
    if (calendar.endYear !== endYear) reasons.push({ kind: "otherEndYear", endYear: calendar.endYear })
    if (calendar.summerSchool) reasons.push({ kind: "summerSchool" })
  }
  if (trial === null || !trial.active) reasons.push({ kind: "trialInactive" })
  return reasons.length === 0 ? { status: "ok" } : { status: "notTechSection", reasons }
}

/**
 * When one student has several grade rows for the same section, task and term,
 * the row with the highest scoreID stands: it is the tech grade a night sends
 * (among the posted rows) and the high-school copy a night keeps in step.
 * docs/exchange-decisions.md records the choice.
 */
export const standsBefore = (row: { readonly scoreID: number }, other: { readonly scoreID: number }): boolean => row.scoreID > other.scoreID

/** The row that stands among `rows` (see `standsBefore`), or null when there is none. */
export const standingGrade = <S extends { readonly scoreID: number }>(rows: Iterable<S>): S | null => {
  let best: S | null = null
  for (const row of rows) if (best === null || standsBefore(row, best)) best = row
  return best
}

/** The tech grade a night sends from one student's rows for a section, task and term: the posted row that stands, or null. */
export const syncingGrade = <S extends { readonly scoreID: number; readonly posted: boolean }>(rows: Iterable<S>): S | null =>
  standingGrade([...rows].filter((row) => row.posted))
