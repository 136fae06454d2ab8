/**
 * The tokens file (`tokens.json` beside the exchange configuration by
 * default): one entry per token with its id, scope and the SHA-256 of the
 * token. The token itself is shown once, when it is made, and never stored.
 */
import { Schema } from "effect"
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import type { AccessScope } from "./AccessScope.js"

/** The tokens file cannot be read or has a bad entry (exit status 2). */
export class TokensFileError extends Schema.TaggedError<TokensFileError>()("TokensFileError", {
  file: Schema.String,
  path: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.file}: ${this.path === "" ? "" : `${this.path}: `}${this.reason}`
  }
}

/** No token with that id (exit status 2). */
export class UnknownTokenId extends Schema.TaggedError<UnknownTokenId>()("UnknownTokenId", {
  file: Schema.String,
  id: Schema.String
}) {
  override get message(): string {
    return `${this.file}: no token with id ${this.id}`
  }
}

const ScopeSchema = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("school"), district: Schema.String, school: Schema.String }),
  Schema.Struct({ kind: Schema.Literal("tech"), district: Schema.String, school: Schema.String }),
  Schema.Struct({ kind: Schema.Literal("state") })
])

const TokenEntrySchema = Schema.Struct({
  id: Schema.String,
  sha256: Schema.String,
  scope: ScopeSchema,
  createdAt: Schema.String,
  revokedAt: Schema.NullOr(Schema.String)
})

/** One token as the file holds it. */
export type TokenEntry = typeof TokenEntrySchema.Type

const TokensFileSchema = Schema.Struct({ tokens: Schema.Array(TokenEntrySchema) })

const decodeTokensFile = Schema.decodeUnknownResult(TokensFileSchema, { onExcessProperty: "error" })

/** The default tokens file of a configuration: `tokens.json` in its folder. */
export const defaultTokensFile = (configFile: string): string => join(dirname(resolve(configFile)), "tokens.json")

/** SHA-256 of a token, hex. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

/** Reads the tokens file; a missing file holds no token. */
export const readTokens = (file: string): Array<TokenEntry> => {
  if (!existsSync(file)) return []
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, "utf8"))
  } catch (error) {
    throw new TokensFileError({ file, path: "", reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` })
  }
  const decoded = decodeTokensFile(json)
  if (decoded._tag === "Failure") throw new TokensFileError({ file, path: "", reason: String(decoded.failure.message) })
  return [...decoded.success.tokens]
}

const writeTokens = (file: string, tokens: ReadonlyArray<TokenEntry>): void => {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 })
  renameSync(temporary, file)
}

/** A new token: its entry (stored) and the token itself (shown once). */
export interface NewToken {
  readonly entry: TokenEntry
  readonly token: string
}

/** Makes a token for `scope`, adds its hash to the file and returns the token. */
export const addToken = (file: string, scope: AccessScope, now: Date = new Date()): NewToken => {
  const tokens = readTokens(file)
  const ids = new Set(tokens.map((entry) => entry.id))
  let id: string
  do id = randomBytes(4).toString("hex")
  while (ids.has(id))
  const token = `kts_${randomBytes(32).toString("base64url")}`
  const entry: TokenEntry = { id, sha256: hashToken(token), scope, createdAt: now.toISOString(), revokedAt: null }
  writeTokens(file, [...tokens, entry])
  return { entry, token }
}

/** Marks token `id` revoked (kept in the file, so access records still name it). */
export const revokeToken = (file: string, id: string, now: Date = new Date()): TokenEntry => {
  const tokens = readTokens(file)
  const index = tokens.findIndex((entry) => entry.id === id)
  if (index < 0) throw new UnknownTokenId({ file, id })
  const revoked = { ...tokens[index]!, revokedAt: tokens[index]!.revokedAt ?? now.toISOString() }
  tokens[index] = revoked
  writeTokens(file, tokens)
  return revoked
}

/** The active entry whose hash is the presented token's, comparing every hash in constant time. */
export const findToken = (tokens: ReadonlyArray<TokenEntry>, presented: string): TokenEntry | undefined => {
  const hash = Buffer.from(hashToken(presented), "hex")
  let found: TokenEntry | undefined
  for (const entry of tokens) {
    const stored = Buffer.from(entry.sha256, "hex")
    if (stored.length === hash.length && timingSafeEqual(stored, hash) && entry.revokedAt === null) found = entry
  }
  return found
}

/**
 * The tokens file as the server reads it: re-read when the file changes, so
 * a token added or revoked with `kts tokens` counts at the next request.
 */
export class TokenRegistry {
  private tokens: ReadonlyArray<TokenEntry> = []
  private stamp = ""

  constructor(readonly file: string) {
    this.refresh()
  }

  private refresh(): void {
    let stamp = "missing"
    try {
      const stats = statSync(this.file)
      stamp = `${stats.mtimeMs}:${stats.size}:${stats.ino}`
    } catch {
      // no file: no token
    }
    if (stamp === this.stamp) return
    this.tokens = stamp === "missing" ? [] : readTokens(this.file)
    this.stamp = stamp
  }

  /** The active token presented, if any. */
  verify(presented: string): TokenEntry | undefined {
    this.refresh()
    return findToken(this.tokens, presented)
  }

  /** The entry of token `id` if it is still active. */
  active(id: string): TokenEntry | undefined {
    this.refresh()
    return this.tokens.find((entry) => entry.id === id && entry.revokedAt === null)
  }
}

/** A `--school`/`--tech` value that names no school of the configuration, or not a technical school (exit status 2). */
export class UnknownScopeSchool extends Schema.TaggedError<UnknownScopeSchool>()("UnknownScopeSchool", {
  flag: Schema.String,
  value: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.flag} ${this.value}: ${this.reason}`
  }
}
