/**
 * What the endpoints read, as thin calls into the packages: the sync shell's
 * listings, status, approval and attendance report; grade-check's run and
 * snapshots; lead-extract's report rows. No rule is decided here: this file
 * picks databases, filters by scope and shapes JSON.
 */
import { endYearOf, type LocalDate } from "@kts/domain"
import { type CheckResult, type GradeCheckDocument, GradeCheckInputError, readSnapshots, runGradeCheck } from "@kts/grade-check"
import {
  csvHeader,
  CsvRowEncoder,
  escapeHtml,
  HtmlRowEncoder,
  LeadColumns,
  groupCalendars,
  reportCalendars,
  reportContext,
  resolveLeadParameters,
  selectCalendars,
  StoreLeadSource,
  type LeadExtractOptions,
  type LeadExtractParameters
} from "@kts/lead-extract"
import { connectStore } from "@kts/store"
import {
  approveHold,
  attendanceReport,
  exchangeStatus,
  listAlerts,
  listDisclosures,
  type ApproveResult,
  type AttendanceReport,
  type ListedAlert,
  type ListedDisclosure
} from "@kts/sync/shell"
import { tmpdir } from "node:os"
import { type ExchangeConfig, linkedHighSchools, type SchoolKey, schoolKeyText } from "./AccessScope.js"

/** A school of the configuration's databases. */
export interface KnownSchool {
  readonly district: string
  readonly school: string
  readonly name: string
  /** Configuration keys of the databases that hold it. */
  readonly databases: ReadonlyArray<string>
  /** `technical school` when a link names it as one, `high school` when a link names it as one, else `school`. */
  readonly role: "technical school" | "high school" | "school"
}

