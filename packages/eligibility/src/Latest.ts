/**
 * Choosing one record among several: "the latest date, NULL counting as the
 * latest (open-ended), then the highest id" and its relatives (the reported
 * enrollment, the roster row, the primary teacher, the SPED plan, foster care
 * evidence, the starting and ending terms). Every such rule is written here
 * once as a list of criteria; a place that chooses names its criteria and
 * calls `choose` (fast, no allocation) or `chooseWithEvidence` (the winner,
 * the candidates, the runner-up and the criterion that separated them).
 *
 * Pure and generic: an item is anything, its dates and ids are read through
 * accessors, so `@kts/sync` can reuse the same rules on its own rows.
 */
import type { LocalDate } from "@kts/domain"
import { usDate } from "./internal/Wording.js"

/** What a NULL date means in a comparison: open-ended (later than any date) or unknown (earlier than any date). */
export type NullDate = "latest" | "earliest"

/**
 * Compares two dates that may be NULL: positive when `a` is later, negative
 * when `b` is, 0 when equal (two NULLs are equal). `nullIs` says where NULL
 * sorts; by default it is open-ended, later than every date.
 */
export const compareDates = (a: LocalDate | null, b: LocalDate | null, nullIs: NullDate = "latest"): number => {
  if (a === b) return 0
  if (a === null) return nullIs === "latest" ? 1 : -1
  if (b === null) return nullIs === "latest" ? -1 : 1
  return a > b ? 1 : -1
}

/** `compareDates` with NULL as the latest date: positive when `a` is later. */
export const compareLatest = (a: LocalDate | null, b: LocalDate | null): number => compareDates(a, b, "latest")

/** One step of a preference order. */
export interface Criterion<T> {
  /** The step in plain words, e.g. `latest endDate (NULL counts as latest)`. */
  readonly rule: string
  /** Positive when `a` is preferred on this step, negative when `b` is, 0 on a tie. */
  readonly compare: (a: T, b: T) => number
  /** The value this step looks at, as a reason prints it (`05/22/2025`, `NULL`, `P`, `812`). */
  readonly show: (item: T) => string
}

/** A preference order: criteria tried in turn, the first that is not a tie decides. */
export type Preference<T> = ReadonlyArray<Criterion<T>>

const showDate = (date: LocalDate | null): string => (date === null ? "NULL" : usDate(date))

const nullWords = (nullIs: NullDate): string => (nullIs === "latest" ? "NULL counts as latest" : "NULL counts as earliest")

/** Prefers the later date; `nullIs` says where a NULL date sorts (default: latest, i.e. open-ended). */
export const latestDate = <T>(
  field: string,
  dateOf: (item: T) => LocalDate | null,
  nullIs: NullDate = "latest"
): Criterion<T> => ({
  rule: `latest ${field} (${nullWords(nullIs)})`,
  compare: (a, b) => compareDates(dateOf(a), dateOf(b), nullIs),
  show: (item) => showDate(dateOf(item))
})

/** Prefers the earlier date; `nullIs` says where a NULL date sorts (`latest`: a NULL date loses). */
export const earliestDate = <T>(
  field: string,
  dateOf: (item: T) => LocalDate | null,
  nullIs: NullDate = "latest"
): Criterion<T> => ({
  rule: `earliest ${field} (${nullWords(nullIs)})`,
  compare: (a, b) => compareDates(dateOf(b), dateOf(a), nullIs),
  show: (item) => showDate(dateOf(item))
})

/** Prefers a NULL (open-ended) date over any date; two dates, or two NULLs, tie. */
export const nullDateFirst = <T>(field: string, dateOf: (item: T) => LocalDate | null): Criterion<T> => ({
  rule: `${field} NULL first`,
  compare: (a, b) => {
    const aOpen = dateOf(a) === null
    return aOpen === (dateOf(b) === null) ? 0 : aOpen ? 1 : -1
  },
  show: (item) => showDate(dateOf(item))
})

/** Prefers the higher number (an id, a seq). */
export const highest = <T>(field: string, valueOf: (item: T) => number): Criterion<T> => ({
  rule: `highest ${field}`,
  compare: (a, b) => {
    const x = valueOf(a)
    const y = valueOf(b)
    return x === y ? 0 : x > y ? 1 : -1
  },
  show: (item) => String(valueOf(item))
})

/** Prefers the lower number (an id, a seq). */
export const lowest = <T>(field: string, valueOf: (item: T) => number): Criterion<T> => ({
  rule: `lowest ${field}`,
  compare: (a, b) => {
    const x = valueOf(a)
    const y = valueOf(b)
    return x === y ? 0 : x < y ? 1 : -1
  },
  show: (item) => String(valueOf(item))
})

