/**
 * What the shell's stages hand the night runner: the units of a stage and,
 * for one unit, the rows to write computed from the databases as they stand.
 */
import type { ExchangeConfig, LinkEnd as SchoolRef } from "../Config.js"
import type { UnitPlan } from "../Plan.js"
import type { StoreDb } from "./Rows.js"

import { Schema } from "effect"
import { STAGES, type Stage as StageName } from "../Plan.js"

/** The stages of a night, in the order they run. */
export const StageNames = STAGES

export type { StageName }

/** A school of the configuration, found in its database. */
export interface ResolvedSchool {
  readonly database: string
  readonly district: string
  readonly school: string
  readonly schoolID: number
  readonly name: string
}

/** One stage applied to one database for one school (or the whole database: schoolID null). */
export interface Unit {
  readonly stage: StageName
  readonly database: string
  readonly role: "tech" | "highSchool" | "database"
  /** The school, or null for a whole-database unit (publish). */
  readonly school: ResolvedSchool | null
}

/** What a stage's planner can see: the configuration, the night, the open databases. */
export interface NightContext {
  readonly config: ExchangeConfig
  readonly night: string
  readonly endYear: number
  /** Open databases by key (a database that could not be opened is absent). */
  readonly connections: ReadonlyMap<string, StoreDb>
  /** Databases that could not be opened or read, with the reason. */
  readonly failed: ReadonlyMap<string, string>
  /** The school of a link side, when its database is open. */
  readonly school: (ref: SchoolRef) => ResolvedSchool | undefined
  /** Records that a unit of this night failed (its plan or its write). */
  readonly unitFailed: (unit: Unit) => void
  /** Whether the unit of `stage` for the school `schoolID` in `database` failed earlier this night. */
  readonly failedEarlier: (stage: StageName, database: string, schoolID: number) => boolean
}

/** A database a unit (or the attendance report) must read could not be opened or read (exit status 1). */
export class ExchangeDatabaseUnreadable extends Schema.TaggedError<ExchangeDatabaseUnreadable>()("ExchangeDatabaseUnreadable", {
  database: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `database ${this.database} could not be read: ${this.reason}`
  }
}

/** Fails a unit whose database `database` cannot be read. */
export const unreadable = (database: string, reason: string): ExchangeDatabaseUnreadable =>
  new ExchangeDatabaseUnreadable({ database, reason })

/** A stage of the shell: its units, and a unit's plan from the databases as they stand. */
export interface Stage {
  readonly name: StageName
  readonly units: (context: NightContext) => ReadonlyArray<Unit>
  /** The unit's plan (the core's), computed from the databases as they stand now. */
  readonly plan: (context: NightContext, unit: Unit) => UnitPlan
  /** The unit's plan was written (committed; in a dry run, written inside the run's transaction). */
  readonly applied?: (context: NightContext, unit: Unit) => void
}
