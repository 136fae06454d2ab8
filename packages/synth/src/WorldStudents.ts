/**
 * One high-school student of an exchange world: the high school's rows and,
 * mid-year, what the earlier nights gave the technical school (person, `S`
 * enrollment, rosters, grades, attendance) and the copies they left at the
 * high school, with the day's drift recorded as it is made.
 */
import { plusDays } from "./Dates.js"
import type { SectionInfo } from "./Model.js"
import { Random } from "./Random.js"
import { dayBetween } from "./WorldDatabase.js"
import { type DistrictWork, type Entry, mid, type Student, type TechSchool, type Year } from "./WorldModel.js"

export const time = (rng: Random, from: number, to: number): string =>
  `${String(rng.int(from, to)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`

export interface StudentPlace {
  readonly year: Year
  readonly ordinarySections: ReadonlyArray<ReadonlyArray<SectionInfo>>
  readonly techSchool: TechSchool
  readonly link: { readonly hsKey: string; readonly techKey: string; readonly attendanceSync: boolean }
  /** The high school's CTE Term Grade active masks sit on the wrong term. */
  readonly wrongTerm: boolean
  /** The tiny world's one-of-each outcomes, per high school. */
  readonly forced: { newPosted: boolean; corrected: boolean; unposted: boolean; absence: boolean }
}

export type TermOutcome = "postedBefore" | "newPosted" | "corrected" | "unposted"

export const letter = (percent: number): string => (percent >= 90 ? "A" : percent >= 80 ? "B" : percent >= 70 ? "C" : percent >= 60 ? "D" : "F")

/** Writes one student: the high school's rows and, mid-year, what the earlier nights gave the technical school. */
export const writeStudent = (work: DistrictWork, student: Student, place: StudentPlace) => {
  const { world, db, techDb } = work
  const { out, ids } = db.ctx
  const { year, techSchool } = place
  const isMid = mid(world)
  const person = {
    stateID: student.stateID,
    studentNumber: student.studentNumber,
    firstName: student.name.first,
    lastName: student.name.last,
    legalFirstName: student.name.legalFirst,
    legalLastName: student.name.legalLast,
    gender: student.name.gender,
    raceEthnicity: student.raceEthnicity,
    birthDate: student.birthDate,
    homePrimaryLanguage: student.homePrimaryLanguage
  }
  const personID = ids.next("person")
  out.person.add({ personID, ...person })
  world.tally.highSchoolStudents++
  out.enrollment.add({
    enrollmentID: ids.next("enrollment"), personID, calendarID: year.structure.calendarID, structureID: year.structure.structureID,
    grade: student.grade, serviceType: "P", startDate: year.days.first, endDate: null, startStatus: "E01", endStatus: null, noShow: false, stateExclude: false
  })
  for (const sections of place.ordinarySections.slice(0, 2)) {
    const section = sections[student.index % sections.length] as SectionInfo
    out.roster.add({ rosterID: ids.next("roster"), sectionID: section.sectionID, personID, startDate: section.start, endDate: null })
  }

  // The high school's KTS roster rows as they stand on the night.
  let onKts = false
  for (const entry of student.entries) {
    const section = entry.kts.sections[entry.sectionIndex] as SectionInfo
    const row = isMid
      ? entry.kind === "driftDelete" ? null : { start: entry.start, end: entry.end }
      : entry.kind === "base" || entry.kind === "pastDrop" || entry.kind === "driftDrop" ? { start: entry.start, end: null } : null
    if (row === null) continue
    onKts = true
    out.roster.add({ rosterID: ids.next("roster"), sectionID: section.sectionID, personID, startDate: row.start, endDate: row.end })
  }
  if (onKts) world.tally.ktsStudents++
  if (!isMid) return

  // Mid-year drift at the high school.
  for (const entry of student.entries) {
    if (student.stateID === null || !entry.kts.usable) continue
    const base = { highSchool: place.link.hsKey, ktsTechID: entry.kts.tech.ktsTechID, stateID: student.stateID, courseNumber: entry.kts.number, sectionNumber: entry.sectionIndex + 1 }
    if (entry.kind === "driftAdd") world.drift.push({ kind: "rosterAdd", ...base, startDate: entry.start })
    if (entry.kind === "driftDrop") world.drift.push({ kind: "rosterDrop", ...base, endDate: entry.end })
    if (entry.kind === "driftDelete") world.drift.push({ kind: "rosterDelete", ...base })
  }

  // What the nights until yesterday gave the technical school: synced entries, with the dates the technical school last saw.
  if (student.stateID === null) return
  const synced = student.entries.filter((entry) => entry.kts.usable && entry.kind !== "driftAdd")
  if (synced.length === 0) return
  const tech = techDb.ctx
  const techPersonID = tech.ids.next("person")
  tech.out.person.add({ personID: techPersonID, ...person })
  world.tally.syncedStudents++
  const techStart = techSchool.year.days.first
  const rows = synced.map((entry) => ({ entry, start: entry.start, end: entry.kind === "driftDrop" ? null : entry.end }))
  const effectiveStarts = rows.map((row) => row.start ?? techStart).sort()
  const allEnded = rows.every((row) => row.end !== null)
  const enrollmentEnd = allEnded ? (rows.map((row) => row.end as string).sort().pop() as string) : null
  tech.out.enrollment.add({
    enrollmentID: tech.ids.next("enrollment"), personID: techPersonID, calendarID: techSchool.year.structure.calendarID,
    structureID: techSchool.year.structure.structureID, grade: student.grade, serviceType: "S", startDate: effectiveStarts[0] as string,
    endDate: enrollmentEnd, startStatus: null, endStatus: null, noShow: false, stateExclude: false
  })
  for (const row of rows) {
    const techSection = row.entry.kts.tech
    tech.out.roster.add({ rosterID: tech.ids.next("roster"), sectionID: techSection.info.sectionID, personID: techPersonID, startDate: row.start, endDate: row.end })
    writeMarks(work, student, place, row, personID, techPersonID)
  }
}

