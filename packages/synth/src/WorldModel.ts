/**
 * What an exchange world is made of while it is written: its plan (technical
 * schools, districts, high schools, faults), the databases being written, and
 * the schools, sections and students later steps refer to.
 */
import type { BundleWriter } from "./CsvWriter.js"
import type { Context } from "./Context.js"
import type { CourseInfo, SectionInfo, StructureInfo, TermInfo, YearDays } from "./Model.js"
import type { NameOptions, PersonName } from "./Names.js"

/** The sizes a world comes in. */
export type WorldScale = "tiny" | "state"

/** The two moments of a world: mid-year, or the start of the year. */
export type WorldVariant = "midYear" | "startOfYear"

/** Number of the technical-school database's district (the existing generator's "Kentucky Tech System"). */
export const TECH_DISTRICT = "901"

/** How a technical course's grading setup departs from the guidelines. */
export type TechFault = "none" | "twoActiveMasks" | "duplicateTask"

/** How a KTS course at a high school departs from the guidelines. */
export type CourseFault = "none" | "twoActiveMasks" | "duplicateTask" | "twoSections"

/** Which CTE tasks a high school's report card leaves out. */
export type ReportCardGap = "none" | "final" | "both"

/** A technical course to be written: its program, how many sections, its fault, whether it is renamed mid-year. */
export interface TechCoursePlan {
  readonly program: readonly [string, string]
  readonly sections: number
  readonly fault: TechFault
  readonly renamed: boolean
}

/** A technical school to be written. */
export interface TechPlan {
  readonly number: string
  readonly name: string
  readonly termCount: number
  readonly courses: ReadonlyArray<TechCoursePlan>
}

/** A high school to be written, with the technical school (by position) it sends students to. */
export interface HighPlan {
  readonly number: string
  readonly name: string
  readonly tech: number
  readonly attendanceSync: boolean
  readonly wrongTerm: boolean
  readonly reportCard: ReportCardGap
  /** Position among all high schools, for the tiny world's fixed cases. */
  readonly index: number
}

/** A district database to be written. */
export interface WorldDistrictPlan {
  readonly number: string
  readonly name: string
  readonly highSchools: ReadonlyArray<HighPlan>
}

/** Everything a world holds, planned before any row is written. */
export interface WorldPlan {
  readonly tech: ReadonlyArray<TechPlan>
  readonly districts: ReadonlyArray<WorldDistrictPlan>
}

/** The grading tasks of a database, by role. */
export interface DbTasks {
  readonly cteTerm: number
  readonly cteFinal: number
  readonly cteExam: number
  readonly semester: number
}

/** A database being written: its bundle folder, its store's path, its writer and shared rows. */
export interface Db {
  readonly name: string
  readonly bundle: string
  readonly store: string
  readonly writer: BundleWriter
  /** For the generator's shared writers (courses, sections, staff); its `globals` are not used by them. */
  readonly ctx: Context
  readonly tasks: DbTasks
  readonly cteGroup: number
  readonly letterGroup: number | null
}

/** A written school year: its days and its one structure. */
export interface Year {
  readonly days: YearDays
  readonly instructional: ReadonlySet<string>
  readonly structure: StructureInfo
}

/** A written technical school, with the terms the grading setups refer to. */
export interface TechSchool {
  readonly plan: TechPlan
  readonly schoolID: number
  readonly year: Year
  readonly terms: ReadonlyArray<TermInfo>
  /** The CTE Term Grade active term: the latest term ended before the mid-year night's previous day, or the first term at the start of the year. */
  readonly activeTerm: TermInfo
  readonly midActiveTerm: TermInfo
  readonly firstTerm: TermInfo
  readonly lastTerm: TermInfo
  readonly courses: Array<TechCourse>
}

/** A written technical course. */
export interface TechCourse {
  readonly plan: TechCoursePlan
  readonly school: TechSchool
  readonly info: CourseInfo
  readonly number: string
  /** The name the high schools' masters carry (before any rename). */
  readonly publishedName: string
  readonly stateCode: string
  readonly sections: Array<TechSection>
}

/** A written technical section and its KTSTechID. */
export interface TechSection {
  readonly course: TechCourse
  readonly info: SectionInfo
  readonly number: number
  readonly ktsTechID: string
}

/** A misconfiguration placed on purpose, as `world.json` lists it. */
export interface Misconfiguration {
  readonly kind: string
  readonly database: string
  readonly district: string
  readonly school: string
  readonly courseNumber?: string
  readonly sectionNumber?: number
  readonly ktsTechID?: string
  readonly task?: string
  readonly stateIDs?: ReadonlyArray<string>
  /** The process alert the exchange raises for it (none for report cards: a grade check finds those). */
  readonly alert: string | null
  readonly note: string
}

/** One change of the day before the night, as `world.json` lists it. */
export interface DriftEvent {
  readonly kind: string
  readonly [key: string]: string | number | boolean | null
}

/** The run: options, the two nights, and what is recorded for `world.json`. */
export interface World {
  readonly seed: number
  readonly scale: WorldScale
  readonly endYear: number
  readonly variant: WorldVariant
  readonly outDir: string
  readonly tiny: boolean
  readonly names: NameOptions
  /** The mid-year night and its previous day (the drift's day). */
  readonly midNight: string
  readonly midDay: string
  readonly startNight: string
  readonly startDay: string
  readonly misconfigurations: Array<Misconfiguration>
  readonly drift: Array<DriftEvent>
  readonly tally: { highSchoolStudents: number; ktsStudents: number; syncedStudents: number; ktsCourses: number }
}

/** True for the mid-year moment. */
export const mid = (world: World): boolean => world.variant === "midYear"

/** How a student's place on a KTS section came and went. */
export type EntryKind = "base" | "lateAdd" | "pastDrop" | "driftAdd" | "driftDrop" | "driftDelete"

/** A student's place on one KTS section, with every date the two moments need. */
export interface Entry {
  readonly kts: KtsCourse
  /** Section number at the high school (2 only on a course with two sections). */
  readonly sectionIndex: number
  readonly kind: EntryKind
  readonly start: string | null
  /** The end the high school's row has mid-year (a drop yesterday included). */
  readonly end: string | null
}

/** A high-school student and their places on KTS sections. */
export interface Student {
  readonly index: number
  readonly stateID: string | null
  readonly studentNumber: string
  readonly grade: string
  readonly name: PersonName
  readonly raceEthnicity: string | null
  readonly birthDate: string
  readonly homePrimaryLanguage: string | null
  readonly entries: Array<Entry>
}

/** A high school's KTS course: the technical section it names, its sections, its fault. */
export interface KtsCourse {
  readonly tech: TechSection
  readonly fault: CourseFault
  readonly courseID: number
  readonly number: string
  readonly sections: ReadonlyArray<SectionInfo>
  /** The high-school term holding a date (a technical term's end): where that term's grades are copied. */
  readonly hsTermFor: (date: string) => TermInfo | undefined
  readonly usable: boolean
}

/** A district database being written, and what its high schools share. */
export interface DistrictWork {
  readonly world: World
  readonly db: Db
  readonly techDb: Db
  readonly districtNumber: string
  readonly districtID: number
  readonly masters: ReadonlyMap<string, number>
  readonly attributeID: number
  readonly ordinaryMasters: ReadonlyArray<number>
  studentNumber: number
}
