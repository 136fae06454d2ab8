/**
 * The files: CSV bytes (CRLF, no BOM, quoting), HTML escaping and layout,
 * determinism, file names and formats, no partial files, and the errors a
 * user must fix.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import {
  InvalidLeadParameter,
  LeadDateRangeReversed,
  NoCalendarsForEndYear,
  runLeadExtract,
  UnknownDistrictNumber
} from "../src/index.js"
import { addStudent, AsOf, baseBundle, edit, makeWorkDir, parseReport, runBundle, storeFromBundle } from "./support/Bundle.js"

const work = makeWorkDir()
afterAll(() => work.cleanup())

const awkwardBundle = () => {
  const bundle = baseBundle()
  edit(bundle, "person", "personID", 2000, { lastName: "Smith, Jr.", firstName: "Mary \"Mae\"" })
  addStudent(bundle, { personID: 2100, lastName: "Line\nBreak", firstName: " Ann " })
  addStudent(bundle, { personID: 2200, lastName: "Carriage\r\nReturn", firstName: "Zoë" })
  addStudent(bundle, { personID: 2300, lastName: "<script>alert(1)</script>", firstName: "Bob & 'Co'" })
  return bundle
}

describe("CSV", () => {
  it("round-trips names with commas, quotes, line breaks and spaces", async () => {
    const report = await runBundle(work.dir, awkwardBundle())
    expect(report.rows.map((row) => [row["Student Last Name"], row["Student First Name"]])).toEqual([
      ["<script>alert(1)</script>", "Bob & 'Co'"],
      ["Carriage\r\nReturn", "Zoë"],
      ["Line\nBreak", " Ann "],
      ["Smith, Jr.", "Mary \"Mae\""]
    ])
  })

  it("is UTF-8 without a BOM, CRLF after every record, quoting only where needed", async () => {
    const report = await runBundle(work.dir, awkwardBundle())
    const bytes = readFileSync(report.result.files[0]!)
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false)
    expect(report.text.startsWith("Date Time Generated,End Year,Section ID,")).toBe(true)
    expect(report.text.endsWith("\r\n")).toBe(true)
    // Outside quoted fields every line ends CRLF: 1 header + 4 records, plus the quoted CRLF inside a name.
    expect(report.text.split("\r\n")).toHaveLength(1 + 4 + 1 + 1)
    expect(report.text).toContain(",\"Smith, Jr.\",")
    expect(report.text).toContain(",\"Mary \"\"Mae\"\"\",")
    expect(report.text).toContain(", Ann ,")
    expect(report.text).toContain(",Zoë,")
    expect(report.text).toContain(",03/01/2025 10:15,".slice(1))
  })

  it("is byte-identical across runs with the same store and run time, CSV and HTML", async () => {
    const db = storeFromBundle(work.dir, awkwardBundle())
    try {
      const first = await runLeadExtract(db, { endYear: 2025, asOf: AsOf, format: "both", outDir: join(work.dir, "same-1") })
      const second = await runLeadExtract(db, { endYear: 2025, asOf: AsOf, format: "both", outDir: join(work.dir, "same-2") })
      expect(first.files.map((file) => file.slice(-4))).toEqual([".csv", "html"])
      for (let index = 0; index < 2; index++) {
        expect(readFileSync(second.files[index]!).equals(readFileSync(first.files[index]!))).toBe(true)
      }
    } finally {
      db.close()
    }
  })
})

describe("HTML", () => {
  it("escapes every value and shows the run parameters and counts", async () => {
    const report = await runBundle(work.dir, awkwardBundle(), { format: "html", name: "Spring & Co's" })
    expect(report.result.files).toHaveLength(1)
    expect(report.result.files[0]!.endsWith("KECS_LEAD_Spring & Co's.html")).toBe(true)
    const html = readFileSync(report.result.files[0]!, "utf8")
    expect(html).not.toContain("<script")
    expect(html).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
    expect(html).toContain("<td>Bob &amp; &#39;Co&#39;</td>")
    expect(html).toContain("<td>Mary &quot;Mae&quot;</td>")
    expect(html).toContain("<title>KECS LEAD Extract Spring &amp; Co&#39;s — end year 2025</title>")
    expect(html).toMatch(/<dd id="section-count">1 *<\/dd>/)
    expect(html).toMatch(/<dd id="row-count">4 *<\/dd>/)
    expect(html).toContain("position: sticky")
    expect(html).toContain("@media print")
    expect(html).toContain("<th scope=\"col\">Case Manager Last Name</th>")
    expect(html.match(/<tr>/g)).toHaveLength(1 + 4)
  })
})

describe("files", () => {
  it("names files KECS_LEAD_<name> and writes only the chosen formats", async () => {
    const csv = await runBundle(work.dir, baseBundle(), { name: "Fall" })
    expect(readdirSync(csv.outDir)).toEqual(["KECS_LEAD_Fall.csv"])
    const both = await runBundle(work.dir, baseBundle(), { format: "both" })
    expect(readdirSync(both.outDir).sort()).toEqual(["KECS_LEAD_Extract.csv", "KECS_LEAD_Extract.html"])
  })

  it("leaves no file, partial or temporary, when the run fails", async () => {
    const db = storeFromBundle(work.dir, baseBundle())
    const outDir = join(work.dir, "failing")
    try {
      await expect(
        runLeadExtract(db, { endYear: 2025, asOf: AsOf, format: "both", outDir }, (done, total) => {
          if (done === total && total > 0) throw new Error("interrupted")
        })
      ).rejects.toThrow("interrupted")
      expect(readdirSync(outDir)).toEqual([])
    } finally {
      db.close()
    }
  })

  it("reports progress up to the total", async () => {
    const db = storeFromBundle(work.dir, baseBundle())
    const calls: Array<[number, number]> = []
    try {
      await runLeadExtract(db, { endYear: 2025, asOf: AsOf, outDir: join(work.dir, "progress") }, (done, total) => {
        calls.push([done, total])
      })
      expect(calls[0]).toEqual([0, 1])
      expect(calls[calls.length - 1]).toEqual([1, 1])
    } finally {
      db.close()
    }
  })

  it("writes a header-only CSV when nothing matches", async () => {
    const bundle = baseBundle()
    edit(bundle, "school", "schoolID", 10, { stateClassification: "R1" })
    const report = await runBundle(work.dir, bundle)
    expect(report.result).toMatchObject({ sectionCount: 0, rowCount: 0 })
    expect(parseReport(report.text).rows).toEqual([])
  })
})

describe("errors a user must fix", () => {
  it.each([
    { case: "an end year with no calendars", options: { endYear: 2030 }, error: NoCalendarsForEndYear, message: /end year 2030.*2025/ },
    { case: "an unknown district number", options: { endYear: 2025, districts: ["165", "999"] }, error: UnknownDistrictNumber, message: /"999"/ },
    { case: "a bad --from", options: { endYear: 2025, from: "2024-13-01" }, error: InvalidLeadParameter, message: /--from/ },
    { case: "--from after --to", options: { endYear: 2025, from: "2025-01-02", to: "2025-01-01" }, error: LeadDateRangeReversed, message: /--from/ }
  ])("$case", async ({ error, message, options }) => {
    const db = storeFromBundle(work.dir, baseBundle())
    const outDir = join(work.dir, `error-${Math.random()}`)
    try {
      const run = runLeadExtract(db, { asOf: AsOf, outDir, ...options })
      await expect(run).rejects.toBeInstanceOf(error)
      await expect(run).rejects.toThrow(message)
    } finally {
      db.close()
    }
  })

  it("opens read-only stores", async () => {
    const db = storeFromBundle(work.dir, baseBundle())
    const path = db.path
    db.close()
    const { connectStore } = await import("@kts/store")
    const readonly = connectStore(path, { readonly: true })
    try {
      const result = await runLeadExtract(readonly, { endYear: 2025, asOf: AsOf, outDir: join(work.dir, "readonly") })
      expect(result.rowCount).toBe(1)
    } finally {
      readonly.close()
    }
  })
})
