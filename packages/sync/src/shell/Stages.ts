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
 * pass, whose plans the technical schools' own units then write while their
 * database is as that pass foresaw (`chainedRosters`); and what a unit reads (tech sections, the bases of high-school and
 * technical-school snapshots, pairings) is kept for later units of the night
 * while the tables it was read from are unchanged (`dataVersion`: every write
 * goes through `applyChange`, which moves its table's version). The parts a
 * school's own units write every night (alerts, holds, disclosures, the
 * journal) are left out of the bases and read afresh for each unit.
 */
import type { LinkEnd as ConfigSchoolRef } from "../Config.js"
import { planGrades, type ReadableHighSchool, type TechStageResult } from "../Grades.js"
import { planAttendance } from "../Attendance.js"
import { DatabaseLedger } from "../Ledger.js"
import { type HighSchoolPairings, indexTechSections, pairHighSchool, type TechSection, techSectionsOf } from "../Pairing.js"
import { IdLedger, type UnitPlan } from "../Plan.js"
import { type LinkedHighSchool, planRosters, type RostersResult } from "../Rosters.js"
import { compareSchoolKeys, type HighSchoolSnapshot, type TechSchoolSnapshot } from "../Snapshot.js"
import { emptyUnit, type HighSchoolPart, planHighSchoolUnit } from "../Units.js"
import { planPublish } from "../Publish.js"
import {
  completeHighSchoolSnapshot,
  completeTechSchoolSnapshot,
  type HighSchoolCore,
  HighSchoolCoreIgnores,
  HighSchoolGradingTables,
  highSchoolBaseOf,
  maxIdReader,
  readHighSchoolAttendance,
  readHighSchoolCore,
  readHighSchoolGrading,
  readBaseDisclosures,
  readPublishSnapshot,
  readTechSchoolBase,
  readTechSetup,
  schoolRefOf,
  type SnapshotNeeds,
  stateIDsOf,
  TechBaseIgnores,
  type TechSchoolBase,
  TechSetupTables
} from "./Reader.js"
import { dataVersion, type StoreDb, tablesVersion, tableVersion } from "./Rows.js"
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
const techSchools = (context: NightContext): Array<ResolvedSchool> => {
  const found = new Map<string, ResolvedSchool>()
  for (const link of context.config.links) {
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

const techUnits = (context: NightContext, stage: StageName): Array<Unit> => {
  const units: Array<Unit> = techSchools(context).map((school) => ({ stage, database: school.database, role: "tech", school }))
  // Technical schools in a database that could not be opened still have units (they fail).
  const listed = new Set(units.map((unit) => `${unit.database}|${unit.school!.district}|${unit.school!.school}`))
  for (const link of context.config.links) {
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

/** A high school as a unit reads it (see `Reads.highSchool`). */
interface HighSchoolRead {
  readonly snapshot: HighSchoolSnapshot
  readonly core: HighSchoolCore
  readonly pairings: HighSchoolPairings
  /** The kept values its base was built from: the core, the grading part, the attendance part (null when not read). */
  readonly sources: ReadonlyArray<object | null>
}

/**
 * Reading for one unit's plan: tech sections, high-school snapshots and
 * technical-school snapshots. What is read is kept for the rest of the night
 * (see `NightReads`) and used again while the tables it was read from are
 * unchanged, so a unit always plans from what the databases hold now.
 */
class Reads {
  constructor(private readonly context: NightContext, private readonly needs: SnapshotNeeds) {}

  private get kept(): NightReads {
    return nightReadsOf(this.context)
  }

  sectionsOf(tech: ResolvedSchool): ReadonlyArray<TechSection> {
    const db = connection(this.context, tech.database)
    // Built from the course setup only: kept until one of its tables is written (the night's own writes never are).
    return this.kept.night.keep(`sections|${idOf(tech)}`, tablesVersion(db, TechSetupTables), () => {
      const setup = readTechSetup(db, tech.schoolID, this.context.endYear)
      return techSectionsOf(tech.database, schoolRefOf(tech), setup, this.context.endYear)
    })
  }

  /** A high school's core (kept all night) and its pairings; null when its database cannot be read. */
  highSchoolCore(ref: ConfigSchoolRef): { core: HighSchoolCore; pairings: HighSchoolPairings } | null {
    const school = resolve(this.context, ref)
    const db = this.context.connections.get(ref.database)
    if (school === undefined || db === undefined) return null
    const core = this.kept.night.keep(`hs|${idOf(school)}`, dataVersion(db, HighSchoolCoreIgnores), () =>
      readHighSchoolCore(db, ref.database, schoolRefOf(school), this.context.endYear))
    const linked: Array<TechSection> = []
    for (const tech of linkedTechSchools(this.context, school)) linked.push(...this.sectionsOf(tech))
    // Pairing reads the course setup only: kept with the core.
    const pairings = this.kept.pairings(core, linked, () => pairHighSchool(core, this.context.endYear, indexTechSections(linked)))
    return { core, pairings }
  }

  /**
   * A high school's snapshot, the core it was completed from, its pairings,
   * and what its base was built from (the kept core and stage parts, compared
   * by identity); null when its database cannot be read.
   */
  highSchool(ref: ConfigSchoolRef): HighSchoolRead | null {
    const read = this.highSchoolCore(ref)
    if (read === null) return null
    const { core, pairings } = read
    const db = this.context.connections.get(ref.database)!
    // The core is kept all night; the grading and attendance parts for the stages that read them.
    const coreVersion = dataVersion(db, HighSchoolCoreIgnores)
    const school = resolve(this.context, ref)!
    const partVersion = (tables: ReadonlyArray<string>) =>
      coreVersion === undefined ? undefined : `${coreVersion}|${tablesVersion(db, tables)}`
    const grading = this.needs.grades === true
      ? this.kept.stage.keep(`hsGrading|${idOf(school)}`, partVersion(HighSchoolGradingTables), () => readHighSchoolGrading(db, core), sameFields)
      : null
    const attendance = this.needs.attendance === true
      ? this.kept.stage.keep(`hsAttendance|${idOf(school)}`, partVersion(["attendance"]), () => readHighSchoolAttendance(db, core, this.context.night))
      : null
    const base = highSchoolBaseOf(core, this.needs, { grading: () => grading!, attendance: () => attendance! })
    return { snapshot: completeHighSchoolSnapshot(db, base, this.context.night, this.needs), core, pairings, sources: [core, grading, attendance] }
  }

  /** A technical school's base for this stage's needs (kept while the tables it was read from are unchanged). */
  techBase(tech: ResolvedSchool): TechSchoolBase {
    const db = connection(this.context, tech.database)
    return this.kept.stage.keep(`tech|${idOf(tech)}`, dataVersion(db, TechBaseIgnores), () =>
      readTechSchoolBase(db, tech.database, schoolRefOf(tech), this.context.endYear, this.context.night, this.needs))
  }

  techSnapshot(tech: ResolvedSchool, highSchools: ReadonlyArray<HighSchoolSnapshot>): TechSchoolSnapshot {
    const db = connection(this.context, tech.database)
    const stateIDs = highSchools.flatMap(stateIDsOf)
    const version = dataVersion(db, TechBaseIgnores)
    const base = this.techBase(tech)
    // The base persons' disclosures: kept while neither the base nor the disclosure table moved.
    const disclosures = this.kept.stage.keep(
      `techDisclosures|${idOf(tech)}`,
      version === undefined ? undefined : `${version}|${tableVersion(db, "disclosure")}`,
      () => readBaseDisclosures(db, base)
    )
    return completeTechSchoolSnapshot(db, base, stateIDs, disclosures)
  }
}

/** Values built from reads, each kept with the data version it was read at; one whose version moved is built again. */
class Kept {
  private readonly entries = new Map<string, { readonly version: string; readonly value: unknown }>()

  /**
   * The value kept under `key` while `version` is the same; else read again,
   * and when `same` finds the new value made of the very same rows as the kept
   * one, the kept one is kept (so what was built from it stays good too).
   */
  keep<A>(key: string, version: string | undefined, read: () => A, same?: (kept: A, fresh: A) => boolean): A {
    if (version === undefined) return read()
    const entry = this.entries.get(key)
    if (entry !== undefined && entry.version === version) return entry.value as A
    const fresh = read()
    const value = entry !== undefined && same !== undefined && same(entry.value as A, fresh) ? entry.value as A : fresh
    this.entries.set(key, { version, value })
    return value
  }

  clear(): void {
    this.entries.clear()
  }
}

/**
 * What a night has read and built from its reads (`dataVersion`: changes
 * whenever a table it was read from is written). Tech sections and the
 * high schools' cores (with their pairings) are kept all night; what depends
 * on the stage's needs (technical-school bases, the high schools' grading and
 * attendance parts) is dropped when a stage with other needs begins, so
 * memory holds the cores and about one stage's other reads.
 */
class NightReads {
  readonly night = new Kept()
  readonly stage = new Kept()
  /** Each technical school's rosters plan of the night, with its inputs (see `rostersOf`). */
  readonly rosters = new Map<string, { readonly inputs: RostersInputs; readonly result: RostersResult }>()
  /** Per technical-school database, while its schools' rosters units write their first plans (see `chainedRosters`). */
  readonly rostersChain = new Map<string, RostersChain>()
  /** The grades or attendance plan of each technical school's own unit, by stage and school (see `keptTechParts`). */
  readonly techParts = new Map<string, TechPartsMade>()
  private needsKey = ""
  private readonly pairingsOf = new WeakMap<object, { readonly linked: ReadonlyArray<TechSection>; readonly pairings: HighSchoolPairings }>()

  /** The pairings of a high school's core with its linked tech sections, kept while both are the very same. */
  pairings(core: object, linked: ReadonlyArray<TechSection>, pair: () => HighSchoolPairings): HighSchoolPairings {
    const entry = this.pairingsOf.get(core)
    if (entry !== undefined && entry.linked.length === linked.length && entry.linked.every((section, index) => section === linked[index])) {
      return entry.pairings
    }
    const pairings = pair()
    this.pairingsOf.set(core, { linked, pairings })
    return pairings
  }

  /** A stage with `needs` begins (or goes on). */
  forNeeds(needs: SnapshotNeeds): void {
    const needsKey = JSON.stringify(needs)
    if (needsKey === this.needsKey) return
    this.needsKey = needsKey
    this.stage.clear()
    this.techParts.clear()
  }
}

const nightReads = new WeakMap<NightContext, NightReads>()

const nightReadsOf = (context: NightContext): NightReads => {
  let reads = nightReads.get(context)
  if (reads === undefined) {
    reads = new NightReads()
    nightReads.set(context, reads)
  }
  return reads
}

/** A stage's reads: begins by letting go of what earlier stages read with other needs. */
const readsFor = (context: NightContext, needs: SnapshotNeeds): Reads => {
  nightReadsOf(context).forNeeds(needs)
  return new Reads(context, needs)
}

const ledgerFor = (context: NightContext, database: string): DatabaseLedger =>
  new DatabaseLedger(maxIdReader(connection(context, database)))

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

/**
 * A technical school's rosters stage, planned for the high schools' units
 * (kept with what it was planned from, for `chainedRosters`), and again for
 * its own unit unless `chainedRosters` takes that first plan.
 */
const rostersOf = (context: NightContext, reads: Reads, tech: ResolvedSchool, ledger: DatabaseLedger): RostersResult => {
  const highSchools: Array<LinkedHighSchool> = []
  const cores: Array<HighSchoolCore | null> = []
  for (const link of linkedHighSchools(context, tech)) {
    const school = resolve(context, link.ref)
    // A high school sends its students and records the disclosures in its own rosters unit, which runs first:
    // when that unit failed this night, nothing of it is applied here (as for a database that cannot be read).
    const sent = school === undefined || !context.failedEarlier("rosters", link.ref.database, school.schoolID)
    const read = sent ? reads.highSchool(link.ref) : null
    highSchools.push({
      highSchool: school === undefined ? schoolRefOf(unresolved(link.ref)) : schoolRefOf(school),
      // The stage plans from a high school's course setup, rosters, persons and enrollments only (its alerts,
      // disclosures and attendance nights are its own unit's): left out, so they cannot make two plans differ.
      snapshot: read === null ? null : { ...read.snapshot, alerts: [], disclosures: [], lastAttendanceNight: null },
      pairings: read?.pairings ?? null
    })
    cores.push(read?.core ?? null)
  }
  const snapshots = highSchools.flatMap((entry) => (entry.snapshot === null ? [] : [entry.snapshot]))
  const input = {
    night: context.night,
    holds: context.config.holds,
    tech: reads.techSnapshot(tech, snapshots),
    techSections: reads.sectionsOf(tech),
    highSchools
  }
  const result = planRosters(input, ledger)
  nightReadsOf(context).rosters.set(idOf(tech), { inputs: { techSections: input.techSections, highSchools, cores }, result })
  return result
}

/** The high-school side and tech sections a technical school's rosters plan was made from (see `chainedRosters`). */
interface RostersInputs {
  readonly techSections: ReadonlyArray<TechSection>
  readonly highSchools: ReadonlyArray<LinkedHighSchool>
  /** The core each high school's snapshot is made of (the rest of it is left empty). */
  readonly cores: ReadonlyArray<HighSchoolCore | null>
}

/** Two values are the very same, or two lists of the very same items. */
const sameItems = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

/** Every field of two records is the very same (lists: item by item). */
const sameFields = (a: object, b: object): boolean => {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => sameItems((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
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
  const reads = readsFor(context, { rosters: true })
  const ledgerOf = ledgers(context)
  // Each database's technical schools are planned in turn over one ledger, as their own units will run (see `RostersChain`).
  const chains = nightReadsOf(context).rostersChain
  for (const tech of techSchools(context)) {
    const ledger = ledgerOf(tech.database)
    let chain = chains.get(tech.database)
    if (chain === undefined) {
      const version = dataVersion(connection(context, tech.database), NoTables)
      if (version !== undefined) chains.set(tech.database, (chain = { version, next: 0, order: new Map(), positions: new Map(), pending: undefined }))
    }
    chain?.order.set(idOf(tech), chain.order.size)
    chain?.positions.set(idOf(tech), ledger.ids.position())
    results.set(idOf(tech), rostersOf(context, reads, tech, ledger).highSchoolParts)
  }
  rostersForHighSchools.set(context, results)
  return results
}

const NoTables: ReadonlySet<string> = new Set()

/**
 * The technical schools of one database, planned in turn over one ledger at
 * the start of the rosters stage: while their own units then write exactly
 * those plans, in the same order, and nothing else writes to the database
 * (`version`: every table's), the database at each school's turn is what
 * its first plan saw through the ledger (persons created and updated; the
 * earlier schools' roster and enrollment rows are on their own sections and
 * calendars), so the first plan is the plan, provided the ids agree too: new
 * ids count up from each table's highest id at the unit's turn, and when an
 * earlier school deleted a table's highest row that is below where the
 * ledger went on counting, so the database's ids are compared each time.
 */
interface RostersChain {
  /** The database's data version after the last chained unit was written (at first: when the plans were made). */
  version: string
  /** The place, among the database's technical schools, of the next one whose unit may take its first plan. */
  next: number
  readonly order: Map<string, number>
  /** Each school's ledger position (the next id of every table) when its first plan was made. */
  readonly positions: Map<string, string>
  /** The school whose first plan was taken, until its unit is written. */
  pending: string | undefined
}

/**
 * A technical school's rosters plan made at the start of the stage, when its
 * database is still on the chain (see `RostersChain`) and the high-school side
 * is the very same: the same cores and pairings, the same schools sent.
 */
const chainedRosters = (context: NightContext, reads: Reads, tech: ResolvedSchool): RostersResult | undefined => {
  const kept = nightReadsOf(context).rosters.get(idOf(tech))
  const chain = nightReadsOf(context).rostersChain.get(tech.database)
  if (kept === undefined || chain === undefined || chain.order.get(idOf(tech)) !== chain.next) return undefined
  const db = connection(context, tech.database)
  if (dataVersion(db, NoTables) !== chain.version) return undefined
  if (new IdLedger(maxIdReader(db)).position() !== chain.positions.get(idOf(tech))) return undefined
  if (reads.sectionsOf(tech) !== kept.inputs.techSections) return undefined
  const links = linkedHighSchools(context, tech)
  if (links.length !== kept.inputs.highSchools.length) return undefined
  for (let index = 0; index < links.length; index++) {
    const link = links[index]!
    const school = resolve(context, link.ref)
    const sent = school === undefined || !context.failedEarlier("rosters", link.ref.database, school.schoolID)
    const read = sent ? reads.highSchoolCore(link.ref) : null
    const first = kept.inputs.highSchools[index]!
    if ((read?.core ?? null) !== kept.inputs.cores[index] || (read?.pairings ?? null) !== first.pairings) return undefined
    if (!sameFields(school === undefined ? schoolRefOf(unresolved(link.ref)) : schoolRefOf(school), first.highSchool)) return undefined
  }
  chain.pending = idOf(tech)
  return kept.result
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
      const reads = readsFor(context, { rosters: true })
      const first = chainedRosters(context, reads, school)
      if (first !== undefined) return first.techUnit
      nightReadsOf(context).rostersChain.delete(unit.database)
      return rostersOf(context, reads, school, ledgerFor(context, unit.database)).techUnit
    }
    const results = allRosters(context)
    const parts: Array<HighSchoolPart> = []
    for (const tech of linkedTechSchools(context, school)) parts.push(...(results.get(idOf(tech)) ?? []))
    return highSchoolPlan(context, unit, readsFor(context, { rosters: true }), parts, true, ledgerFor(context, unit.database))
  },
  applied: (context, unit) => {
    if (unit.role !== "tech" || unit.school === null) return
    const chains = nightReadsOf(context).rostersChain
    const chain = chains.get(unit.database)
    if (chain === undefined) return
    if (chain.pending !== idOf(unit.school)) {
      chains.delete(unit.database)
      return
    }
    const version = dataVersion(connection(context, unit.database), NoTables)
    if (version === undefined) {
      chains.delete(unit.database)
      return
    }
    chain.pending = undefined
    chain.next++
    chain.version = version
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
  /** The stage for one technical school with the given readable high schools, and what it was planned from. */
  const planFor = (
    context: NightContext,
    reads: Reads,
    tech: ResolvedSchool,
    only: ResolvedSchool | null,
    ledgerOf: (database: string) => DatabaseLedger
  ): { readonly result: TechStageResult; readonly made: TechPartsMade } => {
    const highSchools: Array<HighSchoolRead> = []
    for (const link of linkedHighSchools(context, tech)) {
      if (!filter(link.attendanceSync)) continue
      if (only !== null && !sameRef(link.ref, only)) continue
      const read = reads.highSchool(link.ref)
      if (read !== null) highSchools.push(read)
    }
    const base = reads.techBase(tech)
    const techSections = reads.sectionsOf(tech)
    const result = planner({
      night: context.night,
      tech: reads.techSnapshot(tech, highSchools.map((entry) => entry.snapshot)),
      techSections,
      highSchools
    }, ledgerOf(tech.database))
    return { result, made: { base, techSections, highSchools, parts: result.highSchoolParts } }
  }
  return {
    name,
    // Every technical school has a unit (with no opted-in link it only journals); high schools only through opted-in links.
    units: (context) => [...techUnits(context, name), ...highSchoolUnits(context, name, filter)],
    plan: (context, unit) => {
      const school = unit.school!
      if (school.schoolID < 0) throw unreadable(unit.database, context.failed.get(unit.database) ?? "school not found")
      const reads = readsFor(context, needs)
      const ledgerOf = ledgers(context)
      if (unit.role === "tech") {
        const { result, made } = planFor(context, reads, school, null, ledgerOf)
        nightReadsOf(context).techParts.set(`${name}|${idOf(school)}`, made)
        return result.techUnit
      }
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
        const kept = keptTechParts(nightReadsOf(context).techParts.get(`${name}|${idOf(tech)}`), reads, tech, school)
        parts.push(...(kept ?? planFor(context, reads, tech, school, ledgerOf).result.highSchoolParts))
      }
      if (parts.length === 0) return emptyUnit(name, unit.database, schoolRefOf(school))
      return highSchoolPlan(context, unit, reads, parts, false, ledgerOf(unit.database))
    }
  }
}

/** A technical school's grades or attendance plan for its own unit: its high schools' parts and what they were made from. */
interface TechPartsMade {
  readonly base: TechSchoolBase
  readonly techSections: ReadonlyArray<TechSection>
  readonly highSchools: ReadonlyArray<HighSchoolRead>
  readonly parts: ReadonlyArray<HighSchoolPart>
}

/**
 * A high school's part of its technical school's plan made for the technical
 * school's own unit earlier in the stage, when the part is made from the very
 * same reads now: the same kept technical-school base and sections, and the
 * same kept core, stage parts and pairings of the high school with the same
 * last attendance night. The technical school's unit writes only its alerts
 * and disclosures, which no part is made from. (That plan found persons for
 * every linked high school's state IDs, a high school's own plan only for
 * its own: a part looks persons up only to match its own students' state
 * IDs, so the extra persons change nothing in it.)
 */
const keptTechParts = (
  made: TechPartsMade | undefined,
  reads: Reads,
  tech: ResolvedSchool,
  school: ResolvedSchool
): ReadonlyArray<HighSchoolPart> | undefined => {
  if (made === undefined || reads.techBase(tech) !== made.base || reads.sectionsOf(tech) !== made.techSections) return undefined
  const first = made.highSchools.find((read) => read.snapshot.database === school.database && read.snapshot.school.schoolID === school.schoolID)
  if (first === undefined) return undefined
  const now = reads.highSchool({ database: school.database, district: school.district, school: school.school })
  if (now === null || now.pairings !== first.pairings || !sameItems(now.sources, first.sources)) return undefined
  if (now.snapshot.lastAttendanceNight !== first.snapshot.lastAttendanceNight || !sameFields(now.snapshot.school, first.snapshot.school)) return undefined
  return made.parts.filter((part) => part.database === school.database && part.highSchool.schoolID === school.schoolID)
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
    const reads = readsFor(context, {})
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
