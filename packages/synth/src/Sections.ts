/**
 * Course and section rows: a section's placements in terms, and who teaches
 * it over time (the staff-history shapes the primary-teacher rule must handle).
 */
import type { Context } from "./Context.js"
import { dateOf, dayNumber } from "./Dates.js"
import type { CourseInfo, SectionInfo, StructureInfo, TermInfo } from "./Model.js"
import type { Random } from "./Random.js"

export interface CourseFields {
  readonly number: string
  readonly name: string
  readonly grades: ReadonlyArray<string> | null
  readonly core: boolean
  readonly masterID: number | null
  readonly active: boolean
  readonly stateCode: string | null
  readonly teachingMethod: string | null
  readonly instructionalSetting: string | null
  readonly type: string | null
  readonly difficultyLevel: string | null
  readonly responsive: boolean
}

export const writeCourse = (ctx: Context, calendarID: number, fields: CourseFields): CourseInfo => {
  const courseID = ctx.ids.next("course")
  ctx.out.course.add({
    courseID,
    calendarID,
    courseMasterID: fields.masterID,
    number: fields.number,
    name: fields.name,
    active: fields.active,
    stateCode: fields.stateCode,
    teachingMethod: fields.teachingMethod,
    instructionalSetting: fields.instructionalSetting,
    type: fields.type,
    difficultyLevel: fields.difficultyLevel,
    responsive: fields.responsive
  })
  return {
    courseID,
    number: fields.number,
    name: fields.name,
    grades: fields.grades === null ? null : new Set(fields.grades),
    core: fields.core,
    active: fields.active
  }
}

/** Who teaches a section over time, in the shapes the primary-teacher rule must handle. */
export type StaffShape = "plain" | "change" | "coTeacher" | "aide" | "endedNoReplacement" | "undated" | "endsAtSectionEnd" | "endsNearToday"
export const STAFF_SHAPES: ReadonlyArray<StaffShape> = [
  "change", "coTeacher", "aide", "endedNoReplacement", "undated", "endsAtSectionEnd", "endsNearToday"
]

/** A date inside the section, away from its ends (for a change of teacher or a drop). */
export const midSection = (rng: Random, section: SectionInfo): string | null => {
  if (section.start === null || section.end === null) return null
  const from = dayNumber(section.start)
  const to = dayNumber(section.end)
  if (to - from < 20) return null
  return dateOf(rng.int(from + 10, to - 10))
}

const writeSectionStaff = (ctx: Context, rng: Random, section: SectionInfo, staff: ReadonlyArray<number>, shape: StaffShape) => {
  const teacher = rng.pick(staff)
  const other = rng.pick(staff)
  const row = (personID: number, staffType: string, startDate: string | null, endDate: string | null) =>
    ctx.out.sectionStaffHistory.add({ historyID: ctx.ids.next("sectionStaffHistory"), sectionID: section.sectionID, personID, staffType, startDate, endDate })
  const start = rng.chance(0.25) ? null : section.start
  const mid = midSection(rng, section)
  switch (shape) {
    case "change":
      if (mid === null) return row(teacher, "P", start, null)
      row(teacher, "P", start, mid)
      return row(other, "P", dateOf(dayNumber(mid) + 1), null)
    case "coTeacher":
      row(teacher, "P", start, null)
      return row(other, "T", section.start, null)
    case "aide":
      row(teacher, "P", start, null)
      return row(other, "N", section.start, null)
    case "endedNoReplacement":
      return row(teacher, "P", section.start, mid ?? section.start)
    case "undated":
      return row(teacher, "P", null, null)
    case "endsAtSectionEnd":
      return row(teacher, "P", start, section.end)
    case "endsNearToday": {
      const end = rng.pick(ctx.nearToday)
      return row(teacher, "P", start, section.start !== null && end < section.start ? section.end : end)
    }
    case "plain":
      return row(teacher, "P", start, null)
  }
}

export interface SectionOptions {
  readonly trialID: number
  readonly terms: ReadonlyArray<TermInfo>
  readonly number: number
  readonly coreContent: string | null
  readonly periodic: boolean
  readonly crossSite: string | null
  readonly staff: ReadonlyArray<number>
  readonly staffShape: StaffShape
}

export const writeSection = (ctx: Context, rng: Random, course: CourseInfo, structure: StructureInfo, options: SectionOptions): SectionInfo => {
  const sectionID = ctx.ids.next("section")
  ctx.out.section.add({
    sectionID,
    courseID: course.courseID,
    trialID: options.trialID,
    number: options.number,
    coreContent: options.coreContent,
    instructionalSetting: rng.weighted<string | null>([[null, 90], ["01", 5], ["02", 2], ["05", 3]]),
    specialType: rng.weighted<string | null>([[null, 85], ["01", 10], ["03", 2], ["04", 1], ["05", 2]]),
    crossSiteEnrollment: options.crossSite
  })
  const period = options.periodic ? rng.int(1, 7) : null
  for (const term of options.terms) {
    ctx.out.sectionPlacement.add({ placementID: ctx.ids.next("sectionPlacement"), sectionID, termID: term.termID, periodID: rng.chance(0.1) ? null : period })
  }
  const dated = options.terms.filter((term) => term.start !== null && term.end !== null)
  const undated = options.terms.some((term) => term.start === null || term.end === null)
  const section: SectionInfo = {
    sectionID,
    course,
    structure,
    start: undated ? null : (dated[0]?.start ?? null),
    end: undated ? null : (dated[dated.length - 1]?.end ?? null),
    terms: options.terms
  }
  writeSectionStaff(ctx, rng, section, options.staff, options.staffShape)
  return section
}

/** The placed terms of a section: the whole year, or one half of it. */
export const placement = (terms: ReadonlyArray<TermInfo>, semester: boolean, half: number): ReadonlyArray<TermInfo> => {
  if (!semester || terms.length < 2) return terms
  if (terms.length === 3) return [terms[half % 3] as TermInfo]
  const size = Math.floor(terms.length / 2)
  return half % 2 === 0 ? terms.slice(0, size) : terms.slice(size)
}
