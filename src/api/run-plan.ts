/**
 * Running a compiled plan into a result folder: the Monte Carlo run (montecarlo/runner.ts)
 * with a checkpoint beside the target, then the folder written atomically (results/).
 *
 * - Checkpoint and resume: during the run the aggregate is saved in `<out>.partial/`
 *   (checkpoint.hxagg; every `checkpointEverySeconds`, default 30 s, and at the end or on
 *   failure). A killed or failed run is continued with `resume`: only the missing chunks
 *   of paths run, and the folder's data files are byte-identical to an uninterrupted
 *   run's (the aggregate is: montecarlo/runner.ts). `<out>.partial/` is removed once the
 *   folder is in place. Without `resume`, an existing `<out>.partial/` is refused (or
 *   discarded with `force`).
 * - Shards: with a shard (shard-env.ts) the folder is a shard partial (manifest, plan,
 *   layout, aggregate.hxagg) for `mergeShardFolders`.
 * - Per-path files: `keepScalars` writes scalars.bin, `keepPaths` paths.parquet. The
 *   aggregate holds no per-path values, so these paths are simulated a second time after
 *   the run (in worker threads; deterministic in (seed, path), so the values are those the
 *   run aggregated); they cost about as much again as the run. Whole runs only (a shard
 *   run refuses them; ask for them at the merge).
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  CheckpointError,
  layoutShape,
  loadPathModel,
  planHash as hashPlan,
  runMonteCarlo,
  MAX_WORKERS,
  workersProblem,
  shardChunkRange,
  chunkCount,
  fieldName,
  writeFileSynced,
  type Aggregate,
  type BatchPool,
  type ModelRef,
  type MonteCarloSummary,
  type RecordLayout,
  type ShardSpec,
} from "../montecarlo/index.js";
import {
  PathsParquetWriter,
  RESULT_FILES,
  ResultError,
  checkOutputLocation,
  discardStaging,
  checkPathsParquetSize,
  encodeScalars,
  readablePlan,
  refuseExisting,
  writeRunFolder,
  writeShardFolder,
  type Manifest,
  type ManifestInput,
} from "../results/index.js";
import { VERSION } from "../version.js";
import { modelForManifest, resolveModel } from "./model-module.js";
import { samplePaths } from "./path-sampler.js";
import { gitCommit, hashFiles } from "./provenance.js";
import { resolveShard, type ShardOptions } from "./shard-env.js";

/** Most values of scalars.bin (paths × scalars): 2^26 doubles = 512 MB. */
export const MAX_SCALAR_VALUES = 2 ** 26;

/** What a run needs: a compiled plan with its seed and path count, and where it came from. */
export interface RunInput {
  /** The compiled plan (plain data; the model's factory input). */
  readonly plan: unknown;
  readonly seed: string | number;
  readonly paths: number;
  readonly name?: string | null;
  readonly description?: string | null;
  /** The scenario file, as given (null for a plan made in code). */
  readonly scenarioFile?: string | null;
  /** The scenario file and the files it extends (hashed into the manifest). */
  readonly scenarioFiles?: readonly string[];
  /** Data files the scenario read, e.g. CSV price paths (hashed into the manifest). */
  readonly dataFiles?: readonly string[];
  /** The path model (default: the full model, dist/model/path/index.js). */
  readonly model?: ModelRef | string | URL;
}

/** Progress of a run or sweep, for a progress bar. */
export interface ApiProgress {
  /** "simulate": the Monte Carlo run; "paths": re-simulating paths for scalars.bin / paths.parquet. */
  readonly phase: "simulate" | "paths";
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  /** The variant of a sweep. */
  readonly variant?: string;
}

/** Options shared by the API's runs. */
export interface RunCommonOptions {
  /** Worker threads (default: os.availableParallelism()); 0 runs in this thread (same results). */
  readonly workers?: number;
  /** Paths per batch (a multiple of 64); default: chosen by the runner. Does not change results. */
  readonly batchPaths?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApiProgress) => void;
}

/** Options of {@link runPlan}. */
export interface RunPlanOptions extends RunCommonOptions, ShardOptions {
  /** The result folder to create. */
  readonly out: string;
  /** Write paths.parquet (small runs; see results/paths-parquet.ts). */
  readonly keepPaths?: boolean;
  /** Write scalars.bin (per-path scalars, for compare without re-simulation). */
  readonly keepScalars?: boolean;
  /** Continue the interrupted run whose checkpoint is in `<out>.partial/`. */
  readonly resume?: boolean;
  /** Replace an existing folder at `out` (and discard a stale `<out>.partial/` when not resuming). */
  readonly force?: boolean;
  /** Checkpoint every this many seconds (default 30). */
  readonly checkpointEverySeconds?: number;
  /** Also checkpoint every this many batches (default: by time only). */
  readonly checkpointEveryBatches?: number;
  /** Environment for shard "env" (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** A worker pool to use (a sweep shares one between its variants), of at most `workers` threads (default: its size). */
  readonly pool?: BatchPool;
}

