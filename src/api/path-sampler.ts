/**
 * Re-simulates a range of paths (sample-batch.ts) in batches, in worker threads or in
 * process, and hands their values to the caller in path order (batches finish in any
 * order; at most 2 × workers are in flight, so memory stays bounded).
 */
import { Piscina } from "piscina";
import { planHash as hashPlan, threadsFor, workersProblem, type ModelRef } from "../montecarlo/index.js";
import { ResultError } from "../results/index.js";
import { PACKAGE_ROOT } from "./model-module.js";
import { sampleBatch, type SampleTask } from "./sample-batch.js";

/** The compiled worker entry (dist/api/sample-worker.js; `npm run build`). */
export const SAMPLE_WORKER_URL = new URL("dist/api/sample-worker.js", PACKAGE_ROOT);

/** Largest batch, in values (paths × width): 2^21 doubles = 16 MB. */
const MAX_BATCH_VALUES = 2 ** 21;
/** Largest batch, in paths. */
const MAX_BATCH_PATHS = 1024;
/** How often a pending batch checks that the pool still has threads (ms). */
const WATCHDOG_MS = 200;

/** Options of {@link samplePaths}. */
export interface SamplePathsOptions {
  readonly model: Required<ModelRef>;
  readonly plan: unknown;
  /** The plan's hash (computed when absent). */
  readonly planHash?: string;
  readonly seed: string | number;
  /** Paths [first, end). */
  readonly first: number;
  readonly end: number;
  readonly select: "all" | "scalars";
  /** Values per path of the selection (cells, or scalar fields). */
  readonly width: number;
  /** Worker threads (at most MAX_WORKERS; min(workers, batches) are started); 0 runs in this thread. */
  readonly workers: number;
  /** Receives each batch in path order: its first path, and count × width values. */
  readonly onBatch: (first: number, count: number, values: Float64Array) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

function abortError(): Error {
  return new Error("re-simulating paths was aborted");
}

/**
 * Re-simulates paths [first, end) and delivers their values in order (see the top of this
 * file). Returns the worker threads it started: min(workers, batches), 0 in process.
 */
export async function samplePaths(options: SamplePathsOptions): Promise<number> {
  const { first, end, workers } = options;
  const bad = workersProblem(workers);
  if (bad !== null) throw new ResultError("BAD_OPTIONS", bad);
  if (end <= first) return 0;
  const hash = options.planHash ?? hashPlan(options.plan);
  const total = end - first;
  const byValues = Math.max(1, Math.floor(MAX_BATCH_VALUES / Math.max(1, options.width)));
  const balance = Math.max(1, Math.ceil(total / (Math.max(1, workers) * 4)));
  const size = Math.min(MAX_BATCH_PATHS, byValues, balance);
  const tasks: SampleTask[] = [];
  for (let a = first; a < end; a += size) {
    tasks.push({ kind: "sample", model: options.model, plan: options.plan, planHash: hash, seed: options.seed, first: a, end: Math.min(a + size, end), select: options.select });
  }
  // No more threads than batches (montecarlo/workers.ts): each starts eagerly and loads the model.
  const threads = threadsFor(workers, tasks.length);
  if (threads === 0) {
    for (const task of tasks) {
      if (options.signal?.aborted) throw abortError();
      await new Promise<void>((resolve) => setImmediate(resolve));
      await options.onBatch(task.first, task.end - task.first, await sampleBatch(task));
    }
    return 0;
  }
  const pool = new Piscina({
    filename: SAMPLE_WORKER_URL.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 2 ** 31 - 1,
    concurrentTasksPerWorker: 1,
  });
  const stray: string[] = [];
  pool.on("error", (err: unknown) => stray.push(err instanceof Error ? err.message : String(err)));
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const run = (task: SampleTask): Promise<Float64Array> =>
    new Promise<Float64Array>((resolve, reject) => {
      const watchdog = setInterval(() => {
        if (pool.threads.length === 0) {
          clearInterval(watchdog);
          reject(new Error(`no worker thread is left: the workers fail to start (${stray.at(-1) ?? "no error was reported"}; run \`npm run build\`?)`));
        }
      }, WATCHDOG_MS);
      (pool.run(task, { signal: controller.signal }) as Promise<ArrayBuffer>).then(
        (buffer) => {
          clearInterval(watchdog);
          resolve(new Float64Array(buffer));
        },
        (err: unknown) => {
          clearInterval(watchdog);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  try {
    const limit = threads * 2;
    const inFlight = new Map<number, Promise<Float64Array>>();
    let next = 0;
    for (let k = 0; k < tasks.length; k++) {
      while (next < tasks.length && next < k + limit) {
        const p = run(tasks[next]!);
        p.catch(() => undefined); // observed below, in order
        inFlight.set(next++, p);
      }
      if (options.signal?.aborted) throw abortError();
      const values = await inFlight.get(k)!;
      inFlight.delete(k);
      await options.onBatch(tasks[k]!.first, tasks[k]!.end - tasks[k]!.first, values);
    }
  } catch (err) {
    controller.abort();
    throw err;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await pool.destroy();
  }
  return threads;
}
