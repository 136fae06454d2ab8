/**
 * Date arithmetic on `YYYY-MM-DD` strings through day numbers. The generator
 * makes millions of dates, so this converts with integer arithmetic (civil
 * calendar algorithms) instead of allocating `Date` objects.
 */

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. */
export const dayNumber = (date: string): number => {
  let year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  year -= month <= 2 ? 1 : 0
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value))

/** The `YYYY-MM-DD` date of a day number. */
export const dateOf = (days: number): string => {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp + (mp < 10 ? 3 : -9)
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/** `date` moved by `days`. */
export const plusDays = (date: string, days: number): string => dateOf(dayNumber(date) + days)

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7

/** A date from its parts (no validation: callers pass real days). */
export const ymd = (year: number, month: number, day: number): string => `${year}-${pad2(month)}-${pad2(day)}`

/** The earlier / later of two dates. */
export const earlier = (a: string, b: string): string => (a <= b ? a : b)
export const later = (a: string, b: string): string => (a >= b ? a : b)
