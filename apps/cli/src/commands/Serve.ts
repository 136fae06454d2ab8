/**
 * `kts serve`: the HTTP API and pages over the exchange's databases
 * (`@kts/server`). Runs until SIGINT or SIGTERM, then lets the requests in
 * flight finish before it exits.
 */
import { startServer } from "@kts/server"
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"

const stopSignal = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: string) => () => resolve(signal)
    process.once("SIGINT", stop("SIGINT"))
    process.once("SIGTERM", stop("SIGTERM"))
  })

/** The `serve` command. */
export const serveCommand = Command.make("serve", {
  config: Flag.String("config").pipe(Flag.withDescription("The exchange configuration (exchange.json)")),
  host: Flag.String("host").pipe(Flag.withDescription("Address to listen on"), Flag.withDefault("127.0.0.1")),
  port: Flag.String("port").pipe(Flag.withDescription("Port to listen on (0: any free port)"), Flag.withDefault("8080")),
  tokens: Flag.String("tokens").pipe(Flag.withDescription("The tokens file (default: tokens.json beside the configuration)"), Flag.optional)
}, (flags) =>
  Effect.gen(function*() {
    if (!/^\d{1,5}$/.test(flags.port) || Number(flags.port) > 65535) {
      return yield* new InputError({ message: `--port ${flags.port}: expected a port number from 0 to 65535` })
    }
    const server = yield* Effect.tryPromise({
      try: () => startServer({ configFile: flags.config, host: flags.host, port: Number(flags.port), tokensFile: Option.getOrUndefined(flags.tokens) }),
      catch: classifyFailure
    })
    yield* Effect.sync(() => process.stdout.write(`serving ${server.url} (API reference ${server.url}/docs)\n`))
    yield* Effect.promise(stopSignal)
    yield* Effect.promise(() => server.close())
  })).pipe(
    Command.withDescription("Serve the KTS API and pages, scoped per school by token, over the exchange's databases"),
    Command.withExamples([{ command: "kts serve --config exchange.json --port 8080", description: "Serve on 127.0.0.1:8080" }])
  )
