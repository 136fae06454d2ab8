/**
 * The pages in headless Chromium (playwright-core, Debian's /usr/bin/chromium):
 * log in, see the dashboard's alerts (a message holding `<script>` shows as
 * text and never runs), run a grade check, approve a hold. Skipped when
 * Chromium is absent, except under CI, where its absence fails.
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { chromium, type Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addToken, type RunningServer, startServer } from "../src/index.js"
import { type Fixture, HIGH_SCHOOL, makeFixture, NIGHT, SCRIPT_MESSAGE } from "./fixture.js"

const CHROMIUM = "/usr/bin/chromium"
const hasChromium = existsSync(CHROMIUM)
const inCI = process.env["CI"] !== undefined && process.env["CI"] !== "" && process.env["CI"] !== "false"

describe("Chromium", () => {
  it.runIf(inCI)("is installed under CI", () => {
    expect(hasChromium, `${CHROMIUM} is required under CI (apt-get install -y chromium)`).toBe(true)
  })
})

describe.skipIf(!hasChromium)("pages in Chromium", () => {
  let fixture: Fixture
  let server: RunningServer
  let browser: Browser
  let schoolToken: string
  let techToken: string

  beforeAll(async () => {
    fixture = await makeFixture()
    schoolToken = addToken(join(fixture.dir, "tokens.json"), { kind: "school", district: "101", school: "010" }).token
    techToken = addToken(join(fixture.dir, "tokens.json"), { kind: "tech", district: "101", school: "005" }).token
    server = await startServer({ configFile: fixture.configFile, port: 0, today: () => NIGHT, log: () => {} })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const logIn = async (token: string) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/schools/${HIGH_SCHOOL}`)
    expect(new URL(page.url()).pathname).toBe("/login")
    await page.fill("input[name=token]", token)
    await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit]")])
    return { context, page }
  }

  it("logs in, shows open alerts first with markup as text, and sets a strict HttpOnly cookie", async () => {
    const { context, page } = await logIn(schoolToken)
    try {
      expect(new URL(page.url()).pathname).toBe(`/schools/${HIGH_SCHOOL}`)
      const headings = await page.locator("h2").allTextContents()
      expect(headings[0]).toMatch(/^Open alerts/)
      expect(headings.findIndex((text) => text.startsWith("KTS courses"))).toBeGreaterThan(0)
      const messages = await page.locator("#alerts tbody tr td:nth-child(7)").allTextContents()
      expect(messages).toContain(SCRIPT_MESSAGE)
      expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined()
      expect(await page.locator("script").count()).toBe(0)
      const cookies = await context.cookies()
      expect(cookies).toHaveLength(1)
      expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Strict" })
    } finally {
      await context.close()
    }
  })

  it("runs a grade check for a student", async () => {
    const { context, page } = await logIn(schoolToken)
    try {
      await page.goto(`${server.url}/schools/${HIGH_SCHOOL}/grade-check`)
      await page.fill("input[name=stateID]", fixture.rosteredStateIDs[0]!)
      await Promise.all([page.waitForLoadState("load"), page.click("form button[type=submit]:has-text('Check')")])
      expect(await page.locator("#checklist tbody tr").count()).toBeGreaterThan(0)
      const checks = await page.locator("#checklist tbody tr td:first-child").allTextContents()
      expect(checks[0]).toBe("alerts")
    } finally {
      await context.close()
    }
  })

  it("filters the attendance report by dates", async () => {
    const { context, page } = await logIn(schoolToken)
    try {
      await page.goto(`${server.url}/schools/${HIGH_SCHOOL}/attendance`)
      await page.fill("input[name=from]", "2024-09-01")
      await page.fill("input[name=to]", "2024-09-30")
      await Promise.all([page.waitForLoadState("load"), page.click("form button[type=submit]:has-text('Show')")])
      const url = new URL(page.url())
      expect([url.searchParams.get("from"), url.searchParams.get("to")]).toEqual(["2024-09-01", "2024-09-30"])
      expect(await page.locator("main").textContent()).toContain("2024-09-01 to 2024-09-30")
      const dates = await page.locator("#attendance tbody tr td:first-child").allTextContents()
      for (const date of dates) expect(date >= "2024-09-01" && date <= "2024-09-30", date).toBe(true)
      expect(await page.locator("a", { hasText: "Download CSV" }).getAttribute("href")).toContain("from=2024-09-01&to=2024-09-30")
    } finally {
      await context.close()
    }
  })

  it("approves a hold with the technical school's token, and it no longer awaits approval", async () => {
    const { context, page } = await logIn(techToken)
    try {
      await page.goto(`${server.url}/exchange`)
      const row = page.locator("#holds tbody tr", { hasText: `all:${fixture.holdID}` })
      expect(await row.count()).toBe(1)
      await Promise.all([page.waitForLoadState("load"), row.locator("button:has-text('Approve')").click()])
      expect(new URL(page.url()).pathname).toBe("/exchange")
      expect(await page.locator("#holds tbody tr", { hasText: `all:${fixture.holdID}` }).count()).toBe(0)
      expect(await page.locator(".night-holds li", { hasText: `all:${fixture.holdID}` }).textContent()).toContain(`approved ${NIGHT}`)
    } finally {
      await context.close()
    }
  })
})
