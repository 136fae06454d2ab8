/**
 * Reading one CSV field into a column's value, with the message a user sees
 * when it does not fit. The bundle importer calls this for every field, so it
 * avoids regular expressions and allocations where a character loop will do.
 */
import type { Column } from "./Column.js"
import { isLocalDate, isLocalDateTime } from "./LocalDate.js"

/** A field's value as stored: numbers for ids/ints/nums, 0/1 for bools, text otherwise. */
export type StoredValue = string | number | null

/** What reading a field gives: its stored value, or why it was rejected. */
export type FieldResult = { readonly ok: true; readonly value: StoredValue } | {
  readonly ok: false
  readonly message: string
}

const accept = (value: StoredValue): FieldResult => ({ ok: true, value })
const reject = (message: string): FieldResult => ({ ok: false, message })
const NULL_FIELD = accept(null)
const FALSE_FIELD = accept(0)
const TRUE_FIELD = accept(1)

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
 * Reads `text` (a raw CSV field; empty means NULL) as a value of `column`.
 * Required columns reject an empty field; bools read an empty field as 0.
 */
export const readField = (column: Column, text: string): FieldResult => {
  if (text === "") {
    if (column.kind === "bool") return FALSE_FIELD
    return column.nullable ? NULL_FIELD : reject("a value is required")
  }
  switch (column.kind) {
    case "id": {
      if (!isDigits(text, 0)) return reject("expected a positive integer id")
      const value = Number(text)
      if (value < 1 || !Number.isSafeInteger(value)) return reject("expected a positive integer id")
      return accept(value)
    }
    case "int": {
      if (!isDigits(text, text.charCodeAt(0) === 45 ? 1 : 0)) return reject("expected an integer")
      const value = Number(text)
      return Number.isSafeInteger(value) ? accept(value) : reject("integer out of range")
    }
    case "num":
      return DECIMAL.test(text) ? accept(Number(text)) : reject("expected a decimal number")
    case "bool":
      return text === "0" ? FALSE_FIELD : text === "1" ? TRUE_FIELD : reject("expected 0 or 1")
    case "date":
      return isLocalDate(text) ? accept(text) : reject("expected a real calendar date as YYYY-MM-DD")
    case "datetime":
      return isLocalDateTime(text) ? accept(text) : reject("expected a date and time as YYYY-MM-DDTHH:MM[:SS]")
    case "code":
      if (column.codeList !== undefined && !column.codeList.has(text)) {
        return reject(`not a ${column.codeList.name} code`)
      }
      return accept(text)
    case "text":
      return accept(text)
  }
}
