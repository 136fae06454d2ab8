/**
 * Running a night: open every database, then each stage's units in order.
 * A unit already journaled for the night is skipped; any other is planned
 * from the databases as they stand now (so after a kill, a re-run plans
 * exactly what an uninterrupted run would have) and applied with its alerts,
 * disclosures, hold and journal row in one transaction of its database.
 *
 * `dryRun` runs the same code inside one open transaction per database and
 * rolls every one back at the end: later units see earlier units' rows, and
 * nothing is kept.
 */
import { endYearOf } from "@kts/domain"
import { connectStore } from "@kts/store"
import type { ExchangeConfig, LinkEnd as SchoolRef } from "../Config.js"
import { EmitTracker } from "./Emit.js"
import { journalChange, journalRow, planChanges } from "./Journal.js"
import { applyChange, forgetReads, nextStageReads, rememberReads, selectRows, type StoreDb } from "./Rows.js"
import { Stages } from "./Stages.js"
import type { NightContext, ResolvedSchool, StageName, Unit } from "./Unit.js"

/** How to run a night. */
export interface NightOptions {
  /** The night's date, YYYY-MM-DD. */
  readonly night: string
  /** The school year; default the one holding the night. */
  readonly endYear?: number | undefined
  /** Only these stages (still in their order); default all four. */
  readonly stages?: ReadonlyArray<StageName> | undefined
  readonly dryRun?: boolean | undefined
  /** Write each database's changes as a delta bundle under this folder. */
  readonly emitDir?: string | undefined
  /** Called before each unit (progress). */
  readonly onUnit?: ((done: number, total: number, label: string) => void) | undefined
  /** Called after each unit is committed (tests kill the process here). */
  readonly afterCommit?: ((applied: number) => void) | undefined
}

/** What happened to one unit. */
export interface UnitReport {
  readonly stage: StageName
  readonly database: string
  /** `902-030` or null for a whole-database unit. */
  readonly school: string | null
  readonly schoolName: string | null
  readonly role: Unit["role"]
  /** applied: written now; skipped: already journaled for the night; failed: a database could not be read or written. */
  readonly outcome: "applied" | "skipped" | "failed"
  readonly inserted: number
  readonly updated: number
  readonly removed: number
  /** Alerts found this night (new, or open ones seen again). */
  readonly alertsRaised: number
  readonly alertsResolved: number
  readonly hold: { readonly holdID: number; readonly activeRows: number; readonly removals: number } | null
  readonly error: string | null
}

