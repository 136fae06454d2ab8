/**
 * What a token may see: one school, one technical school (and, for exchange
 * data only, the high schools linked to it), or the whole state. Pure: the
 * configuration's links decide which high schools a technical school sees.
 */
import type { loadExchangeConfig } from "@kts/sync/shell"

/** A decoded exchange configuration (the sync shell's loader's result; `@kts/sync` does not export the type by name). */
export type ExchangeConfig = ReturnType<typeof loadExchangeConfig>

/** A school as `{district}-{school}`, e.g. `165-010`. */
export interface SchoolKey {
  readonly district: string
  readonly school: string
}

/** A token's scope. */
export type AccessScope =
  | { readonly kind: "school"; readonly district: string; readonly school: string }
  | { readonly kind: "tech"; readonly district: string; readonly school: string }
  | { readonly kind: "state" }

/** What a request reads: exchange data (alerts, courses, grades, attendance, holds) or a school's own reports (LEAD). */
export type DataKind = "exchange" | "school"

const SCHOOL_KEY = /^(\d{3})-(\d{3})$/

/** Parses `165-010`; undefined when it is not two 3-digit numbers joined by `-`. */
export const parseSchoolKey = (text: string): SchoolKey | undefined => {
  const match = SCHOOL_KEY.exec(text)
  return match === null ? undefined : { district: match[1]!, school: match[2]! }
}

/** `165-010`. */
export const schoolKeyText = (key: SchoolKey): string => `${key.district}-${key.school}`

/** A scope as one line of text: `school 165-010`, `tech 902-030`, `state`. */
export const scopeText = (scope: AccessScope): string =>
  scope.kind === "state" ? "state" : `${scope.kind} ${scope.district}-${scope.school}`

const sameSchool = (a: SchoolKey, b: SchoolKey): boolean => a.district === b.district && a.school === b.school

/** The high schools the configuration links to technical school `tech`. */
export const linkedHighSchools = (config: ExchangeConfig, tech: SchoolKey): Array<SchoolKey> => {
  const seen = new Map<string, SchoolKey>()
  for (const link of config.links) {
    if (sameSchool(link.tech, tech)) seen.set(schoolKeyText(link.highSchool), { district: link.highSchool.district, school: link.highSchool.school })
  }
  return [...seen.values()]
}

/** Whether `scope` may read `kind` data of `school`. */
export const scopeAllows = (config: ExchangeConfig, scope: AccessScope, school: SchoolKey, kind: DataKind): boolean => {
  if (scope.kind === "state") return true
  if (sameSchool(scope, school)) return true
  if (scope.kind === "tech" && kind === "exchange") return linkedHighSchools(config, scope).some((hs) => sameSchool(hs, school))
  return false
}

/** Whether `scope` may read anything of district `district` (for a district's LEAD report, only its own school's calendars). */
export const scopeAllowsDistrict = (scope: AccessScope, district: string): boolean =>
  scope.kind === "state" || scope.district === district

/** The schools of `known` that `scope` may read exchange data of, in the order given. */
export const schoolsInScope = <S extends SchoolKey>(config: ExchangeConfig, scope: AccessScope, known: ReadonlyArray<S>): Array<S> =>
  known.filter((school) => scopeAllows(config, scope, school, "exchange"))

/** Whether `scope` may approve a hold of technical school `tech`: the state, or that technical school. */
export const scopeMayApprove = (scope: AccessScope, tech: SchoolKey): boolean =>
  scope.kind === "state" || (scope.kind === "tech" && sameSchool(scope, tech))
