/**
 * `runSweep`: every variant of a scenario file's sweep into one folder:
 *
 *     <out>/sweep.csv          one row per variant: swept values and key outcomes (results/sweep-csv.ts)
 *     <out>/sweep.json         the sweep: keys, and per variant its folder, seed, paths, overrides, plan hash (results/sweep-json.ts)
 *     <out>/<variant>/         a run folder per variant (run-plan.ts)
 *
 * The sweep is assembled in `<out>.partial/` and renamed to `<out>` when every variant is
 * done (refused if `<out>` exists, unless `force`). A killed sweep resumes with `resume`:
 * finished variants (their folder has a manifest of the same plan, seed and paths) are
 * kept, the interrupted one continues from its checkpoint, the rest run. Variants share
 * one worker pool, and under common random numbers one seed, so their differences are
 * paired (compare them with `compareRuns`).
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { BatchPool, DEFAULT_CHUNK_SIZE, chunkCount, planHash, threadsFor, writeFileSynced, type ModelRef } from "../montecarlo/index.js";
import {
  ResultError,
  SWEEP_FILES,
  checkOutputLocation,
  discardStaging,
  promoteFolder,
  readRunFolder,
  refuseExisting,
  summaryJsonOf,
  sweepCsv,
  sweepJson,
  type SummaryJson,
} from "../results/index.js";
import { checkWorkers, defaultWorkers, partialDirOf, runPlan, type RunCommonOptions, type RunInput } from "./run-plan.js";
import { scenarioInputs, type ScenarioOverrides } from "./scenario-input.js";

/** One variant of a sweep, ready to run. */
export interface SweepVariantInput extends RunInput {
  /** Its name: the folder name under the sweep folder (filename-safe). */
  readonly variant: string;
  /** What it changes: sweep key path as written → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
}

/** A sweep, ready to run. */
export interface SweepInput {
  readonly name?: string | null;
  readonly scenarioFile?: string | null;
  /** The swept keys as written, in sweep order (the columns of sweep.csv). */
  readonly keys: readonly string[];
  readonly variants: readonly SweepVariantInput[];
}

/** Options of {@link runSweep} and {@link runSweepInput}. */
export interface RunSweepOptions extends RunCommonOptions, ScenarioOverrides {
  /** The sweep folder to create. */
  readonly out: string;
  readonly keepPaths?: boolean;
  readonly keepScalars?: boolean;
  /** Continue an interrupted sweep in `<out>.partial/`. */
  readonly resume?: boolean;
  /** Replace an existing `<out>` (and discard a stale `<out>.partial/` when not resuming). */
  readonly force?: boolean;
  readonly checkpointEverySeconds?: number;
  /** The path model (default: the full model). */
  readonly model?: ModelRef | string | URL;
}

/** One variant's outcome. */
export interface SweepVariantResult {
  readonly variant: string;
  /** Its run folder (absolute, in the final sweep folder). */
  readonly dir: string;
  readonly seed: string | number;
  readonly paths: number;
  /** True when an interrupted sweep had finished it already (resume). */
  readonly reused: boolean;
  readonly summary: SummaryJson;
}

/** What a sweep returns. */
export interface SweepResult {
  /** The sweep folder (absolute). */
  readonly out: string;
  readonly variants: readonly SweepVariantResult[];
  /** The text of sweep.csv. */
  readonly csv: string;
}

const RESERVED = new Set<string>([SWEEP_FILES.csv, SWEEP_FILES.json]);

/** Runs a sweep given as inputs (see the top of this file). */
export async function runSweepInput(input: SweepInput, options: RunSweepOptions): Promise<SweepResult> {
  const out = resolve(options.out);
  const staging = partialDirOf(out);
  if (input.variants.length === 0) throw new ResultError("BAD_OPTIONS", "the sweep has no variants");
  const names = new Set<string>();
  for (const v of input.variants) {
    if (RESERVED.has(v.variant) || v.variant.endsWith(".partial") || v.variant.startsWith(".") || /[/\\]/.test(v.variant)) {
      throw new ResultError("BAD_OPTIONS", `variant name ${JSON.stringify(v.variant)} cannot be a folder of the sweep`);
    }
    if (names.has(v.variant)) throw new ResultError("BAD_OPTIONS", `variant ${v.variant} appears twice`);
    names.add(v.variant);
  }
  refuseExisting(out, options.force);
  checkOutputLocation(out);
  if (existsSync(staging) && options.resume !== true) {
    if (options.force === true) await discardStaging(staging);
    else throw new ResultError("EXISTS", `${staging} holds an interrupted sweep: pass resume (--resume) to continue it, or force (--force) to start over`);
  }
  await mkdir(staging, { recursive: true });
  const workers = checkWorkers(options.workers ?? (await defaultWorkers()));
  // No more threads than the largest variant has batches (montecarlo/workers.ts); chunks of
  // DEFAULT_CHUNK_SIZE paths bound the default (guided) batches from above.
  const batches = Math.max(...input.variants.map((v) => (options.batchPaths === undefined ? chunkCount(v.paths, DEFAULT_CHUNK_SIZE) : Math.ceil(v.paths / options.batchPaths))));
  const threads = threadsFor(workers, batches);
  const pool = threads > 0 ? new BatchPool(threads) : null;
  const done: Array<Omit<SweepVariantResult, "dir"> & { readonly planHash: string; readonly overrides: Readonly<Record<string, unknown>> }> = [];
  try {
    for (const v of input.variants) {
      const dir = join(staging, v.variant);
      const run = options.model === undefined ? v : { ...v, model: options.model };
      const hash = planHash(v.plan);
      if (existsSync(join(dir, "manifest.json"))) {
        const prior = await readRunFolder(dir);
        const m = prior.manifest;
        if (m.scenario.sha256 !== hash || m.seed !== v.seed || m.paths !== v.paths) {
          throw new ResultError(
            "INCOMPATIBLE",
            `${dir} holds variant ${v.variant} of another sweep (plan, seed or paths differ); remove ${staging} or pass force (--force) without resume`,
          );
        }
        done.push({ variant: v.variant, seed: v.seed, paths: v.paths, reused: true, summary: prior.summary, planHash: hash, overrides: v.overrides });
        continue;
      }
      const result = await runPlan(run, {
        out: dir,
        workers,
        ...(pool === null ? {} : { pool }),
        resume: true,
        ...(options.batchPaths === undefined ? {} : { batchPaths: options.batchPaths }),
        ...(options.keepPaths === undefined ? {} : { keepPaths: options.keepPaths }),
        ...(options.keepScalars === undefined ? {} : { keepScalars: options.keepScalars }),
        ...(options.checkpointEverySeconds === undefined ? {} : { checkpointEverySeconds: options.checkpointEverySeconds }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onProgress: (p) => options.onProgress?.({ ...p, variant: v.variant }),
      });
      done.push({ variant: v.variant, seed: v.seed, paths: v.paths, reused: false, summary: summaryJsonOf(result.summary!), planHash: hash, overrides: v.overrides });
    }
  } finally {
    await pool?.close();
  }
  const csv = sweepCsv(
    input.keys,
    done.map((d) => ({ variant: d.variant, seed: d.seed, overrides: d.overrides, summary: d.summary })),
  );
  await writeFileSynced(join(staging, SWEEP_FILES.csv), csv);
  await writeFileSynced(
    join(staging, SWEEP_FILES.json),
    sweepJson({
      name: input.name ?? null,
      scenarioFile: input.scenarioFile ?? null,
      keys: input.keys,
      variants: done.map((d) => ({ variant: d.variant, folder: d.variant, seed: d.seed, paths: d.paths, overrides: d.overrides, planSha256: d.planHash })),
    }),
  );
  await promoteFolder(staging, out, options.force);
  return {
    out,
    variants: done.map((d) => ({ variant: d.variant, dir: join(out, d.variant), seed: d.seed, paths: d.paths, reused: d.reused, summary: d.summary })),
    csv,
  };
}

/** Loads and compiles a scenario file and runs every variant of its sweep (see the top of this file). */
export async function runSweep(file: string, options: RunSweepOptions): Promise<SweepResult> {
  const inputs = scenarioInputs(file, options);
  return runSweepInput({ name: inputs.name, scenarioFile: file, keys: inputs.sweepKeys, variants: inputs.variants }, options);
}
