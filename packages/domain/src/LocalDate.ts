/**
 * Calendar dates without a time zone, held as `YYYY-MM-DD` strings.
 *
 * Strings in that form sort and compare correctly as plain strings, so rules
 * compare with `<`/`>` and never build `Date` objects on the hot path. Parsing
 * rejects dates that do not exist (`2025-02-30`), unlike `new Date()`.
 */

/** A real calendar date as `YYYY-MM-DD`. */
export type LocalDate = string

/** A local date and time as `YYYY-MM-DDTHH:MM` (seconds optional on input). */
export type LocalDateTime = string

const DATETIME_SHAPE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** True for leap years of the Gregorian calendar. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** Days in `month` (1–12) of `year`. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

const digitAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index) - 48
  return code >= 0 && code <= 9 ? code : -100_000
}

/**
 * True when `text` is `YYYY-MM-DD` and names a day that exists. Character
 * arithmetic rather than a regular expression: the importer checks every date.
 */
export const isLocalDate = (text: string): boolean => {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false
  const year = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3)
  const month = digitAt(text, 5) * 10 + digitAt(text, 6)
  const day = digitAt(text, 8) * 10 + digitAt(text, 9)
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** True when `text` is `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` with a real date and time. */
export const isLocalDateTime = (text: string): boolean => {
  const match = DATETIME_SHAPE.exec(text)
  if (match === null || !isLocalDate(match[1]!)) return false
  const seconds = match[4] === undefined ? 0 : Number(match[4])
  return Number(match[2]) <= 23 && Number(match[3]) <= 59 && seconds <= 59
}

/** Builds a date from its parts; throws when the parts name no real day. */
export const makeLocalDate = (year: number, month: number, day: number): LocalDate => {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
  if (!isLocalDate(text)) throw new RangeError(`not a calendar date: ${text}`)
  return text
}

/** -1, 0 or 1 as `a` is before, equal to or after `b`. */
export const compareDates = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** The earlier of two dates. */
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/** The later of two dates. */
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)

const toEpochDay = (date: LocalDate): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000

const fromEpochDay = (epochDay: number): LocalDate => new Date(epochDay * 86_400_000).toISOString().slice(0, 10)

/** `date` moved by `days` (negative moves back), across month and year ends. */
export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(toEpochDay(date) + days)

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => toEpochDay(to) - toEpochDay(from)

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: LocalDate): number => (((toEpochDay(date) + 4) % 7) + 7) % 7

/** `MM/DD/YYYY`, the form the state reports print. */
export const formatUsDate = (date: LocalDate): string => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`

/** `MM/DD/YYYY HH:MM` (24-hour) for a `YYYY-MM-DDTHH:MM[:SS]` value. */
export const formatUsDateTime = (dateTime: LocalDateTime): string =>
  `${formatUsDate(dateTime.slice(0, 10))} ${dateTime.slice(11, 16)}`

/** The date part of a local date-time. */
export const datePart = (dateTime: LocalDateTime): LocalDate => dateTime.slice(0, 10)

/** The local date-time of a JavaScript `Date` in the machine's zone, to the minute. */
export const localDateTimeOf = (moment: Date): LocalDateTime => {
  const pad = (value: number) => String(value).padStart(2, "0")
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`
}
