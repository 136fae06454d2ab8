/**
 * Person rows: staff (no state id) and the identifiers students carry.
 */
import type { Context } from "./Context.js"
import { ymd } from "./Dates.js"
import { personName, type NameOptions } from "./Names.js"
import type { Random } from "./Random.js"

/**
 * A multiplier coprime with 9·10⁹ (not divisible by 2, 3 or 5), so
 * counter → counter·STEP mod 9·10⁹ is one-to-one: ids look random but never repeat.
 */
const STATE_ID_STEP = 4_294_967_291n
const STATE_ID_SPAN = 9_000_000_000n

/** The next unique 10-digit state id of the bundle. */
export const nextStateId = (ctx: Context): string => {
  ctx.stateIdCounter++
  const offset = BigInt((ctx.seed >>> 0) % 1_000_003)
  return String(1_000_000_000n + ((BigInt(ctx.stateIdCounter) + offset) * STATE_ID_STEP) % STATE_ID_SPAN)
}

export const nameOptions = (ctx: Context): NameOptions =>
  ctx.showcase ? { awkward: 0.25, broken: 0.1, markup: true } : { awkward: 0.03, broken: 0.002, markup: false }

/** Writes a staff member and returns their personID. */
export const writeStaff = (ctx: Context, rng: Random): number => {
  const personID = ctx.ids.next("person")
  const name = personName(rng, nameOptions(ctx))
  ctx.out.person.add({
    personID,
    stateID: null,
    studentNumber: null,
    firstName: name.first,
    lastName: name.last,
    legalFirstName: name.legalFirst,
    legalLastName: name.legalLast,
    gender: name.gender,
    raceEthnicity: rng.chance(0.3) ? null : rng.weighted(RACE_WEIGHTS),
    birthDate: rng.chance(0.2) ? null : ymd(ctx.endYear - rng.int(23, 64), rng.int(1, 12), rng.int(1, 28)),
    homePrimaryLanguage: rng.chance(0.5) ? null : "0400"
  })
  return personID
}

export const RACE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ["6", 72], ["4", 10], ["1", 8], ["7", 6], ["3", 2], ["2", 1], ["5", 1]
]

/** Home languages other than English (`0400`), as 4-digit codes. */
export const OTHER_LANGUAGES: ReadonlyArray<string> = ["1200", "0230", "0640", "2510", "0110", "1920", "3170", "0930"]
