import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { classifyFailure, ExitStatusByTag, exitStatusOfFailure, RunError } from "../src/Errors.js"

// Every @kts package the CLI depends on, read from its package.json: a package added later is checked too.
const packages = Object.keys(
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> })
    .dependencies
).filter((name) => name.startsWith("@kts/"))

/** The tags of the Schema.TaggedError classes a module exports. */
const taggedErrorTags = (module: Record<string, unknown>): Array<string> =>
  Object.values(module).flatMap((value) => {
    if (typeof value !== "function" || !(value.prototype instanceof Error)) return []
    const fields = (value as { fields?: Record<string, unknown> }).fields
    return fields !== undefined && "_tag" in fields ? [String((value as { identifier?: unknown }).identifier)] : []
  })

describe("exit statuses", () => {
  it.each(packages)("maps every tagged error %s exports", async (name) => {
    const tags = taggedErrorTags(await import(name) as Record<string, unknown>)
    for (const tag of tags) expect(ExitStatusByTag, `${name} exports ${tag}`).toHaveProperty(tag)
  })

  it("maps every tagged error the exchange's shell (@kts/sync/shell) exports", async () => {
    const tags = taggedErrorTags(await import("@kts/sync/shell") as Record<string, unknown>)
    expect(tags).toEqual(expect.arrayContaining(["ExchangeLocked", "ExchangeHeld"]))
    for (const tag of tags) expect(ExitStatusByTag, `@kts/sync/shell exports ${tag}`).toHaveProperty(tag)
  })

  it("finds the tagged errors it checks", async () => {
    const tags = taggedErrorTags(await import("@kts/store") as Record<string, unknown>)
    expect(tags).toEqual(expect.arrayContaining(["StoreNotFound", "StoreBusy", "BundleInvalid"]))
  })

  it.each([
    { error: { _tag: "StoreNotFound", message: "no store" }, status: 2 },
    { error: { _tag: "StoreBusy", message: "busy" }, status: 1 },
    { error: { _tag: "InvalidLeadParameter", message: "bad" }, status: 2 },
    { error: { _tag: "SomethingNew", message: "?" }, status: 1 },
    { error: new Error("plain"), status: 1 }
  ])("$error._tag exits $status", ({ error, status }) => {
    expect(exitStatusOfFailure(error)).toBe(status)
  })

  it("keeps tagged errors and wraps anything else as a run error", () => {
    const tagged = { _tag: "NotAStore", message: "x" }
    expect(classifyFailure(tagged)).toBe(tagged)
    expect(classifyFailure(new Error("disk"))).toBeInstanceOf(RunError)
    expect(classifyFailure(Object.assign(new Error("gone"), { code: "ENOENT" }))._tag).toBe("InputError")
  })
})
