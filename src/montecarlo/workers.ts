/**
 * How many worker threads: the guard rail on the count asked for, in a module of its own
 * (no Piscina) so that the CLI's option parser can read it cheaply.
 *
 * A pool starts all its threads at once (min = max = workers, pool.ts), each loading the
 * model; measured here: `--workers 100` took 1.1 GB and 15.7 s for a 4-path run. So a run
 * starts min(workers, batches) threads — a thread without a batch would only cost memory
 * and start-up time — and a count above {@link MAX_WORKERS} is refused as a mistake.
 * Results do not depend on the thread count (runner.ts, DESIGN.md §4).
 */

/** Most worker threads that may be asked for (a guard rail: far above any machine's cores here). */
export const MAX_WORKERS = 1024;

/** The worker-count problem of `workers` (an integer in [0, MAX_WORKERS]), or null. */
export function workersProblem(workers: number): string | null {
  if (!Number.isSafeInteger(workers) || workers < 0) return `workers must be a non-negative integer, got ${workers}`;
  if (workers > MAX_WORKERS) return `workers must be at most ${MAX_WORKERS}, got ${workers}`;
  return null;
}

/** Threads to start for `tasks` tasks with `workers` asked for: no more threads than tasks. */
export function threadsFor(workers: number, tasks: number): number {
  return tasks >= 0 ? Math.min(workers, tasks) : workers;
}