/** Grades and attendance of one synced entry at the technical school, and the copies earlier nights made at the high school. */
export const writeMarks = (
  work: DistrictWork,
  student: Student,
  place: StudentPlace,
  row: { readonly entry: Entry; readonly start: string | null; readonly end: string | null },
  personID: number,
  techPersonID: number
) => {
  const { world, db, techDb } = work
  const { techSchool, link, forced } = place
  const { entry } = row
  const kts = entry.kts
  const techSection = kts.tech
  const hsSection = kts.sections[entry.sectionIndex] as SectionInfo
  const stateID = student.stateID as string
  const rng = Random.of(world.seed, "world", world.scale, "marks", link.hsKey, student.index, kts.courseID)
  const start = row.start ?? techSchool.year.days.first
  const techClean = techSection.course.plan.fault === "none"
  const hsClean = kts.fault === "none"
  const base = rng.normal(84, 8)
  const percentOf = () => Math.round(Math.min(100, Math.max(40, base + rng.normal(0, 5))) * 10) / 10
  const score = (termID: number, sectionID: number, target: "tech" | "hs", values: { score: string; percent: number; posted: boolean; modified: string }, who: number) => {
    const sink = target === "tech" ? techDb.ctx : db.ctx
    sink.out.gradingScore.add({
      scoreID: sink.ids.next("gradingScore"), personID: who, sectionID, taskID: target === "tech" ? techDb.tasks.cteTerm : db.tasks.cteTerm,
      termID, score: values.score, percent: values.percent, posted: values.posted, modifiedDate: values.modified
    })
  }
  const drift = { techSchool: link.techKey, highSchool: link.hsKey, ktsTechID: techSection.ktsTechID, stateID }
  // Term grades of every term that ended before yesterday, while the student was on the section.
  const gradedTerms = techSchool.terms.filter((term) => (term.end as string) < world.midDay && start <= (term.end as string) && (row.end === null || row.end >= (term.end as string)))
  const clean = techClean && hsClean && !place.wrongTerm
  type Values = { score: string; percent: number; posted: boolean; modified: string }
  // The high school keeps one row per term: a later technical term ending in the same high-school term updated it.
  const copies = new Map<number, Values>()
  for (const term of techSchool.terms) {
    const percent = percentOf()
    const roll = rng.float()
    const minute = time(rng, 7, 16)
    const postedDay = dayBetween(rng, techSchool.year, plusDays(term.end as string, 1), plusDays(world.midDay, -1)) ?? world.midDay
    const earlierDay = plusDays(term.end as string, rng.int(2, 12))
    const correction = Math.round((percent + (rng.chance(0.5) ? -1 : 1) * rng.int(2, 8)) * 10) / 10
    if (!gradedTerms.includes(term)) continue
    const hsTerm = kts.hsTermFor(term.end as string)
    const hsCopy = techClean && hsClean && hsTerm !== undefined
    if (term !== techSchool.midActiveTerm) {
      const values = { score: letter(percent), percent, posted: true, modified: `${earlierDay}T${minute}` }
      score(term.termID, techSection.info.sectionID, "tech", values, techPersonID)
      if (hsCopy) copies.set(hsTerm.termID, values)
      continue
    }
    let outcome: TermOutcome
    if (world.tiny) {
      // One of each outcome at each high school, on its first clean pairs; the rest were posted before yesterday.
      outcome = !clean ? "postedBefore" : !forced.newPosted ? "newPosted" : !forced.corrected ? "corrected" : !forced.unposted ? "unposted" : "postedBefore"
      if (outcome !== "postedBefore") forced[outcome] = true
    } else {
      outcome = roll < 0.8 ? "postedBefore" : roll < 0.9 ? "newPosted" : roll < 0.95 ? "corrected" : "unposted"
    }
    const before = postedDay < world.midDay ? postedDay : plusDays(world.midDay, -1)
    const earlier = { score: letter(percent), percent, posted: true, modified: `${before}T${minute}` }
    const activeTermID = clean && hsTerm !== undefined ? hsTerm.termID : null
    // What the next night does at the high school: insert a row, update the one an earlier term left, or nothing.
    const hsWrite = activeTermID === null ? null : copies.has(activeTermID) ? "update" : "insert"
    switch (outcome) {
      case "postedBefore":
        score(term.termID, techSection.info.sectionID, "tech", earlier, techPersonID)
        if (activeTermID !== null) copies.set(activeTermID, earlier)
        break
      case "newPosted":
        score(term.termID, techSection.info.sectionID, "tech", { ...earlier, modified: `${world.midDay}T${minute}` }, techPersonID)
        world.drift.push({ kind: "gradePosted", ...drift, term: term.name, score: letter(percent), percent, hsWrite })
        break
      case "corrected":
        score(term.termID, techSection.info.sectionID, "tech", { score: letter(correction), percent: correction, posted: true, modified: `${world.midDay}T${minute}` }, techPersonID)
        if (activeTermID !== null) copies.set(activeTermID, earlier)
        world.drift.push({ kind: "gradeCorrected", ...drift, term: term.name, score: letter(correction), percent: correction, hsWrite: activeTermID === null ? null : "update" })
        break
      case "unposted":
        score(term.termID, techSection.info.sectionID, "tech", { ...earlier, posted: false, modified: `${world.midDay}T${minute}` }, techPersonID)
        break
    }
  }
  for (const [termID, values] of copies) score(termID, hsSection.sectionID, "hs", values, personID)

  // Attendance: an earlier absence now and then (copied when the link syncs attendance), and yesterday's unknown absences.
  if (entry.kind === "driftDelete") return
  const attendance = (target: "tech" | "hs", date: string, status: string, excuse: string | null) => {
    const sink = target === "tech" ? techDb.ctx : db.ctx
    sink.out.attendance.add({
      attendanceID: sink.ids.next("attendance"), personID: target === "tech" ? techPersonID : personID,
      sectionID: target === "tech" ? techSection.info.sectionID : hsSection.sectionID, date, status, excuse
    })
  }
  const lastEarlier = row.end !== null && row.end < plusDays(world.midDay, -2) ? row.end : plusDays(world.midDay, -2)
  const earlierDay = dayBetween(rng, techSchool.year, start, lastEarlier)
  const status = rng.chance(0.7) ? "A" : "T"
  const excuse = rng.weighted<string | null>([["U", 60], ["E", 30], [null, 10]])
  const resolved = rng.chance(0.25)
  if (earlierDay !== null && rng.chance(world.tiny ? 0.5 : 0.25)) {
    attendance("tech", earlierDay, status, excuse)
    if (excuse === "U" && link.attendanceSync) attendance("hs", earlierDay, status, resolved ? "E" : "U")
  }
  const activeYesterday = start <= world.midDay && (row.end === null || row.end >= world.midDay)
  const yesterday = rng.float()
  if (!activeYesterday) return
  const unknown = world.tiny ? !forced.absence : yesterday < 0.05
  if (unknown) {
    forced.absence = true
    const yStatus = rng.chance(0.8) ? "A" : "T"
    attendance("tech", world.midDay, yStatus, "U")
    world.drift.push({ kind: "attendanceUnknown", ...drift, date: world.midDay, status: yStatus, attendanceSync: link.attendanceSync })
  } else if (!world.tiny && yesterday < 0.06) {
    attendance("tech", world.midDay, "A", "E")
  }
}
