/**
 * RFC 4180 CSV text: a field is quoted when it holds a comma, a double quote
 * or a line break (quotes doubled); lines end with a line feed; NULL is an
 * empty field.
 */

/** A CSV field value: text, a number, a bool (0/1) or NULL. */
export type CsvValue = string | number | boolean | null

const NEEDS_QUOTES = /[",\r\n]/

/** One field as CSV text. */
export const csvField = (value: CsvValue): string => {
  if (value === null) return ""
  const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll("\"", "\"\"")}"` : text
}

/** Rows (the header first) as CSV text, each line ending with a line feed. */
export const csvText = (rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string =>
  rows.map((row) => row.map(csvField).join(",")).join("\n") + (rows.length > 0 ? "\n" : "")

/** The text of a field as it is written (what the personal-data scan compares). */
export const fieldText = (value: CsvValue): string =>
  value === null ? "" : typeof value === "boolean" ? (value ? "1" : "0") : String(value)
