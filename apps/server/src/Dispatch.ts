/**
 * One request through one route, independent of the HTTP library:
 * authenticate (bearer token or session cookie), decode the parameters,
 * call the handler, turn failures into problem documents or pages, write
 * the request's log line. The packages' tagged errors map to statuses here.
 */
import { Cookies } from "effect/http"
import { type App, accessRecord, type Caller, NotInScope, type Route, type RouteRequest } from "./App.js"
import { appendAccessRecord } from "./AccessLog.js"
import { HandlerBadParameter } from "./Api.js"
import { html, page } from "./Html.js"
import { BadParameter, decodeParam } from "./Params.js"
import { SESSION_COOKIE } from "./Pages.js"
import { badParameter, htmlReply, notFound, problemReply, redirectReply, type Reply, unauthorized } from "./Reply.js"

/** A request as the HTTP layer hands it over. */
export interface IncomingRequest {
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly pathParams: Readonly<Record<string, string | undefined>>
  readonly query: URLSearchParams
  /** The body of a form post (`application/x-www-form-urlencoded`), else "". */
  readonly body: string
}

/** Who is asking: a valid bearer token, else a live session whose token is still active. */
export const authenticate = (app: App, headers: IncomingRequest["headers"]): Caller | null => {
  const authorization = headers["authorization"]
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    const token = match === null ? undefined : app.tokens.verify(match[1]!)
    return token === undefined ? null : { token, scope: token.scope, session: null }
  }
  const cookie = headers["cookie"]
  if (cookie === undefined) return null
  const sessionId = Cookies.parseHeader(cookie)[SESSION_COOKIE]
  const session = sessionId === undefined ? undefined : app.sessions.get(sessionId)
  const token = session === undefined ? undefined : app.tokens.active(session.tokenId)
  return session === undefined || token === undefined ? null : { token, scope: token.scope, session }
}

// lead-extract and the sync shell name their flags as the CLI spells them; the API's names differ.
const QUERY_NAMES: Readonly<Record<string, string>> = { "--end-year": "endYear", "--from": "from", "--to": "to", "--as-of": "asOf", "--school": "school", "--district": "district" }

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" ? error._tag : undefined

/** A handler's failure as a reply (API: problem documents; pages: the same status with a short page). */
export const failureReply = (route: Route, error: unknown): { reply: Reply; logged?: string } => {
  const asPage = (status: number, title: string, text: string): Reply => htmlReply(page(title, html`<p class="error">${text}</p><p><a href="/">Back</a></p>`), status)
  const bad = (parameter: string, reason: string): Reply =>
    route.kind === "api" ? badParameter(parameter, reason) : asPage(400, "Bad request", `${parameter}: ${reason}`)
  if (error instanceof NotInScope) return { reply: route.kind === "api" ? notFound() : asPage(404, "Not found", "Nothing here, or not in your scope.") }
  if (error instanceof BadParameter || error instanceof HandlerBadParameter) return { reply: bad(error.parameter, error.reason) }
  const e = error as Record<string, unknown>
  switch (tagOf(error)) {
    case "InvalidLeadParameter":
      return { reply: bad(QUERY_NAMES[String(e["parameter"])] ?? String(e["parameter"]), String(e["expected"] ?? (error as Error).message)) }
    case "LeadDateRangeReversed":
      return { reply: bad("from", (error as Error).message) }
    case "NoCalendarsForEndYear":
      return { reply: bad("endYear", (error as Error).message) }
    case "UnknownDistrictNumber":
      return { reply: route.kind === "api" ? notFound() : asPage(404, "Not found", "Nothing here, or not in your scope.") }
    case "ExchangeBadFlag":
      return { reply: bad(QUERY_NAMES[String(e["flag"])] ?? String(e["flag"]), String(e["reason"])) }
    case "GradeCheckInputError": {
      // grade-check names the flag at fault first (`--course 1234: …`, `--state-id …`).
      const flag = /^(--[a-z-]+)/.exec((error as Error).message)?.[1]
      return { reply: bad(flag === "--course" ? "course" : flag === "--district" ? "school" : "stateID", (error as Error).message) }
    }
    case "ExchangeLocked":
      return { reply: problemReply(409, "Conflict", "a night of the exchange is running; try again when it has finished"), logged: "ExchangeLocked" }
    case "StoreBusy":
      return { reply: problemReply(503, "Service Unavailable", "a database is busy; try again"), logged: "StoreBusy" }
  }
  return { reply: problemReply(500, "Internal Server Error"), logged: `${tagOf(error) ?? (error instanceof Error ? error.name : "unknown")}: ${error instanceof Error ? error.message : String(error)}` }
}

/** Runs `route` for one request. Never throws. */
export const dispatch = async (app: App, route: Route, incoming: IncomingRequest): Promise<Reply> => {
  const started = performance.now()
  const caller = authenticate(app, incoming.headers)
  let reply: Reply
  let failure: string | undefined
  if (route.access === "token" && caller === null) {
    reply = route.kind === "api" ? unauthorized() : redirectReply("/login")
  } else if (route.method === "POST" && route.access === "token" && caller !== null && caller.session !== null && route.kind === "api" &&
    incoming.headers["x-csrf-token"] !== caller.session.csrf) {
    reply = problemReply(403, "Forbidden", "a cookie-authenticated POST must carry the session's CSRF token in X-CSRF-Token")
  } else {
    try {
      const values: Record<string, unknown> = {}
      for (const spec of route.params) {
        values[spec.name] = decodeParam(spec, spec.in === "path" ? incoming.pathParams[spec.name] : incoming.query.get(spec.name) ?? undefined)
      }
      const request: RouteRequest = {
        app,
        caller,
        values,
        form: new URLSearchParams(incoming.body),
        headers: incoming.headers,
        record: (school, students) => {
          if (caller !== null) appendAccessRecord(app.accessLogFile, accessRecord(caller, route.path, school, students, new Date()))
        }
      }
      reply = await route.handle(request)
    } catch (error) {
      const mapped = failureReply(route, error)
      reply = mapped.reply
      failure = mapped.logged
    }
  }
  app.log({
    time: new Date().toISOString(),
    level: failure === undefined ? "info" : "error",
    event: "request",
    method: route.method,
    route: route.path,
    status: reply.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    token: caller?.token.id ?? null,
    ...(failure === undefined ? {} : { error: failure })
  })
  return reply
}
