/**
 * `kts export --db FILE --out DIR [--json]`: the store written back out as a bundle.
 */
import { ExportFolderNotEmpty, exportStoreToFolder, type ExportCount, StoreNotFound } from "@kts/store"
import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"
import { makeProgressBar, progressWanted } from "../Progress.js"
import { formatCountTable } from "./Import.js"

/** Exports the store at `dbPath` into `outDir`, printing the rows written per file. */
export const runExport = Effect.fn("runExport")(function*(dbPath: string, outDir: string, json = false) {
  const bar = makeProgressBar("export", (rows) => rows.toLocaleString("en-US"))
  const counts: ReadonlyArray<ExportCount> = yield* Effect.try({
    try: () =>
      exportStoreToFolder(dbPath, outDir, progressWanted() ? { onProgress: (p) => bar.update(p.rowsDone, p.rowsTotal, p.table) } : {}),
    catch: (error) =>
      error instanceof StoreNotFound || error instanceof ExportFolderNotEmpty
        ? new InputError({ message: error.message })
        : classifyFailure(error)
  }).pipe(Effect.ensuring(Effect.sync(bar.finish)))
  yield* Console.log(
    json
      ? JSON.stringify({
        db: dbPath,
        out: outDir,
        tables: counts.map(({ rows, table }) => ({ table, rows })),
        total: counts.reduce((sum, count) => sum + count.rows, 0)
      })
      : formatCountTable(
        `exported ${dbPath} to ${outDir}:`,
        ["rows"],
        counts.map((count) => ({ name: count.table, values: [count.rows] }))
      )
  )
  return counts
})

/** The `export` command. */
export const exportCommand = Command.make("export", {
  db: Flag.String("db").pipe(Flag.withDescription("The store file to export")),
  out: Flag.String("out").pipe(Flag.withDescription("Folder to write the bundle into: created when missing, refused when not empty")),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the counts as one JSON object"), Flag.withDefault(false))
}, ({ db, json, out }) => runExport(db, out, json).pipe(Effect.asVoid)).pipe(
  Command.withDescription(
    "Write the store as a bundle (one CSV per non-empty table) that `kts import` reads back into the same rows"
  ),
  Command.withExamples([{ command: "kts export --db kts.db --out ./backup", description: "Back kts.db up as a bundle" }])
)
