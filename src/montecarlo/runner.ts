/**
 * runMonteCarlo: runs a path model over many paths, in worker threads or in process, and
 * aggregates the records.
 *
 * Determinism (DESIGN.md §4): the result is byte-identical for the same (model, plan, seed,
 * paths, chunk size) whatever the worker count, batch size, batch completion order, shard
 * split or resume point, because
 * - path i draws only from streams seeded by (seed, i, component);
 * - chunk j is always paths [j·C0, (j+1)·C0), folded in path order (chunk-accumulator.ts);
 * - chunk moments combine along a tree fixed by chunk index (summation-tree.ts), whoever
 *   computes which node and when;
 * - sketches, extremes and event counts merge exactly (integer counts, min/max).
 * Batches are unions of whole chunks; they are absorbed as they finish, in any order, so
 * nothing waits for earlier batches. Memory stays bounded: at most 2 × workers batches are
 * in flight, and the aggregate keeps per-cell sketches plus the summation tree's open nodes
 * (≤ (2·workers + 1)·2·⌈log2 T⌉ nodes of 24 bytes per cell in the worst case — one run of
 * completed chunks per hole left by an in-flight batch; ≤ ⌈log2 T⌉ + 1 when batches finish
 * in order).
 *
 * Failures never hang: a path that throws fails the run at once naming the path, the batch
 * and the seed (not retried: it would throw again); a worker that dies has its batch
 * retried once on a fresh worker, then fails the run naming the batch. Abort via `signal`.
 * With a checkpoint folder the aggregate is saved every few batches/seconds, on failure
 * and at the end; `resume` runs only the chunks the checkpoint lacks.
 */
import { performance } from "node:perf_hooks";
import { Aggregate, chunkCount, pathsInChunks, type AggregateSpec, type ShardSpec } from "./aggregate.js";
import { decodeAggregate } from "./aggregate-codec.js";
import { runBatch, type BatchOutcome, type BatchTask } from "./batch.js";
import { planHash } from "./canonical-hash.js";
import { encodeCheckpoint, readCheckpoint, writeCheckpointBytes } from "./checkpoint.js";
import { CheckpointError, MonteCarloError } from "./errors.js";
import type { RecordLayout } from "./layout.js";
import { loadPathModel, normalizeModelRef, type ModelRef } from "./path-model.js";
import { BatchPool, type WorkerResult } from "./pool.js";
import { threadsFor, workersProblem } from "./workers.js";
import { checkShard, parseShard, shardChunkRange } from "./shards.js";
import { SKETCH_MAPPING, SKETCH_RELATIVE_ACCURACY } from "./sketch-mapping.js";
import { summarize, type MonteCarloSummary } from "./summary.js";

/**
 * Paths per chunk C0 (the leaves of the summation tree). Part of a run's identity: results
 * with another chunk size differ in the last bits of means and variances. 64 paths are
 * ~20–40 ms of a realistic model's work, far above the ~100 µs per-task overhead.
 */
export const DEFAULT_CHUNK_SIZE = 64;

/**
 * Largest default batch, in chunks (32 × 64 = 2,048 paths). The main thread's cost per
 * batch is proportional to cells × occupied sketch bins (a few hundred per cell), not to
 * paths, so bigger batches spread it thinner: measured ~2–4 ns per cell and path at 512-
 * path batches, ~4× less at 2,048.
 */
export const DEFAULT_MAX_BATCH_CHUNKS = 32;

/**
 * Default batches shrink towards the end of a run (guided scheduling): a batch takes about
 * 1/(workers × this) of the chunks still to run, rounded down to a power of two, between 1
 * and {@link DEFAULT_MAX_BATCH_CHUNKS}. Most of a run goes in full batches; the last ones
 * halve down to single chunks, so the workers finish within about a chunk of each other
 * instead of a whole 2,048-path batch (seconds of one idle core at the end of a 20,000-path
 * run with equal batches). Batches are aligned dyadic blocks (a batch of 2^k chunks starts at
 * a multiple of 2^k), so each is one node of the summation tree. Results do not depend on
 * the batches (runner invariance tests); only time does.
 */
