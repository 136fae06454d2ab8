/**
 * Putting a unit together: its data rows, its alerts (with their lifecycle),
 * its disclosures and its counts. A high school's unit of a stage gathers
 * what every technical school linked to it contributes (`HighSchoolPart`).
 */
import type { Disclosure, LocalDate, ProcessAlert } from "@kts/domain"
import { addAlertPlan, type AlertStage, planAlerts, type RaisedAlert } from "./Alerts.js"
import { type DisclosureIntent, planDisclosures } from "./Disclosures.js"
import type { DatabaseLedger } from "./Ledger.js"
import {
  ChangeSet,
  emptyChanges,
  type HoldRecord,
  PLAN_TABLE_KEYS,
  PLAN_TABLES,
  type PlanTable,
  type Stage,
  type UnitChanges,
  type UnitCounts,
  type UnitPlan
} from "./Plan.js"
import type { SchoolRef } from "./Snapshot.js"

/** The id of a new row whose id the unit that writes it has not assigned yet. */
export const PENDING_ID = 0

/** What one technical school's stage contributes to one linked high school's unit. */
export interface HighSchoolPart {
  readonly stage: Stage
  /** The configuration's name of the high school's database. */
  readonly database: string
  readonly highSchool: SchoolRef
  /** Data rows the high school's unit writes (grades and attendance); new rows have id `PENDING_ID`. */
  readonly changes: UnitChanges
  /** Alerts found at the high school. */
  readonly alerts: ReadonlyArray<RaisedAlert>
  /** Students' data the high school sends this night (rosters), by the high school's personIDs. */
  readonly disclosures: ReadonlyArray<DisclosureIntent>
  /** Set when the technical school's stage is held: the high school's unit reports the hold. */
  readonly hold: HoldRecord | null
}

/** The tables whose rows are the schools' own data (counted in `inserted`/`updated`). */
const DATA_TABLES: ReadonlyArray<PlanTable> = [
  "courseCatalog",
  "courseMaster",
  "person",
  "roster",
  "enrollment",
  "gradingScore",
  "attendance"
]

/** Counts of a unit's changes: data rows inserted and updated, and `removed` roster rows (deleted or ended). */
export const countChanges = (
  changes: UnitChanges,
  removedByEnding: number,
  alerts: { readonly raised: number; readonly resolved: number }
): UnitCounts => {
  let inserted = 0
  let updated = 0
  for (const table of DATA_TABLES) {
    inserted += changes[table].insert.length
    updated += changes[table].update.length
  }
  return {
    inserted,
    updated: updated - removedByEnding,
    removed: changes.roster.delete.length + removedByEnding,
    alertsRaised: alerts.raised,
    alertsResolved: alerts.resolved
  }
}

/** The inputs of a unit's assembly. */
export interface UnitAssembly {
  readonly stage: Stage
  readonly night: LocalDate
  readonly database: string
  readonly school: SchoolRef
  /** The unit's data rows. */
  readonly changes: ChangeSet
  /** Roster updates among the changes that are removals (ending a row). */
  readonly removedByEnding: number
  /** Alerts found at the school for the stage. */
  readonly alerts: ReadonlyArray<RaisedAlert>
  /** The school's open alerts. */
  readonly openAlerts: ReadonlyArray<ProcessAlert>
  /** What the unit sends, by this database's personIDs. */
  readonly disclosures: ReadonlyArray<DisclosureIntent>
  readonly existingDisclosures: ReadonlyArray<Disclosure>
  /** A held unit writes only its hold (in `changes`) and its alerts, and resolves nothing. */
  readonly hold: HoldRecord | null
  readonly held: boolean
}

