/**
 * The few words every verdict reason shares: dates as a clerk reads them
 * (`MM/DD/YYYY`) and date spans. Reasons are built for every student-section,
 * so formatting is memoised by the date string instead of sliced anew each time.
 */
import { formatUsDate, type LocalDate } from "@kts/domain"

const formatted = new Map<LocalDate, string>()
// A state has a few thousand distinct dates; the bound only guards odd inputs.
const CACHE_LIMIT = 100_000

/** `2025-05-22` → `05/22/2025`. */
export const usDate = (date: LocalDate): string => {
  let text = formatted.get(date)
  if (text === undefined) {
    if (formatted.size >= CACHE_LIMIT) formatted.clear()
    text = formatUsDate(date)
    formatted.set(date, text)
  }
  return text
}

/** A possibly-missing date: `open` for a NULL end date. */
export const usEnd = (date: LocalDate | null): string => (date === null ? "open" : usDate(date))

/** A possibly-missing start date: `no start` for a NULL start date. */
export const usStart = (date: LocalDate | null): string => (date === null ? "no start" : usDate(date))

/** `08/15/2024–open`, the span of a dated record. */
export const usSpan = (start: LocalDate | null, end: LocalDate | null): string => usStart(start) + "–" + usEnd(end)
