/**
 * The rosters stage (docs/exchange.md §2, Rosters): the high schools' rosters of
 * the usable KTS courses become the technical school's persons, `S`
 * enrollments and roster rows on the tech sections; rows of students no
 * longer sent are removed, unless the removals are too many (a hold).
 */
import type { Enrollment, LocalDate, Person, Roster } from "@kts/domain"
import { addDays } from "@kts/domain"
import type { RaisedAlert } from "./Alerts.js"
import type { DisclosureIntent } from "./Disclosures.js"
import { choose, type Criterion, highest, latestDate, type Preference } from "@kts/eligibility"
import { pushTo } from "./internal/MultiMap.js"
import type { DatabaseLedger } from "./Ledger.js"
import { isSectionOf, type HighSchoolPairings, type TechSection } from "./Pairing.js"
import { ChangeSet, type HoldRecord, type UnitPlan } from "./Plan.js"
import type { HighSchoolSnapshot, HoldSettings, SchoolRef, TechSchoolSnapshot } from "./Snapshot.js"
import { compareSchoolKeys, keyOfSchool } from "./Snapshot.js"
import { chooseRosterRow, indexHighSchool, studentsOfPairing, type SyncedSource } from "./Students.js"
import { assembleUnit, type HighSchoolPart } from "./Units.js"

// ── Choosing rows ────────────────────────────────────────────────────────────

/** Prefers the source from the higher (district number, school number). */
const highestSchool: Criterion<SyncedSource> = {
  rule: "highest (district number, school number)",
  compare: (a, b) => compareSchoolKeys(keyOfSchool(a.pairing.highSchool), keyOfSchool(b.pairing.highSchool)),
  show: (source) => `${source.pairing.highSchool.district}-${source.pairing.highSchool.number}`
}

/**
 * The order that gives a tech section's synced student its dates when
 * several high-school sections send the same stateID (a student who moved):
 * NULL endDate, else the latest endDate, then the latest startDate (NULL
 * counts as earliest), then the highest (district number, school number),
 * then the highest high-school sectionID and rosterID.
 */
export const MovedStudentOrder: Preference<SyncedSource> = [
  latestDate("endDate", (source) => source.roster.endDate, "latest"),
  latestDate("startDate", (source) => source.roster.startDate, "earliest"),
  highestSchool,
  highest("high-school sectionID", (source) => source.pairing.section.sectionID),
  highest("rosterID", (source) => source.roster.rosterID)
]

/** The source that gives a tech section's synced student its dates (`MovedStudentOrder`). */
export const chooseMovedStudentSource = (sources: ReadonlyArray<SyncedSource>): SyncedSource | undefined =>
  choose(sources, MovedStudentOrder)

/**
 * The order of the source whose high school gives a student's person values
 * and enrollment grade: the highest (district number, school number), then the
 * highest high-school personID, sectionID and rosterID.
 */
export const PersonSourceOrder: Preference<SyncedSource> = [
  highestSchool,
  highest("high-school personID", (source) => source.person.personID),
  highest("high-school sectionID", (source) => source.pairing.section.sectionID),
  highest("rosterID", (source) => source.roster.rosterID)
]

/** The source that gives a student's person values (`PersonSourceOrder`). */
export const choosePersonSource = (sources: ReadonlyArray<SyncedSource>): SyncedSource | undefined =>
  choose(sources, PersonSourceOrder)

/** Active on the night: endDate NULL or on or after it. */
export const isActiveOn = (endDate: LocalDate | null, night: LocalDate): boolean => endDate === null || endDate >= night

// ── The hold ─────────────────────────────────────────────────────────────────

/** Whether R removals out of N active rows are too many. */
export interface HoldDecision {
  readonly held: boolean
  readonly activeRows: number
  readonly removals: number
  /** max(minimum, share × N): R above it holds. */
  readonly threshold: number
}

/**
 * The hold rule: R > max(rosterRemovalMinimum, rosterRemovalShare × N). The
 * product is rounded to 9 decimals so that a share like 0.29 of 100 is 29,
 * not 28.999….
 */
export const decideHold = (activeRows: number, removals: number, settings: HoldSettings): HoldDecision => {
  const share = Math.round(settings.rosterRemovalShare * activeRows * 1e9) / 1e9
  const threshold = Math.max(settings.rosterRemovalMinimum, share)
  return { held: removals > threshold, activeRows, removals, threshold }
}