/** A unit's plan from its parts, taking ids from the ledger (alerts, then disclosures). */
export const assembleUnit = (input: UnitAssembly, ledger: DatabaseLedger): UnitPlan => {
  const changes = input.changes
  const alertStage: AlertStage | null = input.stage === "rosters" || input.stage === "grades" ? input.stage : null
  let alertCounts = { raised: 0, resolved: 0 }
  if (alertStage !== null) {
    const alerts = planAlerts(alertStage, input.night, input.alerts, input.openAlerts, ledger.ids, { resolve: !input.held })
    addAlertPlan(changes, alerts)
    alertCounts = alerts
  }
  // A held unit is given no disclosures of its own; a high school's unit held for one technical
  // school still records what another, free one sends.
  if (input.disclosures.length > 0) {
    const disclosures = planDisclosures(input.night, input.disclosures, input.existingDisclosures, ledger)
    for (const row of disclosures.insert) changes.insert("disclosure", row)
    for (const row of disclosures.update) changes.update("disclosure", row)
  }
  const built = changes.build()
  return {
    stage: input.stage,
    database: input.database,
    schoolID: input.school.schoolID,
    school: { district: input.school.district, school: input.school.number },
    held: input.held,
    hold: input.hold,
    changes: built,
    counts: countChanges(built, input.removedByEnding, alertCounts)
  }
}

/** The high school's side of a stage. */
export interface HighSchoolUnitInput {
  readonly stage: Stage
  readonly night: LocalDate
  readonly database: string
  readonly highSchool: SchoolRef
  /** The school's open alerts. */
  readonly openAlerts: ReadonlyArray<ProcessAlert>
  /** The database's disclosure rows for the persons the parts name. */
  readonly existingDisclosures: ReadonlyArray<Disclosure>
  /** Alerts found at the high school by its own checks (the `link.*` alerts of pairing, for rosters). */
  readonly ownAlerts: ReadonlyArray<RaisedAlert>
  /** What each linked technical school's stage contributes, in technical-school order. */
  readonly parts: ReadonlyArray<HighSchoolPart>
}

/**
 * One high school's unit of a stage from its linked technical schools' parts.
 * A part whose technical school is held brings only its alerts (the hold's,
 * and the high school's own findings): no rows and no disclosures, since
 * nothing is sent. The high school's unit itself is not held: the hold stops
 * the technical school's writes, not the high school's own alerts, which are
 * raised and resolved as on any night.
 */
export const planHighSchoolUnit = (input: HighSchoolUnitInput, ledger: DatabaseLedger): UnitPlan => {
  const heldParts = input.parts.filter((part) => part.hold !== null)
  const changes = new ChangeSet()
  const alerts: Array<RaisedAlert> = [...input.ownAlerts]
  const disclosures: Array<DisclosureIntent> = []
  for (const part of input.parts) {
    alerts.push(...part.alerts)
    if (part.hold !== null) continue
    // A part that is not held writes what it sends, even beside a held one: disclosures
    // must never lag behind what a technical school's unit writes.
    changes.addAll(withIds(part.changes, ledger))
    disclosures.push(...part.disclosures)
  }
  return assembleUnit({
    stage: input.stage,
    night: input.night,
    database: input.database,
    school: input.highSchool,
    changes,
    removedByEnding: 0,
    alerts,
    openAlerts: input.openAlerts,
    disclosures,
    existingDisclosures: input.existingDisclosures,
    hold: heldParts[0]?.hold ?? null,
    held: false
  }, ledger)
}

/**
 * The part's changes with ids given to new rows that wait for one, in the
 * order the part lists them: ids follow the order units are applied in, so a
 * night finished after a crash assigns the ids an uninterrupted one would.
 */
const withIds = (changes: UnitChanges, ledger: DatabaseLedger): UnitChanges => {
  const result: Record<string, unknown> = { ...changes }
  for (const table of PLAN_TABLES) {
    const rows = changes[table].insert
    if (!rows.some((row) => (row as Record<string, unknown>)[PLAN_TABLE_KEYS[table]] === PENDING_ID)) continue
    result[table] = {
      ...changes[table],
      insert: rows.map((row) => {
        const key = PLAN_TABLE_KEYS[table]
        return (row as Record<string, unknown>)[key] === PENDING_ID ? { ...row, [key]: ledger.ids.take(table) } : row
      })
    }
  }
  return result as UnitChanges
}

/** A unit that writes nothing but its journal row (a stage with nothing to do at a school). */
export const emptyUnit = (stage: Stage, database: string, school: SchoolRef | null): UnitPlan => ({
  stage,
  database,
  schoolID: school?.schoolID ?? null,
  school: school === null ? null : { district: school.district, school: school.number },
  held: false,
  hold: null,
  changes: emptyChanges(),
  counts: { inserted: 0, updated: 0, removed: 0, alertsRaised: 0, alertsResolved: 0 }
})
