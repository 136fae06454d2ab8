/**
 * `kts demo`: the whole pipeline on tiny synthetic data, in a temporary folder.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { runGenerate } from "./Generate.js"
import { runImport } from "./Import.js"
import { runDemoReport } from "./LeadExtract.js"

/** The synthetic data's school year, and a fixed run time late in it, so the demo prints the same every day. */
const DEMO_END_YEAR = 2025
const DEMO_AS_OF = "2025-05-20T08:00"

/** The `demo` command. */
export const demoCommand = Command.make("demo", {
  out: Flag.String("out").pipe(
    Flag.withDescription("Folder for the demo's files (default: a new temporary folder)"),
    Flag.optional
  ),
  seed: Flag.Int("seed").pipe(Flag.withDescription("Seed of the synthetic data"), Flag.withDefault(1))
}, ({ out, seed }) =>
  Effect.gen(function*() {
    const folder = Option.getOrElse(out, () => mkdtempSync(join(tmpdir(), "kts-demo-")))
    const bundleDir = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    yield* Console.log(`1. generating tiny synthetic data (seed ${seed}) into ${bundleDir}`)
    const summary = yield* runGenerate("tiny", seed, bundleDir)
    yield* Console.log(`   ${summary.files.length} files, ${summary.rowCounts["person"] ?? 0} people`)
    yield* Console.log(`2. importing into ${dbPath}`)
    yield* runImport(bundleDir, dbPath)
    yield* Console.log(`3. KECS LEAD report for end year ${DEMO_END_YEAR}, as of ${DEMO_AS_OF.replace("T", " ")}`)
    const report = yield* runDemoReport(dbPath, folder, DEMO_END_YEAR, DEMO_AS_OF)
    for (const file of report.files) yield* Console.log(`   wrote ${file}`)
    yield* Console.log(`   ${report.sectionCount} sections, ${report.rowCount} rows`)
    yield* Console.log(`Done. Try: pnpm --silent kts explain --db ${dbPath} --end-year ${DEMO_END_YEAR} --as-of ${DEMO_AS_OF} --state-id <a State ID from the CSV>`)
  })).pipe(Command.withDescription("Generate tiny synthetic data, import it, and write the LEAD report (CSV and HTML) from it"))
