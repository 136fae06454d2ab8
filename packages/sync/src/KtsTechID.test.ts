import { describe, expect, it } from "vitest"
import { formatKtsTechID, parseKtsTechID } from "./KtsTechID.js"

describe("KtsTechID", () => {
  it("formats district, school and sectionID joined by hyphens", () => {
    expect(formatKtsTechID({ district: "902", school: "030", sectionID: 48213 })).toBe("902-030-48213")
  })

  it.each([
    { case: "the spec's example", text: "902-030-48213", parts: { district: "902", school: "030", sectionID: 48213 } },
    { case: "sectionID 1", text: "902-030-1", parts: { district: "902", school: "030", sectionID: 1 } },
    { case: "sectionID 0 is no id", text: "902-030-0", parts: null },
    { case: "leading zero on the sectionID", text: "902-030-048213", parts: null },
    { case: "two parts", text: "902-48213", parts: null },
    { case: "four parts", text: "902-030-1-2", parts: null },
    { case: "empty school", text: "902--48213", parts: null },
    { case: "a space before", text: " 902-030-48213", parts: null },
    { case: "a space after", text: "902-030-48213 ", parts: null },
    { case: "letters in the section", text: "902-030-48a13", parts: null },
    { case: "empty", text: "", parts: null }
  ])("parses $case", ({ text, parts }) => {
    const parsed = parseKtsTechID(text)
    expect(parsed).toEqual(parts)
    if (parsed !== null) expect(formatKtsTechID(parsed)).toBe(text)
  })
})
