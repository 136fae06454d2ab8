/**
 * The `kts` command: parses arguments, calls the packages, prints. No rules here.
 *
 * Exit status: 0 done, 2 input the user must fix (bad bundle, bad flag), 1 anything else.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit } from "effect"
import { CliError, Command } from "effect/cli"
import { demoCommand } from "./commands/Demo.js"
import { exportCommand } from "./commands/Export.js"
import { generateCommand } from "./commands/Generate.js"
import { importCommand } from "./commands/Import.js"
import { explainCommand, leadExtractCommand } from "./commands/LeadExtract.js"
import { InputError, RunError } from "./Errors.js"

const VERSION = "0.1.0"

const kts = Command.make("kts").pipe(
  Command.withDescription("Kentucky KTS Data Exchange and KECS LEAD reporting: import bundles, run reports, check setups"),
  Command.withSubcommands([importCommand, exportCommand, leadExtractCommand, explainCommand, generateCommand, demoCommand])
)

const exitStatusOf = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return 0
  const failure = exit.cause.reasons.find(Cause.isFailReason)
  const error = failure?.error
  if (error instanceof InputError) return 2
  if (CliError.isCliError(error)) return error._tag === "ShowHelp" && error.errors.length === 0 ? 0 : 2
  return 1
}

const messageOf = (exit: Exit.Exit<unknown, unknown>): string | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const failure = exit.cause.reasons.find(Cause.isFailReason)
  const error = failure?.error
  if (error instanceof InputError || error instanceof RunError) return `kts: ${error.message}`
  if (CliError.isCliError(error)) return undefined // effect/cli has printed it with the help
  return `kts: unexpected failure\n${Cause.pretty(exit.cause)}`
}

const program = Command.runWith(kts, { version: VERSION })(process.argv.slice(2)).pipe(Effect.provide(NodeServices.layer))

Effect.runPromiseExit(program).then((exit) => {
  const message = messageOf(exit)
  if (message !== undefined) process.stderr.write(`${message}\n`)
  process.exitCode = exitStatusOf(exit)
})
