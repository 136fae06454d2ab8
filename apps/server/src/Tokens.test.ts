import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { addToken, findToken, hashToken, readTokens, revokeToken, TokenRegistry, TokensFileError, UnknownTokenId } from "./Tokens.js"

const fileIn = () => join(mkdtempSync(join(tmpdir(), "kts-tokens-")), "tokens.json")

describe("tokens file", () => {
  it("stores the hash and never the token", () => {
    const file = fileIn()
    const { entry, token } = addToken(file, { kind: "school", district: "165", school: "010" })
    const text = readFileSync(file, "utf8")
    expect(text).not.toContain(token)
    expect(text).toContain(hashToken(token))
    expect(entry.sha256).toBe(hashToken(token))
    expect(token.length).toBeGreaterThanOrEqual(40)
  })

  it("finds an active token and refuses a revoked or unknown one", () => {
    const file = fileIn()
    const first = addToken(file, { kind: "state" })
    const second = addToken(file, { kind: "tech", district: "902", school: "030" })
    expect(findToken(readTokens(file), first.token)?.id).toBe(first.entry.id)
    revokeToken(file, first.entry.id)
    expect(findToken(readTokens(file), first.token)).toBeUndefined()
    expect(findToken(readTokens(file), second.token)?.scope).toEqual({ kind: "tech", district: "902", school: "030" })
    expect(findToken(readTokens(file), "kts_unknown")).toBeUndefined()
  })

  it("the registry sees a revocation made after it started", () => {
    const file = fileIn()
    const { entry, token } = addToken(file, { kind: "state" })
    const registry = new TokenRegistry(file)
    expect(registry.verify(token)?.id).toBe(entry.id)
    revokeToken(file, entry.id)
    expect(registry.verify(token)).toBeUndefined()
    expect(registry.active(entry.id)).toBeUndefined()
  })

  it("names an unknown id and a broken file", () => {
    const file = fileIn()
    addToken(file, { kind: "state" })
    expect(() => revokeToken(file, "nope")).toThrow(UnknownTokenId)
    writeFileSync(file, "{ not json")
    expect(() => readTokens(file)).toThrow(TokensFileError)
  })
})
