/**
 * An in-memory LeadSource over bundle rows (the tests' `BundleRows`), for
 * testing row assembly and `explain` without a store. Records are decoded from
 * the bundle form by the table declarations (bools 0/1 → booleans, a missing
 * field → null), as the store would.
 */
import {
  type Enrollment,
  type Person,
  type Roster,
  type RowOf,
  type TableSpec,
  Tables,
  TablesByName
} from "@kts/domain"
import { emptyPersonRecords, type PersonRecords } from "@kts/eligibility"
import type { CalendarScope, LeadSource, SectionCandidate } from "../../src/index.js"
import type { BundleRow, BundleRows } from "./Bundle.js"

type AnyRow = Record<string, unknown>

const decode = (table: TableSpec, row: BundleRow): AnyRow =>
  Object.fromEntries(Object.entries(table.columns).map(([name, column]) => {
    const value = row[name]
    if (column.kind === "bool") return [name, value === 1 || value === true]
    return [name, value === undefined ? null : value]
  }))

const ProgramFields: ReadonlyArray<readonly [string, keyof PersonRecords]> = [
  ["plan", "plans"],
  ["teamMember", "teamMembers"],
  ["lep", "leps"],
  ["lepService", "lepServices"],
  ["lepAccommodation", "lepAccommodations"],
  ["gifted", "gifted"],
  ["migrant", "migrants"],
  ["fram", "frams"],
  ["homeless", "homeless"],
  ["fosterCare", "fosterCare"],
  ["militaryConnection", "militaryConnections"],
  ["attendanceGroup", "attendanceGroups"]
]

const byId = (key: string) => (a: AnyRow, b: AnyRow) => (a[key] as number) - (b[key] as number)

