/**
 * The server's state and the shape of its routes: the configuration and its
 * schools, the tokens, the sessions, where access records go, and the
 * route table entry every API endpoint and page is declared with.
 */
import { randomBytes } from "node:crypto"
import type { AccessRecord } from "./AccessLog.js"
import { type AccessScope, type DataKind, type ExchangeConfig, parseSchoolKey, scopeAllows, scopeText } from "./AccessScope.js"
import type { Param } from "./Params.js"
import type { Reply } from "./Reply.js"
import type { KnownSchool } from "./SchoolData.js"
import type { TokenEntry, TokenRegistry } from "./Tokens.js"

/** A structured log entry (no names, no birth dates: routes log ids and counts only). */
export type LogEntry = Readonly<Record<string, string | number | boolean | null>>

/** A page session: the token it logged in with and the CSRF token its forms carry. */
export interface Session {
  readonly id: string
  readonly tokenId: string
  readonly csrf: string
  readonly expires: number
}

/** Sessions in memory (a restart logs everyone out). */
export class Sessions {
  private readonly byId = new Map<string, Session>()

  constructor(private readonly lifetimeMs: number = 8 * 60 * 60 * 1000) {}

  create(tokenId: string, now: number = Date.now()): Session {
    const session = { id: randomBytes(32).toString("base64url"), tokenId, csrf: randomBytes(32).toString("base64url"), expires: now + this.lifetimeMs }
    this.byId.set(session.id, session)
    return session
  }

  get(id: string, now: number = Date.now()): Session | undefined {
    const session = this.byId.get(id)
    if (session === undefined) return undefined
    if (session.expires <= now) {
      this.byId.delete(id)
      return undefined
    }
    return session
  }

  delete(id: string): void {
    this.byId.delete(id)
  }
}

/** Everything a route reads beyond its request. */
export interface App {
  readonly config: ExchangeConfig
  /** The schools of the configuration's databases, by `district-school`. */
  readonly directory: ReadonlyMap<string, KnownSchool>
  readonly tokens: TokenRegistry
  readonly sessions: Sessions
  readonly accessLogFile: string
  readonly log: (entry: LogEntry) => void
  /** Today, YYYY-MM-DD (the server's local date). */
  readonly today: () => string
}

/** Who is asking. */
export interface Caller {
  readonly token: TokenEntry
  readonly scope: AccessScope
  /** Set when the request came with the session cookie (pages, and API calls from pages). */
  readonly session: Session | null
}

/** A request as a route sees it. */
export interface RouteRequest {
  readonly app: App
  readonly caller: Caller | null
  /** Decoded parameters by name. */
  readonly values: Readonly<Record<string, unknown>>
  /** A form post's fields. */
  readonly form: URLSearchParams
  readonly headers: Readonly<Record<string, string | undefined>>
  /** Writes an access record for this request (students > 0 or not: the route decides it carried student data). */
  readonly record: (school: string | null, students: number) => void
}

/** Who may call a route. */
export type RouteAccess = "public" | "token"

/** One endpoint or page. */
export interface Route {
  readonly method: "GET" | "POST"
  /** OpenAPI-style path, `{name}` for a path parameter. */
  readonly path: string
  /** JSON API (problem documents, in the OpenAPI document) or page (HTML, login redirect). */
  readonly kind: "api" | "page"
  readonly access: RouteAccess
  readonly summary: string
  readonly tag: string
  readonly params: ReadonlyArray<Param<any>>
  /** Content types by status, for the OpenAPI document. */
  readonly responses: Readonly<Record<string, { readonly description: string; readonly content?: ReadonlyArray<string> }>>
  /** Whether this route's responses carry student data (then it writes access records). */
  readonly studentData: boolean
  readonly handle: (request: RouteRequest) => Reply | Promise<Reply>
}

/** A request for something outside the caller's scope, or that does not exist: 404, naming nothing. */
export class NotInScope extends Error {
  constructor() {
    super("not found")
  }
}

/** The school named in a path, when it exists and the caller may read `kind` data of it; else `NotInScope`. */
export const schoolInScope = (request: RouteRequest, text: string, kind: DataKind = "exchange"): KnownSchool => {
  const key = parseSchoolKey(text)
  const school = key === undefined ? undefined : request.app.directory.get(text)
  if (school === undefined || request.caller === null || !scopeAllows(request.app.config, request.caller.scope, school, kind)) throw new NotInScope()
  return school
}

/** The access record of a request. */
export const accessRecord = (caller: Caller, endpoint: string, school: string | null, students: number, time: Date): AccessRecord => ({
  time: time.toISOString(),
  tokenId: caller.token.id,
  scope: scopeText(caller.scope),
  endpoint,
  school,
  students
})
