import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Statistical tests draw millions of variates; keep a generous per-test budget
    // (they are seeded, so time is the only thing that varies).
    testTimeout: 120_000,
    pool: "forks",
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text", "text-summary", "json-summary"],
      reportsDirectory: "coverage",
    },
  },
});
