/**
 * The students a high-school KTS section sends: one roster row per person
 * (NULL endDate, else the latest endDate, then the highest rosterID), with a
 * State ID and a reported enrollment (the LEAD report's rule, from
 * `@kts/eligibility`) in the section's calendar and structure.
 */
import type { Enrollment, Person, Roster } from "@kts/domain"
import { chooseReportedEnrollment, chooseRosterRow } from "@kts/eligibility"
import { pushTo } from "./internal/MultiMap.js"
import type { Pairing } from "./Pairing.js"
import type { HighSchoolSnapshot } from "./Snapshot.js"

/** A person's roster row among their rows on a section: the LEAD report's rule, owned by @kts/eligibility. */
export { chooseRosterRow }

/** One high-school roster row that sends a student to a tech section. */
export interface SyncedSource {
  readonly stateID: string
  readonly pairing: Pairing
  /** The high school's person. */
  readonly person: Person
  /** The chosen roster row on the KTS section. */
  readonly roster: Roster
  /** The reported enrollment in the KTS section's calendar and structure. */
  readonly enrollment: Enrollment
}

/** A high school's snapshot indexed for the per-section look-ups. */
export interface HighSchoolIndex {
  readonly persons: ReadonlyMap<number, Person>
  readonly rostersOf: ReadonlyMap<number, ReadonlyArray<Roster>>
  readonly enrollmentsOf: ReadonlyMap<number, ReadonlyArray<Enrollment>>
}

/** Indexes a high school's persons, rosters by section and enrollments by person. */
export const indexHighSchool = (snapshot: HighSchoolSnapshot): HighSchoolIndex => {
  const rostersOf = new Map<number, Array<Roster>>()
  for (const row of snapshot.rosters) pushTo(rostersOf, row.sectionID, row)
  const enrollmentsOf = new Map<number, Array<Enrollment>>()
  for (const row of snapshot.enrollments) pushTo(enrollmentsOf, row.personID, row)
  return { persons: new Map(snapshot.persons.map((row) => [row.personID, row])), rostersOf, enrollmentsOf }
}

/** The persons on a KTS section, sorted out. */
export interface PairingStudents {
  /** The synced students, by personID. */
  readonly sources: ReadonlyArray<SyncedSource>
  /** Rostered persons without a State ID, by personID. */
  readonly withoutStateID: ReadonlyArray<number>
  /** Rostered persons with a State ID but no reported enrollment, by personID. */
  readonly withoutEnrollment: ReadonlyArray<Person>
}

/** The students a usable KTS course's section sends. */
export const studentsOfPairing = (pairing: Pairing, index: HighSchoolIndex): PairingStudents => {
  const byPerson = new Map<number, Array<Roster>>()
  for (const row of index.rostersOf.get(pairing.section.sectionID) ?? []) pushTo(byPerson, row.personID, row)
  const sources: Array<SyncedSource> = []
  const withoutStateID: Array<number> = []
  const withoutEnrollment: Array<Person> = []
  for (const personID of [...byPerson.keys()].sort((a, b) => a - b)) {
    const person = index.persons.get(personID)
    if (person === undefined) continue
    if (person.stateID === null) {
      withoutStateID.push(personID)
      continue
    }
    const enrollment = chooseReportedEnrollment(
      (index.enrollmentsOf.get(personID) ?? []).filter((row) =>
        row.calendarID === pairing.ktsCourse.course.calendarID && row.structureID === pairing.structureID)
    )
    if (enrollment === undefined) {
      withoutEnrollment.push(person)
      continue
    }
    sources.push({ stateID: person.stateID, pairing, person, roster: chooseRosterRow(byPerson.get(personID)!)!, enrollment })
  }
  return { sources, withoutStateID, withoutEnrollment }
}

/** The synced students of a section by State ID (one person per State ID: the highest personID). */
export const sourcesByStateID = (sources: ReadonlyArray<SyncedSource>): ReadonlyMap<string, SyncedSource> => {
  const result = new Map<string, SyncedSource>()
  for (const source of sources) {
    const known = result.get(source.stateID)
    if (known === undefined || source.person.personID > known.person.personID) result.set(source.stateID, source)
  }
  return result
}
