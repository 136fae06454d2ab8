/**
 * `kts exchange run|approve|status|attendance`: the nightly KTS Data Exchange
 * over the databases an `exchange.json` names, and its real-time attendance report.
 */
import { isLocalDate, localDateTimeOf } from "@kts/domain"
import {
  approveHold,
  attendanceReport,
  ExchangeBadFlag,
  exchangeStatus,
  formatNightReport,
  formatStatus,
  nightFailure,
  runExchange,
  StageNames,
  writeAttendanceReport
} from "@kts/sync/shell"
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure } from "../Errors.js"
import { makeProgressBar } from "../Progress.js"

const config = Flag.String("config").pipe(Flag.withDescription("The exchange's configuration file (exchange.json)"))

/** Today's local date (YYYY-MM-DD). */
const today = (): string => localDateTimeOf(new Date()).slice(0, 10)

const checkDate = (flag: string, value: string | undefined) =>
  value === undefined || isLocalDate(value)
    ? Effect.succeed(value)
    : Effect.fail(new ExchangeBadFlag({ flag, value, reason: "expected a real date YYYY-MM-DD" }))

const attempt = <A>(run: () => A) => Effect.try({ try: run, catch: classifyFailure })

/** Makes the process die abruptly after `n` committed units (kill-and-rerun tests only). */
const killAfter = (): ((applied: number) => void) | undefined => {
  const limit = Number(process.env["KTS_TEST_KILL_AFTER_UNITS"] ?? "")
  if (!Number.isInteger(limit) || limit <= 0) return undefined
  return (applied) => {
    if (applied >= limit) process.kill(process.pid, "SIGKILL")
  }
}

/** `kts exchange run`. */
export const exchangeRunCommand = Command.make("run", {
  config,
  date: Flag.String("date").pipe(Flag.withDescription("The night's date YYYY-MM-DD (default: today)"), Flag.optional),
  endYear: Flag.Int("end-year").pipe(Flag.withDescription("School year by its end year (default: the one holding --date)"), Flag.optional),
  stage: Flag.Literals("stage", StageNames).pipe(
    Flag.withDescription("Run only this stage (repeat for several; they still run in the night's order)"),
    Flag.atLeast(0)
  ),
  dryRun: Flag.Boolean("dry-run").pipe(Flag.withDescription("Compute and print the night, writing nothing"), Flag.withDefault(false)),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the night as one JSON document"), Flag.withDefault(false)),
  emit: Flag.String("emit").pipe(Flag.withDescription("Also write each database's changes as a delta bundle DIR/{database}/"), Flag.optional)
}, (flags) =>
  Effect.gen(function*() {
    const night = (yield* checkDate("--date", Option.getOrUndefined(flags.date))) ?? today()
    const endYear = Option.getOrUndefined(flags.endYear)
    if (endYear !== undefined && (endYear < 1000 || endYear > 9999)) {
      return yield* new ExchangeBadFlag({ flag: "--end-year", value: String(endYear), reason: "expected a 4-digit year" })
    }
    const bar = makeProgressBar("exchange")
    const report = yield* attempt(() =>
      runExchange(flags.config, {
        night,
        endYear,
        stages: flags.stage.length === 0 ? undefined : flags.stage,
        dryRun: flags.dryRun,
        emitDir: Option.getOrUndefined(flags.emit),
        onUnit: (done, total, label) => bar.update(done, total, label),
        afterCommit: killAfter()
      })
    ).pipe(Effect.ensuring(Effect.sync(bar.finish)))
    yield* Console.log(flags.json ? JSON.stringify(report, null, 2) : formatNightReport(report))
    const failure = nightFailure(flags.config, report)
    if (failure !== undefined) return yield* failure
  })).pipe(
    Command.withDescription(
      "Run one night of the exchange: publish, rosters, grades, attendance; each unit in one transaction, a re-run finishes a killed night"
    ),
    Command.withExamples([{ command: "kts exchange run --config exchange.json --date 2025-01-15", description: "The night of Jan 15, 2025" }])
  )

/** `kts exchange approve`. */
export const exchangeApproveCommand = Command.make("approve", {
  config,
  hold: Flag.String("hold").pipe(Flag.withDescription("The hold's id (or DATABASE:ID when several technical databases have it)"))
}, (flags) =>
  Effect.gen(function*() {
    const result = yield* attempt(() => approveHold(flags.config, flags.hold, today()))
    yield* Console.log(
      result.alreadyApproved
        ? `hold ${result.holdID} (${result.school}, night ${result.night}) was already approved on ${result.approvedOn}`
        : `approved hold ${result.holdID} (${result.school}, night ${result.night}): the next night applies its rosters stage`
    )
  })).pipe(Command.withDescription("Approve a held rosters stage: the technical school's next night applies it whatever its size"))

/** `kts exchange status`. */
export const exchangeStatusCommand = Command.make("status", {
  config,
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the status as JSON"), Flag.withDefault(false))
}, (flags) =>
  Effect.gen(function*() {
    const status = yield* attempt(() => exchangeStatus(flags.config))
    yield* Console.log(flags.json ? JSON.stringify(status, null, 2) : formatStatus(status))
  })).pipe(Command.withDescription("Each unit's last night, open holds and open alerts per school"))

/** `kts exchange attendance`. */
export const exchangeAttendanceCommand = Command.make("attendance", {
  config,
  district: Flag.String("district").pipe(Flag.withDescription("The high school's district number")),
  school: Flag.String("school").pipe(Flag.withDescription("The high school's number")),
  from: Flag.String("from").pipe(Flag.withDescription("First date YYYY-MM-DD (default: 13 days before --to)"), Flag.optional),
  to: Flag.String("to").pipe(Flag.withDescription("Last date YYYY-MM-DD (default: today)"), Flag.optional),
  format: Flag.Literals("format", ["csv", "html", "both"] as const).pipe(Flag.withDescription("Which files to write"), Flag.withDefault("csv")),
  out: Flag.String("out").pipe(Flag.withDescription("Folder for the files (default: the current folder)"), Flag.withDefault("."))
}, (flags) =>
  Effect.gen(function*() {
    const from = yield* checkDate("--from", Option.getOrUndefined(flags.from))
    const to = yield* checkDate("--to", Option.getOrUndefined(flags.to))
    const report = yield* attempt(() =>
      attendanceReport(flags.config, { district: flags.district, school: flags.school, from, to, today: today() })
    )
    const files = yield* attempt(() => writeAttendanceReport(report, flags.format, flags.out))
    for (const file of files) yield* Console.log(`wrote ${file}`)
    yield* Console.log(`${report.rows.length} attendance rows, ${report.from} to ${report.to}`)
  })).pipe(Command.withDescription("The real-time attendance report of one high school's KTS students, from the technical schools' databases"))

/** `kts exchange`. */
export const exchangeCommand = Command.make("exchange").pipe(
  Command.withDescription("The nightly KTS Data Exchange between technical-school and high-school databases"),
  Command.withSubcommands([exchangeRunCommand, exchangeApproveCommand, exchangeStatusCommand, exchangeAttendanceCommand])
)
