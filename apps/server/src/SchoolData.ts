/**
 * What the endpoints read, as thin calls into the packages: the sync shell's
 * listings, status, approval and attendance report; grade-check's run and
 * snapshots; lead-extract's report rows. No rule is decided here: this file
 * picks databases, filters by scope and shapes JSON.
 */
import { endYearOf, type LocalDate } from "@kts/domain"
import {
  type CheckResult,
  checkedDocument,
  type GradeCheckDocument,
  GradeCheckInputError,
  type GradeCheckTarget,
  readSnapshots,
} from "@kts/grade-check"
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
import { connectStore, type StoreConnection } from "@kts/store"
import { parseKtsTechID } from "@kts/sync"
import {
  approveHold,
  attendanceReport,
  listAlerts,
  listDisclosures,
  byStageThenSchool,
  type DatabaseJournal,
  isHoldOpen,
  type JournalHold,
  type JournalUnit,
  lastNightOfEachUnit,
  readJournal,
  type ApproveResult,
  type AttendanceReport,
  type ListedAlert,
  type ListedDisclosure
} from "@kts/sync/shell"
import { statSync } from "node:fs"

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
 * One long-lived read-only connection per database file, for SQLite's
 * `data_version` (it changes whenever another connection, a night of the
 * exchange, commits) and for the few small reads the server makes itself
 * (which databases hold a student, the schools KTSTechIDs name, the
 * exchange's journal). Each statement is its own read transaction: it sees
 * every unit a night committed, whole. A file replaced under the same name
 * (a full `kts import` writes a new store and renames it over the old one)
 * is opened again, and counts as changed.
 */
class ReadConnections {
  private readonly connections = new Map<string, { readonly db: StoreConnection; readonly file: string }>()

  private fileOf(path: string): string {
    const stats = statSync(path)
    return `${stats.dev}:${stats.ino}`
  }

  private entry(path: string): { readonly db: StoreConnection; readonly file: string } {
    const file = this.fileOf(path)
    let entry = this.connections.get(path)
    if (entry !== undefined && entry.file !== file) {
      entry.db.close()
      entry = undefined
    }
    if (entry === undefined) {
      entry = { db: connectStore(path, { readonly: true }), file }
      this.connections.set(path, entry)
    }
    return entry
  }

  connection(path: string): StoreConnection {
    return this.entry(path).db
  }

  /** The file and its `data_version`: different whenever the database changed since the last call. */
  version(path: string): string {
    const entry = this.entry(path)
    return `${entry.file}:${entry.db.scalar<number>("PRAGMA data_version") ?? 0}`
  }
}

const reads = new ReadConnections()
const kept = new Map<string, { readonly version: string; readonly value: unknown }>()

/**
 * `compute()`, kept under `key` until one of the databases at `paths` changes
 * (the same question over the same data has the same answer). Bounded: the
 * whole store is dropped past 2,000 entries.
 */
const keptUntilChanged = <A>(paths: Iterable<string>, key: string, compute: () => A): A =>
  keptUnder([...paths].map((path) => reads.version(path)).join(","), key, compute)

/** `compute()`, kept under `key` while `version` stays the same. */
const keptUnder = <A>(version: string, key: string, compute: () => A): A => {
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

/** The schools of the configuration's databases, by `district-school`. */
export type Directory = ReadonlyMap<string, KnownSchool>

/** The high schools whose KTS courses concern `school`: itself when a high school, its linked ones when a technical school. */
const highSchoolsFor = (config: ExchangeConfig, school: KnownSchool): Array<SchoolKey> =>
  school.role === "technical school" ? linkedHighSchools(config, school) : [school]

/** The schools (`district-school`) that a database's KTSTechID values name: every customCourse value that parses as one. */
const schoolsNamedIn = (path: string): ReadonlyArray<string> =>
  keptUntilChanged([path], JSON.stringify(["named", path]), () =>
    reads.connection(path).rawRows(`SELECT DISTINCT "value" FROM "customCourse" WHERE "value" IS NOT NULL`).flatMap(([value]) => {
      const parts = parseKtsTechID(String(value))
      return parts === null ? [] : [`${parts.district}-${parts.school}`]
    })
  )

/**
 * The configuration narrowed to the databases a grade-check read starting at
 * `seeds` (configuration keys) can touch: the seeds, every link's technical
 * database, and every database holding a school that a KTSTechID of a seed
 * names. Grade-check finds the same snapshots in it as in the whole
 * configuration (the databases keep their order), without opening the
 * others: at state scale a read of one student drops from about a second to
 * a few milliseconds.
 */
const narrowed = (config: ExchangeConfig, directory: Directory, seeds: Iterable<string>): ExchangeConfig => {
  const wanted = new Set(seeds)
  for (const link of config.links) wanted.add(link.tech.database)
  for (const seed of [...wanted]) {
    const path = config.databases.get(seed)
    if (path === undefined) continue
    for (const label of schoolsNamedIn(path)) for (const holder of directory.get(label)?.databases ?? []) wanted.add(holder)
  }
  return { ...config, databases: new Map([...config.databases].filter(([key]) => wanted.has(key))) }
}

/** How long the versions of every database are taken as read (for the questions asked of them all). */
const EVERY_DATABASE_MS = 250
const everyDatabase = new Map<string, { readonly at: number; readonly version: string }>()

/**
 * The versions of every database of the configuration, read again at most
 * every 250 ms: at state scale reading 130 versions is most of a cached
 * request's time. Only the question over all databases (which hold a
 * student) uses it; what is then read from the databases found is checked
 * at every request.
 */
const everyDatabaseVersion = (config: ExchangeConfig): string => {
  const now = performance.now()
  let entry = everyDatabase.get(config.file)
  if (entry === undefined || now - entry.at > EVERY_DATABASE_MS) {
    entry = { at: now, version: [...config.databases.values()].map((path) => reads.version(path)).join(",") }
    everyDatabase.set(config.file, entry)
  }
  return entry.version
}

/** The configuration keys of the databases holding a person with `stateID` (kept until a database changes, seen within 250 ms). */
const databasesWithStudent = (config: ExchangeConfig, stateID: string): ReadonlyArray<string> =>
  keptUnder(everyDatabaseVersion(config), JSON.stringify(["student", config.file, stateID]), () =>
    [...config.databases].filter(([, path]) => reads.connection(path).scalar(`SELECT 1 FROM "person" WHERE "stateID" = ? LIMIT 1`, [stateID]) !== undefined)
      .map(([key]) => key)
  )

/** A high school's KTS course pairings as grade-check's reader finds them, kept until one of the databases read changes. */
const pairingsOf = (config: ExchangeConfig, directory: Directory, highSchool: SchoolKey, endYear: number, asOf: LocalDate): ReadonlyArray<CoursePairing> => {
  const scope = narrowed(config, directory, directory.get(schoolKeyText(highSchool))?.databases ?? [])
  return keptUntilChanged(scope.databases.values(), JSON.stringify(["courses", config.file, schoolKeyText(highSchool), endYear, asOf]), () => {
    let snapshots
    try {
      snapshots = readSnapshots(scope, { target: { kind: "school", district: highSchool.district, school: highSchool.school }, endYear, asOf }).snapshots
    } catch (error) {
      if (error instanceof GradeCheckInputError) return []
      throw error
    }
    return snapshots.map((snapshot): CoursePairing => {
      const tech = snapshot.tech
      return {
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
      }
    })
  })
}

/** A school's KTS courses (for a technical school: the courses of its linked high schools that name it) and its last sync. */
export const schoolCourses = (
  config: ExchangeConfig,
  directory: Directory,
  school: KnownSchool,
  asOf: LocalDate,
  endYear?: number
): { readonly endYear: number; readonly courses: Array<CoursePairing>; readonly lastSync: LastSync } => {
  const year = endYear ?? endYearOf(asOf)
  const courses = highSchoolsFor(config, school).flatMap((highSchool) => pairingsOf(config, directory, highSchool, year, asOf))
    .filter((course) => school.role !== "technical school" || (course.tech !== null && course.tech.district === school.district && course.tech.school === school.school))
  const label = schoolKeyText(school)
  const lastSync: Record<string, string> = {}
  for (const key of school.databases) {
    for (const unit of journalOf(key, config.databases.get(key)!).units) {
      if (unit.school === label && (lastSync[unit.stage] === undefined || lastSync[unit.stage]! < unit.night)) lastSync[unit.stage] = unit.night
    }
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

/**
 * Grade-check's document for `target` over `config` (what `runGradeCheck`
 * composes, over a configuration already loaded and narrowed: its own loader
 * opens every database to check the file).
 */
const checkedFor = (config: ExchangeConfig, target: GradeCheckTarget, query: GradeCheckQuery): GradeCheckDocument => {
  const endYear = query.endYear ?? endYearOf(query.asOf)
  return checkedDocument(readSnapshots(config, { target, course: query.course, endYear, asOf: query.asOf }), { asOf: query.asOf, endYear, task: query.task })
}

/** The document for `target`, read from the databases `seeds` lead to, kept until one of them changes. */
const gradeCheck = (config: ExchangeConfig, directory: Directory, seeds: Iterable<string>, target: GradeCheckTarget, query: GradeCheckQuery): GradeCheckDocument => {
  const scope = narrowed(config, directory, seeds)
  return keptUntilChanged(scope.databases.values(), JSON.stringify(["gradeCheck", config.file, target, query, [...scope.databases.keys()]]), () => checkedFor(scope, target, query))
}

/** The grade check of a whole school (a technical school: each linked high school's, its own pairings kept). */
export const schoolGradeCheck = (config: ExchangeConfig, directory: Directory, school: KnownSchool, query: GradeCheckQuery): GradeCheckDocument => {
  const documents = highSchoolsFor(config, school).map((highSchool) =>
    gradeCheck(config, directory, directory.get(schoolKeyText(highSchool))?.databases ?? [], { kind: "school", ...highSchool }, query)
  )
  const results = documents.flatMap((document) => document.results).filter((result) => school.role !== "technical school" || resultTouches(result, [school]))
  return { asOf: query.asOf, endYear: documents[0]?.endYear ?? query.endYear ?? endYearOf(query.asOf), results }
}

/**
 * The grade check of one student, only the results that concern `schools`;
 * undefined when the student is unknown or on no pairing of those schools.
 */
export const studentGradeCheck = (
  config: ExchangeConfig,
  directory: Directory,
  stateID: string,
  schools: ReadonlyArray<SchoolKey>,
  query: GradeCheckQuery
): GradeCheckDocument | undefined => {
  const holders = databasesWithStudent(config, stateID)
  if (holders.length === 0) return undefined
  let document: GradeCheckDocument
  try {
    document = gradeCheck(config, directory, holders, { kind: "student", stateID }, query)
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

/** A database's exchange tables, kept until the database changes. */
const journalOf = (database: string, path: string): DatabaseJournal =>
  keptUntilChanged([path], JSON.stringify(["journal", path]), () => readJournal(reads.connection(path), database))

/** Every database's journal, in the configuration's order. */
const journals = (config: ExchangeConfig): Array<DatabaseJournal> => [...config.databases].map(([key, path]) => journalOf(key, path))

/** A night of the exchange: its units and the holds it recorded. */
export interface ExchangeNight {
  readonly night: string
  readonly units: ReadonlyArray<JournalUnit>
  readonly holds: ReadonlyArray<JournalHold>
}

/** Which nights: at most `limit`, those before `before` when given (the previous page's `next`). */
export interface NightsPage {
  readonly limit: number
  readonly before?: string | undefined
}

/**
 * The exchange as `visible` may see it: every night in the databases'
 * journals (newest first, a page at a time) with its units and holds; the
 * last night of each unit; the holds not yet used by a night; the open
 * alert counts per school.
 */
export const exchangeOverview = (config: ExchangeConfig, visible: (label: string | null) => boolean, page: NightsPage) => {
  const all = journals(config)
  const units = all.flatMap((journal) => journal.units).filter((unit) => visible(unit.school))
  const holds = all.flatMap((journal) => journal.holds).filter((hold) => visible(hold.school))
  const nights = [...new Set([...units.map((unit) => unit.night), ...holds.map((hold) => hold.night)])].sort().reverse()
  const remaining = nights.filter((night) => page.before === undefined || night < page.before)
  const shown = remaining.slice(0, page.limit)
  return {
    nights: shown.map((night): ExchangeNight => ({
      night,
      units: units.filter((unit) => unit.night === night).sort(byStageThenSchool),
      holds: holds.filter((hold) => hold.night === night)
    })),
    totalNights: nights.length,
    next: remaining.length > shown.length ? shown.at(-1)! : null,
    units: lastNightOfEachUnit([...config.databases.keys()], units),
    holds: holds.filter(isHoldOpen),
    openAlerts: all.flatMap((journal) => journal.openAlerts).filter((entry) => visible(entry.school))
  }
}

/** The hold `holdID` of database `database` not yet used by a night, if any. */
export const findHold = (config: ExchangeConfig, database: string, holdID: number): JournalHold | undefined => {
  const path = config.databases.get(database)
  return path === undefined ? undefined : journalOf(database, path).holds.find((hold) => hold.holdID === holdID && isHoldOpen(hold))
}

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
    // Let the head go out before the first group is built.
    await new Promise<void>((done) => setImmediate(done))
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
