/**
 * Chain boundaries: flags and the next boundary height against a brute-force scan over
 * the heights that matter (genesis, ordinary epochs, halvings, and 1,260,000 where an
 * epoch start and a halving coincide).
 */
import { describe, expect, it } from "vitest";
import {
  BOUNDARY_EPOCH_FIRST,
  BOUNDARY_HALVING,
  BOUNDARY_RETARGET,
  BOUNDARY_SUBSIDY_CHANGE,
  boundaryFlags,
  epochOfHeight,
  eraOfHeight,
  nextBoundaryHeight,
} from "../../src/engine/index.js";
import { DIFFICULTY_ADJUSTMENT_INTERVAL, HALVING_INTERVAL, blockSubsidy } from "../../src/consensus/index.js";

/** Brute force over [from, to): next[h − from] = the first height above h with a flag. */
function bruteNexts(from: number, to: number): Int32Array {
  const out = new Int32Array(to - from);
  let x = to;
  while (boundaryFlags(x) === 0) x++; // first boundary at or after `to`
  for (let h = to - 1; h >= from; h--) {
    out[h - from] = x;
    if (boundaryFlags(h) !== 0) x = h;
  }
  return out;
}

describe("boundaries", () => {
  it("flags heights by the Core intervals", () => {
    expect(boundaryFlags(0)).toBe(BOUNDARY_EPOCH_FIRST); // genesis: no halving at 0
    expect(boundaryFlags(2015)).toBe(BOUNDARY_RETARGET);
    expect(boundaryFlags(2016)).toBe(BOUNDARY_EPOCH_FIRST);
    expect(boundaryFlags(209_999)).toBe(BOUNDARY_SUBSIDY_CHANGE);
    expect(boundaryFlags(210_000)).toBe(BOUNDARY_HALVING);
    expect(boundaryFlags(1_259_999)).toBe(BOUNDARY_RETARGET | BOUNDARY_SUBSIDY_CHANGE);
    expect(boundaryFlags(1_260_000)).toBe(BOUNDARY_EPOCH_FIRST | BOUNDARY_HALVING);
    expect(boundaryFlags(1000)).toBe(0);
  });

  it("a subsidy-change height is the last block before the subsidy drops (Core GetBlockSubsidy)", () => {
    for (let m = 1; m <= 6; m++) {
      const h = HALVING_INTERVAL * m - 1;
      expect(boundaryFlags(h) & BOUNDARY_SUBSIDY_CHANGE).not.toBe(0);
      expect(blockSubsidy(h + 1)).toBe(blockSubsidy(h) / 2n);
      expect(eraOfHeight(h + 1)).toBe(m);
    }
  });

  it("nextBoundaryHeight equals a brute-force scan", () => {
    const ranges: [number, number][] = [
      [0, 10_000],
      [207_000, 213_000],
      [838_000, 842_500],
      [1_255_000, 1_262_500],
    ];
    let checked = 0;
    for (const [from, to] of ranges) {
      const brute = bruteNexts(from, to);
      for (let h = from; h < to; h++) {
        const next = nextBoundaryHeight(h);
        // Assert only on a mismatch, so that 28,000 heights stay fast.
        if (next !== brute[h - from] || next - h > DIFFICULTY_ADJUSTMENT_INTERVAL - 1) {
          expect({ h, next }).toEqual({ h, next: brute[h - from] });
          expect(next - h).toBeLessThanOrEqual(DIFFICULTY_ADJUSTMENT_INTERVAL - 1);
        }
        checked++;
      }
    }
    expect(checked).toBe(28_000);
  });

  it("epochOfHeight / eraOfHeight", () => {
    expect(epochOfHeight(2015)).toBe(0);
    expect(epochOfHeight(2016)).toBe(1);
    expect(eraOfHeight(839_999)).toBe(3);
    expect(eraOfHeight(840_000)).toBe(4);
  });
});
