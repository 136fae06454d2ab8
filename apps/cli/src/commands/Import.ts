/**
 * `kts import BUNDLE_DIR --db FILE`: the store's all-or-nothing bundle import.
 */
import { BundleInvalid, formatProblem, importBundleIntoFile, type TableCount } from "@kts/store"
import { Console, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { classifyFailure } from "../Errors.js"
import { formatBytes, makeProgressBar } from "../Progress.js"

/** Imports `bundleDir` into the store at `dbPath`, printing problems or the row counts. */
export const runImport = Effect.fn("runImport")(function*(bundleDir: string, dbPath: string) {
  const bar = makeProgressBar("import", formatBytes)
  const outcome = yield* Effect.try({
    try: () =>
      importBundleIntoFile(dbPath, bundleDir, {
        onProgress: (progress) => bar.update(progress.bytesDone, progress.bytesTotal, progress.table)
      }),
    catch: classifyFailure
  }).pipe(Effect.ensuring(Effect.sync(bar.finish)))
  if (!outcome.ok) {
    for (const problem of outcome.problems) yield* Console.error(formatProblem(problem))
    const unshown = outcome.problemCount - outcome.problems.length
    if (unshown > 0) yield* Console.error(`… and ${unshown} more problems`)
    return yield* new BundleInvalid({ path: bundleDir, problems: outcome.problems, problemCount: outcome.problemCount })
  }
  yield* Console.log(formatCounts(outcome.counts, dbPath))
  return outcome.counts
})

/** The success summary: rows per table, aligned, then the total. */
export const formatCounts = (counts: ReadonlyArray<TableCount>, dbPath: string): string => {
  const width = Math.max(...counts.map((count) => count.table.length))
  const total = counts.reduce((sum, count) => sum + count.rows, 0)
  const lines = counts.map((count) => `  ${count.table.padEnd(width)}  ${String(count.rows).padStart(10)}`)
  return [`imported into ${dbPath}:`, ...lines, `  ${"total".padEnd(width)}  ${String(total).padStart(10)}`].join("\n")
}

/** The `import` command. */
export const importCommand = Command.make("import", {
  bundle: Argument.String("BUNDLE_DIR").pipe(Argument.withDescription("Folder of bundle CSV files (see docs/bundle-format.md)")),
  db: Flag.String("db").pipe(Flag.withDescription("Store file to create or replace (SQLite)"))
}, ({ bundle, db }) => runImport(bundle, db).pipe(Effect.asVoid)).pipe(
  Command.withDescription(
    "Check a bundle and load it into a store, all or nothing: on any problem nothing is written and the exit status is 2"
  ),
  Command.withExamples([{ command: "kts import ./bundle --db kts.db", description: "Load ./bundle into kts.db" }])
)
