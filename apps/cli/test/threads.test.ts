import { runLeadExtract } from "@kts/lead-extract"
import { connectStore } from "@kts/store"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { kts, tempDir } from "./runKts.js"

// The built report builds calendar groups on worker threads; from source (the
// package's own tests) it stays on one thread. This runs the built package both ways.
describe("the built LEAD report on worker threads", () => {
  it("writes the same bytes as a single-threaded run", async () => {
    const folder = tempDir()
    const bundle = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    expect(kts("generate", "--scale", "tiny", "--seed", "11", "--out", bundle).status).toBe(0)
    expect(kts("import", bundle, "--db", dbPath).status).toBe(0)
    const db = connectStore(dbPath, { readonly: true })
    try {
      const common = { endYear: 2025, asOf: "2025-05-27T16:45", format: "both", excludeCrossSite: false } as const
      const threaded = await runLeadExtract(db, { ...common, threads: 4, outDir: join(folder, "threaded") })
      const single = await runLeadExtract(db, { ...common, threads: 1, outDir: join(folder, "single") })
      expect(threaded.rowCount).toBe(single.rowCount)
      expect(threaded.rowCount).toBeGreaterThan(0)
      for (const name of ["KECS_LEAD_Extract.csv", "KECS_LEAD_Extract.html"]) {
        const a = readFileSync(join(folder, "threaded", name))
        const b = readFileSync(join(folder, "single", name))
        expect(a.equals(b)).toBe(true)
      }
    } finally {
      db.close()
    }
  })
})
