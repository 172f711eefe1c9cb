/**
 * The aggregate of a set of chunks of paths: everything the summary needs, in bounded
 * memory, mergeable exactly.
 *
 * | part | merge | order-free? |
 * |---|---|---|
 * | moments (n, Σx, m2) per cell | the fixed summation tree (summation-tree.ts) | yes, by construction |
 * | min, max per cell | elementwise | yes |
 * | event counts | addition of integers | yes |
 * | quantile sketch per cell | addition of integer bin counts (sketch-bank.ts) | yes |
 *
 * An aggregate is responsible for a contiguous range of chunks (a batch, a shard, a whole
 * run) and records the identity of its run (layout, plan, seed, paths, chunk size, sketch)
 * so that parts of different runs are never combined. The same object is a batch result
 * (worker → main), a checkpoint and a shard partial; aggregate-codec.ts turns it into bytes.
 */
import { AggregateMergeError } from "./errors.js";
import { copyMoments } from "./moments.js";
import { SketchBank, type SketchSections } from "./sketch-bank.js";
import { CubicMapping } from "./sketch-mapping.js";
import { nodeRange, SummationTree, type TreeNode } from "./summation-tree.js";

/** Shard i of n (1-based i), as in `run --shard 2/3`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Identity and extent of an aggregate. */
export interface AggregateSpec {
  /** layoutHash() of the record layout. */
  readonly layoutHash: string;
  /** planHash() of the plan. */
  readonly planHash: string;
  /** The run's master seed, as given. */
  readonly seed: string | number;
  /** Paths of the whole run (not of this part). */
  readonly paths: number;
  /** C0, paths per chunk: the leaves of the summation tree. */
  readonly chunkSize: number;
  /** Sketch mapping name and relative accuracy. */
  readonly sketch: { readonly mapping: string; readonly relativeAccuracy: number };
  /** Cells per path (layoutShape().cells). */
  readonly cells: number;
  /** Named events in the layout. */
  readonly events: number;
  /** Chunks this aggregate is responsible for: [first, end). */
  readonly range: readonly [number, number];
  /** The shard this aggregate is, or null (a whole run, a batch). */
  readonly shard: ShardSpec | null;
}

/** An aggregate as plain data: what the codec writes and reads. */
export interface AggregateParts {
  readonly spec: AggregateSpec;
  /** Completed summation-tree nodes, in chunk order. */
  readonly nodes: readonly TreeNode[];
  /** Exact minimum per cell (+Infinity where no value yet). */
  readonly min: Float64Array;
  /** Exact maximum per cell (−Infinity where no value yet). */
  readonly max: Float64Array;
  /** Paths satisfying each named event. */
  readonly events: Float64Array;
  /** Canonical sketch encoding. */
  readonly sketch: SketchSections;
}

/** ⌈paths / chunkSize⌉, the number of chunks T of a run. */
export function chunkCount(paths: number, chunkSize: number): number {
  return Math.ceil(paths / chunkSize);
}

/** Paths in chunks [first, end) of a run. */
export function pathsInChunks(first: number, end: number, paths: number, chunkSize: number): number {
  return Math.max(0, Math.min(end * chunkSize, paths) - Math.min(first * chunkSize, paths));
}

/**
 * Throws an {@link AggregateMergeError} unless a and b describe the same run
 * (layout, plan, seed, paths, chunk size, sketch, cells, events).
 */
