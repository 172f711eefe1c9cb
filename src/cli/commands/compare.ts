/**
 * `exodus compare <runA> <runB> [more runs]`: paired comparison of runs that share seed,
 * paths and grid (src/api compareRuns): per scalar metric, the mean of A − B over the
 * same paths with a 95% interval, and P(A > B). A table on stdout and compare.csv.
 * Runs without scalars.bin have their paths simulated again (deterministic; noted on
 * stderr). Exit codes: run-common.ts (runs that cannot be paired: 2).
 */
import type { Command } from "commander";
import { runAction, workerCount } from "./run-common.js";

/** Options of the compare command. */
interface CompareOptions {
  readonly csv: string;
  readonly workers?: number;
  readonly force?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly trustModel?: boolean;
}

/** Registers `compare` on the program. */
export function registerCompare(program: Command): void {
  const cmd = program
    .command("compare")
    .description("compare runs path by path (same seed, paths and grid): mean difference, 95% interval, P(A > B)")
    .argument("<runs...>", "result folders; the first is the baseline A")
    .option("--csv <file>", "write the comparison table here", "compare.csv")
    .option("-w, --workers <n>", "worker threads to re-simulate runs without scalars.bin (default: all cores)", workerCount)
    .option("--force", "replace an existing CSV file")
    .option("--trust-model", "load the model module a result folder's manifest names even if it is not hashrate-exodus's own (runs its code: only for folders you trust)")
    .option("-q, --quiet", "print no table")
    .option("--json", "print the rows as JSON on stdout")
    .action(async (runs: string[], opts: CompareOptions) => {
      const api = await import("../../api/index.js");
      await runAction(cmd, "compare", async (signal) => {
        const result = await api.compareRuns(runs, {
          csv: opts.csv,
          force: opts.force === true,
          trustModel: opts.trustModel === true,
          ...(opts.workers === undefined ? {} : { workers: opts.workers }),
          signal,
          onResimulate: (dir, paths) => {
            if (opts.quiet !== true && opts.json !== true) process.stderr.write(`exodus compare: ${dir} has no scalars.bin: simulating its ${paths} paths again\n`);
          },
        });
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ rows: result.rows, skipped: result.skipped }, (_k, v: unknown) => (typeof v === "number" && Number.isNaN(v) ? null : v), 2)}\n`);
          return;
        }
        if (opts.quiet === true) return;
        process.stdout.write(`${result.table}\n`);
        for (const s of result.skipped) process.stdout.write(`  not compared: ${s.metric} (only in ${s.onlyIn === "a" ? s.a : s.b})\n`);
        process.stdout.write(`wrote ${opts.csv}\n`);
      });
    });
}
