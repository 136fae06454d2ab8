/**
 * A rule's answer: the value the report prints and the evidence behind it.
 */

/** The record that decided a verdict. */
export interface DecidingRecord {
  /** The bundle table the record comes from, e.g. `plan`. */
  readonly table: string
  /** Its primary key. */
  readonly id: number
}

/** What a rule returns. */
export interface Verdict<V = string> {
  /** The value as the report prints it: `"1"`/`"0"` flags, a code, `""` for blank. */
  readonly value: V
  /** The record that decided the value, or null when no record qualified. */
  readonly record: DecidingRecord | null
  /** In plain words: why this value (which record qualified, or which condition failed). */
  readonly reason: string
}

/** A `"1"`/`"0"` flag column. */
export type Flag = "1" | "0"
