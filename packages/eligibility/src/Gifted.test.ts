import type { Gifted } from "@kts/domain"
import { describe, expect, it } from "vitest"
import { dayAfter, dayBefore, gifted, OTHER_DISTRICT, TODAY, windowOf } from "../test/records.js"
import { evaluateGifted, isGradeThreeOrBelow } from "./Gifted.js"

const ENDED = "2025-01-31"

interface Row {
  readonly case: string
  readonly grade?: string
  readonly endDate?: string | null
  readonly records: Array<Gifted>
  readonly value: "1" | "0"
  readonly giftedID: number | null
  readonly reason: string
}

describe("Gifted", () => {
  it.each<Row>([
    { case: "no gifted record", records: [], value: "0", giftedID: null, reason: "no gifted record" },
    // Open enrollment: the start date is compared with today
    { case: "open enrollment: starts the day before today", records: [gifted({ startDate: dayBefore(TODAY) })], value: "1", giftedID: 50, reason: "gifted 50" },
    { case: "open enrollment: starts today", records: [gifted({ startDate: TODAY })], value: "1", giftedID: 50, reason: "gifted 50" },
    { case: "open enrollment: starts the day after today", records: [gifted({ startDate: dayAfter(TODAY) })], value: "0", giftedID: null, reason: "starting on or before today 04/10/2025" },
    // Ended enrollment: the start date is compared with the enrollment end date
    { case: "ended enrollment: starts the day before the end", endDate: ENDED, records: [gifted({ startDate: dayBefore(ENDED) })], value: "1", giftedID: 50, reason: "gifted 50" },
    { case: "ended enrollment: starts on the end", endDate: ENDED, records: [gifted({ startDate: ENDED })], value: "1", giftedID: 50, reason: "gifted 50" },
    { case: "ended enrollment: starts the day after the end (before today)", endDate: ENDED, records: [gifted({ startDate: dayAfter(ENDED) })], value: "0", giftedID: null, reason: "enrollment end 01/31/2025" },
    // Grade and category
    { case: "grade 03 with category 12", grade: "03", records: [gifted({ category: "12" })], value: "1", giftedID: 50, reason: "grade 03" },
    { case: "grade 03 with category 01", grade: "03", records: [gifted({ category: "01" })], value: "0", giftedID: null, reason: "category 12" },
    { case: "grade 04 with category 12", grade: "04", records: [gifted({ category: "12" })], value: "0", giftedID: null, reason: "a category other than 12" },
    { case: "grade 04 with category 01", grade: "04", records: [gifted({ category: "01" })], value: "1", giftedID: 50, reason: "category 01" },
    { case: "preschool grade 95 with category 12", grade: "95", records: [gifted({ category: "12" })], value: "1", giftedID: 50, reason: "grade 95" },
    { case: "kindergarten 00 with category 05", grade: "00", records: [gifted({ category: "05" })], value: "0", giftedID: null, reason: "category 12" },
    { case: "grade 14 with category 05", grade: "14", records: [gifted({ category: "05" })], value: "1", giftedID: 50, reason: "grade 14" },
    { case: "ungraded 20 with category 12", grade: "20", records: [gifted({ category: "12" })], value: "0", giftedID: null, reason: "other than 12" },
    // District, end date, ties
    { case: "record from another district", records: [gifted({ districtID: OTHER_DISTRICT })], value: "0", giftedID: null, reason: "same-district" },
    { case: "gifted end date in the past is not consulted", records: [gifted({ endDate: "2023-12-31" })], value: "1", giftedID: 50, reason: "gifted 50" },
    {
      case: "two qualifying records: highest giftedID is the evidence",
      records: [gifted({ giftedID: 52 }), gifted({ giftedID: 51, startDate: "2024-01-01" })],
      value: "1",
      giftedID: 52,
      reason: "gifted 52"
    },
    {
      case: "only the record with the right category qualifies",
      grade: "02",
      records: [gifted({ giftedID: 53, category: "01" }), gifted({ giftedID: 51, category: "12" })],
      value: "1",
      giftedID: 51,
      reason: "gifted 51 (category 12)"
    }
  ])("$case", ({ grade, endDate, records, value, giftedID, reason }) => {
    const verdict = evaluateGifted(records, windowOf({ grade: grade ?? "05", endDate: endDate ?? null }))
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(giftedID === null ? null : { table: "gifted", id: giftedID })
    expect(verdict.reason).toContain(reason)
  })

  it.each([
    { case: "95 is 03 or below", grade: "95", below: true },
    { case: "99 is 03 or below", grade: "99", below: true },
    { case: "00 is 03 or below", grade: "00", below: true },
    { case: "03 is 03 or below", grade: "03", below: true },
    { case: "04 is above 03", grade: "04", below: false },
    { case: "12 is above 03", grade: "12", below: false },
    { case: "14 is above 03", grade: "14", below: false },
    { case: "20 is above 03", grade: "20", below: false }
  ])("grade order: $case", ({ grade, below }) => {
    expect(isGradeThreeOrBelow(grade)).toBe(below)
  })

  it("uses today, not the last instructional day, for an open enrollment", () => {
    // LID 2025-03-01 is before today; a record starting between them still counts.
    const window = windowOf({}, "2025-03-01", TODAY)
    const verdict = evaluateGifted([gifted({ startDate: "2025-03-15" })], window)
    expect(verdict.value).toBe("1")
    expect(verdict.record).toEqual({ table: "gifted", id: 50 })
  })
})
