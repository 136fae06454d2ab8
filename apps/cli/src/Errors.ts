/**
 * The CLI's failures and their exit statuses, in one table: 2 for input the
 * user must fix (a bad bundle or flag, a path that does not exist), 1 for
 * anything else (a store that exists but cannot be opened or is locked, a
 * disk error). Every tagged error a package exports is listed here (a test
 * checks it), so a new one cannot fall through unnoticed.
 */
import { Schema } from "effect"

/** Input the user must fix that no package error names (a file-system path): exit status 2. */
export class InputError extends Schema.TaggedError<InputError>()("InputError", {
  message: Schema.String
}) {}

/** Anything else that stopped a command (a disk error, an unexpected failure): exit status 1. */
export class RunError extends Schema.TaggedError<RunError>()("RunError", {
  message: Schema.String
}) {}

/** The exit status of every tagged failure, by `_tag`. */
export const ExitStatusByTag = {
  // The CLI's own.
  InputError: 2,
  RunError: 1,
  // @kts/store: a path that does not exist or a bad bundle is input; a store that exists
  // but cannot be used (not a store, written by a newer kts, locked, no permission) is not.
  StoreNotFound: 2,
  BundleNotFound: 2,
  BundleInvalid: 2,
  ExportFolderNotEmpty: 2,
  StoreCannotOpen: 1,
  NotAStore: 1,
  StoreNewerThanKts: 1,
  StoreBusy: 1,
  // @kts/lead-extract: run parameters.
  InvalidLeadParameter: 2,
  LeadDateRangeReversed: 2,
  NoCalendarsForEndYear: 2,
  UnknownDistrictNumber: 2,
  // @kts/sync's exchange: a bad exchange.json or flag is input; a run holding the lock or a
  // unit that failed is not; a night that ran but holds removals for approval is 3.
  ExchangeConfigError: 2,
  ExchangeBadFlag: 2,
  ExchangeLocked: 1,
  ExchangeUnitsFailed: 1,
  ExchangeDatabaseUnreadable: 1,
  ExchangeHeld: 3,
  // @kts/grade-check: an unknown student, school or course is input; a support request the
  // personal-data scan stopped is not (nothing was written).
  GradeCheckInputError: 2,
  SupportRequestBlocked: 1,
  // @kts/server: a bad tokens file, an unknown token id, a scope naming no school of the configuration.
  TokensFileError: 2,
  UnknownTokenId: 2,
  UnknownScopeSchool: 2
} as const satisfies Record<string, 1 | 2 | 3>

/** A tag of the table. */
export type FailureTag = keyof typeof ExitStatusByTag

/** A failure the CLI knows: a tag of the table and a message for the user. */
export interface TaggedFailure {
  readonly _tag: FailureTag
  readonly message: string
}

/** Is `error` a tagged failure of the table? */
export const isTaggedFailure = (error: unknown): error is TaggedFailure =>
  typeof error === "object" && error !== null && "_tag" in error && Object.hasOwn(ExitStatusByTag, String(error._tag))

/** The exit status of a failure: its table entry, else 1. */
export const exitStatusOfFailure = (error: unknown): number => isTaggedFailure(error) ? ExitStatusByTag[error._tag] : 1

/**
 * A thrown value as a failure of the command: the packages' tagged errors as
 * they are; a file-system path that is missing or not allowed as input; anything else a run error.
 */
export const classifyFailure = (error: unknown): TaggedFailure => {
  if (isTaggedFailure(error)) return error
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""
  const message = error instanceof Error ? error.message : String(error)
  if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES") return new InputError({ message })
  return new RunError({ message })
}
