/**
 * The API through real HTTP on an ephemeral port: every endpoint's happy
 * path, the authorization matrix, 401s, 400 problem documents, the OpenAPI
 * document, and a scan of the logs and the access log for personal data.
 */
import { processAlert } from "@kts/domain"
import { connectStore } from "@kts/store"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addToken, type LogEntry, revokeToken, type RunningServer, startServer } from "../src/index.js"
import { type Fixture, HIGH_SCHOOL, makeFixture, NIGHT, OUTSIDE, SCRIPT_MESSAGE, TECH } from "./fixture.js"

let fixture: Fixture
let server: RunningServer
const logs: Array<LogEntry> = []
const tokens: Record<"state" | "tech" | "school" | "outsideSchool" | "revoked", { id: string; token: string }> = {} as never

beforeAll(async () => {
  fixture = await makeFixture()
  const file = join(fixture.dir, "tokens.json")
  const add = (scope: Parameters<typeof addToken>[1]) => {
    const added = addToken(file, scope)
    return { id: added.entry.id, token: added.token }
  }
  tokens.state = add({ kind: "state" })
  tokens.tech = add({ kind: "tech", district: "101", school: "005" })
  tokens.school = add({ kind: "school", district: "101", school: "010" })
  tokens.outsideSchool = add({ kind: "school", district: "102", school: "010" })
  tokens.revoked = add({ kind: "state" })
  revokeToken(file, tokens.revoked.id)
  server = await startServer({ configFile: fixture.configFile, port: 0, today: () => NIGHT, log: (entry) => logs.push(entry) })
}, 120_000)

afterAll(async () => {
  await server?.close()
})

const call = async (path: string, token: string | null, init: RequestInit = {}) => {
  const response = await fetch(server.url + path, {
    ...init,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(init.headers as Record<string, string> | undefined) }
  })
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() }
}
const json = (text: string) => JSON.parse(text) as Record<string, any>

describe("public endpoints", () => {
  it.each(["/healthz", "/openapi.json", "/docs", "/login"])("%s needs no token", async (path) => {
    expect((await call(path, null)).status).toBe(200)
  })

  it("the OpenAPI document lists every API endpoint with its parameters", async () => {
    const document = json((await call("/openapi.json", null)).text)
    expect(document.openapi).toBe("3.1.0")
    const listed = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    expect(listed.sort()).toEqual([
      "GET /api/districts/{district}/lead",
      "GET /api/exchange",
      "GET /api/schools",
      "GET /api/schools/{school}/alerts",
      "GET /api/schools/{school}/attendance",
      "GET /api/schools/{school}/courses",
      "GET /api/schools/{school}/grade-check",
      "GET /api/schools/{school}/students/{stateID}/disclosures",
      "GET /api/schools/{school}/students/{stateID}/grade-check",
      "GET /docs",
      "GET /healthz",
      "GET /openapi.json",
      "POST /api/exchange/holds/{database}/{holdID}/approve"
    ])
    const alerts = document.paths["/api/schools/{school}/alerts"].get
    expect(alerts.parameters.map((p: { name: string }) => p.name)).toEqual(["school", "status"])
  })

  it("the OpenAPI document is well formed: path parameters declared and required, unique operation ids, described responses", async () => {
    const document = json((await call("/openapi.json", null)).text)
    expect(document.info.title).toEqual(expect.any(String))
    expect(document.info.version).toEqual(expect.any(String))
    const operationIds: Array<string> = []
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)
      for (const name of inPath) expect(name).toMatch(/school|district|stateID|database|holdID/)
      for (const [method, operation] of Object.entries(methods)) {
        expect(["get", "post"]).toContain(method)
        const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string; required: boolean; schema: unknown }>
        expect(parameters.filter((spec) => spec.in === "path").map((spec) => spec.name).sort()).toEqual([...inPath].sort())
        expect(new Set(parameters.map((spec) => `${spec.in} ${spec.name}`)).size).toBe(parameters.length)
        for (const spec of parameters) {
          expect(["path", "query"]).toContain(spec.in)
          if (spec.in === "path") expect(spec.required).toBe(true)
          expect(typeof spec.schema).toBe("object")
        }
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0)
        for (const [status, response] of Object.entries(operation.responses as Record<string, { description: string }>)) {
          expect(status).toMatch(/^[1-5]\d\d$/)
          expect(response.description.length).toBeGreaterThan(0)
        }
        for (const requirement of operation.security ?? []) for (const scheme of Object.keys(requirement)) expect(document.components.securitySchemes).toHaveProperty(scheme)
        if (operation.operationId !== undefined) operationIds.push(operation.operationId)
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length)
    expect(document.paths["/api/exchange"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["limit", "before"])
  })

  it("the API reference page lists the endpoints", async () => {
    const page = await call("/docs", null)
    expect(page.type).toContain("text/html")
    expect(page.text).toContain("GET /api/schools/{school}/alerts")
  })
})