/** What {@link runPlan} returns. */
export interface RunResult {
  /** The folder written (absolute). */
  readonly out: string;
  readonly manifest: Manifest;
  readonly layout: RecordLayout;
  /** The run's summary (null for a shard partial). */
  readonly summary: MonteCarloSummary | null;
  readonly shard: ShardSpec | null;
  /** Paths taken from a checkpoint, and run by this call. */
  readonly resumedPaths: number;
  readonly pathsRun: number;
}

/** The checkpoint folder of a run writing to `out`. */
export function partialDirOf(out: string): string {
  return `${resolve(out)}.partial`;
}

/** os.availableParallelism() (default worker count), at most MAX_WORKERS. */
export async function defaultWorkers(): Promise<number> {
  const os = await import("node:os");
  return Math.min(MAX_WORKERS, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

function badOptions(message: string): never {
  throw new ResultError("BAD_OPTIONS", message);
}

/** `workers`, or ResultError BAD_OPTIONS unless it is an integer in [0, MAX_WORKERS] (montecarlo/workers.ts). */
export function checkWorkers(workers: number): number {
  const problem = workersProblem(workers);
  if (problem !== null) badOptions(problem);
  return workers;
}

/** The engine recorded in the manifest: the plan's `engineMode` when it has one. */
function engineOf(plan: unknown): string | null {
  const mode = plan !== null && typeof plan === "object" ? (plan as Record<string, unknown>)["engineMode"] : undefined;
  return typeof mode === "string" ? mode : null;
}

/** Writes the per-path files of a whole run (scalars.bin, paths.parquet) into `dir` by re-simulating its paths. */
export async function writePerPathFiles(
  dir: string,
  args: {
    readonly model: Required<ModelRef>;
    readonly plan: unknown;
    readonly planHash: string;
    readonly layoutHash: string;
    readonly layout: RecordLayout;
    readonly seed: string | number;
    readonly paths: number;
    readonly workers: number;
    readonly keepPaths: boolean;
    readonly keepScalars: boolean;
    readonly signal?: AbortSignal;
    readonly onProgress?: (progress: ApiProgress) => void;
  },
): Promise<void> {
  const shape = layoutShape(args.layout);
  const C = shape.scalarFields;
  const scalars = args.keepScalars ? new Float64Array(args.paths * C) : null;
  const parquet = args.keepPaths
    ? new PathsParquetWriter(join(dir, RESULT_FILES.paths), args.layout, { seed: JSON.stringify(args.seed), planHash: args.planHash, layoutHash: args.layoutHash })
    : null;
  const width = parquet !== null ? shape.cells : C;
  const t0 = performance.now();
  await samplePaths({
    model: args.model,
    plan: args.plan,
    planHash: args.planHash,
    seed: args.seed,
    first: 0,
    end: args.paths,
    select: parquet !== null ? "all" : "scalars",
    width,
    workers: args.workers,
    ...(args.signal === undefined ? {} : { signal: args.signal }),
    onBatch: (first, count, values) => {
      for (let i = 0; i < count; i++) {
        const row = values.subarray(i * width, (i + 1) * width);
        parquet?.addPath(first + i, row);
        if (scalars !== null) scalars.set(parquet !== null ? row.subarray(shape.scalarOffset, shape.epochOffset) : row, (first + i) * C);
      }
      args.onProgress?.({ phase: "paths", done: first + count, total: args.paths, elapsedMs: performance.now() - t0 });
    },
  });
  parquet?.finish();
  if (scalars !== null) {
    const bytes = encodeScalars({
      header: {
        layoutHash: args.layoutHash,
        planHash: args.planHash,
        seed: args.seed,
        paths: args.paths,
        firstPath: 0,
        endPath: args.paths,
        scalars: args.layout.scalars.map(fieldName),
      },
      values: scalars,
    });
    await writeFileSynced(join(dir, RESULT_FILES.scalars), bytes);
  }
}

/** Checks that the per-path files requested fit their caps (before anything runs). */
export function checkPerPathSizes(layout: RecordLayout, paths: number, keepPaths: boolean, keepScalars: boolean): void {
  if (keepPaths) checkPathsParquetSize(layout, paths);
  if (keepScalars && paths * layout.scalars.length > MAX_SCALAR_VALUES) {
    throw new ResultError("TOO_LARGE", `scalars.bin would hold ${paths} paths × ${layout.scalars.length} scalars, over the cap of ${MAX_SCALAR_VALUES} values`);
  }
}

/**
 * Runs `input` and writes its result folder at `options.out` (a whole run, or a shard
 * partial). Refuses, before running, an existing folder without `force` (ResultError
 * EXISTS), an interrupted run's checkpoint without `resume` or `force` (EXISTS), per-path
 * files for a shard or over their caps (BAD_OPTIONS, TOO_LARGE). Nothing is left at `out`
 * after an error (the checkpoint stays in `<out>.partial/` for `resume`).
 */
export async function runPlan(input: RunInput, options: RunPlanOptions): Promise<RunResult> {
  const t0 = performance.now();
  const started = new Date();
  const out = resolve(options.out);
  const partial = partialDirOf(out);
  const shard = resolveShard(options, options.env);
  const keepPaths = options.keepPaths === true;
  const keepScalars = options.keepScalars === true;
  if (shard !== null && (keepPaths || keepScalars)) {
    badOptions("keepPaths/keepScalars are not written by shard runs: ask for them when merging (exodus merge --keep-paths / --keep-scalars)");
  }
  refuseExisting(out, options.force);
  checkOutputLocation(out);
  if (existsSync(partial) && options.resume !== true) {
    if (options.force === true) await discardStaging(partial);
    else throw new ResultError("EXISTS", `${partial} holds the checkpoint of an interrupted run: pass resume (--resume) to continue it, or force (--force) to start over`);
  }
  const workers = checkWorkers(options.workers ?? options.pool?.workers ?? (await defaultWorkers()));
  if (options.pool !== undefined && options.pool.workers > workers) badOptions(`the pool has ${options.pool.workers} workers but workers = ${workers}`);
  const model = resolveModel(input.model);
  const planHash = hashPlan(input.plan);
  const loaded = await loadPathModel(model, input.plan, planHash);
  const layout = loaded.layout;
  checkPerPathSizes(layout, input.paths, keepPaths, keepScalars);
  const scenarioFiles = await hashFiles(input.scenarioFiles ?? (input.scenarioFile ? [input.scenarioFile] : []));
  const dataFiles = await hashFiles(input.dataFiles ?? []);

  let result;
  try {
    result = await runMonteCarlo({
      model,
      plan: input.plan,
      seed: input.seed,
      paths: input.paths,
      workers,
      ...(options.pool === undefined ? {} : { pool: options.pool }),
      ...(options.batchPaths === undefined ? {} : { batchPaths: options.batchPaths }),
      ...(shard === null ? {} : { shard }),
      checkpoint: {
        dir: partial,
        resume: options.resume === true,
        ...(options.checkpointEverySeconds === undefined ? {} : { everySeconds: options.checkpointEverySeconds }),
        ...(options.checkpointEveryBatches === undefined ? {} : { everyBatches: options.checkpointEveryBatches }),
      },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (p) => options.onProgress?.({ phase: "simulate", done: p.pathsDone, total: p.pathsTotal, elapsedMs: p.elapsedMs }),
    });
  } catch (err) {
    if (err instanceof CheckpointError && err.code === "MISMATCH") {
      throw new ResultError("INCOMPATIBLE", `${partial} is the checkpoint of another run (${err.message}); delete it or pass force (--force) without resume`, { cause: err });
    }
    throw err;
  }
  const chunkSize = result.aggregate.spec.chunkSize;
  const manifestInput = (): ManifestInput => {
    const finished = new Date();
    return {
      package: { name: "hashrate-exodus", version: VERSION, gitCommit: gitCommit() },
      node: process.version,
      host: hostname(),
      scenario: {
        name: input.name ?? null,
        description: input.description ?? null,
        file: input.scenarioFile ?? null,
        files: scenarioFiles,
        sha256: planHash,
        plan: readablePlan(input.plan),
      },
      dataFiles,
      model: modelForManifest(model),
      seed: input.seed,
      paths: input.paths,
      engine: engineOf(input.plan),
      chunkSize,
      layoutHash: result.layoutHash,
      shard: shard === null ? null : { index: shard.index, count: shard.count, ...shardPaths(result.aggregate, shard) },
      workers,
      batchPaths: options.batchPaths ?? null,
      started: started.toISOString(),
      finished: finished.toISOString(),
      wallSeconds: (performance.now() - t0) / 1000,
      resumedPaths: result.timing.resumedPaths,
    };
  };
  let manifest: Manifest;
  if (shard !== null) {
    manifest = await writeShardFolder(out, { manifest: manifestInput(), plan: input.plan, layout, parts: result.aggregate.toParts() }, { force: options.force === true });
  } else {
    const summary = result.summary!;
    manifest = await writeRunFolder(
      out,
      {
        manifest: manifestInput,
        plan: input.plan,
        layout,
        summary,
        ...(keepPaths || keepScalars
          ? {
              extra: (dir: string) =>
                writePerPathFiles(dir, {
                  model,
                  plan: input.plan,
                  planHash,
                  layoutHash: result.layoutHash,
                  layout,
                  seed: input.seed,
                  paths: input.paths,
                  workers,
                  keepPaths,
                  keepScalars,
                  ...(options.signal === undefined ? {} : { signal: options.signal }),
                  ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
                }),
            }
          : {}),
      },
      { force: options.force === true },
    );
  }
  await rm(partial, { recursive: true, force: true });
  return {
    out,
    manifest,
    layout,
    summary: result.summary,
    shard,
    resumedPaths: result.timing.resumedPaths,
    pathsRun: result.timing.pathsRun,
  };
}

/** Paths [firstPath, endPath) of a shard. */
function shardPaths(agg: Aggregate, shard: ShardSpec): { firstPath: number; endPath: number } {
  const { paths, chunkSize } = agg.spec;
  const [f, e] = shardChunkRange(shard, chunkCount(paths, chunkSize));
  return { firstPath: Math.min(f * chunkSize, paths), endPath: Math.min(e * chunkSize, paths) };
}
