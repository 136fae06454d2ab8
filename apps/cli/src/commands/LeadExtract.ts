/**
 * `kts lead-extract` and `kts explain`: the KECS LEAD detail report and, for one
 * student, the evidence behind each of their report values.
 */
import { explainStudent, formatExplanation, LeadFormats, runLeadExtract } from "@kts/lead-extract"
import { Store, type StoreConnection } from "@kts/store"
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure } from "../Errors.js"
import { makeProgressBar } from "../Progress.js"

/** Opens the store read-only (the `Store` service) for the length of `use`; failures stay tagged. */
const withStore = <A>(dbPath: string, use: (store: StoreConnection) => Promise<A> | A) =>
  Effect.gen(function*() {
    const store = yield* Store
    return yield* Effect.tryPromise({ try: async () => use(store), catch: classifyFailure })
  }).pipe(Effect.provide(Store.layer(dbPath, { readonly: true })))

const db = Flag.String("db").pipe(Flag.withDescription("The store file (made by `kts import`)"))
const endYear = Flag.String("end-year").pipe(Flag.withDescription("School year by its end year: 2025 for SY 24-25"))
const asOf = Flag.String("as-of").pipe(
  Flag.withDescription("Run time YYYY-MM-DDTHH:MM: the report's \"today\" and Date Time Generated (default: now)"),
  Flag.optional
)
const from = Flag.String("from").pipe(
  Flag.withDescription("Start of the extract date range, YYYY-MM-DD (default July 1 of end year − 1)"),
  Flag.optional
)
const to = Flag.String("to").pipe(
  Flag.withDescription("End of the extract date range, YYYY-MM-DD (default June 30 of end year)"),
  Flag.optional
)
const includeCrossSite = Flag.Boolean("include-cross-site").pipe(
  Flag.withDescription("Report cross-site sections too (by default they are left out)"),
  Flag.withDefault(false)
)

/** The flags `lead-extract` and `explain` share: the store and the run parameters. */
const runFlags = { db, endYear, asOf, from, to, includeCrossSite }

/** The shared flags as the report's options. */
const runOptions = (flags: {
  readonly endYear: string
  readonly asOf: Option.Option<string>
  readonly from: Option.Option<string>
  readonly to: Option.Option<string>
  readonly includeCrossSite: boolean
}) => ({
  endYear: flags.endYear,
  asOf: Option.getOrUndefined(flags.asOf),
  from: Option.getOrUndefined(flags.from),
  to: Option.getOrUndefined(flags.to),
  excludeCrossSite: !flags.includeCrossSite
})

/** The `lead-extract` command. */
export const leadExtractCommand = Command.make("lead-extract", {
  ...runFlags,
  district: Flag.String("district").pipe(
    Flag.withDescription("Only this state district number (repeat for several; default every district)"),
    Flag.atLeast(0)
  ),
  name: Flag.String("name").pipe(
    Flag.withDescription("Report name: files are KECS_LEAD_<NAME>.csv/.html"),
    Flag.withDefault("Extract")
  ),
  format: Flag.Literals("format", LeadFormats).pipe(Flag.withDescription("Which files to write"), Flag.withDefault("csv")),
  out: Flag.String("out").pipe(Flag.withDescription("Folder for the files (default: the current folder)"), Flag.withDefault("."))
}, (flags) =>
  Effect.gen(function*() {
    const bar = makeProgressBar("lead-extract")
    const result = yield* withStore(flags.db, (store) =>
      runLeadExtract(store, {
        ...runOptions(flags),
        districts: flags.district,
        name: flags.name,
        format: flags.format,
        outDir: flags.out
      }, (done, total) => bar.update(done, total, "sections"))).pipe(Effect.ensuring(Effect.sync(bar.finish)))
    for (const file of result.files) yield* Console.log(`wrote ${file}`)
    yield* Console.log(`${result.sectionCount} sections, ${result.rowCount} rows`)
    return result
  })).pipe(
    Command.withDescription("Write the KECS LEAD detail report (one row per student per section) as CSV and/or HTML"),
    Command.withExamples([{
      command: "kts lead-extract --db kts.db --end-year 2025 --as-of 2025-05-30T08:00 --format both --out reports",
      description: "SY 24-25 for every district, as of a fixed time"
    }])
  )

/** The `explain` command. */
export const explainCommand = Command.make("explain", {
  ...runFlags,
  stateId: Flag.String("state-id").pipe(Flag.withDescription("The student's state ID (SSID)")),
  section: Flag.Int("section").pipe(Flag.withDescription("Only this section ID"), Flag.optional)
}, (flags) =>
  Effect.gen(function*() {
    const report = yield* withStore(flags.db, (store) =>
      explainStudent(store, {
        ...runOptions(flags),
        stateID: flags.stateId,
        sectionID: Option.getOrUndefined(flags.section)
      }))
    yield* Console.log(formatExplanation(report))
  })).pipe(
    Command.withDescription(
      "For one student, each LEAD report row and the evidence behind every derived value (people by state ID and person ID only)"
    )
  )

/** Runs the report for `endYear` as of `asOf` into `outDir`, both formats (for `kts demo`). */
export const runDemoReport = (dbPath: string, outDir: string, endYear: number, asOf: string) =>
  withStore(dbPath, (store) => runLeadExtract(store, { endYear, asOf, format: "both", outDir, name: "Demo" }))
