/**
 * Lognormal variates (src/random/lognormal.ts): ln X is N(mu, sigma²) — its mean and
 * variance within K = 5 SE — and X itself has mean e^(mu + sigma²/2) within K SE computed
 * from the exact variance (e^(sigma²) − 1)e^(2mu + sigma²); KS of X against
 * Φ((ln x − mu)/sigma). Fixed seeds.
 */
import { describe, expect, it } from "vitest";
import { lognormal, lognormalVariate } from "../../src/random/lognormal.js";
import { streamFor } from "../../src/random/rng.js";
import { drawSample, ksOneSample, mean, normalCdf, variance, varianceStandardError } from "../helpers/stats.js";

const K = 5;

describe("lognormalVariate", () => {
  it("moments of ln X and of X, and KS, for (mu, sigma) = (−1, 0.5) and (3, 1.2)", () => {
    const n = 400_000;
    const rng = streamFor(42, 0, "test-lognormal");
    for (const [mu, sigma] of [
      [-1, 0.5],
      [3, 1.2],
    ] as const) {
      const xs = drawSample(n, () => lognormalVariate(rng, mu, sigma));
      const logs = xs.map(Math.log);
      const s2 = sigma * sigma;
      expect(Math.abs(mean(logs) - mu)).toBeLessThan((K * sigma) / Math.sqrt(n));
      expect(Math.abs(variance(logs) - s2)).toBeLessThan(K * varianceStandardError(s2, 3 * s2 * s2, n));
      const exactMean = Math.exp(mu + s2 / 2);
      const exactVar = Math.expm1(s2) * Math.exp(2 * mu + s2);
      expect(Math.abs(mean(xs) - exactMean)).toBeLessThan(K * Math.sqrt(exactVar / n));
      const cdf = (x: number): number => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
      expect(ksOneSample(xs.subarray(0, 50_000), cdf).p).toBeGreaterThan(0.01);
    }
  });

  it("factory: same values as the plain function; sigma = 0 gives e^mu; bad parameters throw", () => {
    const a = streamFor(4, 0, "x");
    const draw = lognormal(streamFor(4, 0, "x"), 0.2, 0.7);
    for (let i = 0; i < 1000; i++) expect(draw()).toBe(lognormalVariate(a, 0.2, 0.7));
    const d = streamFor(4, 0, "x");
    const std = lognormal(streamFor(4, 0, "x"));
    for (let i = 0; i < 10; i++) expect(std()).toBe(lognormalVariate(d, 0, 1));
    expect(lognormal(a, 2, 0)()).toBe(Math.exp(2));
    expect(() => lognormal(a, 0, -0.1)).toThrow(/sigma/);
    expect(() => lognormal(a, Infinity, 1)).toThrow(/mu/);
  });
});