describe("happy paths (state token)", () => {
  it("lists the schools in scope", async () => {
    const body = json((await call("/api/schools", tokens.state.token)).text)
    expect(body.schools.map((school: { school: string }) => school.school)).toEqual(expect.arrayContaining([TECH, HIGH_SCHOOL]))
  })

  it("lists a school's open alerts, the message as stored", async () => {
    const response = await call(`/api/schools/${HIGH_SCHOOL}/alerts`, tokens.state.token)
    expect(response.status).toBe(200)
    const body = json(response.text)
    expect(body.alerts.some((alert: { message: string }) => alert.message === SCRIPT_MESSAGE)).toBe(true)
    expect(body.alerts.every((alert: { resolvedOn: string | null; school: string }) => alert.resolvedOn === null && alert.school === HIGH_SCHOOL)).toBe(true)
  })

  it("sees an alert a night writes after the listing was first read", async () => {
    const path = `/api/schools/${HIGH_SCHOOL}/alerts`
    const before = json((await call(path, tokens.state.token)).text).alerts.length
    const db = connectStore(fixture.dbPath)
    try {
      const schoolID = db.scalar<number>(`SELECT "schoolID" FROM "processAlert" WHERE "message" = ?`, [SCRIPT_MESSAGE])!
      const alertID = db.scalar<number>(`SELECT MAX("alertID") FROM "processAlert"`)! + 1
      db.transaction(() => db.insert(processAlert, [{ alertID, schoolID, stage: "grades", severity: "warning", code: "grades.hs.noScoreGroup", courseNumber: "LATE", sectionNumber: 1, ktsTechID: null, stateID: null, task: "CTE Term Grade", message: "written while the server runs", firstSeen: NIGHT, lastSeen: NIGHT, resolvedOn: null }]))
    } finally {
      db.close()
    }
    const after = json((await call(path, tokens.state.token)).text).alerts
    expect(after.length).toBe(before + 1)
    expect(after.some((alert: { courseNumber: string }) => alert.courseNumber === "LATE")).toBe(true)
  })

  it("lists a school's KTS courses and last sync", async () => {
    const body = json((await call(`/api/schools/${HIGH_SCHOOL}/courses`, tokens.state.token)).text)
    expect(body.courses.length).toBeGreaterThan(0)
    expect(body.lastSync.rosters).toBe(NIGHT)
  })

  it("runs the grade check for a school (grade-check's JSON shape)", async () => {
    const body = json((await call(`/api/schools/${HIGH_SCHOOL}/grade-check`, tokens.state.token)).text)
    expect(body.asOf).toBe(NIGHT)
    expect(body.endYear).toBe(2025)
    expect(body.results.length).toBeGreaterThan(0)
    expect(Object.keys(body.results[0]).sort()).toEqual(expect.arrayContaining(["check", "status", "highSchool", "tech", "task", "stateID", "finding", "fix"]))
  })

  it("runs the grade check for a student", async () => {
    const stateID = fixture.rosteredStateIDs[0]!
    const response = await call(`/api/schools/${HIGH_SCHOOL}/students/${stateID}/grade-check`, tokens.state.token)
    expect(response.status).toBe(200)
    const body = json(response.text)
    expect(body.results.every((result: { highSchool: { district: string; school: string } | null }) => result.highSchool === null || `${result.highSchool.district}-${result.highSchool.school}` === HIGH_SCHOOL)).toBe(true)
  })

  it("gives the attendance report as JSON and CSV", async () => {
    const body = json((await call(`/api/schools/${HIGH_SCHOOL}/attendance?from=2024-08-01&to=${NIGHT}`, tokens.state.token)).text)
    expect(body.from).toBe("2024-08-01")
    expect(Array.isArray(body.rows)).toBe(true)
    const csv = await call(`/api/schools/${HIGH_SCHOOL}/attendance?format=csv`, tokens.state.token)
    expect(csv.type).toContain("text/csv")
    expect(csv.text.startsWith("Date,State ID,Student Last Name,Student First Name,Course Number,Section Number,Tech School")).toBe(true)
  })

  it("streams the LEAD report as CSV and HTML", async () => {
    const csv = await call("/api/districts/101/lead?endYear=2025", tokens.state.token)
    expect(csv.status).toBe(200)
    expect(csv.type).toContain("text/csv")
    const lines = csv.text.trimEnd().split("\r\n")
    expect(lines[0]!.split(",")).toContain("State ID")
    expect(lines.length).toBeGreaterThan(1)
    const htmlReport = await call("/api/districts/101/lead?endYear=2025&format=html", tokens.state.token)
    expect(htmlReport.type).toContain("text/html")
    expect(htmlReport.text).toContain("</html>")
  })

  it("lists the exchange's units and holds", async () => {
    const body = json((await call("/api/exchange", tokens.state.token)).text)
    expect(body.units.some((unit: { stage: string; lastNight: string }) => unit.stage === "rosters" && unit.lastNight === NIGHT)).toBe(true)
    expect(body.holds.some((hold: { holdID: number }) => hold.holdID === fixture.holdID)).toBe(true)
  })

  it("lists a student's disclosure records", async () => {
    const stateID = fixture.rosteredStateIDs[0]!
    const body = json((await call(`/api/schools/${TECH}/students/${stateID}/disclosures`, tokens.state.token)).text)
    expect(body.stateID).toBe(stateID)
    expect(Array.isArray(body.disclosures)).toBe(true)
  })
})

