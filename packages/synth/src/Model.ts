/**
 * The organisation as the generator remembers it while making students: ids
 * and dates of what has already been written, kept only for the district in
 * progress (plus the technical centers, which serve several districts).
 */
import type { SchoolPlan } from "./Scales.js"

/** A structure's school days. */
export interface YearDays {
  readonly first: string
  readonly last: string
  /** Last instructional day (LID). */
  readonly lid: string
  /** Every instructional day, in order. */
  readonly instructional: ReadonlyArray<string>
  readonly rows: ReadonlyArray<{ readonly date: string; readonly instruction: boolean }>
}

export interface TermInfo {
  readonly termID: number
  readonly name: string
  readonly seq: number
  readonly start: string | null
  readonly end: string | null
}

export interface CourseInfo {
  readonly courseID: number
  readonly number: string
  readonly name: string
  /** Grades that take it; null: any grade. */
  readonly grades: ReadonlySet<string> | null
  readonly core: boolean
  readonly active: boolean
}

export interface SectionInfo {
  readonly sectionID: number
  readonly course: CourseInfo
  readonly structure: StructureInfo
  /** Start of the starting term and end of the ending term; null when a placed term has no date. */
  readonly start: string | null
  readonly end: string | null
  readonly terms: ReadonlyArray<TermInfo>
}

/** A course with the sections students can be placed in for one structure. */
export interface Offering {
  readonly course: CourseInfo
  readonly sections: Array<SectionInfo>
}

export interface StructureInfo {
  readonly structureID: number
  readonly calendarID: number
  readonly name: string
  readonly days: YearDays
  /** Terms with dates, by seq. */
  readonly terms: ReadonlyArray<TermInfo>
  /** A term without dates, when the structure has one. */
  readonly undatedTerm: TermInfo | null
  readonly activeTrialID: number
  readonly inactiveTrialID: number | null
  readonly offerings: Array<Offering>
}

export interface CalendarInfo {
  readonly calendarID: number
  readonly schoolID: number
  readonly endYear: number
  readonly summer: boolean
  readonly structures: ReadonlyArray<StructureInfo>
}

/** A technical-center course and what feeder high schools need to copy it. */
export interface TechCourse {
  readonly course: CourseInfo
  readonly sections: ReadonlyArray<SectionInfo>
  /** The master in this year's high-school KTS catalog. */
  readonly hsMasterID: number
  /** The value high-school copies carry as KTSTechID. */
  readonly techID: string
}

export interface TechCenter {
  readonly school: SchoolInfo
  readonly courses: ReadonlyArray<TechCourse>
}

/** A high school's copy of a technical-center course (one section). */
export interface KtsCopy {
  readonly tech: TechCourse
  readonly section: SectionInfo
}

export interface SchoolInfo {
  readonly plan: SchoolPlan
  readonly schoolID: number
  readonly districtID: number
  readonly current: CalendarInfo
  readonly summer: CalendarInfo | null
  readonly prior: CalendarInfo | null
  readonly staff: ReadonlyArray<number>
  readonly ktsCopies: ReadonlyArray<KtsCopy>
  readonly feeder: TechCenter | null
}

export interface DistrictInfo {
  readonly districtID: number
  readonly number: string
  readonly schools: Array<SchoolInfo>
  /** Special-education staff, who serve as case managers. */
  readonly spedStaff: Array<number>
  /** Staff with other roles on IEP teams. */
  readonly otherStaff: Array<number>
}

/** What later districts need of an earlier one: where a student could have come from. */
export interface EarlierEnrollmentSite {
  readonly districtID: number
  readonly calendarID: number
  readonly structureID: number
  readonly first: string
  readonly lid: string
  readonly grades: ReadonlyArray<string>
}
