/**
 * The `kts` command: parses arguments, calls the packages, prints. No rules here.
 *
 * Exit status: 0 done; otherwise the failure's entry in `ExitStatusByTag`
 * (Errors.ts): 2 input the user must fix (bad bundle, bad flag), 1 anything else.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit } from "effect"
import { CliError, Command } from "effect/cli"
import { exitStatusOfFailure, isTaggedFailure } from "./Errors.js"

const VERSION = "0.1.0"

/**
 * Each subcommand's module, loaded on demand: a command loads only its own
 * packages (`kts exchange run` never loads the server's or the generator's),
 * which keeps a nightly run's start short. Listed in the order help shows them.
 */
const subcommands = {
  import: () => import("./commands/Import.js").then((module) => module.importCommand),
  export: () => import("./commands/Export.js").then((module) => module.exportCommand),
  "lead-extract": () => import("./commands/LeadExtract.js").then((module) => module.leadExtractCommand),
  explain: () => import("./commands/LeadExtract.js").then((module) => module.explainCommand),
  generate: () => import("./commands/Generate.js").then((module) => module.generateCommand),
  demo: () => import("./commands/Demo.js").then((module) => module.demoCommand),
  "grade-check": () => import("./commands/GradeCheck.js").then((module) => module.gradeCheckCommand),
  exchange: () => import("./commands/Exchange.js").then((module) => module.exchangeCommand),
  alerts: () => import("./commands/Alerts.js").then((module) => module.alertsCommand),
  disclosures: () => import("./commands/Disclosures.js").then((module) => module.disclosuresCommand),
  serve: () => import("./commands/Serve.js").then((module) => module.serveCommand),
  tokens: () => import("./commands/Tokens.js").then((module) => module.tokensCommand),
  "access-log": () => import("./commands/Tokens.js").then((module) => module.accessLogCommand)
} as const

const args = process.argv.slice(2)
const named = args[0] !== undefined && Object.hasOwn(subcommands, args[0]) ? args[0] as keyof typeof subcommands : undefined
// Only the version asked for: no subcommand is needed to print it.
const versionOnly = args.length === 1 && (args[0] === "--version" || args[0] === "-v")
// A known subcommand first: only it is loaded; anything else (help, a typo) loads every one.
type Subcommand = Awaited<ReturnType<(typeof subcommands)[keyof typeof subcommands]>>
const loaded: ReadonlyArray<Subcommand> = named !== undefined
  ? [await subcommands[named]()]
  : versionOnly
  ? []
  : await Promise.all(Object.values(subcommands).map((load) => load()))

const kts = Command.make("kts").pipe(
  Command.withDescription("Kentucky KTS Data Exchange and KECS LEAD reporting: import bundles, run reports, check setups"),
  Command.withSubcommands(loaded)
)

const failureOf = (exit: Exit.Exit<unknown, unknown>): unknown =>
  Exit.isSuccess(exit) ? undefined : exit.cause.reasons.find(Cause.isFailReason)?.error

const exitStatusOf = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return 0
  const error = failureOf(exit)
  if (CliError.isCliError(error)) return error._tag === "ShowHelp" && error.errors.length === 0 ? 0 : 2
  return exitStatusOfFailure(error)
}

const messageOf = (exit: Exit.Exit<unknown, unknown>): string | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const error = failureOf(exit)
  if (isTaggedFailure(error)) return `kts: ${error.message}`
  if (CliError.isCliError(error)) return undefined // effect/cli has printed it with the help
  return `kts: unexpected failure\n${Cause.pretty(exit.cause)}`
}

const program = Command.runWith(kts, { version: VERSION })(args).pipe(Effect.provide(NodeServices.layer))

Effect.runPromiseExit(program).then((exit) => {
  const message = messageOf(exit)
  if (message !== undefined) process.stderr.write(`${message}\n`)
  process.exitCode = exitStatusOf(exit)
})
