/**
 * Summary figures of a backtest, on epochs with an actual value and a simulated band:
 * - MAPE of the median: mean over epochs of |median − actual| / actual, as a fraction.
 * - coverage of a band: the fraction of epochs whose actual value lies in [lo, hi] (inclusive).
 * - mean bias: mean over epochs of (median − actual) / actual (signed; > 0 = simulated too high).
 * Epochs where any input is NaN are skipped; with no usable epoch the figure is NaN.
 */

/**
 * Mean over usable epochs of err(p − a) / |a|: the one loop behind {@link mape} and
 * {@link meanRelativeBias} (they differ only in taking the absolute error or not).
 */
function meanRelativeError(name: string, actual: ArrayLike<number>, predicted: ArrayLike<number>, absolute: boolean): number {
  checkLengths(actual, predicted);
  let s = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (a !== a || p !== p) continue;
    if (a === 0) throw new RangeError(`${name}: actual[${i}] is 0`);
    const e = (p - a) / Math.abs(a);
    s += absolute ? Math.abs(e) : e;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/** Mean absolute percentage error of `predicted` against `actual`, as a fraction. */
export function mape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return meanRelativeError("mape", actual, predicted, true);
}

/** Mean signed relative error (predicted − actual)/actual, as a fraction. */
export function meanRelativeBias(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return meanRelativeError("meanRelativeBias", actual, predicted, false);
}

/** Fraction of i with lo[i] ≤ actual[i] ≤ hi[i]. */
export function bandCoverage(actual: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): number {
  checkLengths(actual, lo);
  checkLengths(actual, hi);
  let inside = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const l = lo[i]!;
    const h = hi[i]!;
    if (a !== a || l !== l || h !== h) continue;
    n++;
    if (a >= l && a <= h) inside++;
  }
  return n === 0 ? NaN : inside / n;
}

/**
 * Quantile `p` ∈ [0, 1] of the ascending-sorted `sorted[0..n)`, linear interpolation
 * between order statistics (Hyndman & Fan 1996, type 7, R's default). NaN if n = 0.
 */
export function sortedQuantile(sorted: ArrayLike<number>, n: number, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`);
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`metric inputs differ in length: ${a.length} vs ${b.length}`);
}
