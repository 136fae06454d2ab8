/**
 * Which high-school section pairs with which tech section (docs/exchange.md §1):
 * the tech sections of an end year, the KTS courses of a high school, the
 * usable ones, and the `link.*` alerts for the others.
 */
import {
  type Calendar,
  type Course,
  ktsCatalogName,
  type LocalDate,
  type Section,
  type Term
} from "@kts/domain"
import { startingTerm as startingTermOf } from "@kts/eligibility"
import type { RaisedAlert } from "./Alerts.js"
import { techSectionVerdict } from "./GradeSyncFacts.js"
import { formatKtsTechID } from "./KtsTechID.js"
import type { HighSchoolCourseSetup, SchoolRef, TechSetupRows } from "./Snapshot.js"

/** A section of a linked technical school that the exchange publishes and syncs. */
export interface TechSection {
  readonly ktsTechID: string
  /** The configuration's name of the technical-school database. */
  readonly database: string
  readonly school: SchoolRef
  readonly section: Section
  readonly course: Course
  readonly calendar: Calendar
  /** The section's schedule structure (its trial's). */
  readonly structureID: number
  /** Its starting term (lowest seq, then earliest startDate, then lowest termID), or null when not placed. */
  readonly startingTerm: Term | null
  /** The section's start: its starting term's startDate, else the calendar's startDate. */
  readonly startDate: LocalDate
}


/**
 * The tech sections of `endYear` among a technical school's sections, by
 * `techSectionVerdict` (the rule the grade check explains). By sectionID.
 */
export const techSectionsOf = (
  database: string,
  school: SchoolRef,
  setup: TechSetupRows,
  endYear: number
): ReadonlyArray<TechSection> => {
  const catalogs = new Map(setup.courseCatalogs.map((row) => [row.catalogID, row]))
  const masters = new Map(setup.courseMasters.map((row) => [row.courseMasterID, row]))
  const calendars = new Map(setup.calendars.map((row) => [row.calendarID, row]))
  const courses = new Map(setup.courses.map((row) => [row.courseID, row]))
  const trials = new Map(setup.trials.map((row) => [row.trialID, row]))
  const terms = new Map(setup.terms.map((row) => [row.termID, row]))
  const placedTerms = new Map<number, Array<Term>>()
  for (const placement of setup.sectionPlacements) {
    const term = terms.get(placement.termID)
    if (term === undefined) continue
    const list = placedTerms.get(placement.sectionID)
    if (list === undefined) placedTerms.set(placement.sectionID, [term])
    else list.push(term)
  }
  const result: Array<TechSection> = []
  for (const section of setup.sections) {
    const course = courses.get(section.courseID)
    if (course === undefined) continue
    const master = course.courseMasterID === null ? undefined : masters.get(course.courseMasterID)
    const catalog = master === undefined ? null : catalogs.get(master.catalogID) ?? null
    const calendar = calendars.get(course.calendarID)
    const trial = trials.get(section.trialID)
    const records = { course, catalog, calendar: calendar ?? null, trial: trial ?? null }
    if (techSectionVerdict(records, school.schoolID, endYear).status !== "ok" || calendar === undefined || trial === undefined) continue
    const startingTerm = startingTermOf(placedTerms.get(section.sectionID) ?? []) ?? null
    result.push({
      ktsTechID: formatKtsTechID({ district: school.district, school: school.number, sectionID: section.sectionID }),
      database,
      school,
      section,
      course,
      calendar,
      structureID: trial.structureID,
      startingTerm,
      startDate: startingTerm?.startDate ?? calendar.startDate
    })
  }
  return result.sort((a, b) => a.section.sectionID - b.section.sectionID)
}

/** A KTS course of a high school: a course built on a published master, naming a tech section. */
export interface KtsCourse {
  readonly course: Course
  readonly calendar: Calendar
  /** The customCourse value for (Course, KTSTechID). */
  readonly ktsTechID: string
  /** Its sections in an active trial (the KTS sections), by section number then sectionID. */
  readonly sections: ReadonlyArray<Section>
}

/**
 * The KTS courses of a high school for `endYear`: courses of its calendars
 * with that end year, active, whose master is in the high-school KTS catalog,
 * with a non-NULL customCourse value for the attribute (`Course`,
 * `KTSTechID`) (several: the highest customID's). By course number, then courseID.
 */
