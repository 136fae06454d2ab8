/**
 * The four stages as the night runner sees them: which units each has, in
 * which order, and how one unit's plan is computed — read the snapshots it
 * needs from the databases as they stand, call the core, keep the unit's part.
 *
 * Order within a stage: the sending database's units run before the
 * receiving ones (disclosures are recorded before the data is written), so
 * rosters runs the high schools first, grades and attendance the technical
 * schools first. Schools in (district number, school number) order.
 *
 * Every unit is planned afresh from the databases (with an id ledger built
 * from their current highest ids), so a unit planned after a kill and re-run
 * sees exactly what it would have seen in an uninterrupted run. Reuse: the
 * rosters stage's high-school units, which all run before any technical
 * school's unit and do not change what that plan reads, share one rosters
 * pass; and a technical school's sections and the high-school-independent
 * part of its snapshot are read once and reused until a unit writes its
 * database (every applied unit moves its database's write count), so the
 * high-school units of grades and attendance, which write only high-school
 * databases, all use the one read made after the technical schools' units.
 */
import type { LinkEnd as ConfigSchoolRef } from "../Config.js"
import { planGrades, type ReadableHighSchool, type TechStageResult } from "../Grades.js"
import { planAttendance } from "../Attendance.js"
import { DatabaseLedger } from "../Ledger.js"
import { type HighSchoolPairings, indexTechSections, pairHighSchool, type TechSection, techSectionsOf } from "../Pairing.js"
import type { UnitPlan } from "../Plan.js"
import { type LinkedHighSchool, planRosters, type RostersResult } from "../Rosters.js"
import { compareSchoolKeys, type HighSchoolSnapshot, type TechSchoolSnapshot } from "../Snapshot.js"
import { emptyUnit, type HighSchoolPart, planHighSchoolUnit } from "../Units.js"
import { planPublish } from "../Publish.js"
import {
  completeTechSchoolSnapshot,
  maxIdsOf,
  readHighSchoolSnapshot,
  readPublishSnapshot,
  readTechSchoolBase,
  readTechSetup,
  type TechSchoolBase,
  schoolRefOf,
  type SnapshotNeeds,
  stateIDsOf
} from "./Reader.js"
import type { StoreDb } from "./Rows.js"
import { type NightContext, type ResolvedSchool, type Stage, type StageName, type Unit, unreadable } from "./Unit.js"

const keyOf = (school: ResolvedSchool) => ({ district: school.district, school: school.school })
const byKey = (a: ResolvedSchool, b: ResolvedSchool) => compareSchoolKeys(keyOf(a), keyOf(b)) || (a.database < b.database ? -1 : a.database > b.database ? 1 : 0)
const idOf = (school: ResolvedSchool) => `${school.database}|${school.schoolID}`

const connection = (context: NightContext, database: string): StoreDb => {
  const db = context.connections.get(database)
  if (db === undefined) throw unreadable(database, context.failed.get(database) ?? "not open")
  return db
}

const resolve = (context: NightContext, ref: ConfigSchoolRef): ResolvedSchool | undefined => context.school(ref)

/** The technical schools of the configuration (those in an open database), in order. */
const techSchools = (context: NightContext, filter: (attendanceSync: boolean) => boolean = () => true): Array<ResolvedSchool> => {
  const found = new Map<string, ResolvedSchool>()
  for (const link of context.config.links) {
    if (!filter(link.attendanceSync)) continue
    const school = resolve(context, link.tech)
    if (school !== undefined) found.set(idOf(school), school)
  }
  return [...found.values()].sort(byKey)
}

/**
 * The linked high schools of the configuration, in order. A high school whose
 * database could not be opened is listed by its numbers (its units fail).
 */
const highSchoolUnits = (context: NightContext, stage: StageName, filter: (attendanceSync: boolean) => boolean = () => true): Array<Unit> => {
  const found = new Map<string, Unit>()
  for (const link of context.config.links) {
    if (!filter(link.attendanceSync)) continue
    const school = resolve(context, link.highSchool)
    const key = `${link.highSchool.database}|${link.highSchool.district}|${link.highSchool.school}`
    found.set(key, {
      stage,
      database: link.highSchool.database,
      role: "highSchool",
      school: school ?? unresolved(link.highSchool)
    })
  }
  return [...found.values()].sort((a, b) => byKey(a.school!, b.school!))
}

const unresolved = (ref: ConfigSchoolRef): ResolvedSchool => ({
  database: ref.database,
  district: ref.district,
  school: ref.school,
  schoolID: -1,
  name: ""
})

