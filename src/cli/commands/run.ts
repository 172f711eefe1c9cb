/**
 * `exodus run <scenario>`: runs a scenario file into a result folder (src/api: scenarioInputs
 * and runPlan, as runScenario does; formats in README.md "Result files").
 *
 *     exodus run scenarios/baseline.yaml                      # → results/baseline/
 *     exodus run s.yaml --paths 20000 --seed 7 --workers 8 -o results/s20k
 *     exodus run s.yaml --resume                              # continue a killed run
 *     exodus run s.yaml --shard 2/3 -o results/s.shard2       # one shard; `exodus merge` joins them
 *     exodus run s.yaml --shard env                           # shard from SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX
 *
 * Prints the run's seed first (stderr), the folder and the named events' probabilities
 * last (stdout; `--json`: one JSON object). Exit codes: run-common.ts.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { addSimulationOptions, defaultOut, scenarioOverrides, positiveInt, ProgressLine, runAction } from "./run-common.js";

/** Options of the run command. */
interface RunOptions {
  readonly out?: string;
  readonly paths?: number;
  readonly seed?: string | number;
  readonly workers?: number;
  readonly batchPaths?: number;
  readonly engine?: "fast" | "reference";
  readonly variant?: string;
  readonly shard?: string;
  readonly shardCount?: number;
  readonly keepPaths?: boolean;
  readonly keepScalars?: boolean;
  readonly resume?: boolean;
  readonly force?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  /** false with --no-report. */
  readonly report?: boolean;
}

/** Registers `run` on the program. */
export function registerRun(program: Command): void {
  const cmd = program
    .command("run")
    .description("run a scenario file (Monte Carlo) into a result folder")
    .argument("<scenario>", "scenario YAML file")
    .option("-o, --out <dir>", "result folder to create (default results/<scenario name>)")
    .option("--variant <name>", "run this variant of the file's sweep (default: the file without its sweep)")
    .option("--shard <i/n|env>", 'run shard i of n only (a partial for `exodus merge`); "env": from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX')
    .option("--shard-count <n>", "shard count for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)", positiveInt("shard-count"))
    .option("--keep-scalars", "also write scalars.bin (per-path scalars, for compare; re-simulates the paths)")
    .option("--keep-paths", "also write paths.parquet (every cell of every path; small runs; re-simulates the paths)")
    .option("--resume", "continue the interrupted run whose checkpoint is in <out>.partial/")
    .option("--force", "replace an existing result folder (and a stale checkpoint when not resuming)");
  addSimulationOptions(cmd, false);
  cmd.action(async (scenario: string, opts: RunOptions) => {
    const api = await import("../../api/index.js");
    let out = opts.out;
    await runAction(
      cmd,
      "run",
      async (signal) => {
        const inputs = api.scenarioInputs(scenario, scenarioOverrides(opts));
        const shard = api.resolveShard({ ...(opts.shard === undefined ? {} : { shard: opts.shard }), ...(opts.shardCount === undefined ? {} : { shardCount: opts.shardCount }) });
        out ??= defaultOut(inputs.name, shard === null ? "" : `.shard${shard.index}of${shard.count}`);
        const chosen = opts.variant === undefined ? inputs.base : inputs.variants.find((v) => v.variant === opts.variant);
        if (chosen === undefined) {
          const { ResultError } = await import("../../results/index.js");
          throw new ResultError("BAD_OPTIONS", `${scenario} has no variant ${opts.variant}; it has ${inputs.variants.map((v) => v.variant).join(", ")}`);
        }
        if (!opts.quiet && !opts.json) {
          const note = inputs.variants.length > 1 && opts.variant === undefined ? ` (the file has a sweep of ${inputs.variants.length} variants: \`exodus sweep\` runs them)` : "";
          process.stderr.write(
            `exodus run: ${inputs.name}${opts.variant === undefined ? "" : ` variant ${opts.variant}`}, seed ${JSON.stringify(chosen.seed)}, ` +
              `${chosen.paths} paths${shard === null ? "" : `, shard ${shard.index}/${shard.count}`}${note}\n`,
          );
        }
        const progress = new ProgressLine(ProgressLine.wanted(opts));
        let result;
        try {
          result = await api.runPlan(chosen, {
            out,
            ...(shard === null ? {} : { shard }),
            ...(opts.workers === undefined ? {} : { workers: opts.workers }),
            ...(opts.batchPaths === undefined ? {} : { batchPaths: opts.batchPaths }),
            keepPaths: opts.keepPaths === true,
            keepScalars: opts.keepScalars === true,
            resume: opts.resume === true,
            force: opts.force === true,
            signal,
            onProgress: (p) => progress.update(p),
          });
        } finally {
          progress.done();
        }
        if (opts.report !== false && result.manifest.kind === "run") {
          const { writeReport } = await import("../../report/index.js");
          await writeReport(result.out);
        }
        const m = result.manifest;
        if (opts.json === true) {
          const summary = result.summary;
          const events = summary?.events.map((e) => ({ name: e.event.name, probability: e.probability, count: e.count })) ?? null;
          // The per-path scalar summary (as summary.json; NaN → null) and the key outcomes.
          const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
          const scalars =
            summary?.scalars.map(({ field, stats }) => ({
              entity: field.entity,
              metric: field.metric,
              unit: field.unit,
              ...Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, num(v)])),
            })) ?? null;
          let keyOutcomes = null;
          if (summary !== null) {
            const results = await import("../../results/index.js");
            keyOutcomes = results.keyOutcomes(summary).map((r) => ({ ...r, p50: num(r.p50), p05: num(r.p05), p95: num(r.p95) }));
          }
          process.stdout.write(
            `${JSON.stringify({ out: result.out, kind: m.kind, seed: m.seed, paths: m.paths, shard: m.shard, workers: m.workers, wallSeconds: m.wallSeconds, resumedPaths: m.resumedPaths, keyOutcomes, scalars, events }, null, 2)}\n`,
          );
          return;
        }
        if (opts.quiet === true) return;
        const resumed = result.resumedPaths > 0 ? `, ${result.resumedPaths} paths from the checkpoint` : "";
        process.stdout.write(`wrote ${result.out} (${m.kind === "shard" ? `shard ${m.shard?.index}/${m.shard?.count}, ` : ""}seed ${JSON.stringify(m.seed)}, ${m.paths} paths, ${m.wallSeconds.toFixed(1)} s${resumed})\n`);
        if (result.summary !== null) {
          const { keyOutcomes, formatKeyOutcomes } = await import("../../results/index.js");
          process.stdout.write(`\n${formatKeyOutcomes(keyOutcomes(result.summary))}\n\n`);
          for (const e of result.summary.events) process.stdout.write(`  P(${e.event.name}) = ${e.probability.toFixed(4)}\n`);
          process.stdout.write(`\nfiles: ${result.out}/ (${opts.report !== false ? "report.html, " : ""}series.csv, epochs.csv, summary.csv, events.csv, summary.json, manifest.json; see README "Result files")\n`);
        }
      },
      () =>
        out !== undefined && existsSync(`${resolve(out)}.partial`)
          ? `the checkpoint is in ${out}.partial/: rerun with --resume to continue`
          : "no batch had finished, so there is no checkpoint to resume",
    );
  });
}
