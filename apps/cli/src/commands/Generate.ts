/**
 * `kts generate`: seeded synthetic bundles, one database (`--layout single`)
 * or an exchange world of many (`--layout exchange`).
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { BundleNotFound, formatProblem, importBundleIntoFile } from "@kts/store"
import { type ExchangeWorldSummary, generateBundle, generateExchangeWorld, type Scale, type WorldVariant } from "@kts/synth"
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"
import { makeProgressBar } from "../Progress.js"

/** Writes a synthetic bundle of `scale` to `outDir`; returns the row counts. */
export const runGenerate = Effect.fn("runGenerate")(function*(scale: Scale, seed: number, outDir: string, endYear?: number) {
  const bar = makeProgressBar(`generate ${scale}`)
  const summary = yield* Effect.tryPromise({
    try: () => generateBundle({ scale, seed, outDir, onProgress: bar.update, ...(endYear === undefined ? {} : { endYear }) }),
    catch: classifyFailure
  }).pipe(Effect.ensuring(Effect.sync(bar.finish)))
  return summary
})

const VARIANTS = { "mid-year": "midYear", "start-of-year": "startOfYear" } as const satisfies Record<string, WorldVariant>

/** Writes an exchange world of `scale` to `outDir`. */
export const runGenerateWorld = Effect.fn("runGenerateWorld")(function*(scale: "tiny" | "state", seed: number, outDir: string, variant: WorldVariant, endYear?: number) {
  const bar = makeProgressBar(`generate ${scale} exchange world`)
  return yield* Effect.tryPromise({
    try: () => generateExchangeWorld({ scale, seed, outDir, variant, onProgress: bar.update, ...(endYear === undefined ? {} : { endYear }) }),
    catch: classifyFailure
  }).pipe(Effect.ensuring(Effect.sync(bar.finish)))
})

/** Creates every store the world's configuration names, through the store's all-or-nothing import. */
export const importWorld = Effect.fn("importWorld")(function*(world: ExchangeWorldSummary, outDir: string) {
  const bar = makeProgressBar("import")
  for (const [index, database] of world.databases.entries()) {
    const outcome = yield* Effect.try({
      try: () => importBundleIntoFile(join(outDir, database.store), join(outDir, database.bundle)),
      catch: (error) => error instanceof BundleNotFound ? new InputError({ message: error.message }) : classifyFailure(error)
    })
    if (!outcome.ok) {
      for (const problem of outcome.problems) yield* Console.error(formatProblem(problem))
      return yield* new InputError({ message: `import of ${database.bundle} failed with ${outcome.problemCount} problems` })
    }
    bar.update(index + 1, world.databases.length, database.store)
  }
  bar.finish()
})

/** What a user runs next on a world: the imports (unless done) and the night. */
const worldReport = (world: ExchangeWorldSummary, outDir: string, imported: boolean): Array<string> => {
  const { counts } = world
  const tech = world.databases[0]
  const lines = [
    `wrote a ${world.variant === "midYear" ? "mid-year" : "start-of-year"} exchange world (end year ${world.endYear}) to ${outDir}:`,
    `  exchange.json  the configuration: ${world.databases.length} databases, ${counts.links} links`,
    `  world.json     the night to run, the drift it must carry and the misconfigurations it must report`,
    `  ${tech?.bundle ?? "tech"}/          the technical-school database: ${counts.techSchools} technical schools, ${counts.techSections} sections`,
    `  districts/     ${counts.districts} district databases: ${counts.highSchools} high schools, ${counts.ktsCourses} KTS courses, ${counts.highSchoolStudents} students (${counts.ktsStudents} on KTS sections, ${counts.syncedStudents} already synced)`,
    `  misconfigurations: ${Object.entries(world.misconfigurations).map(([kind, count]) => `${kind} ${count}`).join(", ")}`
  ]
  const drift = Object.entries(world.drift)
  if (drift.length > 0) lines.push(`  drift of ${world.night} − 1 day: ${drift.map(([kind, count]) => `${kind} ${count}`).join(", ")}`)
  if (imported) {
    const stores = world.databases.map((database) => database.store)
    lines.push(`created ${stores.length} stores: ${stores.length <= 6 ? stores.join(", ") : `${stores.slice(0, 3).join(", ")} … ${stores[stores.length - 1]}`}`)
  } else {
    lines.push("create the stores (from the world's folder):")
    lines.push(`  cd ${outDir}`)
    lines.push("  kts import tech --db tech.db")
    lines.push("  for d in districts/*/; do kts import \"$d\" --db \"districts/$(basename \"$d\").db\"; done")
  }
  lines.push(`then run the night: kts exchange run --config ${join(outDir, "exchange.json")} --date ${world.night}`)
  return lines
}

