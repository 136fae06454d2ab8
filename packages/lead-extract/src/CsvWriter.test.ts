import Papa from "papaparse"
import { describe, expect, it } from "vitest"
import { csvField, csvFields } from "./CsvWriter.js"

describe("csvField", () => {
  it.each([
    { case: "plain text stays bare", value: "Lovelace", field: "Lovelace" },
    { case: "empty stays empty", value: "", field: "" },
    { case: "leading and trailing spaces stay bare", value: "  Ada ", field: "  Ada " },
    { case: "a comma is quoted", value: "Smith, Jr.", field: "\"Smith, Jr.\"" },
    { case: "quotes are doubled", value: "O\"Brien", field: "\"O\"\"Brien\"" },
    { case: "LF is quoted", value: "two\nlines", field: "\"two\nlines\"" },
    { case: "CR is quoted", value: "two\rlines", field: "\"two\rlines\"" },
    { case: "non-ASCII stays bare", value: "Zoë Ñúñez", field: "Zoë Ñúñez" },
    { case: "a leading formula character is not escaped", value: "=1+1", field: "=1+1" }
  ])("$case", ({ field, value }) => {
    expect(csvField(value)).toBe(field)
  })

  it("round-trips through papaparse", () => {
    const values = ["a,b", "say \"hi\"", "line\r\nbreak", " pad ", "", "plain"]
    const parsed = Papa.parse<Array<string>>(csvFields(values) + "\r\n", { newline: "\r\n" })
    expect(parsed.data[0]).toEqual(values)
  })
})
