import { connectStore } from "@kts/store"
import { afterEach, describe, expect, it } from "vitest"
import {
  applyChange,
  type Condition,
  forgetReads,
  maxId,
  nextStageReads,
  rememberReads,
  type Row,
  type RowChange,
  selectRows,
  type StoreDb
} from "./Rows.js"

const person = (personID: number, stateID: string | null): Row => ({ personID, stateID, firstName: `F${personID}`, lastName: `L${personID}` })

const opened: Array<StoreDb> = []
const storeWith = (people: ReadonlyArray<Row>): StoreDb => {
  const db = connectStore(":memory:")
  opened.push(db)
  for (const row of people) applyChange(db, { kind: "insert", table: "person", row })
  db.run("INSERT INTO district (districtID, number, name) VALUES (1, '165', 'D')")
  return db
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

/** What the same read gives without remembering. */
const fresh = (db: StoreDb, table: string, where: Condition) => {
  forgetReads(db)
  const rows = selectRows(db, table, where)
  rememberReads(db)
  return rows
}

const people = [person(1, "A"), person(2, "B"), person(3, "B"), person(4, null), person(5, "C")]

describe("remembered reads", () => {
  it.each<{ case: string; where: Condition }>([
    { case: "ids in order", where: { personID: [1, 2] } },
    { case: "ids out of order, repeated", where: { personID: [5, 1, 5, 3] } },
    { case: "an id with no row", where: { personID: [9, 2] } },
    { case: "state IDs matching several rows", where: { stateID: ["B", "A"] } },
    { case: "an empty list", where: { personID: [] } },
    { case: "a single value", where: { stateID: "B" } },
    { case: "NULL", where: { stateID: null } },
    { case: "two conditions", where: { stateID: ["B"], personID: [3, 4] } }
  ])("give what the database gives: $case", ({ where }) => {
    const db = storeWith(people)
    rememberReads(db)
    selectRows(db, "person", { personID: [2, 3] })
    selectRows(db, "person", { stateID: ["C"] })
    const expected = fresh(db, "person", where)
    expect(selectRows(db, "person", where)).toEqual(expected)
    expect(selectRows(db, "person", where)).toEqual(expected)
  })

  it.each([
    { case: "an insert", change: { kind: "insert", table: "person", row: person(6, "B") } },
    { case: "an update", change: { kind: "update", table: "person", key: { personID: 2 }, set: { stateID: "Z" } } },
    { case: "a delete", change: { kind: "delete", table: "person", key: { personID: 3 } } }
  ] as const)("are read again after $case of their table", ({ change }) => {
    const db = storeWith(people)
    rememberReads(db)
    const wheres: Array<Condition> = [{ stateID: ["B"] }, { stateID: "B" }, { personID: [2, 3, 6] }]
    for (const where of wheres) selectRows(db, "person", where)
    const before = maxId(db, "person")
    applyChange(db, change)
    for (const where of wheres) expect(selectRows(db, "person", where)).toEqual(fresh(db, "person", where))
    expect(maxId(db, "person")).toBe(change.kind === "insert" ? 6 : before)
  })

  it("are kept when another table is written, and shared frozen", () => {
    const db = storeWith(people)
    rememberReads(db)
    const first = selectRows(db, "person", { stateID: "B" })
    applyChange(db, { kind: "update", table: "district", key: { districtID: 1 }, set: { name: "E" } })
    expect(selectRows(db, "person", { stateID: "B" })).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first[0])).toBe(true)
    expect(selectRows(db, "district", {})[0]?.["name"]).toBe("E")
  })

  it("are forgotten two stages after their last use", () => {
    const db = storeWith(people)
    rememberReads(db)
    const kept = selectRows(db, "person", { stateID: "A" })
    const dropped = selectRows(db, "person", { stateID: "C" })
    nextStageReads(db)
    expect(selectRows(db, "person", { stateID: "A" })).toBe(kept)
    nextStageReads(db)
    expect(selectRows(db, "person", { stateID: "A" })).toBe(kept)
    expect(selectRows(db, "person", { stateID: "C" })).not.toBe(dropped)
  })

  it("are not remembered unless asked", () => {
    const db = storeWith(people)
    expect(selectRows(db, "person", { stateID: "B" })).not.toBe(selectRows(db, "person", { stateID: "B" }))
  })
})