const techUnits = (context: NightContext, stage: StageName, filter?: (attendanceSync: boolean) => boolean): Array<Unit> => {
  const units: Array<Unit> = techSchools(context, filter).map((school) => ({ stage, database: school.database, role: "tech", school }))
  // Technical schools in a database that could not be opened still have units (they fail).
  const listed = new Set(units.map((unit) => `${unit.database}|${unit.school!.district}|${unit.school!.school}`))
  for (const link of context.config.links) {
    if (filter !== undefined && !filter(link.attendanceSync)) continue
    if (context.connections.has(link.tech.database)) continue
    const key = `${link.tech.database}|${link.tech.district}|${link.tech.school}`
    if (listed.has(key)) continue
    listed.add(key)
    units.push({ stage, database: link.tech.database, role: "tech", school: unresolved(link.tech) })
  }
  return units.sort((a, b) => byKey(a.school!, b.school!))
}

const sameRef = (ref: ConfigSchoolRef, school: ResolvedSchool): boolean =>
  ref.database === school.database && ref.district === school.district && ref.school === school.school

/** The high schools linked to a technical school (with their link's attendanceSync). */
const linkedHighSchools = (context: NightContext, tech: ResolvedSchool) =>
  context.config.links.filter((link) => sameRef(link.tech, tech)).map((link) => ({ ref: link.highSchool, attendanceSync: link.attendanceSync }))

/** The technical schools linked to a high school. */
const linkedTechSchools = (context: NightContext, highSchool: ResolvedSchool): Array<ResolvedSchool> => {
  const found = new Map<string, ResolvedSchool>()
  for (const link of context.config.links) {
    if (!sameRef(link.highSchool, highSchool)) continue
    const tech = resolve(context, link.tech)
    if (tech === undefined) throw unreadable(link.tech.database, context.failed.get(link.tech.database) ?? "school not found")
    found.set(idOf(tech), tech)
  }
  return [...found.values()].sort(byKey)
}

/** Per-stage reading: tech sections and high-school snapshots, read once per unit plan. */
class Reads {
  private readonly techSections = new Map<string, ReadonlyArray<TechSection>>()
  private readonly highSchools = new Map<string, { snapshot: HighSchoolSnapshot; pairings: HighSchoolPairings } | null>()

  constructor(private readonly context: NightContext, private readonly needs: SnapshotNeeds) {}

  sectionsOf(tech: ResolvedSchool): ReadonlyArray<TechSection> {
    const key = idOf(tech)
    let sections = this.techSections.get(key)
    if (sections === undefined) {
      const cache = techCacheOf(this.context)
      const writes = this.context.writes(tech.database)
      const cached = cache.sections.get(key)
      if (cached !== undefined && cached.writes === writes) {
        sections = cached.sections
      } else {
        const db = connection(this.context, tech.database)
        const setup = readTechSetup(db, tech.schoolID, this.context.endYear)
        sections = techSectionsOf(tech.database, schoolRefOf(tech), setup, this.context.endYear)
        cache.sections.set(key, { writes, sections })
      }
      this.techSections.set(key, sections)
    }
    return sections
  }

  /** A high school's snapshot and pairings; null when its database cannot be read. */
  highSchool(ref: ConfigSchoolRef): { snapshot: HighSchoolSnapshot; pairings: HighSchoolPairings } | null {
    const key = `${ref.database}|${ref.district}|${ref.school}`
    if (this.highSchools.has(key)) return this.highSchools.get(key)!
    const school = resolve(this.context, ref)
    const db = this.context.connections.get(ref.database)
    let result: { snapshot: HighSchoolSnapshot; pairings: HighSchoolPairings } | null = null
    if (school !== undefined && db !== undefined) {
      const snapshot = readHighSchoolSnapshot(db, ref.database, schoolRefOf(school), this.context.endYear, this.context.night, this.needs)
      const linked: Array<TechSection> = []
      for (const tech of linkedTechSchools(this.context, school)) linked.push(...this.sectionsOf(tech))
      result = { snapshot, pairings: pairHighSchool(snapshot, this.context.endYear, indexTechSections(linked)) }
    }
    this.highSchools.set(key, result)
    return result
  }

  techSnapshot(tech: ResolvedSchool, highSchools: ReadonlyArray<HighSchoolSnapshot>): TechSchoolSnapshot {
    const db = connection(this.context, tech.database)
    const stateIDs = highSchools.flatMap(stateIDsOf)
    const cache = techCacheOf(this.context)
    const needsKey = JSON.stringify(this.needs)
    if (cache.needsKey !== needsKey) {
      // Another stage's reads: keep only this stage's, so memory holds one stage's technical data.
      cache.needsKey = needsKey
      cache.bases.clear()
    }
    const key = idOf(tech)
    const writes = this.context.writes(tech.database)
    let entry = cache.bases.get(key)
    if (entry === undefined || entry.writes !== writes) {
      entry = { writes, base: readTechSchoolBase(db, tech.database, schoolRefOf(tech), this.context.endYear, this.context.night, this.needs) }
      cache.bases.set(key, entry)
    }
    return completeTechSchoolSnapshot(db, entry.base, stateIDs)
  }
}

