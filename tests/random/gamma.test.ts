/**
 * Gamma variates (src/random/gamma.ts).
 *
 * Moments: for Gamma(a, θ) the cumulants are κ_r = (r−1)!·a·θ^r, which give the exact
 * mean, variance, μ₄ (for the SE of the sample variance) and μ₂..μ₆ (for the SE of the
 * sample skewness, whose exact value is 2/√a). Each statistic must be within K = 5 SE.
 * KS: the engine's Gamma(2016) against the exact CDF P(2016, x) and against sums of 2016
 * exponentials (what the block-by-block reference engine does); p > 0.01. Fixed seeds.
 */
import { describe, expect, it } from "vitest";
import { exponentialVariate } from "../../src/random/exponential.js";
import { gamma, gammaVariate, MIN_GAMMA_SHAPE } from "../../src/random/gamma.js";
import { streamFor } from "../../src/random/rng.js";
import {
  centralMomentsFromCumulants,
  drawSample,
  gammaCdf,
  ksOneSample,
  ksTwoSample,
  logGamma,
  mean,
  regularizedGammaP,
  skewness,
  skewnessStandardError,
  variance,
  varianceStandardError,
} from "../helpers/stats.js";

const K = 5;
const N = 200_000;

function gammaMoments(shape: number, scale: number): ReturnType<typeof centralMomentsFromCumulants> {
  const k = (r: number, fact: number): number => fact * shape * scale ** r;
  return centralMomentsFromCumulants(k(2, 1), k(3, 2), k(4, 6), k(5, 24), k(6, 120));
}

describe("gammaVariate moments (n = 2e5 per shape)", () => {
  const cases: Array<[shape: number, scale: number]> = [
    [0.01, 1],
    [0.5, 1],
    [1, 1],
    [2.5, 3],
    [100, 1],
    [2015, 1],
    [2016, 1],
    [2016, 1 / 2016],
  ];
  for (const [shape, scale] of cases) {
    it(`shape ${shape}, scale ${scale.toPrecision(4)}: mean, variance, skewness within ${K} SE`, () => {
      const rng = streamFor(42, 0, `test-gamma-${shape}-${scale}`);
      const xs = drawSample(N, () => gammaVariate(rng, shape, scale));
      const m = gammaMoments(shape, scale);
      const seMean = Math.sqrt(m.mu2 / N);
      expect(Math.abs(mean(xs) - shape * scale)).toBeLessThan(K * seMean);
      expect(Math.abs(variance(xs) - m.mu2)).toBeLessThan(K * varianceStandardError(m.mu2, m.mu4, N));
      const seSkew = skewnessStandardError(m.mu2, m.mu3, m.mu4, m.mu5, m.mu6, N);
      expect(Math.abs(skewness(xs) - 2 / Math.sqrt(shape))).toBeLessThan(K * seSkew);
      let bad = 0;
      for (const x of xs) if (!(x >= 0 && Number.isFinite(x))) bad++;
      expect(bad).toBe(0);
      if (shape === 2016 && scale === 1) {
        // The check has the power to tell the engine's two shapes apart: this sample's
        // mean is more than K SE away from 2015.
        expect(Math.abs(mean(xs) - 2015)).toBeGreaterThan(K * seMean);
      }
    });
  }

  it("very large shape 1e9: mean and variance within K SE (n = 1e5)", () => {
    const n = 100_000;
    const shape = 1e9;
    const rng = streamFor(42, 0, "test-gamma-1e9");
    const xs = drawSample(n, () => gammaVariate(rng, shape));
    const m = gammaMoments(shape, 1);
    expect(Math.abs(mean(xs) - shape)).toBeLessThan(K * Math.sqrt(shape / n));
    expect(Math.abs(variance(xs) - shape)).toBeLessThan(K * varianceStandardError(m.mu2, m.mu4, n));
  });
});

