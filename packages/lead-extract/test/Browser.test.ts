/**
 * The HTML report in a real browser: headless Chromium (playwright-core)
 * opens the file, and the table has the header and one row per report row;
 * a `<script>` in a name renders as text and never runs.
 */
import { existsSync } from "node:fs"
import { pathToFileURL } from "node:url"
import { chromium } from "playwright-core"
import { afterAll, describe, expect, it } from "vitest"
import { addStudent, baseBundle, edit, makeWorkDir, runBundle } from "./support/Bundle.js"

const CHROMIUM = "/usr/bin/chromium"
const hasChromium = existsSync(CHROMIUM)
// Under CI the browser is part of the run: a missing one fails the test instead of skipping it.
const underCi = (process.env["CI"] ?? "") !== "" && process.env["CI"] !== "false"
const missingChromium = `${CHROMIUM} does not exist (install it with: apt-get install -y chromium)`
if (!hasChromium && !underCi) console.warn(`skipping the browser test: ${missingChromium}`)

const work = makeWorkDir()
afterAll(() => work.cleanup())

describe.skipIf(!hasChromium && !underCi)("HTML report in Chromium", () => {
  it("shows the table with its sticky header, every row, and names as text", async () => {
    if (!hasChromium) throw new Error(`CI is set and the browser test cannot run: ${missingChromium}`)
    const bundle = baseBundle()
    edit(bundle, "person", "personID", 2000, { lastName: "<script>alert(1)</script>" })
    for (let index = 1; index <= 5; index++) addStudent(bundle, { personID: 2000 + index * 10 })
    const report = await runBundle(work.dir, bundle, { format: "both" })
    const htmlFile = report.result.files.find((file) => file.endsWith(".html"))!

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    try {
      const page = await browser.newPage()
      const dialogs: Array<string> = []
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await page.goto(pathToFileURL(htmlFile).href)
      expect(await page.locator("table.report tbody tr").count()).toBe(report.rows.length)
      expect(report.rows).toHaveLength(6)
      expect(await page.locator("table.report thead th").count()).toBe(59)
      expect(await page.locator("table.report thead th").nth(31).textContent()).toBe("State ID")
      // Runs in the page (this package compiles without the DOM library, hence the cast).
      const positionOf = (element: unknown) =>
        (globalThis as unknown as { getComputedStyle(of: unknown): { position: string } }).getComputedStyle(element).position
      expect(await page.locator("table.report thead th").first().evaluate(positionOf)).toBe("sticky")
      expect(await page.locator("#row-count").textContent()).toMatch(/^6\s*$/)
      const names = await page.locator("table.report tbody tr td:nth-child(34)").allTextContents()
      expect(names).toContain("<script>alert(1)</script>")
      expect(await page.locator("script").count()).toBe(0)
      expect(dialogs).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
