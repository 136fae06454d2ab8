/**
 * The OpenAPI 3.1 document, generated from the route table (the same
 * declarations the server decodes parameters with), and the API reference
 * page rendered from it on the server (no script, nothing fetched elsewhere).
 */
import type { Route } from "./App.js"
import { html, page } from "./Html.js"

/** Routes that need no token and carry no data, listed in the document too. */
export interface PublicEndpoint {
  readonly method: "GET"
  readonly path: string
  readonly summary: string
  readonly contentType: string
}

/** The OpenAPI document of `routes` (API routes only) and the public endpoints. */
export const openApiDocument = (routes: ReadonlyArray<Route>, publicEndpoints: ReadonlyArray<PublicEndpoint>, version: string) => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    if (route.kind !== "api") continue
    const operation = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, "").split(/[/-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("")}`,
      summary: route.summary,
      tags: [route.tag],
      security: [{ bearer: [] }],
      parameters: route.params.map((spec) => ({
        name: spec.name,
        in: spec.in,
        required: spec.required,
        description: spec.description,
        schema: spec.jsonSchema
      })),
      responses: Object.fromEntries(Object.entries(route.responses).map(([status, response]) => [status, {
        description: response.description,
        ...(response.content === undefined ? {} : { content: Object.fromEntries(response.content.map((type) => [type, {}])) })
      }]))
    }
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation }
  }
  for (const endpoint of publicEndpoints) {
    paths[endpoint.path] = {
      get: { summary: endpoint.summary, security: [], responses: { "200": { description: "OK", content: { [endpoint.contentType]: {} } } } }
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "KTS server API",
      version,
      description: "The KTS Data Exchange and KECS LEAD report, scoped per school. A school in a path is {district}-{school}; " +
        "a request outside the token's scope is answered 404; a bad parameter 400 with an RFC 9457 problem document naming it."
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths
  }
}

/** The API reference page. */
export const apiReferencePage = (document: ReturnType<typeof openApiDocument>): string =>
  page("API reference", html`
<p>${document.info.description}</p>
<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a>. Send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
${Object.entries(document.paths).map(([path, methods]) => Object.entries(methods).map(([method, operation]) => {
    const op = operation as { summary: string; parameters?: Array<{ name: string; in: string; required: boolean; description: string }>; responses: Record<string, { description: string }> }
    return html`<section class="endpoint"><h2><code>${method.toUpperCase()} ${path}</code></h2><p>${op.summary}</p>
${op.parameters === undefined || op.parameters.length === 0 ? "" : html`<div class="table-wrap"><table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr></thead><tbody>${op.parameters.map((spec) => html`<tr><td><code>${spec.name}</code></td><td>${spec.in}</td><td>${spec.required ? "yes" : "no"}</td><td>${spec.description}</td></tr>`)}</tbody></table></div>`}
<p>Responses: ${Object.entries(op.responses).map(([status, response]) => `${status} ${response.description}`).join("; ")}</p></section>`
  }))}`)
