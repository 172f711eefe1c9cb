/**
 * The Poisson log-probability ln P(N = k) for N ~ Poisson(mean), computed without
 * cancellation for large means, after Loader (2000, "Fast and Accurate Computation of
 * Binomial Probabilities", the method of R's dpois):
 *
 *   ln p(k) = −stirlerr(k) − bd0(k, mean) − ½·ln(2πk),   k ≥ 1;   ln p(0) = −mean,
 *
 * with stirlerr(n) = ln n! − ln(√(2πn)·(n/e)^n) and bd0(x, m) = x·ln(x/m) + m − x. The
 * naive −mean + k·ln(mean) − ln k! subtracts numbers of size ~k·ln k (≈1.4e7 at mean 1e6,
 * ≈2.6e13 at 1e12) to get a result of size ~ln√mean, losing that many digits.
 */

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** stirlerr(n) for n = 0..15, from exact n! (exact in float64 for n ≤ 18). */
const STIRLERR_SMALL = new Float64Array(16);
{
  let factorial = 1;
  STIRLERR_SMALL[0] = 0; // unused: ln p(0) has its own formula
  for (let n = 1; n <= 15; n++) {
    factorial *= n;
    STIRLERR_SMALL[n] = Math.log(factorial) - (n + 0.5) * Math.log(n) + n - HALF_LOG_2PI;
  }
}

/**
 * stirlerr(n) = ln n! − ln(√(2πn)(n/e)^n) for integer n ≥ 1: the table above up to 15,
 * then the Stirling series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹),
 * truncated as in Loader (2000) once the dropped terms are below double precision.
 */
export function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n]!;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/**
 * bd0(x, m) = x·ln(x/m) + m − x (the deviance term), by Loader's series in
 * v = (x − m)/(x + m) when x is near m, where the direct formula cancels.
 */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln P(N = k), N ~ Poisson(mean), for integer k ≥ 0 and mean > 0 (unchecked). */
export function poissonLogPmf(k: number, mean: number): number {
  if (k === 0) return -mean;
  return -stirlerr(k) - bd0(k, mean) - HALF_LOG_2PI - 0.5 * Math.log(k);
}
