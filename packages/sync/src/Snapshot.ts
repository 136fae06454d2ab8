/**
 * What the stages read: one technical school's share of the technical-school
 * database, and one high school's share of its district database, as plain
 * rows of the bundle's tables. The shell fills them with indexed queries (the
 * field notes say which rows); the core never reads anything else. Rows a
 * stage does not read may be left empty for that stage.
 *
 * Memory: a night needs the snapshots of one technical school and its linked
 * high schools at a time (plus the small `TechSectionIndex` of every technical
 * school, which pairing needs to tell an unknown KTSTechID from a known one).
 */
import type {
  Attendance,
  CampusAttribute,
  Calendar,
  Course,
  CourseCatalog,
  CourseGradingTask,
  CourseGradingTaskTerm,
  CourseMaster,
  CustomCourse,
  Disclosure,
  Enrollment,
  ExchangeHold,
  GradingScore,
  GradingTask,
  LocalDate,
  Person,
  ProcessAlert,
  Roster,
  ScoreGroupItem,
  Section,
  SectionPlacement,
  Term,
  Trial
} from "@kts/domain"

/** A school as the exchange names it across databases. */
export interface SchoolRef {
  /** Its id in its own database. */
  readonly schoolID: number
  /** The district's state number (`district.number`). */
  readonly district: string
  /** The school's state number (`school.number`). */
  readonly number: string
  /** `school.name`. */
  readonly name: string
}

/** (district number, school number): how a school is named across databases. */
export interface SchoolKey {
  readonly district: string
  readonly school: string
}

/** `165-010`: a school key as one string, for maps. */
export const schoolKeyText = (key: SchoolKey): string => `${key.district}-${key.school}`

/** The key of a school reference. */
export const keyOfSchool = (school: SchoolRef): SchoolKey => ({ district: school.district, school: school.number })

/** Orders schools by (district number, school number). */
export const compareSchoolKeys = (a: SchoolKey, b: SchoolKey): number =>
  a.district < b.district ? -1 : a.district > b.district ? 1 : a.school < b.school ? -1 : a.school > b.school ? 1 : 0

/**
 * The course setup of a technical school that decides which of its sections
 * are tech sections: rows of the school's calendars of the end year.
 */
export interface TechSetupRows {
  /** The school's calendars (at least those with the end year). */
  readonly calendars: ReadonlyArray<Calendar>
  /** The trials of those calendars' structures. */
  readonly trials: ReadonlyArray<Trial>
  /** The courses of those calendars. */
  readonly courses: ReadonlyArray<Course>
  /** The masters of those courses. */
  readonly courseMasters: ReadonlyArray<CourseMaster>
  /** The catalogs of those masters (at least the tech KTS catalog). */
  readonly courseCatalogs: ReadonlyArray<CourseCatalog>
  /** The sections of those courses. */
  readonly sections: ReadonlyArray<Section>
  /** The placements of those sections. */
  readonly sectionPlacements: ReadonlyArray<SectionPlacement>
  /** The terms of those calendars' structures. */
  readonly terms: ReadonlyArray<Term>
}

/**
 * One technical school's share of the technical-school database.
 *
 * Per stage: publish reads `setup`; rosters reads `setup`, `persons`,
 * `enrollments`, `rosters`, `recordedOnSection`, `alerts`, `holds`; grades
 * reads `setup`, `persons`, `gradingTasks`, `courseGradingTasks`,
 * `courseGradingTaskTerms`, `gradingScores`, `alerts`, `disclosures`;
 * attendance reads `setup`, `persons`, `attendance`, `disclosures`.
 */
export interface TechSchoolSnapshot {
  /** The configuration's name of the technical-school database. */
  readonly database: string
  readonly school: SchoolRef
  readonly setup: TechSetupRows
  /**
   * Persons of the rosters below, every person whose stateID is a stateID of
   * the high-school rosters paired with this school, and the persons of the
   * enrollments below.
   */
  readonly persons: ReadonlyArray<Person>
  /** Enrollments in the calendars of the tech sections (all persons, all service types). */
  readonly enrollments: ReadonlyArray<Enrollment>
  /** Every roster row on the tech sections. */
  readonly rosters: ReadonlyArray<Roster>
  /** (personID, sectionID) of the tech sections having at least one gradingScore or attendance row. */
  readonly recordedOnSection: ReadonlyArray<{ readonly personID: number; readonly sectionID: number }>
  /** The database's grading tasks (at least those named like the CTE tasks). */
  readonly gradingTasks: ReadonlyArray<GradingTask>
  /** courseGradingTask rows of the tech sections' courses. */
  readonly courseGradingTasks: ReadonlyArray<CourseGradingTask>
  /** courseGradingTaskTerm rows of those course tasks. */
  readonly courseGradingTaskTerms: ReadonlyArray<CourseGradingTaskTerm>
  /** gradingScore rows on the tech sections for the CTE tasks (posted or not, any term). */
  readonly gradingScores: ReadonlyArray<GradingScore>
  /** Attendance rows on the tech sections dated within the attendance window (at most the 30 days before the night). */
  readonly attendance: ReadonlyArray<Attendance>
  /** This school's processAlert rows with resolvedOn NULL. */
  readonly alerts: ReadonlyArray<ProcessAlert>
  /** This school's exchangeHold rows with usedOn NULL. */
  readonly holds: ReadonlyArray<ExchangeHold>
  /** disclosure rows of the database for the persons above. */
  readonly disclosures: ReadonlyArray<Disclosure>
}

