import { describe, expect, it } from "vitest"
import { EmitTracker, bundleField } from "./Emit.js"

const keysOf = (tracker: EmitTracker) => (tracker as unknown as { databases: Map<string, Map<string, { upserted: Map<string, unknown>; deleted: Map<string, unknown> }>> }).databases

describe("EmitTracker", () => {
  it.each([
    { case: "an insert", changes: [{ kind: "insert", table: "roster", row: { rosterID: 5 } }], upserted: ["[5]"], deleted: [] },
    { case: "an update", changes: [{ kind: "update", table: "roster", key: { rosterID: 5 }, set: { endDate: "2025-01-01" } }], upserted: ["[5]"], deleted: [] },
    { case: "a delete of an old row", changes: [{ kind: "delete", table: "roster", key: { rosterID: 5 } }], upserted: [], deleted: ["[5]"] },
    {
      case: "an insert then a delete",
      changes: [{ kind: "insert", table: "roster", row: { rosterID: 5 } }, { kind: "delete", table: "roster", key: { rosterID: 5 } }],
      upserted: [],
      deleted: []
    },
    {
      case: "an update then a delete",
      changes: [{ kind: "update", table: "roster", key: { rosterID: 5 }, set: {} }, { kind: "delete", table: "roster", key: { rosterID: 5 } }],
      upserted: [],
      deleted: ["[5]"]
    },
    {
      case: "a delete then an insert of the same key",
      changes: [{ kind: "delete", table: "roster", key: { rosterID: 5 } }, { kind: "insert", table: "roster", row: { rosterID: 5 } }],
      upserted: ["[5]"],
      deleted: []
    }
  ] as const)("records $case", ({ changes, upserted, deleted }) => {
    const tracker = new EmitTracker()
    tracker.record("tech", changes)
    const table = keysOf(tracker).get("tech")!.get("roster")!
    expect([...table.upserted.keys()]).toEqual(upserted)
    expect([...table.deleted.keys()]).toEqual(deleted)
  })
})

describe("bundleField", () => {
  it.each([
    { value: null, field: "" },
    { value: true, field: "1" },
    { value: false, field: "0" },
    { value: 93.5, field: "93.5" },
    { value: "a,b", field: "\"a,b\"" },
    { value: "say \"hi\"", field: "\"say \"\"hi\"\"\"" },
    { value: " padded ", field: " padded " }
  ])("writes $value as $field", ({ value, field }) => {
    expect(bundleField(value)).toBe(field)
  })
})
