/**
 * What the report and `explain` read, as an interface: the store implements
 * it (StoreLeadSource), tests implement it in memory. Reads go one calendar at
 * a time, so a state-wide run never holds more than one school's data: the
 * calendar's sections with their terms, trials, courses and staff; its roster
 * rows and enrollments; then persons and program records for just the
 * students found, from every district (SPED plans, ILPAs, migrant and
 * foster-care records count from any district).
 */
import type { Calendar, District, Enrollment, Person, Roster, School } from "@kts/domain"
import { emptyPersonRecords, type PersonRecords } from "@kts/eligibility"
import type { StaffName } from "./RowAssembly.js"
import type { SectionCandidate } from "./SectionSelection.js"

/** A calendar with its school and district. */
export interface CalendarScope {
  readonly district: District
  readonly school: School
  readonly calendar: Calendar
}

/** No program records at all: shared by every student who has none. */
export const NoPersonRecords: PersonRecords = emptyPersonRecords()

/** The report's data source. */
export interface LeadSource {
  /** The calendar end years the source holds, ascending. */
  endYears(): Array<number>
  /** Every district number. */
  districtNumbers(): Set<string>
  /** Every calendar with `endYear`, with its school and district, by calendarID. */
  calendarsOfYear(endYear: number): Array<CalendarScope>
  /** How many sections a calendar has (before any rule). */
  sectionCount(calendarID: number): number
  /** planTypeID → planType.module. */
  planModules(): ReadonlyMap<number, string>
  /**
   * The calendar's sections with everything the section rules read, in
   * sectionID order; a section whose trial, structure or course is missing is left out.
   */
  sectionCandidates(scope: CalendarScope): Array<SectionCandidate>
  /** The calendar's roster rows, by sectionID. */
  rostersBySection(calendarID: number): Map<number, Array<Roster>>
  /** The calendar's enrollments, by personID. */
  enrollmentsByPerson(calendarID: number): Map<number, Array<Enrollment>>
  /** The persons with these ids. */
  persons(personIDs: ReadonlyArray<number>): Map<number, Person>
  /** Every program record (any district) of these persons, by personID; persons with none are absent. */
  personRecords(personIDs: ReadonlyArray<number>): Map<number, PersonRecords>
  /** A staff member's preferred names; undefined when there is no such person. */
  staffName(personID: number): StaffName | undefined
  /** Persons whose stateID is exactly `stateID`, by personID. */
  personsByStateID(stateID: string): Array<Person>
  /** A person's roster rows in calendars with `endYear`, with each row's calendarID, by sectionID then rosterID. */
  rostersOfPerson(personID: number, endYear: number): Array<Roster & { readonly calendarID: number }>
  /** Every enrollment of a person, by enrollmentID. */
  enrollmentsOfPerson(personID: number): Array<Enrollment>
  /**
   * A store file each worker thread can open to read the same data, or
   * undefined to build every group on the calling thread.
   */
  workerStorePath(): string | undefined
}
