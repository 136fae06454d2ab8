/**
 * `kts alerts --db FILE`: a store's process alerts, open ones (or all), newest first.
 */
import { formatAlert, listAlerts } from "@kts/sync/shell"
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure } from "../Errors.js"

/** The `alerts` command. */
export const alertsCommand = Command.make("alerts", {
  db: Flag.String("db").pipe(Flag.withDescription("The store file")),
  school: Flag.String("school").pipe(Flag.withDescription("Only this school number (030, or 902-030)"), Flag.optional),
  all: Flag.Boolean("all").pipe(Flag.withDescription("Resolved alerts too"), Flag.withDefault(false)),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the alerts as a JSON array"), Flag.withDefault(false))
}, (flags) =>
  Effect.gen(function*() {
    const alerts = yield* Effect.try({
      try: () => listAlerts(flags.db, { school: Option.getOrUndefined(flags.school), all: flags.all, schoolMustExist: true }),
      catch: classifyFailure
    })
    if (flags.json) {
      yield* Console.log(JSON.stringify(alerts, null, 2))
      return
    }
    if (alerts.length === 0) yield* Console.log(flags.all ? "no alerts" : "no open alerts")
    for (const alert of alerts) yield* Console.log(formatAlert(alert))
  })).pipe(Command.withDescription("List the exchange's process alerts of a store: open ones (or --all), newest first"))
