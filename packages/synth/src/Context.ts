/**
 * What every part of the generator shares: the run's options, the output
 * files, id counters, the bundle-wide rows (tasks, score groups, catalogs,
 * plan types) and the technical centers.
 */
import type { BundleSinks } from "./CsvWriter.js"
import type { EarlierEnrollmentSite, TechCenter } from "./Model.js"
import type { Scale } from "./Scales.js"

/** Sequential ids per table: deterministic because generation order is. */
export class Ids {
  private readonly counters = new Map<string, number>()
  next(table: string): number {
    const value = (this.counters.get(table) ?? 0) + 1
    this.counters.set(table, value)
    return value
  }
}

export interface GlobalIds {
  readonly tasks: {
    readonly cteTerm: number
    readonly cteFinal: number
    readonly cteExam: number
    readonly semester: number
    readonly progress: number
    readonly quarter: number
  }
  readonly scoreGroups: {
    readonly cteNumeric: number
    readonly letter: number
    readonly letterNoGpa: number
    readonly mismatched: number
    readonly passFail: number
  }
  readonly catalogs: {
    readonly ktsHighSchools: number
    readonly ktsHighSchoolsPrior: number
    readonly ktsTech: number
  }
  readonly attributes: {
    readonly ktsTechId: number
    readonly sectionKtsTechId: number
    readonly courseLevel: number
  }
  readonly planTypes: {
    readonly iep: number
    readonly iepAmendment: number
    readonly ilpa: number
    readonly plan504: number
    readonly healthPlan: number
  }
}

export interface Context {
  readonly seed: number
  readonly scale: Scale
  readonly endYear: number
  /** True for the tiny scale: force every variant to appear at least once. */
  readonly showcase: boolean
  readonly out: BundleSinks
  readonly ids: Ids
  readonly globals: GlobalIds
  /** Technical centers by school plan key. */
  readonly techCenters: Map<string, TechCenter>
  /** District ids by plan index, for records made by another district. */
  readonly districtIDs: ReadonlyArray<number>
  /** Schools of districts already generated, where moved-in students came from. */
  readonly earlierSites: Array<EarlierEnrollmentSite>
  /** Dates around the expected run date of the report (late May of the end year). */
  readonly nearToday: ReadonlyArray<string>
  /** Counter behind unique 10-digit state ids. */
  stateIdCounter: number
  /** Round-robin counters, so a showcase bundle cycles through variants instead of drawing them. */
  readonly cursors: Map<string, number>
}

/** The next value of a named round-robin counter (0, 1, 2 …). */
export const tick = (ctx: Context, name: string): number => {
  const value = ctx.cursors.get(name) ?? 0
  ctx.cursors.set(name, value + 1)
  return value
}