/** A LeadSource answering from `bundle`. */
export const memorySource = (bundle: BundleRows): LeadSource => {
  const rows = new Map<string, Array<AnyRow>>()
  for (const table of Tables) rows.set(table.name, (bundle[table.name] ?? []).map((row) => decode(table, row)))
  const all = <T extends TableSpec>(table: string): Array<RowOf<T>> => (rows.get(table) ?? []) as unknown as Array<RowOf<T>>
  const one = (table: string, key: string, id: unknown): AnyRow | undefined => all<TableSpec>(table).find((row) => (row as AnyRow)[key] === id) as AnyRow | undefined
  const calendarOfSection = (sectionID: number): number | undefined => {
    const section = one("section", "sectionID", sectionID)
    return section === undefined ? undefined : one("course", "courseID", section["courseID"])?.["calendarID"] as number | undefined
  }
  const sectionsOf = (calendarID: number) =>
    (all("section") as Array<AnyRow>).filter((section) => calendarOfSection(section["sectionID"] as number) === calendarID)
  const persons = all("person") as unknown as Array<Person>
  const enrollments = all("enrollment") as unknown as Array<Enrollment>
  const rosters = all("roster") as unknown as Array<Roster>

  return {
    workerStorePath: () => undefined,
    endYears: () => [...new Set((all("calendar") as Array<AnyRow>).map((row) => row["endYear"] as number))].sort((a, b) => a - b),
    districtNumbers: () => new Set((all("district") as Array<AnyRow>).map((row) => row["number"] as string)),
    calendarsOfYear: (endYear) =>
      (all("calendar") as Array<AnyRow>).filter((row) => row["endYear"] === endYear).sort(byId("calendarID")).map((calendar) => {
        const school = one("school", "schoolID", calendar["schoolID"])!
        const district = one("district", "districtID", school["districtID"])!
        return { calendar, school, district } as unknown as CalendarScope
      }),
    sectionCount: (calendarID) => sectionsOf(calendarID).length,
    planModules: () => new Map((all("planType") as Array<AnyRow>).map((row) => [row["planTypeID"] as number, row["module"] as string])),
    sectionCandidates: (scope) => {
      const calendarID = scope.calendar.calendarID
      const structures = (all("scheduleStructure") as Array<AnyRow>).filter((row) => row["calendarID"] === calendarID)
      const lastDay = (structureID: unknown) =>
        (all("day") as Array<AnyRow>).filter((row) => row["structureID"] === structureID && row["instruction"] === true)
          .map((row) => row["date"] as string).sort().at(-1) ?? null
      const candidates: Array<SectionCandidate> = []
      for (const section of sectionsOf(calendarID).sort(byId("sectionID"))) {
        const trial = one("trial", "trialID", section["trialID"])
        const structure = structures.find((row) => row["structureID"] === trial?.["structureID"])
        const course = one("course", "courseID", section["courseID"])
        if (trial === undefined || structure === undefined || course === undefined) continue
        const master = course["courseMasterID"] === null ? undefined : one("courseMaster", "courseMasterID", course["courseMasterID"])
        const catalog = master === undefined ? undefined : one("courseCatalog", "catalogID", master["catalogID"])
        const placedTerms = (all("sectionPlacement") as Array<AnyRow>).filter((row) => row["sectionID"] === section["sectionID"])
          .map((row) => one("term", "termID", row["termID"])).filter((term) => term !== undefined)
        candidates.push({
          district: scope.district,
          school: scope.school,
          calendar: scope.calendar,
          course,
          catalogName: (catalog?.["name"] as string | undefined) ?? null,
          courseAttributes: (all("customCourse") as Array<AnyRow>).filter((row) => row["courseID"] === course["courseID"]).map((row) => {
            const attribute = one("campusAttribute", "attributeID", row["attributeID"])!
            return { customID: row["customID"], courseID: row["courseID"], object: attribute["object"], element: attribute["element"], value: row["value"] }
          }),
          section,
          trial,
          structure,
          placedTerms: [...new Set(placedTerms)],
          lastInstructionalDay: lastDay(structure["structureID"]),
          gradeLevels: (all("gradeLevel") as Array<AnyRow>).filter((row) => row["calendarID"] === calendarID).sort(byId("gradeLevelID")),
          staffHistory: (all("sectionStaffHistory") as Array<AnyRow>).filter((row) => row["sectionID"] === section["sectionID"])
        } as unknown as SectionCandidate)
      }
      return candidates
    },
    rostersBySection: (calendarID) => {
      const map = new Map<number, Array<Roster>>()
      for (const roster of rosters) {
        if (calendarOfSection(roster.sectionID) !== calendarID) continue
        map.set(roster.sectionID, [...(map.get(roster.sectionID) ?? []), roster])
      }
      return map
    },
    enrollmentsByPerson: (calendarID) => {
      const map = new Map<number, Array<Enrollment>>()
      for (const enrollment of enrollments) {
        if (enrollment.calendarID !== calendarID) continue
        map.set(enrollment.personID, [...(map.get(enrollment.personID) ?? []), enrollment])
      }
      return map
    },
    persons: (personIDs) => new Map(persons.filter((person) => personIDs.includes(person.personID)).map((person) => [person.personID, person])),
    personRecords: (personIDs) => {
      const records = new Map<number, PersonRecords>()
      for (const [table, field] of ProgramFields) {
        for (const row of all(table) as Array<AnyRow>) {
          const owner = table === "attendanceGroup"
            ? enrollments.find((enrollment) => enrollment.enrollmentID === row["enrollmentID"])?.personID
            : row["personID"] as number
          if (owner === undefined || !personIDs.includes(owner)) continue
          const held = records.get(owner) ?? emptyPersonRecords()
          records.set(owner, held)
          ;(held[field] as Array<unknown>).push(row)
        }
      }
      return records
    },
    staffName: (personID) => {
      const person = persons.find((candidate) => candidate.personID === personID)
      return person === undefined ? undefined : { firstName: person.firstName, lastName: person.lastName }
    },
    personsByStateID: (stateID) => persons.filter((person) => person.stateID === stateID),
    rostersOfPerson: (personID, endYear) =>
      rosters.filter((roster) => roster.personID === personID).flatMap((roster) => {
        const calendarID = calendarOfSection(roster.sectionID)
        const calendar = one("calendar", "calendarID", calendarID)
        return calendar?.["endYear"] === endYear ? [{ ...roster, calendarID: calendarID! }] : []
      }).sort((a, b) => a.sectionID - b.sectionID || a.rosterID - b.rosterID),
    enrollmentsOfPerson: (personID) => enrollments.filter((enrollment) => enrollment.personID === personID)
  }
}

// Every table the fake reads is declared.
for (const [table] of ProgramFields) if (!TablesByName.has(table)) throw new Error(`no table ${table}`)
