/**
 * Statistics for tests: sample moments, their standard errors, Kolmogorov–Smirnov and
 * chi-square goodness of fit, and the reference CDFs those tests need (normal, regularised
 * incomplete gamma → gamma/Poisson/chi-square). Pure functions over `ArrayLike<number>`
 * (number[] or typed arrays); sums are Neumaier-compensated (src/random/fsum.ts).
 *
 * How to use for a moment check (as tests/random/*.test.ts do): draw n values with a fixed
 * seed, compute the exact mean/variance/4th central moment of the distribution, and require
 * |sample − exact| < k·SE with SE from {@link standardError} / {@link varianceStandardError};
 * k = 5 fails with probability ~6e-7 under the null, so a seeded test neither flakes when the
 * seed changes nor passes when the sampler is off by more than a few SE.
 *
 * Accuracy of the reference functions (checked in tests/random/stats.test.ts):
 * - {@link normalCdf}: Marsaglia (2004, "Evaluating the Normal Distribution", J. Stat.
 *   Softw. 11(4)) Taylor series for |x| ≤ 5, absolute error ~1e-15; below −5 the
 *   continued fraction of Q(½, x²/2), relative error ~1e-14.
 * - {@link regularizedGammaP}/{@link regularizedGammaQ}: series for x < a + 1, Lentz
 *   continued fraction otherwise (Numerical Recipes 3rd ed. §6.2), relative error ~1e-13
 *   for a up to a few thousand (the prefactor e^(a ln x − x − lnΓ(a)) loses ~a·ε).
 * - KS p-values: the asymptotic Kolmogorov distribution Q_KS(λ) with Stephens' (1970)
 *   small-sample correction λ = (√nₑ + 0.12 + 0.11/√nₑ)·D (Numerical Recipes 3rd ed.
 *   §14.3.3), nₑ = n (one sample) or n·m/(n + m) (two samples). Good to a few percent in p
 *   for nₑ ≥ ~4, which is ample for "p > 0.01" checks.
 */
import { fsum } from "../../src/random/fsum.js";

// ---------------------------------------------------------------------------------------
// Sample moments

/** n draws of `draw()` into a new Float64Array. */
export function drawSample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

/** Sample mean (compensated sum / n). */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) throw new RangeError("mean of an empty sample");
  return fsum(xs) / xs.length;
}

/** Σ (x − c)^p, compensated, in index order. */
function centralPowerSum(xs: ArrayLike<number>, c: number, p: number): number {
  let s = 0;
  let comp = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - c;
    const x = p === 2 ? d * d : p === 3 ? d * d * d : d * d * d * d;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) comp += s - t + x;
    else comp += x - t + s;
    s = t;
  }
  return s + comp;
}

/** Unbiased sample variance Σ(x − x̄)²/(n − 1) (two-pass). */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) throw new RangeError("variance needs at least 2 values");
  return centralPowerSum(xs, mean(xs), 2) / (n - 1);
}

/**
 * Sample skewness g₁ = m₃/m₂^(3/2) with m_k = Σ(x − x̄)^k/n (the moment estimator; its
 * bias is O(1/n), negligible at the sample sizes used here). See
 * {@link skewnessStandardError}.
 */
export function skewness(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 3) throw new RangeError("skewness needs at least 3 values");
  const m = mean(xs);
  const m2 = centralPowerSum(xs, m, 2) / n;
  const m3 = centralPowerSum(xs, m, 3) / n;
  return m3 / Math.pow(m2, 1.5);
}

/** Sample excess kurtosis g₂ = m₄/m₂² − 3 (moment estimator). */
export function excessKurtosis(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 4) throw new RangeError("kurtosis needs at least 4 values");
  const m = mean(xs);
  const m2 = centralPowerSum(xs, m, 2) / n;
  const m4 = centralPowerSum(xs, m, 4) / n;
  return m4 / (m2 * m2) - 3;
}

/** Pearson correlation coefficient of two equally long samples (two-pass). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length || n < 2) throw new RangeError("pearson needs two samples of equal length >= 2");
  const ma = mean(a);
  const mb = mean(b);
  const prod = new Float64Array(n);
  const da = new Float64Array(n);
  const db = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    da[i] = a[i]! - ma;
    db[i] = b[i]! - mb;
    prod[i] = da[i]! * db[i]!;
  }
  return fsum(prod) / Math.sqrt(centralPowerSum(da, 0, 2) * centralPowerSum(db, 0, 2));
}

// ---------------------------------------------------------------------------------------
// Standard errors (from the exact moments of the distribution under test)

/** Standard error of a sample mean: sd/√n. */
export function standardError(sd: number, n: number): number {
  return sd / Math.sqrt(n);
}

/**
 * Standard error of the unbiased sample variance s² from the exact central moments
 * μ₂ = σ² and μ₄: Var(s²) = (μ₄ − μ₂²·(n − 3)/(n − 1))/n (exact for iid samples).
 */
