/**
 * Student's t distribution: CDF and quantile, for the confidence intervals of paired
 * differences (compare). The CDF uses the regularized incomplete beta function,
 * I_x(a, b) by its continued fraction (modified Lentz; Press et al., Numerical Recipes
 * 3rd ed. §6.4, betacf), with ln Γ by the Lanczos approximation (g = 7, 9 terms; ~1e-15
 * relative) and ln B(ν/2, ½) by an asymptotic series for large ν ({@link logBetaHalf}). The quantile solves CDF(t) = p by safeguarded Newton steps (bisection when
 * a step leaves the bracket) to ~1e-14 relative.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of I_x(a, b) (Numerical Recipes betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b) from its prefactor's log (ln(x^a (1 − x)^b / B(a, b))), with x and 1 − x given separately (no cancellation). */
function incompleteBeta(x: number, oneMinusX: number, a: number, b: number, logFront: number): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  const front = Math.exp(logFront);
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, oneMinusX)) / b;
}

/** The regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1, a, b > 0. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  return incompleteBeta(x, 1 - x, a, b, logFront);
}

/**
 * ln B(a, ½) = ln Γ(a) + ln Γ(½) − ln Γ(a + ½). For a ≥ 8 the difference of the two large
 * ln Γ values is taken from its asymptotic series (Stirling with Bernoulli polynomials:
 * ln Γ(a + ½) − ln Γ(a) = ½ ln a + Σ_k (−1)^(k+1) (B_(k+1)(½) − B_(k+1)(0)) / (k(k+1) a^k)
 * = ½ ln a − 1/(8a) + 1/(192a³) − 1/(640a⁵) + 17/(14336a⁷) − 341/(202752a⁹) + 691/(180224a¹¹) − …;
 * the first term left out is below 1.3e-2/a¹³, 3e-14 at a = 8), which avoids the
 * cancellation of the two large ln Γ values (~1e-11 relative at ν = 10⁵).
 */
export function logBetaHalf(a: number): number {
  const halfLogPi = 0.5 * Math.log(Math.PI);
  if (a < 8) return logGamma(a) + halfLogPi - logGamma(a + 0.5);
  const r = 1 / a;
  const r2 = r * r;
  const r3 = r * r2;
  const r5 = r3 * r2;
  const r7 = r5 * r2;
  const diff = 0.5 * Math.log(a) - r / 8 + r3 / 192 - r5 / 640 + (17 * r7) / 14336 - (341 * r7 * r2) / 202752 + (691 * r7 * r2 * r2) / 180224;
  return halfLogPi - diff;
}

/** P(T ≤ t) for Student's t with ν > 0 degrees of freedom: ½ I_{ν/(ν+t²)}(ν/2, ½) in the tail. */
export function studentTCdf(t: number, nu: number): number {
  if (Number.isNaN(t) || !(nu > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (t === 0) return 0.5;
  const t2 = t * t;
  const a = nu / 2;
  // x = ν/(ν + t²), 1 − x = t²/(ν + t²); ln x = −log1p(t²/ν).
  const x = nu / (nu + t2);
  const oneMinusX = t2 / (nu + t2);
  const logFront = a * -Math.log1p(t2 / nu) + 0.5 * Math.log(oneMinusX) - logBetaHalf(a);
  const tail = 0.5 * incompleteBeta(x, oneMinusX, a, 0.5, logFront);
  return t > 0 ? 1 - tail : tail;
}

/** Density of Student's t with ν degrees of freedom. */
function studentTPdf(t: number, nu: number): number {
  return Math.exp(-logBetaHalf(nu / 2) - 0.5 * Math.log(nu) - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
}

/**
 * The p-quantile of Student's t with ν > 0 degrees of freedom (0 < p < 1); closed forms for
 * ν = 1 (Cauchy) and ν = 2, otherwise Newton on the CDF inside a bisection bracket.
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1) || !(nu > 0)) return NaN;
  if (p === 0.5) return 0;
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, nu) < p) hi *= 2;
  let t = hi / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, nu) - p;
    if (f === 0) return t;
    if (f < 0) lo = t;
    else hi = t;
    let next = t - f / studentTPdf(t, nu);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}