// Which schools each token may read, written out here rather than asked of the server.
const allowed: Record<string, ReadonlyArray<string>> = {
  state: [HIGH_SCHOOL, TECH, OUTSIDE],
  tech: [TECH, HIGH_SCHOOL],
  school: [HIGH_SCHOOL],
  outsideSchool: [OUTSIDE]
}
const schoolEndpoints = [
  (school: string) => `/api/schools/${school}/alerts`,
  (school: string) => `/api/schools/${school}/alerts?status=all`,
  (school: string) => `/api/schools/${school}/courses`,
  (school: string) => `/api/schools/${school}/grade-check`,
  (school: string) => `/api/schools/${school}/attendance`,
  (school: string) => `/api/schools/${school}/students/${fixture.rosteredStateIDs[0]}/grade-check`,
  (school: string) => `/api/schools/${school}/students/${fixture.rosteredStateIDs[0]}/disclosures`
]
const names: Record<string, string> = {}

describe("authorization matrix", () => {
  beforeAll(async () => {
    for (const school of json((await call("/api/schools", tokens.state.token)).text).schools) names[school.school] = school.name
  })

  const rows = (["state", "tech", "school", "outsideSchool"] as const).flatMap((who) =>
    [HIGH_SCHOOL, TECH, OUTSIDE].flatMap((school) => schoolEndpoints.map((endpoint, index) => ({ who, school, index, inside: allowed[who]!.includes(school) })))
  )

  it.each(rows)("$who token, school $school, endpoint $index: inside $inside", async ({ who, school, index, inside }) => {
    const path = schoolEndpoints[index]!(school)
    const response = await call(path, tokens[who].token)
    if (!inside) {
      expect(response.status).toBe(404)
      expect(response.text).not.toContain(school)
      expect(response.text).not.toContain(names[school] ?? "no such name")
      expect(response.text).not.toContain("OUTSIDE-SCHOOL-ALERT")
    } else {
      expect(response.status).not.toBe(401)
      expect(response.status).not.toBe(403)
    }
  })

  it.each([
    { who: "state", district: "101", inside: true },
    { who: "state", district: "102", inside: true },
    { who: "tech", district: "101", inside: true },
    { who: "tech", district: "102", inside: false },
    { who: "school", district: "101", inside: true },
    { who: "school", district: "102", inside: false },
    { who: "outsideSchool", district: "101", inside: false },
    { who: "outsideSchool", district: "102", inside: true }
  ] as const)("LEAD report: $who token, district $district: inside $inside", async ({ who, district, inside }) => {
    const response = await call(`/api/districts/${district}/lead?endYear=2025`, tokens[who].token)
    expect(response.status).toBe(inside ? 200 : 404)
    if (inside && who !== "state") {
      const lines = response.text.trimEnd().split("\r\n")
      const schoolColumn = lines[0]!.split(",").indexOf("School Number")
      const own = who === "tech" ? "005" : "010"
      for (const line of lines.slice(1)) expect(line.split(",")[schoolColumn]).toBe(own)
    }
  })

  it("a school token sees only its own alerts in the school list and never the outside school's alert", async () => {
    const body = json((await call("/api/schools", tokens.school.token)).text)
    expect(body.schools.map((school: { school: string }) => school.school)).toEqual([HIGH_SCHOOL])
    const tech = json((await call("/api/schools", tokens.tech.token)).text)
    expect(tech.schools.map((school: { school: string }) => school.school).sort()).toEqual([TECH, HIGH_SCHOOL].sort())
  })

  it("the exchange overview of a school outside the link shows no hold", async () => {
    const body = json((await call("/api/exchange", tokens.outsideSchool.token)).text)
    expect(body.holds).toEqual([])
    expect(JSON.stringify(body)).not.toContain(TECH)
  })

  it("only the state or the hold's technical school approves a hold", async () => {
    const path = `/api/exchange/holds/all/${fixture.holdID}/approve`
    expect((await call(path, tokens.school.token, { method: "POST" })).status).toBe(404)
    expect((await call(path, tokens.outsideSchool.token, { method: "POST" })).status).toBe(404)
    const approved = await call(path, tokens.tech.token, { method: "POST" })
    expect(approved.status).toBe(200)
    expect(json(approved.text)).toMatchObject({ holdID: fixture.holdID, approvedOn: NIGHT, alreadyApproved: false })
    expect((await call(`/api/exchange/holds/all/99999/approve`, tokens.state.token, { method: "POST" })).status).toBe(404)
  })
})

