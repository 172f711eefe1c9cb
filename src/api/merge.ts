/**
 * `mergeShardFolders`: the n shard partials of one run (run-plan.ts with a shard) into the
 * whole run's folder. The aggregates merge exactly (montecarlo/shards.ts), so the data
 * files — series.csv, epochs.csv, summary.csv, events.csv, summary.json, plan.json,
 * layout.json — are byte-identical to those of the same run on one machine.
 *
 * Refused (ResultError INCOMPATIBLE, naming the folders): partials of different runs
 * (layout, plan, seed, paths, chunk size, model), of different splits, a shard given
 * twice, missing shards; and folders that are not shard partials (WRONG_KIND).
 *
 * The merged manifest: scenario, seed, paths, model, data files from the partials (which
 * agree); `started` = the earliest shard's start, `finished` = the end of the merge,
 * `wallSeconds` and `workers` = the merge's own, `resumedPaths` 0, and `mergedFrom` lists
 * every shard with its own timing, workers and host.
 */
import { hostname } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { AggregateMergeError, mergeShards, summarize } from "../montecarlo/index.js";
import { ResultError, checkOutputLocation, readPlan, refuseExisting, readShardFolder, writeRunFolder, type Manifest, type ShardFolder } from "../results/index.js";
import { VERSION } from "../version.js";
import { manifestModel } from "./model-module.js";
import { gitCommit } from "./provenance.js";
import { checkPerPathSizes, checkWorkers, defaultWorkers, writePerPathFiles, type RunResult } from "./run-plan.js";

/** Options of {@link mergeShardFolders}. */
export interface MergeOptions {
  /** Replace an existing folder at `out`. */
  readonly force?: boolean;
  /** Write scalars.bin / paths.parquet of the whole run (re-simulating its paths; run-plan.ts). */
  readonly keepScalars?: boolean;
  readonly keepPaths?: boolean;
  /** Worker threads for keepScalars/keepPaths (default os.availableParallelism()). */
  readonly workers?: number;
  /**
   * With keepScalars/keepPaths: re-simulate even when the manifests name a model other than
   * the built-in one (it runs that module's code; model-module.ts manifestModel).
   */
  readonly trustModel?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Merges shard partial folders `dirs` into the whole run's folder `out` and returns it
 * (see the top of this file).
 */
export async function mergeShardFolders(dirs: readonly string[], out: string, options: MergeOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  if (dirs.length === 0) throw new ResultError("BAD_OPTIONS", "no shard folders to merge");
  if (options.workers !== undefined) checkWorkers(options.workers);
  // Refuse a bad output before reading (and, with keepScalars/keepPaths, re-simulating).
  refuseExisting(resolve(out), options.force);
  checkOutputLocation(out);
  const shards: ShardFolder[] = [];
  for (const dir of dirs) shards.push(await readShardFolder(dir));
  const first = shards[0]!;
  const m0 = first.manifest;
  for (const s of shards.slice(1)) {
    const m = s.manifest;
    if (m.model.module !== m0.model.module || m.model.export !== m0.model.export) {
      throw new ResultError("INCOMPATIBLE", `${s.dir} ran model ${m.model.module}#${m.model.export}, ${first.dir} ran ${m0.model.module}#${m0.model.export}`);
    }
  }
  const keepPaths = options.keepPaths === true;
  const keepScalars = options.keepScalars === true;
  // Re-simulating loads the model the manifests name: refused before any work unless it may be.
  const model = keepPaths || keepScalars ? manifestModel(first.dir, m0.model, options.trustModel) : null;
  let agg;
  try {
    agg = mergeShards(shards.map((s) => s.parts));
  } catch (err) {
    if (err instanceof AggregateMergeError) {
      throw new ResultError("INCOMPATIBLE", `cannot merge ${dirs.join(", ")}: ${err.message}`, { cause: err });
    }
    throw err;
  }
  const layout = first.layout;
  const summary = summarize(agg, layout);
  const plan = await readPlan(first.dir, m0);
  checkPerPathSizes(layout, m0.paths, keepPaths, keepScalars);
  const workers = options.workers ?? (await defaultWorkers());
  const ordered = [...shards].sort((a, b) => a.manifest.shard!.index - b.manifest.shard!.index);
  const started = ordered.map((s) => s.manifest.started).sort()[0]!;
  const manifest: Manifest = await writeRunFolder(
    resolve(out),
    {
      plan,
      layout,
      summary,
      manifest: () => ({
        package: { name: "hashrate-exodus", version: VERSION, gitCommit: gitCommit() },
        node: process.version,
        host: hostname(),
        scenario: m0.scenario,
        dataFiles: m0.dataFiles,
        model: m0.model,
        seed: m0.seed,
        paths: m0.paths,
        engine: m0.engine,
        chunkSize: m0.chunkSize,
        layoutHash: m0.layoutHash,
        shard: null,
        workers,
        batchPaths: null,
        started,
        finished: new Date().toISOString(),
        wallSeconds: (performance.now() - t0) / 1000,
        resumedPaths: 0,
        mergedFrom: ordered.map((s) => ({
          dir: s.dir,
          shard: `${s.manifest.shard!.index}/${s.manifest.shard!.count}`,
          started: s.manifest.started,
          finished: s.manifest.finished,
          wallSeconds: s.manifest.wallSeconds,
          workers: s.manifest.workers,
          host: s.manifest.host,
        })),
      }),
      ...(keepPaths || keepScalars
        ? {
            extra: (dir: string) =>
              writePerPathFiles(dir, {
                model: model!,
                plan,
                planHash: m0.scenario.sha256,
                layoutHash: m0.layoutHash,
                layout,
                seed: m0.seed,
                paths: m0.paths,
                workers,
                keepPaths,
                keepScalars,
                ...(options.signal === undefined ? {} : { signal: options.signal }),
              }),
          }
        : {}),
    },
    { force: options.force === true },
  );
  return { out: resolve(out), manifest, layout, summary, shard: null, resumedPaths: 0, pathsRun: 0 };
}
