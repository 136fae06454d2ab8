import type { LocalDate } from "@kts/domain"
import { describe, expect, it } from "vitest"
import {
  choose,
  chooseWithEvidence,
  compareDates,
  compareLatest,
  describeChoice,
  describePreference,
  earliestDate,
  highest,
  latestDate,
  latestThenHighest,
  lowest,
  nullDateFirst,
  pickLatest,
  preferring,
  type Preference
} from "./Latest.js"

interface Row {
  readonly id: number
  readonly date: LocalDate | null
  readonly kind?: string
}
const r = (id: number, date: LocalDate | null, kind = "S"): Row => ({ id, date, kind })
const dateOf = (row: Row) => row.date
const idOf = (row: Row) => row.id
const sign = (n: number) => Math.sign(n)

describe("compareDates", () => {
  it.each([
    { a: "2025-05-21", b: "2025-05-22", latest: -1, earliest: -1 },
    { a: "2025-05-22", b: "2025-05-22", latest: 0, earliest: 0 },
    { a: "2025-05-23", b: "2025-05-22", latest: 1, earliest: 1 },
    { a: null, b: "2025-05-22", latest: 1, earliest: -1 },
    { a: "2025-05-22", b: null, latest: -1, earliest: 1 },
    { a: null, b: null, latest: 0, earliest: 0 },
    { a: "9999-12-31", b: null, latest: -1, earliest: 1 },
    { a: "2024-12-31", b: "2025-01-01", latest: -1, earliest: -1 }
  ] as Array<{ a: LocalDate | null; b: LocalDate | null; latest: number; earliest: number }>)(
    "$a vs $b: NULL latest $latest, NULL earliest $earliest",
    ({ a, b, latest, earliest }) => {
      expect(sign(compareDates(a, b))).toBe(latest)
      expect(sign(compareLatest(a, b))).toBe(latest)
      expect(sign(compareDates(a, b, "latest"))).toBe(latest)
      expect(sign(compareDates(a, b, "earliest"))).toBe(earliest)
      // antisymmetric
      expect(sign(compareDates(b, a, "latest"))).toBe(-latest || 0)
      expect(sign(compareDates(b, a, "earliest"))).toBe(-earliest || 0)
    }
  )
})

describe("pickLatest: latest date (NULL latest), then highest id", () => {
  it.each([
    { case: "empty list", rows: [], chosen: undefined, runnerUp: undefined, decidedBy: null },
    { case: "a single row", rows: [r(1, "2025-01-01")], chosen: 1, runnerUp: undefined, decidedBy: null },
    { case: "a single NULL", rows: [r(1, null)], chosen: 1, runnerUp: undefined, decidedBy: null },
    {
      case: "later date wins by one day",
      rows: [r(2, "2025-05-21"), r(1, "2025-05-22")],
      chosen: 1, runnerUp: 2, decidedBy: "latest date (NULL counts as latest)"
    },
    {
      case: "NULL beats any date",
      rows: [r(2, "9999-12-31"), r(1, null)],
      chosen: 1, runnerUp: 2, decidedBy: "latest date (NULL counts as latest)"
    },
    {
      case: "equal dates: highest id",
      rows: [r(4, "2025-05-22"), r(5, "2025-05-22")],
      chosen: 5, runnerUp: 4, decidedBy: "highest id"
    },
    {
      case: "several NULLs: highest id among them",
      rows: [r(9, "2025-05-22"), r(3, null), r(7, null), r(5, null)],
      chosen: 7, runnerUp: 5, decidedBy: "highest id"
    },
    {
      case: "a higher id with an earlier date loses",
      rows: [r(100, "2025-05-21"), r(1, "2025-05-22"), r(50, "2025-05-20")],
      chosen: 1, runnerUp: 100, decidedBy: "latest date (NULL counts as latest)"
    },
    {
      case: "complete tie (same id twice): the first is kept",
      rows: [{ id: 6, date: null, kind: "first" }, { id: 6, date: null, kind: "second" }],
      chosen: 6, runnerUp: 6, decidedBy: null
    }
  ] as Array<{ case: string; rows: Array<Row>; chosen?: number; runnerUp?: number; decidedBy: string | null }>)(
    "$case",
    ({ rows, chosen, runnerUp, decidedBy }) => {
      const choice = pickLatest(rows, dateOf, idOf)
      expect(choice.chosen?.id).toBe(chosen)
      expect(choice.runnerUp?.id).toBe(runnerUp)
      expect(choice.decidedBy?.rule ?? null).toBe(decidedBy)
      expect(choice.candidates).toHaveLength(rows.length)
      expect(choose(rows, latestThenHighest("date", dateOf, "id", idOf))?.id).toBe(chosen)
      if (decidedBy !== null) {
        // the order of the input does not matter unless everything ties
        expect(pickLatest([...rows].reverse(), dateOf, idOf).chosen?.id).toBe(chosen)
      }
    }
  )

  it("keeps the first of fully tied items", () => {
    const rows = [{ id: 6, date: null, kind: "first" }, { id: 6, date: null, kind: "second" }]
    expect(pickLatest(rows, dateOf, idOf).chosen?.kind).toBe("first")
    expect(choose(rows, latestThenHighest("date", dateOf, "id", idOf))?.kind).toBe("first")
  })
})

