/**
 * `kts demo`: the whole pipeline on tiny synthetic data, in a temporary folder:
 * the LEAD report, then one night of the exchange on a tiny world, its alerts,
 * the real-time attendance report and a grade check.
 */
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runGradeCheck } from "@kts/grade-check"
import { attendanceReport, formatAlert, formatNightReport, listAlerts, loadExchangeConfig, runExchange, writeAttendanceReport } from "@kts/sync/shell"
import { Console, Effect, Option, Schema } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"
import { importWorld, runGenerate, runGenerateWorld } from "./Generate.js"
import { runImport } from "./Import.js"
import { runDemoReport } from "./LeadExtract.js"

/** The synthetic data's school year, and a fixed run time late in it, so the demo prints the same every day. */
const DEMO_END_YEAR = 2025
const DEMO_AS_OF = "2025-05-20T08:00"

/** The part of the world's `world.json` the demo reads: the night and where the misconfigurations sit. */
const WorldFile = Schema.Struct({
  night: Schema.String,
  misconfigurations: Schema.Array(Schema.Struct({
    kind: Schema.String,
    database: Schema.String,
    district: Schema.String,
    school: Schema.String,
    task: Schema.optionalKey(Schema.String)
  }))
})

/** The misconfiguration the grade check shows: a high school whose active mask sits on the wrong term. */
const MASK_ON_WRONG_TERM = "hs.activeMaskWrongTerm"

const attempt = <A>(run: () => A) => Effect.try({ try: run, catch: classifyFailure })
const indent = (text: string) => text.split("\n").map((line) => `   ${line}`).join("\n")

/** Steps 4–8: a tiny mid-year exchange world, one night, its alerts, the attendance report, a grade check. */
const exchangeDemo = Effect.fn("exchangeDemo")(function*(folder: string, seed: number) {
  const worldDir = join(folder, "world")
  yield* Console.log(`4. generating a tiny mid-year exchange world (seed ${seed}) into ${worldDir} and importing its stores`)
  const world = yield* runGenerateWorld("tiny", seed, worldDir, "midYear", DEMO_END_YEAR)
  yield* importWorld(world, worldDir)
  yield* Console.log(`   ${world.databases.length} databases, ${world.counts.links} links, ${world.counts.ktsStudents} students on KTS sections`)
  const worldFile = yield* attempt(() => Schema.decodeUnknownSync(WorldFile)(JSON.parse(readFileSync(world.worldFile, "utf8"))))
  const config = yield* attempt(() => loadExchangeConfig(world.configFile))

  yield* Console.log(`5. the exchange's night of ${worldFile.night}`)
  const night = yield* attempt(() => runExchange(world.configFile, { night: worldFile.night }))
  yield* Console.log(indent(formatNightReport(night)))

  const faulty = worldFile.misconfigurations.find((misconfiguration) => misconfiguration.kind === MASK_ON_WRONG_TERM)
  if (faulty === undefined) return yield* new InputError({ message: `${world.worldFile}: no ${MASK_ON_WRONG_TERM} misconfiguration to show` })
  const highSchool = `${faulty.district}-${faulty.school}`
  const dbPath = config.databases.get(faulty.database)
  if (dbPath === undefined) return yield* new InputError({ message: `${world.configFile}: no database ${faulty.database}` })
  yield* Console.log(`6. open alerts of high school ${highSchool} (its CTE Term Grade active mask sits on the wrong term)`)
  const alerts = yield* attempt(() => listAlerts(dbPath, { school: highSchool }))
  for (const alert of alerts) yield* Console.log(indent(formatAlert(alert)))

  const synced = config.links.find((link) => link.attendanceSync)
  if (synced !== undefined) {
    const { district, school } = synced.highSchool
    yield* Console.log(`7. real-time attendance report of high school ${district}-${school} (attendance sync on)`)
    const report = yield* attempt(() => attendanceReport(world.configFile, { district, school, to: worldFile.night, today: worldFile.night }))
    const files = yield* attempt(() => writeAttendanceReport(report, "both", folder))
    for (const file of files) yield* Console.log(`   wrote ${file}`)
    yield* Console.log(`   ${report.rows.length} attendance rows, ${report.from} to ${report.to}`)
  }

  // The student: the first (in the check's order) whose posted grade did not arrive at that high school.
  const task = faulty.task ?? "CTE Term Grade"
  const schoolCheck = yield* attempt(() =>
    runGradeCheck({
      configFile: world.configFile,
      target: { kind: "school", district: faulty.district, school: faulty.school },
      task,
      asOf: worldFile.night,
      format: "json",
      outDir: folder
    })
  )
  const missing = schoolCheck.document.results.find((result) => result.check === "arrivedAtHighSchool" && result.status === "fail" && result.stateID !== null)
  if (missing === undefined || missing.stateID === null) return
  const course = missing.highSchool?.courseNumber ?? undefined
  yield* Console.log(`8. grade check of State ID ${missing.stateID}, ${task} of course ${course} at ${highSchool}: why the grade did not sync`)
  const studentCheck = yield* attempt(() =>
    runGradeCheck({ configFile: world.configFile, target: { kind: "student", stateID: missing.stateID! }, course, task, asOf: worldFile.night, format: "json", outDir: folder })
  )
  for (const result of studentCheck.document.results) {
    if (result.status !== "fail" || (result.check !== "arrivedAtHighSchool" && result.check !== "highSchoolMasks")) continue
    yield* Console.log(`   ✗ ${result.check}: ${result.finding}`)
    if (result.fix !== null) yield* Console.log(`     fix, by the ${result.fix.who}: ${result.fix.what}`)
  }
  yield* Console.log(`   the whole checklist: pnpm --silent kts grade-check --config ${world.configFile} --state-id ${missing.stateID} --as-of ${worldFile.night}`)
})

/** The `demo` command. */
export const demoCommand = Command.make("demo", {
  out: Flag.String("out").pipe(
    Flag.withDescription("Folder for the demo's files (default: a new temporary folder)"),
    Flag.optional
  ),
  seed: Flag.Int("seed").pipe(Flag.withDescription("Seed of the synthetic data"), Flag.withDefault(1))
}, ({ out, seed }) =>
  Effect.gen(function*() {
    const folder = Option.getOrElse(out, () => mkdtempSync(join(tmpdir(), "kts-demo-")))
    const bundleDir = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    yield* Console.log(`1. generating tiny synthetic data (seed ${seed}) into ${bundleDir}`)
    const summary = yield* runGenerate("tiny", seed, bundleDir)
    yield* Console.log(`   ${summary.files.length} files, ${summary.rowCounts["person"] ?? 0} people`)
    yield* Console.log(`2. importing into ${dbPath}`)
    yield* runImport(bundleDir, dbPath)
    yield* Console.log(`3. KECS LEAD report for end year ${DEMO_END_YEAR}, as of ${DEMO_AS_OF.replace("T", " ")}`)
    const report = yield* runDemoReport(dbPath, folder, DEMO_END_YEAR, DEMO_AS_OF)
    for (const file of report.files) yield* Console.log(`   wrote ${file}`)
    yield* Console.log(`   ${report.sectionCount} sections, ${report.rowCount} rows`)
    yield* exchangeDemo(folder, seed)
    yield* Console.log(`Done. Try: pnpm --silent kts explain --db ${dbPath} --end-year ${DEMO_END_YEAR} --as-of ${DEMO_AS_OF} --state-id <a State ID from the CSV>`)
  })).pipe(
    Command.withDescription(
      "Generate tiny synthetic data, import it and write the LEAD report; then run one exchange night on a tiny world, list its alerts, write an attendance report and check one student's grade"
    )
  )
