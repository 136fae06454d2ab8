import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { type CsvItem, CsvReader, type CsvReaderOptions } from "./CsvReader.js"

const folder = mkdtempSync(join(tmpdir(), "kts-csv-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

let fileCount = 0
const writeCsv = (content: string | Buffer): string => {
  const path = join(folder, `file${fileCount++}.csv`)
  writeFileSync(path, content)
  return path
}

const readAll = (path: string, options?: CsvReaderOptions): { items: Array<CsvItem>; bytesRead: number } => {
  const reader = new CsvReader(path, options)
  try {
    const items: Array<CsvItem> = []
    for (let item = reader.next(); item !== null; item = reader.next()) items.push(item)
    return { items, bytesRead: reader.bytesRead }
  } finally {
    reader.close()
  }
}

const record = (line: number, ...fields: Array<string>): CsvItem => ({ kind: "record", line, fields })
const malformed = (line: number, message: string): CsvItem => ({ kind: "malformed", line, message: `malformed CSV: ${message}` })

// Every case the reader must get right wherever a chunk ends, line by line:
const BOM = "\uFEFF"
const sample = [
  `${BOM}id,name,note\r\n`, //                    1  header after a BOM, CRLF
  `1,"two\r\nlines",é€😀\r\n`, //                 2–3 a quoted CRLF, multi-byte characters
  `\r\n`, //                                       4  a blank line
  `2,"say ""hi""",\r\n`, //                        5  doubled quotes, an empty last field
  `3,plain,"a\nb\nc"\n`, //                        6–8 quoted LFs, LF ending
  `4,"ab"c,d\n`, //                                9  text after a closing quote
  `5,a\rb,"x,y"\n`, //                             10 a lone CR is data, a quoted comma
  `6,"",z` //                                      11 an empty quoted field, no final line break
].join("")
const sampleItems = [
  record(1, "id", "name", "note"),
  record(2, "1", "two\r\nlines", "é€😀"),
  record(5, "2", "say \"hi\"", ""),
  record(6, "3", "plain", "a\nb\nc"),
  malformed(9, "unexpected text after a closing quote"),
  record(10, "5", "a\rb", "x,y"),
  record(11, "6", "", "z")
]

describe("CsvReader", () => {
  const samplePath = writeCsv(sample)
  const sampleBytes = statSync(samplePath).size

  it("reads the sample in one chunk", () => {
    expect(readAll(samplePath)).toEqual({ items: sampleItems, bytesRead: sampleBytes })
  })

  // With chunks of 1 to 40 bytes, a chunk boundary falls at every byte offset of
  // the sample: inside the BOM, a multi-byte character, a CRLF pair, a doubled
  // quote, a quoted line break, and right before or after every comma and quote.
  it.each(Array.from({ length: 40 }, (_, index) => ({ chunkBytes: index + 1 })))(
    "reads the same records with $chunkBytes-byte chunks",
    ({ chunkBytes }) => {
      expect(readAll(samplePath, { chunkBytes })).toEqual({ items: sampleItems, bytesRead: sampleBytes })
    }
  )

  it.each([
    { case: "a quoted field never closed", text: "a,b\n1,\"open\nstill open\n", items: [record(1, "a", "b"), malformed(2, "a quoted field is never closed")] },
    { case: "a quote inside an unquoted field", text: "a,b\n1,x\"y\n2,z\n", items: [record(1, "a", "b"), malformed(2, "a quote inside an unquoted field"), record(3, "2", "z")] },
    { case: "a file of only a BOM", text: BOM, items: [] },
    { case: "a BOM not at the start (kept as data)", text: `a\n${BOM}b\n`, items: [record(1, "a"), record(2, `${BOM}b`)] },
    { case: "ASCII, then multi-byte characters (split across chunks), then ASCII", text: "id,n\n1,ab\n2,é€😀\n3,z\n", items: [record(1, "id", "n"), record(2, "1", "ab"), record(3, "2", "é€😀"), record(4, "3", "z")] },
    { case: "blank lines only", text: "\n\r\n\n", items: [] },
    { case: "a final CRLF after a quoted field", text: "\"a\"\r\n", items: [record(1, "a")] },
    { case: "a final CR after a quoted field at the end of the file", text: "\"a\"\r", items: [record(1, "a")] }
  ])("reads $case with every chunk size", ({ items, text }) => {
    const path = writeCsv(text)
    for (let chunkBytes = 1; chunkBytes <= Buffer.byteLength(text) + 1; chunkBytes++) {
      expect(readAll(path, { chunkBytes }).items, `chunks of ${chunkBytes} bytes`).toEqual(items)
    }
  })

  // The default chunk is 1 MiB: a filler record puts the feature's first byte
  // exactly at the second chunk's start, or one byte before or after it.
  const MIB = 1 << 20
  const tail = Buffer.from(sample.slice(BOM.length + "id,name,note\r\n".length))
  const at = (needle: string, extra = 0) => tail.indexOf(Buffer.from(needle)) + extra
  it.each([
    { case: "a quoted CRLF (between CR and LF)", offset: at("two\r\n", 4) },
    { case: "a quoted field's opening quote", offset: at("\"two") },
    { case: "a multi-byte character (inside €)", offset: at("€", 1) },
    { case: "a 4-byte character (inside 😀)", offset: at("😀", 2) },
    { case: "a record's CRLF (between CR and LF)", offset: at("😀\r\n", 5) },
    { case: "a doubled quote (between the two quotes)", offset: at("\"\"hi", 1) },
    { case: "the closing quote after a doubled pair", offset: at("hi\"\"\"", 4) },
    { case: "a quoted LF", offset: at("a\nb", 1) }
  ])("reads records across the 1 MiB boundary at $case", ({ offset }) => {
    for (const shift of [-1, 0, 1]) {
      const header = Buffer.from(`${BOM}id,name,note\r\n`)
      const fillerLength = MIB + shift - offset - header.length
      const filler = Buffer.from(`0,${"x".repeat(fillerLength - 5)},y\n`)
      expect(filler.length).toBe(fillerLength)
      const path = writeCsv(Buffer.concat([header, filler, tail]))
      const expected = [
        sampleItems[0]!,
        record(2, "0", "x".repeat(fillerLength - 5), "y"),
        ...sampleItems.slice(1).map((item) => ({ ...item, line: item.line + 1 }))
      ]
      expect(readAll(path), `boundary ${shift} byte(s) from the feature`).toEqual({
        items: expected,
        bytesRead: header.length + filler.length + tail.length
      })
    }
  })
})
