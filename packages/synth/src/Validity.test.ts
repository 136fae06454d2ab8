import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { checkBundle } from "./BundleCheck.testkit.js"
import { generateBundle, type Scale } from "./index.js"

const made: Array<string> = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

const generate = async (scale: Scale, seed: number, endYear?: number) => {
  const dir = mkdtempSync(join(tmpdir(), "synth-valid-"))
  made.push(dir)
  const summary = await generateBundle({ scale, seed, outDir: dir, ...(endYear === undefined ? {} : { endYear }) })
  return { dir, summary }
}

// Headers, every field through readField, unique keys, foreign keys and the consistency rules of docs/bundle-format.md.
describe("bundles pass every validation of docs/bundle-format.md", () => {
  for (const seed of [1, 2, 3, 99]) {
    it(`tiny, seed ${seed}`, async () => {
      const { dir } = await generate("tiny", seed)
      expect(checkBundle(dir)).toEqual([])
    })
  }

  it("tiny, other end years (a leap year, a century year)", async () => {
    for (const endYear of [2024, 2028, 2100]) {
      const { dir } = await generate("tiny", 5, endYear)
      expect(checkBundle(dir), String(endYear)).toEqual([])
    }
  })

  // About 100,000 students: slower, but the only check of the district-scale shape.
  it("district scale", { timeout: 180_000 }, async () => {
    const { dir, summary } = await generate("district", 1)
    expect(checkBundle(dir)).toEqual([])
    expect(summary.rowCounts.district).toBe(2)
    expect(summary.rowCounts.person).toBeGreaterThan(100_000)
  })
})
