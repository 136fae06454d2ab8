/**
 * What the shell's stages hand the night runner: the units of a stage and,
 * for one unit, the rows to write computed from the databases as they stand.
 */
import type { ExchangeConfig, LinkEnd as SchoolRef } from "../Config.js"
import type { UnitPlan } from "../Plan.js"
import type { StoreDb } from "./Rows.js"

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
}

/** A unit cannot run: a database it must read could not be opened. */
export class UnitCannotRun extends Error {
  constructor(readonly database: string, reason: string) {
    super(`database ${database} could not be read: ${reason}`)
    this.name = "UnitCannotRun"
  }
}

/** A stage of the shell: its units, and a unit's plan from the databases as they stand. */
export interface Stage {
  readonly name: StageName
  readonly units: (context: NightContext) => ReadonlyArray<Unit>
  /** The unit's plan (the core's), computed from the databases as they stand now. */
  readonly plan: (context: NightContext, unit: Unit) => UnitPlan
}
