/**
 * Reading one CSV field into a column's value, with the message a user sees
 * when it does not fit. The bundle importer calls this for every field of
 * every row (tens of millions at state scale), so the hot path allocates
 * nothing: `readFieldValue` returns the value or `INVALID_FIELD`, and the
 * message is worked out only for a field that failed.
 */
import type { Column } from "./Column.js"
import { isLocalDate, isLocalDateTime } from "./LocalDate.js"

/** A field's value as stored: numbers for ids/ints/nums, 0/1 for bools, text otherwise. */
export type StoredValue = string | number | null

/** What `readFieldValue` returns for a field that does not fit its column. */
export const INVALID_FIELD: unique symbol = Symbol("invalid field")

/** What reading a field gives: its stored value, or why it was rejected. */
export type FieldResult = { readonly ok: true; readonly value: StoredValue } | {
  readonly ok: false
  readonly message: string
}

const isDigits = (text: string, from: number): boolean => {
  if (from >= text.length) return false
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 48 || code > 57) return false
  }
  return true
}

const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/

/**
 * Reads `text` (a raw CSV field; empty means NULL) as a value of `column`, or
 * returns `INVALID_FIELD`. Required columns reject an empty field; bools read
 * an empty field as 0.
 */
export const readFieldValue = (column: Column, text: string): StoredValue | typeof INVALID_FIELD => {
  if (text === "") {
    if (column.kind === "bool") return 0
    return column.nullable ? null : INVALID_FIELD
  }
  switch (column.kind) {
    case "id": {
      if (!isDigits(text, 0)) return INVALID_FIELD
      const value = Number(text)
      return value >= 1 && Number.isSafeInteger(value) ? value : INVALID_FIELD
    }
    case "int": {
      if (!isDigits(text, text.charCodeAt(0) === 45 ? 1 : 0)) return INVALID_FIELD
      const value = Number(text)
      return Number.isSafeInteger(value) ? value : INVALID_FIELD
    }
    case "num":
      return DECIMAL.test(text) ? Number(text) : INVALID_FIELD
    case "bool":
      return text === "0" ? 0 : text === "1" ? 1 : INVALID_FIELD
    case "date":
      return isLocalDate(text) ? text : INVALID_FIELD
    case "datetime":
      return isLocalDateTime(text) ? text : INVALID_FIELD
    case "code":
      return column.codeList === undefined || column.codeList.has(text) ? text : INVALID_FIELD
    case "text":
      return text
  }
}

/** Why `text` does not fit `column` (call it for a field `readFieldValue` rejected). */
export const fieldProblem = (column: Column, text: string): string => {
  if (text === "") return "a value is required"
  switch (column.kind) {
    case "id":
      return "expected a positive integer id"
    case "int":
      return isDigits(text, text.charCodeAt(0) === 45 ? 1 : 0) ? "integer out of range" : "expected an integer"
    case "num":
      return "expected a decimal number"
    case "bool":
      return "expected 0 or 1"
    case "date":
      return "expected a real calendar date as YYYY-MM-DD"
    case "datetime":
      return "expected a date and time as YYYY-MM-DDTHH:MM[:SS]"
    case "code":
      return `not a ${column.codeList?.name ?? "known"} code`
    case "text":
      return "not a valid text"
  }
}

/** Reads `text` as a value of `column`, with the reason when it does not fit. */
export const readField = (column: Column, text: string): FieldResult => {
  const value = readFieldValue(column, text)
  return value === INVALID_FIELD ? { ok: false, message: fieldProblem(column, text) } : { ok: true, value }
}
