/**
 * The CSV file: RFC 4180, UTF-8 without a byte-order mark, CRLF after every
 * record (the header included), a header row of the 59 column names. A field
 * is quoted only when it holds a comma, a double quote, CR or LF (inner
 * quotes doubled); nothing else about a value is changed — no trimming, no
 * quoting of leading/trailing spaces, no formula escaping.
 *
 * Hand-written rather than `Papa.unparse`: papaparse also quotes values with
 * a leading or trailing space (which the contract leaves bare), and on 59
 * columns × 200k rows the hand-written loop measured about 2× faster
 * (see README → CSV).
 */
import { LeadColumns } from "./Columns.js"
import { PendingFile } from "./internal/PendingFile.js"
import { PartCache } from "./internal/PartCache.js"
import type { LeadRow } from "./RowAssembly.js"
import type { ReportSummary, ReportWriter } from "./ReportWriter.js"

/** The record separator. */
export const CsvLineEnding = "\r\n"

/** A value as a CSV field: quoted (inner quotes doubled) only when it holds `,` `"` CR or LF. */
export const csvField = (value: string): string => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 44 || code === 34 || code === 10 || code === 13) return `"${value.replaceAll("\"", "\"\"")}"`
  }
  return value
}

/** Fields joined by commas, without the line ending. */
export const csvFields = (values: ReadonlyArray<string>): string => {
  let line = ""
  for (let index = 0; index < values.length; index++) {
    line += index === 0 ? csvField(values[index]!) : "," + csvField(values[index]!)
  }
  return line
}

/** The header record, line ending included. */
export const csvHeader = (): string => csvFields(LeadColumns) + CsvLineEnding

/**
 * Encodes rows as CSV records. Rows share their section, person, enrollment
 * and program parts (see `LeadRow`), so each shared part is encoded once and
 * kept (the section while it lasts, the others in a bounded cache).
 */
export class CsvRowEncoder {
  private section: ReadonlyArray<string> | undefined
  private encodedSection = ""
  private readonly shared = new PartCache(csvFields)

  /** One record, line ending included. */
  encode(row: LeadRow): string {
    if (row.section !== this.section) {
      this.section = row.section
      this.encodedSection = csvFields(row.section)
    }
    const placement = row.placement
    return this.encodedSection + "," + this.part(row.person) + "," +
      csvField(placement[0]!) + "," + csvField(placement[1]!) + "," + csvField(placement[2]!) + "," +
      this.part(row.enrollment) + "," + this.part(row.programs) + "," + this.part(row.caseManager) + CsvLineEnding
  }

  private part(values: ReadonlyArray<string>): string {
    return this.shared.get(values)
  }
}

/** Writes `KECS_LEAD_<name>.csv` under a temporary name until committed. */
export class CsvReportWriter implements ReportWriter {
  private readonly file: PendingFile
  private readonly encoder = new CsvRowEncoder()

  constructor(readonly path: string) {
    this.file = new PendingFile(path)
    this.file.write(csvHeader())
  }

  writeRow(row: LeadRow): void {
    this.file.write(this.encoder.encode(row))
  }

  writeEncoded(records: string | Uint8Array): void {
    if (typeof records === "string") this.file.write(records)
    else this.file.writeBytes(records)
  }

  commit(_summary: ReportSummary): void {
    this.file.commit()
  }

  abort(): void {
    this.file.abort()
  }
}