describe("gammaVariate distribution (KS)", () => {
  it("Gamma(2016) vs the exact CDF P(2016, x) (n = 5e4)", () => {
    const rng = streamFor(42, 1, "test-gamma-ks");
    const xs = drawSample(50_000, () => gammaVariate(rng, 2016));
    expect(ksOneSample(xs, (x) => gammaCdf(x, 2016)).p).toBeGreaterThan(0.01);
  });

  it("Gamma(2016) vs sums of 2016 exponentials (two-sample, 5e4 vs 2e4)", () => {
    const rng = streamFor(42, 2, "test-gamma-ks");
    const g = drawSample(50_000, () => gammaVariate(rng, 2016));
    const ref = streamFor(42, 3, "test-gamma-ks");
    const sums = drawSample(20_000, () => {
      let s = 0;
      for (let j = 0; j < 2016; j++) s += exponentialVariate(ref);
      return s;
    });
    expect(ksTwoSample(g, sums).p).toBeGreaterThan(0.01);
  });

  it("small and moderate shapes vs the exact CDF (n = 5e4 each)", () => {
    for (const shape of [0.01, 0.2, 0.5, 1, 2.5, 100]) {
      const rng = streamFor(42, 4, `test-gamma-ks-${shape}`);
      const xs = drawSample(50_000, () => gammaVariate(rng, shape, 2));
      expect(ksOneSample(xs, (x) => gammaCdf(x, shape, 2)).p, `shape ${shape}`).toBeGreaterThan(0.01);
    }
  });

  it("shape 0.01 underflows to 0 only as often as the exact law is below 2^-1075 (K SE)", () => {
    // Values below half the smallest subnormal (2^-1075) round to 0; the exact probability
    // of that is P(0.01, 2^-1075) ≈ 5.9e-4. More zeros would mean precision lost in the
    // boost (e.g. U^(1/a) underflowing on its own).
    const shape = MIN_GAMMA_SHAPE;
    const n = 400_000;
    const rng = streamFor(42, 5, "test-gamma-zero");
    let zeros = 0;
    for (let i = 0; i < n; i++) if (gammaVariate(rng, shape) === 0) zeros++;
    // 2^-1075 is itself 0 in float64, so use the leading series term of P(a, x) for tiny x,
    // x^a/Γ(a + 1) (relative error ~x), in log space; and check it against the helper at a
    // representable point.
    const q = Math.exp(-shape * 1075 * Math.LN2 - logGamma(1 + shape));
    expect(regularizedGammaP(shape, 2 ** -1000) / Math.exp(-shape * 1000 * Math.LN2 - logGamma(1 + shape))).toBeCloseTo(1, 12);
    expect(q).toBeGreaterThan(4e-4);
    expect(Math.abs(zeros - n * q)).toBeLessThan(K * Math.sqrt(n * q * (1 - q)));
  });
});

describe("gamma() factory", () => {
  it("gives the same values as gammaVariate from the same stream (shape < 1 and ≥ 1)", () => {
    for (const [shape, scale] of [
      [0.3, 2],
      [7, 0.5],
      [2016, 1],
    ] as const) {
      const a = streamFor(8, 1, "x");
      const draw = gamma(streamFor(8, 1, "x"), shape, scale);
      for (let i = 0; i < 1000; i++) expect(draw()).toBe(gammaVariate(a, shape, scale));
    }
    const b = streamFor(8, 2, "x");
    const unit = gamma(streamFor(8, 2, "x"), 3);
    for (let i = 0; i < 10; i++) expect(unit()).toBe(gammaVariate(b, 3));
  });

  it("accepts shape = MIN_GAMMA_SHAPE and rejects smaller, NaN, infinite shapes and bad scales", () => {
    const rng = streamFor(8, 3, "x");
    expect(typeof gamma(rng, MIN_GAMMA_SHAPE)()).toBe("number");
    for (const bad of [0.009, 0, -1, Number.NaN, Infinity]) expect(() => gamma(rng, bad)).toThrow(/shape/);
    for (const bad of [0, -2, Number.NaN, Infinity]) expect(() => gamma(rng, 2, bad)).toThrow(/scale/);
  });
});
