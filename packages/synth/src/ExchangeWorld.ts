/**
 * An exchange world: the technical-school database and the district databases
 * whose high schools send students to it, each written as its own bundle, with
 * the `exchange.json` that links them and a `world.json` describing the night
 * to run, the drift that night must carry and the misconfigurations it must
 * report (see `docs/exchange-world.md`).
 *
 * Two moments of the same world: `midYear` (as if every night until the one
 * before `night` had run, then one school day of changes) and `startOfYear`
 * (courses and rosters made, nothing synced yet). Every random draw is made
 * whatever the variant, so both share schools, courses, people and ids of
 * the organisation; the variant only decides which rows are written.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { plusDays, weekday, ymd } from "./Dates.js"
import { openDb } from "./WorldDatabase.js"
import { writeDistrict } from "./WorldDistrict.js"
import { TECH_DISTRICT, type Db, type TechPlan, type World, type WorldScale, type WorldVariant } from "./WorldModel.js"
import { planWorld } from "./WorldPlan.js"
import { writeTechSchools } from "./WorldTech.js"

export { TECH_DISTRICT, type WorldScale, type WorldVariant } from "./WorldModel.js"

export interface ExchangeWorldOptions {
  readonly scale: WorldScale
  readonly seed: number
  /** Folder to write the world into; created when missing. */
  readonly outDir: string
  /** School year, by its end year; default 2025 (SY 24-25). */
  readonly endYear?: number
  /** Default `midYear`. */
  readonly variant?: WorldVariant
  /** Called once at the start and after each district database. */
  readonly onProgress?: (done: number, total: number, label: string) => void
}

/** One database of the world: its bundle folder and the store the configuration names. */
export interface WorldDatabase {
  /** Key in `exchange.json`'s `databases`. */
  readonly name: string
  /** Bundle folder, relative to the world folder (`tech`, `districts/165`). */
  readonly bundle: string
  /** Store path, relative to the world folder (`tech.db`, `districts/165.db`). */
  readonly store: string
  readonly rowCounts: Record<string, number>
}

export interface WorldCounts {
  readonly techSchools: number
  readonly districts: number
  readonly highSchools: number
  readonly links: number
  readonly techSections: number
  readonly ktsCourses: number
  /** Persons with a primary enrollment at the high schools. */
  readonly highSchoolStudents: number
  /** High-school students on a KTS section (as of the night). */
  readonly ktsStudents: number
  /** Students the technical-school database already holds (0 at the start of the year). */
  readonly syncedStudents: number
  readonly rows: number
}

export interface ExchangeWorldSummary {
  readonly variant: WorldVariant
  readonly endYear: number
  /** The date of the next night to run on this world. */
  readonly night: string
  /** `exchange.json`, absolute. */
  readonly configFile: string
  /** `world.json`, absolute. */
  readonly worldFile: string
  readonly databases: ReadonlyArray<WorldDatabase>
  readonly counts: WorldCounts
  /** The misconfigurations, by kind. */
  readonly misconfigurations: Record<string, number>
  /** The day's changes the night must carry, by kind (empty at the start of the year). */
  readonly drift: Record<string, number>
}

const nthWeekdayOf = (year: number, month: number, dow: number, n: number): string => {
  let date = ymd(year, month, 1)
  while (weekday(date) !== dow) date = plusDays(date, 1)
  return plusDays(date, 7 * (n - 1))
}

/**
 * The nights of a world of end year Y: mid-year, the second Thursday of
 * February of Y; start of year, the first Wednesday on or after August 20 of Y−1.
 */
export const worldNight = (endYear: number, variant: WorldVariant): string => {
  if (variant === "midYear") return nthWeekdayOf(endYear, 2, 4, 2)
  let date = ymd(endYear - 1, 8, 20)
  while (weekday(date) !== 3) date = plusDays(date, 1)
  return date
}

const countBy = (items: ReadonlyArray<{ readonly kind: string }>): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * Writes an exchange world: `exchange.json`, `world.json`, the technical-school
 * bundle `tech/` and one bundle per district database `districts/<number>/`.
 * The same options always give the same bytes.
 */
