import { defineConfig } from "tsup"

/**
 * The `kts` command is one bundle (README.md, "How the `kts` command is built"):
 * the workspace packages (from source, through their "source" export
 * condition), effect and @effect/platform-node are inlined, so a start reads a
 * few chunks instead of resolving and linking hundreds of small modules. Each
 * subcommand stays its own dynamic import (src/main.ts), so code splitting
 * gives it its own chunks and a command compiles only what it runs.
 *
 * better-sqlite3 stays external (a dependency of this package, so it resolves
 * from dist/): it loads a native addon from its own folder.
 *
 * Two packages start worker threads from a script beside their module
 * (`new URL("./import-worker.js", import.meta.url)` in @kts/store,
 * `./extract-worker.js` in @kts/lead-extract). Bundled, "beside their module"
 * is this dist/, so the two scripts are built here too, under those names.
 */
export default defineConfig({
  entry: {
    main: "src/main.ts",
    "import-worker": "node_modules/@kts/store/src/ImportWorker.ts",
    "extract-worker": "node_modules/@kts/lead-extract/src/internal/ExtractWorker.ts"
  },
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  splitting: true,
  noExternal: [/^@kts\//, /^effect(\/|$)/, /^@effect\//],
  external: ["better-sqlite3"],
  esbuildOptions(options) {
    options.conditions = ["source"]
  },
  banner: {
    js: [
      "#!/usr/bin/env node",
      // Inlined CommonJS code (ws, under @effect/platform-node's HTTP server) calls `require`,
      // which an ES module has only when it makes one.
      'import { createRequire as __ktsCreateRequire } from "node:module"',
      "const require = __ktsCreateRequire(import.meta.url)"
    ].join("\n")
  }
})
