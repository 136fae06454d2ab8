/**
 * The entry point: plans the bundle, writes the bundle-wide rows, then
 * generates district after district (organisation first, then students),
 * letting the output streams drain between schools so memory stays bounded.
 */
import { mkdir } from "node:fs/promises"
import type { Context } from "./Context.js"
import { Ids } from "./Context.js"
import { BundleWriter } from "./CsvWriter.js"
import { writeGlobals } from "./Globals.js"
import type { EarlierEnrollmentSite } from "./Model.js"
import { buildDistrict } from "./Organisation.js"
import { planBundle, type Scale } from "./Scales.js"
import { type StudentRun, writeSchoolStudents } from "./Students.js"
import { dealTraits } from "./Traits.js"

export type { Scale } from "./Scales.js"

export interface GenerateOptions {
  readonly scale: Scale
  readonly seed: number
  /** Folder to write `<table>.csv` files into; created when missing. */
  readonly outDir: string
  /** School year, by its end year; default 2025 (SY 24-25). */
  readonly endYear?: number
  /** Called after each district (and once at the start), with a label of what was done. */
  readonly onProgress?: (done: number, total: number, label: string) => void
}

export interface GenerateSummary {
  /** Rows written per table; every table of the bundle is listed. */
  readonly rowCounts: Record<string, number>
  /** The files written, one per table. */
  readonly files: Array<string>
}

/** Smallest number of students for a tiny-scale school to have every trait dealt to its students. */
const SHOWCASE_MIN_STUDENTS = 8

/** Writes a synthetic KSIS bundle: the same options always give the same bytes. */
export const generateBundle = async (options: GenerateOptions): Promise<GenerateSummary> => {
  const endYear = options.endYear ?? 2025
  if (!Number.isInteger(endYear) || endYear < 1901 || endYear > 9998) throw new RangeError(`endYear must be a 4-digit year, got ${endYear}`)
  if (!Number.isFinite(options.seed)) throw new RangeError("seed must be a finite number")
  await mkdir(options.outDir, { recursive: true })
  const writer = new BundleWriter(options.outDir)
  try {
    const plans = planBundle(options.scale, options.seed)
    const ids = new Ids()
    const out = writer.sinks
    const globals = writeGlobals(out, ids, endYear)
    const districtIDs = plans.map((plan) => {
      const districtID = ids.next("district")
      out.district.add({ districtID, number: plan.number, name: plan.name })
      return districtID
    })
    const ctx: Context = {
      seed: options.seed,
      scale: options.scale,
      endYear,
      showcase: options.scale === "tiny",
      out,
      ids,
      globals,
      techCenters: new Map(),
      districtIDs,
      earlierSites: [],
      nearToday: [15, 20, 23, 27, 30].map((day) => `${endYear}-05-${day}`),
      stateIdCounter: 0,
      cursors: new Map()
    }
    const settle = () => writer.settle()
    options.onProgress?.(0, plans.length, "bundle-wide rows")
    const showcased = new Set<string>()
    for (const [index, plan] of plans.entries()) {
      const districtID = districtIDs[index] as number
      const district = buildDistrict(ctx, plan, districtID, showcased)
      await settle()
      const run: StudentRun = { ctx, district, otherDistricts: districtIDs.filter((id) => id !== districtID), studentNumber: 0 }
      for (const school of district.schools) {
        const dealt = ctx.showcase && school.plan.students >= SHOWCASE_MIN_STUDENTS
        const hands = dealt ? dealTraits(school.plan.students, school.plan.grades, school.feeder !== null) : null
        await writeSchoolStudents(run, school, hands, settle)
        await settle()
      }
      // Later districts' movers may come from here.
      ctx.earlierSites.push(...district.schools.flatMap((school): Array<EarlierEnrollmentSite> => {
        const structure = school.current.structures[0]
        if (structure === undefined || school.plan.students === 0) return []
        return [{ districtID, calendarID: school.current.calendarID, structureID: structure.structureID, first: structure.days.first, lid: structure.days.lid, grades: school.plan.grades }]
      }))
      options.onProgress?.(index + 1, plans.length, plan.name)
    }
    await writer.close()
    return { rowCounts: writer.rowCounts(), files: writer.files() }
  } catch (error) {
    writer.destroy()
    throw error
  }
}
