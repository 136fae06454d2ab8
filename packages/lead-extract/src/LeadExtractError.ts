/**
 * Things a user must fix before the report can run. Each is a plain `Error`
 * subclass with a `_tag` (so Effect code can match on it with `catchTag`) and
 * the context needed to act on it; the message says what to change.
 */

/** A run parameter that cannot be read: a bad date, end year, format or name. */
export class InvalidLeadParameter extends Error {
  readonly _tag = "InvalidLeadParameter" as const
  constructor(
    /** The parameter, as the CLI spells it (`--from`, `--as-of`, …). */
    readonly parameter: string,
    /** The value given. */
    readonly value: string,
    /** What was expected. */
    readonly expected: string
  ) {
    super(`${parameter} ${JSON.stringify(value)} is not valid: expected ${expected}`)
    this.name = "InvalidLeadParameter"
  }
}

/** `--from` is after `--to`. */
export class LeadDateRangeReversed extends Error {
  readonly _tag = "LeadDateRangeReversed" as const
  constructor(readonly from: string, readonly to: string) {
    super(`--from ${from} is after --to ${to}: the extract date range must run forwards`)
    this.name = "LeadDateRangeReversed"
  }
}

/** The store holds no calendar with the chosen end year. */
export class NoCalendarsForEndYear extends Error {
  readonly _tag = "NoCalendarsForEndYear" as const
  constructor(readonly endYear: number, readonly availableYears: ReadonlyArray<number>) {
    super(
      `the store has no calendar with end year ${endYear}` +
        (availableYears.length === 0
          ? ": it holds no calendars at all (import a bundle first)"
          : `: choose one of ${availableYears.join(", ")}`)
    )
    this.name = "NoCalendarsForEndYear"
  }
}

/** A `--district` number that names no district in the store. */
export class UnknownDistrictNumber extends Error {
  readonly _tag = "UnknownDistrictNumber" as const
  constructor(readonly numbers: ReadonlyArray<string>) {
    super(
      `no district in the store has the number ${numbers.map((number) => JSON.stringify(number)).join(", ")}` +
        ": district numbers are the 3-digit state numbers, e.g. 165"
    )
    this.name = "UnknownDistrictNumber"
  }
}

/** Every error the report raises for a user to fix. */
export type LeadExtractError = InvalidLeadParameter | LeadDateRangeReversed | NoCalendarsForEndYear | UnknownDistrictNumber
