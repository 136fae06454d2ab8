import type { Lep, LepAccommodation, LepService } from "@kts/domain"
import { describe, expect, it } from "vitest"
import {
  dayAfter,
  dayBefore,
  ENROLLMENT_START,
  lep,
  lepAccommodation,
  lepService,
  OTHER_DISTRICT,
  TODAY,
  windowOf
} from "../test/records.js"
import { evaluateEnglishLearner } from "./EnglishLearner.js"

// Open enrollment from ENROLLMENT_START; LID is after today, so EEE = TODAY.
const EEE = TODAY

interface Row {
  readonly case: string
  readonly language?: string | null
  readonly leps?: Array<Lep>
  readonly services?: Array<LepService>
  readonly accommodations?: Array<LepAccommodation>
  readonly value: "1" | "0"
  readonly lepID: number | null
  readonly reason: string
}

describe("EnglishLearner", () => {
  it.each<Row>([
    { case: "every part holds", value: "1", lepID: 10, reason: "lep 10" },
    // Part 1: home primary language
    { case: "language NULL", language: null, value: "0", lepID: null, reason: "home primary language is empty" },
    { case: "language 0400 (English)", language: "0400", value: "0", lepID: null, reason: "home primary language is 0400" },
    // Part 2: lep record
    { case: "lep status Exited EL counts", leps: [lep({ programStatus: "Exited EL" })], value: "1", lepID: 10, reason: "Exited EL" },
    { case: "lep status Not EL", leps: [lep({ programStatus: "Not EL" })], value: "0", lepID: null, reason: "no same-district lep record" },
    { case: "lep status el (wrong case)", leps: [lep({ programStatus: "el" })], value: "0", lepID: null, reason: "lep record" },
    { case: "lep from another district", leps: [lep({ districtID: OTHER_DISTRICT })], value: "0", lepID: null, reason: "same-district lep" },
    { case: "identified the day before EEE", leps: [lep({ identifiedDate: dayBefore(EEE) })], value: "1", lepID: 10, reason: "lep 10" },
    { case: "identified on EEE", leps: [lep({ identifiedDate: EEE })], value: "1", lepID: 10, reason: "lep 10" },
    { case: "identified the day after EEE", leps: [lep({ identifiedDate: dayAfter(EEE) })], value: "0", lepID: null, reason: "identified on or before 04/10/2025" },
    { case: "identified date NULL never qualifies", leps: [lep({ identifiedDate: null })], value: "0", lepID: null, reason: "lep record" },
    { case: "exited the day before the enrollment start", leps: [lep({ exitDate: dayBefore(ENROLLMENT_START) })], value: "0", lepID: null, reason: "not exited on or before 08/14/2024" },
    { case: "exited on the enrollment start", leps: [lep({ exitDate: ENROLLMENT_START })], value: "0", lepID: null, reason: "lep record" },
    { case: "exited the day after the enrollment start", leps: [lep({ exitDate: dayAfter(ENROLLMENT_START) })], value: "1", lepID: 10, reason: "lep 10" },
    {
      case: "several qualifying lep rows: highest lepID is the evidence",
      leps: [lep({ lepID: 12 }), lep({ lepID: 11, programStatus: "Exited EL" })],
      value: "1",
      lepID: 12,
      reason: "lep 12"
    },
    { case: "no lep record at all", leps: [], value: "0", lepID: null, reason: "no lep record" },
    // Part 3: lepService
    { case: "service starts on EEE", services: [lepService({ startDate: EEE })], value: "1", lepID: 10, reason: "lepService 20" },
    { case: "service starts the day after EEE", services: [lepService({ startDate: dayAfter(EEE) })], value: "0", lepID: null, reason: "no same-district lepService record" },
    { case: "service ends on the enrollment start", services: [lepService({ endDate: ENROLLMENT_START })], value: "0", lepID: null, reason: "lepService" },
    { case: "service ends the day after the enrollment start", services: [lepService({ endDate: dayAfter(ENROLLMENT_START) })], value: "1", lepID: 10, reason: "lepService 20" },
    { case: "service from another district", services: [lepService({ districtID: OTHER_DISTRICT })], value: "0", lepID: null, reason: "same-district lepService" },
    { case: "no service record at all", services: [], value: "0", lepID: null, reason: "no lepService record" },
    // Part 4: instructional accommodation
    { case: "accommodation of type A only", accommodations: [lepAccommodation({ type: "A" })], value: "0", lepID: null, reason: "instructional (I) lepAccommodation" },
    { case: "accommodation starts on EEE", accommodations: [lepAccommodation({ startDate: EEE })], value: "1", lepID: 10, reason: "lepAccommodation 30" },
    { case: "accommodation starts the day after EEE", accommodations: [lepAccommodation({ startDate: dayAfter(EEE) })], value: "0", lepID: null, reason: "lepAccommodation record starting on or before 04/10/2025" },
    { case: "accommodation ends on the enrollment start", accommodations: [lepAccommodation({ endDate: ENROLLMENT_START })], value: "0", lepID: null, reason: "lepAccommodation" },
    { case: "accommodation ends the day after the enrollment start", accommodations: [lepAccommodation({ endDate: dayAfter(ENROLLMENT_START) })], value: "1", lepID: 10, reason: "lepAccommodation 30" },
    { case: "accommodation from another district", accommodations: [lepAccommodation({ districtID: OTHER_DISTRICT })], value: "0", lepID: null, reason: "same-district instructional" },
    {
      case: "instructional accommodation beside an assessment one",
      accommodations: [lepAccommodation({ accommodationID: 31, type: "A" }), lepAccommodation()],
      value: "1",
      lepID: 10,
      reason: "lepAccommodation 30"
    },
    // Several parts at once
    {
      case: "English speaker with no EL records: every part named",
      language: "0400",
      leps: [],
      services: [],
      accommodations: [],
      value: "0",
      lepID: null,
      reason: "home primary language is 0400 (English); no lep record; no lepService record; no lepAccommodation record"
    },
    {
      case: "service and accommodation both fail: both named",
      services: [lepService({ districtID: OTHER_DISTRICT })],
      accommodations: [lepAccommodation({ type: "A" })],
      value: "0",
      lepID: null,
      reason: "lepService record starting on or before 04/10/2025 and ending after 08/14/2024 or open; no same-district instructional"
    }
  ])("$case", (row) => {
    const verdict = evaluateEnglishLearner(
      row.language === undefined ? "1200" : row.language,
      {
        leps: row.leps ?? [lep()],
        lepServices: row.services ?? [lepService()],
        lepAccommodations: row.accommodations ?? [lepAccommodation()]
      },
      windowOf()
    )
    expect(verdict.value).toBe(row.value)
    expect(verdict.record).toEqual(row.lepID === null ? null : { table: "lep", id: row.lepID })
    expect(verdict.reason).toContain(row.reason)
  })

  it.each([
    { case: "ended enrollment: identified on the end date", endDate: "2025-01-31", identifiedDate: "2025-01-31", value: "1" },
    { case: "ended enrollment: identified the day after the end date", endDate: "2025-01-31", identifiedDate: "2025-02-01", value: "0" },
    { case: "open enrollment after LID: identified on LID", endDate: null, identifiedDate: "2025-05-22", value: "1" },
    { case: "open enrollment after LID: identified the day after LID", endDate: null, identifiedDate: "2025-05-23", value: "0" }
  ])("EEE: $case", ({ endDate, identifiedDate, value }) => {
    const window = windowOf({ endDate }, "2025-05-22", "2025-06-15")
    const verdict = evaluateEnglishLearner(
      "1200",
      { leps: [lep({ identifiedDate })], lepServices: [lepService()], lepAccommodations: [lepAccommodation()] },
      window
    )
    expect(verdict.value).toBe(value)
    expect(verdict.record).toEqual(value === "1" ? { table: "lep", id: 10 } : null)
  })
})
