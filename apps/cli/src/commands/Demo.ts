/**
 * `kts demo`: the whole pipeline on tiny synthetic data, in a temporary folder.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { runGenerate } from "./Generate.js"
import { runImport } from "./Import.js"

/** The `demo` command. */
export const demoCommand = Command.make("demo", {
  out: Flag.String("out").pipe(
    Flag.withDescription("Folder for the demo's files (default: a new temporary folder)"),
    Flag.optional
  ),
  seed: Flag.Int("seed").pipe(Flag.withDescription("Seed of the synthetic data"), Flag.withDefault(1))
}, ({ out, seed }) =>
  Effect.gen(function*() {
    const folder = out._tag === "Some" ? out.value : mkdtempSync(join(tmpdir(), "kts-demo-"))
    const bundleDir = join(folder, "bundle")
    const dbPath = join(folder, "kts.db")
    yield* Console.log(`1. generating tiny synthetic data (seed ${seed}) into ${bundleDir}`)
    const summary = yield* runGenerate("tiny", seed, bundleDir)
    const students = summary.rowCounts["enrollment"] ?? 0
    yield* Console.log(`   ${summary.files.length} files, ${students} enrollments`)
    yield* Console.log(`2. importing into ${dbPath}`)
    yield* runImport(bundleDir, dbPath)
  })).pipe(Command.withDescription("Generate tiny synthetic data, import it and run the reports on it"))
