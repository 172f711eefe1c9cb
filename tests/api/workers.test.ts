/**
 * Worker counts (src/montecarlo/workers.ts): a run, a sweep or a re-simulation starts no
 * more threads than it has batches, with the same results; a count above MAX_WORKERS is
 * refused before any work (ResultError BAD_OPTIONS in the API, a usage error naming
 * --workers on the command line, exit 2). The runner's own thread count is tested in
 * tests/montecarlo/runner.test.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareRuns, mergeShardFolders, resolveModel, runPlan, runSweepInput, samplePaths } from "../../src/api/index.js";
import { MAX_WORKERS } from "../../src/montecarlo/index.js";
import { ResultError } from "../../src/results/index.js";
import { DATA_FILES, DRIFT_URL, dataFiles, driftInput, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-workers-");
afterAll(cleanup);

const plan = { drift: 0.001, gridLength: 6 };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResultError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

/** The scalars of paths [0, paths) re-simulated with `workers`, and the threads started. */
async function sample(paths: number, workers: number): Promise<{ threads: number; values: number[] }> {
  const values: number[] = [];
  const threads = await samplePaths({
    model: resolveModel(DRIFT_URL),
    plan,
    seed: 3,
    first: 0,
    end: paths,
    select: "scalars",
    width: 4,
    workers,
    onBatch: (_first, _count, batch) => void values.push(...batch),
  });
  return { threads, values };
}

describe("worker threads", () => {
  it("re-simulation (compare, --keep-scalars) starts min(workers, batches) threads, with the same values", async () => {
    const inProcess = await sample(4, 0);
    expect(inProcess.threads).toBe(0);
    const many = await sample(4, 64);
    expect(many.threads).toBe(4);
    expect(many.values).toEqual(inProcess.values);
  });

  it("more than MAX_WORKERS is refused before any work: runPlan, sweeps, compare, merge, samplePaths", async () => {
    const over = MAX_WORKERS + 1;
    const out = join(root, "too-many");
    const want = `BAD_OPTIONS: workers must be at most ${MAX_WORKERS}, got ${over}`;
    expect(await codeOf(runPlan(driftInput(plan, 1, 64), { out, workers: over }))).toBe(want);
    expect(existsSync(out)).toBe(false);
    const variant = { ...driftInput(plan, 1, 64), variant: "v", overrides: {} };
    expect(await codeOf(runSweepInput({ keys: [], variants: [variant] }, { out, workers: over }))).toBe(want);
    expect(existsSync(out)).toBe(false);
    expect(await codeOf(compareRuns([join(root, "nope-a"), join(root, "nope-b")], { workers: over }))).toBe(want);
    expect(await codeOf(mergeShardFolders([join(root, "nope-a")], out, { workers: over }))).toBe(want);
    expect(await codeOf(sample(4, over))).toBe(want);
  });

  it("a sweep with far more workers than batches gives the same data files as in process", async () => {
    const variants = [
      { ...driftInput(plan, 1, 100), variant: "a", overrides: {} },
      { ...driftInput({ ...plan, drift: 0.002 }, 1, 100), variant: "b", overrides: {} },
    ];
    const inProcess = await runSweepInput({ keys: [], variants }, { out: join(root, "sweep0"), workers: 0 });
    const many = await runSweepInput({ keys: [], variants }, { out: join(root, "sweep64"), workers: 64 });
    for (const k of [0, 1]) expect(dataFiles(many.variants[k]!.dir, DATA_FILES)).toEqual(dataFiles(inProcess.variants[k]!.dir, DATA_FILES));
  });
});
