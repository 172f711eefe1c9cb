/**
 * Shards: `run --shard i/n` runs a contiguous range of chunks and writes a mergeable
 * partial; `merge` combines the n partials into exactly the single-machine result
 * (DESIGN.md §5). Any scheduler can drive the shards (Slurm array index, Kubernetes
 * JOB_COMPLETION_INDEX, a CI matrix): shard i of n needs only i, n and the run's options.
 *
 * Shard i (1-based) of n covers chunks [⌊(i−1)·T/n⌋, ⌊i·T/n⌋) of the T = ⌈paths/C0⌉ chunks:
 * contiguous, disjoint, covering everything, sizes differing by at most one chunk (a shard
 * may be empty when n > T). Because the summation tree is fixed by chunk index, merging the
 * shards reproduces the single run's moments bit for bit; sketches, extremes and event
 * counts merge exactly anyway.
 */
import { Aggregate, chunkCount, assertSameRun, type AggregateParts, type ShardSpec } from "./aggregate.js";
import { AggregateMergeError } from "./errors.js";
import { coverageOf } from "./summation-tree.js";

/** Parses "i/n" (1 ≤ i ≤ n, integers) into a {@link ShardSpec}; throws a RangeError otherwise. */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new RangeError(`shard must look like i/n (e.g. 2/3), got "${text}"`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  checkShard(shard);
  return shard;
}

/** Throws a RangeError unless 1 ≤ index ≤ count, both safe integers. */
export function checkShard(shard: ShardSpec): void {
  if (!Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count) || shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new RangeError(`shard must be i/n with 1 ≤ i ≤ n, got ${shard.index}/${shard.count}`);
  }
}

/** Chunk range [first, end) of a shard in a run of totalChunks chunks. */
export function shardChunkRange(shard: ShardSpec, totalChunks: number): [number, number] {
  checkShard(shard);
  return [Math.floor(((shard.index - 1) * totalChunks) / shard.count), Math.floor((shard.index * totalChunks) / shard.count)];
}

/**
 * Merges the n complete shard partials of one run into the whole-run aggregate. Refuses
 * (AggregateMergeError) parts of different runs (layout, plan, seed, paths, chunk size,
 * sketch), parts that are not shards or come from different splits (SHARD_MISMATCH), a
 * shard given twice (OVERLAP), absent or unfinished shards (MISSING).
 */
export function mergeShards(parts: readonly AggregateParts[]): Aggregate {
  const first = parts[0];
  if (first === undefined) throw new AggregateMergeError("MISSING", "no shard partials to merge");
  const count = first.spec.shard?.count;
  const seen = new Map<number, AggregateParts>();
  parts.forEach((p, k) => {
    const shard = p.spec.shard;
    if (shard === null) throw new AggregateMergeError("SHARD_MISMATCH", `part ${k + 1} is not a shard partial (it covers chunks [${p.spec.range[0]}, ${p.spec.range[1]}))`);
    assertSameRun(first.spec, p.spec, `part 1 and part ${k + 1}`);
    if (shard.count !== count) throw new AggregateMergeError("SHARD_MISMATCH", `part 1 is one of ${count} shards, part ${k + 1} one of ${shard.count}`);
    if (seen.has(shard.index)) throw new AggregateMergeError("OVERLAP", `shard ${shard.index}/${shard.count} is given twice`);
    const total = chunkCount(p.spec.paths, p.spec.chunkSize);
    const [f, e] = shardChunkRange(shard, total);
    if (p.spec.range[0] !== f || p.spec.range[1] !== e) {
      throw new AggregateMergeError("SHARD_MISMATCH", `shard ${shard.index}/${shard.count} covers chunks [${p.spec.range[0]}, ${p.spec.range[1]}), expected [${f}, ${e})`);
    }
    seen.set(shard.index, p);
  });
  const n = count!;
  const absent: string[] = [];
  for (let i = 1; i <= n; i++) if (!seen.has(i)) absent.push(`${i}/${n}`);
  if (absent.length > 0) throw new AggregateMergeError("MISSING", `missing shard(s) ${absent.join(", ")}`);
  const total = chunkCount(first.spec.paths, first.spec.chunkSize);
  const whole = new Aggregate({ ...first.spec, range: [0, total], shard: null });
  for (let i = 1; i <= n; i++) {
    const p = seen.get(i)!;
    const covered = coverageOf(p.nodes, total);
    const complete = p.spec.range[0] === p.spec.range[1] ? covered.length === 0 : covered.length === 1 && covered[0]![0] === p.spec.range[0] && covered[0]![1] === p.spec.range[1];
    if (!complete) throw new AggregateMergeError("MISSING", `shard ${i}/${n} is incomplete (an unfinished run or checkpoint)`);
    whole.absorb(p);
  }
  return whole;
}
