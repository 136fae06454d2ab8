import { defineConfig } from "vitest/config"

// The CLI's tests run the built `kts` (dist/main.js) as a user would; turbo builds it first.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 120000, hookTimeout: 120000 }
})