export const ktsCoursesOf = (snapshot: HighSchoolCourseSetup, endYear: number): ReadonlyArray<KtsCourse> => {
  const catalogName = ktsCatalogName(endYear)
  const catalogIDs = new Set(snapshot.courseCatalogs.filter((row) => row.name === catalogName).map((row) => row.catalogID))
  const masterIDs = new Set(snapshot.courseMasters.filter((row) => catalogIDs.has(row.catalogID)).map((row) => row.courseMasterID))
  const calendars = new Map(
    snapshot.calendars
      .filter((row) => row.schoolID === snapshot.school.schoolID && row.endYear === endYear)
      .map((row) => [row.calendarID, row])
  )
  const attributeIDs = new Set(
    snapshot.campusAttributes.filter((row) => row.object === "Course" && row.element === "KTSTechID").map((row) => row.attributeID)
  )
  const values = new Map<number, { customID: number; value: string }>()
  for (const custom of snapshot.customCourses) {
    if (custom.value === null || !attributeIDs.has(custom.attributeID)) continue
    const known = values.get(custom.courseID)
    if (known === undefined || custom.customID > known.customID) {
      values.set(custom.courseID, { customID: custom.customID, value: custom.value })
    }
  }
  const activeTrials = new Set(snapshot.trials.filter((row) => row.active).map((row) => row.trialID))
  const sectionsOf = new Map<number, Array<Section>>()
  for (const section of snapshot.sections) {
    if (!activeTrials.has(section.trialID)) continue
    const list = sectionsOf.get(section.courseID)
    if (list === undefined) sectionsOf.set(section.courseID, [section])
    else list.push(section)
  }
  const result: Array<KtsCourse> = []
  for (const course of snapshot.courses) {
    const calendar = calendars.get(course.calendarID)
    const value = values.get(course.courseID)
    if (calendar === undefined || value === undefined || !course.active) continue
    if (course.courseMasterID === null || !masterIDs.has(course.courseMasterID)) continue
    const sections = [...(sectionsOf.get(course.courseID) ?? [])].sort((a, b) => a.number - b.number || a.sectionID - b.sectionID)
    result.push({ course, calendar, ktsTechID: value.value, sections })
  }
  return result.sort((a, b) => (a.course.number < b.course.number ? -1 : a.course.number > b.course.number ? 1 : 0) ||
    a.course.courseID - b.course.courseID)
}

/** A usable KTS course: one high-school section paired with one tech section. */
export interface Pairing {
  /** The configuration's name of the district database. */
  readonly database: string
  readonly highSchool: SchoolRef
  readonly ktsCourse: KtsCourse
  /** The one KTS section. */
  readonly section: Section
  /** The KTS section's schedule structure (its trial's). */
  readonly structureID: number
  readonly tech: TechSection
}

/** A high school's KTS courses sorted out. */
export interface HighSchoolPairings {
  readonly highSchool: SchoolRef
  /** The usable KTS courses, by course number then courseID. */
  readonly pairings: ReadonlyArray<Pairing>
  /** The `link.*` alerts, at the high school. */
  readonly alerts: ReadonlyArray<RaisedAlert>
  /**
   * The KTSTechIDs (of tech sections of linked technical schools) named by a
   * KTS course that was skipped for an error: nothing is removed from them.
   */
  readonly skippedTechIDs: ReadonlySet<string>
}

/**
 * Pairs a high school's KTS courses with the tech sections of the technical
 * schools linked to it (`linkedTechSections`, by KTSTechID). A course whose
 * KTSTechID names none of them raises `link.unknownTechSection`; a course with
 * no KTS section `link.noSection` (warning); with several
 * `link.multipleSections`. Both kinds of problem are reported when both hold.
 */
export const pairHighSchool = (
  snapshot: HighSchoolCourseSetup,
  endYear: number,
  linkedTechSections: ReadonlyMap<string, TechSection>
): HighSchoolPairings => {
  const pairings: Array<Pairing> = []
  const alerts: Array<RaisedAlert> = []
  const skippedTechIDs = new Set<string>()
  const trials = new Map(snapshot.trials.map((row) => [row.trialID, row]))
  const schoolID = snapshot.school.schoolID
  for (const ktsCourse of ktsCoursesOf(snapshot, endYear)) {
    const { course, ktsTechID, sections } = ktsCourse
    const tech = linkedTechSections.get(ktsTechID)
    const subject = { schoolID, courseNumber: course.number, sectionNumber: null, ktsTechID, stateID: null, task: null }
    if (tech === undefined) {
      alerts.push({
        ...subject,
        code: "link.unknownTechSection",
        message: `Course ${course.number}${sections.length === 1 ? ` section ${sections[0]!.number}` : ""}: its KTSTechID ` +
          `${ktsTechID} names no section of a technical school linked to ` +
          `this high school, so nothing syncs for it. The high school must correct the course's KTSTechID (it is ` +
          `copied from the course master in the KTS catalog).`
      })
    }
    if (sections.length === 0) {
      alerts.push({
        ...subject,
        code: "link.noSection",
        message: `Course ${course.number} (KTSTechID ${ktsTechID}) has no section in an active trial yet. The high ` +
          `school must add one section and roster the students on it.`
      })
      continue
    }
    if (sections.length > 1) {
      alerts.push({
        ...subject,
        code: "link.multipleSections",
        message: `Course ${course.number} (KTSTechID ${ktsTechID}) has ${sections.length} sections in an active ` +
          `trial (section numbers ${sections.map((row) => row.number).join(", ")}); a KTS course must have exactly ` +
          `one. The high school must remove the extra sections; until then nothing syncs for this course.`
      })
      if (tech !== undefined) skippedTechIDs.add(tech.ktsTechID)
      continue
    }
    if (tech === undefined) continue
    const section = sections[0]!
    const trial = trials.get(section.trialID)
    if (trial === undefined) continue
    pairings.push({ database: snapshot.database, highSchool: snapshot.school, ktsCourse, section, structureID: trial.structureID, tech })
  }
  return { highSchool: snapshot.school, pairings, alerts, skippedTechIDs }
}

/** True when the tech section belongs to the technical school of the snapshot (ids are local to a database). */
export const isSectionOf = (section: TechSection, tech: { readonly database: string; readonly school: SchoolRef }): boolean =>
  section.database === tech.database && section.school.schoolID === tech.school.schoolID

/** The tech sections by KTSTechID. */
export const indexTechSections = (sections: Iterable<TechSection>): ReadonlyMap<string, TechSection> => {
  const index = new Map<string, TechSection>()
  for (const section of sections) index.set(section.ktsTechID, section)
  return index
}
