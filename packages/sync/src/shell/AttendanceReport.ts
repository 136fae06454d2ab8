/**
 * The real-time attendance report (`kts exchange attendance`): for one high
 * school, every attendance row the technical schools hold now on the tech
 * sections its usable KTS courses pair with, of those courses' synced
 * students, within a date range. Reads only; no night needed.
 */
import { addDays, endYearOf, formatUsDate, type Attendance, type Person } from "@kts/domain"
import { formatField } from "@kts/store"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { ExchangeConfig } from "../Config.js"
import { indexTechSections, pairHighSchool, type TechSection, techSectionsOf } from "../Pairing.js"
import { indexHighSchool, sourcesByStateID, studentsOfPairing } from "../Students.js"
import { loadExchangeConfig } from "./ConfigFile.js"
import { ExchangeBadFlag } from "./Exchange.js"
import { closeDatabases, makeContext, openDatabases } from "./Night.js"
import { readHighSchoolSnapshot, readTechSetup, schoolRefOf } from "./Reader.js"
import { selectRows } from "./Rows.js"
import { unreadable } from "./Unit.js"

/** The report's columns, in order. */
export const AttendanceReportColumns = [
  "Date",
  "State ID",
  "Student Last Name",
  "Student First Name",
  "Course Number",
  "Section Number",
  "Tech School",
  "Tech Course Number",
  "Tech Section Number",
  "Status",
  "Excuse"
] as const

/** One row of the report (date as YYYY-MM-DD; written as MM/DD/YYYY). */
export interface AttendanceReportRow {
  readonly date: string
  readonly stateID: string
  readonly lastName: string
  readonly firstName: string
  readonly courseNumber: string
  readonly sectionNumber: number
  readonly techSchool: string
  readonly techCourseNumber: string
  readonly techSectionNumber: number
  readonly status: string
  readonly excuse: string | null
}

/** What to report. */
export interface AttendanceReportOptions {
  readonly district: string
  readonly school: string
  /** YYYY-MM-DD; default 13 days before `to` (14 days in all). */
  readonly from?: string | undefined
  /** YYYY-MM-DD; default today. */
  readonly to?: string | undefined
  readonly today: string
}