/** The schools of every database of the configuration, by `district-school`. */
export const readDirectory = (config: ExchangeConfig): Map<string, KnownSchool> => {
  const directory = new Map<string, { district: string; school: string; name: string; databases: Array<string> }>()
  for (const [key, path] of config.databases) {
    const db = connectStore(path, { readonly: true })
    try {
      const rows = db.rawRows(
        `SELECT d."number", s."number", s."name" FROM "school" s JOIN "district" d ON d."districtID" = s."districtID" ORDER BY d."number", s."number"`
      )
      for (const [district, school, name] of rows as Array<[string, string, string]>) {
        const label = `${district}-${school}`
        const known = directory.get(label)
        if (known === undefined) directory.set(label, { district, school, name, databases: [key] })
        else if (!known.databases.includes(key)) known.databases.push(key)
      }
    } finally {
      db.close()
    }
  }
  const techs = new Set(config.links.map((link) => schoolKeyText(link.tech)))
  const highSchools = new Set(config.links.map((link) => schoolKeyText(link.highSchool)))
  const result = new Map<string, KnownSchool>()
  for (const [label, school] of [...directory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    result.set(label, {
      ...school,
      role: techs.has(label) ? "technical school" : highSchools.has(label) ? "high school" : "school"
    })
  }
  return result
}

const databasePaths = (config: ExchangeConfig, school: KnownSchool): Array<string> =>
  school.databases.map((key) => config.databases.get(key)!)

/** Which alerts: open ones, resolved ones, or all. */
export type AlertStatus = "open" | "resolved" | "all"

/**
 * Whether a database changed since it was last asked: SQLite's `data_version`
 * on one long-lived read-only connection per file changes whenever another
 * connection (a night of the exchange) commits. Lets a listing be kept until
 * the database changes, so a busy dashboard does not re-read it per request.
 */
class DatabaseVersions {
  private readonly connections = new Map<string, ReturnType<typeof connectStore>>()

  version(path: string): number {
    let db = this.connections.get(path)
    if (db === undefined) {
      db = connectStore(path, { readonly: true })
      this.connections.set(path, db)
    }
    return db.scalar<number>("PRAGMA data_version") ?? 0
  }
}

const versions = new DatabaseVersions()
const kept = new Map<string, { readonly version: string; readonly value: unknown }>()

/**
 * `compute()`, kept under `key` until one of the databases at `paths` changes
 * (the same question over the same data has the same answer). Bounded: the
 * whole store is dropped past 2,000 entries.
 */
const keptUntilChanged = <A>(paths: ReadonlyArray<string>, key: string, compute: () => A): A => {
  const version = paths.map((path) => versions.version(path)).join(",")
  const entry = kept.get(key)
  if (entry !== undefined && entry.version === version) return entry.value as A
  const value = compute()
  if (kept.size >= 2_000) kept.clear()
  kept.set(key, { version, value })
  return value
}

/** The sync shell's `listAlerts` of one database and school, kept until the database changes. */
const listedAlerts = (path: string, label: string, all: boolean): Array<ListedAlert> =>
  keptUntilChanged([path], JSON.stringify(["alerts", path, label, all]), () => listAlerts(path, { school: label, all }))

/** A school's alerts, open ones first, then newest first (the listing's order within each). */
export const schoolAlerts = (config: ExchangeConfig, school: KnownSchool, status: AlertStatus): Array<ListedAlert> => {
  const label = schoolKeyText(school)
  const alerts = databasePaths(config, school).flatMap((path) => listedAlerts(path, label, status !== "open"))
    .filter((alert) => alert.school === label)
    .filter((alert) => status !== "resolved" || alert.resolvedOn !== null)
  const open = alerts.filter((alert) => alert.resolvedOn === null)
  const resolved = alerts.filter((alert) => alert.resolvedOn !== null)
  return [...open, ...resolved]
}

/** A KTS course pairing as the courses endpoint shows it. */
export interface CoursePairing {
  readonly highSchool: { readonly district: string; readonly school: string; readonly courseNumber: string; readonly courseName: string; readonly sectionNumbers: ReadonlyArray<number> }
  readonly ktsTechID: string
  /** grade-check's lookup of the section the KTSTechID names (`ok`, `noSuchSection`, …). */
  readonly techSectionStatus: string
  readonly tech: { readonly district: string; readonly school: string; readonly courseNumber: string; readonly courseName: string; readonly sectionNumber: number | null } | null
  readonly students: number
}

/** The exchange's units that last ran for a school: stage → night. */
export type LastSync = Readonly<Record<string, string>>

/** The high schools whose KTS courses concern `school`: itself when a high school, its linked ones when a technical school. */
const highSchoolsFor = (config: ExchangeConfig, school: KnownSchool): Array<SchoolKey> =>
  school.role === "technical school" ? linkedHighSchools(config, school) : [school]

/** A school's KTS courses (for a technical school: the courses of its linked high schools that name it) and its last sync. */
export const schoolCourses = (
  config: ExchangeConfig,
  school: KnownSchool,
  asOf: LocalDate,
  endYear?: number
): { readonly endYear: number; readonly courses: Array<CoursePairing>; readonly lastSync: LastSync } => {
  const year = endYear ?? endYearOf(asOf)
  const courses: Array<CoursePairing> = []
  for (const highSchool of highSchoolsFor(config, school)) {
    let snapshots
    try {
      snapshots = readSnapshots(config, { target: { kind: "school", ...highSchool }, endYear: year, asOf }).snapshots
    } catch (error) {
      if (error instanceof GradeCheckInputError) continue
      throw error
    }
    for (const snapshot of snapshots) {
      const tech = snapshot.tech
      if (school.role === "technical school" && (tech === null || tech.district !== school.district || tech.school !== school.school)) continue
      courses.push({
        highSchool: {
          district: snapshot.highSchool.district,
          school: snapshot.highSchool.school,
          courseNumber: snapshot.highSchool.course.number,
          courseName: snapshot.highSchool.course.name,
          sectionNumbers: snapshot.highSchool.sections.map((section) => section.number)
        },
        ktsTechID: snapshot.ktsTechID,
        techSectionStatus: snapshot.techSection.status,
        tech: tech === null ? null : {
          district: tech.district,
          school: tech.school,
          courseNumber: tech.course.number,
          courseName: tech.course.name,
          sectionNumber: tech.sections[0]?.number ?? null
        },
        students: snapshot.students.length
      })
    }
  }
  const label = schoolKeyText(school)
  const lastSync: Record<string, string> = {}
  for (const unit of exchangeStatus(config.file).units) {
    if (unit.school === label && (lastSync[unit.stage] === undefined || lastSync[unit.stage]! < unit.lastNight)) lastSync[unit.stage] = unit.lastNight
  }
  return { endYear: year, courses, lastSync }
}

const resultTouches = (result: CheckResult, schools: ReadonlyArray<SchoolKey>): boolean =>
  schools.some((school) =>
    (result.highSchool !== null && result.highSchool.district === school.district && result.highSchool.school === school.school) ||
    (result.tech !== null && result.tech.district === school.district && result.tech.school === school.school)
  )

/** Grade-check options the endpoints take. */
export interface GradeCheckQuery {
  readonly course?: string | undefined
  readonly task?: string | undefined
  readonly endYear?: number | undefined
  readonly asOf: LocalDate
}

const gradeCheck = (config: ExchangeConfig, target: Parameters<typeof runGradeCheck>[0]["target"], query: GradeCheckQuery): GradeCheckDocument =>
  keptUntilChanged([...config.databases.values()], JSON.stringify(["gradeCheck", target, query]), () => runGradeCheckDocument(config, target, query))

const runGradeCheckDocument = (config: ExchangeConfig, target: Parameters<typeof runGradeCheck>[0]["target"], query: GradeCheckQuery): GradeCheckDocument =>
  runGradeCheck({
    configFile: config.file,
    target,
    course: query.course,
    task: query.task,
    endYear: query.endYear,
    asOf: query.asOf,
    format: "json",
    outDir: tmpdir()
  }).document

/** The grade check of a whole school (a technical school: each linked high school's, its own pairings kept). */
export const schoolGradeCheck = (config: ExchangeConfig, school: KnownSchool, query: GradeCheckQuery): GradeCheckDocument => {
  const documents = highSchoolsFor(config, school).map((highSchool) => gradeCheck(config, { kind: "school", ...highSchool }, query))
  const results = documents.flatMap((document) => document.results).filter((result) => school.role !== "technical school" || resultTouches(result, [school]))
  return { asOf: query.asOf, endYear: documents[0]?.endYear ?? query.endYear ?? endYearOf(query.asOf), results }
}

/**
 * The grade check of one student, only the results that concern `schools`;
 * undefined when the student is unknown or on no pairing of those schools.
 */
export const studentGradeCheck = (
  config: ExchangeConfig,
  stateID: string,
  schools: ReadonlyArray<SchoolKey>,
  query: GradeCheckQuery
): GradeCheckDocument | undefined => {
  let document: GradeCheckDocument
  try {
    document = gradeCheck(config, { kind: "student", stateID }, query)
  } catch (error) {
    if (error instanceof GradeCheckInputError) return undefined
    throw error
  }
  const results = document.results.filter((result) => resultTouches(result, schools))
  return results.length === 0 ? undefined : { ...document, results }
}

/** The real-time attendance report of a high school. */
export const schoolAttendance = (config: ExchangeConfig, school: KnownSchool, from: string | undefined, to: string | undefined, today: LocalDate): AttendanceReport =>
  attendanceReport(config.file, { district: school.district, school: school.school, from, to, today })

/** The exchange's units, holds and open alert counts, of the schools `visible` says yes to. */
export const exchangeOverview = (config: ExchangeConfig, visible: (label: string | null) => boolean) => {
  const status = exchangeStatus(config.file)
  return {
    units: status.units.filter((unit) => visible(unit.school)),
    holds: status.openHolds.filter((hold) => visible(hold.school)),
    openAlerts: status.openAlerts.filter((entry) => visible(entry.school))
  }
}

/** The open hold `holdID` of database `database`, if any. */
export const findHold = (config: ExchangeConfig, database: string, holdID: number) =>
  exchangeStatus(config.file).openHolds.find((hold) => hold.database === database && hold.holdID === holdID)

/** Approves a hold (the sync shell's approval, under the exchange's lock). */
export const approve = (config: ExchangeConfig, database: string, holdID: number, today: LocalDate): ApproveResult =>
  approveHold(config.file, `${database}:${holdID}`, today)

/**
 * A student's disclosure records in the databases holding `school`, those
 * whose recipient is `school` or a school the configuration links it with.
 */
export const studentDisclosures = (config: ExchangeConfig, school: KnownSchool, stateID: string): Array<ListedDisclosure> => {
  const partners = new Set<string>([schoolKeyText(school)])
  for (const link of config.links) {
    if (schoolKeyText(link.tech) === schoolKeyText(school)) partners.add(schoolKeyText(link.highSchool))
    if (schoolKeyText(link.highSchool) === schoolKeyText(school)) partners.add(schoolKeyText(link.tech))
  }
  return databasePaths(config, school).flatMap((path) => listDisclosures(path, stateID))
    .filter((record) => partners.has(`${record.recipientDistrict}-${record.recipientSchool}`))
}

/** The LEAD report's run, resolved, and the database it reads. */
export interface LeadRun {
  readonly parameters: LeadExtractParameters
  readonly databasePath: string
}

/** The first database of the configuration that holds district `district`. */
export const districtDatabase = (config: ExchangeConfig, directory: ReadonlyMap<string, KnownSchool>, district: string): string | undefined => {
  for (const school of directory.values()) {
    if (school.district === district) return config.databases.get(school.databases[0]!)
  }
  return undefined
}

/** Resolves the LEAD report's parameters (lead-extract's checks; throws its tagged errors). */
export const leadParameters = (options: LeadExtractOptions): LeadExtractParameters => resolveLeadParameters({ ...options, threads: 1 })

/**
 * The LEAD report of one district as CSV or HTML chunks (the head, then about
 * 64 KB at a time), limited to the schools `allowSchool` says yes to. Each
 * group of calendars is built on its own turn of the event loop, so other
 * requests are served while the report streams. `counted.students` ends as
 * the number of distinct students (by state ID, else by row) sent.
 */
export async function* leadChunks(
  databasePath: string,
  parameters: LeadExtractParameters,
  format: "csv" | "html",
  allowSchool: (school: string) => boolean,
  counted: { students: number }
): AsyncGenerator<string> {
  const db = connectStore(databasePath, { readonly: true })
  try {
    const source = new StoreLeadSource(db)
    const scopes = selectCalendars(source, parameters).filter((scope) => allowSchool(scope.school.number))
    const context = reportContext(source, parameters)
    const encoder = format === "csv" ? new CsvRowEncoder() : new HtmlRowEncoder()
    const persons = new Set<unknown>()
    yield format === "csv" ? csvHeader() : leadHtmlHead(parameters)
    for (const group of groupCalendars(scopes)) {
      let chunk = ""
      for (const report of reportCalendars(source, group, context)) {
        for (const row of report.rows) {
          persons.add(row.person[0] === "" ? row.person : row.person[0])
          chunk += encoder.encode(row)
          if (chunk.length > 1 << 16) {
            yield chunk
            chunk = ""
          }
        }
      }
      counted.students = persons.size
      if (chunk !== "") yield chunk
      await new Promise<void>((done) => setImmediate(done))
    }
    if (format === "html") yield "</tbody>\n</table>\n</main>\n</body>\n</html>\n"
  } finally {
    db.close()
  }
}

const leadHtmlHead = (parameters: LeadExtractParameters): string => {
  const title = `KECS LEAD Extract ${parameters.name}, end year ${parameters.endYear}`
  const item = (term: string, value: string) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>\n`
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
    `<title>${escapeHtml(title)}</title>\n<style>table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ccc;padding:2px 4px;white-space:pre}` +
    `@media print{table{font-size:6.5pt}}</style>\n</head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n<dl>\n` +
    item("End year", String(parameters.endYear)) +
    item("Run time", parameters.asOf) +
    item("Extract date range", `${parameters.from} to ${parameters.to}`) +
    item("Exclude cross-site data", parameters.excludeCrossSite ? "yes" : "no") +
    item("Districts", parameters.districts.join(", ")) +
    "</dl>\n<main>\n<table>\n<thead>\n<tr>" + LeadColumns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("") +
    "</tr>\n</thead>\n<tbody>\n"
}
