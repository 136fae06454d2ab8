/**
 * The `kts` command: parses arguments, calls the packages, prints. No rules here.
 *
 * Exit status: 0 done; otherwise the failure's entry in `ExitStatusByTag`
 * (Errors.ts): 2 input the user must fix (bad bundle, bad flag), 1 anything else.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit } from "effect"
import { CliError, Command } from "effect/cli"
import { alertsCommand } from "./commands/Alerts.js"
import { demoCommand } from "./commands/Demo.js"
import { disclosuresCommand } from "./commands/Disclosures.js"
import { exchangeCommand } from "./commands/Exchange.js"
import { exportCommand } from "./commands/Export.js"
import { generateCommand } from "./commands/Generate.js"
import { gradeCheckCommand } from "./commands/GradeCheck.js"
import { importCommand } from "./commands/Import.js"
import { explainCommand, leadExtractCommand } from "./commands/LeadExtract.js"
import { serveCommand } from "./commands/Serve.js"
import { accessLogCommand, tokensCommand } from "./commands/Tokens.js"
import { exitStatusOfFailure, isTaggedFailure } from "./Errors.js"

const VERSION = "0.1.0"

const kts = Command.make("kts").pipe(
  Command.withDescription("Kentucky KTS Data Exchange and KECS LEAD reporting: import bundles, run reports, check setups"),
  Command.withSubcommands([importCommand, exportCommand, leadExtractCommand, explainCommand, generateCommand, demoCommand, gradeCheckCommand, exchangeCommand, alertsCommand, disclosuresCommand, serveCommand, tokensCommand, accessLogCommand])
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

const program = Command.runWith(kts, { version: VERSION })(process.argv.slice(2)).pipe(Effect.provide(NodeServices.layer))

Effect.runPromiseExit(program).then((exit) => {
  const message = messageOf(exit)
  if (message !== undefined) process.stderr.write(`${message}\n`)
  process.exitCode = exitStatusOf(exit)
})