/** Reads of technical schools kept across the units of a night, each valid while its database's write count stays. */
interface TechCache {
  readonly sections: Map<string, { readonly writes: number; readonly sections: ReadonlyArray<TechSection> }>
  needsKey: string
  readonly bases: Map<string, { readonly writes: number; readonly base: TechSchoolBase }>
}

const techCaches = new WeakMap<NightContext, TechCache>()

const techCacheOf = (context: NightContext): TechCache => {
  let cache = techCaches.get(context)
  if (cache === undefined) {
    cache = { sections: new Map(), needsKey: "", bases: new Map() }
    techCaches.set(context, cache)
  }
  return cache
}

const ledgerFor = (context: NightContext, database: string): DatabaseLedger =>
  new DatabaseLedger(maxIdsOf(connection(context, database)))

/** A ledger per database, made on first use from its current highest ids. */
const ledgers = (context: NightContext) => {
  const made = new Map<string, DatabaseLedger>()
  return (database: string): DatabaseLedger => {
    let ledger = made.get(database)
    if (ledger === undefined) {
      ledger = ledgerFor(context, database)
      made.set(database, ledger)
    }
    return ledger
  }
}

// ── Rosters ──────────────────────────────────────────────────────────────────

const rostersOf = (context: NightContext, reads: Reads, tech: ResolvedSchool, ledger: DatabaseLedger): RostersResult => {
  const highSchools: Array<LinkedHighSchool> = []
  for (const link of linkedHighSchools(context, tech)) {
    const school = resolve(context, link.ref)
    // A high school sends its students and records the disclosures in its own rosters unit, which runs first:
    // when that unit failed this night, nothing of it is applied here (as for a database that cannot be read).
    const sent = school === undefined || !context.failedEarlier("rosters", link.ref.database, school.schoolID)
    const read = sent ? reads.highSchool(link.ref) : null
    highSchools.push({
      highSchool: school === undefined ? schoolRefOf(unresolved(link.ref)) : schoolRefOf(school),
      snapshot: read?.snapshot ?? null,
      pairings: read?.pairings ?? null
    })
  }
  const snapshots = highSchools.flatMap((entry) => (entry.snapshot === null ? [] : [entry.snapshot]))
  return planRosters({
    night: context.night,
    holds: context.config.holds,
    tech: reads.techSnapshot(tech, snapshots),
    techSections: reads.sectionsOf(tech),
    highSchools
  }, ledger)
}

/**
 * What every technical school's rosters stage contributes to the high schools'
 * units (their parts: alerts, disclosures, holds), computed once per night and
 * kept without the technical schools' own rows.
 */
const rostersForHighSchools = new WeakMap<NightContext, Map<string, ReadonlyArray<HighSchoolPart>>>()

const allRosters = (context: NightContext): Map<string, ReadonlyArray<HighSchoolPart>> => {
  let results = rostersForHighSchools.get(context)
  if (results !== undefined) return results
  results = new Map()
  const reads = new Reads(context, { rosters: true })
  const ledgerOf = ledgers(context)
  for (const tech of techSchools(context)) {
    results.set(idOf(tech), rostersOf(context, reads, tech, ledgerOf(tech.database)).highSchoolParts)
  }
  rostersForHighSchools.set(context, results)
  return results
}

const highSchoolPlan = (
  context: NightContext,
  unit: Unit,
  reads: Reads,
  parts: ReadonlyArray<HighSchoolPart>,
  ownAlerts: boolean,
  ledger: DatabaseLedger
): UnitPlan => {
  const school = unit.school!
  if (school.schoolID < 0) throw unreadable(unit.database, context.failed.get(unit.database) ?? "school not found")
  const read = reads.highSchool({ database: school.database, district: school.district, school: school.school })
  if (read === null) throw unreadable(unit.database, context.failed.get(unit.database) ?? "not readable")
  return planHighSchoolUnit({
    stage: unit.stage,
    night: context.night,
    database: unit.database,
    highSchool: schoolRefOf(school),
    openAlerts: read.snapshot.alerts,
    existingDisclosures: read.snapshot.disclosures,
    ownAlerts: ownAlerts ? read.pairings.alerts : [],
    parts: parts.filter((part) => part.highSchool.schoolID === school.schoolID && part.database === unit.database)
  }, ledger)
}

