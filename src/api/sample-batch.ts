/**
 * Re-simulating paths to keep their values: a batch of consecutive paths simulated by one
 * thread, returned as one Float64Array (path-major). Paths are deterministic in
 * (seed, path index) (montecarlo/path-model.ts), so these are exactly the records the
 * Monte Carlo run aggregated: the aggregate keeps only distributions, and per-path values
 * (scalars.bin for paired comparisons, paths.parquet) are recomputed this way.
 *
 * The same function runs in a worker thread (sample-worker.ts) and in process.
 */
import { loadPathModel, type ModelRef, type PathRecord } from "../montecarlo/index.js";

/** What a batch of re-simulated paths needs (structured-clone friendly). */
export interface SampleTask {
  readonly kind: "sample";
  readonly model: Required<ModelRef>;
  readonly plan: unknown;
  readonly planHash: string;
  readonly seed: string | number;
  /** Paths [first, end). */
  readonly first: number;
  readonly end: number;
  /** "all": every cell of each path (layout cell order); "scalars": its scalar cells only. */
  readonly select: "all" | "scalars";
}

interface Scratch {
  readonly cells: Float64Array;
  readonly record: PathRecord;
}

/**
 * Simulates paths [first, end) and returns their cells (all, or the scalars), path-major:
 * (end − first) × width values. A path that throws fails the batch with its index.
 */
export async function sampleBatch(task: SampleTask): Promise<Float64Array> {
  const loaded = await loadPathModel(task.model, task.plan, task.planHash);
  const shape = loaded.shape;
  let scratch = loaded.scratch.get("sample-record") as Scratch | undefined;
  if (scratch === undefined) {
    const cells = new Float64Array(shape.cells);
    scratch = {
      cells,
      record: {
        grid: loaded.layout.grid,
        series: cells.subarray(0, shape.scalarOffset),
        scalars: cells.subarray(shape.scalarOffset, shape.epochOffset),
        epochs: cells.subarray(shape.epochOffset),
      },
    };
    loaded.scratch.set("sample-record", scratch);
  }
  const all = task.select === "all";
  const width = all ? shape.cells : shape.scalarFields;
  const out = new Float64Array((task.end - task.first) * width);
  const { cells, record } = scratch;
  for (let i = task.first; i < task.end; i++) {
    cells.fill(NaN);
    try {
      loaded.model.simulatePath(task.seed, i, record);
    } catch (err) {
      throw new Error(`path ${i} of the run with seed ${JSON.stringify(task.seed)} failed: ${(err as Error).message}`, { cause: err });
    }
    out.set(all ? cells : record.scalars, (i - task.first) * width);
  }
  return out;
}
