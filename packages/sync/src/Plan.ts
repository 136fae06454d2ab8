/**
 * A plan: what one unit of a night (one stage, one database, one school or the
 * whole database) writes, as full rows of the bundle's tables. The shell
 * applies a unit's plan verbatim in one transaction with its `exchangeRun`
 * row; `--emit` writes the same rows as a delta bundle (inserted and updated
 * rows upserted, deleted rows by key).
 *
 * New ids come from an `IdLedger` per database: the highest existing id of
 * each table plus one, handed out in the order the core plans (technical
 * schools by district and school number, rows in a stable order), so a night
 * replayed on the same databases assigns the same ids.
 */
import type {
  Attendance,
  CourseCatalog,
  CourseMaster,
  Disclosure,
  Enrollment,
  ExchangeHold,
  GradingScore,
  Person,
  ProcessAlert,
  Roster
} from "@kts/domain"
import type { SchoolKey } from "./Snapshot.js"

/** The four stages, in the order a night runs them. */
export const STAGES = ["publish", "rosters", "grades", "attendance"] as const

/** A stage of a night. */
export type Stage = (typeof STAGES)[number]

/** The changes to one table: rows inserted, rows as they are after an update, rows deleted. */
export interface TableChanges<Row> {
  readonly insert: ReadonlyArray<Row>
  readonly update: ReadonlyArray<Row>
  readonly delete: ReadonlyArray<Row>
}

/** Every table a night writes, with the row type of each. */
export interface PlanRows {
  readonly courseCatalog: CourseCatalog
  readonly courseMaster: CourseMaster
  readonly person: Person
  readonly roster: Roster
  readonly enrollment: Enrollment
  readonly gradingScore: GradingScore
  readonly attendance: Attendance
  readonly processAlert: ProcessAlert
  readonly exchangeHold: ExchangeHold
  readonly disclosure: Disclosure
}

/** A table a night writes. */
export type PlanTable = keyof PlanRows

/**
 * The tables a night writes, each after the tables it references: apply
 * inserts and updates in this order and deletes in the reverse order.
 */
export const PLAN_TABLES: ReadonlyArray<PlanTable> = [
  "courseCatalog",
  "courseMaster",
  "person",
  "roster",
  "enrollment",
  "gradingScore",
  "attendance",
  "processAlert",
  "exchangeHold",
  "disclosure"
]

/** The primary-key column of each table a night writes. */
export const PLAN_TABLE_KEYS: { readonly [T in PlanTable]: keyof PlanRows[T] & string } = {
  courseCatalog: "catalogID",
  courseMaster: "courseMasterID",
  person: "personID",
  roster: "rosterID",
  enrollment: "enrollmentID",
  gradingScore: "scoreID",
  attendance: "attendanceID",
  processAlert: "alertID",
  exchangeHold: "holdID",
  disclosure: "disclosureID"
}

/** The changes of a unit, table by table (tables it does not touch are empty). */
export type UnitChanges = { readonly [T in PlanTable]: TableChanges<PlanRows[T]> }

/** The counts the journal row (`exchangeRun`) and the printout carry. */
export interface UnitCounts {
  /** Rows of the school's data inserted (masters, catalogs, persons, rosters, enrollments, grades, attendance). */
  readonly inserted: number
  /** Rows of the school's data updated, roster removals that end a row excepted. */
  readonly updated: number
  /** Roster rows removed: deleted, or ended by a removal. */
  readonly removed: number
  /** Alerts raised this night (new or seen again). */
  readonly alertsRaised: number
  /** Alerts resolved this night. */
  readonly alertsResolved: number
}

/** A hold the unit records. */
export interface HoldRecord {
  readonly holdID: number
  /** The technical school. */
  readonly tech: SchoolKey
  /** N: active roster rows on its tech sections before the stage. */
  readonly activeRows: number
  /** R: the rows the stage would delete or end. */
  readonly removals: number
}

/** What one unit writes. */
export interface UnitPlan {
  readonly stage: Stage
  /** The configuration's database name. */
  readonly database: string
  /** The school in that database, or null for a whole-database unit (publish). */
  readonly schoolID: number | null
  /** The school's (district, school) numbers, or null for a whole-database unit. */
  readonly school: SchoolKey | null
  /** True when the unit is held: it writes only the hold and the hold's alerts. */
  readonly held: boolean
  /** The hold this unit records or reports (held units), else null. */
  readonly hold: HoldRecord | null
  readonly changes: UnitChanges
  readonly counts: UnitCounts
}

