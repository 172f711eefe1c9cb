/**
 * Tests of the statistical helpers in tests/helpers/stats.ts (the other random tests, and
 * other folders' tests, rely on them). Reference values are either closed forms
 * (P(1, x) = 1 − e^−x, P(½, z²/2) = 2Φ(z) − 1, the Poisson–gamma identity, the
 * recurrence in a) or published table values of Φ (marked as such).
 */
import { describe, expect, it } from "vitest";
import { poissonLogPmf } from "../../src/random/poissonLogPmf.js";
import { gammaVariate } from "../../src/random/gamma.js";
import { standardNormal } from "../../src/random/normal.js";
import { streamFor } from "../../src/random/rng.js";
import {
  centralMomentsFromCumulants,
  chiSquareTest,
  excessKurtosis,
  exponentialCdf,
  gammaCdf,
  kolmogorovQ,
  ksOneSample,
  ksTwoSample,
  logGamma,
  mean,
  normalCdf,
  pearson,
  poissonCdf,
  poissonPmf,
  regularizedGammaP,
  regularizedGammaQ,
  skewness,
  skewnessStandardError,
  standardError,
  variance,
  varianceStandardError,
} from "../helpers/stats.js";

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

describe("sample moments", () => {
  it("mean, variance, skewness, kurtosis of small samples match hand computation", () => {
    expect(mean([1, 2, 3, 4])).toBeCloseTo(2.5, 15);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 14);
    // [0,0,0,1] is a Bernoulli(1/4) population: skewness (1 − 2p)/√(p(1−p)) = 2/√3,
    // excess kurtosis (1 − 6p(1−p))/(p(1−p)) = −2/3.
    expect(skewness([0, 0, 0, 1])).toBeCloseTo(2 / Math.sqrt(3), 14);
    expect(excessKurtosis([0, 0, 0, 1])).toBeCloseTo(-2 / 3, 14);
    expect(skewness([-2, -1, 0, 1, 2])).toBe(0);
    expect(() => mean([])).toThrow(RangeError);
    expect(() => variance([1])).toThrow(RangeError);
  });

  it("variance is not fooled by a large offset (two-pass, compensated)", () => {
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(variance(xs)).toBeCloseTo(30, 9);
  });

  it("pearson: ±1 for exact linear relations, hand value otherwise", () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 15);
    // x = 1..4, y = [1,3,2,4]: Sxy = 4, Sxx = Syy = 5 → r = 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
  });

  it("standard errors: sd/√n; variance SE and skewness SE reduce to the normal forms", () => {
    expect(standardError(2, 400)).toBe(0.1);
    const n = 10_000;
    // Normal: μ₄ = 3σ⁴ → Var(s²) = 2σ⁴/(n − 1) exactly.
    expect(varianceStandardError(4, 48, n)).toBeCloseTo(Math.sqrt((2 * 16) / (n - 1)), 15);
    // Normal central moments 1, 0, 3, 0, 15 → √(6/n).
    expect(skewnessStandardError(1, 0, 3, 0, 15, n)).toBeCloseTo(Math.sqrt(6 / n), 15);
    const m = centralMomentsFromCumulants(2, 4, 12, 48, 240); // Gamma(2): κ_r = (r−1)!·2
    expect(m).toEqual({ mu2: 2, mu3: 4, mu4: 12 + 12, mu5: 48 + 80, mu6: 240 + 360 + 160 + 120 });
  });

  it("the variance and skewness SEs match the spread of replicated estimates (Gamma(2))", () => {
    // 400 replicates of n = 2000 draws. The SD of 400 estimates has a relative SE of about
    // 1/√(2·399) (more for heavy tails); allow 25%, i.e. > 5 such SEs for the normal case.
    const reps = 400;
    const n = 2000;
    const rng = streamFor(7, 0, "stats-helper-se");
    const s2 = new Float64Array(reps);
    const g1 = new Float64Array(reps);
    const sample = new Float64Array(n);
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < n; i++) sample[i] = gammaVariate(rng, 2);
      s2[r] = variance(sample);
      g1[r] = skewness(sample);
    }
    const m = centralMomentsFromCumulants(2, 4, 12, 48, 240);
    const seVar = varianceStandardError(m.mu2, m.mu4, n);
    const seSkew = skewnessStandardError(m.mu2, m.mu3, m.mu4, m.mu5, m.mu6, n);
    expect(Math.sqrt(variance(s2)) / seVar).toBeGreaterThan(0.75);
    expect(Math.sqrt(variance(s2)) / seVar).toBeLessThan(1.25);
    expect(Math.sqrt(variance(g1)) / seSkew).toBeGreaterThan(0.75);
    expect(Math.sqrt(variance(g1)) / seSkew).toBeLessThan(1.25);
    // and the normal, where Var(g₁) = 6(n − 2)/((n + 1)(n + 3)) exactly
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < n; i++) sample[i] = standardNormal(rng);
      g1[r] = skewness(sample);
    }
    const ratio = Math.sqrt(variance(g1) / ((6 * (n - 2)) / ((n + 1) * (n + 3))));
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
  });
});

