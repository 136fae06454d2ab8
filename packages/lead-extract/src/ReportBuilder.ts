/**
 * Builds the rows of a group of calendars: reads them through the Source, then
 * hands the records to the pure rules (section selection, student selection,
 * the eligibility verdicts, row assembly). The run and `explain` share it.
 */
import type { Enrollment, LocalDate, LocalDateTime, Person, Roster } from "@kts/domain"
import { evaluateLeadFlags, type LeadFlagInput, type LeadFlags, type PersonRecords } from "@kts/eligibility"
import {
  blankStudentRow,
  enrollmentValues,
  personValues,
  programValues,
  sectionValues,
  studentRows,
  type LeadRow,
  type ReportedStudent,
  type StaffName,
  type StudentParts
} from "./RowAssembly.js"
import { todayOf, type LeadExtractParameters } from "./Parameters.js"
import { compareRowsInSection, compareSections } from "./RowOrder.js"
import { decideSection, type ReportedSection, type SectionCriteria } from "./SectionSelection.js"
import { type CalendarScope, type LeadSource, NoPersonRecords } from "./Source.js"
import { selectStudents, type SelectedStudent } from "./StudentSelection.js"

/** What every section of a run shares. */
export interface ReportContext {
  readonly criteria: SectionCriteria
  /** The run time, for column 1. */
  readonly asOf: LocalDateTime
  /** planTypeID → planType.module. */
  readonly planModules: ReadonlyMap<number, string>
}

/** The run context the rules read, from resolved parameters. */
export const reportContext = (source: LeadSource, parameters: LeadExtractParameters): ReportContext => ({
  criteria: {
    endYear: parameters.endYear,
    from: parameters.from,
    to: parameters.to,
    excludeCrossSite: parameters.excludeCrossSite,
    today: todayOf(parameters)
  },
  asOf: parameters.asOf,
  planModules: source.planModules()
})

/** A reported section with its rows in report order. */
export interface SectionReport {
  readonly section: ReportedSection
  readonly rows: ReadonlyArray<LeadRow>
}

/** The order key of a reported section (see RowOrder). */
export const sectionOrderKey = (section: ReportedSection) => ({
  districtNumber: section.district.number,
  schoolNumber: section.school.number,
  calendarName: section.calendar.name,
  courseNumber: section.course.number,
  sectionNumber: section.section.number,
  sectionID: section.section.sectionID
})

/** The eligibility input for one student of one section. */
export const leadFlagInput = (
  section: ReportedSection,
  person: Person,
  enrollment: Enrollment,
  records: PersonRecords,
  context: ReportContext
): LeadFlagInput => ({
  person,
  enrollment,
  records,
  planModules: context.planModules,
  districtID: section.district.districtID,
  stateClassification: section.school.stateClassification,
  endYear: section.calendar.endYear,
  sectionEndDate: section.endDate,
  lastInstructionalDay: section.lastInstructionalDay,
  today: context.criteria.today
})

/** The primary teacher's names, when the verdict names a teacher. */
export const teacherName = (section: ReportedSection, source: LeadSource): StaffName | undefined =>
  section.primaryTeacher.value === "0" || section.primaryTeacher.value === ""
    ? undefined
    : source.staffName(Number(section.primaryTeacher.value))

/**
 * The rows of one reported section, sorted; the blank-student row when no
 * student is reported. `partsOf` gives a student's section-independent parts
 * (shared across their sections by the caller).
 */
export const sectionRows = (
  section: ReportedSection,
  students: ReadonlyArray<ReportedStudent>,
  source: LeadSource,
  asOf: LocalDateTime,
  partsOf: (student: ReportedStudent) => StudentParts = (student) => ({
    person: personValues(student.person),
    enrollment: enrollmentValues(student.enrollment),
    programs: programValues(student.flags)
  })
): Array<LeadRow> => {
  const sectionPart = sectionValues(section, teacherName(section, source), asOf)
  if (students.length === 0) return [blankStudentRow(sectionPart)]
  const rows: Array<LeadRow> = []
  const staffName = (personID: number) => source.staffName(personID)
  for (const student of students) {
    for (const row of studentRows(sectionPart, student, staffName, partsOf(student))) rows.push(row)
  }
  rows.sort(compareRowsInSection)
  return rows
}