export const DEFAULT_GUIDED_FACTOR = 2;

/** Checkpoint folder and how often to write it. */
export interface CheckpointOptions {
  /** Folder of the checkpoint file (created if needed). */
  readonly dir: string;
  /** Continue from a compatible checkpoint in `dir`; without it an existing checkpoint is an error. */
  readonly resume?: boolean;
  /** Write after every this many absorbed batches (default: by time only). */
  readonly everyBatches?: number;
  /** Write when this many seconds passed since the last write (default 30). */
  readonly everySeconds?: number;
}

/** Progress after each absorbed batch. */
export interface RunProgress {
  readonly batchesDone: number;
  readonly batchesTotal: number;
  /** Paths aggregated in this run's range, including resumed ones. */
  readonly pathsDone: number;
  /** Paths of this run's range (the shard's, or all). */
  readonly pathsTotal: number;
  readonly elapsedMs: number;
}

/** Options of {@link runMonteCarlo}. */
export interface MonteCarloOptions {
  /** The model module (absolute file URL of compiled JS) and its factory export. */
  readonly model: ModelRef | string | URL;
  /** The plan handed to the factory (plain data). */
  readonly plan: unknown;
  /** Master seed (printed in every failure; recorded in the aggregate). */
  readonly seed: string | number;
  /** Paths of the whole run (1 … 2^32 − 1). */
  readonly paths: number;
  /** Worker threads, at most MAX_WORKERS (workers.ts); 0 runs the batches in this thread (same results). Threads started: min(workers, batches). */
  readonly workers: number;
  /** An existing pool to use instead of creating one (it is not closed at the end). */
  readonly pool?: BatchPool;
  /** Paths per batch, a multiple of the chunk size (default: see DEFAULT_MAX_BATCH_CHUNKS). */
  readonly batchPaths?: number;
  /** C0 (default {@link DEFAULT_CHUNK_SIZE}). */
  readonly chunkSize?: number;
  /** Sketch relative accuracy (default SKETCH_RELATIVE_ACCURACY, 0.5 %). */
  readonly relativeAccuracy?: number;
  /** Run only shard i/n of the chunks ("2/3" or {index: 2, count: 3}). */
  readonly shard?: ShardSpec | string;
  readonly checkpoint?: CheckpointOptions;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Retries of a batch whose worker died (default 1). */
  readonly retries?: number;
}

/** Measured costs of a run. */
export interface RunTiming {
  readonly wallMs: number;
  /** Main-thread time spent decoding and absorbing batch results. */
  readonly mergeMs: number;
  readonly batches: number;
  /** Paths simulated by this call (excluding resumed ones). */
  readonly pathsRun: number;
  /** Paths taken from a checkpoint. */
  readonly resumedPaths: number;
  readonly checkpointWrites: number;
  /** Batches re-run after a worker died. */
  readonly retries: number;
  /** Worker threads of the run's pool: min(workers, batches) for its own pool, the size of a pool given; 0 in process. */
  readonly threads: number;
}

/** What a run returns. */
export interface MonteCarloResult {
  readonly layout: RecordLayout;
  readonly layoutHash: string;
  /** The aggregate of the run's range (a shard partial when `shard` was given). */
  readonly aggregate: Aggregate;
  /** The summary, for a whole run (null for a shard). */
  readonly summary: MonteCarloSummary | null;
  readonly timing: RunTiming;
}

const badOptions = (message: string): never => {
  throw new MonteCarloError("BAD_OPTIONS", message);
};

/** Splits chunk ranges into batches of at most `size` chunks. */
function planBatches(ranges: ReadonlyArray<readonly [number, number]>, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [f, e] of ranges) for (let a = f; a < e; a += size) out.push([a, Math.min(a + size, e)]);
  return out;
}

/**
 * Default batches (see {@link DEFAULT_GUIDED_FACTOR}): in chunk order, each batch the
 * largest power of two that is ≤ max(1, remaining / (workers × factor)), ≤ maxChunks, fits
 * in its range and divides its first chunk's index (aligned).
 */
