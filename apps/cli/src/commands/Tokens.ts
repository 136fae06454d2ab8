/**
 * `kts tokens add|list|revoke` and `kts access-log`: the server's tokens
 * (the file stores only their hashes) and its access records.
 */
import { accessLog, formatAccessRecord, formatTokenEntry, type ScopeRequest, tokensAdd, tokensList, tokensRevoke } from "@kts/server"
import { isLocalDate } from "@kts/domain"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"

const configFlag = Flag.String("config").pipe(Flag.withDescription("The exchange configuration (exchange.json)"))
const tokensFlag = Flag.String("tokens").pipe(Flag.withDescription("The tokens file (default: tokens.json beside the configuration)"), Flag.optional)
const optionalText = (name: string, description: string) => Flag.String(name).pipe(Flag.withDescription(description), Flag.optional)

const print = (text: string) => Effect.sync(() => process.stdout.write(text))

const addCommand = Command.make("add", {
  config: configFlag,
  tokens: tokensFlag,
  school: optionalText("school", "A school's token: {district}-{school}, e.g. 165-010"),
  tech: optionalText("tech", "A technical school's token (it also sees its linked high schools' exchange data)"),
  state: Flag.Boolean("state").pipe(Flag.withDescription("A state token (every school)"), Flag.withDefault(false))
}, (flags) =>
  Effect.gen(function*() {
    const school = Option.getOrUndefined(flags.school)
    const tech = Option.getOrUndefined(flags.tech)
    const chosen = [school !== undefined, tech !== undefined, flags.state].filter(Boolean).length
    if (chosen !== 1) return yield* new InputError({ message: "give exactly one of --school D-S, --tech D-S or --state" })
    const request: ScopeRequest = school !== undefined ? { kind: "school", value: school } : tech !== undefined ? { kind: "tech", value: tech } : { kind: "state" }
    const added = yield* Effect.try({ try: () => tokensAdd(flags.config, request, Option.getOrUndefined(flags.tokens)), catch: classifyFailure })
    const scope = added.entry.scope.kind === "state" ? "state" : `${added.entry.scope.kind} ${added.entry.scope.district}-${added.entry.scope.school}`
    yield* print(`added token ${added.entry.id} (${scope}) to ${added.file}; it is shown once, below:\n${added.token}\n`)
  })).pipe(Command.withDescription("Make a token for one scope; prints it once, as the last line"))

const listCommand = Command.make("list", { config: configFlag, tokens: tokensFlag }, (flags) =>
  Effect.gen(function*() {
    const entries = yield* Effect.try({ try: () => tokensList(flags.config, Option.getOrUndefined(flags.tokens)), catch: classifyFailure })
    yield* print(entries.length === 0 ? "no tokens\n" : entries.map((entry) => `${formatTokenEntry(entry)}\n`).join(""))
  })).pipe(Command.withDescription("List the tokens: id, scope, created, revoked"))

const revokeCommand = Command.make("revoke", { config: configFlag, tokens: tokensFlag, id: Argument.String("ID") }, (flags) =>
  Effect.gen(function*() {
    const entry = yield* Effect.try({ try: () => tokensRevoke(flags.config, flags.id, Option.getOrUndefined(flags.tokens)), catch: classifyFailure })
    yield* print(`revoked ${formatTokenEntry(entry)}\n`)
  })).pipe(Command.withDescription("Revoke a token by its id; the server refuses it from the next request"))

/** The `tokens` command. */
export const tokensCommand = Command.make("tokens").pipe(
  Command.withDescription("The server's tokens: each has one scope (a school, a technical school, or the state)"),
  Command.withSubcommands([addCommand, listCommand, revokeCommand])
)

/** The `access-log` command. */
export const accessLogCommand = Command.make("access-log", {
  config: configFlag,
  since: optionalText("since", "Only records from this date (YYYY-MM-DD) or time on"),
  json: Flag.Boolean("json").pipe(Flag.withDescription("One JSON object per line"), Flag.withDefault(false))
}, (flags) =>
  Effect.gen(function*() {
    const since = Option.getOrUndefined(flags.since)
    if (since !== undefined && !isLocalDate(since.slice(0, 10))) return yield* new InputError({ message: `--since ${since}: expected a date YYYY-MM-DD` })
    const records = yield* Effect.try({ try: () => accessLog(flags.config, since), catch: classifyFailure })
    yield* print(records.map((record) => `${flags.json ? JSON.stringify(record) : formatAccessRecord(record)}\n`).join(""))
  })).pipe(Command.withDescription("The server's access records: when, which token and scope, which endpoint and school, how many students"))
