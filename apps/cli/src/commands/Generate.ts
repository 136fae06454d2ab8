/**
 * `kts generate`: seeded synthetic bundles.
 */
import { generateBundle, type Scale } from "@kts/synth"
import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure } from "../Errors.js"
import { makeProgressBar } from "../Progress.js"

/** Writes a synthetic bundle of `scale` to `outDir`; returns the row counts. */
export const runGenerate = Effect.fn("runGenerate")(function*(scale: Scale, seed: number, outDir: string) {
  const bar = makeProgressBar(`generate ${scale}`)
  const summary = yield* Effect.tryPromise({
    try: () => generateBundle({ scale, seed, outDir, onProgress: bar.update }),
    catch: classifyFailure
  }).pipe(Effect.ensuring(Effect.sync(bar.finish)))
  return summary
})

/** The `generate` command. */
export const generateCommand = Command.make("generate", {
  scale: Flag.Literals("scale", ["tiny", "district", "state"]).pipe(
    Flag.withDescription("tiny: a few dozen students; district: ~100,000; state: ~650,000 in ~171 districts"),
    Flag.withDefault("tiny")
  ),
  seed: Flag.Int("seed").pipe(Flag.withDescription("Same seed, same bytes"), Flag.withDefault(1)),
  out: Flag.String("out").pipe(Flag.withDescription("Folder to write the bundle's CSV files into"))
}, ({ out, scale, seed }) =>
  Effect.gen(function*() {
    const summary = yield* runGenerate(scale, seed, out)
    const total = Object.values(summary.rowCounts).reduce((sum, rows) => sum + rows, 0)
    yield* Console.log(`wrote a ${scale} bundle (seed ${seed}) to ${out}: ${summary.files.length} files, ${total} rows`)
  })).pipe(
    Command.withDescription("Write a synthetic, valid bundle; byte-identical for the same scale and seed"),
    Command.withExamples([{ command: "kts generate --scale tiny --seed 7 --out ./tiny", description: "A demo bundle" }])
  )
