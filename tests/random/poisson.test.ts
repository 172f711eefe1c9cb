/**
 * Poisson variates (src/random/poisson.ts) and the log-pmf behind PTRS
 * (src/random/poissonLogPmf.ts).
 *
 * Moments: all cumulants of Poisson(λ) equal λ, so mean = variance = λ and μ₄ = λ + 3λ²;
 * sample mean and variance within K = 5 SE. Distribution: Pearson chi-square against the
 * pmf computed by the helpers' direct formula (not the code under test), bins pooled to
 * expected counts ≥ 20, p > 0.01, on both sides of the inversion/PTRS switch at 10.
 * Fixed seeds.
 */
import { describe, expect, it } from "vitest";
import { poisson, POISSON_PTRS_THRESHOLD, poissonVariate } from "../../src/random/poisson.js";
import { bd0, poissonLogPmf, stirlerr } from "../../src/random/poissonLogPmf.js";
import type { Rng } from "../../src/random/rng.js";
import { streamFor } from "../../src/random/rng.js";
import {
  chiSquareTest,
  drawSample,
  logGamma,
  mean,
  poissonCdf,
  poissonPmf,
  variance,
  varianceStandardError,
} from "../helpers/stats.js";

const K = 5;

/** Chi-square of integer draws against Poisson(λ), pooling tails so every bin expects ≥ 20. */
function poissonChiSquare(xs: Float64Array, lambda: number): { stat: number; df: number; p: number } {
  const n = xs.length;
  let lo = Math.floor(lambda);
  while (lo > 0 && n * poissonCdf(lo - 1, lambda) >= 20) lo--;
  let hi = Math.floor(lambda);
  while (n * (1 - poissonCdf(hi, lambda)) >= 20) hi++;
  // bins: (≤ lo), lo+1, …, hi−1, (≥ hi)
  const observed = new Float64Array(hi - lo + 1);
  const expected = new Float64Array(hi - lo + 1);
  for (const x of xs) observed[Math.min(Math.max(x, lo), hi) - lo]! += 1;
  expected[0] = n * poissonCdf(lo, lambda);
  for (let k = lo + 1; k < hi; k++) expected[k - lo] = n * poissonPmf(k, lambda);
  expected[hi - lo] = n * (1 - poissonCdf(hi - 1, lambda));
  return chiSquareTest(observed, expected);
}

describe("poissonVariate moments", () => {
  for (const lambda of [0.5, 10, 1000, 1e6]) {
    it(`mean ${lambda}: integer values, mean and variance within K SE (n = 2e5)`, () => {
      const n = 200_000;
      const rng = streamFor(42, 0, `test-poisson-${lambda}`);
      const xs = drawSample(n, () => poissonVariate(rng, lambda));
      let bad = 0;
      for (const x of xs) if (!(Number.isInteger(x) && x >= 0)) bad++;
      expect(bad).toBe(0);
      expect(Math.abs(mean(xs) - lambda)).toBeLessThan(K * Math.sqrt(lambda / n));
      expect(Math.abs(variance(xs) - lambda)).toBeLessThan(K * varianceStandardError(lambda, lambda + 3 * lambda ** 2, n));
    });
  }

  it("very large mean 1e12: mean and variance within K SE (n = 1e5)", () => {
    const n = 100_000;
    const lambda = 1e12;
    const rng = streamFor(42, 0, "test-poisson-1e12");
    const xs = drawSample(n, () => poissonVariate(rng, lambda));
    expect(Math.abs(mean(xs) - lambda)).toBeLessThan(K * Math.sqrt(lambda / n));
    expect(Math.abs(variance(xs) - lambda)).toBeLessThan(K * varianceStandardError(lambda, lambda + 3 * lambda ** 2, n));
  });

  it("mean 0 always gives 0", () => {
    const rng = streamFor(1, 0, "x");
    for (let i = 0; i < 100; i++) expect(poissonVariate(rng, 0)).toBe(0);
  });
});

