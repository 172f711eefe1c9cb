/**
 * binomialVariate (recursive Beta splitting, used at the horizon by the fast engine):
 * its distribution matches the exact Binomial pmf (chi-square, pooled bins with expected
 * count ≥ 5) for small and large n, and the edge cases p = 0, p = 1, n = 0 are exact.
 */
import { describe, expect, it } from "vitest";
import { binomialVariate } from "../../src/engine/index.js";
import { streamFor } from "../../src/random/index.js";
import { chiSquareTest, logGamma } from "../helpers/stats.js";

function binomialPmf(k: number, n: number, p: number): number {
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** Chi-square p-value of `draws` samples against Binomial(n, p), bins pooled to E ≥ 5. */
function chiSquareP(n: number, p: number, draws: number, seedIndex: number): number {
  const rng = streamFor("engine-tests", seedIndex, "binomial");
  const counts = new Float64Array(n + 1);
  for (let i = 0; i < draws; i++) counts[binomialVariate(rng, n, p)]! += 1;
  const observed: number[] = [];
  const expected: number[] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k <= n; k++) {
    o += counts[k]!;
    e += draws * binomialPmf(k, n, p);
    if (e >= 5) {
      observed.push(o);
      expected.push(e);
      o = 0;
      e = 0;
    }
  }
  // Remaining upper tail goes into the last bin.
  observed[observed.length - 1]! += o;
  expected[expected.length - 1]! += e;
  return chiSquareTest(observed, expected).p;
}

describe("binomialVariate", () => {
  it("edge cases are exact", () => {
    const rng = streamFor("engine-tests", 0, "binomial-edges");
    for (let i = 0; i < 100; i++) {
      expect(binomialVariate(rng, 0, 0.5)).toBe(0);
      expect(binomialVariate(rng, 2014, 0)).toBe(0);
      expect(binomialVariate(rng, 2014, 1)).toBe(2014);
      expect(binomialVariate(rng, 7, 1)).toBe(7);
    }
  });

  // Fixed seeds; each case is a single chi-square test at level 0.001 (so a correct sampler
  // fails with probability 0.001 per case, and a wrong pmf with ≥ 40,000 draws is caught).
  it.each([
    [10, 0.3, 1],
    [40, 0.05, 2],
    [2014, 0.5, 3],
    [2014, 0.013, 4],
    [1500, 0.9, 5],
    [333, 0.47, 6],
  ])("matches the Binomial(%i, %f) pmf (chi-square p > 0.001)", (n, p, seedIndex) => {
    expect(chiSquareP(n, p, 40_000, seedIndex)).toBeGreaterThan(0.001);
  });
});
