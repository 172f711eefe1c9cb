/**
 * The fixed summation tree (src/montecarlo/summation-tree.ts): the root's bits do not depend
 * on the order in which chunks arrive nor on how they are grouped into parts (batches,
 * shards) that are combined later; overlaps and out-of-range parts are refused; coverage
 * and missing ranges are reported. Property-based (fast-check, fixed seeds).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AggregateMergeError } from "../../src/montecarlo/errors.js";
import { copyMoments, type Moments } from "../../src/montecarlo/moments.js";
import { nodeRange, rootLevel, SummationTree } from "../../src/montecarlo/summation-tree.js";
import { createRng } from "../../src/random/rng.js";
import { f64Bytes } from "./helpers.js";

const CELLS = 4;

/** Leaf moments of chunk j: values with wildly different magnitudes so that rounding shows. */
function leaves(total: number, seed: string): Moments[] {
  const rng = createRng(seed);
  return Array.from({ length: total }, () => {
    const m: Moments = { n: new Float64Array(CELLS), sum: new Float64Array(CELLS), m2: new Float64Array(CELLS) };
    for (let c = 0; c < CELLS; c++) {
      const n = c === 3 && rng.double() < 0.3 ? 0 : 1 + Math.floor(rng.double() * 64);
      m.n[c] = n;
      m.sum[c] = n === 0 ? 0 : n * (10 ** (c * 3) + rng.double() * 10 ** (c * 2)) + rng.double();
      m.m2[c] = n < 2 ? 0 : rng.double() * 10 ** (c * 2);
    }
    return m;
  });
}

function rootBytes(m: Moments): string {
  return [m.n, m.sum, m.m2].map((a) => f64Bytes(a).toString("hex")).join("|");
}

/** Root of a tree filled chunk by chunk in order (the reference). */
function inOrderRoot(ls: Moments[]): string {
  const tree = new SummationTree(ls.length, 0, ls.length);
  ls.forEach((m, j) => tree.insert(0, j, copyMoments(m)));
  return rootBytes(tree.root());
}

describe("SummationTree", () => {
  it("gives the same root bits for any arrival order of the chunks", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer(), (total, salt) => {
        const ls = leaves(total, `order-${total}`);
        const reference = inOrderRoot(ls);
        const order = Array.from({ length: total }, (_, j) => j);
        const rng = createRng(`perm-${salt}`);
        for (let i = order.length - 1; i > 0; i--) {
          const k = Math.floor(rng.double() * (i + 1));
          [order[i], order[k]] = [order[k]!, order[i]!];
        }
        const tree = new SummationTree(total, 0, total);
        for (const j of order) tree.insert(0, j, copyMoments(ls[j]!));
        return rootBytes(tree.root()) === reference;
      }),
      { numRuns: 200, seed: 4242 },
    );
  });

  it("gives the same root bits when parts (batches/shards) are folded separately and merged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.array(fc.integer({ min: 1, max: 89 }), { maxLength: 8 }), (total, rawCuts) => {
        const ls = leaves(total, `parts-${total}`);
        const reference = inOrderRoot(ls);
        const cuts = [...new Set([0, ...rawCuts.filter((c) => c < total), total])].sort((a, b) => a - b);
        const whole = new SummationTree(total, 0, total);
        // Fold each part on its own, then hand its maximal nodes to the whole, last part first.
        for (let p = cuts.length - 2; p >= 0; p--) {
          const part = new SummationTree(total, cuts[p]!, cuts[p + 1]!);
          for (let j = cuts[p]!; j < cuts[p + 1]!; j++) part.insert(0, j, copyMoments(ls[j]!));
          expect(part.isComplete()).toBe(true);
          for (const node of part.entries()) whole.insert(node.level, node.index, node.moments);
        }
        return rootBytes(whole.root()) === reference;
      }),
      { numRuns: 200, seed: 777 },
    );
  });

  it("differs from a plain left-to-right running sum (so the tree is really what fixes the bits)", () => {
    // Sanity check that the property above is not vacuous: with these magnitudes the
    // association order changes the rounded sum.
    const ls = leaves(37, "assoc");
    const tree = new SummationTree(37, 0, 37);
    ls.forEach((m, j) => tree.insert(0, j, copyMoments(m)));
    let running = 0;
    let pairwiseEqualsRunning = true;
    for (let c = 0; c < CELLS; c++) {
      running = 0;
      for (const m of ls) running += m.sum[c]!;
      if (running !== tree.root().sum[c]) pairwiseEqualsRunning = false;
    }
    expect(pairwiseEqualsRunning).toBe(false);
  });

  it("keeps at most ~2·log2(T) nodes while chunks arrive in order", () => {
    const total = 1000;
    const ls = leaves(total, "bounded");
    const tree = new SummationTree(total, 0, total);
    let most = 0;
    ls.forEach((m, j) => {
      tree.insert(0, j, copyMoments(m));
      most = Math.max(most, tree.entries().length);
    });
    expect(most).toBeLessThanOrEqual(rootLevel(total) + 1);
    expect(tree.entries()).toHaveLength(1);
  });

  it("reports coverage and missing chunks, and refuses overlaps and out-of-range nodes", () => {
    const total = 10;
    const ls = leaves(total, "refuse");
    const tree = new SummationTree(total, 2, 9);
    for (const j of [2, 3, 6]) tree.insert(0, j, copyMoments(ls[j]!));
    expect(tree.coverage()).toEqual([
      [2, 4],
      [6, 7],
    ]);
    expect(tree.missing()).toEqual([
      [4, 6],
      [7, 9],
    ]);
    expect(tree.isComplete()).toBe(false);
    const code = (f: () => void): string => {
      try {
        f();
      } catch (err) {
        if (err instanceof AggregateMergeError) return err.code;
        throw err;
      }
      return "no error";
    };
    expect(code(() => tree.insert(0, 3, copyMoments(ls[3]!)))).toBe("OVERLAP");
    expect(code(() => tree.insert(1, 1, copyMoments(ls[3]!)))).toBe("OVERLAP"); // chunks 2–3 as one node
    expect(code(() => tree.insert(0, 9, copyMoments(ls[9]!)))).toBe("OUT_OF_RANGE");
    expect(code(() => tree.insert(0, 1, copyMoments(ls[1]!)))).toBe("OUT_OF_RANGE");
    expect(code(() => tree.root())).toBe("MISSING");
    expect(nodeRange(2, 2, total)).toEqual([8, 10]);
    expect(nodeRange(3, 1, total)).toEqual([8, 10]);
  });
});