// ── Removal ──────────────────────────────────────────────────────────────────

/** What a removal does to a roster row. */
export type RemovalAction =
  | { readonly kind: "delete" }
  | { readonly kind: "end"; readonly endDate: LocalDate }
  | { readonly kind: "keep" }

/**
 * A removed roster row is deleted when its person has no gradingScore and no
 * attendance on the section; otherwise ended the day before the night when
 * its endDate is NULL or later; an earlier endDate is left.
 */
export const removalOf = (row: Roster, recorded: boolean, night: LocalDate): RemovalAction => {
  if (!recorded) return { kind: "delete" }
  const dayBefore = addDays(night, -1)
  return row.endDate === null || row.endDate > dayBefore ? { kind: "end", endDate: dayBefore } : { kind: "keep" }
}

/**
 * The end of an `S` enrollment whose person has no active roster row left on
 * the tech sections of its calendar and structure: the latest endDate of
 * their rows there, or the day before the night when none; never before the
 * enrollment's startDate.
 */
export const enrollmentEndOf = (
  enrollment: Enrollment,
  rowEndDates: ReadonlyArray<LocalDate>,
  night: LocalDate
): LocalDate => {
  let end = rowEndDates.length === 0 ? addDays(night, -1) : rowEndDates.reduce((a, b) => (a > b ? a : b))
  if (end < enrollment.startDate) end = enrollment.startDate
  return end
}

// ── The stage for one technical school ───────────────────────────────────────

/** A high school linked to the technical school, as the rosters stage sees it. */
export interface LinkedHighSchool {
  readonly highSchool: SchoolRef
  /** Null when its database could not be read: nothing is removed from this technical school's sections. */
  readonly snapshot: HighSchoolSnapshot | null
  /** Its pairings (from `pairHighSchool`), null when unreadable. */
  readonly pairings: HighSchoolPairings | null
}

/** The rosters stage's inputs for one technical school. */
export interface RostersInput {
  readonly night: LocalDate
  readonly holds: HoldSettings
  readonly tech: TechSchoolSnapshot
  /** The technical school's tech sections of the end year. */
  readonly techSections: ReadonlyArray<TechSection>
  /** Every high school linked to it, readable or not. */
  readonly highSchools: ReadonlyArray<LinkedHighSchool>
}

/** The rosters stage of one technical school: its own unit and its parts of the linked high schools' units. */
export interface RostersResult {
  readonly techUnit: UnitPlan
  readonly highSchoolParts: ReadonlyArray<HighSchoolPart>
  readonly hold: HoldDecision
}

const PERSON_FIELDS = [
  "stateID",
  "studentNumber",
  "firstName",
  "lastName",
  "legalFirstName",
  "legalLastName",
  "gender",
  "raceEthnicity",
  "birthDate",
  "homePrimaryLanguage"
] as const

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The synced students of every pairing with this technical school, and the student alerts at each high school. */
const collectSources = (input: RostersInput) => {
  const techSectionIDs = new Set(input.techSections.map((row) => row.section.sectionID))
  const sources: Array<SyncedSource> = []
  /** By `database|schoolID`: ids are local to a database. */
  const alertsBySchool = new Map<string, Array<RaisedAlert>>()
  /** `sectionID|stateID` of students skipped for an error: their tech rows are left as they are. */
  const protectedRows = new Set<string>()
  for (const linked of input.highSchools) {
    const snapshot = linked.snapshot
    if (snapshot === null || linked.pairings === null) continue
    const alerts: Array<RaisedAlert> = []
    alertsBySchool.set(`${snapshot.database}|${linked.highSchool.schoolID}`, alerts)
    const index = indexHighSchool(snapshot)
    for (const pairing of linked.pairings.pairings) {
      if (!techSectionIDs.has(pairing.tech.section.sectionID) || !isSectionOf(pairing.tech, input.tech)) continue
      const students = studentsOfPairing(pairing, index)
      sources.push(...students.sources)
      for (const person of students.withoutEnrollment) {
        protectedRows.add(`${pairing.tech.section.sectionID}|${person.stateID}`)
        alerts.push({
          schoolID: linked.highSchool.schoolID,
          code: "student.noEnrollment",
          courseNumber: pairing.ktsCourse.course.number,
          sectionNumber: pairing.section.number,
          ktsTechID: null,
          stateID: person.stateID,
          task: null,
          message: `Course ${pairing.ktsCourse.course.number} section ${pairing.section.number}: the student with ` +
            `State ID ${person.stateID} is on the roster but has no enrollment in this section's calendar and ` +
            `schedule structure, so the student is not sent to the technical school. The high school must enroll ` +
            `the student (or correct the roster).`
        })
      }
      const withoutStateID = students.withoutStateID
      if (withoutStateID.length > 0) {
        alerts.push({
          schoolID: linked.highSchool.schoolID,
          code: "student.noStateId",
          courseNumber: pairing.ktsCourse.course.number,
          sectionNumber: pairing.section.number,
          ktsTechID: null,
          stateID: null,
          task: null,
          message: `Course ${pairing.ktsCourse.course.number} section ${pairing.section.number}: ` +
            `${withoutStateID.length} rostered person(s) have no State ID (personID ${withoutStateID.join(", ")}) ` +
            `and cannot be sent to the technical school. The high school must record their State IDs.`
        })
      }
    }
  }
  return { sources, alertsBySchool, protectedRows }
}