const rostersStage: Stage = {
  name: "rosters",
  units: (context) => [...highSchoolUnits(context, "rosters"), ...techUnits(context, "rosters")],
  plan: (context, unit) => {
    const school = unit.school!
    if (school.schoolID < 0) throw unreadable(unit.database, context.failed.get(unit.database) ?? "school not found")
    if (unit.role === "tech") {
      const reads = new Reads(context, { rosters: true })
      return rostersOf(context, reads, school, ledgerFor(context, unit.database)).techUnit
    }
    const results = allRosters(context)
    const parts: Array<HighSchoolPart> = []
    for (const tech of linkedTechSchools(context, school)) parts.push(...(results.get(idOf(tech)) ?? []))
    return highSchoolPlan(context, unit, new Reads(context, { rosters: true }), parts, true, ledgerFor(context, unit.database))
  }
}

// ── Grades and attendance ────────────────────────────────────────────────────

type TechStagePlanner = typeof planGrades

const techStage = (
  name: "grades" | "attendance",
  planner: TechStagePlanner,
  needs: SnapshotNeeds,
  filter: (attendanceSync: boolean) => boolean
): Stage => {
  /** The stage for one technical school with the given readable high schools. */
  const planFor = (
    context: NightContext,
    reads: Reads,
    tech: ResolvedSchool,
    only: ResolvedSchool | null,
    ledgerOf: (database: string) => DatabaseLedger
  ): TechStageResult => {
    const highSchools: Array<ReadableHighSchool> = []
    for (const link of linkedHighSchools(context, tech)) {
      if (!filter(link.attendanceSync)) continue
      if (only !== null && !sameRef(link.ref, only)) continue
      const read = reads.highSchool(link.ref)
      if (read !== null) highSchools.push(read)
    }
    return planner({
      night: context.night,
      tech: reads.techSnapshot(tech, highSchools.map((entry) => entry.snapshot)),
      techSections: reads.sectionsOf(tech),
      highSchools
    }, ledgerOf(tech.database))
  }
  return {
    name,
    units: (context) => [...techUnits(context, name, filter), ...highSchoolUnits(context, name, filter)],
    plan: (context, unit) => {
      const school = unit.school!
      if (school.schoolID < 0) throw unreadable(unit.database, context.failed.get(unit.database) ?? "school not found")
      const reads = new Reads(context, needs)
      const ledgerOf = ledgers(context)
      if (unit.role === "tech") return planFor(context, reads, school, null, ledgerOf).techUnit
      const parts: Array<HighSchoolPart> = []
      // One ledger for the high school's database across its technical schools' parts and its own alerts.
      for (const tech of linkedTechSchools(context, school)) {
        if (!context.config.links.some((link) => sameRef(link.tech, tech) && sameRef(link.highSchool, school) && filter(link.attendanceSync))) {
          continue
        }
        // The technical school sends and records the disclosures in its own unit, which runs first: when that unit
        // failed this night, the high school's unit fails too, so nothing arrives unrecorded (a rerun does both).
        if (context.failedEarlier(name, tech.database, tech.schoolID)) {
          throw unreadable(tech.database, `the ${name} unit of ${tech.district}-${tech.school} failed this night`)
        }
        parts.push(...planFor(context, reads, tech, school, ledgerOf).highSchoolParts)
      }
      if (parts.length === 0) return emptyUnit(name, unit.database, schoolRefOf(school))
      return highSchoolPlan(context, unit, reads, parts, false, ledgerOf(unit.database))
    }
  }
}

// ── Publish ──────────────────────────────────────────────────────────────────

const publishStage: Stage = {
  name: "publish",
  units: (context) => {
    const databases = new Set(context.config.links.map((link) => link.highSchool.database))
    return [...context.config.databases.keys()]
      .filter((database) => databases.has(database))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((database): Unit => ({ stage: "publish", database, role: "database", school: null }))
  },
  plan: (context, unit) => {
    const reads = new Reads(context, {})
    const sections: Array<TechSection> = []
    const seen = new Set<string>()
    for (const link of context.config.links) {
      if (link.highSchool.database !== unit.database) continue
      const tech = resolve(context, link.tech)
      if (tech === undefined) throw unreadable(link.tech.database, context.failed.get(link.tech.database) ?? "school not found")
      if (seen.has(idOf(tech))) continue
      seen.add(idOf(tech))
      sections.push(...reads.sectionsOf(tech))
    }
    const db = connection(context, unit.database)
    return planPublish(context.endYear, readPublishSnapshot(db, unit.database, context.endYear), sections, ledgerFor(context, unit.database))
  }
}

/** Every stage, in the order a night runs them. */
export const Stages: ReadonlyArray<Stage> = [
  publishStage,
  rostersStage,
  techStage("grades", planGrades, { grades: true }, () => true),
  techStage("attendance", planAttendance, { attendance: true }, (attendanceSync) => attendanceSync)
]