/** The report's rows, ordered by date, last name, first name, state ID, course number. */
export interface AttendanceReport {
  readonly district: string
  readonly school: string
  readonly from: string
  readonly to: string
  readonly rows: ReadonlyArray<AttendanceReportRow>
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Orders report rows: date, last name, first name, state ID, course number (then section numbers, for a stable order). */
export const compareReportRows = (a: AttendanceReportRow, b: AttendanceReportRow): number =>
  compareText(a.date, b.date) || compareText(a.lastName, b.lastName) || compareText(a.firstName, b.firstName) ||
  compareText(a.stateID, b.stateID) || compareText(a.courseNumber, b.courseNumber) || a.sectionNumber - b.sectionNumber ||
  compareText(a.techSchool, b.techSchool) || a.techSectionNumber - b.techSectionNumber

/** Reads the report for one high school of the configuration in `configFile`. */
export const attendanceReport = (configFile: string, options: AttendanceReportOptions): AttendanceReport => {
  const config = loadExchangeConfig(configFile)
  const to = options.to ?? options.today
  const from = options.from ?? addDays(to, -13)
  if (from > to) throw new ExchangeBadFlag({ flag: "--from", value: from, reason: `is after --to ${to}` })
  return readReport(config, options.district, options.school, from, to)
}

const readReport = (config: ExchangeConfig, district: string, school: string, from: string, to: string): AttendanceReport => {
  const links = config.links.filter((link) => link.highSchool.district === district && link.highSchool.school === school)
  if (links.length === 0) {
    throw new ExchangeBadFlag({ flag: "--school", value: `${district}-${school}`, reason: "no link of the configuration names this high school" })
  }
  const endYear = endYearOf(to)
  const { connections, failed } = openDatabases(config, { readonly: true })
  try {
    const context = makeContext(config, to, endYear, connections, failed)
    const hsRef = links[0]!.highSchool
    const hsDb = connections.get(hsRef.database)
    const highSchool = context.school(hsRef)
    if (hsDb === undefined || highSchool === undefined) throw unreadable(hsRef.database, failed.get(hsRef.database) ?? "not readable")
    const techs = links.map((link) => {
      const tech = context.school(link.tech)
      if (tech === undefined) throw unreadable(link.tech.database, failed.get(link.tech.database) ?? "not readable")
      return tech
    })
    const sections: Array<TechSection> = []
    for (const tech of techs) {
      const db = connections.get(tech.database)!
      sections.push(...techSectionsOf(tech.database, schoolRefOf(tech), readTechSetup(db, tech.schoolID, endYear), endYear))
    }
    const snapshot = readHighSchoolSnapshot(hsDb, hsRef.database, schoolRefOf(highSchool), endYear, to, {})
    const pairings = pairHighSchool(snapshot, endYear, indexTechSections(sections))
    const index = indexHighSchool(snapshot)
    const rows: Array<AttendanceReportRow> = []
    for (const pairing of pairings.pairings) {
      const students = sourcesByStateID(studentsOfPairing(pairing, index).sources)
      if (students.size === 0) continue
      const techDb = connections.get(pairing.tech.database)!
      const attendance = selectRows(techDb, "attendance", {
        sectionID: pairing.tech.section.sectionID,
        date: { from, to }
      }) as unknown as Array<Attendance>
      const personIDs = [...new Set(attendance.map((row) => row.personID))]
      const techPersons = new Map(
        (selectRows(techDb, "person", { personID: personIDs }) as unknown as Array<Person>).map((row) => [row.personID, row])
      )
      for (const row of attendance) {
        const stateID = techPersons.get(row.personID)?.stateID ?? null
        const student = stateID === null ? undefined : students.get(stateID)
        if (student === undefined) continue
        rows.push({
          date: row.date,
          stateID: student.stateID,
          lastName: student.person.lastName,
          firstName: student.person.firstName,
          courseNumber: pairing.ktsCourse.course.number,
          sectionNumber: pairing.section.number,
          techSchool: pairing.tech.school.name,
          techCourseNumber: pairing.tech.course.number,
          techSectionNumber: pairing.tech.section.number,
          status: row.status,
          excuse: row.excuse
        })
      }
    }
    return { district, school, from, to, rows: rows.sort(compareReportRows) }
  } finally {
    closeDatabases(connections)
  }
}

const valuesOf = (row: AttendanceReportRow): Array<string> => [
  formatUsDate(row.date),
  row.stateID,
  row.lastName,
  row.firstName,
  row.courseNumber,
  String(row.sectionNumber),
  row.techSchool,
  row.techCourseNumber,
  String(row.techSectionNumber),
  row.status,
  row.excuse ?? ""
]

/** The report as CSV: a header row, then one record per row, CRLF line endings. */
export const attendanceCsv = (report: AttendanceReport): string =>
  [AttendanceReportColumns, ...report.rows.map(valuesOf)].map((values) => values.map(formatField).join(",") + "\r\n").join("")

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\"", "&quot;")

/** The report as an HTML page with one table. */
export const attendanceHtml = (report: AttendanceReport): string => {
  const title = `KTS Attendance ${report.district}-${report.school}, ${formatUsDate(report.from)} to ${formatUsDate(report.to)}`
  const head = AttendanceReportColumns.map((name) => `<th>${escapeHtml(name)}</th>`).join("")
  const body = report.rows.map((row) => `<tr>${valuesOf(row).map((value) => `<td>${escapeHtml(value)}</td>`).join("")}</tr>`).join("\n")
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n` +
    `<style>table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 6px}</style>\n</head>\n<body>\n` +
    `<h1>${escapeHtml(title)}</h1>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</body>\n</html>\n`
}

/** The report's file name without extension: `KTS_Attendance_{district}-{school}`. */
export const attendanceFileBase = (district: string, school: string): string => `KTS_Attendance_${district}-${school}`

/** Writes the report as CSV and/or HTML into `outDir`; returns the paths written. */
export const writeAttendanceReport = (report: AttendanceReport, format: "csv" | "html" | "both", outDir: string): Array<string> => {
  mkdirSync(outDir, { recursive: true })
  const base = join(outDir, attendanceFileBase(report.district, report.school))
  const written: Array<string> = []
  if (format === "csv" || format === "both") {
    writeFileSync(`${base}.csv`, attendanceCsv(report))
    written.push(`${base}.csv`)
  }
  if (format === "html" || format === "both") {
    writeFileSync(`${base}.html`, attendanceHtml(report))
    written.push(`${base}.html`)
  }
  return written
}
