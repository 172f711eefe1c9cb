/**
 * `exodus sweep <scenario>`: runs every variant of a scenario file's sweep into one folder
 * (src/api runSweep): `<out>/<variant>/` per variant, `<out>/sweep.csv` (one row per
 * variant: swept values, outcome quantiles, event probabilities) and `<out>/sweep.json`.
 *
 *     exodus sweep scenarios/sweeps/exit-speed.yaml              # → results/<name>/
 *     exodus sweep s.yaml --paths 2000 --resume                   # continue a killed sweep
 *
 * Exit codes: run-common.ts.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { addSimulationOptions, defaultOut, scenarioOverrides, ProgressLine, runAction } from "./run-common.js";

/** Options of the sweep command. */
interface SweepOptions {
  readonly out?: string;
  readonly paths?: number;
  readonly seed?: string | number;
  readonly workers?: number;
  readonly batchPaths?: number;
  readonly engine?: "fast" | "reference";
  readonly keepPaths?: boolean;
  readonly keepScalars?: boolean;
  readonly resume?: boolean;
  readonly force?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  /** false with --no-report. */
  readonly report?: boolean;
}

/** Registers `sweep` on the program. */
export function registerSweep(program: Command): void {
  const cmd = program
    .command("sweep")
    .description("run every variant of a scenario file's sweep into one folder, with sweep.csv")
    .argument("<scenario>", "scenario YAML file with a sweep: block")
    .option("-o, --out <dir>", "sweep folder to create (default results/<scenario name>)")
    .option("--keep-scalars", "also write scalars.bin in each variant (for compare)")
    .option("--keep-paths", "also write paths.parquet in each variant (small runs)")
    .option("--resume", "continue the interrupted sweep in <out>.partial/")
    .option("--force", "replace an existing sweep folder");
  addSimulationOptions(cmd, true);
  cmd.action(async (scenario: string, opts: SweepOptions) => {
    const api = await import("../../api/index.js");
    let out = opts.out;
    await runAction(
      cmd,
      "sweep",
      async (signal) => {
        const inputs = api.scenarioInputs(scenario, scenarioOverrides(opts));
        out ??= defaultOut(inputs.name);
        if (!opts.quiet && !opts.json) {
          const seeds = [...new Set(inputs.variants.map((v) => JSON.stringify(v.seed)))];
          process.stderr.write(`exodus sweep: ${inputs.name}, ${inputs.variants.length} variants, seed ${seeds.length === 1 ? seeds[0] : `per variant (${seeds.join(", ")})`}\n`);
        }
        const progress = new ProgressLine(ProgressLine.wanted(opts));
        let result;
        try {
          result = await api.runSweepInput(
            { name: inputs.name, scenarioFile: scenario, keys: inputs.sweepKeys, variants: inputs.variants },
            {
              out,
              ...(opts.workers === undefined ? {} : { workers: opts.workers }),
              ...(opts.batchPaths === undefined ? {} : { batchPaths: opts.batchPaths }),
              keepPaths: opts.keepPaths === true,
              keepScalars: opts.keepScalars === true,
              resume: opts.resume === true,
              force: opts.force === true,
              signal,
              onProgress: (p) => progress.update(p),
            },
          );
        } finally {
          progress.done();
        }
        if (opts.report !== false) {
          const { writeReport } = await import("../../report/index.js");
          await writeReport(result.out);
        }
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ out: result.out, variants: result.variants.map((v) => ({ variant: v.variant, dir: v.dir, seed: v.seed, paths: v.paths, reused: v.reused })) }, null, 2)}\n`);
          return;
        }
        if (opts.quiet === true) return;
        process.stdout.write(`wrote ${result.out} (${result.variants.length} variants; table: ${result.out}/sweep.csv)\n`);
        for (const v of result.variants) process.stdout.write(`  ${v.variant}${v.reused ? " (kept from the interrupted sweep)" : ""}\n`);
      },
      () =>
        out !== undefined && existsSync(`${resolve(out)}.partial`)
          ? `the finished variants and any checkpoint are in ${out}.partial/: rerun with --resume to continue`
          : "nothing had finished, so there is nothing to resume",
    );
  });
}
