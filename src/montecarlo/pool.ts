/**
 * The worker pool: Piscina, sized explicitly (min = max = workers; DESIGN.md §5), running
 * workers/batch-worker.js, which imports the compiled batch code from dist/.
 *
 * Measured here (Node 20, 2 cores): pool start ~90 ms, ~100 µs overhead per task, so
 * batches should carry ≥ ~5 ms of work; the run's default batch (runner.ts) carries far
 * more. A pool can be reused across runs (a sweep): create it once, pass it to each run.
 */
import { Piscina } from "piscina";
import type { BatchOutcome, BatchTask } from "./batch.js";

/** The worker entry, relative to this module in src/montecarlo or dist/montecarlo. */
export const BATCH_WORKER_URL = new URL("../../workers/batch-worker.js", import.meta.url);

/** How often a pending task checks that the pool still has threads (ms). */
const WATCHDOG_MS = 200;

/** What a worker returns for a batch: the encoded aggregate's buffer, or a path failure. */
export type WorkerResult = ArrayBuffer | Extract<BatchOutcome, { ok: false }>;

export class BatchPool {
  private readonly piscina: Piscina;
  private closed = false;
  /** Messages of pool errors that belonged to no task (the last 100; see the constructor). */
  readonly strayErrors: string[] = [];

  /**
   * A pool of exactly `workers` threads (≥ 1) running `workerUrl` (default
   * {@link BATCH_WORKER_URL}; tests pass a broken one).
   */
  constructor(
    readonly workers: number,
    options: { readonly workerUrl?: URL | string } = {},
  ) {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.piscina = new Piscina({
      filename: String(options.workerUrl ?? BATCH_WORKER_URL.href),
      minThreads: workers,
      maxThreads: workers,
      // Keep idle threads (and their cached models) for the life of the pool.
      idleTimeout: 2 ** 31 - 1,
      concurrentTasksPerWorker: 1,
    });
    // Piscina emits 'error' for events that belong to no pending task — notably the result
    // of a task aborted just as its worker finished it ("Unexpected message from Worker").
    // Tasks that fail reject their own promise; without a listener these stray events would
    // crash the process, so they are kept for diagnosis instead.
    this.piscina.on("error", (err: unknown) => {
      if (this.strayErrors.push(err instanceof Error ? err.message : String(err)) > 100) this.strayErrors.shift();
    });
  }


  /**
   * Runs one batch in a worker; rejects if the worker throws or dies, on abort, and when no
   * worker thread is left. The last case needs a watchdog: Piscina does not replace workers
   * that fail while starting (a missing dist/, a module that throws on import), so a task
   * queued after that would wait forever.
   */
  run(task: BatchTask, signal?: AbortSignal): Promise<WorkerResult> {
    if (this.closed) return Promise.reject(new Error("the batch pool is closed"));
    const running = this.piscina.run(task, signal === undefined ? {} : { signal }) as Promise<WorkerResult>;
    return new Promise<WorkerResult>((resolve, reject) => {
      const watchdog = setInterval(() => {
        if (this.piscina.threads.length === 0) {
          clearInterval(watchdog);
          const why = this.strayErrors[this.strayErrors.length - 1] ?? "no error was reported";
          reject(new Error(`no worker thread is left: the workers fail to start (${why})`));
        }
      }, WATCHDOG_MS);
      running.then(
        (value) => {
          clearInterval(watchdog);
          resolve(value);
        },
        (err: unknown) => {
          clearInterval(watchdog);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  /** For tests: whether the last result of the worker that takes this task was transferred. */
  probe(): Promise<{ returned: boolean; detached: boolean }> {
    return this.piscina.run({ kind: "probe" }) as Promise<{ returned: boolean; detached: boolean }>;
  }

  /** Stops the threads (pending tasks are rejected). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.piscina.destroy();
  }
}
