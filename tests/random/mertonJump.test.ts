/**
 * Merton compound-Poisson jumps (src/random/mertonJump.ts).
 *
 * J = Σ_{j≤N} Y_j, N ~ Poisson(λ), Y ~ N(μ, σ²). Its cumulants are κ_r = λ·E[Y^r]:
 * mean λμ, variance λ(μ² + σ²), κ₄ = λ(μ⁴ + 6μ²σ² + 3σ⁴), μ₄ = κ₄ + 3κ₂². Checks: mean and
 * variance within K = 5 SE, P(J = 0) = e^−λ within K binomial SE, and KS of the non-zero
 * values against the exact mixture Σ_{n≥1} P(N = n)·Φ((x − nμ)/(√n σ))/(1 − e^−λ), which
 * tests the "one normal with mean nμ and sd √n·σ" shortcut. Fixed seeds.
 */
import { describe, expect, it } from "vitest";
import { mertonJump, mertonJumpVariate } from "../../src/random/mertonJump.js";
import { streamFor } from "../../src/random/rng.js";
import { drawSample, ksOneSample, mean, normalCdf, poissonPmf, variance, varianceStandardError } from "../helpers/stats.js";

const K = 5;

describe("mertonJumpVariate", () => {
  for (const [lambda, mu, sigma] of [
    [0.05, -0.02, 0.05],
    [3, 0.01, 0.03],
  ] as const) {
    it(`λΔt = ${lambda}, μ = ${mu}, σ = ${sigma}: moments, P(J = 0), KS of the jumps (n = 5e5)`, () => {
      const n = 500_000;
      const rng = streamFor(42, 0, `test-merton-${lambda}`);
      const xs = drawSample(n, () => mertonJumpVariate(rng, lambda, mu, sigma));
      const ey2 = mu * mu + sigma * sigma;
      const ey4 = mu ** 4 + 6 * mu * mu * sigma * sigma + 3 * sigma ** 4;
      const k2 = lambda * ey2;
      expect(Math.abs(mean(xs) - lambda * mu)).toBeLessThan(K * Math.sqrt(k2 / n));
      expect(Math.abs(variance(xs) - k2)).toBeLessThan(K * varianceStandardError(k2, lambda * ey4 + 3 * k2 * k2, n));

      let zeros = 0;
      for (const x of xs) if (x === 0) zeros++;
      const p0 = Math.exp(-lambda);
      expect(Math.abs(zeros - n * p0)).toBeLessThan(K * Math.sqrt(n * p0 * (1 - p0)));

      const jumps = xs.filter((x) => x !== 0).subarray(0, 50_000);
      const cdf = (x: number): number => {
        let s = 0;
        for (let m = 1; m <= 60; m++) s += poissonPmf(m, lambda) * normalCdf((x - m * mu) / (Math.sqrt(m) * sigma));
        return s / (1 - p0);
      };
      expect(jumps.length).toBeGreaterThan(10_000);
      expect(ksOneSample(jumps, cdf).p).toBeGreaterThan(0.01);
    });
  }

  it("with jumpSd = 0 every value is a whole number of jumps times jumpMean", () => {
    const rng = streamFor(42, 1, "test-merton");
    for (let i = 0; i < 10_000; i++) {
      const x = mertonJumpVariate(rng, 2, 0.25, 0);
      expect(Number.isInteger(x / 0.25)).toBe(true);
    }
    expect(mertonJumpVariate(rng, 0, 1, 1)).toBe(0);
  });
});

describe("mertonJump() factory", () => {
  it("gives the same values as mertonJumpVariate from the same stream", () => {
    for (const lambda of [0.05, 25]) {
      const a = streamFor(5, 0, "x");
      const draw = mertonJump(streamFor(5, 0, "x"), lambda, -0.03, 0.08);
      for (let i = 0; i < 2000; i++) expect(draw()).toBe(mertonJumpVariate(a, lambda, -0.03, 0.08));
    }
  });

  it("rejects bad parameters with a RangeError naming them", () => {
    const rng = streamFor(5, 1, "x");
    expect(() => mertonJump(rng, -0.1, 0, 0.1)).toThrow(/lambdaDt/);
    expect(() => mertonJump(rng, 0.1, Number.NaN, 0.1)).toThrow(/jumpMean/);
    expect(() => mertonJump(rng, 0.1, 0, -0.1)).toThrow(/jumpSd/);
  });
});
