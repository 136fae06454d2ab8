/**
 * The pages over plain HTTP: the login redirect, the session cookie, CSRF on
 * state-changing forms, 404 outside the scope, escaping.
 */
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addToken, revokeToken, type RunningServer, startServer } from "../src/index.js"
import { type Fixture, HIGH_SCHOOL, logInAt, makeFixture, NIGHT, OUTSIDE, SCRIPT_MESSAGE, TECH } from "./fixture.js"

let fixture: Fixture
let server: RunningServer
let schoolToken: { id: string; token: string }
let stateToken: { id: string; token: string }
let techToken: { id: string; token: string }

beforeAll(async () => {
  fixture = await makeFixture()
  const file = join(fixture.dir, "tokens.json")
  const school = addToken(file, { kind: "school", district: "101", school: "010" })
  const state = addToken(file, { kind: "state" })
  schoolToken = { id: school.entry.id, token: school.token }
  stateToken = { id: state.entry.id, token: state.token }
  const tech = addToken(file, { kind: "tech", district: "101", school: "005" })
  techToken = { id: tech.entry.id, token: tech.token }
  server = await startServer({ configFile: fixture.configFile, port: 0, today: () => NIGHT, log: () => {} })
}, 120_000)

afterAll(async () => {
  await server?.close()
})

const logIn = (token: string) => logInAt(server.url, token)

const get = async (path: string, session: string | null) => {
  const response = await fetch(server.url + path, { redirect: "manual", headers: session === null ? {} : { cookie: session } })
  return { status: response.status, location: response.headers.get("location"), text: await response.text() }
}

describe("pages", () => {
  it("redirects to the login page without a session", async () => {
    expect(await get(`/schools/${HIGH_SCHOOL}`, null)).toMatchObject({ status: 303, location: "/login" })
  })

  it("refuses an unknown token at login", async () => {
    expect((await logIn("kts_nope")).status).toBe(401)
  })

  it("sets an HttpOnly SameSite=Strict session cookie", async () => {
    const login = await logIn(schoolToken.token)
    expect(login.status).toBe(303)
    expect(login.cookie).toMatch(/HttpOnly/)
    expect(login.cookie).toMatch(/SameSite=Strict/)
  })

  it("escapes an alert message on the dashboard", async () => {
    const { session } = await logIn(schoolToken.token)
    const page = await get(`/schools/${HIGH_SCHOOL}`, session)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain("<script>")
    expect(page.text).toContain("&lt;script&gt;window.__pwned = true&lt;/script&gt;")
    expect(page.text.indexOf("Open alerts")).toBeLessThan(page.text.indexOf("KTS courses"))
    expect(SCRIPT_MESSAGE).toContain("<script>")
  })

  it.each([`/schools/${OUTSIDE}`, `/schools/${TECH}`, `/schools/${OUTSIDE}/grade-check`, "/districts/102/lead"])("answers 404 for %s outside a school token's scope", async (path) => {
    const { session } = await logIn(schoolToken.token)
    const page = await get(path, session)
    expect(page.status).toBe(404)
    expect(page.text).not.toContain(path.includes("102") ? "102-010" : TECH)
  })

  const allowed: Record<"state" | "tech" | "school", ReadonlyArray<string>> = { state: [HIGH_SCHOOL, TECH, OUTSIDE], tech: [TECH, HIGH_SCHOOL], school: [HIGH_SCHOOL] }
  const pages = [
    (school: string) => `/schools/${school}`,
    (school: string) => `/schools/${school}/grade-check`,
    (school: string) => `/schools/${school}/grade-check?stateID=${fixture.rosteredStateIDs[0]}`,
    (school: string) => `/schools/${school}/attendance`
  ]
  it.each((["state", "tech", "school"] as const).flatMap((who) =>
    [HIGH_SCHOOL, TECH, OUTSIDE].flatMap((school) => pages.map((_, index) => ({ who, school, index, inside: allowed[who].includes(school) })))
  ))("$who session, school $school, page $index: inside $inside", async ({ who, school, index, inside }) => {
    const token = who === "state" ? stateToken.token : who === "tech" ? techToken.token : schoolToken.token
    const { session } = await logIn(token)
    const response = await get(pages[index]!(school), session)
    if (inside) {
      expect([303, 401, 403, 404]).not.toContain(response.status)
    } else {
      expect(response.status).toBe(404)
      expect(response.text).not.toContain(school)
      expect(response.text).not.toContain("OUTSIDE-SCHOOL-ALERT")
    }
  })

  it("shows the attendance page and the LEAD page with its run parameters", async () => {
    const { session } = await logIn(schoolToken.token)
    const attendance = await get(`/schools/${HIGH_SCHOOL}/attendance?from=2024-09-01&to=${NIGHT}`, session)
    expect(attendance.status).toBe(200)
    expect(attendance.text).toContain("Download CSV")
    const lead = await get("/districts/101/lead?endYear=2025", session)
    expect(lead.status).toBe(200)
    expect(lead.text).toContain(`${HIGH_SCHOOL} only`)
    expect(lead.text).toContain("/api/districts/101/lead?endYear=2025&amp;format=csv")
  })

  it("refuses an Approve form without the session's CSRF token", async () => {
    const { session } = await logIn(stateToken.token)
    const response = await fetch(`${server.url}/exchange/holds/all/${fixture.holdID}/approve`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: session, "content-type": "application/x-www-form-urlencoded" },
      body: "csrf=wrong"
    })
    expect(response.status).toBe(403)
    const page = await get("/exchange", session)
    expect(page.text).toContain(`all:${fixture.holdID}`)
    expect(page.text).not.toContain(`<td>${NIGHT}</td><td></td>`)
  })

  it("ends the session when its token is revoked", async () => {
    const extra = addToken(join(fixture.dir, "tokens.json"), { kind: "school", district: "101", school: "010" })
    const { session } = await logIn(extra.token)
    expect((await get(`/schools/${HIGH_SCHOOL}`, session)).status).toBe(200)
    revokeToken(join(fixture.dir, "tokens.json"), extra.entry.id)
    expect(await get(`/schools/${HIGH_SCHOOL}`, session)).toMatchObject({ status: 303, location: "/login" })
  })
})