/** The night as run. */
export interface NightReport {
  readonly night: string
  readonly endYear: number
  readonly dryRun: boolean
  readonly units: ReadonlyArray<UnitReport>
  /** Databases that could not be opened, with the reason. */
  readonly failedDatabases: ReadonlyArray<{ readonly database: string; readonly reason: string }>
  /** Holds of this night that await approval (`database:holdID`). */
  readonly holdsAwaiting: ReadonlyArray<{ readonly database: string; readonly holdID: number; readonly school: string }>
  /** Folders written by `emitDir`. */
  readonly emitted: ReadonlyArray<string>
  /** 0 done, 3 done with a hold awaiting approval, 1 a unit failed. */
  readonly status: 0 | 1 | 3
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Opens every database of the configuration; those that fail are listed with the reason. */
export const openDatabases = (
  config: ExchangeConfig,
  options: { readonly readonly?: boolean } = {}
): { connections: Map<string, StoreDb>; failed: Map<string, string> } => {
  const connections = new Map<string, StoreDb>()
  const failed = new Map<string, string>()
  for (const [key, path] of config.databases) {
    try {
      // Mapped: a night reads most of each of a hundred small stores once.
      const db = connectStore(path, { readonly: options.readonly === true, memoryMap: true })
      // A first read proves the file is a store with the bundle's tables.
      db.count("district")
      connections.set(key, db)
    } catch (error) {
      failed.set(key, reasonOf(error))
    }
  }
  return { connections, failed }
}

/** Closes every connection. */
export const closeDatabases = (connections: ReadonlyMap<string, StoreDb>): void => {
  for (const db of connections.values()) {
    try {
      db.close()
    } catch {
      // closing is best effort
    }
  }
}

/** The school a link side names, looked up in its (open) database. */
export const findSchool = (db: StoreDb, ref: SchoolRef): { found: ResolvedSchool } | { missing: "district" | "school" } => {
  const districts = selectRows(db, "district", { number: ref.district })
  if (districts.length === 0) return { missing: "district" }
  const schools = selectRows(db, "school", { districtID: districts.map((district) => district["districtID"]!), number: ref.school })
  const school = schools[0]
  if (school === undefined) return { missing: "school" }
  return {
    found: {
      database: ref.database,
      district: ref.district,
      school: ref.school,
      schoolID: school["schoolID"] as number,
      name: school["name"] as string
    }
  }
}

/** A school's label in reports and messages: `902-030`. */
export const schoolLabel = (school: { readonly district: string; readonly school: string }): string => `${school.district}-${school.school}`

/** The context a night's stages read through. */
export const makeContext = (
  config: ExchangeConfig,
  night: string,
  endYear: number,
  connections: ReadonlyMap<string, StoreDb>,
  failed: ReadonlyMap<string, string>
): NightContext => {
  const cache = new Map<string, ResolvedSchool | undefined>()
  const failedUnits = new Set<string>()
  const unitKey = (stage: string, database: string, schoolID: number | null) => `${stage}\u0000${database}\u0000${schoolID ?? ""}`
  return {
    unitFailed: (unit) => {
      failedUnits.add(unitKey(unit.stage, unit.database, unit.school?.schoolID ?? null))
    },
    failedEarlier: (stage, database, schoolID) => failedUnits.has(unitKey(stage, database, schoolID)),
    config,
    night,
    endYear,
    connections,
    failed,
    school: (ref) => {
      const key = `${ref.database}\u0000${ref.district}\u0000${ref.school}`
      if (cache.has(key)) return cache.get(key)
      const db = connections.get(ref.database)
      const result = db === undefined ? undefined : findSchool(db, ref)
      const school = result !== undefined && "found" in result ? result.found : undefined
      cache.set(key, school)
      return school
    }
  }
}

const reportOf = (
  unit: Unit,
  outcome: UnitReport["outcome"],
  fields: Partial<Omit<UnitReport, "stage" | "database" | "school" | "schoolName" | "role" | "outcome">> = {}
): UnitReport => ({
  stage: unit.stage,
  database: unit.database,
  school: unit.school === null ? null : schoolLabel(unit.school),
  schoolName: unit.school?.name ?? null,
  role: unit.role,
  outcome,
  inserted: fields.inserted ?? 0,
  updated: fields.updated ?? 0,
  removed: fields.removed ?? 0,
  alertsRaised: fields.alertsRaised ?? 0,
  alertsResolved: fields.alertsResolved ?? 0,
  hold: fields.hold ?? null,
  error: fields.error ?? null
})

/** Runs (or, dry, computes) one night over the open databases. */
export const runNight = (
  config: ExchangeConfig,
  connections: ReadonlyMap<string, StoreDb>,
  failed: ReadonlyMap<string, string>,
  options: NightOptions
): NightReport => {
  const night = options.night
  const endYear = options.endYear ?? endYearOf(night)
  const dryRun = options.dryRun === true
  const context = makeContext(config, night, endYear, connections, failed)
  const wanted = new Set(options.stages ?? Stages.map((stage) => stage.name))
  const stages = Stages.filter((stage) => wanted.has(stage.name))
  const tracker = new EmitTracker()
  const reports: Array<UnitReport> = []
  let applied = 0

  const begun: Array<StoreDb> = []
  // Reads are remembered until their table is written (see Rows.ts), across units and stages.
  for (const db of connections.values()) rememberReads(db)
  if (dryRun) {
    for (const db of connections.values()) {
      db.run("BEGIN")
      begun.push(db)
    }
  }
  try {
    const perStage = stages.map((stage) => ({ stage, units: stage.units(context) }))
    const total = perStage.reduce((sum, entry) => sum + entry.units.length, 0)
    let done = 0
    for (const { stage, units } of perStage) {
      for (const db of connections.values()) nextStageReads(db)
      for (const unit of units) {
        options.onUnit?.(done++, total, `${unit.stage} ${unit.school === null ? unit.database : schoolLabel(unit.school)}`)
        const db = connections.get(unit.database)
        if (db === undefined) {
          reports.push(reportOf(unit, "failed", { error: `database ${unit.database} could not be opened: ${failed.get(unit.database) ?? ""}` }))
          context.unitFailed(unit)
          continue
        }
        const journaled = journalRow(db, night, unit.stage, unit.school?.schoolID ?? null)
        if (journaled !== undefined) {
          reports.push(reportOf(unit, "skipped", {
            inserted: journaled["inserted"] as number,
            updated: journaled["updated"] as number,
            removed: journaled["removed"] as number
          }))
          continue
        }
        try {
          const plan = stage.plan(context, unit)
          // Every write goes through applyChange, which tells the remembered reads which tables moved.
          const written = db.transaction(() => {
            const changes = planChanges(plan)
            changes.push(journalChange(db, night, plan, new Date()))
            for (const change of changes) applyChange(db, change)
            return changes
          })
          if (!dryRun && options.emitDir !== undefined) tracker.record(unit.database, written)
          stage.applied?.(context, unit)
          applied++
          reports.push(reportOf(unit, "applied", {
            inserted: plan.counts.inserted,
            updated: plan.counts.updated,
            removed: plan.counts.removed,
            alertsRaised: plan.counts.alertsRaised,
            alertsResolved: plan.counts.alertsResolved,
            hold: plan.held && plan.hold !== null
              ? { holdID: plan.hold.holdID, activeRows: plan.hold.activeRows, removals: plan.hold.removals }
              : null
          }))
          if (!dryRun) options.afterCommit?.(applied)
        } catch (error) {
          reports.push(reportOf(unit, "failed", { error: reasonOf(error) }))
          context.unitFailed(unit)
        }
      }
    }
    const holdsAwaiting = awaitingHolds(context, night)
    const emitted = !dryRun && options.emitDir !== undefined ? tracker.write(options.emitDir, connections) : []
    const anyFailed = failed.size > 0 || reports.some((report) => report.outcome === "failed")
    return {
      night,
      endYear,
      dryRun,
      units: reports,
      failedDatabases: [...failed].map(([database, reason]) => ({ database, reason })),
      holdsAwaiting,
      emitted,
      status: anyFailed ? 1 : holdsAwaiting.length > 0 ? 3 : 0
    }
  } finally {
    for (const db of begun) db.run("ROLLBACK")
    for (const db of connections.values()) forgetReads(db)
  }
}

/** Holds recorded for `night` at the configuration's technical schools and not yet approved. */
const awaitingHolds = (context: NightContext, night: string): NightReport["holdsAwaiting"] => {
  const result: Array<{ database: string; holdID: number; school: string }> = []
  const seen = new Set<string>()
  for (const link of context.config.links) {
    const school = context.school(link.tech)
    const db = context.connections.get(link.tech.database)
    if (school === undefined || db === undefined) continue
    const key = `${school.database}\u0000${school.schoolID}`
    if (seen.has(key)) continue
    seen.add(key)
    for (const hold of selectRows(db, "exchangeHold", { night, schoolID: school.schoolID, approvedOn: null })) {
      result.push({ database: school.database, holdID: hold["holdID"] as number, school: schoolLabel(school) })
    }
  }
  return result
}