describe("authentication", () => {
  // Every GET of the API (the POST is below).
  const paths = [
    "/api/schools",
    `/api/schools/${HIGH_SCHOOL}/alerts`,
    `/api/schools/${HIGH_SCHOOL}/courses`,
    `/api/schools/${HIGH_SCHOOL}/grade-check`,
    `/api/schools/${HIGH_SCHOOL}/students/1/grade-check`,
    `/api/schools/${HIGH_SCHOOL}/attendance`,
    `/api/schools/${HIGH_SCHOOL}/students/1/disclosures`,
    "/api/exchange",
    "/api/districts/101/lead?endYear=2025"
  ]
  it.each(paths.flatMap((path) => [
    { path, token: null as string | null, case: "no token" },
    { path, token: "kts_not-a-token", case: "unknown token" },
    { path, token: "revoked", case: "revoked token" }
  ]))("$case on $path: 401", async ({ path, token }) => {
    const response = await call(path, token === "revoked" ? tokens.revoked.token : token)
    expect(response.status).toBe(401)
    expect(response.type).toContain("application/problem+json")
  })

  it("every GET of the OpenAPI document is in the list above", async () => {
    const document = json((await call("/openapi.json", null)).text)
    const listed = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([path, methods]) => path.startsWith("/api/") && "get" in methods).map(([path]) => path)
    const tested = paths.map((path) => path.split("?")[0]!.replace(HIGH_SCHOOL, "{school}").replace("/101/", "/{district}/").replace("/1/", "/{stateID}/"))
    expect([...listed].sort()).toEqual([...tested].sort())
  })

  it("a POST without a token is 401", async () => {
    expect((await call(`/api/exchange/holds/all/${fixture.holdID}/approve`, null, { method: "POST" })).status).toBe(401)
  })
})