describe("rows remembered by value", () => {
  it.each<{ case: string; change: RowChange }>([
    { case: "an insert", change: { kind: "insert", table: "person", row: person(6, "B") } },
    { case: "an update moving a row to another value", change: { kind: "update", table: "person", key: { personID: 2 }, set: { stateID: "C" } } },
    { case: "an update of another column", change: { kind: "update", table: "person", key: { personID: 5 }, set: { firstName: "G" } } },
    { case: "a delete", change: { kind: "delete", table: "person", key: { personID: 3 } } },
    { case: "an update of a key that has no row", change: { kind: "update", table: "person", key: { personID: 9 }, set: { stateID: "A" } } }
  ])("give what the database gives after $case, and keep the values it did not touch", ({ change }) => {
    const db = storeWith(people)
    rememberReads(db)
    const wheres: Array<Condition> = [{ stateID: ["A", "B", "C"] }, { stateID: ["A"] }, { personID: [1, 2, 3, 4, 5, 6] }, { personID: [1] }]
    const before = wheres.map((where) => selectRows(db, "person", where))
    applyChange(db, change)
    const after = wheres.map((where) => selectRows(db, "person", where))
    // Person 1 (state ID A) is touched by none of the changes: its rows are the very rows read before.
    expect(after[3]![0]).toBe(before[3]![0])
    expect(after[1]![0]).toBe(before[1]![0])
    wheres.forEach((where, index) => expect(after[index]).toEqual(fresh(db, "person", where)))
  })

  it("are shared between a read by key and a later read by another column", () => {
    const db = storeWith(people)
    rememberReads(db)
    const byID = selectRows(db, "person", { personID: [2, 3] })
    const byStateID = selectRows(db, "person", { stateID: ["B", "C"] })
    expect(byStateID).toEqual(fresh(db, "person", { stateID: ["B", "C"] }))
    rememberReads(db)
    expect(byStateID.slice(0, 2)).toEqual(byID)
    expect(byStateID[0]).toBe(byID[0])
    expect(byStateID[1]).toBe(byID[1])
  })

  it.each<{ case: string; read: ReadonlyArray<string | number>; column: string; written: Row }>([
    { case: "an id read as a padded text, then inserted", read: ["07"], column: "personID", written: { ...person(7, "D"), personID: 7 } },
    { case: "an id read as a text and as a number at once", read: ["7", 7], column: "personID", written: person(7, "D") },
    { case: "a text column read by a text, then given a number", read: ["7.0", "7"], column: "stateID", written: { ...person(8, "D"), stateID: 7 } },
    { case: "a text column read by a number (the number is bound as 7.0: no row)", read: [7], column: "stateID", written: { ...person(8, "D"), stateID: "7.0" } }
  ])("give what the database gives for values spelled another way than SQLite stores them: $case", ({ read, column, written }) => {
    const db = storeWith(people)
    rememberReads(db)
    const where: Condition = { [column]: read }
    expect(selectRows(db, "person", where)).toEqual([])
    applyChange(db, { kind: "insert", table: "person", row: written })
    const after = selectRows(db, "person", where)
    expect(after.length).toBeGreaterThan(0)
    expect(after).toEqual(fresh(db, "person", where))
    for (const value of read) {
      rememberReads(db)
      expect(selectRows(db, "person", { [column]: [value] })).toEqual(fresh(db, "person", { [column]: [value] }))
    }
  })

  it("forget a value written under another type than it was read with", () => {
    const db = storeWith(people)
    rememberReads(db)
    expect(selectRows(db, "person", { personID: [7] })).toEqual([])
    applyChange(db, { kind: "insert", table: "person", row: { ...person(7, "D"), personID: "7" } })
    expect(selectRows(db, "person", { personID: [7] }).map((row) => row["personID"])).toEqual([7])
  })
})
