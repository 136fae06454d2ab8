/**
 * The store's failures a user must act on, as tagged errors carrying what is
 * needed to act (the store's path, its schema version, the bundle folder).
 * SQLite's own error codes are turned into these where they arise (opening,
 * writing), so callers match on `_tag` and never on SQLite's codes or texts.
 *
 * They are thrown by the synchronous access API (they are `Error`s) and fail
 * the Effect service's layer; `message` says what to do.
 */
import { Schema } from "effect"
import { formatProblem, type ImportProblem } from "./ImportProblem.js"

/** A read-only open found no file at `path`. */
export class StoreNotFound extends Schema.TaggedError<StoreNotFound>()("StoreNotFound", {
  path: Schema.String
}) {
  override get message(): string {
    return `no store at ${this.path}: run \`kts import BUNDLE_DIR --db ${this.path}\` first`
  }
}

/** The file at `path` cannot be opened or created: a missing folder, no permission. */
export class StoreCannotOpen extends Schema.TaggedError<StoreCannotOpen>()("StoreCannotOpen", {
  path: Schema.String,
  /** What the system said. */
  reason: Schema.String
}) {
  override get message(): string {
    return `cannot open the store ${this.path}: ${this.reason}`
  }
}

/** The file at `path` is not a kts store (not SQLite, damaged, or a database without the store's schema). */
export class NotAStore extends Schema.TaggedError<NotAStore>()("NotAStore", {
  path: Schema.String
}) {
  override get message(): string {
    return `${this.path} is not a kts store (not an SQLite file made by \`kts import\`, or damaged)`
  }
}

/** The store was written by a newer kts: its schema `version` is above the `supported` one. */
export class StoreNewerThanKts extends Schema.TaggedError<StoreNewerThanKts>()("StoreNewerThanKts", {
  path: Schema.String,
  version: Schema.Number,
  supported: Schema.Number
}) {
  override get message(): string {
    return `the store ${this.path} is at schema version ${this.version}, newer than this kts (${this.supported}): upgrade kts`
  }
}

/** Another process holds the store's write lock (SQLite busy) past the wait. */
export class StoreBusy extends Schema.TaggedError<StoreBusy>()("StoreBusy", {
  path: Schema.String
}) {
  override get message(): string {
    return `another process is writing the store ${this.path}; try again when it has finished`
  }
}

/** The bundle folder does not exist or is not a folder. */
export class BundleNotFound extends Schema.TaggedError<BundleNotFound>()("BundleNotFound", {
  path: Schema.String
}) {
  override get message(): string {
    return `no bundle folder at ${this.path}`
  }
}

/** The export path exists and is not an empty folder: an export never mixes with, or overwrites, other files. */
export class ExportFolderNotEmpty extends Schema.TaggedError<ExportFolderNotEmpty>()("ExportFolderNotEmpty", {
  path: Schema.String
}) {
  override get message(): string {
    return `${this.path} is not an empty folder: export into a new or empty folder`
  }
}

/** An import found problems in the bundle and changed nothing. */
export class BundleInvalid extends Schema.TaggedError<BundleInvalid>()("BundleInvalid", {
  /** The bundle folder. */
  path: Schema.String,
  /** The problems kept (file, line, column, message), at most the import's limit. */
  problems: Schema.Array(Schema.Struct({
    file: Schema.String,
    line: Schema.Number,
    column: Schema.NullOr(Schema.String),
    message: Schema.String,
    value: Schema.NullOr(Schema.String),
    privateValue: Schema.Boolean
  })),
  /** Every problem found, shown or not. */
  problemCount: Schema.Number
}) {
  override get message(): string {
    return `import failed with ${this.problemCount} problem${this.problemCount === 1 ? "" : "s"}; the store was not changed`
  }

  /** One line per kept problem (`file.csv:LINE:column: message`), then how many more were found. */
  get lines(): Array<string> {
    const lines = this.problems.map((problem: ImportProblem) => formatProblem(problem))
    const unshown = this.problemCount - this.problems.length
    if (unshown > 0) lines.push(`… and ${unshown} more problems`)
    return lines
  }
}

/** Every failure of the store a user must act on. */
export type StoreError = StoreNotFound | StoreCannotOpen | NotAStore | StoreNewerThanKts | StoreBusy

/** Every failure of a bundle import a user must act on. */
export type BundleError = BundleNotFound | BundleInvalid
