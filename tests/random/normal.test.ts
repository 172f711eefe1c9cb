/**
 * Normal variates (src/random/normal.ts): Ziggurat table, moments, KS, a binned
 * chi-square fine enough to see a wrong layer, and the tail frequencies.
 *
 * Tolerance: every moment/count is within K = 5 standard errors of its exact value, the SE
 * computed from the exact distribution and the sample size; p-values must exceed 0.01.
 * Seeds are fixed, so outcomes never change between runs.
 */
import { describe, expect, it } from "vitest";
import { normal, normalVariate, standardNormal, zigguratTable } from "../../src/random/normal.js";
import type { Rng } from "../../src/random/rng.js";
import { streamFor } from "../../src/random/rng.js";
import {
  chiSquareTest,
  drawSample,
  excessKurtosis,
  ksOneSample,
  mean,
  normalCdf,
  normalCdfOf,
  skewness,
  variance,
  varianceStandardError,
} from "../helpers/stats.js";

const K = 5;

describe("Ziggurat table", () => {
  it("edges decrease from V/f(R) through R to 0 and every layer has area V", () => {
    const { x, r, v } = zigguratTable();
    expect(x.length).toBe(129);
    expect(x[1]).toBe(r);
    expect(x[128]).toBe(0);
    for (let i = 1; i < 129; i++) expect(x[i]!).toBeLessThan(x[i - 1]!);
    const f = (t: number): number => Math.exp(-0.5 * t * t);
    // Bottom layer: rectangle R·f(R) plus the tail ∫_R^∞ f = √(2π)·Φ(−R).
    expect(r * f(r) + Math.sqrt(2 * Math.PI) * normalCdf(-r)).toBeCloseTo(v, 10);
    expect(x[0]! * f(r)).toBeCloseTo(v, 15);
    // Layers 1..127: rectangle of width X[i] between heights f(X[i]) and f(X[i+1]).
    for (let i = 1; i < 128; i++) expect(x[i]! * (f(x[i + 1]!) - f(x[i]!))).toBeCloseTo(v, 10);
  });
});

describe("standardNormal", () => {
  const n = 1_000_000;
  const rng = streamFor(42, 0, "test-normal");
  const z = drawSample(n, () => standardNormal(rng));

  it("mean 0, variance 1, skewness 0, excess kurtosis 0 within K SE (n = 1e6)", () => {
    expect(Math.abs(mean(z))).toBeLessThan(K / Math.sqrt(n));
    expect(Math.abs(variance(z) - 1)).toBeLessThan(K * varianceStandardError(1, 3, n));
    expect(Math.abs(skewness(z))).toBeLessThan(K * Math.sqrt(6 / n));
    expect(Math.abs(excessKurtosis(z))).toBeLessThan(K * Math.sqrt(24 / n));
  });

  it("passes KS against Φ (n = 5e4) and a 512-bin equiprobable chi-square (n = 1e6)", () => {
    expect(ksOneSample(z.subarray(0, 50_000), normalCdf).p).toBeGreaterThan(0.01);
    // Bin b = floor(512·Φ(z)); 512 bins ≈ 4 per Ziggurat layer and sign, expected 1953 each.
    const bins = 512;
    const observed = new Float64Array(bins);
    for (const v of z) observed[Math.min(bins - 1, Math.floor(bins * normalCdf(v)))]! += 1;
    const expected = new Float64Array(bins).fill(n / bins);
    expect(chiSquareTest(observed, expected).p).toBeGreaterThan(0.01);
  });

  it("hits the tails beyond R = 3.4426 (the Ziggurat's tail method) and beyond 4.5 as often as Φ says", () => {
    const { r } = zigguratTable();
    for (const [threshold, label] of [
      [r, "R"],
      [4.5, "4.5"],
    ] as const) {
      const q = normalCdf(-threshold);
      let lo = 0;
      let hi = 0;
      for (const v of z) {
        if (v < -threshold) lo++;
        else if (v > threshold) hi++;
      }
      const se = Math.sqrt(n * q * (1 - q));
      expect(Math.abs(lo - n * q), `lower tail beyond ${label}`).toBeLessThan(K * se);
      expect(Math.abs(hi - n * q), `upper tail beyond ${label}`).toBeLessThan(K * se);
    }
  });

  it("uses the wedge and tail branches deterministically from forced uniforms", () => {
    // A generator replaying fixed doubles, to reach each branch on purpose.
    const replay = (values: number[]): Rng => {
      let i = 0;
      return { double: () => values[i++ % values.length]! };
    };
    const { x } = zigguratTable();
    // Layer 0 (j = 0), fraction above the ratio → tail; then two uniforms 0 give x = 0,
    // y = 0, accepted: R exactly. j = 128 (u = 0.5 + …) gives −R.
    const frac = 0.999;
    expect(standardNormal(replay([frac / 256, 0, 0]))).toBe(x[1]);
    expect(standardNormal(replay([(128 + frac) / 256, 0, 0]))).toBe(-x[1]!);
    // Layer 5, fraction 0.999 > ratio → wedge. The second uniform U puts y at
    // f(X[6]) + U·(f(X[5]) − f(X[6])): U near 1 is the bottom of the layer, under the curve
    // (accept 0.999·X[5]); U = 0 is the top, above the curve at 0.999·X[5] (reject, and the
    // next double 0.5/256 lands in layer 0's rectangle: returns 0.5·X[0]).
    const layer = 5;
    expect(standardNormal(replay([(layer + frac) / 256, 1 - 1e-6]))).toBeCloseTo(frac * x[layer]!, 12);
    expect(standardNormal(replay([(128 + layer + frac) / 256, 1 - 1e-6]))).toBeCloseTo(-frac * x[layer]!, 12);
    expect(standardNormal(replay([(layer + frac) / 256, 0, 0.5 / 256]))).toBe(0.5 * x[0]!);
  });
});

describe("normalVariate and normal()", () => {
  it("N(mean, sd²): moments within K SE and KS against the shifted CDF", () => {
    const n = 200_000;
    const rng = streamFor(42, 1, "test-normal");
    const xs = drawSample(n, () => normalVariate(rng, -3, 2.5));
    expect(Math.abs(mean(xs) + 3)).toBeLessThan((K * 2.5) / Math.sqrt(n));
    expect(Math.abs(variance(xs) - 6.25)).toBeLessThan(K * varianceStandardError(6.25, 3 * 6.25 ** 2, n));
    expect(ksOneSample(xs.subarray(0, 50_000), (v) => normalCdfOf(v, -3, 2.5)).p).toBeGreaterThan(0.01);
  });

  it("the factory gives the same values as the plain function from the same stream", () => {
    const a = streamFor(9, 3, "x");
    const b = streamFor(9, 3, "x");
    const draw = normal(b, 1.5, 0.3);
    for (let i = 0; i < 1000; i++) expect(draw()).toBe(normalVariate(a, 1.5, 0.3));
    const c = streamFor(9, 3, "x");
    const std = normal(streamFor(9, 3, "x"));
    for (let i = 0; i < 100; i++) expect(std()).toBe(standardNormal(c));
  });

  it("sd = 0 returns the mean exactly; invalid parameters throw RangeError naming them", () => {
    const rng = streamFor(1, 0, "x");
    expect(normalVariate(rng, 7, 0)).toBe(7);
    expect(normal(rng, 7, 0)()).toBe(7);
    expect(() => normal(rng, 0, -1)).toThrow(/sd/);
    expect(() => normal(rng, Number.NaN, 1)).toThrow(/mean/);
    expect(() => normal(rng, 0, Infinity)).toThrow(RangeError);
  });
});