/** Changes with nothing in them. */
export const emptyChanges = (): UnitChanges => ({
  courseCatalog: noChanges(),
  courseMaster: noChanges(),
  person: noChanges(),
  roster: noChanges(),
  enrollment: noChanges(),
  gradingScore: noChanges(),
  attendance: noChanges(),
  processAlert: noChanges(),
  exchangeHold: noChanges(),
  disclosure: noChanges()
})

const noChanges = <Row>(): TableChanges<Row> => ({ insert: [], update: [], delete: [] })

/** A mutable builder of a unit's changes. */
export class ChangeSet {
  private readonly tables = new Map<PlanTable, { insert: Array<unknown>; update: Array<unknown>; delete: Array<unknown> }>()

  private of(table: PlanTable) {
    let changes = this.tables.get(table)
    if (changes === undefined) {
      changes = { insert: [], update: [], delete: [] }
      this.tables.set(table, changes)
    }
    return changes
  }

  insert<T extends PlanTable>(table: T, row: PlanRows[T]): void {
    this.of(table).insert.push(row)
  }

  update<T extends PlanTable>(table: T, row: PlanRows[T]): void {
    this.of(table).update.push(row)
  }

  delete<T extends PlanTable>(table: T, row: PlanRows[T]): void {
    this.of(table).delete.push(row)
  }

  /** Adds every change of `other`. */
  addAll(other: UnitChanges): void {
    for (const table of PLAN_TABLES) {
      const changes = other[table]
      const target = this.of(table)
      target.insert.push(...changes.insert)
      target.update.push(...changes.update)
      target.delete.push(...changes.delete)
    }
  }

  /** The changes, each table's rows in primary-key order. */
  build(): UnitChanges {
    const result = emptyChanges() as { [T in PlanTable]: TableChanges<PlanRows[T]> }
    for (const table of PLAN_TABLES) {
      const changes = this.tables.get(table)
      if (changes === undefined) continue
      const key = PLAN_TABLE_KEYS[table]
      const byKey = (a: unknown, b: unknown) =>
        ((a as Record<string, number>)[key] ?? 0) - ((b as Record<string, number>)[key] ?? 0)
      ;(result as Record<PlanTable, TableChanges<unknown>>)[table] = {
        insert: [...changes.insert].sort(byKey),
        update: [...changes.update].sort(byKey),
        delete: [...changes.delete].sort(byKey)
      }
    }
    return result
  }
}

/**
 * New ids for one database: each table's highest existing id plus one, then
 * counting up. One ledger per database per night, shared by every unit of
 * that database, so units planned before earlier ones are applied still get
 * distinct ids.
 */
export class IdLedger {
  private readonly next = new Map<PlanTable, number>()
  private readonly maxIdOf: ((table: PlanTable) => number) | undefined

  /**
   * `maxIds`: each table's highest id in the database (absent or 0 for an
   * empty table), or a function giving it, asked once per table when the
   * ledger first needs that table (the database must not change meanwhile).
   */
  constructor(maxIds: Partial<Record<PlanTable, number>> | ((table: PlanTable) => number) = {}) {
    if (typeof maxIds === "function") {
      this.maxIdOf = maxIds
    } else {
      this.maxIdOf = undefined
      for (const table of PLAN_TABLES) this.next.set(table, (maxIds[table] ?? 0) + 1)
    }
  }

  private nextOf(table: PlanTable): number {
    let id = this.next.get(table)
    if (id === undefined) {
      id = (this.maxIdOf?.(table) ?? 0) + 1
      this.next.set(table, id)
    }
    return id
  }

  /** The next id of `table`. */
  take(table: PlanTable): number {
    const id = this.nextOf(table)
    this.next.set(table, id + 1)
    return id
  }

  /** A copy that hands out the same ids from here on, for planning something that may be thrown away. */
  fork(): IdLedger {
    const copy = new IdLedger()
    for (const table of PLAN_TABLES) copy.next.set(table, this.nextOf(table))
    return copy
  }

  /** Takes over a fork's position (its ids were used). */
  adopt(fork: IdLedger): void {
    for (const [table, id] of fork.next) this.next.set(table, id)
  }

  /** Where the ledger stands: the next id of every table. */
  position(): string {
    return PLAN_TABLES.map((table) => this.nextOf(table)).join(",")
  }

  /** Makes sure ids handed out later are above `id` (a row another snapshot already holds). */
  observe(table: PlanTable, id: number): void {
    if (id >= this.nextOf(table)) this.next.set(table, id + 1)
  }
}