export function planGuidedBatches(
  ranges: ReadonlyArray<readonly [number, number]>,
  workers: number,
  maxChunks: number = DEFAULT_MAX_BATCH_CHUNKS,
  factor: number = DEFAULT_GUIDED_FACTOR,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let remaining = ranges.reduce((s, [f, e]) => s + e - f, 0);
  const share = Math.max(1, workers) * factor;
  for (const [f, e] of ranges) {
    let a = f;
    while (a < e) {
      let size = 1;
      const want = Math.min(maxChunks, Math.max(1, Math.floor(remaining / share)), e - a);
      while (size * 2 <= want && a % (size * 2) === 0) size *= 2;
      out.push([a, a + size]);
      a += size;
      remaining -= size;
    }
  }
  return out;
}

/** Runs a Monte Carlo simulation; see the top of this file. */
export async function runMonteCarlo(options: MonteCarloOptions): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const { paths, workers, seed } = options;
  if (!Number.isSafeInteger(paths) || paths < 1 || paths > 0xffffffff) badOptions(`paths must be an integer in [1, 2^32 − 1], got ${paths}`);
  const workersBad = workersProblem(workers);
  if (workersBad !== null) badOptions(workersBad);
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) badOptions(`seed must be a string or a finite number`);
  // A shared pool may have fewer threads than `workers` (a sweep sizes it by its runs' batches).
  if (options.pool !== undefined && options.pool.workers > workers) {
    badOptions(`the pool has ${options.pool.workers} workers but workers = ${workers}`);
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) badOptions(`chunkSize must be a positive integer, got ${chunkSize}`);
  const relativeAccuracy = options.relativeAccuracy ?? SKETCH_RELATIVE_ACCURACY;
  if (!(relativeAccuracy > 0 && relativeAccuracy < 0.5)) badOptions(`relativeAccuracy must be in (0, 0.5), got ${relativeAccuracy}`);
  const retries = options.retries ?? 1;
  if (!Number.isSafeInteger(retries) || retries < 0) badOptions(`retries must be a non-negative integer, got ${retries}`);
  let shard: ShardSpec | null = null;
  try {
    if (options.shard !== undefined) {
      shard = typeof options.shard === "string" ? parseShard(options.shard) : options.shard;
      checkShard(shard);
    }
  } catch (err) {
    badOptions((err as Error).message);
  }
  const cpOptions = options.checkpoint;
  if (cpOptions !== undefined) {
    if (typeof cpOptions.dir !== "string" || cpOptions.dir.length === 0) badOptions("checkpoint.dir must be a non-empty path");
    if (cpOptions.everyBatches !== undefined && !(Number.isSafeInteger(cpOptions.everyBatches) && cpOptions.everyBatches >= 1)) {
      badOptions(`checkpoint.everyBatches must be a positive integer, got ${cpOptions.everyBatches}`);
    }
    if (cpOptions.everySeconds !== undefined && !(cpOptions.everySeconds >= 0)) {
      badOptions(`checkpoint.everySeconds must be ≥ 0, got ${cpOptions.everySeconds}`);
    }
  }
  const ref = normalizeModelRef(options.model);
  let hash: string;
  try {
    hash = planHash(options.plan);
  } catch (err) {
    return badOptions(`the plan must be plain data: ${(err as Error).message}`);
  }
  const loaded = await loadPathModel(ref, options.plan, hash);
  const totalChunks = chunkCount(paths, chunkSize);
  const range = shard === null ? ([0, totalChunks] as const) : shardChunkRange(shard, totalChunks);
  const spec: AggregateSpec = {
    layoutHash: loaded.layoutHash,
    planHash: hash,
    seed,
    paths,
    chunkSize,
    sketch: { mapping: SKETCH_MAPPING, relativeAccuracy },
    cells: loaded.shape.cells,
    events: loaded.layout.events.length,
    range: [range[0], range[1]],
    shard,
  };

  // Start from a checkpoint or from nothing.
  const cp = options.checkpoint;
  let agg = new Aggregate(spec);
  let resumedPaths = 0;
  if (cp !== undefined) {
    const found = await readCheckpoint(cp.dir, spec);
    if (found !== null) {
      if (cp.resume !== true) throw new CheckpointError("EXISTS", `${cp.dir} already holds a checkpoint of this run; pass resume to continue it`);
      agg = Aggregate.fromParts(found.parts);
      resumedPaths = agg.pathsCovered();
    }
  }

  const pending = agg.tree.missing();
  let batches: Array<[number, number]>;
  if (options.batchPaths !== undefined) {
    if (!Number.isSafeInteger(options.batchPaths) || options.batchPaths < 1 || options.batchPaths % chunkSize !== 0) {
      badOptions(`batchPaths must be a positive multiple of the chunk size ${chunkSize}, got ${options.batchPaths}`);
    }
    batches = planBatches(pending, options.batchPaths / chunkSize);
  } else {
    batches = planGuidedBatches(pending, workers);
  }
  const pathsTotal = pathsInChunks(range[0], range[1], paths, chunkSize);

  const describe = ([f, e]: readonly [number, number]): string => {
    const first = f * chunkSize;
    const last = Math.min(e * chunkSize, paths) - 1;
    return `batch of paths ${first}–${last} (chunks [${f}, ${e})) of the run with seed ${JSON.stringify(seed)}`;
  };
  const taskOf = ([f, e]: readonly [number, number]): BatchTask => ({
    kind: "batch",
    model: ref,
    plan: options.plan,
    planHash: hash,
    layoutHash: loaded.layoutHash,
    seed,
    paths,
    chunkSize,
    relativeAccuracy,
    firstChunk: f,
    endChunk: e,
  });

  // No more threads than batches (workers.ts): each thread starts eagerly and loads the model.
  const threads = options.pool?.workers ?? threadsFor(workers, batches.length);
  const ownPool = threads > 0 && options.pool === undefined ? new BatchPool(threads) : null;
  const pool = options.pool ?? ownPool;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });

  let mergeMs = 0;
  let batchesDone = 0;
  let retried = 0;
  let checkpointWrites = 0;
  let lastWrite = performance.now();
  let sinceWrite = 0;
  // Checkpoints are encoded when taken and written by one writer at a time, newest last;
  // snapshots taken while a write runs replace each other (only the latest is written).
  let queued: Uint8Array | null = null;
  let writer: Promise<void> | null = null;
  let writeError: unknown = null;
  const pump = async (dir: string): Promise<void> => {
    try {
      while (queued !== null && writeError === null) {
        const bytes = queued;
        queued = null;
        await writeCheckpointBytes(dir, bytes);
      }
    } catch (err) {
      writeError ??= err;
    } finally {
      writer = null; // synchronously after the loop's last check: no snapshot can be missed
    }
  };
  const saveCheckpoint = (): void => {
    if (cp === undefined) return;
    queued = encodeCheckpoint(agg.toParts(false), loaded.layout);
    writer ??= pump(cp.dir);
    checkpointWrites++;
    lastWrite = performance.now();
    sinceWrite = 0;
  };
  const maybeCheckpoint = (): void => {
    if (cp === undefined) return;
    sinceWrite++;
    const byCount = cp.everyBatches !== undefined && sinceWrite >= cp.everyBatches;
    const byTime = performance.now() - lastWrite >= (cp.everySeconds ?? 30) * 1000;
    if (byCount || byTime) saveCheckpoint();
  };

  const absorb = (bytes: Uint8Array): void => {
    const m0 = performance.now();
    agg.absorb(decodeAggregate(bytes, { trusted: true }).parts);
    mergeMs += performance.now() - m0;
    batchesDone++;
    maybeCheckpoint();
    options.onProgress?.({
      batchesDone,
      batchesTotal: batches.length,
      pathsDone: agg.pathsCovered(),
      pathsTotal,
      elapsedMs: performance.now() - t0,
    });
  };

  const pathFailed = (b: readonly [number, number], o: Extract<BatchOutcome, { ok: false }>): MonteCarloError => {
    const cause = new Error(o.message);
    cause.stack = o.stack;
    return new MonteCarloError(
      "PATH_FAILED",
      `path ${o.pathIndex} failed in the ${describe(b)}: ${o.message}. ` +
        `Replay it alone: simulatePath(${JSON.stringify(seed)}, ${o.pathIndex}, record).`,
      { cause },
    );
  };

  const runOne = async (b: readonly [number, number]): Promise<void> => {
    const task = taskOf(b);
    if (pool === null) {
      // Yield to the event loop between in-process batches (timers, signals, I/O).
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (controller.signal.aborted) throw new MonteCarloError("ABORTED", "the run was aborted");
      const outcome = await runBatch(task);
      if (!outcome.ok) throw pathFailed(b, outcome);
      absorb(outcome.bytes);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      let result: WorkerResult;
      try {
        result = await pool.run(task, controller.signal);
      } catch (err) {
        if (controller.signal.aborted) throw err;
        if (attempt < retries) {
          retried++;
          continue;
        }
        const message = (err as Error).message;
        const hint = /dist\/montecarlo/.test(message) ? " (the workers run the compiled dist/: run `npm run build`)" : "";
        throw new MonteCarloError("WORKER_FAILED", `the ${describe(b)} failed${attempt > 0 ? ` ${attempt + 1} times` : ""}: ${message}${hint}`, {
          cause: err,
        });
      }
      if (result instanceof ArrayBuffer) {
        absorb(new Uint8Array(result));
        return;
      }
      throw pathFailed(b, result);
    }
  };

  let failure: unknown = null;
  try {
    if (options.signal?.aborted) throw new MonteCarloError("ABORTED", "the run was aborted before it started");
    const limit = pool === null ? 1 : pool.workers * 2;
    const active = new Set<Promise<void>>();
    let next = 0;
    while ((next < batches.length || active.size > 0) && failure === null) {
      while (next < batches.length && active.size < limit && !controller.signal.aborted) {
        const p: Promise<void> = runOne(batches[next++]!).then(
          () => {
            active.delete(p);
          },
          (err: unknown) => {
            active.delete(p);
            failure ??= err;
            controller.abort();
          },
        );
        active.add(p);
      }
      if (controller.signal.aborted && failure === null) failure = new MonteCarloError("ABORTED", "the run was aborted");
      if (active.size > 0) await Promise.race(active);
    }
    await Promise.allSettled([...active]);
    if (failure === null && options.signal?.aborted) failure = new MonteCarloError("ABORTED", "the run was aborted");
  } catch (err) {
    failure ??= err;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    if (ownPool !== null) await ownPool.close();
  }
  // Save what is done, whatever happened (a failed or aborted run resumes from here).
  if (cp !== undefined && (batchesDone > 0 || failure === null)) saveCheckpoint();
  while (writer !== null) await writer;
  if (failure !== null) {
    if (failure instanceof MonteCarloError) throw failure;
    if (controller.signal.aborted && options.signal?.aborted) throw new MonteCarloError("ABORTED", "the run was aborted", { cause: failure });
    throw failure;
  }
  if (writeError !== null) throw new CheckpointError("WRITE_FAILED", `writing the checkpoint in ${cp?.dir} failed: ${(writeError as Error).message}`, { cause: writeError });
  const summary = shard === null && agg.isComplete() ? summarize(agg, loaded.layout) : null;
  return {
    layout: loaded.layout,
    layoutHash: loaded.layoutHash,
    aggregate: agg,
    summary,
    timing: {
      wallMs: performance.now() - t0,
      mergeMs,
      batches: batchesDone,
      pathsRun: agg.pathsCovered() - resumedPaths,
      resumedPaths,
      checkpointWrites,
      retries: retried,
      threads: pool === null ? 0 : pool.workers,
    },
  };
}
