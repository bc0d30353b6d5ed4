import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: each file gets its own database, so files run in parallel safely.
    maxWorkers: 2,
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});
