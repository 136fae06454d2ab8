/**
 * Disclosure records (34 CFR 99.32): one row per student, receiving school and
 * kind of data in the sending database, with the first and last night the
 * stage inserted or changed a row of that student at the receiving school.
 * The sending database's unit writes them before the receiving unit runs.
 */
import type { Disclosure, LocalDate } from "@kts/domain"
import { disclosureKey, type DatabaseLedger } from "./Ledger.js"
import type { SchoolKey } from "./Snapshot.js"

/** The kinds of data the exchange discloses, by the stage that sends them. */
export type DisclosureKind = "roster" | "grades" | "attendance"

/** The basis recorded on every disclosure: a school where the student is enrolled. */
export const DISCLOSURE_BASIS = "34 CFR 99.31(a)(2)"

/** One student's data sent this night: the sending database's personID and the receiving school. */
export interface DisclosureIntent {
  readonly personID: number
  readonly recipient: SchoolKey
  readonly kind: DisclosureKind
}

/** The disclosure rows to insert or update for what a night sends. */
export interface DisclosurePlan {
  readonly insert: ReadonlyArray<Disclosure>
  readonly update: ReadonlyArray<Disclosure>
}

/**
 * The rows for `intents` against the sending database's `existing` rows (and
 * what earlier units of the night wrote, through the ledger): a new
 * (student, school, kind) is inserted with firstNight = lastNight = night; a
 * known one gets lastNight = night. Intents repeated count once. The rows are
 * noted in the ledger: plan disclosures only for a unit that will be written.
 */
export const planDisclosures = (
  night: LocalDate,
  intents: ReadonlyArray<DisclosureIntent>,
  existing: ReadonlyArray<Disclosure>,
  ledger: DatabaseLedger
): DisclosurePlan => {
  const known = new Map<string, Disclosure>()
  for (const row of [...existing].sort((a, b) => a.disclosureID - b.disclosureID)) known.set(disclosureKey(row), row)
  const keyed = new Map<string, DisclosureIntent>()
  for (const intent of intents) {
    const key = disclosureKey({
      personID: intent.personID,
      recipientDistrict: intent.recipient.district,
      recipientSchool: intent.recipient.school,
      kind: intent.kind
    })
    if (!keyed.has(key)) keyed.set(key, intent)
  }
  const ordered = [...keyed.entries()].sort(([, a], [, b]) =>
    a.personID - b.personID || compareText(a.recipient.district, b.recipient.district) ||
    compareText(a.recipient.school, b.recipient.school) || compareText(a.kind, b.kind))
  const insert: Array<Disclosure> = []
  const update: Array<Disclosure> = []
  for (const [key, intent] of ordered) {
    const current = ledger.disclosureOver(key, known.get(key))
    if (current === undefined) {
      const row: Disclosure = {
        disclosureID: ledger.ids.take("disclosure"),
        personID: intent.personID,
        recipientDistrict: intent.recipient.district,
        recipientSchool: intent.recipient.school,
        kind: intent.kind,
        basis: DISCLOSURE_BASIS,
        firstNight: night,
        lastNight: night
      }
      insert.push(row)
      ledger.noteDisclosure(row)
    } else if (current.lastNight < night) {
      const row = { ...current, lastNight: night }
      update.push(row)
      ledger.noteDisclosure(row)
    }
  }
  return { insert, update }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
