/**
 * Result folders do not depend on how a run was executed (DESIGN.md §4, §5): the same
 * (plan, seed, paths) run with 1, 2 or 3 worker threads, in process, with different batch
 * sizes, or as shards 1/3, 2/3, 3/3 merged, gives byte-identical data files
 * (src/api/run-plan.ts, src/api/merge.ts). Merging refuses partials of another run, a
 * shard given twice and missing shards.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeShardFolders, runPlan } from "../../src/api/index.js";
import { ResultError, readRunFolder } from "../../src/results/index.js";
import { dataFiles, driftInput, entries, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-invariance-");
afterAll(cleanup);

// 1,000 paths = 16 chunks of 64 (the last one partial): batches and shards cut through them.
const input = driftInput({ drift: 0.0005, gridLength: 10, maxEpochs: 4 }, "invariance", 1000);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResultError) return err.code;
    throw err;
  }
  throw new Error("expected a ResultError");
}

describe("result folders are independent of workers, batches and shards", async () => {
  const reference = await runPlan(input, { out: join(root, "reference"), workers: 0, batchPaths: 320 });
  const refFiles = dataFiles(reference.out);

  it("writes every data file of a whole run", () => {
    for (const [name, text] of Object.entries(refFiles)) expect(text, name).not.toBe("<missing>");
    expect(entries(reference.out)).toEqual([...Object.keys(refFiles), "manifest.json"].sort());
    expect(reference.manifest.kind).toBe("run");
    expect(reference.manifest.paths).toBe(1000);
    expect(reference.manifest.workers).toBe(0);
  });

  it.each([
    [1, 64],
    [2, 192],
    [3, undefined],
  ] as const)("workers = %i, batchPaths = %s: identical data files", async (workers, batchPaths) => {
    const out = join(root, `w${workers}`);
    const r = await runPlan(input, { out, workers, ...(batchPaths === undefined ? {} : { batchPaths }) });
    expect(dataFiles(out)).toEqual(refFiles);
    // The manifests agree on everything but timing and execution details.
    expect(r.manifest.files).toEqual(reference.manifest.files);
    expect(r.manifest.scenario).toEqual(reference.manifest.scenario);
    expect(r.manifest.workers).toBe(workers);
  });

  it("shards 1/3, 2/3, 3/3 merged give the single run's data files", async () => {
    const dirs: string[] = [];
    for (const i of [2, 3, 1]) {
      const out = join(root, `shard${i}`);
      const r = await runPlan(input, { out, workers: i === 2 ? 2 : 0, shard: `${i}/3` });
      expect(r.summary).toBeNull();
      expect(r.manifest.kind).toBe("shard");
      expect(entries(out)).toEqual(["aggregate.hxagg", "layout.json", "manifest.json", "plan.json"]);
      dirs.push(out);
    }
    const shardPaths = dirs.map((d) => JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")).shard);
    expect(shardPaths.map((s: { firstPath: number; endPath: number }) => [s.firstPath, s.endPath])).toEqual([
      [320, 640], // chunks [5, 10) of 16
      [640, 1000], // chunks [10, 16), the last one of 40 paths
      [0, 320], // chunks [0, 5)
    ]);
    const merged = await mergeShardFolders(dirs, join(root, "merged"));
    expect(dataFiles(merged.out)).toEqual(refFiles);
    expect(merged.manifest.mergedFrom?.map((m) => m.shard)).toEqual(["1/3", "2/3", "3/3"]);
    expect(merged.manifest.files).toEqual(reference.manifest.files);
    // A merged run reads back like any run.
    const back = await readRunFolder(merged.out);
    expect(back.summary.paths).toBe(1000);

    // Refusals: missing shard, a shard twice, a shard of another run, a whole run.
    expect(await code(mergeShardFolders(dirs.slice(0, 2), join(root, "m-missing")))).toBe("INCOMPATIBLE");
    expect(await code(mergeShardFolders([dirs[0]!, dirs[0]!, dirs[1]!], join(root, "m-twice")))).toBe("INCOMPATIBLE");
    const other = await runPlan({ ...input, seed: "another seed" }, { out: join(root, "other1"), workers: 0, shard: "1/3" });
    let message = "";
    try {
      await mergeShardFolders([dirs[0]!, dirs[1]!, other.out], join(root, "m-other"));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/SEED_MISMATCH/);
    expect(await code(mergeShardFolders([reference.out], join(root, "m-run")))).toBe("WRONG_KIND");
    for (const name of ["m-missing", "m-twice", "m-other", "m-run"]) expect(entries(root)).not.toContain(name);
  });

  it("refuses per-path files in a shard run", async () => {
    expect(await code(runPlan(input, { out: join(root, "shard-keep"), workers: 0, shard: "1/2", keepScalars: true }))).toBe("BAD_OPTIONS");
  });
});
