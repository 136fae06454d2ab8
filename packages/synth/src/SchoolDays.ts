/**
 * School-year day lists: weekdays from mid-August to late May with the usual
 * breaks marked non-instructional, a summer session, and the split into terms.
 */
import { dayNumber, dateOf, plusDays, weekday, ymd } from "./Dates.js"
import type { YearDays } from "./Model.js"
import type { Random } from "./Random.js"

/** The n-th (1-based) given weekday of a month. */
const nthWeekday = (year: number, month: number, dow: number, n: number): string => {
  let date = ymd(year, month, 1)
  while (weekday(date) !== dow) date = plusDays(date, 1)
  return plusDays(date, 7 * (n - 1))
}

const nextWeekday = (date: string): string => {
  let day = date
  while (weekday(day) === 0 || weekday(day) === 6) day = plusDays(day, 1)
  return day
}

const previousWeekday = (date: string): string => {
  let day = date
  while (weekday(day) === 0 || weekday(day) === 6) day = plusDays(day, -1)
  return day
}

const finish = (rows: Array<{ date: string; instruction: boolean }>): YearDays => {
  const instructional = rows.filter((row) => row.instruction).map((row) => row.date)
  const first = rows[0]?.date
  const last = rows[rows.length - 1]?.date
  const lid = instructional[instructional.length - 1]
  if (first === undefined || last === undefined || lid === undefined) throw new Error("a school year needs instructional days")
  return { first, last, lid, instructional, rows }
}

/**
 * The days of the regular school year ending in `endYear`: weekdays only,
 * holidays and breaks as non-instructional rows, and sometimes a few teacher
 * days after the last instructional day (so the calendar ends after the LID).
 */
export const regularYear = (rng: Random, endYear: number, teacherDays = false): YearDays => {
  const startYear = endYear - 1
  const first = nextWeekday(ymd(startYear, 8, rng.int(6, 14)))
  const lastTaught = previousWeekday(ymd(endYear, 5, rng.int(19, 29)))
  const off = new Set<string>()
  off.add(nthWeekday(startYear, 9, 1, 1)) // Labor Day
  off.add(nthWeekday(startYear, 11, 2, 1)) // Election Day
  const thanksgiving = nthWeekday(startYear, 11, 4, 4)
  for (let shift = -1; shift <= 1; shift++) off.add(plusDays(thanksgiving, shift))
  for (let day = dayNumber(ymd(startYear, 12, 23)); day <= dayNumber(ymd(endYear, 1, 2)); day++) off.add(dateOf(day))
  off.add(nthWeekday(endYear, 1, 1, 3)) // Martin Luther King Jr. Day
  off.add(nthWeekday(endYear, 2, 1, 3)) // Presidents' Day
  const springBreak = nthWeekday(endYear, rng.chance(0.5) ? 3 : 4, 1, rng.chance(0.5) ? 4 : 1)
  for (let shift = 0; shift < 5; shift++) off.add(plusDays(springBreak, shift))
  // A few professional-development days.
  for (let count = rng.int(1, 3); count > 0; count--) off.add(plusDays(first, rng.int(20, 200)))
  const rows: Array<{ date: string; instruction: boolean }> = []
  for (let day = dayNumber(first); day <= dayNumber(lastTaught); day++) {
    const date = dateOf(day)
    const dow = weekday(date)
    if (dow === 0 || dow === 6) continue
    rows.push({ date, instruction: !off.has(date) || date === first || date === lastTaught })
  }
  // Teacher days after the last instructional day, in about a third of calendars.
  if (rng.chance(0.35) || teacherDays) {
    let date = lastTaught
    for (let count = rng.int(1, 3); count > 0; count--) {
      date = nextWeekday(plusDays(date, 1))
      rows.push({ date, instruction: false })
    }
  }
  return finish(rows)
}

/** A June summer session after the regular year. */
export const summerSession = (rng: Random, endYear: number): YearDays => {
  const first = nextWeekday(ymd(endYear, 6, rng.int(2, 9)))
  const rows: Array<{ date: string; instruction: boolean }> = []
  let date = first
  for (let count = 0; count < 16; count++) {
    rows.push({ date, instruction: !date.endsWith("-06-19") })
    date = nextWeekday(plusDays(date, 1))
  }
  return finish(rows)
}

/** The same days with the last `count` instructional days made non-instructional (an earlier LID). */
export const endEarlier = (days: YearDays, count: number): YearDays => {
  const cut = new Set(days.instructional.slice(-count))
  return finish(days.rows.map((row) => (cut.has(row.date) ? { date: row.date, instruction: false } : row)))
}

/**
 * Splits the year into `count` terms of about equal instructional days. The
 * first term starts on the first day; the last one ends on the last day row,
 * which can be later than the LID.
 */
export const termDates = (days: YearDays, count: number): Array<{ start: string; end: string }> => {
  const taught = days.instructional
  const terms: Array<{ start: string; end: string }> = []
  for (let index = 0; index < count; index++) {
    const from = Math.floor((taught.length * index) / count)
    const to = Math.floor((taught.length * (index + 1)) / count) - 1
    const start = index === 0 ? days.first : (taught[from] ?? days.first)
    const end = index === count - 1 ? days.last : (taught[to] ?? days.last)
    terms.push({ start, end })
  }
  return terms
}
