/**
 * What the report writers share: rows go in one at a time, in report order;
 * `commit` renames the finished file into place; `abort` removes it.
 */
import type { LeadRow } from "./RowAssembly.js"

/** Totals a writer may print once every row is in. */
export interface ReportSummary {
  /** Reported sections. */
  readonly sectionCount: number
  /** Rows written (blank-student and case-manager rows included). */
  readonly rowCount: number
}

/** A report file being written. */
export interface ReportWriter {
  /** The file's final path. */
  readonly path: string
  writeRow(row: LeadRow): void
  /** Appends rows already encoded for this format (by the matching row encoder). */
  writeEncoded(rows: string | Uint8Array): void
  commit(summary: ReportSummary): void
  abort(): void
}
