import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Statistical tests draw millions of variates; keep a generous per-test budget
    // (they are seeded, so time is the only thing that varies).
    testTimeout: 120_000,
    pool: "forks",
    // The second reporter names the files that never finished when a test process dies
    // (vitest itself only says "Worker exited unexpectedly"): tests/reporters/unfinished.ts.
    reporters: ["default", "./tests/reporters/unfinished.ts"],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text", "text-summary", "json-summary"],
      reportsDirectory: "coverage",
    },
  },
});
