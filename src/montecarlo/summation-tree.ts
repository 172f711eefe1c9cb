/**
 * The fixed summation tree over chunks of paths: why means and variances are byte-identical
 * whatever the worker count, batch size, completion order or shard split.
 *
 * Paths are grouped into chunks of C0 paths by index (chunk j = paths [j·C0, (j+1)·C0)).
 * Chunk moments are combined along a fixed dyadic tree over chunk indices: node (ℓ, m)
 * covers chunks [m·2^ℓ, (m+1)·2^ℓ) ∩ [0, T) and its moments are
 * combine(node (ℓ−1, 2m), node (ℓ−1, 2m+1)) — or just the left child when the right
 * child's range is empty (past the last chunk). The root (L, 0), 2^L ≥ T, covers all
 * chunks. Every node is a function of its children only, so whoever computes it (a worker
 * inside its batch, the main thread, a later `merge` of shard files) and whenever (in or
 * out of chunk order) gets the same bits. Pairwise summation also bounds the rounding error
 * of a sum by ~(C0 + L)·u·Σ|x| (Higham, "Accuracy and Stability of Numerical Algorithms",
 * 2nd ed., §4.2) instead of n·u·Σ|x| for a running sum.
 *
 * A tree is responsible for a contiguous range of chunks [start, end) (a batch, a shard, or
 * the whole run). It stores the maximal completed nodes inside that range; inserting a node
 * combines it with its sibling as soon as both are present, upwards while the parent stays
 * inside the range. The stored nodes are the maximal tree nodes of the covered chunk set:
 * with in-order completion at most ⌈log2 T⌉ + 1 nodes of 3 float64 arrays of the cell count
 * each; in general at most 2·⌈log2 T⌉ per maximal run of covered chunks (one more run per
 * hole, i.e. per batch still in flight).
 */
import { AggregateMergeError } from "./errors.js";
import { combineMomentsInto, type Moments } from "./moments.js";

/** A stored node: its position in the tree and its moments. */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
  readonly moments: Moments;
}

/** The smallest L with 2^L ≥ totalChunks (0 for a single chunk). */
export function rootLevel(totalChunks: number): number {
  let level = 0;
  while (2 ** level < totalChunks) level++;
  return level;
}

/** Chunk range [first, end) of node (level, index) in a tree of totalChunks chunks (may be empty). */
export function nodeRange(level: number, index: number, totalChunks: number): [number, number] {
  const first = index * 2 ** level;
  return [Math.min(first, totalChunks), Math.min(first + 2 ** level, totalChunks)];
}

/** The chunks covered by a list of nodes, as sorted merged ranges [first, end). */
export function coverageOf(nodes: readonly { readonly level: number; readonly index: number }[], totalChunks: number): Array<[number, number]> {
  const ranges = nodes.map((n) => nodeRange(n.level, n.index, totalChunks)).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [f, e] of ranges) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] >= f) last[1] = Math.max(last[1], e);
    else out.push([f, e]);
  }
  return out;
}

// Node keys: index·64 + level (level < 64; index < 2^46 keeps keys exact).
const keyOf = (level: number, index: number): number => index * 64 + level;

export class SummationTree {
  readonly rootLevel: number;
  private readonly nodes = new Map<number, TreeNode>();

  /**
   * @param totalChunks T, the chunks of the whole run (⌈paths / C0⌉).
   * @param start first chunk this tree is responsible for.
   * @param end one past its last chunk.
   */
  constructor(
    readonly totalChunks: number,
    readonly start: number,
    readonly end: number,
  ) {
    if (!Number.isInteger(totalChunks) || totalChunks < 1) throw new RangeError(`totalChunks must be a positive integer, got ${totalChunks}`);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > totalChunks || start > end) {
      throw new RangeError(`chunk range [${start}, ${end}) is not inside [0, ${totalChunks})`);
    }
    this.rootLevel = rootLevel(totalChunks);
  }

  /**
   * Adds the moments of node (level, index), taking ownership of its arrays (they may be
   * overwritten by later combinations). Throws OUT_OF_RANGE if the node is not inside
   * [start, end) and OVERLAP if it shares a chunk with a node already stored.
   */
  insert(level: number, index: number, moments: Moments): void {
    const [first, end] = nodeRange(level, index, this.totalChunks);
    if (!(level >= 0 && level <= this.rootLevel && Number.isInteger(level) && Number.isInteger(index) && index >= 0) || first >= end) {
      throw new AggregateMergeError("OUT_OF_RANGE", `tree node (${level}, ${index}) does not exist for ${this.totalChunks} chunks`);
    }
    if (first < this.start || end > this.end) {
      throw new AggregateMergeError("OUT_OF_RANGE", `chunks [${first}, ${end}) are outside this part's range [${this.start}, ${this.end})`);
    }
    for (const node of this.nodes.values()) {
      const [f, e] = nodeRange(node.level, node.index, this.totalChunks);
      if (f < end && first < e) {
        throw new AggregateMergeError("OVERLAP", `chunks [${first}, ${end}) overlap chunks [${f}, ${e}) already aggregated`);
      }
    }
    let l = level;
    let i = index;
    let m = moments;
    while (l < this.rootLevel) {
      const [pf, pe] = nodeRange(l + 1, i >> 1, this.totalChunks);
      if (pf < this.start || pe > this.end) break;
      const sib = i ^ 1;
      const [sf, se] = nodeRange(l, sib, this.totalChunks);
      if (sf < se) {
        const other = this.nodes.get(keyOf(l, sib));
        if (other === undefined) break;
        this.nodes.delete(keyOf(l, sib));
        m = (i & 1) === 0 ? combineMomentsInto(m, other.moments) : combineMomentsInto(other.moments, m);
      }
      // else: the right sibling is empty (past the last chunk): the parent equals this node.
      l += 1;
      i >>= 1;
    }
    this.nodes.set(keyOf(l, i), { level: l, index: i, moments: m });
  }

  /** The stored nodes, in chunk order. */
  entries(): TreeNode[] {
    return [...this.nodes.values()].sort((a, b) => a.index * 2 ** a.level - b.index * 2 ** b.level);
  }

  /** The chunks aggregated so far, as sorted disjoint ranges [first, end). */
  coverage(): Array<[number, number]> {
    return coverageOf([...this.nodes.values()], this.totalChunks);
  }

  /** The chunks of [start, end) not aggregated yet, as sorted disjoint ranges. */
  missing(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let at = this.start;
    for (const [f, e] of this.coverage()) {
      if (f > at) out.push([at, f]);
      at = e;
    }
    if (at < this.end) out.push([at, this.end]);
    return out;
  }

  /** Whether every chunk of [start, end) is aggregated. */
  isComplete(): boolean {
    return this.missing().length === 0;
  }

  /** Moments of the whole run: the root node. Only for a complete tree over [0, T). */
  root(): Moments {
    const node = this.nodes.get(keyOf(this.rootLevel, 0));
    if (node === undefined || this.start !== 0 || this.end !== this.totalChunks) {
      throw new AggregateMergeError("MISSING", `the tree does not cover all ${this.totalChunks} chunks (missing ${JSON.stringify(this.missing())})`);
    }
    return node.moments;
  }
}
