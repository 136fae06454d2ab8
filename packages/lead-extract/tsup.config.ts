import { defineConfig } from "tsup"

export default defineConfig({
  // `extract-worker` is the worker thread of a parallel run; it must sit next
  // to the built index (see src/internal/ParallelRun.ts).
  entry: { index: "src/index.ts", "extract-worker": "src/internal/ExtractWorker.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20"
})