/**
 * Every reported section of the calendars in `scopes` (which should share
 * district number, school number and calendar name, so their sections sort
 * together), in report order with their rows.
 */
export const reportCalendars = (
  source: LeadSource,
  scopes: ReadonlyArray<CalendarScope>,
  context: ReportContext
): Array<SectionReport> => {
  const reported: Array<{ section: ReportedSection; selected: Array<SelectedStudent> }> = []
  const personIDs = new Set<number>()
  for (const scope of scopes) {
    const sections: Array<ReportedSection> = []
    for (const candidate of source.sectionCandidates(scope)) {
      const decision = decideSection(candidate, context.criteria)
      if (decision.reported) sections.push(decision.section)
    }
    if (sections.length === 0) continue
    const rosters = source.rostersBySection(scope.calendar.calendarID)
    const enrollments = source.enrollmentsByPerson(scope.calendar.calendarID)
    const enrollmentsOf = (personID: number) => enrollments.get(personID) ?? NoEnrollments
    for (const section of sections) {
      const selected = selectStudents(rosters.get(section.section.sectionID) ?? NoRosters, {
        endDate: section.endDate,
        lastInstructionalDay: section.lastInstructionalDay,
        calendarID: section.calendar.calendarID,
        structureID: section.structure.structureID
      }, enrollmentsOf)
      for (const student of selected) personIDs.add(student.roster.personID)
      reported.push({ section, selected })
    }
  }
  reported.sort((a, b) => compareSections(sectionOrderKey(a.section), sectionOrderKey(b.section)))

  const ids = [...personIDs]
  const persons = source.persons(ids)
  const records = source.personRecords(ids)
  // A student's verdicts depend on the section only through its end date (the
  // enrollment fixes calendar, structure, LID, district): most of a student's
  // sections share one evaluation.
  const flagCache = new Map<LocalDate, Map<number, LeadFlags>>()
  // Row parts shared by a student's rows across the group's sections.
  const personParts = new Map<number, ReadonlyArray<string>>()
  const enrollmentParts = new Map<number, ReadonlyArray<string>>()
  const programParts = new Map<LeadFlags, ReadonlyArray<string>>()
  const partsOf = (student: ReportedStudent): StudentParts => {
    let person = personParts.get(student.person.personID)
    if (person === undefined) personParts.set(student.person.personID, person = personValues(student.person))
    let enrollment = enrollmentParts.get(student.enrollment.enrollmentID)
    if (enrollment === undefined) {
      enrollmentParts.set(student.enrollment.enrollmentID, enrollment = enrollmentValues(student.enrollment))
    }
    let programs = programParts.get(student.flags)
    if (programs === undefined) programParts.set(student.flags, programs = programValues(student.flags))
    return { person, enrollment, programs }
  }
  const reports: Array<SectionReport> = []
  for (const { section, selected } of reported) {
    let flagsByEnrollment = flagCache.get(section.endDate)
    if (flagsByEnrollment === undefined) {
      flagsByEnrollment = new Map()
      flagCache.set(section.endDate, flagsByEnrollment)
    }
    const students: Array<ReportedStudent> = []
    for (const { enrollment, roster } of selected) {
      const person = persons.get(roster.personID)
      if (person === undefined) continue
      let flags = flagsByEnrollment.get(enrollment.enrollmentID)
      if (flags === undefined) {
        flags = evaluateLeadFlags(
          leadFlagInput(section, person, enrollment, records.get(person.personID) ?? NoPersonRecords, context)
        )
        flagsByEnrollment.set(enrollment.enrollmentID, flags)
      }
      students.push({ roster, person, enrollment, flags })
    }
    reports.push({ section, rows: sectionRows(section, students, source, context.asOf, partsOf) })
  }
  return reports
}

const NoEnrollments: ReadonlyArray<Enrollment> = []
const NoRosters: ReadonlyArray<Roster> = []