describe("bad parameters", () => {
  it.each([
    { path: "/api/schools/165/alerts", parameter: "school" },
    { path: "/api/schools/165-01x/courses", parameter: "school" },
    { path: `/api/schools/${HIGH_SCHOOL}/alerts?status=closed`, parameter: "status" },
    { path: `/api/schools/${HIGH_SCHOOL}/attendance?from=2024-02-30`, parameter: "from" },
    { path: `/api/schools/${HIGH_SCHOOL}/attendance?from=2024-10-10&to=2024-10-01`, parameter: "from" },
    { path: `/api/schools/${HIGH_SCHOOL}/attendance?format=xml`, parameter: "format" },
    { path: `/api/schools/${HIGH_SCHOOL}/grade-check?task=Math`, parameter: "task" },
    { path: `/api/schools/${HIGH_SCHOOL}/grade-check?endYear=25`, parameter: "endYear" },
    { path: `/api/schools/${HIGH_SCHOOL}/students/12ab/grade-check`, parameter: "stateID" },
    { path: "/api/districts/1/lead?endYear=2025", parameter: "district" },
    { path: "/api/districts/101/lead", parameter: "endYear" },
    { path: "/api/districts/101/lead?endYear=1999", parameter: "endYear" },
    { path: "/api/districts/101/lead?endYear=2025&from=2025-01-10&to=2024-10-01", parameter: "from" }
  ])("$path: 400 naming $parameter", async ({ path, parameter }) => {
    const response = await call(path, tokens.state.token)
    expect(response.status).toBe(400)
    expect(response.type).toContain("application/problem+json")
    const problem = json(response.text)
    expect(problem).toMatchObject({ status: 400, parameter })
    expect(problem.detail).toContain(parameter)
  })
})

describe("access records and logs", () => {
  it("records responses that carried student data, and never a name or birth date", async () => {
    await call(`/api/schools/${HIGH_SCHOOL}/grade-check`, tokens.school.token)
    const records = readFileSync(join(fixture.dir, "access-log.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line))
    expect(records.some((record) => record.tokenId === tokens.school.id && record.endpoint === "/api/schools/{school}/grade-check" && record.school === HIGH_SCHOOL && record.scope === `school ${HIGH_SCHOOL}`)).toBe(true)
    expect(records.every((record) => Object.keys(record).sort().join() === "endpoint,school,scope,students,time,tokenId")).toBe(true)
  })

  it("the logs and the access log hold no person's name or birth date", () => {
    const text = `${logs.map((entry) => JSON.stringify(entry)).join("\n")}\n${readFileSync(join(fixture.dir, "access-log.jsonl"), "utf8")}`.toLowerCase()
    expect(logs.length).toBeGreaterThan(50)
    for (const person of fixture.persons) {
      expect(text).not.toContain(`${person.firstName} ${person.lastName}`.toLowerCase())
      expect(text).not.toContain(`${person.lastName}, ${person.firstName}`.toLowerCase())
      if (person.birthDate !== null) {
        const [year, month, day] = person.birthDate.split("-")
        expect(text).not.toContain(person.birthDate)
        expect(text).not.toContain(`${month}/${day}/${year}`)
      }
    }
  })
})
