/**
 * Preference orders for choosing one record among several ("latest date, NULL
 * counting as latest, then highest id" and relatives).
 *
 * TEMPORARY: `@kts/eligibility` is gaining `Latest.ts` with the same criteria
 * (`choose`, `latestDate`, `highest`, `nullDateFirst`, …); once it is exported
 * from `@kts/eligibility`, import those and delete this file. The names and
 * semantics here match it so the switch is an import change.
 */
import type { LocalDate } from "@kts/domain"

/** Positive when `a` is preferred, negative when `b` is, 0 on a tie. */
export type Compare<T> = (a: T, b: T) => number

/** Compares dates that may be NULL; `nullIs` says where NULL sorts. Positive when `a` is later. */
export const compareNullableDates = (
  a: LocalDate | null,
  b: LocalDate | null,
  nullIs: "latest" | "earliest"
): number => {
  if (a === b) return 0
  if (a === null) return nullIs === "latest" ? 1 : -1
  if (b === null) return nullIs === "latest" ? -1 : 1
  return a > b ? 1 : -1
}

/** Prefers the later date (NULL as `nullIs`). */
export const latestDate = <T>(dateOf: (item: T) => LocalDate | null, nullIs: "latest" | "earliest" = "latest"): Compare<T> =>
  (a, b) => compareNullableDates(dateOf(a), dateOf(b), nullIs)

/** Prefers the earlier date (NULL as `nullIs`: `latest` makes a NULL lose). */
export const earliestDate = <T>(dateOf: (item: T) => LocalDate | null, nullIs: "latest" | "earliest" = "latest"): Compare<T> =>
  (a, b) => compareNullableDates(dateOf(b), dateOf(a), nullIs)

/** Prefers a NULL date over any date. */
export const nullDateFirst = <T>(dateOf: (item: T) => LocalDate | null): Compare<T> => (a, b) => {
  const aOpen = dateOf(a) === null
  return aOpen === (dateOf(b) === null) ? 0 : aOpen ? 1 : -1
}

/** Prefers the higher number. */
export const highest = <T>(valueOf: (item: T) => number): Compare<T> => (a, b) => valueOf(a) - valueOf(b)

/** Prefers the lower number. */
export const lowest = <T>(valueOf: (item: T) => number): Compare<T> => (a, b) => valueOf(b) - valueOf(a)

/** Prefers the higher text (code-unit order). */
export const highestText = <T>(valueOf: (item: T) => string): Compare<T> => (a, b) => {
  const x = valueOf(a)
  const y = valueOf(b)
  return x === y ? 0 : x > y ? 1 : -1
}

/** The criteria in turn: the first that is not a tie decides. */
export const comparePreference = <T>(preference: ReadonlyArray<Compare<T>>, a: T, b: T): number => {
  for (const criterion of preference) {
    const order = criterion(a, b)
    if (order !== 0) return order
  }
  return 0
}

/** The preferred item, or undefined when there is none; on a complete tie the earlier item is kept. */
export const choose = <T>(items: Iterable<T>, preference: ReadonlyArray<Compare<T>>): T | undefined => {
  let chosen: T | undefined
  for (const item of items) {
    if (chosen === undefined || comparePreference(preference, item, chosen) > 0) chosen = item
  }
  return chosen
}
