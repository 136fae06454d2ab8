import { describe, expect, it } from "vitest"
import { IdSet } from "./IdSet.js"

describe("IdSet", () => {
  it.each([
    { case: "the first id", id: 1 },
    { case: "a word boundary", id: 32 },
    { case: "past the first allocation", id: 1_000_000 },
    { case: "the last bitmap id", id: (1 << 28) - 1 },
    { case: "a huge id kept aside", id: 9_007_199_254_740_991 }
  ])("holds $case and not its neighbours", ({ id }) => {
    const ids = new IdSet()
    expect(ids.has(id)).toBe(false)
    ids.add(id)
    expect(ids.has(id)).toBe(true)
    expect(ids.has(id - 1)).toBe(false)
    expect(ids.has(id + 1)).toBe(false)
  })
})