describe("logGamma", () => {
  it("equals ln((n−1)!) at integers and ln √π at ½", () => {
    for (const n of [1, 2, 3, 5, 10, 15, 16, 20, 50, 100, 170]) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial(n - 1)), 11);
      expect(Math.abs(logGamma(n) - Math.log(factorial(n - 1)))).toBeLessThanOrEqual(
        1e-14 * Math.max(1, Math.log(factorial(n - 1))),
      );
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
    expect(() => logGamma(0)).toThrow(RangeError);
  });

  it("satisfies Γ(x + 1) = xΓ(x) across the switch at 15 and for large x", () => {
    for (const x of [0.01, 0.3, 7.7, 14.5, 14.99, 15, 123.4, 2016, 1e6]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 10);
    }
  });
});

describe("normalCdf", () => {
  it("matches published values of Φ", () => {
    // Table values of Φ (e.g. Abramowitz & Stegun Table 26.1; R's pnorm to 16 digits).
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    expect(normalCdf(-6) / 9.865876450376981e-10).toBeCloseTo(1, 10);
    expect(normalCdf(-10) / 7.619853024160526e-24).toBeCloseTo(1, 10);
  });

  it("is symmetric and agrees with the incomplete gamma, P(½, z²/2) = 2Φ(z) − 1", () => {
    for (let z = -8; z <= 8; z += 0.0625) {
      expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 14);
      if (z > 0) expect(2 * normalCdf(z) - 1).toBeCloseTo(regularizedGammaP(0.5, (z * z) / 2), 13);
    }
  });
});

describe("regularised incomplete gamma", () => {
  it("P(1, x) = 1 − e^−x on both sides of the series/continued-fraction switch", () => {
    for (const x of [1e-6, 0.1, 0.5, 1.9, 2, 2.1, 5, 20, 50]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 14);
      expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
    }
  });

  it("integer a: P(n, x) = 1 − e^−x Σ_{k<n} x^k/k! (direct sum)", () => {
    for (const n of [2, 5, 30]) {
      for (const x of [0.5, n - 1, n, n + 0.5, 2 * n + 3]) {
        let s = 0;
        for (let k = 0; k < n; k++) s += Math.pow(x, k) / factorial(k);
        expect(regularizedGammaQ(n, x)).toBeCloseTo(Math.exp(-x) * s, 13);
      }
    }
  });

  it("a = 2016: Q(2016, x) equals P(Poisson(x) ≤ 2015) summed from Loader's pmf", () => {
    // The engine's Gamma(2016) is tested against this CDF, so check it where it matters.
    for (const x of [1850, 1950, 2000, 2015, 2016, 2030, 2100, 2200]) {
      let s = 0;
      for (let k = 0; k <= 2015; k++) s += Math.exp(poissonLogPmf(k, x));
      expect(regularizedGammaQ(2016, x)).toBeCloseTo(s, 11);
      expect(regularizedGammaP(2016, x) + regularizedGammaQ(2016, x)).toBeCloseTo(1, 14);
    }
  });

  it("non-integer a: recurrence P(a+1, x) = P(a, x) − x^a e^−x / Γ(a+1)", () => {
    for (const a of [0.01, 0.5, 2.5, 99.5]) {
      for (const x of [0.01, 0.7, a, a + 1.5, 3 * a + 4]) {
        const step = Math.exp(a * Math.log(x) - x - logGamma(a + 1));
        expect(regularizedGammaP(a + 1, x)).toBeCloseTo(regularizedGammaP(a, x) - step, 12);
      }
    }
  });

  it("edge values and argument checks", () => {
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaP(3, Infinity)).toBe(1);
    expect(gammaCdf(-1, 2)).toBe(0);
    expect(gammaCdf(3, 1, 3)).toBeCloseTo(1 - Math.exp(-1), 14);
    expect(exponentialCdf(2, 0.5)).toBeCloseTo(1 - Math.exp(-1), 15);
    expect(() => regularizedGammaP(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
  });

  it("Poisson pmf/CDF agree with each other and with the closed form at k = 0", () => {
    for (const lambda of [0.5, 10, 250]) {
      let cum = 0;
      for (let k = 0; k <= lambda * 2 + 10; k++) {
        cum += poissonPmf(k, lambda);
        expect(poissonCdf(k, lambda)).toBeCloseTo(cum, 12);
      }
      expect(poissonCdf(0, lambda)).toBeCloseTo(Math.exp(-lambda), 14);
    }
    expect(poissonPmf(0, 0)).toBe(1);
    expect(poissonPmf(1, 0)).toBe(0);
    expect(poissonCdf(-1, 3)).toBe(0);
  });
});