/**
 * The rosters stage for one technical school. The person, enrollment and
 * roster rows are planned against the technical-school database as earlier
 * units of the night left it (through `techLedger`); when the removals hold,
 * the technical school's unit writes only the hold and its alert.
 */
export const planRosters = (input: RostersInput, techLedger: DatabaseLedger): RostersResult => {
  const { night, tech } = input
  const techSchool = tech.school
  const techKey = keyOfSchool(techSchool)
  const sectionsByID = new Map(input.techSections.map((row) => [row.section.sectionID, row]))
  const { sources, alertsBySchool, protectedRows } = collectSources(input)

  // Sections nothing may be removed from: named by a course skipped for an error, or all when a database is unreadable.
  const anyUnreadable = input.highSchools.some((linked) => linked.snapshot === null || linked.pairings === null)
  const frozen = new Set<number>()
  for (const linked of input.highSchools) {
    for (const ktsTechID of linked.pairings?.skippedTechIDs ?? []) {
      for (const section of input.techSections) if (section.ktsTechID === ktsTechID) frozen.add(section.section.sectionID)
    }
  }

  // Synced students per tech section (the moved-student rule) and every source of each stateID.
  const sourcesBySection = new Map<number, Map<string, Array<SyncedSource>>>()
  const sourcesByStateID = new Map<string, Array<SyncedSource>>()
  for (const source of sources) {
    const sectionID = source.pairing.tech.section.sectionID
    let byState = sourcesBySection.get(sectionID)
    if (byState === undefined) sourcesBySection.set(sectionID, (byState = new Map()))
    pushTo(byState, source.stateID, source)
    pushTo(sourcesByStateID, source.stateID, source)
  }
  const synced = new Map<number, Map<string, SyncedSource>>()
  for (const [sectionID, byState] of sourcesBySection) {
    const winners = new Map<string, SyncedSource>()
    for (const [stateID, list] of byState) winners.set(stateID, chooseMovedStudentSource(list)!)
    synced.set(sectionID, winners)
  }
  const syncedInOrder = [...synced.entries()].sort(([a], [b]) => a - b)
  /** Each stateID's synced sources, in tech sectionID order. */
  const syncedOfStateID = new Map<string, Array<[number, SyncedSource]>>()
  for (const [sectionID, winners] of syncedInOrder) {
    for (const [stateID, source] of winners) pushTo(syncedOfStateID, stateID, [sectionID, source])
  }

  // The technical school's persons as earlier units of the night left them.
  const persons = techLedger.personsOver(tech.persons)
  const personsByID = new Map(persons.map((row) => [row.personID, row]))
  const personsByStateID = new Map<string, Array<Person>>()
  for (const person of persons) if (person.stateID !== null) pushTo(personsByStateID, person.stateID, person)

  const ids = techLedger.ids.fork()
  const changes = new ChangeSet()
  const techAlerts: Array<RaisedAlert> = []
  const disclosuresBySchool = new Map<string, Array<DisclosureIntent>>()
  const disclose = (source: SyncedSource) =>
    pushTo(disclosuresBySchool, `${source.pairing.database}|${source.pairing.highSchool.schoolID}`, {
      personID: source.person.personID,
      recipient: techKey,
      kind: "roster"
    })
  const notedPersons: Array<Person> = []

  // 1. Persons.
  const techPersonOf = new Map<string, Person>()
  /** State IDs of students skipped for two tech persons: none of their tech rows is inserted, updated or removed. */
  const duplicated = new Set<string>()
  const stateIDs = [...sourcesByStateID.keys()].sort(compareText)
  for (const stateID of stateIDs) {
    const giver = choosePersonSource(sourcesByStateID.get(stateID)!)!
    const matches = personsByStateID.get(stateID) ?? []
    if (matches.length > 1) {
      duplicated.add(stateID)
      for (const [sectionID] of syncedOfStateID.get(stateID) ?? []) {
        const section = sectionsByID.get(sectionID)!
        techAlerts.push({
          schoolID: techSchool.schoolID,
          code: "student.duplicateStateId",
          courseNumber: section.course.number,
          sectionNumber: section.section.number,
          ktsTechID: null,
          stateID,
          task: null,
          message: `Course ${section.course.number} section ${section.section.number}: State ID ${stateID} belongs to ` +
            `${matches.length} persons in the technical school's database (personID ` +
            `${matches.map((row) => row.personID).sort((a, b) => a - b).join(", ")}), so the student is not synced. ` +
            `The technical school must merge the duplicate persons.`
        })
      }
      continue
    }
    const valuesOf = () => Object.fromEntries(PERSON_FIELDS.map((field) => [field, giver.person[field]])) as Pick<Person, (typeof PERSON_FIELDS)[number]>
    const existing = matches[0]
    if (existing === undefined) {
      const values = valuesOf()
      const created: Person = { personID: ids.take("person"), ...values }
      changes.insert("person", created)
      notedPersons.push(created)
      techPersonOf.set(stateID, created)
      disclose(giver)
    } else {
      const differs = PERSON_FIELDS.some((field) => existing[field] !== giver.person[field])
      const current = differs ? { ...existing, ...valuesOf() } : existing
      if (differs) {
        changes.update("person", current)
        notedPersons.push(current)
        disclose(giver)
      }
      techPersonOf.set(stateID, current)
    }
  }

  // 3. Rosters (planned before enrollments so that enrollment ends see the rows as the stage leaves them).
  const rowsBySectionPerson = new Map<string, Array<Roster>>()
  for (const row of tech.rosters) pushTo(rowsBySectionPerson, `${row.sectionID}|${row.personID}`, row)
  /** The roster rows on the tech sections as the stage leaves them, by rosterID. */
  const rowsAfter = new Map<number, Roster>()
  for (const row of tech.rosters) if (sectionsByID.has(row.sectionID)) rowsAfter.set(row.rosterID, row)
  for (const [sectionID, winners] of syncedInOrder) {
    for (const stateID of [...winners.keys()].sort(compareText)) {
      const person = techPersonOf.get(stateID)
      if (person === undefined) continue
      const source = winners.get(stateID)!
      const current = chooseRosterRow(rowsBySectionPerson.get(`${sectionID}|${person.personID}`) ?? [])
      if (current === undefined) {
        const row: Roster = {
          rosterID: ids.take("roster"),
          sectionID,
          personID: person.personID,
          startDate: source.roster.startDate,
          endDate: source.roster.endDate
        }
        changes.insert("roster", row)
        rowsAfter.set(row.rosterID, row)
        disclose(source)
      } else if (current.startDate !== source.roster.startDate || current.endDate !== source.roster.endDate) {
        const row = { ...current, startDate: source.roster.startDate, endDate: source.roster.endDate }
        changes.update("roster", row)
        rowsAfter.set(row.rosterID, row)
        disclose(source)
      }
    }
  }

  // 4. Removals.
  const recorded = new Set(tech.recordedOnSection.map((row) => `${row.sectionID}|${row.personID}`))
  let removals = 0
  let removedByEnding = 0
  let activeRows = 0
  for (const row of [...tech.rosters].sort((a, b) => a.rosterID - b.rosterID)) {
    if (!sectionsByID.has(row.sectionID)) continue
    const person = personsByID.get(row.personID)
    if (person === undefined || person.stateID === null) continue
    if (isActiveOn(row.endDate, night)) activeRows++
    if (anyUnreadable || frozen.has(row.sectionID)) continue
    if (synced.get(row.sectionID)?.has(person.stateID) === true) continue
    if (protectedRows.has(`${row.sectionID}|${person.stateID}`) || duplicated.has(person.stateID)) continue
    const action = removalOf(row, recorded.has(`${row.sectionID}|${row.personID}`), night)
    if (action.kind === "delete") {
      changes.delete("roster", row)
      rowsAfter.delete(row.rosterID)
      removals++
    } else if (action.kind === "end") {
      const ended = { ...row, endDate: action.endDate }
      changes.update("roster", ended)
      rowsAfter.set(row.rosterID, ended)
      removals++
      removedByEnding++
    }
  }

  // 2. Enrollments created, and 5. enrollments ended.
  const placeKey = (calendarID: number, structureID: number) => `${calendarID}|${structureID}`
  const placeOfSection = new Map(input.techSections.map((row) => [row.section.sectionID, placeKey(row.calendar.calendarID, row.structureID)]))
  const enrollmentsOf = new Map<number, Array<Enrollment>>()
  for (const row of tech.enrollments) pushTo(enrollmentsOf, row.personID, row)
  for (const stateID of stateIDs) {
    const person = techPersonOf.get(stateID)
    if (person === undefined) continue
    const giver = choosePersonSource(sourcesByStateID.get(stateID)!)!
    const startByPlace = new Map<string, { calendarID: number; structureID: number; startDate: LocalDate }>()
    for (const [sectionID, source] of syncedOfStateID.get(stateID) ?? []) {
      if (!isActiveOn(source.roster.endDate, night)) continue
      const section = sectionsByID.get(sectionID)!
      const startDate = source.roster.startDate ?? section.startDate
      const key = placeKey(section.calendar.calendarID, section.structureID)
      const known = startByPlace.get(key)
      if (known === undefined) startByPlace.set(key, { calendarID: section.calendar.calendarID, structureID: section.structureID, startDate })
      else if (startDate < known.startDate) startByPlace.set(key, { ...known, startDate })
    }
    for (const [, place] of [...startByPlace.entries()].sort(([a], [b]) => compareText(a, b))) {
      const open = (enrollmentsOf.get(person.personID) ?? []).some((row) =>
        row.calendarID === place.calendarID && row.structureID === place.structureID && !row.noShow && row.endDate === null)
      if (open) continue
      changes.insert("enrollment", {
        enrollmentID: ids.take("enrollment"),
        personID: person.personID,
        calendarID: place.calendarID,
        structureID: place.structureID,
        grade: giver.enrollment.grade,
        serviceType: "S",
        startDate: place.startDate,
        endDate: null,
        startStatus: null,
        endStatus: null,
        noShow: false,
        stateExclude: false
      })
      disclose(giver)
    }
  }
  const rowsByPersonPlace = new Map<string, Array<Roster>>()
  for (const row of rowsAfter.values()) {
    const place = placeOfSection.get(row.sectionID)
    if (place !== undefined) pushTo(rowsByPersonPlace, `${row.personID}|${place}`, row)
  }
  const techPlaces = new Set(placeOfSection.values())
  for (const enrollment of [...tech.enrollments].sort((a, b) => a.enrollmentID - b.enrollmentID)) {
    if (enrollment.serviceType !== "S" || enrollment.endDate !== null) continue
    const place = placeKey(enrollment.calendarID, enrollment.structureID)
    if (!techPlaces.has(place)) continue
    const person = personsByID.get(enrollment.personID)
    if (person === undefined || person.stateID === null) continue
    const rows = rowsByPersonPlace.get(`${enrollment.personID}|${place}`) ?? []
    if (rows.some((row) => isActiveOn(row.endDate, night))) continue
    const endDates = rows.map((row) => row.endDate).filter((date): date is LocalDate => date !== null)
    changes.update("enrollment", { ...enrollment, endDate: enrollmentEndOf(enrollment, endDates, night) })
  }

  // The hold.
  const hold = decideHold(activeRows, removals, input.holds)
  const approved = [...tech.holds]
    .filter((row) => row.schoolID === techSchool.schoolID && row.approvedOn !== null && row.usedOn === null)
    .sort((a, b) => a.holdID - b.holdID)[0]
  const openAlerts = tech.alerts
  if (hold.held && approved === undefined) {
    return heldResult(input, hold, techLedger, alertsBySchool)
  }
  if (approved !== undefined) changes.update("exchangeHold", { ...approved, usedOn: night })

  techLedger.ids.adopt(ids)
  for (const person of notedPersons) techLedger.notePerson(person)
  const techUnit = assembleUnit({
    stage: "rosters",
    night,
    database: tech.database,
    school: techSchool,
    changes,
    removedByEnding,
    alerts: techAlerts,
    openAlerts,
    disclosures: [],
    existingDisclosures: [],
    hold: null,
    held: false
  }, techLedger)
  const highSchoolParts = highSchoolPartsOf(input, (key) => ({
    alerts: alertsBySchool.get(key) ?? [],
    disclosures: disclosuresBySchool.get(key) ?? [],
    hold: null
  }))
  return { techUnit, highSchoolParts, hold }
}

