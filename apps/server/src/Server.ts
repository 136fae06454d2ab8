/**
 * `startServer`: one process serving the JSON API and the pages over the
 * databases of an exchange configuration, on Effect's HTTP router and the
 * Node HTTP server. Closing it stops accepting connections and lets the
 * requests in flight finish.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { endYearOf } from "@kts/domain"
import { loadExchangeConfig } from "@kts/sync/shell"
import { Duration, Effect, Exit, Fiber, Layer } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"
import { defaultAccessLogFile } from "./AccessLog.js"
import type { ExchangeConfig } from "./AccessScope.js"
import { apiRoutes } from "./Api.js"
import { type App, type LogEntry, type Route, Sessions } from "./App.js"
import { dispatch } from "./Dispatch.js"
import { apiReferencePage, openApiDocument, type PublicEndpoint } from "./OpenApi.js"
import { pageRoutes } from "./Pages.js"
import { htmlReply, jsonReply, notFound, type Reply } from "./Reply.js"
import { readDirectory } from "./SchoolData.js"
import { defaultTokensFile, TokenRegistry } from "./Tokens.js"

/** The server's version, shown in the OpenAPI document. */
export const SERVER_VERSION = "0.1.0"

/** How to start the server. */
export interface ServerOptions {
  /** The exchange configuration (`exchange.json`). */
  readonly configFile: string
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 8080; 0 picks a free port. */
  readonly port?: number | undefined
  /** Default `tokens.json` beside the configuration. */
  readonly tokensFile?: string | undefined
  /** Default `access-log.jsonl` beside the configuration. */
  readonly accessLogFile?: string | undefined
  /** Where structured log lines go; default one JSON line each on stderr. */
  readonly log?: ((entry: LogEntry) => void) | undefined
  /** Today, YYYY-MM-DD; default the machine's local date. */
  readonly today?: (() => string) | undefined
  /** How long requests in flight may take to finish on close; default 20 s. */
  readonly shutdownTimeoutMs?: number | undefined
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string
  readonly port: number
  /** Stops accepting connections, waits for requests in flight (up to the shutdown timeout), closes. */
  readonly close: () => Promise<void>
}

const localToday = (): string => {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`
}

const stderrLog = (entry: LogEntry): void => {
  process.stderr.write(`${JSON.stringify(entry)}\n`)
}

/** The public endpoints beside the route table. */
export const publicEndpoints: ReadonlyArray<PublicEndpoint> = [
  { method: "GET", path: "/healthz", summary: "Liveness: 200 while the server serves", contentType: "application/json" },
  { method: "GET", path: "/openapi.json", summary: "This document", contentType: "application/json" },
  { method: "GET", path: "/docs", summary: "The API reference page", contentType: "text/html" }
]

/** Every route: the API's, then the pages'. */
export const routes: ReadonlyArray<Route> = [...apiRoutes, ...pageRoutes]

const toResponse = (reply: Reply): HttpServerResponse.HttpServerResponse => {
  const { "content-type": contentType, ...headers } = reply.headers
  const options = { status: reply.status, headers, ...(contentType === undefined ? {} : { contentType }) }
  if (typeof reply.body === "string") {
    return reply.body === "" ? HttpServerResponse.empty(options) : HttpServerResponse.text(reply.body, options)
  }
  // A Node stream piped to the response: each chunk is written as it is made (the first one,
  // the report's head, goes out with the status line), reading at most 64 KB ahead.
  return HttpServerResponse.raw(Readable.from(reply.body, { objectMode: false, highWaterMark: 1 << 16 }), options)
}

/** `/api/schools/{school}/alerts` as the router's `/api/schools/:school/alerts`. */
const routerPath = (path: string): `/${string}` => path.replace(/\{(\w+)\}/g, ":$1") as `/${string}`

/** The app state of a configuration. */
export const makeApp = (config: ExchangeConfig, options: ServerOptions): App => ({
  config,
  directory: readDirectory(config),
  tokens: new TokenRegistry(options.tokensFile ?? defaultTokensFile(options.configFile)),
  sessions: new Sessions(),
  accessLogFile: options.accessLogFile ?? defaultAccessLogFile(options.configFile),
  log: options.log ?? stderrLog,
  today: options.today ?? localToday
})

const routesLayer = (app: App) => {
  const document = openApiDocument(routes, publicEndpoints, SERVER_VERSION)
  const documentReply = jsonReply(document)
  const referenceReply = htmlReply(apiReferencePage(document))
  return HttpRouter.use((router) =>
    Effect.gen(function*() {
      yield* router.add("GET", "/healthz", Effect.sync(() => toResponse(jsonReply({ status: "ok", endYear: endYearOf(app.today()) }))))
      yield* router.add("GET", "/openapi.json", Effect.sync(() => toResponse(documentReply)))
      yield* router.add("GET", "/docs", Effect.sync(() => toResponse(referenceReply)))
      for (const route of routes) {
        yield* router.add(route.method, routerPath(route.path), Effect.gen(function*() {
          const request = yield* HttpServerRequest.HttpServerRequest
          const pathParams = yield* HttpRouter.params
          const url = new URL(request.url, "http://server")
          const body = route.method === "POST" ? yield* Effect.orElseSucceed(request.text, () => "") : ""
          const reply = yield* Effect.promise(() =>
            dispatch(app, route, { headers: request.headers as Record<string, string | undefined>, pathParams, query: url.searchParams, body })
          )
          return toResponse(reply)
        }))
      }
      yield* router.add("*", "/api/*", Effect.sync(() => toResponse(notFound())))
    })
  )
}

/**
 * Starts the server over the configuration in `options.configFile` (checked
 * first: a bad configuration throws `ExchangeConfigError`).
 */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const config = loadExchangeConfig(options.configFile)
  const app = makeApp(config, options)
  const host = options.host ?? "127.0.0.1"
  const server: Server = createServer()
  const listening = new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve())
    server.once("error", reject)
  })
  const serve = HttpRouter.serve(routesLayer(app), { disableLogger: true, disableListenLog: true }).pipe(
    Layer.provide(NodeHttpServer.layer(() => server, {
      port: options.port ?? 8080,
      host,
      gracefulShutdownTimeout: Duration.millis(options.shutdownTimeoutMs ?? 20_000)
    }))
  )
  const fiber = Effect.runFork(Layer.launch(serve))
  const failed = Effect.runPromise(Fiber.await(fiber)).then((exit) => {
    throw Exit.isFailure(exit) ? new Error(`the server stopped: ${String(exit.cause)}`) : new Error("the server stopped")
  })
  await Promise.race([listening, failed])
  const port = (server.address() as AddressInfo).port
  app.log({ time: new Date().toISOString(), level: "info", event: "listening", url: `http://${host}:${port}`, schools: app.directory.size })
  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => {
      closing ??= Effect.runPromise(Fiber.interrupt(fiber)).then(() => {
        app.log({ time: new Date().toISOString(), level: "info", event: "stopped" })
      })
      return closing
    }
  }
}
