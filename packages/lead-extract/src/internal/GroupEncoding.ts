/**
 * One calendar group's report text, for the parallel run: the group's rows
 * encoded exactly as the writers would have encoded them one by one.
 */
import { CsvRowEncoder } from "../CsvWriter.js"
import { HtmlRowEncoder } from "../HtmlWriter.js"
import { reportCalendars, type ReportContext } from "../ReportBuilder.js"
import type { CalendarScope, LeadSource } from "../Source.js"
import { ByteChunks } from "./ByteChunks.js"

/** Which encodings a run writes. */
export interface Encodings {
  readonly csv: boolean
  readonly html: boolean
}

/** A group's encoded rows (UTF-8 chunks, in order) and counts. */
export interface EncodedGroup {
  readonly csv: Array<Uint8Array> | null
  readonly html: Array<Uint8Array> | null
  readonly sectionCount: number
  readonly rowCount: number
}

/** Builds and encodes the rows of one calendar group. */
export const encodeGroup = (
  source: LeadSource,
  scopes: ReadonlyArray<CalendarScope>,
  context: ReportContext,
  encodings: Encodings
): EncodedGroup => {
  const csvEncoder = encodings.csv ? new CsvRowEncoder() : undefined
  const htmlEncoder = encodings.html ? new HtmlRowEncoder() : undefined
  const csv = new ByteChunks()
  const html = new ByteChunks()
  let sectionCount = 0
  let rowCount = 0
  for (const report of reportCalendars(source, scopes, context)) {
    sectionCount++
    for (const row of report.rows) {
      if (csvEncoder !== undefined) csv.write(csvEncoder.encode(row))
      if (htmlEncoder !== undefined) html.write(htmlEncoder.encode(row))
      rowCount++
    }
  }
  return {
    csv: csvEncoder === undefined ? null : csv.take(),
    html: htmlEncoder === undefined ? null : html.take(),
    sectionCount,
    rowCount
  }
}
