/**
 * The records the checks read for one pairing: a high school's KTS course and
 * the technical section its KTSTechID names, each side's grading setup,
 * rosters, grades, report card templates and open alerts. The shell reads it
 * from the two databases; the checks are pure functions over it.
 */
import type {
  Course,
  CourseGradingTask,
  CourseGradingTaskTerm,
  GradeCalcOption,
  GradingScore,
  GradingTask,
  LocalDate,
  ProcessAlert,
  ReportCardTemplate,
  ReportCardTemplateTask,
  ScoreGroup,
  ScoreGroupItem,
  Section,
  Term
} from "@kts/domain"

/** A roster row with its person's State ID (null when the person has none). */
export interface RosterEntry {
  readonly rosterID: number
  readonly sectionID: number
  readonly personID: number
  readonly stateID: string | null
  readonly startDate: LocalDate | null
  readonly endDate: LocalDate | null
}

/** A grade with its person's State ID. */
export interface ScoreEntry extends GradingScore {
  readonly stateID: string | null
}

/** One school's records for one pairing. */
export interface SideRecords {
  /** The configuration's key of the database they were read from. */
  readonly database: string
  readonly district: string
  readonly school: string
  readonly schoolID: number
  /** The course (the high school's KTS course; the tech section's course). */
  readonly course: Course
  /** High school: the course's KTS sections (active trial); tech: the one tech section. */
  readonly sections: ReadonlyArray<Section>
  /** Roster rows on those sections. */
  readonly roster: ReadonlyArray<RosterEntry>
  /** The database's grading tasks. */
  readonly gradingTasks: ReadonlyArray<GradingTask>
  /** The course's courseGradingTask rows. */
  readonly courseGradingTasks: ReadonlyArray<CourseGradingTask>
  /** The term rows of those course tasks. */
  readonly taskTerms: ReadonlyArray<CourseGradingTaskTerm>
  /** The terms of the course's calendar (every structure) and those the task terms name. */
  readonly terms: ReadonlyArray<Term>
  /** Grades on the sections. */
  readonly scores: ReadonlyArray<ScoreEntry>
  /** The score groups the course tasks name, and their items. */
  readonly scoreGroups: ReadonlyArray<ScoreGroup>
  readonly scoreGroupItems: ReadonlyArray<ScoreGroupItem>
  /** The course's gradeCalcOption rows. */
  readonly gradeCalcOptions: ReadonlyArray<GradeCalcOption>
  /** The school's report card templates and their tasks. */
  readonly reportCardTemplates: ReadonlyArray<ReportCardTemplate>
  readonly reportCardTemplateTasks: ReadonlyArray<ReportCardTemplateTask>
  /** The school's alerts that are open as of the run (resolvedOn NULL or after it). */
  readonly alerts: ReadonlyArray<ProcessAlert>
}

/**
 * Why the KTSTechID does or does not name a tech section of a linked technical
 * school: `ok`, or the first reason found. `notInTechCatalog` is the technical
 * school's to fix; every other reason the high school's.
 */
export type TechSectionStatus =
  | "ok"
  | "malformed"
  | "unknownSchool"
  | "schoolNotLinked"
  | "noSuchSection"
  | "notInTechCatalog"
  | "notTechSection"

/** The lookup of the KTSTechID, with what was found. */
export interface TechSectionLookup {
  readonly status: TechSectionStatus
  /** The technical school's numbers when the KTSTechID names them. */
  readonly district: string | null
  readonly school: string | null
  readonly sectionID: number | null
  /** Why the section is not a tech section of end year Y (inactive course, summer calendar, …). */
  readonly detail: string | null
}

/** A student to check on the pairing: by State ID, with the high school's personID for those without one. */
export interface StudentRef {
  readonly stateID: string | null
  /** The high school's personID (null when the student is on no high-school roster of this pairing). */
  readonly highSchoolPersonID: number | null
}

/** The items of a score group, as the score-group check compares them. */
export interface ScoreGroupWithItems {
  readonly scoreGroup: ScoreGroup
  readonly items: ReadonlyArray<ScoreGroupItem>
}

/** Everything the ten checks read for one pairing. */
export interface GradeCheckSnapshot {
  readonly asOf: LocalDate
  readonly endYear: number
  /** The high school's side; its course is the KTS course. */
  readonly highSchool: SideRecords
  /** Whether the high school is a linked high school of the exchange configuration. */
  readonly highSchoolLinked: boolean
  /** The course's KTSTechID value (customCourse). */
  readonly ktsTechID: string
  readonly techSection: TechSectionLookup
  /** The tech side, when the KTSTechID names an existing section of a known technical school. */
  readonly tech: SideRecords | null
  /** The technical database's `CTE Numeric Score Group`, the score-group check's reference. */
  readonly cteNumericScoreGroup: ScoreGroupWithItems | null
  /** The students whose grades are checked (empty: course-level checks only). */
  readonly students: ReadonlyArray<StudentRef>
}