/** Prefers an item that passes `test` over one that does not; `shown` prints the value looked at. */
export const preferring = <T>(rule: string, test: (item: T) => boolean, shown: (item: T) => string): Criterion<T> => ({
  rule,
  compare: (a, b) => {
    const x = test(a)
    return x === test(b) ? 0 : x ? 1 : -1
  },
  show: shown
})

/** "The latest date (NULL counts as latest), then the highest id": the common order, named by its two fields. */
export const latestThenHighest = <T>(
  dateField: string,
  dateOf: (item: T) => LocalDate | null,
  idField: string,
  idOf: (item: T) => number
): Preference<T> => [latestDate(dateField, dateOf, "latest"), highest(idField, idOf)]

/** Positive when `a` is preferred to `b`, negative when `b` is, 0 when every criterion ties. */
export const comparePreference = <T>(preference: Preference<T>, a: T, b: T): number => {
  for (let index = 0; index < preference.length; index++) {
    const order = preference[index]!.compare(a, b)
    if (order !== 0) return order
  }
  return 0
}

/**
 * The preferred item among those `accept` lets through (all by default);
 * undefined when none. On a complete tie the earlier item is kept.
 */
export const choose = <T>(
  items: ReadonlyArray<T>,
  preference: Preference<T>,
  accept?: (item: T) => boolean
): T | undefined => {
  let chosen: T | undefined
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (accept !== undefined && !accept(item)) continue
    if (chosen === undefined || comparePreference(preference, item, chosen) > 0) chosen = item
  }
  return chosen
}

/** The evidence of a choice: what was compared and on what. */
export interface Choice<T> {
  /** The preferred candidate; undefined when there was none. */
  readonly chosen: T | undefined
  /** Every candidate compared (the items `accept` let through), in input order. */
  readonly candidates: ReadonlyArray<T>
  /** How many items `accept` turned away. */
  readonly rejected: number
  /** The best of the others, the one the decision was closest with; undefined with fewer than two candidates. */
  readonly runnerUp: T | undefined
  /**
   * The criterion that put `chosen` ahead of `runnerUp` (and so ahead of every
   * other candidate: no other one got further down the order); null with fewer
   * than two candidates or on a complete tie.
   */
  readonly decidedBy: Criterion<T> | null
  /** The order that was applied. */
  readonly preference: Preference<T>
}

/** `choose`, keeping the evidence: the candidates, the runner-up and the deciding criterion. */
export const chooseWithEvidence = <T>(
  items: ReadonlyArray<T>,
  preference: Preference<T>,
  accept?: (item: T) => boolean
): Choice<T> => {
  const candidates: Array<T> = []
  let chosen: T | undefined
  let runnerUp: T | undefined
  for (const item of items) {
    if (accept !== undefined && !accept(item)) continue
    candidates.push(item)
    if (chosen === undefined) chosen = item
    else if (comparePreference(preference, item, chosen) > 0) {
      runnerUp = chosen
      chosen = item
    } else if (runnerUp === undefined || comparePreference(preference, item, runnerUp) > 0) runnerUp = item
  }
  let decidedBy: Criterion<T> | null = null
  if (chosen !== undefined && runnerUp !== undefined) {
    for (const criterion of preference) {
      if (criterion.compare(chosen, runnerUp) !== 0) {
        decidedBy = criterion
        break
      }
    }
  }
  return { chosen, candidates, rejected: items.length - candidates.length, runnerUp, decidedBy, preference }
}

/** `chooseWithEvidence` for the common order: latest `dateOf` (NULL counts as latest), then highest `idOf`. */
export const pickLatest = <T>(
  items: ReadonlyArray<T>,
  dateOf: (item: T) => LocalDate | null,
  idOf: (item: T) => number,
  fields: { readonly date: string; readonly id: string } = { date: "date", id: "id" }
): Choice<T> => chooseWithEvidence(items, latestThenHighest(fields.date, dateOf, fields.id, idOf))

/** The order in words: `latest startDate (…), then highest enrollmentID`. */
export const describePreference = <T>(preference: Preference<T>): string =>
  preference.map((criterion) => criterion.rule).join(", then ")

/**
 * The choice in words, naming items with `name` (e.g. `enrollment 12`):
 * `enrollment 12 over enrollment 9 (2 candidates) on latest startDate (NULL
 * counts as latest): 08/07/2024 vs 08/01/2024`, `enrollment 12 is the only
 * candidate`, or `no candidate`.
 */
export const describeChoice = <T>(choice: Choice<T>, name: (item: T) => string): string => {
  const { chosen, runnerUp, decidedBy } = choice
  if (chosen === undefined) return "no candidate"
  if (runnerUp === undefined) return `${name(chosen)} is the only candidate`
  const over = `${name(chosen)} over ${name(runnerUp)} (${choice.candidates.length} candidates)`
  if (decidedBy === null) return `${over}: a complete tie, the first one is kept`
  return `${over} on ${decidedBy.rule}: ${decidedBy.show(chosen)} vs ${decidedBy.show(runnerUp)}`
}
