/**
 * `kts import BUNDLE_DIR --db FILE [--delta] [--json]`: the store's all-or-nothing
 * bundle import, or (with `--delta`) a delta bundle applied to an existing store.
 */
import {
  applyDeltaToFile,
  type DeltaCount,
  type DeltaOutcome,
  formatProblem,
  type ImportOutcome,
  importBundleIntoFile,
  type ImportProblem,
  type TableCount
} from "@kts/store"
import { Console, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"
import { formatBytes, makeProgressBar } from "../Progress.js"

const toCliError = classifyFailure

/** Runs an import or a delta load with a progress bar on a terminal. */
const withProgress = <A>(load: (onProgress: (progress: { table: string; bytesDone: number; bytesTotal: number }) => void) => A) => {
  const bar = makeProgressBar("import", formatBytes)
  return Effect.try({
    try: () => load((progress) => bar.update(progress.bytesDone, progress.bytesTotal, progress.table)),
    catch: toCliError
  }).pipe(Effect.ensuring(Effect.sync(bar.finish)))
}

/** Prints every problem (stderr) and fails with the summary. */
const failWithProblems = Effect.fn("failWithProblems")(function*(
  problems: ReadonlyArray<ImportProblem>,
  problemCount: number,
  what: string
) {
  for (const problem of problems) yield* Console.error(formatProblem(problem))
  const unshown = problemCount - problems.length
  if (unshown > 0) yield* Console.error(`… and ${unshown} more problems`)
  return yield* new InputError({
    message: `${what} failed with ${problemCount} problem${problemCount === 1 ? "" : "s"}; the store was not changed`
  })
})

/** Imports `bundleDir` into the store at `dbPath`, printing problems or the row counts. */
export const runImport = Effect.fn("runImport")(function*(bundleDir: string, dbPath: string, json = false) {
  const outcome: ImportOutcome = yield* withProgress((onProgress) => importBundleIntoFile(dbPath, bundleDir, { onProgress }))
  if (!outcome.ok) return yield* failWithProblems(outcome.problems, outcome.problemCount, "import")
  yield* Console.log(json ? countsJson(outcome.counts, { bundle: bundleDir, db: dbPath }) : formatCounts(outcome.counts, dbPath))
  return outcome.counts
})

/** Applies the delta bundle `deltaDir` to the existing store at `dbPath`, printing problems or what changed. */
export const runDelta = Effect.fn("runDelta")(function*(deltaDir: string, dbPath: string, json = false) {
  const outcome: DeltaOutcome = yield* withProgress((onProgress) => applyDeltaToFile(dbPath, deltaDir, { onProgress }))
  if (!outcome.ok) return yield* failWithProblems(outcome.problems, outcome.problemCount, "delta")
  yield* Console.log(json ? deltaJson(outcome.counts, deltaDir, dbPath) : formatDeltaCounts(outcome.counts, deltaDir, dbPath))
  return outcome.counts
})

/** A table of counts: `title`, then one line per row (name left, numbers right-aligned), then `total`. */
export const formatCountTable = (
  title: string,
  headings: ReadonlyArray<string>,
  rows: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number> }>
): string => {
  const width = Math.max("total".length, "table".length, ...rows.map((row) => row.name.length))
  const totals = headings.map((_, index) => rows.reduce((sum, row) => sum + row.values[index]!, 0))
  const line = (name: string, cells: ReadonlyArray<string | number>) =>
    `  ${name.padEnd(width)}${cells.map((cell) => `  ${String(cell).padStart(10)}`).join("")}`
  return [
    title,
    ...(headings.length > 1 ? [line("table", headings)] : []),
    ...rows.map((row) => line(row.name, row.values)),
    line("total", totals)
  ].join("\n")
}

/** The success summary of a full import: rows per table, aligned, then the total. */
export const formatCounts = (counts: ReadonlyArray<TableCount>, dbPath: string): string =>
  formatCountTable(`imported into ${dbPath}:`, ["rows"], counts.map((count) => ({ name: count.table, values: [count.rows] })))

const DELTA_COLUMNS = ["inserted", "updated", "deleted", "unchanged"] as const

/**
 * The success summary of a delta: one line per table the delta named, with rows
 * inserted, updated, deleted and unchanged (given equal to the stored row), then
 * the totals.
 */
export const formatDeltaCounts = (counts: ReadonlyArray<DeltaCount>, deltaDir: string, dbPath: string): string =>
  formatCountTable(
    `applied delta ${deltaDir} to ${dbPath}:`,
    DELTA_COLUMNS,
    counts.map((count) => ({ name: count.table, values: DELTA_COLUMNS.map((column) => count[column]) }))
  )

const countsJson = (counts: ReadonlyArray<TableCount>, where: Record<string, string>): string =>
  JSON.stringify({
    ...where,
    tables: counts.map(({ rows, table }) => ({ table, rows })),
    total: counts.reduce((sum, count) => sum + count.rows, 0)
  })

const deltaJson = (counts: ReadonlyArray<DeltaCount>, deltaDir: string, dbPath: string): string =>
  JSON.stringify({
    delta: deltaDir,
    db: dbPath,
    tables: counts.map(({ deleted, inserted, table, unchanged, updated }) => ({ table, inserted, updated, deleted, unchanged })),
    total: Object.fromEntries(DELTA_COLUMNS.map((column) => [column, counts.reduce((sum, count) => sum + count[column], 0)]))
  })

/** The `import` command. */
export const importCommand = Command.make("import", {
  bundle: Argument.String("BUNDLE_DIR").pipe(Argument.withDescription("Folder of bundle CSV files (see docs/bundle-format.md)")),
  db: Flag.String("db").pipe(Flag.withDescription("Store file to create or replace (SQLite)")),
  delta: Flag.Boolean("delta").pipe(
    Flag.withDescription(
      "BUNDLE_DIR is a delta: upsert its rows by key and delete the keys listed in its deleted/ folder, in an existing store"
    ),
    Flag.withDefault(false)
  ),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the counts as one JSON object"), Flag.withDefault(false))
}, ({ bundle, db, delta, json }) => delta ? Effect.asVoid(runDelta(bundle, db, json)) : Effect.asVoid(runImport(bundle, db, json))).pipe(
  Command.withDescription(
    "Check a bundle and load it into a store, all or nothing: on any problem nothing is written and the exit status is 2"
  ),
  Command.withExamples([
    { command: "kts import ./bundle --db kts.db", description: "Load ./bundle into kts.db" },
    { command: "kts import --delta ./changes --db kts.db", description: "Apply the delta bundle ./changes to kts.db" }
  ])
)
