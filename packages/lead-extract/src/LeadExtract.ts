/**
 * The report run: check the parameters against the store, walk the chosen
 * calendars in report order one group at a time, and stream each group's rows
 * to the CSV and/or HTML writer. Groups are built on worker threads when the
 * package is built and the store is a file (see internal/ParallelRun), else
 * on the calling thread; either way the files are the same bytes. Files
 * appear (renamed into place) only when the whole run succeeded.
 */
import type { StoreConnection } from "@kts/store"
import { mkdirSync } from "node:fs"
import { resolve } from "node:path"
import { CsvReportWriter } from "./CsvWriter.js"
import { HtmlReportWriter } from "./HtmlWriter.js"
import { runGroupsInWorkers, workerScript } from "./internal/ParallelRun.js"
import { NoCalendarsForEndYear, UnknownDistrictNumber } from "./LeadExtractError.js"
import {
  reportFileName,
  resolveLeadParameters,
  type LeadExtractOptions,
  type LeadExtractParameters
} from "./Parameters.js"
import { reportCalendars, reportContext } from "./ReportBuilder.js"
import type { ReportWriter } from "./ReportWriter.js"
import { compareText } from "./RowOrder.js"
import { calendarExclusion } from "./SectionSelection.js"
import type { CalendarScope, LeadSource } from "./Source.js"
import { leadSourceOf } from "./StoreLeadSource.js"

/** What a run produced. */
export interface LeadExtractResult {
  /** Absolute paths of the files written. */
  readonly files: Array<string>
  /** Reported sections. */
  readonly sectionCount: number
  /** Rows written (per file). */
  readonly rowCount: number
}

/**
 * Called after each group of calendars with the sections looked at so far and
 * the total to look at (every section of the chosen calendars, reported or not).
 */
export type LeadProgress = (doneSections: number, totalSections: number) => void

/**
 * The calendars a run covers: the end year's calendars whose school and
 * calendar qualify, in the chosen districts.
 *
 * @throws NoCalendarsForEndYear when the store has no calendar with the end year
 * @throws UnknownDistrictNumber when a `districts` number names no district
 */
export const selectCalendars = (source: LeadSource, parameters: LeadExtractParameters): Array<CalendarScope> => {
  const years = source.endYears()
  if (!years.includes(parameters.endYear)) throw new NoCalendarsForEndYear({ endYear: parameters.endYear, availableYears: years })
  const wanted = new Set(parameters.districts)
  if (wanted.size > 0) {
    const known = source.districtNumbers()
    const unknown = parameters.districts.filter((number) => !known.has(number))
    if (unknown.length > 0) throw new UnknownDistrictNumber({ numbers: unknown })
  }
  return source.calendarsOfYear(parameters.endYear).filter((scope) =>
    (wanted.size === 0 || wanted.has(scope.district.number)) &&
    calendarExclusion(scope.calendar, scope.school, parameters) === null
  )
}

/**
 * Calendars grouped by district number, school number and calendar name (the
 * leading row-order keys), groups in that order: each group's sections are
 * contiguous in the report.
 */
export const groupCalendars = (scopes: ReadonlyArray<CalendarScope>): Array<Array<CalendarScope>> => {
  const groups = new Map<string, Array<CalendarScope>>()
  for (const scope of scopes) {
    const key = JSON.stringify([scope.district.number, scope.school.number, scope.calendar.name])
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [scope])
    else group.push(scope)
  }
  return [...groups.values()].sort((a, b) => {
    const x = a[0]!
    const y = b[0]!
    return compareText(x.district.number, y.district.number) ||
      compareText(x.school.number, y.school.number) ||
      compareText(x.calendar.name, y.calendar.name)
  })
}

const openWriters = (parameters: LeadExtractParameters): Array<ReportWriter> => {
  const writers: Array<ReportWriter> = []
  const outDir = resolve(parameters.outDir)
  mkdirSync(outDir, { recursive: true })
  try {
    if (parameters.format !== "html") {
      writers.push(new CsvReportWriter(resolve(outDir, reportFileName(parameters.name, "csv"))))
    }
    if (parameters.format !== "csv") {
      writers.push(new HtmlReportWriter(resolve(outDir, reportFileName(parameters.name, "html")), parameters))
    }
  } catch (error) {
    for (const writer of writers) writer.abort()
    throw error
  }
  return writers
}

const nextTurn = () => new Promise<void>((done) => setImmediate(done))

/**
 * Runs the KECS LEAD detail report over the store (or any source) and writes
 * `KECS_LEAD_<name>.csv` and/or `.html` into `outDir`.
 *
 * `parameters` may be partial (defaults applied, see `resolveLeadParameters`)
 * or already resolved. Same store and same `asOf` give byte-identical files.
 *
 * @throws InvalidLeadParameter, LeadDateRangeReversed, NoCalendarsForEndYear, UnknownDistrictNumber
 */
export const runLeadExtract = async (
  store: StoreConnection | LeadSource,
  parameters: LeadExtractOptions,
  onProgress?: LeadProgress
): Promise<LeadExtractResult> => {
  const resolved = resolveLeadParameters(parameters)
  const source = leadSourceOf(store)
  const groups = groupCalendars(selectCalendars(source, resolved))
  const groupSizes = groups.map((group) =>
    group.reduce((sum, scope) => sum + source.sectionCount(scope.calendar.calendarID), 0)
  )
  const totalSections = groupSizes.reduce((sum, size) => sum + size, 0)
  const script = workerScript()
  const storeFile = source.workerStorePath()

  const writers = openWriters(resolved)
  try {
    let doneSections = 0
    let sectionCount = 0
    let rowCount = 0
    onProgress?.(0, totalSections)
    if (resolved.threads > 1 && groups.length > 1 && script !== undefined && storeFile !== undefined) {
      const csv = writers.find((writer) => writer instanceof CsvReportWriter)
      const html = writers.find((writer) => writer instanceof HtmlReportWriter)
      await runGroupsInWorkers(
        script,
        groups,
        { dbPath: storeFile, parameters: resolved, encodings: { csv: csv !== undefined, html: html !== undefined } },
        resolved.threads,
        (done) => {
          for (const chunk of done.csv ?? []) csv?.writeEncoded(chunk)
          for (const chunk of done.html ?? []) html?.writeEncoded(chunk)
          sectionCount += done.sectionCount
          rowCount += done.rowCount
          doneSections += groupSizes[done.index]!
          onProgress?.(doneSections, totalSections)
        }
      )
    } else {
      const context = reportContext(source, resolved)
      for (let index = 0; index < groups.length; index++) {
        for (const report of reportCalendars(source, groups[index]!, context)) {
          sectionCount++
          for (const row of report.rows) {
            for (const writer of writers) writer.writeRow(row)
            rowCount++
          }
        }
        doneSections += groupSizes[index]!
        onProgress?.(doneSections, totalSections)
        // Let signals, timers and progress output run between groups.
        await nextTurn()
      }
    }
    const summary = { sectionCount, rowCount }
    for (const writer of writers) writer.commit(summary)
    return { files: writers.map((writer) => writer.path), sectionCount, rowCount }
  } catch (error) {
    for (const writer of writers) writer.abort()
    throw error
  }
}
