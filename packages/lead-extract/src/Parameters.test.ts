import { describe, expect, it } from "vitest"
import { InvalidLeadParameter, LeadDateRangeReversed } from "./LeadExtractError.js"
import { defaultThreads, resolveLeadParameters } from "./Parameters.js"

const now = () => new Date(2025, 2, 4, 9, 7)

describe("resolveLeadParameters", () => {
  it("applies the defaults", () => {
    expect(resolveLeadParameters({ endYear: 2025 }, now)).toEqual({
      endYear: 2025,
      asOf: "2025-03-04T09:07",
      from: "2024-07-01",
      to: "2025-06-30",
      excludeCrossSite: true,
      districts: [],
      name: "Extract",
      format: "csv",
      outDir: ".",
      threads: defaultThreads()
    })
  })

  it("is idempotent", () => {
    const once = resolveLeadParameters({ endYear: "2025", asOf: "2025-01-02T03:04:05", districts: ["165", "165"] }, now)
    expect(resolveLeadParameters(once, now)).toEqual(once)
    expect(once.asOf).toBe("2025-01-02T03:04")
    expect(once.districts).toEqual(["165"])
  })

  it.each([
    { case: "end year not 4 digits", options: { endYear: "25" }, parameter: "--end-year" },
    { case: "from not a date", options: { endYear: 2025, from: "2024-02-30" }, parameter: "--from" },
    { case: "to in US form", options: { endYear: 2025, to: "06/30/2025" }, parameter: "--to" },
    { case: "as-of without a time", options: { endYear: 2025, asOf: "2025-03-01" }, parameter: "--as-of" },
    { case: "as-of hour 24", options: { endYear: 2025, asOf: "2025-03-01T24:00" }, parameter: "--as-of" },
    { case: "unknown format", options: { endYear: 2025, format: "pdf" }, parameter: "--format" },
    { case: "name with a slash", options: { endYear: 2025, name: "../x" }, parameter: "--name" },
    { case: "empty name", options: { endYear: 2025, name: "" }, parameter: "--name" },
    { case: "empty district", options: { endYear: 2025, districts: [""] }, parameter: "--district" },
    { case: "zero threads", options: { endYear: 2025, threads: 0 }, parameter: "--threads" }
  ])("$case", ({ options, parameter }) => {
    try {
      resolveLeadParameters(options, now)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidLeadParameter)
      expect((error as InvalidLeadParameter).parameter).toBe(parameter)
      expect((error as InvalidLeadParameter)._tag).toBe("InvalidLeadParameter")
    }
  })

  it("rejects a range that runs backwards, and accepts a one-day range", () => {
    expect(() => resolveLeadParameters({ endYear: 2025, from: "2025-02-02", to: "2025-02-01" }, now)).toThrow(LeadDateRangeReversed)
    expect(resolveLeadParameters({ endYear: 2025, from: "2025-02-02", to: "2025-02-02" }, now).from).toBe("2025-02-02")
  })
})
