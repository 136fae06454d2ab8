/**
 * The CLI's failures and their exit statuses: 2 for input the user must fix,
 * 1 for anything else.
 */
import { Schema } from "effect"

/** Input the user must fix (a bad bundle, a missing folder, a bad parameter): exit status 2. */
export class InputError extends Schema.TaggedError<InputError>()("InputError", {
  message: Schema.String
}) {}

/** Anything else that stopped a command (a locked store, a disk error): exit status 1. */
export class RunError extends Schema.TaggedError<RunError>()("RunError", {
  message: Schema.String
}) {}

/** Sorts an unknown thrown value into an input error or a run error by what SQLite or Node said. */
export const classifyFailure = (error: unknown): InputError | RunError => {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""
  const message = error instanceof Error ? error.message : String(error)
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
    return new InputError({ message: `the store file is not a kts database: ${message}` })
  }
  if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES") return new InputError({ message })
  if (code.startsWith("SQLITE_BUSY")) {
    return new RunError({ message: "another process is writing this store; try again when it has finished" })
  }
  return new RunError({ message })
}