describe("goodness-of-fit tests", () => {
  it("chi-square p-values: closed form for df = 2 and the 5% point for df = 1", () => {
    // df = 2: p = e^(−stat/2). observed [10, 20, 30] vs expected [20, 20, 20]: stat = 10.
    const r = chiSquareTest([10, 20, 30], [20, 20, 20]);
    expect(r.stat).toBe(10);
    expect(r.df).toBe(2);
    expect(r.p).toBeCloseTo(Math.exp(-5), 14);
    // df = 1 at the 95% quantile 1.959963984540054² of χ²₁ (since χ²₁ = Z²).
    const z = 1.959963984540054;
    expect(regularizedGammaQ(0.5, (z * z) / 2)).toBeCloseTo(2 * normalCdf(-z), 13);
    expect(() => chiSquareTest([1, 2], [1, 0])).toThrow(RangeError);
    expect(() => chiSquareTest([1], [1])).toThrow(RangeError);
  });

  it("kolmogorovQ: both series agree at the switch, tail and classical critical values", () => {
    // Q_KS(λ) at the classical 5% and 1% critical values 1.3581 and 1.6276.
    expect(kolmogorovQ(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovQ(1.6276)).toBeCloseTo(0.01, 4);
    const below = kolmogorovQ(1.18 - 1e-12);
    const above = kolmogorovQ(1.18);
    expect(Math.abs(below - above)).toBeLessThan(1e-12);
    expect(kolmogorovQ(0)).toBe(1);
    // For small λ only the first term of the second series matters: 1 − Q ≈ (√(2π)/λ)e^(−π²/(8λ²)).
    expect((1 - kolmogorovQ(0.2)) / ((Math.sqrt(2 * Math.PI) / 0.2) * Math.exp(-(Math.PI ** 2) / 0.32))).toBeCloseTo(1, 2);
    expect(kolmogorovQ(3)).toBeCloseTo(2 * Math.exp(-18), 20);
  });

  it("ksOneSample: a perfect grid has d = 1/(2n) and p ≈ 1; a wrong CDF is rejected", () => {
    const n = 1000;
    const grid = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const uniformCdf = (x: number): number => Math.min(1, Math.max(0, x));
    const good = ksOneSample(grid, uniformCdf);
    expect(good.d).toBeCloseTo(0.5 / n, 15);
    expect(good.p).toBeGreaterThan(0.999);
    const bad = ksOneSample(grid, (x) => uniformCdf(x) ** 2);
    expect(bad.d).toBeCloseTo(0.25, 2);
    expect(bad.p).toBeLessThan(1e-12);
  });

  it("ksTwoSample: identical samples give d = 0, p = 1; shifted samples are rejected; ties handled", () => {
    const rng = streamFor(11, 0, "stats-helper-ks");
    const a = Float64Array.from({ length: 5000 }, () => standardNormal(rng));
    const same = ksTwoSample(a, a);
    expect(same.d).toBe(0);
    expect(same.p).toBe(1);
    const shifted = ksTwoSample(
      a,
      a.map((x) => x + 0.5),
    );
    expect(shifted.p).toBeLessThan(1e-12);
    // Ties: [0,0,1,1] vs [0,1,1,1]: at 0 the ECDFs are 1/2 and 1/4 → d = 1/4.
    expect(ksTwoSample([0, 0, 1, 1], [0, 1, 1, 1]).d).toBe(0.25);
    // Disjoint supports: d = 1.
    expect(ksTwoSample([1, 2, 3], [4, 5]).d).toBe(1);
    expect(() => ksOneSample([Number.NaN], uniformish)).toThrow(RangeError);
  });
});

function uniformish(x: number): number {
  return x;
}
