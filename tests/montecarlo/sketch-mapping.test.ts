/**
 * The cubic DDSketch mapping (src/montecarlo/sketch-mapping.ts) against the reference
 * implementation it follows, @datadog/sketches-js 2.1.1's CubicallyInterpolatedMapping:
 * keys and representative values must agree bit for bit; and the DDSketch guarantee
 * itself: every value lies within the relative accuracy of its bin's representative.
 */
import { CubicallyInterpolatedMapping } from "@datadog/sketches-js/dist/ddsketch/mapping/index.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { CubicMapping, MIN_INDEXABLE, SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";

/** Log-uniform positive doubles over [2^-1020, 2^1020]: every exponent range is hit. */
function logUniform(n: number, seed: string): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 ** (-1020 + 2040 * rng.double());
  return out;
}

describe("CubicMapping", () => {
  const ours = new CubicMapping(SKETCH_RELATIVE_ACCURACY);
  const lib = new CubicallyInterpolatedMapping(SKETCH_RELATIVE_ACCURACY);

  it("gives the library's key for 200,000 log-uniform values and for exact powers of two", () => {
    const xs = logUniform(200_000, "mapping-keys");
    let mismatches = 0;
    for (const x of xs) if (ours.key(x) !== lib.key(x)) mismatches++;
    for (let e = -1022; e <= 1023; e++) {
      const x = 2 ** e;
      if (ours.key(x) !== lib.key(x)) mismatches++;
      const below = x * (1 - 2 ** -53);
      if (e > -1022 && ours.key(below) !== lib.key(below)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("gives the library's representative value for every key of the normal range", () => {
    const lo = ours.key(MIN_INDEXABLE);
    const hi = ours.key(Number.MAX_VALUE);
    let mismatches = 0;
    for (let k = lo + 1; k < hi; k++) if (ours.value(k) !== lib.value(k)) mismatches++;
    expect(hi - lo).toBeGreaterThan(100_000);
    expect(mismatches).toBe(0);
  });

  it("keeps every value within relative accuracy α of its bin's representative", () => {
    const alpha = SKETCH_RELATIVE_ACCURACY;
    // 1e-12 of slack: the inverse (Cardano) is computed in floating point. Above
    // MAX_VALUE/γ the bin's upper bound overflows (documented in sketch-mapping.ts).
    const bound = alpha * (1 + 1e-12);
    fc.assert(
      fc.property(fc.double({ min: MIN_INDEXABLE, max: Number.MAX_VALUE / ours.gamma, noNaN: true }), (x) => {
        const rep = ours.value(ours.key(x));
        return Math.abs(rep - x) <= bound * x;
      }),
      { numRuns: 20_000, seed: 20251 },
    );
    for (const x of logUniform(100_000, "mapping-accuracy")) {
      const rep = ours.value(ours.key(x));
      if (!(Math.abs(rep - x) <= bound * x)) throw new Error(`x = ${x}: representative ${rep} is off by more than α`);
    }
  });

  it("is monotone: a larger value never gets a smaller key, and bin bounds bracket the value", () => {
    const xs = logUniform(50_000, "mapping-monotone").sort();
    for (let i = 1; i < xs.length; i++) expect(ours.key(xs[i]!) >= ours.key(xs[i - 1]!)).toBe(true);
    for (const x of xs.subarray(0, 2000)) {
      const k = ours.key(x);
      expect(x <= ours.upperBound(k) * (1 + 1e-12)).toBe(true);
      expect(x > ours.upperBound(k - 1) * (1 - 1e-12)).toBe(true);
    }
  });

  it("uses about 1 % more bins than the exact logarithm (the cost of the cubic form)", () => {
    const lnGamma = Math.log(ours.gamma);
    const bins = ours.key(1e6) - ours.key(1);
    const exactBins = Math.log(1e6) / lnGamma;
    expect(bins / exactBins).toBeGreaterThan(1);
    expect(bins / exactBins).toBeLessThan(1.02);
  });
});
