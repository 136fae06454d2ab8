/**
 * The exchange's nights through the API and the page: two nights run, both
 * listed newest first with their units and holds; paging; a technical
 * school's token sees only its own units and holds and those of the high
 * school linked to it.
 */
import { processAlert } from "@kts/domain"
import { connectStore } from "@kts/store"
import { runExchange } from "@kts/sync/shell"
import { renameSync, rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addToken, type RunningServer, startServer } from "../src/index.js"
import { type Fixture, HIGH_SCHOOL, logInAt, makeFixture, NEXT_NIGHT, NIGHT, OUTSIDE, SECOND_TECH, TECH } from "./fixture.js"

let fixture: Fixture
let server: RunningServer
const THIRD_NIGHT = "2024-10-17"
const tokens: Record<"state" | "tech" | "secondTech" | "school", string> = {} as never

beforeAll(async () => {
  fixture = await makeFixture({ secondLink: true, secondNight: true })
  const file = join(fixture.dir, "tokens.json")
  tokens.state = addToken(file, { kind: "state" }).token
  tokens.tech = addToken(file, { kind: "tech", district: "101", school: "005" }).token
  tokens.secondTech = addToken(file, { kind: "tech", district: "102", school: "040" }).token
  tokens.school = addToken(file, { kind: "school", district: "101", school: "010" }).token
  server = await startServer({ configFile: fixture.configFile, port: 0, today: () => NEXT_NIGHT, log: () => {} })
}, 120_000)

afterAll(async () => {
  await server?.close()
})

interface Unit { database: string; night: string; stage: string; school: string | null }
interface Hold { database: string; holdID: number; night: string; school: string; usedOn: string | null }
interface Night { night: string; units: Array<Unit>; holds: Array<Hold> }
interface Overview { nights: Array<Night>; totalNights: number; next: string | null; units: Array<{ stage: string; school: string | null; lastNight: string }>; holds: Array<Hold> }

const get = async (path: string, token: string) => {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, text: await response.text() }
}
const overview = async (token: string, query = ""): Promise<Overview> => {
  const response = await get(`/api/exchange${query}`, token)
  expect(response.status).toBe(200)
  return JSON.parse(response.text) as Overview
}

describe("the exchange's nights", () => {
  it("lists both nights, newest first, each with its own units and holds", async () => {
    const body = await overview(tokens.state)
    expect(body.nights.map((night) => night.night)).toEqual([NEXT_NIGHT, NIGHT])
    expect(body.totalNights).toBe(2)
    expect(body.next).toBeNull()
    for (const night of body.nights) {
      expect(night.units.length).toBeGreaterThan(0)
      expect(night.units.every((unit) => unit.night === night.night)).toBe(true)
      expect(new Set(night.units.map((unit) => unit.stage))).toEqual(new Set(["publish", "rosters", "grades", "attendance"]))
      expect(night.units.some((unit) => unit.school === SECOND_TECH)).toBe(true)
    }
    // The tiny world's nights hold the technical school's rosters on their own; the fixture adds one hold per night.
    for (const night of body.nights) expect(night.holds.every((hold) => hold.night === night.night)).toBe(true)
    expect(body.nights[0]!.holds).toContainEqual(expect.objectContaining({ school: SECOND_TECH, holdID: fixture.secondHoldID }))
    expect(body.nights[1]!.holds).toContainEqual(expect.objectContaining({ school: TECH, holdID: fixture.holdID }))
  })

  it("keeps the last night of each unit and the holds not yet used", async () => {
    const body = await overview(tokens.state)
    expect(body.units.filter((unit) => unit.school === TECH).map((unit) => unit.lastNight)).toEqual([NEXT_NIGHT, NEXT_NIGHT, NEXT_NIGHT])
    expect(body.holds.map((hold) => hold.holdID)).toEqual(expect.arrayContaining([fixture.holdID, fixture.secondHoldID]))
    expect(body.holds.every((hold) => hold.usedOn === null)).toBe(true)
  })

  it("pages by night: limit, then before the previous page's next", async () => {
    const first = await overview(tokens.state, "?limit=1")
    expect(first.nights.map((night) => night.night)).toEqual([NEXT_NIGHT])
    expect(first.next).toBe(NEXT_NIGHT)
    const second = await overview(tokens.state, `?limit=1&before=${first.next}`)
    expect(second.nights.map((night) => night.night)).toEqual([NIGHT])
    expect(second.next).toBeNull()
    expect((await overview(tokens.state, `?before=${NIGHT}`)).nights).toEqual([])
  })

  it.each([
    { query: "?limit=0", parameter: "limit" },
    { query: "?limit=367", parameter: "limit" },
    { query: "?limit=ten", parameter: "limit" },
    { query: "?before=2024-02-30", parameter: "before" }
  ])("$query: 400 naming $parameter", async ({ query, parameter }) => {
    const response = await get(`/api/exchange${query}`, tokens.state)
    expect(response.status).toBe(400)
    expect(JSON.parse(response.text)).toMatchObject({ status: 400, parameter })
  })

  it.each([
    { who: "tech" as const, tech: TECH, own: [TECH, HIGH_SCHOOL], others: [SECOND_TECH, OUTSIDE], hold: () => fixture.holdID },
    { who: "secondTech" as const, tech: SECOND_TECH, own: [SECOND_TECH, OUTSIDE], others: [TECH, HIGH_SCHOOL], hold: () => fixture.secondHoldID }
  ])("a $who token sees only its own units and holds and its linked high school's", async ({ who, tech, own, others, hold }) => {
    const body = await overview(tokens[who])
    expect(body.nights.map((night) => night.night)).toEqual([NEXT_NIGHT, NIGHT])
    const units = body.nights.flatMap((night) => night.units)
    expect(new Set(units.map((unit) => unit.school))).toEqual(new Set(own))
    const holds = body.nights.flatMap((night) => night.holds)
    expect(holds.map((entry) => entry.holdID)).toContain(hold())
    expect(holds.every((entry) => entry.school === tech)).toBe(true)
    expect(body.holds.every((entry) => entry.school === tech)).toBe(true)
    for (const school of others) expect(JSON.stringify(body)).not.toContain(school)
  })

  it("a school token sees its own units only, and no hold", async () => {
    const body = await overview(tokens.school)
    expect(new Set(body.nights.flatMap((night) => night.units).map((unit) => unit.school))).toEqual(new Set([HIGH_SCHOOL]))
    expect(body.nights.flatMap((night) => night.holds)).toEqual([])
  })
})

