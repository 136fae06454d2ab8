/**
 * Column 48 "English Learner" (seed: Detail Report Layout → English Learner;
 * docs/lead-report.md → Columns, 48). Four parts must all hold; each can fail on
 * its own and the reason names every part that failed.
 */
import { EnglishLanguageCode, type Lep, type LepAccommodation, type LepService } from "@kts/domain"
import type { EnrollmentWindow } from "./EnrollmentWindow.js"
import { usDate } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The lep program statuses that count (exact, case-sensitive). */
export const EnglishLearnerStatuses: ReadonlySet<string> = new Set(["EL", "Exited EL"])

/** The lepAccommodation type of instructional accommodations. */
export const InstructionalAccommodationType = "I"

/** The records the English Learner rule reads (a `PersonRecords` fits). */
export interface EnglishLearnerRecords {
  readonly leps: ReadonlyArray<Lep>
  readonly lepServices: ReadonlyArray<LepService>
  readonly lepAccommodations: ReadonlyArray<LepAccommodation>
}

/** Part 1: the home primary language is set and is not English (`0400`). */
export const hasNonEnglishHomeLanguage = (homePrimaryLanguage: string | null): boolean =>
  homePrimaryLanguage !== null && homePrimaryLanguage !== EnglishLanguageCode

/**
 * Part 2: a same-district lep row with status `EL` or `Exited EL`, identified
 * on or before EEE (a NULL identifiedDate never qualifies), and not exited on
 * or before the enrollment start (exitDate NULL or after it). The qualifying
 * row with the highest lepID, or undefined.
 */
export const findQualifyingLep = (leps: ReadonlyArray<Lep>, window: EnrollmentWindow): Lep | undefined => {
  let found: Lep | undefined
  for (let index = 0; index < leps.length; index++) {
    const lep = leps[index]!
    if (
      lep.districtID === window.districtID &&
      lep.identifiedDate !== null &&
      lep.identifiedDate <= window.effectiveEnd &&
      (lep.exitDate === null || lep.exitDate > window.enrollment.startDate) &&
      EnglishLearnerStatuses.has(lep.programStatus) &&
      (found === undefined || lep.lepID > found.lepID)
    ) found = lep
  }
  return found
}

/**
 * Part 3: a same-district lepService row that starts on or before EEE and
 * ends after the enrollment start (or has no end). The highest lepServiceID, or undefined.
 */
export const findQualifyingLepService = (
  services: ReadonlyArray<LepService>,
  window: EnrollmentWindow
): LepService | undefined => {
  let found: LepService | undefined
  for (let index = 0; index < services.length; index++) {
    const service = services[index]!
    if (
      service.districtID === window.districtID &&
      service.startDate <= window.effectiveEnd &&
      (service.endDate === null || service.endDate > window.enrollment.startDate) &&
      (found === undefined || service.lepServiceID > found.lepServiceID)
    ) found = service
  }
  return found
}

/**
 * Part 4: a same-district lepAccommodation row of type `I` (instructional)
 * that starts on or before EEE and ends after the enrollment start (or has no
 * end). The highest accommodationID, or undefined.
 */
export const findQualifyingInstructionalAccommodation = (
  accommodations: ReadonlyArray<LepAccommodation>,
  window: EnrollmentWindow
): LepAccommodation | undefined => {
  let found: LepAccommodation | undefined
  for (let index = 0; index < accommodations.length; index++) {
    const accommodation = accommodations[index]!
    if (
      accommodation.districtID === window.districtID &&
      accommodation.type === InstructionalAccommodationType &&
      accommodation.startDate <= window.effectiveEnd &&
      (accommodation.endDate === null || accommodation.endDate > window.enrollment.startDate) &&
      (found === undefined || accommodation.accommodationID > found.accommodationID)
    ) found = accommodation
  }
  return found
}

const LANGUAGE_EMPTY = "home primary language is empty"
const LANGUAGE_ENGLISH = "home primary language is " + EnglishLanguageCode + " (English)"
const NO_LEP = "no lep record"
const NO_SERVICE = "no lepService record"
const NO_ACCOMMODATION = "no lepAccommodation record"

// The commonest case, an English speaker with no EL records, needs no new object.
const ENGLISH_NO_RECORDS: Verdict<Flag> = Object.freeze({
  value: "0",
  record: null,
  reason: "not EL: " + LANGUAGE_ENGLISH + "; " + NO_LEP + "; " + NO_SERVICE + "; " + NO_ACCOMMODATION
})
const EMPTY_NO_RECORDS: Verdict<Flag> = Object.freeze({
  value: "0",
  record: null,
  reason: "not EL: " + LANGUAGE_EMPTY + "; " + NO_LEP + "; " + NO_SERVICE + "; " + NO_ACCOMMODATION
})

/**
 * Column 48: `1` when the home language is not English, and a qualifying lep
 * row, lepService row and instructional lepAccommodation row exist (see the
 * part functions). The deciding record is the lep row when `1` (the reason
 * names the service and accommodation rows too) and null when `0`; the reason
 * of a `0` names every part that failed.
 */
export const evaluateEnglishLearner = (
  homePrimaryLanguage: string | null,
  records: EnglishLearnerRecords,
  window: EnrollmentWindow
): Verdict<Flag> => {
  const languageHolds = hasNonEnglishHomeLanguage(homePrimaryLanguage)
  const { leps, lepServices, lepAccommodations } = records
  if (!languageHolds && leps.length === 0 && lepServices.length === 0 && lepAccommodations.length === 0) {
    return homePrimaryLanguage === null ? EMPTY_NO_RECORDS : ENGLISH_NO_RECORDS
  }
  const lep = findQualifyingLep(leps, window)
  const service = findQualifyingLepService(lepServices, window)
  const accommodation = findQualifyingInstructionalAccommodation(lepAccommodations, window)
  if (languageHolds && lep !== undefined && service !== undefined && accommodation !== undefined) {
    return {
      value: "1",
      record: { table: "lep", id: lep.lepID },
      reason: "home primary language " + homePrimaryLanguage + "; lep " + lep.lepID + " (" + lep.programStatus +
        ", identified " + usDate(lep.identifiedDate!) + "), lepService " + service.lepServiceID +
        " and instructional lepAccommodation " + accommodation.accommodationID + " cover the enrollment"
    }
  }
  const start = usDate(window.enrollment.startDate)
  const end = usDate(window.effectiveEnd)
  let reason = "not EL: "
  let separator = ""
  if (!languageHolds) {
    reason += homePrimaryLanguage === null ? LANGUAGE_EMPTY : LANGUAGE_ENGLISH
    separator = "; "
  }
  if (lep === undefined) {
    reason += separator + (leps.length === 0
      ? NO_LEP
      : "no same-district lep record with status EL or Exited EL, identified on or before " + end +
        " and not exited on or before " + start)
    separator = "; "
  }
  if (service === undefined) {
    reason += separator + (lepServices.length === 0
      ? NO_SERVICE
      : "no same-district lepService record starting on or before " + end + " and ending after " + start +
        " or open")
    separator = "; "
  }
  if (accommodation === undefined) {
    reason += separator + (lepAccommodations.length === 0
      ? NO_ACCOMMODATION
      : "no same-district instructional (I) lepAccommodation record starting on or before " + end +
        " and ending after " + start + " or open")
  }
  return { value: "0", record: null, reason }
}
