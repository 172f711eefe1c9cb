/**
 * Exponential variates (src/random/exponential.ts). Moments within K = 5 SE of the exact
 * values (SE from the exact variance and 4th moment, fixed seeds), KS against the CDF, and
 * the edge values that show the 53-bit uniform is used.
 */
import { describe, expect, it } from "vitest";
import { exponential, exponentialVariate } from "../../src/random/exponential.js";
import { streamFor } from "../../src/random/rng.js";
import { drawSample, exponentialCdf, ksOneSample, mean, variance, varianceStandardError } from "../helpers/stats.js";

const K = 5;

describe("exponentialVariate", () => {
  it("rate 1 and rate 0.25: mean 1/rate, variance 1/rate² within K SE (n = 5e5)", () => {
    const n = 500_000;
    const rng = streamFor(42, 0, "test-exponential");
    for (const rate of [1, 0.25]) {
      const xs = drawSample(n, () => exponentialVariate(rng, rate));
      const m = 1 / rate;
      // Exponential: σ² = m², μ₄ = 9m⁴.
      expect(Math.abs(mean(xs) - m)).toBeLessThan((K * m) / Math.sqrt(n));
      expect(Math.abs(variance(xs) - m * m)).toBeLessThan(K * varianceStandardError(m * m, 9 * m ** 4, n));
      expect(ksOneSample(xs.subarray(0, 50_000), (x) => exponentialCdf(x, rate)).p).toBeGreaterThan(0.01);
    }
  });

  it("maps the extreme uniforms to 0 and to 53·ln 2 (beyond the 22.2 of a 32-bit uniform)", () => {
    expect(exponentialVariate({ double: () => 0 })).toBe(0);
    expect(exponentialVariate({ double: () => 1 - 2 ** -53 })).toBeCloseTo(53 * Math.LN2, 12);
    expect(exponentialVariate({ double: () => 1 - 2 ** -53 }, 2)).toBeCloseTo((53 * Math.LN2) / 2, 12);
  });

  it("factory: same values as the plain function; rejects a non-positive or non-finite rate", () => {
    const a = streamFor(3, 0, "x");
    const draw = exponential(streamFor(3, 0, "x"), 3.5);
    for (let i = 0; i < 1000; i++) expect(draw()).toBe(exponentialVariate(a, 3.5));
    const d = streamFor(3, 0, "x");
    const std = exponential(streamFor(3, 0, "x"));
    for (let i = 0; i < 10; i++) expect(std()).toBe(exponentialVariate(d));
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => exponential(a, bad)).toThrow(/rate/);
  });
});