describe("the exchange page", () => {
  const session = async (token: string) => (await logInAt(server.url, token)).session
  const page = async (path: string, token: string) => {
    const response = await fetch(server.url + path, { redirect: "manual", headers: { cookie: await session(token) } })
    return { status: response.status, text: await response.text() }
  }

  it("shows every night for the state, each with its units", async () => {
    const { status, text } = await page("/exchange", tokens.state)
    expect(status).toBe(200)
    expect(text.indexOf(`id="night-${NEXT_NIGHT}"`)).toBeGreaterThan(-1)
    expect(text.indexOf(`id="night-${NEXT_NIGHT}"`)).toBeLessThan(text.indexOf(`id="night-${NIGHT}"`))
    expect(text).toContain(SECOND_TECH)
  })

  it("pages with a link to older nights", async () => {
    const { text } = await page("/exchange?limit=1", tokens.state)
    expect(text).not.toContain(`id="night-${NIGHT}"`)
    expect(text).toContain(`href="/exchange?before=${NEXT_NIGHT}"`)
    const older = await page(`/exchange?limit=1&before=${NEXT_NIGHT}`, tokens.state)
    expect(older.text).toContain(`id="night-${NIGHT}"`)
  })

  it("shows a technical school's token its own nights and holds only", async () => {
    const { text } = await page("/exchange", tokens.tech)
    expect(text).toContain(`id="night-${NEXT_NIGHT}"`)
    expect(text).toContain(`all:${fixture.holdID}`)
    expect(text).not.toContain(SECOND_TECH)
    expect(text).not.toContain(OUTSIDE)
  })
})

describe("a night run while the server serves", () => {
  it("is listed at the next request, its units newest first", async () => {
    const before = await overview(tokens.state)
    runExchange(fixture.configFile, { night: THIRD_NIGHT })
    const after = await overview(tokens.state)
    expect(after.nights.map((night) => night.night)).toEqual([THIRD_NIGHT, ...before.nights.map((night) => night.night)])
    expect(after.nights[0]!.units.length).toBeGreaterThan(0)
    expect(after.units.filter((unit) => unit.school === TECH).every((unit) => unit.lastNight === THIRD_NIGHT)).toBe(true)
  })
})

describe("a store replaced under the same name", () => {
  it("is read again at the next request (a full import renames a new file over the old one)", async () => {
    const path = `/api/schools/${HIGH_SCHOOL}/alerts`
    const before = JSON.parse((await get(path, tokens.state)).text) as { alerts: Array<{ courseNumber: string | null }> }
    expect(before.alerts.some((alert) => alert.courseNumber === "REPLACED")).toBe(false)
    const scratch = `${fixture.dbPath}.new`
    const db = connectStore(fixture.dbPath)
    try {
      db.run(`VACUUM INTO ?`, [scratch])
    } finally {
      db.close()
    }
    const copy = connectStore(scratch)
    try {
      const schoolID = copy.scalar<number>(`SELECT s."schoolID" FROM "school" s JOIN "district" d ON d."districtID" = s."districtID" WHERE d."number" = '101' AND s."number" = '010'`)!
      const alertID = copy.scalar<number>(`SELECT MAX("alertID") FROM "processAlert"`)! + 1
      copy.insert(processAlert, [{ alertID, schoolID, stage: "rosters", severity: "warning", code: "link.noSection", courseNumber: "REPLACED", sectionNumber: null, ktsTechID: "101-005-9", stateID: null, task: null, message: "in the new file", firstSeen: THIRD_NIGHT, lastSeen: THIRD_NIGHT, resolvedOn: null }])
    } finally {
      copy.close()
    }
    for (const suffix of ["-wal", "-shm"]) rmSync(`${fixture.dbPath}${suffix}`, { force: true })
    renameSync(scratch, fixture.dbPath)
    const after = JSON.parse((await get(path, tokens.state)).text) as { alerts: Array<{ courseNumber: string | null }> }
    expect(after.alerts.some((alert) => alert.courseNumber === "REPLACED")).toBe(true)
  })
})
