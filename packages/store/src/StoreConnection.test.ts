import { calendar, course, day, district, enrollment, roster } from "@kts/domain"
import { Effect, Exit } from "effect"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { NotAStore, StoreCannotOpen, StoreNewerThanKts, StoreNotFound } from "./Errors.js"
import { CurrentSchemaVersion } from "./Migrations.js"
import { col, columnsOf, isTrue, tableRef } from "./Sql.js"
import { openStore, Store } from "./Store.js"
import { connectStore } from "./StoreConnection.js"

const freshPath = (): string => join(mkdtempSync(join(tmpdir(), "kts-store-")), "kts.db")

const seed = (path: string) => {
  const store = connectStore(path)
  store.insert(district, [{ districtID: 1, number: "165", name: "Example" }])
  store.run(`INSERT INTO "school" VALUES (10, 1, '010', 'High', 'A1')`)
  store.insert(calendar, [
    { calendarID: 100, schoolID: 10, name: "A", endYear: 2025, startDate: "2024-08-01", endDate: "2025-06-30", summerSchool: false, exclude: true },
    { calendarID: 101, schoolID: 10, name: "B", endYear: 2025, startDate: "2024-08-01", endDate: "2025-06-30", summerSchool: true, exclude: false }
  ])
  return store
}

describe("StoreConnection", () => {
  it("decodes bools once and keeps dates as ISO strings", () => {
    const store = seed(freshPath())
    const rows = store.rows(calendar, { alias: "c", tail: `ORDER BY ${col(calendar, "calendarID", "c")}` })
    expect(rows.map((row) => [row.calendarID, row.summerSchool, row.exclude, row.startDate])).toEqual([
      [100, false, true, "2024-08-01"],
      [101, true, false, "2024-08-01"]
    ])
    store.close()
  })

  it.each([
    [true, [101]],
    [false, [100]]
  ])("selects bool columns by value (summerSchool = %s)", (value, ids) => {
    const store = seed(freshPath())
    const where = `WHERE ${isTrue(calendar, "summerSchool", undefined, value)}`
    expect(store.rows(calendar, { tail: where }).map((row) => row.calendarID)).toEqual(ids)
    store.close()
  })

  it("binds boolean parameters as 0/1", () => {
    const store = seed(freshPath())
    expect(store.scalar(`SELECT count(*) FROM ${tableRef(calendar)} WHERE ${col(calendar, "exclude")} = ?`, [true])).toBe(1)
    store.close()
  })

  it("rolls a transaction back when its function throws", () => {
    const store = seed(freshPath())
    expect(() =>
      store.transaction(() => {
        store.run(`DELETE FROM ${tableRef(calendar)}`)
        throw new Error("stop")
      })
    ).toThrow("stop")
    expect(store.count(calendar)).toBe(2)
    store.close()
  })

  it("builds SQL only from declared columns", () => {
    expect(columnsOf(roster, "r")).toBe(`r."rosterID", r."sectionID", r."personID", r."startDate", r."endDate"`)
    // @ts-expect-error: not a column of roster
    expect(() => col(roster, "calendarID")).toThrow("declares no column")
    // @ts-expect-error: not a bool column
    expect(() => isTrue(enrollment, "grade")).toThrow("not a bool")
    expect(isTrue(day, "instruction", "d")).toBe(`d."instruction" = 1`)
    expect(() => col(course, "name", "c; DROP")).toThrow()
  })

  it("shares a file store with other connections, not an in-memory one", () => {
    const path = freshPath()
    const store = seed(path)
    expect(store.shareablePath()).toBe(path)
    store.close()
    const memory = connectStore(":memory:")
    expect(memory.shareablePath()).toBeUndefined()
    memory.close()
  })

  it("maps the file only when asked, and reads and writes alike through the map", () => {
    const path = freshPath()
    seed(path).close()
    const plain = connectStore(path, { readonly: true })
    expect(plain.scalar<number>("PRAGMA mmap_size")).toBe(0)
    plain.close()
    const mapped = connectStore(path, { memoryMap: true })
    expect(mapped.scalar<number>("PRAGMA mmap_size")).toBeGreaterThan(0)
    mapped.run(`UPDATE "district" SET "name" = 'Renamed' WHERE "districtID" = 1`)
    expect(mapped.rows(district).map((row) => row.name)).toEqual(["Renamed"])
    mapped.close()
    const after = connectStore(path, { readonly: true, memoryMap: true })
    expect(after.rows(district).map((row) => row.name)).toEqual(["Renamed"])
    expect(after.rows(calendar).map((row) => row.summerSchool)).toEqual([false, true])
    after.close()
  })
})

describe("opening a store", () => {
  it("fails with StoreNotFound for a missing file read-only", () => {
    const path = freshPath()
    expect(() => connectStore(path, { readonly: true })).toThrow(StoreNotFound)
  })

  it("fails with NotAStore for a file that is not SQLite", () => {
    const path = freshPath()
    writeFileSync(path, "district,number\n".repeat(100))
    for (const readonly of [true, false]) {
      const error = (() => {
        try {
          connectStore(path, { readonly })
        } catch (error) {
          return error
        }
      })()
      expect(error).toBeInstanceOf(NotAStore)
      expect((error as NotAStore).path).toBe(path)
    }
  })

  it("fails with StoreNewerThanKts for a store of a newer schema", () => {
    const path = freshPath()
    const db = openStore(path)
    db.pragma(`user_version = ${CurrentSchemaVersion + 1}`)
    db.close()
    expect(() => connectStore(path, { readonly: true })).toThrow(StoreNewerThanKts)
    expect(() => connectStore(path)).toThrow(
      `schema version ${CurrentSchemaVersion + 1}, newer than this kts (${CurrentSchemaVersion})`
    )
  })

  it("fails with StoreCannotOpen when the folder does not exist", () => {
    expect(() => connectStore(join(freshPath(), "missing", "kts.db"))).toThrow(StoreCannotOpen)
  })
})

describe("Store service", () => {
  it("opens the store for the layer's life and closes it after", async () => {
    const path = freshPath()
    seed(path).close()
    let held: { count: (table: typeof calendar) => number } | undefined
    const count = await Effect.runPromise(
      Effect.gen(function*() {
        const store = yield* Store
        held = store
        return store.count(calendar)
      }).pipe(Effect.provide(Store.layer(path, { readonly: true })))
    )
    expect(count).toBe(2)
    expect(() => held!.count(calendar)).toThrow() // closed with the layer
  })

  it("fails the layer with the store's tagged error", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.gen(function*() {
        yield* Store
      }).pipe(Effect.provide(Store.layer(freshPath(), { readonly: true })))
    )
    expect(Exit.isFailure(exit)).toBe(true)
    const failure = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
    expect(failure && "error" in failure ? (failure.error as { _tag: string })._tag : undefined).toBe("StoreNotFound")
  })
})