describe("poissonVariate distribution (chi-square, n = 2e5)", () => {
  for (const lambda of [0.05, 0.5, 3, 9.99, POISSON_PTRS_THRESHOLD, 10.5, 37, 1000]) {
    it(`mean ${lambda} (${lambda < POISSON_PTRS_THRESHOLD ? "inversion" : "PTRS"})`, () => {
      const rng = streamFor(42, 1, `test-poisson-chi-${lambda}`);
      const xs = drawSample(200_000, () => poissonVariate(rng, lambda));
      const r = poissonChiSquare(xs, lambda);
      expect(r.df).toBeGreaterThanOrEqual(lambda < 1 ? 1 : 5);
      expect(r.p).toBeGreaterThan(0.01);
    });
  }

  it("the chi-square check has power: Poisson(10.5) draws are rejected as Poisson(10)", () => {
    const rng = streamFor(42, 1, "test-poisson-chi-10.5");
    const xs = drawSample(200_000, () => poissonVariate(rng, 10.5));
    expect(poissonChiSquare(xs, 10).p).toBeLessThan(1e-6);
  });

  it("inversion stops at the uniform's resolution instead of running to underflow", () => {
    // u = 1 − 2^-53, the largest double. For mean 0.375 the exact answer is 13 (F(12) < u <
    // F(13)); float rounding leaves a residual in u larger than the remaining tail, and
    // without the stop rule the search would run until P(k) underflows and return 149
    // (found by scanning means and the top 3000 uniforms: 181 of 1.2e6 cases hit the rule).
    const top: Rng = { double: () => 1 - 2 ** -53 };
    for (const lambda of [0.375, 0.5, 9.99]) {
      const k = poissonVariate(top, lambda);
      expect(k).toBeGreaterThanOrEqual(12);
      expect(k).toBeLessThanOrEqual(50);
    }
    expect(poissonVariate(top, 0.375)).toBeLessThanOrEqual(14);
    expect(poissonVariate({ double: () => 0 }, 5)).toBe(0);
  });
});

describe("poissonLogPmf (Loader 2000)", () => {
  it("stirlerr matches ln n! − ln(√(2πn)(n/e)^n) from logGamma, across the table/series switches", () => {
    for (const n of [1, 2, 7, 15, 16, 17, 35, 36, 80, 81, 500, 501, 1e4]) {
      const direct = logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
      expect(Math.abs(stirlerr(n) - direct)).toBeLessThan(1e-13 * Math.max(1, n * Math.log(n)));
    }
  });

  it("bd0 equals x ln(x/m) + m − x on both sides of its series switch", () => {
    for (const [x, m] of [
      [100, 95],
      [100, 120],
      [5, 50],
      [1, 0.5],
    ] as const) {
      expect(bd0(x, m)).toBeCloseTo(x * Math.log(x / m) + m - x, 12);
    }
  });

  it("agrees with the direct pmf for moderate k and λ", () => {
    for (const lambda of [0.5, 10, 37.5, 300]) {
      for (let k = 0; k <= 2 * lambda + 20; k++) {
        const direct = k * Math.log(lambda) - lambda - logGamma(k + 1);
        expect(Math.abs(poissonLogPmf(k, lambda) - direct)).toBeLessThan(1e-12 * Math.max(1, Math.abs(direct), k));
      }
    }
  });

  it("at λ = 1e6 and 1e12 the pmf sums to 1 with mean λ and variance λ (no cancellation)", () => {
    // The naive −λ + k ln λ − ln k! would err by ~1e-3 in ln p at λ = 1e12. Over ±12 sd the
    // pmf is smooth on the scale of the stride (sd/1000), so the strided sum × stride equals
    // the full sum to far below the tolerances.
    for (const lambda of [1e6, 1e12]) {
      const sd = Math.sqrt(lambda);
      const stride = Math.max(1, Math.floor(sd / 1000));
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let k = Math.floor(lambda - 12 * sd); k <= lambda + 12 * sd; k += stride) {
        const p = stride * Math.exp(poissonLogPmf(k, lambda));
        const d = k - lambda;
        s0 += p;
        s1 += p * d;
        s2 += p * d * d;
      }
      expect(s0).toBeCloseTo(1, 10);
      expect(s1 / sd).toBeCloseTo(0, 8);
      expect(s2 / lambda).toBeCloseTo(1, 8);
    }
  });
});

describe("poisson() factory", () => {
  it("gives the same values as poissonVariate from the same stream (both methods)", () => {
    for (const lambda of [0, 2.5, 10, 4000]) {
      const a = streamFor(6, 1, "x");
      const draw = poisson(streamFor(6, 1, "x"), lambda);
      for (let i = 0; i < 1000; i++) expect(draw()).toBe(poissonVariate(a, lambda));
    }
  });

  it("rejects negative, NaN and infinite means", () => {
    const rng = streamFor(6, 2, "x");
    for (const bad of [-1e-9, Number.NaN, Infinity]) expect(() => poisson(rng, bad)).toThrow(/mean/);
  });
});