/** The `generate` command. */
export const generateCommand = Command.make("generate", {
  scale: Flag.Literals("scale", ["tiny", "district", "state"]).pipe(
    Flag.withDescription("tiny: a few dozen students; district: ~100,000; state: ~650,000 in ~171 districts (exchange layout: tiny or state)"),
    Flag.withDefault("tiny")
  ),
  seed: Flag.Int("seed").pipe(Flag.withDescription("Same seed, same bytes"), Flag.withDefault(1)),
  out: Flag.String("out").pipe(Flag.withDescription("Folder to write the bundle (or the world) into")),
  layout: Flag.Literals("layout", ["single", "exchange"]).pipe(
    Flag.withDescription("single: one bundle; exchange: exchange.json, the technical-school bundle tech/ and one bundle per district in districts/"),
    Flag.withDefault("single")
  ),
  variant: Flag.Literals("variant", ["mid-year", "start-of-year"]).pipe(
    Flag.withDescription("Exchange layout only. mid-year (default): earlier nights have run, plus one day of changes; start-of-year: nothing synced yet"),
    Flag.optional
  ),
  endYear: Flag.Int("end-year").pipe(Flag.withDescription("School year by its end year (default 2025, SY 24-25)"), Flag.optional),
  import: Flag.Boolean("import").pipe(
    Flag.withDescription("Exchange layout only: also create the stores the configuration names"),
    Flag.withDefault(false)
  )
}, ({ endYear, import: alsoImport, layout, out, scale, seed, variant }) =>
  Effect.gen(function*() {
    const year = Option.getOrUndefined(endYear)
    if (layout === "single") {
      if (Option.isSome(variant)) return yield* new InputError({ message: "--variant needs --layout exchange" })
      if (alsoImport) return yield* new InputError({ message: "--import needs --layout exchange (for one bundle, run kts import)" })
      const summary = yield* runGenerate(scale, seed, out, year)
      const total = Object.values(summary.rowCounts).reduce((sum, rows) => sum + rows, 0)
      yield* Console.log(`wrote a ${scale} bundle (seed ${seed}) to ${out}: ${summary.files.length} files, ${total} rows`)
      return
    }
    if (scale === "district") return yield* new InputError({ message: "--layout exchange is made at --scale tiny or --scale state, not district" })
    if (year !== undefined && (year < 1901 || year > 9998)) return yield* new InputError({ message: `--end-year must be a 4-digit year, got ${year}` })
    // Another world's district folders would linger beside this one's (and be picked up by an import loop).
    if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, "world.json"))) {
      return yield* new InputError({ message: `${out} is not empty: write an exchange world into a new or empty folder` })
    }
    const world = yield* runGenerateWorld(scale, seed, out, VARIANTS[Option.getOrElse(variant, () => "mid-year" as const)], year)
    if (alsoImport) yield* importWorld(world, out)
    for (const line of worldReport(world, out, alsoImport)) yield* Console.log(line)
  })).pipe(
    Command.withDescription("Write synthetic, valid data; byte-identical for the same scale, seed, layout and variant"),
    Command.withExamples([
      { command: "kts generate --scale tiny --seed 7 --out ./tiny", description: "A demo bundle" },
      { command: "kts generate --scale tiny --layout exchange --out ./world --import", description: "A small exchange world, its stores created" }
    ])
  )