export const generateExchangeWorld = async (options: ExchangeWorldOptions): Promise<ExchangeWorldSummary> => {
  const endYear = options.endYear ?? 2025
  const variant = options.variant ?? "midYear"
  if (!Number.isInteger(endYear) || endYear < 1901 || endYear > 9998) throw new RangeError(`endYear must be a 4-digit year, got ${endYear}`)
  if (!Number.isFinite(options.seed)) throw new RangeError("seed must be a finite number")
  if (options.scale !== "tiny" && options.scale !== "state") throw new RangeError(`an exchange world is tiny or state, got ${String(options.scale)}`)
  if (variant !== "midYear" && variant !== "startOfYear") throw new RangeError(`variant must be midYear or startOfYear, got ${String(variant)}`)
  const tiny = options.scale === "tiny"
  const midNight = worldNight(endYear, "midYear")
  const startNight = worldNight(endYear, "startOfYear")
  const world: World = {
    seed: options.seed,
    scale: options.scale,
    endYear,
    variant,
    outDir: options.outDir,
    tiny,
    names: tiny ? { awkward: 0.25, broken: 0.08, markup: false } : { awkward: 0.03, broken: 0.002, markup: false },
    midNight,
    midDay: plusDays(midNight, -1),
    startNight,
    startDay: plusDays(startNight, -1),
    misconfigurations: [],
    drift: [],
    tally: { highSchoolStudents: 0, ktsStudents: 0, syncedStudents: 0, ktsCourses: 0 }
  }
  await mkdir(options.outDir, { recursive: true })
  const plan = planWorld(options.scale, options.seed)
  options.onProgress?.(0, plan.districts.length, "technical schools")
  const opened: Array<Db> = []
  try {
    const techDb = await openDb(world, "tech", "tech", "tech.db", false)
    opened.push(techDb)
    const techSchools = writeTechSchools(world, techDb, plan)
    await techDb.writer.settle()
    const databases: Array<WorldDatabase> = []
    const linkCounter = new Map<number, number>()
    for (const [index, district] of plan.districts.entries()) {
      const db = await writeDistrict(world, techDb, techSchools, district, linkCounter)
      opened.push(db)
      await db.writer.close()
      opened.pop()
      databases.push({ name: db.name, bundle: db.bundle, store: db.store, rowCounts: db.writer.rowCounts() })
      options.onProgress?.(index + 1, plan.districts.length, district.name)
    }
    await techDb.writer.close()
    opened.length = 0
    databases.unshift({ name: techDb.name, bundle: techDb.bundle, store: techDb.store, rowCounts: techDb.writer.rowCounts() })

    const config = {
      databases: Object.fromEntries(databases.map((db) => [db.name, db.store])),
      links: plan.districts.flatMap((district) =>
        district.highSchools.map((school) => ({
          tech: { database: "tech", district: TECH_DISTRICT, school: (plan.tech[school.tech] as TechPlan).number },
          highSchool: { database: `d${district.number}`, district: district.number, school: school.number },
          attendanceSync: school.attendanceSync
        })))
    }
    const configFile = join(options.outDir, "exchange.json")
    await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`)
    const rows = databases.reduce((sum, db) => sum + Object.values(db.rowCounts).reduce((a, b) => a + b, 0), 0)
    const counts: WorldCounts = {
      techSchools: plan.tech.length,
      districts: plan.districts.length,
      highSchools: config.links.length,
      links: config.links.length,
      techSections: techSchools.reduce((sum, school) => sum + school.courses.reduce((inner, course) => inner + course.sections.length, 0), 0),
      ktsCourses: world.tally.ktsCourses,
      highSchoolStudents: world.tally.highSchoolStudents,
      ktsStudents: world.tally.ktsStudents,
      syncedStudents: world.tally.syncedStudents,
      rows
    }
    const night = variant === "midYear" ? midNight : startNight
    const misconfigurations = countBy(world.misconfigurations)
    const drift = countBy(world.drift)
    const worldFile = join(options.outDir, "world.json")
    await writeFile(worldFile, `${JSON.stringify({
      scale: options.scale,
      seed: options.seed,
      endYear,
      variant,
      night,
      config: "exchange.json",
      import: databases.map((db) => `kts import ${db.bundle} --db ${db.store}`),
      run: `kts exchange run --config exchange.json --date ${night}`,
      counts,
      misconfigurationCounts: misconfigurations,
      driftCounts: drift,
      misconfigurations: world.misconfigurations,
      drift: world.drift
    }, null, 2)}\n`)
    return { variant, endYear, night, configFile, worldFile, databases, counts, misconfigurations, drift }
  } catch (error) {
    for (const db of opened) db.writer.destroy()
    throw error
  }
}
