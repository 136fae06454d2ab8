/**
 * What a route answers, independent of the HTTP library: a status, headers
 * and a body that is text or a stream of text chunks. The server turns it
 * into an Effect `HttpServerResponse` in one place.
 */

/** A route's answer. */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | AsyncIterable<string>
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store"
} as const

/** A JSON document. */
export const jsonReply = (body: unknown, status = 200): Reply => ({
  status,
  headers: { ...SECURITY_HEADERS, "content-type": "application/json; charset=utf-8" },
  body: `${JSON.stringify(body, null, 2)}\n`
})

/** An HTML page (scripts allowed only from this server; none inline). */
export const htmlReply = (body: string, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: {
    ...SECURITY_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'",
    ...headers
  },
  body
})

/** A file download (streamed when the body is). */
export const downloadReply = (body: string | AsyncIterable<string>, contentType: string, fileName: string | null): Reply => ({
  status: 200,
  headers: {
    ...SECURITY_HEADERS,
    "content-type": contentType,
    ...(fileName === null ? {} : { "content-disposition": `attachment; filename="${fileName}"` })
  },
  body
})

/** A redirect after a form post or to the login page. */
export const redirectReply = (location: string, headers: Record<string, string> = {}): Reply => ({
  status: 303,
  headers: { ...SECURITY_HEADERS, location, ...headers },
  body: ""
})

/** An RFC 9457 problem document. `parameter` names the parameter at fault (400). */
export const problemReply = (status: number, title: string, detail?: string, parameter?: string, reason?: string): Reply => ({
  status,
  headers: { ...SECURITY_HEADERS, "content-type": "application/problem+json; charset=utf-8" },
  body: `${JSON.stringify({
    type: "about:blank",
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(parameter === undefined ? {} : { parameter, "invalid-params": [{ name: parameter, reason: reason ?? detail ?? title }] })
  })}\n`
})

/** 404 that says nothing about what was asked for. */
export const notFound = (): Reply => problemReply(404, "Not Found")

/** 401: no token, an unknown one or a revoked one. */
export const unauthorized = (): Reply => ({
  ...problemReply(401, "Unauthorized", "a valid token is required: Authorization: Bearer <token>"),
  headers: { ...problemReply(401, "Unauthorized").headers, "www-authenticate": "Bearer" }
})

/** 400 naming the parameter at fault. */
export const badParameter = (parameter: string, reason: string): Reply => problemReply(400, "Bad Request", `${parameter}: ${reason}`, parameter, reason)