/**
 * A held technical school writes only the hold and its alert. Its linked high
 * schools' units are not held: they raise the hold's alert beside their own
 * `student.*` findings (which concern their own data) and resolve as usual;
 * they send nothing, so they record no disclosure.
 */
const heldResult = (
  input: RostersInput,
  hold: HoldDecision,
  techLedger: DatabaseLedger,
  alertsBySchool: ReadonlyMap<string, ReadonlyArray<RaisedAlert>>
): RostersResult => {
  const { night, tech } = input
  const holdID = techLedger.ids.take("exchangeHold")
  const record: HoldRecord = { holdID, tech: keyOfSchool(tech.school), activeRows: hold.activeRows, removals: hold.removals }
  const changes = new ChangeSet()
  changes.insert("exchangeHold", {
    holdID,
    night,
    schoolID: tech.school.schoolID,
    activeRows: hold.activeRows,
    removals: hold.removals,
    approvedOn: null,
    usedOn: null
  })
  const alertAt = (schoolID: number, where: string): RaisedAlert => ({
    schoolID,
    code: "hold.rosterRemovals",
    courseNumber: null,
    sectionNumber: null,
    ktsTechID: null,
    stateID: null,
    task: null,
    message: `The rosters of ${tech.school.name} (${tech.school.district}-${tech.school.number}) were not synced ` +
      `tonight: ${hold.removals} roster row(s) would be removed out of ${hold.activeRows} active, more than the ` +
      `limit of ${hold.threshold}. ${where} Check the KTS courses' rosters and KTSTechIDs; if the removals are ` +
      `right, the exchange's administrator approves hold ${holdID} (kts exchange approve --hold ${holdID}).`
  })
  const techUnit = assembleUnit({
    stage: "rosters",
    night,
    database: tech.database,
    school: tech.school,
    changes,
    removedByEnding: 0,
    alerts: [alertAt(tech.school.schoolID, "Nothing was written for this technical school.")],
    openAlerts: tech.alerts,
    disclosures: [],
    existingDisclosures: [],
    hold: record,
    held: true
  }, techLedger)
  const highSchoolParts = highSchoolPartsOf(input, (key, highSchool) => ({
    alerts: [alertAt(highSchool.schoolID, "No student of this high school was sent."), ...(alertsBySchool.get(key) ?? [])],
    disclosures: [],
    hold: record
  }))
  return { techUnit, highSchoolParts, hold }
}

/**
 * The stage's part of each readable linked high school's unit (they write no
 * data rows in this stage): `partOf` gives its alerts, disclosures and hold
 * from the high school's `database|schoolID` key.
 */
const highSchoolPartsOf = (
  input: RostersInput,
  partOf: (key: string, highSchool: SchoolRef) => Pick<HighSchoolPart, "alerts" | "disclosures" | "hold">
): Array<HighSchoolPart> =>
  input.highSchools.flatMap((linked): Array<HighSchoolPart> =>
    linked.snapshot === null ? [] : [{
      stage: "rosters",
      database: linked.snapshot.database,
      highSchool: linked.highSchool,
      changes: new ChangeSet().build(),
      ...partOf(`${linked.snapshot.database}|${linked.highSchool.schoolID}`, linked.highSchool)
    }]
  )