/**
 * One high school's share of its district database.
 *
 * Per stage: rosters reads the course setup, `rosters`, `persons`,
 * `enrollments` (the high school's own unit of the stage reads `alerts` and
 * `disclosures`, `planRosters` does not); grades reads the course setup,
 * `rosters`, `persons`, `enrollments`, the grading rows, `alerts`;
 * attendance reads the course setup, `rosters`, `persons`, `enrollments`,
 * `attendance`, `lastAttendanceNight`.
 */
export interface HighSchoolSnapshot {
  /** The configuration's name of the district database. */
  readonly database: string
  readonly school: SchoolRef
  /** The school's calendars (at least those with the end year). */
  readonly calendars: ReadonlyArray<Calendar>
  /** The trials of those calendars' structures. */
  readonly trials: ReadonlyArray<Trial>
  /** The school's courses in those calendars whose master is in the high-school KTS catalog. */
  readonly courses: ReadonlyArray<Course>
  /** The masters of those courses. */
  readonly courseMasters: ReadonlyArray<CourseMaster>
  /** The catalogs of those masters. */
  readonly courseCatalogs: ReadonlyArray<CourseCatalog>
  /** The database's campusAttribute rows (at least object `Course`, element `KTSTechID`). */
  readonly campusAttributes: ReadonlyArray<CampusAttribute>
  /** customCourse rows of those courses. */
  readonly customCourses: ReadonlyArray<CustomCourse>
  /** The sections of those courses. */
  readonly sections: ReadonlyArray<Section>
  /** The terms of those calendars' structures. */
  readonly terms: ReadonlyArray<Term>
  /** Every roster row on those sections. */
  readonly rosters: ReadonlyArray<Roster>
  /** The persons of those roster rows. */
  readonly persons: ReadonlyArray<Person>
  /** Those persons' enrollments in those calendars. */
  readonly enrollments: ReadonlyArray<Enrollment>
  /** The database's grading tasks (at least those named like the CTE tasks). */
  readonly gradingTasks: ReadonlyArray<GradingTask>
  /** courseGradingTask rows of those courses. */
  readonly courseGradingTasks: ReadonlyArray<CourseGradingTask>
  /** courseGradingTaskTerm rows of those course tasks. */
  readonly courseGradingTaskTerms: ReadonlyArray<CourseGradingTaskTerm>
  /** scoreGroupItem rows of the score groups those course tasks use. */
  readonly scoreGroupItems: ReadonlyArray<ScoreGroupItem>
  /** gradingScore rows on those sections. */
  readonly gradingScores: ReadonlyArray<GradingScore>
  /** Attendance rows on those sections dated within the attendance window. */
  readonly attendance: ReadonlyArray<Attendance>
  /** This school's processAlert rows with resolvedOn NULL. */
  readonly alerts: ReadonlyArray<ProcessAlert>
  /** disclosure rows of the database for the persons above. */
  readonly disclosures: ReadonlyArray<Disclosure>
  /**
   * The latest night before this one whose attendance stage completed for
   * this school (`exchangeRun`: stage `attendance`, this schoolID), or null.
   * Only the attendance stage reads it (the shell leaves it null for the others).
   */
  readonly lastAttendanceNight: LocalDate | null
}

/** The part of a high school's snapshot that says which KTS courses it has and how they pair: its course setup. */
export type HighSchoolCourseSetup = Pick<
  HighSchoolSnapshot,
  "database" | "school" | "calendars" | "trials" | "courses" | "courseMasters" | "courseCatalogs" | "campusAttributes" | "customCourses" | "sections"
>

/** A high-school database's KTS catalog as publish reads it. */
export interface PublishSnapshot {
  /** The configuration's name of the district database. */
  readonly database: string
  /** The database's catalogs named like the end year's high-school KTS catalog. */
  readonly courseCatalogs: ReadonlyArray<CourseCatalog>
  /** The masters in those catalogs. */
  readonly courseMasters: ReadonlyArray<CourseMaster>
}

/** A link of the configuration. */
export interface Link {
  readonly tech: SchoolKey
  readonly highSchool: SchoolKey
  readonly attendanceSync: boolean
}

/** The configuration's `holds`. */
export interface HoldSettings {
  readonly rosterRemovalShare: number
  readonly rosterRemovalMinimum: number
}

/** The defaults of `holds`. */
export const DEFAULT_HOLD_SETTINGS: HoldSettings = { rosterRemovalShare: 0.1, rosterRemovalMinimum: 10 }
