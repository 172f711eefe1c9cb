/**
 * Poisson variates, exact for every mean:
 *
 * - mean < 10: inversion by sequential ("chop-down") search from k = 0 with one uniform
 *   (Devroye 1986, Non-Uniform Random Variate Generation, §X.3.3); expected mean + 1
 *   steps, each a multiply and a divide.
 * - mean ≥ 10: PTRS, the transformed rejection with squeeze of Hörmann (1993, "The
 *   transformed rejection method for generating Poisson random variables", Insurance:
 *   Mathematics and Economics 12:39–45), as in NumPy's `random_poisson_ptrs`; two uniforms
 *   per try, acceptance ≈ 0.9 or better, cost independent of the mean. Its final
 *   acceptance test uses the cancellation-free ln P(N = k) of {@link poissonLogPmf}, so it
 *   stays exact for very large means (where −λ + k·ln λ − ln k! loses digits).
 *
 * Values are integer-valued numbers, exact as integers while mean ≲ 2^50.
 */
import type { Rng } from "./rng.js";
import { requireNonNegative } from "./params.js";
import { poissonLogPmf } from "./poissonLogPmf.js";

/** Means below this use inversion, above it PTRS (Hörmann 1993 states PTRS for λ ≥ 10). */
export const POISSON_PTRS_THRESHOLD = 10;

/** 2^-53: the spacing of `rng.double()`; see poissonInversion. */
const INVERSION_TAIL_STOP = 2 ** -53;

/**
 * Inversion with chop-down search, given expNegMean = e^−mean: subtract P(0), P(1), … from
 * one uniform until what is left is ≤ the next probability.
 *
 * Stopping rule: the search also stops once P(k) < 2^-53, the spacing of the uniform. In
 * exact arithmetic it goes past that k with probability P(N > k) < 2^-53 (for mean < 10
 * every k with P(k) < 2^-53 lies beyond the mode, where the tail is below P(k)), so this
 * changes nothing representable; without it, a rounding residual left in u near 1 would
 * keep the loop going until P(k) underflows, returning an absurd k ≈ 150.
 */
function poissonInversion(rng: Rng, mean: number, expNegMean: number): number {
  let u = rng.double();
  let p = expNegMean;
  let k = 0;
  while (u > p) {
    u -= p;
    k++;
    p = (p * mean) / k;
    if (p < INVERSION_TAIL_STOP) break;
  }
  return k;
}

/**
 * PTRS (Hörmann 1993, steps 1–4) for mean λ ≥ 10, given the setup constants
 * b = 0.931 + 2.53√λ, a = −0.059 + 0.02483·b, logAlpha = ln(1.1239 + 1.1328/(b − 3.4)),
 * vr = 0.9277 − 3.6224/(b − 2).
 */
function poissonPtrs(rng: Rng, mean: number, a: number, b: number, logAlpha: number, vr: number): number {
  for (;;) {
    const u = rng.double() - 0.5;
    const v = rng.double();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // ln(v·α/(a/us² + b)) ≤ ln P(N = k); v = 0 gives −∞, i.e. accept.
    if (Math.log(v) + logAlpha - Math.log(a / (us * us) + b) <= poissonLogPmf(k, mean)) return k;
  }
}

/**
 * A Poisson(mean) variate (a non-negative integer-valued number). Precondition
 * (unchecked): mean finite and ≥ 0; mean 0 gives 0.
 */
export function poissonVariate(rng: Rng, mean: number): number {
  if (mean < POISSON_PTRS_THRESHOLD) return poissonInversion(rng, mean, Math.exp(-mean));
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  return poissonPtrs(rng, mean, a, b, Math.log(1.1239 + 1.1328 / (b - 3.4)), 0.9277 - 3.6224 / (b - 2));
}

/**
 * Factory: a Poisson(mean) sampler. Checks once that mean is finite and ≥ 0 (RangeError
 * naming it) and precomputes the method's constants; same values as
 * {@link poissonVariate} from the same generator.
 */
export function poisson(rng: Rng, mean: number): () => number {
  requireNonNegative("mean", mean);
  if (mean < POISSON_PTRS_THRESHOLD) {
    const expNegMean = Math.exp(-mean);
    return () => poissonInversion(rng, mean, expNegMean);
  }
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  return () => poissonPtrs(rng, mean, a, b, logAlpha, vr);
}
