/**
 * One batch: a contiguous range of chunks of paths, simulated and aggregated by one thread.
 *
 * The same function runs in a worker (workers/batch-worker.js) and in the main thread
 * (in-process mode, workers = 0), so both give the same bytes. Its result is the batch's
 * aggregate encoded into one buffer, which the worker returns with Piscina's move(): a
 * single top-level ArrayBuffer is transferred, not copied (move() does nothing for buffers
 * nested in an object, so several typed arrays would each be cloned).
 */
import { chunkCount, type AggregateParts } from "./aggregate.js";
import { encodeAggregate } from "./aggregate-codec.js";
import { ChunkAccumulator, NonFiniteValueError } from "./chunk-accumulator.js";
import { cellLabel } from "./layout.js";
import { copyMoments } from "./moments.js";
import { loadPathModel, type LoadedModel } from "./path-model.js";
import { SKETCH_MAPPING } from "./sketch-mapping.js";
import { SummationTree } from "./summation-tree.js";

/** The task message: everything a worker needs, structured-clone friendly. */
export interface BatchTask {
  readonly kind: "batch";
  /** The model module (absolute file URL) and its factory export. */
  readonly model: { readonly url: string; readonly exportName: string };
  /**
   * The plan, sent with every task; the worker creates the model once per planHash and
   * caches it. Measured: structured-cloning an 18 KB-JSON plan costs ~0.3 ms per task,
   * against seconds of work in a default batch, so sending it once is not worth the
   * bookkeeping (a replacement worker after a crash would not have it).
   */
  readonly plan: unknown;
  readonly planHash: string;
  /** The layout hash the main thread computed; the worker checks its model agrees. */
  readonly layoutHash: string;
  readonly seed: string | number;
  /** Paths of the whole run. */
  readonly paths: number;
  readonly chunkSize: number;
  readonly relativeAccuracy: number;
  /** Chunks [firstChunk, endChunk) of this batch. */
  readonly firstChunk: number;
  readonly endChunk: number;
}

/** A batch's result: its encoded aggregate, or the path that failed. */
export type BatchOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly pathIndex: number; readonly message: string; readonly stack: string };

function failure(pathIndex: number, err: unknown): BatchOutcome {
  const e = err instanceof Error ? err : new Error(String(err));
  return { ok: false, pathIndex, message: e.message, stack: e.stack ?? "" };
}

function accumulatorFor(loaded: LoadedModel, chunkSize: number, relativeAccuracy: number, batchPaths: number): ChunkAccumulator {
  // 16-bit sketch counts when no count can pass 65,535 (every default batch): half the
  // bins' memory and half the bytes to encode. Keyed by width, so a larger batch gets a
  // 32-bit accumulator (replacing the cached one).
  const countBits = batchPaths <= 0xffff ? 16 : 32;
  const key = `accumulator:${chunkSize}:${relativeAccuracy}:${countBits}`;
  let acc = loaded.scratch.get(key) as ChunkAccumulator | undefined;
  if (acc === undefined) {
    acc = new ChunkAccumulator(loaded.layout, chunkSize, relativeAccuracy, countBits);
    loaded.scratch.clear(); // one accumulator per model: its rows are the largest buffer here
    loaded.scratch.set(key, acc);
  }
  return acc;
}

/**
 * Simulates the paths of chunks [firstChunk, endChunk) in index order and returns their
 * encoded aggregate. A path function that throws (or writes ±Infinity) gives
 * `{ok: false, pathIndex}` — deterministic, so the caller does not retry it. Model loading
 * problems throw (MonteCarloError BAD_MODEL).
 */
export async function runBatch(task: BatchTask): Promise<BatchOutcome> {
  const loaded = await loadPathModel(task.model, task.plan, task.planHash);
  if (loaded.layoutHash !== task.layoutHash) {
    throw new Error(
      `the model's layout in this thread hashes to ${loaded.layoutHash}, the run's to ${task.layoutHash}: ` +
        "the factory must build the same layout from the same plan",
    );
  }
  const { chunkSize, paths, seed } = task;
  const batchPaths = Math.min(task.endChunk * chunkSize, paths) - task.firstChunk * chunkSize;
  const acc = accumulatorFor(loaded, chunkSize, task.relativeAccuracy, batchPaths);
  acc.beginBatch();
  const total = chunkCount(paths, chunkSize);
  const tree = new SummationTree(total, task.firstChunk, task.endChunk);
  const simulate = loaded.model;
  for (let j = task.firstChunk; j < task.endChunk; j++) {
    const first = j * chunkSize;
    const rows = Math.min(chunkSize, paths - first);
    for (let p = 0; p < rows; p++) {
      acc.clearRow(p);
      try {
        simulate.simulatePath(seed, first + p, acc.records[p]!);
      } catch (err) {
        return failure(first + p, err);
      }
    }
    try {
      acc.foldChunk(rows);
    } catch (err) {
      if (err instanceof NonFiniteValueError) {
        return failure(first + err.row, new Error(`wrote ${err.value} to ${cellLabel(loaded.layout, err.cell)} (use NaN for "not defined")`));
      }
      throw err;
    }
    tree.insert(0, j, copyMoments(acc.leaf));
  }
  const parts: AggregateParts = {
    spec: {
      layoutHash: task.layoutHash,
      planHash: task.planHash,
      seed,
      paths,
      chunkSize,
      sketch: { mapping: SKETCH_MAPPING, relativeAccuracy: task.relativeAccuracy },
      cells: loaded.shape.cells,
      events: loaded.layout.events.length,
      range: [task.firstChunk, task.endChunk],
      shard: null,
    },
    nodes: tree.entries(),
    min: acc.min,
    max: acc.max,
    events: acc.events,
    sketch: acc.sketch.view(), // encoded just below, before the bank changes
  };
  return { ok: true, bytes: encodeAggregate(parts) };
}
