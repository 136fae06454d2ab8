/**
 * The `--format html` page in a real browser: headless Chromium (playwright-core)
 * opens it; the page shows the checklist, one table per pairing with a row
 * per result marked ✓, ✗, ! or –; a value holding `<script>` (here the
 * high-school course number, which the findings quote) renders as text and
 * never runs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { chromium } from "playwright-core"
import { afterAll, describe, expect, it } from "vitest"
import { runChecks } from "../src/GradeCheck.js"
import { changeHighSchool, setMasks } from "../src/internal/Baseline.js"
import { formatHtml, type GradeCheckDocument } from "../src/Report.js"

const CHROMIUM = "/usr/bin/chromium"
const hasChromium = existsSync(CHROMIUM)
// Under CI the browser is part of the run: a missing one fails the test instead of skipping it.
const underCi = (process.env["CI"] ?? "") !== "" && process.env["CI"] !== "false"
const missingChromium = `${CHROMIUM} does not exist (install it with: apt-get install -y chromium)`
if (!hasChromium && !underCi) console.warn(`skipping the browser test: ${missingChromium}`)

const dir = mkdtempSync(join(tmpdir(), "kts-grade-check-html-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HOSTILE = "4821V<script>window.ran=1;alert(1)</script>"

describe.skipIf(!hasChromium && !underCi)("grade-check HTML page in Chromium", () => {
  it("shows the checklist with ✓ and ✗ rows, and a <script> in a course number as text that never runs", async () => {
    if (!hasChromium) throw new Error(`CI is set and the browser test cannot run: ${missingChromium}`)
    // The high school's CTE Term Grade active term outside the Term Mask: one failure among passes.
    const snapshot = changeHighSchool((side) => ({ ...setMasks(20, 32, { termMask: false })(side), course: { ...side.course, number: HOSTILE } }))
    const results = runChecks(snapshot)
    const document: GradeCheckDocument = { asOf: "2025-01-10", endYear: 2025, results }
    const file = join(dir, "grade-check.html")
    writeFileSync(file, formatHtml(document))
    const failed = results.filter((result) => result.status === "fail")
    const passed = results.filter((result) => result.status === "pass")
    expect(failed.length).toBeGreaterThan(0)
    expect(passed.length).toBeGreaterThan(0)

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    })
    try {
      const page = await browser.newPage()
      const dialogs: Array<string> = []
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await page.goto(pathToFileURL(file).href)
      expect(await page.locator("h1").textContent()).toContain("2025-01-10")
      // One row per result, its first cell the status mark.
      const rows = page.locator("table tbody tr")
      expect(await rows.count()).toBe(results.length)
      expect(await page.locator("table tbody tr.fail").count()).toBe(failed.length)
      expect(await page.locator("table tbody tr.pass").count()).toBe(passed.length)
      const marks = await page.locator("table tbody tr td:first-child").allTextContents()
      expect(new Set(marks)).toEqual(new Set(results.map((result) => ({ pass: "✓", fail: "✗", warning: "!", "n/a": "–" })[result.status])))
      expect(await page.locator("table tbody tr.fail td:first-child").first().textContent()).toBe("✗")
      expect(await page.locator("table tbody tr.pass td:first-child").first().textContent()).toBe("✓")
      // The checks of the checklist, by their labels, in the page's text.
      const checkCells = await page.locator("table tbody tr td:nth-child(2)").allTextContents()
      expect(checkCells.some((text) => text.startsWith("1. "))).toBe(true)
      expect(checkCells.some((text) => text.startsWith("5. "))).toBe(true)
      // The hostile value is text: in the heading and in the findings, no element made of it, nothing ran.
      expect(await page.locator("h2").first().textContent()).toContain(HOSTILE)
      const findings = await page.locator("table tbody tr.fail td:nth-child(7)").allTextContents()
      expect(findings.some((text) => text.includes(HOSTILE))).toBe(true)
      expect(await page.locator("script").count()).toBe(0)
      expect(await page.evaluate("typeof window.ran")).toBe("undefined")
      expect(dialogs).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