export function assertSameRun(a: AggregateSpec, b: AggregateSpec, what = "parts"): void {
  const fail = (code: ConstructorParameters<typeof AggregateMergeError>[0], field: string, x: unknown, y: unknown): never => {
    throw new AggregateMergeError(code, `${what} differ in ${field}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  };
  if (a.layoutHash !== b.layoutHash) fail("LAYOUT_MISMATCH", "layout hash", a.layoutHash, b.layoutHash);
  if (a.cells !== b.cells || a.events !== b.events) fail("LAYOUT_MISMATCH", "cells/events", [a.cells, a.events], [b.cells, b.events]);
  if (a.planHash !== b.planHash) fail("PLAN_MISMATCH", "plan hash", a.planHash, b.planHash);
  if (a.seed !== b.seed) fail("SEED_MISMATCH", "seed", a.seed, b.seed);
  if (a.paths !== b.paths) fail("PATHS_MISMATCH", "path count", a.paths, b.paths);
  if (a.chunkSize !== b.chunkSize) fail("CHUNK_SIZE_MISMATCH", "chunk size", a.chunkSize, b.chunkSize);
  if (a.sketch.mapping !== b.sketch.mapping || a.sketch.relativeAccuracy !== b.sketch.relativeAccuracy) {
    fail("SKETCH_MISMATCH", "sketch", a.sketch, b.sketch);
  }
}

export class Aggregate {
  readonly tree: SummationTree;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly events: Float64Array;
  readonly sketch: SketchBank;

  constructor(readonly spec: AggregateSpec) {
    const total = chunkCount(spec.paths, spec.chunkSize);
    this.tree = new SummationTree(total, spec.range[0], spec.range[1]);
    this.min = new Float64Array(spec.cells).fill(Infinity);
    this.max = new Float64Array(spec.cells).fill(-Infinity);
    this.events = new Float64Array(spec.events);
    this.sketch = new SketchBank(spec.cells, new CubicMapping(spec.sketch.relativeAccuracy));
  }

  /** An aggregate rebuilt from its parts (copies everything it keeps). */
  static fromParts(parts: AggregateParts): Aggregate {
    const agg = new Aggregate(parts.spec);
    agg.absorb(parts);
    return agg;
  }

  /** T, the chunks of the whole run. */
  get totalChunks(): number {
    return this.tree.totalChunks;
  }

  /** Paths aggregated so far. */
  pathsCovered(): number {
    let n = 0;
    for (const [f, e] of this.tree.coverage()) n += pathsInChunks(f, e, this.spec.paths, this.spec.chunkSize);
    return n;
  }

  /** Whether every chunk of this aggregate's range is in. */
  isComplete(): boolean {
    return this.tree.isComplete();
  }

  /**
   * Adds another part of the same run (a batch result, a shard, a checkpoint). Refuses,
   * before changing anything, parts of another run, parts outside this aggregate's range and
   * parts that overlap what is already in (AggregateMergeError). Copies what it keeps.
   */
  absorb(part: AggregateParts): void {
    assertSameRun(this.spec, part.spec);
    const total = this.totalChunks;
    const have = this.tree.coverage();
    for (const node of part.nodes) {
      const [f, e] = nodeRange(node.level, node.index, total);
      if (f < this.spec.range[0] || e > this.spec.range[1]) {
        throw new AggregateMergeError("OUT_OF_RANGE", `chunks [${f}, ${e}) are outside this aggregate's range [${this.spec.range[0]}, ${this.spec.range[1]})`);
      }
      for (const [hf, he] of have) {
        if (f < he && hf < e) throw new AggregateMergeError("OVERLAP", `chunks [${f}, ${e}) are already aggregated (have [${hf}, ${he}))`);
      }
    }
    for (const node of part.nodes) this.tree.insert(node.level, node.index, copyMoments(node.moments));
    const { min, max, events } = this;
    for (let c = 0; c < min.length; c++) {
      const lo = part.min[c]!;
      const hi = part.max[c]!;
      if (lo < min[c]!) min[c] = lo;
      if (hi > max[c]!) max[c] = hi;
    }
    for (let e = 0; e < events.length; e++) events[e] = events[e]! + part.events[e]!;
    this.sketch.add(part.sketch);
  }

  /**
   * This aggregate as parts (nodes shared, not copied; sketch encoded canonically, or with
   * `copyCounts` false as a view that reads the counts when encoded: for encoding at once,
   * e.g. a checkpoint; invalid once the aggregate changes).
   */
  toParts(copyCounts = true): AggregateParts {
    return {
      spec: this.spec,
      nodes: this.tree.entries(),
      min: this.min,
      max: this.max,
      events: this.events,
      sketch: copyCounts ? this.sketch.encode() : this.sketch.view(),
    };
  }
}