export function varianceStandardError(mu2: number, mu4: number, n: number): number {
  return Math.sqrt((mu4 - (mu2 * mu2 * (n - 3)) / (n - 1)) / n);
}

/**
 * Asymptotic standard error of the sample skewness g₁ from the exact central moments
 * μ₂..μ₆ (delta method on m₃/m₂^(3/2) with the mean estimated): with standardised
 * moments β_k = μ_k/μ₂^(k/2),
 *   n·Var(g₁) → β₆ − 6β₄ + 9 − 3β₃β₅ + (9/4)β₃²β₄ + (35/4)β₃²,
 * which gives the familiar 6/n for the normal.
 */
export function skewnessStandardError(mu2: number, mu3: number, mu4: number, mu5: number, mu6: number, n: number): number {
  const s = Math.sqrt(mu2);
  const b3 = mu3 / (mu2 * s);
  const b4 = mu4 / (mu2 * mu2);
  const b5 = mu5 / (mu2 * mu2 * s);
  const b6 = mu6 / (mu2 * mu2 * mu2);
  const v = b6 - 6 * b4 + 9 - 3 * b3 * b5 + 2.25 * b3 * b3 * b4 + 8.75 * b3 * b3;
  return Math.sqrt(v / n);
}

/**
 * Central moments μ₂..μ₆ from cumulants κ₂..κ₆ (μ₄ = κ₄ + 3κ₂², μ₅ = κ₅ + 10κ₃κ₂,
 * μ₆ = κ₆ + 15κ₄κ₂ + 10κ₃² + 15κ₂³). Handy because gamma (κ_r = (r−1)!·a·θ^r) and
 * Poisson (κ_r = λ) have simple cumulants.
 */
export function centralMomentsFromCumulants(k2: number, k3: number, k4: number, k5: number, k6: number): {
  mu2: number;
  mu3: number;
  mu4: number;
  mu5: number;
  mu6: number;
} {
  return {
    mu2: k2,
    mu3: k3,
    mu4: k4 + 3 * k2 * k2,
    mu5: k5 + 10 * k3 * k2,
    mu6: k6 + 15 * k4 * k2 + 10 * k3 * k3 + 15 * k2 * k2 * k2,
  };
}

/** (observed − expected)/se: the number of standard errors a statistic is off by. */
export function zScore(observed: number, expected: number, se: number): number {
  return (observed - expected) / se;
}

// ---------------------------------------------------------------------------------------
// Special functions and CDFs

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0: Stirling's series with Bernoulli-number terms
 * B₂ₖ/(2k(2k−1)x^(2k−1)) up to x^-13 for x ≥ 15, shifted up by the recurrence
 * Γ(x) = Γ(x + m)/(x(x+1)…(x+m−1)) below 15. Relative error ~1e-15.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  let shift = 0;
  let prod = 1;
  while (x < 15) {
    prod *= x;
    x += 1;
    if (prod > 1e280) {
      shift += Math.log(prod);
      prod = 1;
    }
  }
  shift += Math.log(prod);
  const x2 = 1 / (x * x);
  // Terms B₂ₖ/(2k(2k−1)) for k = 1..7 (B₂ = 1/6, B₄ = −1/30, B₆ = 1/42, B₈ = −1/30,
  // B₁₀ = 5/66, B₁₂ = −691/2730, B₁₄ = 7/6): 1/12, −1/360, 1/1260, −1/1680, 1/1188,
  // −691/360360, 1/156.
  const series =
    (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) / x;
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series - shift;
}

const GAMMA_EPS = 1e-16;
const GAMMA_MAX_ITER = 1_000_000;

/** Series for P(a, x), x < a + 1 (NR3 §6.2 "gser"). */
function gammaPSeries(a: number, x: number, logPrefactor: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < GAMMA_MAX_ITER; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * GAMMA_EPS) return sum * Math.exp(logPrefactor);
  }
  throw new Error(`incomplete gamma series did not converge (a=${a}, x=${x})`);
}

/** Continued fraction for Q(a, x), x ≥ a + 1, by modified Lentz (NR3 §6.2 "gcf"). */
function gammaQContinuedFraction(a: number, x: number, logPrefactor: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < GAMMA_MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < GAMMA_EPS) return Math.exp(logPrefactor) * h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge (a=${a}, x=${x})`);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaP needs a > 0, x >= 0, got a=${a}, x=${x}`);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) return gammaPSeries(a, x, logPrefactor);
  return 1 - gammaQContinuedFraction(a, x, logPrefactor);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the upper tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ needs a > 0, x >= 0, got a=${a}, x=${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) return 1 - gammaPSeries(a, x, logPrefactor);
  return gammaQContinuedFraction(a, x, logPrefactor);
}

/** CDF of Gamma(shape, scale) at x: P(shape, x/scale) (0 for x ≤ 0). */
export function gammaCdf(x: number, shape: number, scale = 1): number {
  return x <= 0 ? 0 : regularizedGammaP(shape, x / scale);
}