describe("choose with accept", () => {
  it.each([
    { case: "the best is not accepted", rows: [r(1, null, "X"), r(2, "2025-01-01")], chosen: 2, rejected: 1 },
    { case: "nothing accepted", rows: [r(1, null, "X")], chosen: undefined, rejected: 1 },
    { case: "all accepted", rows: [r(1, null), r(2, "2025-01-01")], chosen: 1, rejected: 0 }
  ])("$case", ({ rows, chosen, rejected }) => {
    const accept = (row: Row) => row.kind !== "X"
    const order = latestThenHighest("date", dateOf, "id", idOf)
    expect(choose(rows, order, accept)?.id).toBe(chosen)
    const choice = chooseWithEvidence(rows, order, accept)
    expect(choice.chosen?.id).toBe(chosen)
    expect(choice.rejected).toBe(rejected)
    expect(choice.candidates.every(accept)).toBe(true)
  })
})

describe("criteria", () => {
  it.each([
    // criterion, a, b, expected sign (positive: a preferred)
    { name: "nullDateFirst: NULL over a date", c: nullDateFirst<Row>("d", dateOf), a: r(1, null), b: r(2, "2025-01-01"), s: 1 },
    { name: "nullDateFirst: two dates tie", c: nullDateFirst<Row>("d", dateOf), a: r(1, "2025-01-01"), b: r(2, "2026-01-01"), s: 0 },
    { name: "nullDateFirst: two NULLs tie", c: nullDateFirst<Row>("d", dateOf), a: r(1, null), b: r(2, null), s: 0 },
    { name: "latest, NULL earliest: NULL loses", c: latestDate<Row>("d", dateOf, "earliest"), a: r(1, null), b: r(2, "2025-01-01"), s: -1 },
    { name: "earliest, NULL latest: earlier wins", c: earliestDate<Row>("d", dateOf), a: r(1, "2025-01-01"), b: r(2, "2025-01-02"), s: 1 },
    { name: "earliest, NULL latest: NULL loses", c: earliestDate<Row>("d", dateOf, "latest"), a: r(1, null), b: r(2, "2025-01-02"), s: -1 },
    { name: "earliest, NULL earliest: NULL wins", c: earliestDate<Row>("d", dateOf, "earliest"), a: r(1, null), b: r(2, "2025-01-02"), s: 1 },
    { name: "highest: 2 over 1", c: highest<Row>("id", idOf), a: r(2, null), b: r(1, null), s: 1 },
    { name: "lowest: 1 over 2", c: lowest<Row>("id", idOf), a: r(1, null), b: r(2, null), s: 1 },
    { name: "lowest: equal ties", c: lowest<Row>("id", idOf), a: r(1, null), b: r(1, null), s: 0 },
    { name: "preferring: passes over fails", c: preferring<Row>("P first", (x) => x.kind === "P", (x) => x.kind ?? ""), a: r(1, null, "P"), b: r(2, null, "S"), s: 1 },
    { name: "preferring: both fail tie", c: preferring<Row>("P first", (x) => x.kind === "P", (x) => x.kind ?? ""), a: r(1, null, "N"), b: r(2, null, "S"), s: 0 }
  ])("$name", ({ c, a, b, s }) => {
    expect(sign(c.compare(a, b))).toBe(s)
    expect(sign(c.compare(b, a))).toBe(-s || 0)
  })
})

describe("describeChoice", () => {
  const order: Preference<Row> = latestThenHighest("endDate", dateOf, "rowID", idOf)
  const name = (row: Row) => `row ${row.id}`
  it.each([
    { rows: [], text: "no candidate" },
    { rows: [r(3, null)], text: "row 3 is the only candidate" },
    {
      rows: [r(3, "2025-05-22"), r(4, null)],
      text: "row 4 over row 3 (2 candidates) on latest endDate (NULL counts as latest): NULL vs 05/22/2025"
    },
    {
      rows: [r(3, "2025-05-22"), r(4, "2025-05-22"), r(1, "2024-01-01")],
      text: "row 4 over row 3 (3 candidates) on highest rowID: 4 vs 3"
    }
  ])("$text", ({ rows, text }) => {
    expect(describeChoice(chooseWithEvidence(rows, order), name)).toBe(text)
  })

  it("names the whole order", () => {
    expect(describePreference(order)).toBe("latest endDate (NULL counts as latest), then highest rowID")
  })
})
