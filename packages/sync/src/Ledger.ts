/**
 * What one database's units of a night have planned so far: the next ids and
 * the persons and disclosure rows written by earlier units. The core plans a
 * unit before the earlier ones of the same database are applied (a high
 * school's rosters unit needs the technical school's plan; two technical
 * schools share one database), so it reads its snapshot through the ledger.
 * One ledger per database per night, used in the order units are planned.
 */
import type { Disclosure, Person } from "@kts/domain"
import { IdLedger, type PlanTable } from "./Plan.js"

/** The key of a disclosure row: (personID, recipient district, recipient school, kind). */
export const disclosureKey = (row: Pick<Disclosure, "personID" | "recipientDistrict" | "recipientSchool" | "kind">): string =>
  `${row.personID}|${row.recipientDistrict}|${row.recipientSchool}|${row.kind}`

/** One database's plan so far this night. */
export class DatabaseLedger {
  readonly ids: IdLedger
  private readonly persons = new Map<number, Person>()
  private readonly disclosures = new Map<string, Disclosure>()

  /** `maxIds`: each written table's highest id in the database before the night, or a function giving it (see `IdLedger`). */
  constructor(maxIds: Partial<Record<PlanTable, number>> | ((table: PlanTable) => number) = {}) {
    this.ids = new IdLedger(maxIds)
  }

  /** `persons` as earlier units left them, plus the persons they created. */
  personsOver(persons: ReadonlyArray<Person>): ReadonlyArray<Person> {
    if (this.persons.size === 0) return persons
    const merged = new Map<number, Person>()
    for (const person of persons) merged.set(person.personID, person)
    for (const [personID, person] of this.persons) merged.set(personID, person)
    return [...merged.values()]
  }

  /** Records a person an earlier unit inserted or updated. */
  notePerson(person: Person): void {
    this.persons.set(person.personID, person)
  }

  /** The disclosure row for a key as earlier units left it, else the snapshot's. */
  disclosureOver(key: string, fromSnapshot: Disclosure | undefined): Disclosure | undefined {
    return this.disclosures.get(key) ?? fromSnapshot
  }

  /** Records a disclosure row a unit inserted or updated. */
  noteDisclosure(row: Disclosure): void {
    this.disclosures.set(disclosureKey(row), row)
  }
}
