/**
 * Things a user must fix before the report can run, as tagged errors with the
 * context needed to act on them; `message` says what to change. They are
 * `Error`s, thrown by the synchronous API, and Effect code matches them by
 * `_tag` (`catchTag`).
 */
import { Schema } from "effect"

/** A run parameter that cannot be read: a bad date, end year, format or name. */
export class InvalidLeadParameter extends Schema.TaggedError<InvalidLeadParameter>()("InvalidLeadParameter", {
  /** The parameter, as the CLI spells it (`--from`, `--as-of`, …). */
  parameter: Schema.String,
  /** The value given. */
  value: Schema.String,
  /** What was expected. */
  expected: Schema.String
}) {
  override get message(): string {
    return `${this.parameter} ${JSON.stringify(this.value)} is not valid: expected ${this.expected}`
  }
}

/** `--from` is after `--to`. */
export class LeadDateRangeReversed extends Schema.TaggedError<LeadDateRangeReversed>()("LeadDateRangeReversed", {
  from: Schema.String,
  to: Schema.String
}) {
  override get message(): string {
    return `--from ${this.from} is after --to ${this.to}: the extract date range must run forwards`
  }
}

/** The store holds no calendar with the chosen end year. */
export class NoCalendarsForEndYear extends Schema.TaggedError<NoCalendarsForEndYear>()("NoCalendarsForEndYear", {
  endYear: Schema.Number,
  availableYears: Schema.Array(Schema.Number)
}) {
  override get message(): string {
    return `the store has no calendar with end year ${this.endYear}` +
      (this.availableYears.length === 0
        ? ": it holds no calendars at all (import a bundle first)"
        : `: choose one of ${this.availableYears.join(", ")}`)
  }
}

/** A `--district` number that names no district in the store. */
export class UnknownDistrictNumber extends Schema.TaggedError<UnknownDistrictNumber>()("UnknownDistrictNumber", {
  numbers: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `no district in the store has the number ${this.numbers.map((number) => JSON.stringify(number)).join(", ")}` +
      ": district numbers are the 3-digit state numbers, e.g. 165"
  }
}

/** Every error the report raises for a user to fix. */
export type LeadExtractError = InvalidLeadParameter | LeadDateRangeReversed | NoCalendarsForEndYear | UnknownDistrictNumber
