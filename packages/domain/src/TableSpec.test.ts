import { describe, expect, it } from "vitest"
import { keyColumnsOf } from "./TableSpec.js"
import { courseGradingTaskTerm, day, reportCardTemplateTask, roster, TablesByName } from "./Tables.js"

describe("keyColumnsOf", () => {
  it.each([
    { case: "a table with a primary key", table: roster, expected: ["rosterID"] },
    { case: "day: its unique key", table: day, expected: ["structureID", "date"] },
    { case: "courseGradingTaskTerm: its unique key", table: courseGradingTaskTerm, expected: ["courseGradingTaskID", "termID"] },
    { case: "reportCardTemplateTask: no key, so every column", table: reportCardTemplateTask, expected: ["templateID", "taskID"] }
  ])("$case", ({ expected, table }) => {
    expect(keyColumnsOf(table)).toEqual(expected)
  })

  it("names only declared columns for every table", () => {
    for (const table of TablesByName.values()) {
      for (const name of keyColumnsOf(table)) expect(Object.keys(table.columns)).toContain(name)
    }
  })
})
