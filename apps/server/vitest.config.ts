import { defineConfig } from "vitest/config"

// Tests run against source through the "source" export condition: no build needed.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 60000 }
})
