import { defineConfig } from "tsup"

export default defineConfig({
  // `import-worker` is the parse thread of a file import; it must sit next to
  // the built index (see src/BundleImport.ts).
  entry: { index: "src/index.ts", "import-worker": "src/ImportWorker.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20"
})
