/**
 * CSV text as the bundle writes it: each field by `@kts/store`'s `formatField`
 * (the export's own: NULL empty, numbers in plain decimal, quoted only when a
 * field holds a comma, a quote or a line break), bools as 0/1, lines ending
 * with a line feed.
 */
import { formatField, formatNumber } from "@kts/store"

/** A CSV field value: text, a number, a bool (0/1) or NULL. */
export type CsvValue = string | number | boolean | null

/** One field as CSV text. */
export const csvField = (value: CsvValue): string => formatField(typeof value === "boolean" ? (value ? 1 : 0) : value)

/** Rows (the header first) as CSV text, each line ending with a line feed. */
export const csvText = (rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string =>
  rows.map((row) => row.map(csvField).join(",")).join("\n") + (rows.length > 0 ? "\n" : "")

/** The text of a field before quoting (what the personal-data scan compares with a name). */
export const fieldText = (value: CsvValue): string =>
  value === null ? "" : typeof value === "boolean" ? (value ? "1" : "0") : typeof value === "number" ? formatNumber(value) : value
