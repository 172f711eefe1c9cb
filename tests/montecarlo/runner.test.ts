/**
 * runMonteCarlo (src/montecarlo/runner.ts) with the toy model, in process and in worker
 * threads (which run the compiled dist/: `npm test` builds first):
 * - invariance: workers 0/1/2/3 × batch sizes 64/128/320 give aggregates and summaries
 *   identical down to the bit;
 * - results are moved, not copied, from the workers;
 * - failures end the run with a clear message and never hang: a path that throws or writes
 *   Infinity, a worker that dies (retried once, then failed; a one-off crash is recovered
 *   with an identical result), a broken model, an abort.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MonteCarloError } from "../../src/montecarlo/errors.js";
import { BatchPool } from "../../src/montecarlo/pool.js";
import { MAX_WORKERS } from "../../src/montecarlo/workers.js";
import { DEFAULT_MAX_BATCH_CHUNKS, planGuidedBatches, runMonteCarlo, type MonteCarloOptions } from "../../src/montecarlo/runner.js";
import { aggregateFingerprint, summaryFingerprint, TOY_URL } from "./helpers.js";

const plan = { gridLength: 30, maxEpochs: 6 };
const PATHS = 1000; // 15 full chunks of 64 and a short one of 40
const base = { model: TOY_URL, plan, seed: 20250101, paths: PATHS } as const;

const pools = new Map<number, BatchPool>();
beforeAll(() => {
  for (const w of [1, 2, 3]) pools.set(w, new BatchPool(w));
});
afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

function run(workers: number, extra: Partial<MonteCarloOptions> = {}) {
  const pool = workers > 0 ? pools.get(workers) : undefined;
  return runMonteCarlo({ ...base, workers, ...(pool ? { pool } : {}), ...extra });
}

async function failure(p: Promise<unknown>): Promise<MonteCarloError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof MonteCarloError) return err;
    throw err;
  }
  throw new Error("the run did not fail");
}

describe("runMonteCarlo invariance", () => {
  it("gives bit-identical aggregates and summaries for workers 0/1/2/3 × batches of 64/128/320 paths", async () => {
    const reference = await run(0, { batchPaths: 64 });
    expect(reference.summary).not.toBeNull();
    const refAgg = aggregateFingerprint(reference.aggregate);
    const refSum = summaryFingerprint(reference.summary!);
    expect(reference.summary!.series[0]!.stats.count[0]).toBe(PATHS);
    const seen: string[] = [];
    for (const workers of [0, 1, 2, 3]) {
      for (const batchPaths of [64, 128, 320]) {
        const r = await run(workers, { batchPaths });
        expect(r.timing.batches).toBe(Math.ceil(PATHS / batchPaths));
        seen.push(`${workers}/${batchPaths}:${aggregateFingerprint(r.aggregate) === refAgg && summaryFingerprint(r.summary!) === refSum}`);
      }
    }
    expect(seen.every((s) => s.endsWith(":true"))).toBe(true);
  }, 60_000);

  it("gives the same bits with the default (guided) batches for workers 0/1/2/3", async () => {
    const reference = await run(0, { batchPaths: 64 });
    const want = `${aggregateFingerprint(reference.aggregate)} ${summaryFingerprint(reference.summary!)}`;
    for (const workers of [0, 1, 2, 3]) {
      const r = await run(workers);
      expect(r.timing.batches).toBe(planGuidedBatches([[0, Math.ceil(PATHS / 64)]], workers).length);
      expect(`${aggregateFingerprint(r.aggregate)} ${summaryFingerprint(r.summary!)}`).toBe(want);
    }
  }, 60_000);

  it("starts no more worker threads than batches (64 asked for) and gives the same bits; refuses more than MAX_WORKERS", async () => {
    const reference = await run(0, { batchPaths: 64 });
    const want = `${aggregateFingerprint(reference.aggregate)} ${summaryFingerprint(reference.summary!)}`;
    const r = await run(64, { batchPaths: 320 });
    expect(r.timing.batches).toBe(Math.ceil(PATHS / 320));
    expect(r.timing.threads).toBe(Math.ceil(PATHS / 320));
    expect(`${aggregateFingerprint(r.aggregate)} ${summaryFingerprint(r.summary!)}`).toBe(want);
    const tiny = await run(64, { paths: 4 });
    expect([tiny.timing.batches, tiny.timing.threads]).toEqual([1, 1]);
    expect((await run(2)).timing.threads).toBe(2);
    expect((await run(0)).timing.threads).toBe(0);
    const tooMany = await failure(run(MAX_WORKERS + 1));
    expect(tooMany.code).toBe("BAD_OPTIONS");
    expect(tooMany.message).toContain(`workers must be at most ${MAX_WORKERS}`);
    expect((await run(MAX_WORKERS, { paths: 4 })).timing.threads).toBe(1);
  }, 60_000);

  it("plans guided batches: aligned power-of-two blocks covering the ranges in order, shrinking to single chunks at the end", () => {
    for (const [ranges, workers] of [
      [[[0, 313]], 2],
      [[[0, 1563]], 1],
      [[[5, 100], [130, 131], [200, 517]], 3],
      [[[0, 1]], 0],
    ] as Array<[Array<[number, number]>, number]>) {
      const batches = planGuidedBatches(ranges, workers);
      const covered: number[] = [];
      for (const [f, e] of batches) {
        const size = e - f;
        expect(size >= 1 && size <= DEFAULT_MAX_BATCH_CHUNKS && (size & (size - 1)) === 0 && f % size === 0).toBe(true);
        for (let c = f; c < e; c++) covered.push(c);
      }
      expect(covered).toEqual(ranges.flatMap(([f, e]) => Array.from({ length: e - f }, (_, i) => f + i)));
      expect(batches[batches.length - 1]![1] - batches[batches.length - 1]![0]).toBe(1);
    }
    // A long run goes mostly in full batches.
    const long = planGuidedBatches([[0, 15_625]], 2);
    expect(long.filter(([f, e]) => e - f === DEFAULT_MAX_BATCH_CHUNKS).length * DEFAULT_MAX_BATCH_CHUNKS).toBeGreaterThan(0.9 * 15_625);
  });

  it("changes with the seed (the fingerprints are not vacuous)", async () => {
    const a = await run(0, { batchPaths: 320 });
    const b = await run(0, { batchPaths: 320, seed: 20250102 });
    expect(summaryFingerprint(b.summary!)).not.toBe(summaryFingerprint(a.summary!));
  });

  it("moves each result buffer out of the worker (transferred, not copied)", async () => {
    await run(1, { batchPaths: 320 });
    expect(await pools.get(1)!.probe()).toEqual({ returned: true, detached: true });
  });
});

describe("runMonteCarlo failures", () => {
  it("fails with the path, batch and seed when the path function throws (in process and in workers)", async () => {
    for (const workers of [0, 2]) {
      const err = await failure(run(workers, { batchPaths: 64, plan: { ...plan, throwOnPath: 37 } }));
      expect(err.code).toBe("PATH_FAILED");
      expect(err.message).toMatch(/path 37 failed in the batch of paths 0–63 \(chunks \[0, 1\)\) of the run with seed 20250101: toy model refuses path 37/);
      expect((err.cause as Error).stack).toMatch(/toy-model\.js/);
    }
  }, 30_000);

  it("refuses ±Infinity, naming the path and the cell", async () => {
    const err = await failure(run(2, { batchPaths: 128, plan: { ...plan, infOnPath: 300 } }));
    expect(err.code).toBe("PATH_FAILED");
    expect(err.message).toMatch(/path 300 failed in the batch of paths 256–383 .*wrote Infinity to series walk\.level at grid\[5\] = 2025-01-06/);
  }, 30_000);

  it("retries a batch whose worker died once, then fails naming the batch", async () => {
    const err = await failure(run(2, { batchPaths: 64, plan: { ...plan, exitOnPath: 70 } }));
    expect(err.code).toBe("WORKER_FAILED");
    expect(err.message).toMatch(/the batch of paths 64–127 \(chunks \[1, 2\)\) of the run with seed 20250101 failed 2 times: .*exit/);
  }, 30_000);

  it("recovers from a one-off worker crash with the identical result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mc-crash-"));
    try {
      const crashy = await run(2, { batchPaths: 128, plan: { ...plan, crashOnceFile: join(dir, "crashed"), crashOnPath: 500 } });
      expect(crashy.timing.retries).toBe(1);
      // The same plan without the crash marker gives the same numbers (the knob does not
      // change the draws); compare with an in-process run of the crash plan, which writes
      // the marker without dying.
      const clean = await run(0, { batchPaths: 320, plan: { ...plan, crashOnceFile: join(dir, "crashed"), crashOnPath: 500 } });
      expect(summaryFingerprint(crashy.summary!)).toBe(summaryFingerprint(clean.summary!));
      expect(aggregateFingerprint(crashy.aggregate)).toBe(aggregateFingerprint(clean.aggregate));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("fails instead of hanging when the workers cannot start", async () => {
    const broken = new BatchPool(2, { workerUrl: new URL("./fixtures/broken-worker.mjs", import.meta.url) });
    try {
      const err = await failure(runMonteCarlo({ ...base, workers: 2, pool: broken, batchPaths: 320 }));
      expect(err.code).toBe("WORKER_FAILED");
      expect(err.message).toMatch(/the batch of paths \d+–\d+ .* failed 2 times: .*no-such-module/);
    } finally {
      await broken.close();
    }
  }, 30_000);

  it("rejects a model module without the factory or with an invalid layout", async () => {
    const missing = await failure(runMonteCarlo({ ...base, workers: 0, model: { url: TOY_URL, exportName: "nope" } }));
    expect(missing.code).toBe("BAD_MODEL");
    expect(missing.message).toMatch(/no function export "nope"/);
    const broken = await failure(runMonteCarlo({ ...base, workers: 0, model: { url: TOY_URL, exportName: "createBrokenModel" } }));
    expect(broken.code).toBe("BAD_MODEL");
    expect(broken.message).toMatch(/grid must be strictly increasing/);
  });

  it("stops on abort with ABORTED", async () => {
    const controller = new AbortController();
    const err = await failure(
      run(2, {
        batchPaths: 64,
        plan: { ...plan, spinMicros: 200 },
        signal: controller.signal,
        onProgress: (p) => {
          if (p.batchesDone === 2) controller.abort();
        },
      }),
    );
    expect(err.code).toBe("ABORTED");
  }, 30_000);

  it("stops an in-process run on a timer-driven abort (batches yield to the event loop)", async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    let pathsDone = 0;
    const err = await failure(
      run(0, { paths: 6000, batchPaths: 64, plan: { ...plan, spinMicros: 300 }, signal: controller.signal, onProgress: (p) => (pathsDone = p.pathsDone) }),
    );
    clearTimeout(timer);
    expect(err.code).toBe("ABORTED");
    // The whole run would spin for ≥ 1.8 s; it stopped after some batches, well before the end
    // (counted in paths, not timed: no wall-clock assertion).
    expect(pathsDone).toBeLessThan(6000);
  }, 30_000);

  it("refuses bad options", async () => {
    expect((await failure(run(0, { batchPaths: 100 }))).code).toBe("BAD_OPTIONS");
    expect((await failure(run(0, { paths: 0 }))).code).toBe("BAD_OPTIONS");
    expect((await failure(run(0, { shard: "4/3" }))).code).toBe("BAD_OPTIONS");
    expect((await failure(run(0, { plan: { f: () => 1 } }))).code).toBe("BAD_OPTIONS");
    expect((await failure(run(0, { checkpoint: { dir: "x", everyBatches: 0 } }))).code).toBe("BAD_OPTIONS");
    expect((await failure(run(1, { pool: pools.get(2)! }))).code).toBe("BAD_OPTIONS");
  });
});
