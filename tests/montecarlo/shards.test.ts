/**
 * Shards (src/montecarlo/shards.ts): shards 1/3, 2/3, 3/3 written to files, read back and
 * merged (in any order) equal the single run down to the bit; merges of parts that do not
 * belong together are refused with specific codes; the shard split is a partition.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { AggregateParts } from "../../src/montecarlo/aggregate.js";
import { readAggregateFile, writeAggregateFile } from "../../src/montecarlo/checkpoint.js";
import { AggregateMergeError } from "../../src/montecarlo/errors.js";
import { layoutFromJson } from "../../src/montecarlo/layout.js";
import { runMonteCarlo, type MonteCarloOptions } from "../../src/montecarlo/runner.js";
import { mergeShards, parseShard, shardChunkRange } from "../../src/montecarlo/shards.js";
import { summarize } from "../../src/montecarlo/summary.js";
import { aggregateFingerprint, summaryFingerprint, TOY_URL } from "./helpers.js";

const plan = { gridLength: 25, maxEpochs: 5 };
const base = { model: TOY_URL, plan, seed: "shards", paths: 1000, workers: 0 } as const;
const dir = mkdtempSync(join(tmpdir(), "mc-shards-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function shardParts(count: number, extra: Partial<MonteCarloOptions> = {}): Promise<AggregateParts[]> {
  const out: AggregateParts[] = [];
  for (let i = 1; i <= count; i++) {
    const r = await runMonteCarlo({ ...base, batchPaths: 64 * i, ...extra, shard: `${i}/${count}` });
    expect(r.summary).toBeNull();
    expect(r.aggregate.isComplete()).toBe(true);
    out.push(r.aggregate.toParts());
  }
  return out;
}

function mergeCode(parts: readonly AggregateParts[]): string {
  try {
    mergeShards(parts);
  } catch (err) {
    if (err instanceof AggregateMergeError) return err.code;
    throw err;
  }
  return "no error";
}

describe("shards", () => {
  it("merged from files in any order equal the single run, bit for bit", async () => {
    const single = await runMonteCarlo({ ...base, batchPaths: 320 });
    const paths: string[] = [];
    for (let i = 1; i <= 3; i++) {
      // Shard 2 runs in worker threads: shards need not agree on how they were computed.
      const r = await runMonteCarlo({ ...base, shard: `${i}/3`, workers: i === 2 ? 2 : 0, batchPaths: 64 });
      const file = join(dir, `part-${i}.hxagg`);
      await writeAggregateFile(file, r.aggregate.toParts(), r.layout);
      paths.push(file);
    }
    const decoded = await Promise.all(paths.map(readAggregateFile));
    const merged = mergeShards([decoded[2]!.parts, decoded[0]!.parts, decoded[1]!.parts]);
    const summary = summarize(merged, layoutFromJson(decoded[0]!.layout!));
    expect(summaryFingerprint(summary)).toBe(summaryFingerprint(single.summary!));
    expect(aggregateFingerprint(merged)).toBe(aggregateFingerprint(single.aggregate));
  }, 30_000);

  it("refuses parts that do not make up one run", async () => {
    const three = await shardParts(3);
    const [s1, s2, s3] = three as [AggregateParts, AggregateParts, AggregateParts];
    expect(mergeCode(three)).toBe("no error");
    expect(mergeCode([s1, s3])).toBe("MISSING");
    expect(mergeCode([s1, s2, s3, s1])).toBe("OVERLAP");
    expect(mergeCode([])).toBe("MISSING");
    const otherSeed = await shardParts(3, { seed: "other" });
    expect(mergeCode([s1, otherSeed[1]!, s3])).toBe("SEED_MISMATCH");
    const otherPaths = await shardParts(3, { paths: 999 });
    expect(mergeCode([s1, otherPaths[1]!, s3])).toBe("PATHS_MISMATCH");
    const otherPlan = await shardParts(3, { plan: { ...plan, spinMicros: 0 } });
    expect(mergeCode([s1, otherPlan[1]!, s3])).toBe("PLAN_MISMATCH");
    const otherLayout = await shardParts(3, { plan: { ...plan, layoutVariant: "extraScalar" } });
    expect(mergeCode([s1, otherLayout[1]!, s3])).toBe("LAYOUT_MISMATCH");
    const otherChunk = await shardParts(3, { chunkSize: 50, batchPaths: 50 });
    expect(mergeCode([s1, otherChunk[1]!, s3])).toBe("CHUNK_SIZE_MISMATCH");
    const halves = await shardParts(2);
    expect(mergeCode([s1, halves[1]!, s3])).toBe("SHARD_MISMATCH");
    const whole = (await runMonteCarlo({ ...base, batchPaths: 320 })).aggregate.toParts();
    expect(mergeCode([whole])).toBe("SHARD_MISMATCH");
    const unfinished: AggregateParts = { ...s2, nodes: s2.nodes.slice(1) };
    expect(mergeCode([s1, unfinished, s3])).toBe("MISSING");
    const relabelled: AggregateParts = { ...s2, spec: { ...s2.spec, shard: { index: 3, count: 3 } } };
    expect(mergeCode([s1, relabelled, s2])).toBe("SHARD_MISMATCH");
  }, 60_000);
});

describe("shard split", () => {
  it("parses i/n and refuses anything else", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "2", "1/2/3", "-1/2"]) expect(() => parseShard(bad)).toThrow(RangeError);
  });

  it("partitions the chunks into contiguous ranges differing by at most one chunk", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 64 }), (total, count) => {
        let at = 0;
        const sizes: number[] = [];
        for (let i = 1; i <= count; i++) {
          const [f, e] = shardChunkRange({ index: i, count }, total);
          if (f !== at || e < f) return false;
          sizes.push(e - f);
          at = e;
        }
        return at === total && Math.max(...sizes) - Math.min(...sizes) <= 1;
      }),
      { numRuns: 500, seed: 99 },
    );
  });
});