/** CDF of Exponential(rate) at x: 1 − e^(−rate·x) (0 for x ≤ 0). */
export function exponentialCdf(x: number, rate = 1): number {
  return x <= 0 ? 0 : -Math.expm1(-rate * x);
}

/**
 * Standard normal CDF Φ(x). |x| ≤ 5: Marsaglia (2004) series
 * Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …), summed until it stops changing.
 * x < −5: ½·Q(½, x²/2) (relative accuracy in the far tail); x > 5: 1 − Φ(−x).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -5) return 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
  if (x > 5) return 1 - 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
  const q = x * x;
  let s = x;
  let t = 0;
  let b = x;
  let i = 1;
  while (s !== t) {
    t = s;
    i += 2;
    b *= q / i;
    s = t + b;
  }
  return 0.5 + s * Math.exp(-0.5 * q - LOG_SQRT_2PI);
}

/** CDF of N(mean, sd²). */
export function normalCdfOf(x: number, mean: number, sd: number): number {
  return normalCdf((x - mean) / sd);
}

/** Poisson pmf by the direct formula e^(k ln λ − λ − lnΓ(k+1)) (fine for moderate k, λ). */
export function poissonPmf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda === 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(lambda) - lambda - logGamma(k + 1));
}

/** Poisson CDF P(N ≤ k) = Q(k + 1, λ) for integer k ≥ 0. */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  return regularizedGammaQ(Math.floor(k) + 1, lambda);
}

// ---------------------------------------------------------------------------------------
// Goodness of fit

/**
 * Kolmogorov distribution tail Q_KS(λ) = 2 Σ_{j≥1} (−1)^(j−1) e^(−2j²λ²) = P(√n·Dₙ > λ) as
 * n → ∞. For λ < 1.18 the equivalent 1 − (√(2π)/λ) Σ_{j≥1} e^(−(2j−1)²π²/(8λ²)) converges
 * faster (NR3 §6.14).
 */
export function kolmogorovQ(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const y = Math.exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    let sum = 0;
    for (let j = 1; j <= 50; j++) {
      const term = Math.pow(y, (2 * j - 1) * (2 * j - 1));
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** KS p-value for statistic d and effective size ne with Stephens' correction. */
function ksPValue(d: number, ne: number): number {
  const sq = Math.sqrt(ne);
  return kolmogorovQ((sq + 0.12 + 0.11 / sq) * d);
}

function sorted(xs: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(xs);
  out.sort();
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i]!)) throw new RangeError("KS test sample contains NaN");
  }
  return out;
}

/**
 * One-sample Kolmogorov–Smirnov test of `sample` against a continuous CDF.
 * d = sup |Fₙ(x) − F(x)|, p from {@link kolmogorovQ} with Stephens' correction.
 */
export function ksOneSample(sample: ArrayLike<number>, cdf: (x: number) => number): { d: number; p: number } {
  const xs = sorted(sample);
  const n = xs.length;
  if (n === 0) throw new RangeError("ksOneSample of an empty sample");
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]!);
    const lo = f - i / n;
    const hi = (i + 1) / n - f;
    if (lo > d) d = lo;
    if (hi > d) d = hi;
  }
  return { d, p: ksPValue(d, n) };
}

/**
 * Two-sample Kolmogorov–Smirnov test: d = sup |F_a(x) − F_b(x)| over all x (ties between
 * and within samples stepped over together), p with nₑ = n·m/(n + m).
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { d: number; p: number } {
  const xa = sorted(a);
  const xb = sorted(b);
  const n = xa.length;
  const m = xb.length;
  if (n === 0 || m === 0) throw new RangeError("ksTwoSample of an empty sample");
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(xa[i]!, xb[j]!);
    while (i < n && xa[i] === x) i++;
    while (j < m && xb[j] === x) j++;
    const diff = Math.abs(i / n - j / m);
    if (diff > d) d = diff;
  }
  return { d, p: ksPValue(d, (n * m) / (n + m)) };
}

/**
 * Pearson chi-square goodness of fit: stat = Σ (O − E)²/E over the bins, df = bins − 1 −
 * fittedParameters, p = Q(df/2, stat/2). The caller pools bins so that every E ≥ ~5.
 */
export function chiSquareTest(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
  fittedParameters = 0,
): { stat: number; df: number; p: number } {
  if (observed.length !== expected.length) throw new RangeError("observed and expected differ in length");
  let stat = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    if (!(e > 0)) throw new RangeError(`expected count must be > 0 in every bin, bin ${i} has ${e}`);
    const diff = observed[i]! - e;
    stat += (diff * diff) / e;
  }
  const df = observed.length - 1 - fittedParameters;
  if (df < 1) throw new RangeError("chi-square test needs at least one degree of freedom");
  return { stat, df, p: regularizedGammaQ(df / 2, stat / 2) };
}
