/**
 * What `kts tokens …` and `kts access-log` do, for the CLI to call: check a
 * scope against the configuration, add, list and revoke tokens, read the
 * access records.
 */
import { loadExchangeConfig } from "@kts/sync/shell"
import { type AccessRecord, defaultAccessLogFile, readAccessLog } from "./AccessLog.js"
import { type AccessScope, parseSchoolKey, scopeText } from "./AccessScope.js"
import { readDirectory } from "./SchoolData.js"
import { addToken, defaultTokensFile, type NewToken, readTokens, revokeToken, type TokenEntry, UnknownScopeSchool } from "./Tokens.js"

/** The scope a command line asks for, before it is checked. */
export type ScopeRequest = { readonly kind: "school" | "tech"; readonly value: string } | { readonly kind: "state" }

/** Checks a scope against the configuration: the school exists in its databases; `tech` is a technical school of a link. */
export const resolveScope = (configFile: string, request: ScopeRequest): AccessScope => {
  if (request.kind === "state") return { kind: "state" }
  const flag = `--${request.kind}`
  const key = parseSchoolKey(request.value)
  if (key === undefined) throw new UnknownScopeSchool({ flag, value: request.value, reason: "expected {district}-{school}, e.g. 165-010" })
  const config = loadExchangeConfig(configFile)
  const school = readDirectory(config).get(request.value)
  if (school === undefined) throw new UnknownScopeSchool({ flag, value: request.value, reason: "no database of the configuration holds this school" })
  if (request.kind === "tech" && school.role !== "technical school") {
    throw new UnknownScopeSchool({ flag, value: request.value, reason: "no link of the configuration names it as a technical school" })
  }
  return { kind: request.kind, district: key.district, school: key.school }
}

/** `kts tokens add`. */
export const tokensAdd = (configFile: string, request: ScopeRequest, tokensFile?: string): NewToken & { readonly file: string } => {
  const scope = resolveScope(configFile, request)
  const file = tokensFile ?? defaultTokensFile(configFile)
  return { ...addToken(file, scope), file }
}

/** `kts tokens list`. */
export const tokensList = (configFile: string, tokensFile?: string): Array<TokenEntry> => readTokens(tokensFile ?? defaultTokensFile(configFile))

/** `kts tokens revoke`. */
export const tokensRevoke = (configFile: string, id: string, tokensFile?: string): TokenEntry => revokeToken(tokensFile ?? defaultTokensFile(configFile), id)

/** One token as a listing line (never the token: it is not stored). */
export const formatTokenEntry = (entry: TokenEntry): string =>
  `${entry.id}  ${scopeText(entry.scope).padEnd(14)}  created ${entry.createdAt}${entry.revokedAt === null ? "" : `  revoked ${entry.revokedAt}`}`

/** `kts access-log`. */
export const accessLog = (configFile: string, since?: string, file?: string): Array<AccessRecord> =>
  readAccessLog(file ?? defaultAccessLogFile(configFile), since)
