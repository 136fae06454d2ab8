/**
 * The attendance stage (docs/exchange.md §2, Attendance; opt-in per link): the
 * technical school's unknown-excuse attendance of the days since the last
 * completed night (at most 30 days back) copied to the high school's KTS
 * section, unless the high school has resolved the excuse.
 */
import { addDays, type Attendance, type LocalDate } from "@kts/domain"
import type { DisclosureIntent } from "./Disclosures.js"
import type { TechStageInput, TechStageResult } from "./Grades.js"
import { pushTo } from "./internal/MultiMap.js"
import type { DatabaseLedger } from "./Ledger.js"
import { isSectionOf } from "./Pairing.js"
import { ChangeSet } from "./Plan.js"
import { keyOfSchool } from "./Snapshot.js"
import { indexHighSchool, sourcesByStateID, studentsOfPairing } from "./Students.js"
import { assembleUnit, type HighSchoolPart, PENDING_ID } from "./Units.js"

/** How far back a night catches up: days before D − 30 are never synced. */
export const ATTENDANCE_CATCH_UP_DAYS = 30

/** The days a night copies, first to last, both inclusive. */
export interface AttendanceDays {
  readonly from: LocalDate
  readonly to: LocalDate
}

/**
 * The days night D copies: from max(L, D − 30) to D − 1, where L is the last
 * earlier night whose attendance stage completed for the high school; with
 * no such night, only D − 1.
 */
export const attendanceDays = (night: LocalDate, lastCompletedNight: LocalDate | null): AttendanceDays => {
  const to = addDays(night, -1)
  if (lastCompletedNight === null || lastCompletedNight >= night) return { from: to, to }
  const floor = addDays(night, -ATTENDANCE_CATCH_UP_DAYS)
  return { from: lastCompletedNight > floor ? lastCompletedNight : floor, to }
}

/** What the high school's row for a tech absence becomes. */
export type AttendanceAction = "insert" | "update" | "leave"

/**
 * The high school's row for (person, KTS section, date) against the tech row:
 * missing, inserted; with excuse `U` or NULL, its status set to the tech's
 * (an update only when it differs); any other excuse, left.
 */
export const attendanceActionOf = (existing: Attendance | undefined, techStatus: string): AttendanceAction => {
  if (existing === undefined) return "insert"
  if (existing.excuse !== null && existing.excuse !== "U") return "leave"
  return existing.status === techStatus ? "leave" : "update"
}

/**
 * The attendance stage for one technical school (its high schools are those
 * whose link has attendanceSync). New high-school rows carry id 0 until the
 * high school's unit assigns them (`planHighSchoolUnit`).
 */
export const planAttendance = (input: TechStageInput, techLedger: DatabaseLedger): TechStageResult => {
  const { night, tech } = input
  const techStateIDs = new Map(tech.persons.map((row) => [row.personID, row.stateID]))
  const techRowsOf = new Map<number, Array<Attendance>>()
  for (const row of tech.attendance) if (row.excuse === "U") pushTo(techRowsOf, row.sectionID, row)
  const disclosures: Array<DisclosureIntent> = []
  const parts: Array<HighSchoolPart> = []
  for (const linked of input.highSchools) {
    const snapshot = linked.snapshot
    const days = attendanceDays(night, snapshot.lastAttendanceNight)
    const index = indexHighSchool(snapshot)
    const hsRowsOf = new Map<string, Array<Attendance>>()
    for (const row of snapshot.attendance) pushTo(hsRowsOf, `${row.personID}|${row.sectionID}|${row.date}`, row)
    const changes = new ChangeSet()
    for (const pairing of linked.pairings.pairings) {
      if (!isSectionOf(pairing.tech, tech)) continue
      const students = sourcesByStateID(studentsOfPairing(pairing, index).sources)
      const techRows = [...(techRowsOf.get(pairing.tech.section.sectionID) ?? [])]
        .filter((row) => row.date >= days.from && row.date <= days.to)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.attendanceID - b.attendanceID))
      const done = new Set<string>()
      for (const techRow of techRows) {
        const stateID = techStateIDs.get(techRow.personID) ?? null
        const student = stateID === null ? undefined : students.get(stateID)
        if (student === undefined) continue
        const key = `${student.person.personID}|${pairing.section.sectionID}|${techRow.date}`
        if (done.has(key)) continue
        done.add(key)
        const existing = (hsRowsOf.get(key) ?? []).reduce<Attendance | undefined>(
          (best, row) => (best === undefined || row.attendanceID > best.attendanceID ? row : best),
          undefined
        )
        const action = attendanceActionOf(existing, techRow.status)
        if (action === "leave") continue
        if (action === "insert") {
          changes.insert("attendance", {
            attendanceID: PENDING_ID,
            personID: student.person.personID,
            sectionID: pairing.section.sectionID,
            date: techRow.date,
            status: techRow.status,
            excuse: "U"
          })
        } else {
          changes.update("attendance", { ...existing!, status: techRow.status })
        }
        disclosures.push({ personID: techRow.personID, recipient: keyOfSchool(snapshot.school), kind: "attendance" })
      }
    }
    parts.push({
      stage: "attendance",
      database: snapshot.database,
      highSchool: snapshot.school,
      changes: changes.build(),
      alerts: [],
      disclosures: [],
      hold: null
    })
  }
  const techUnit = assembleUnit({
    stage: "attendance",
    night,
    database: tech.database,
    school: tech.school,
    changes: new ChangeSet(),
    removedByEnding: 0,
    alerts: [],
    openAlerts: [],
    disclosures,
    existingDisclosures: tech.disclosures,
    hold: null,
    held: false
  }, techLedger)
  return { techUnit, highSchoolParts: parts }
}
