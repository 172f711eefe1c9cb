/**
 * Exact Binomial(n, p) variates by recursive splitting on a uniform order statistic
 * (Devroye 1986, Non-Uniform Random Variate Generation, §X.4, "the recursive method"):
 * the i-th smallest of n uniforms is B ~ Beta(i, n + 1 − i); if p < B the successes are
 * among the i − 1 smaller uniforms, which given B are iid uniform on [0, B), so the count
 * is Binomial(i − 1, p/B); otherwise the i smaller ones all succeed and the n − i larger
 * ones, iid uniform on [B, 1), add Binomial(n − i, (p − B)/(1 − B)). Splitting at the
 * median halves n each time; below {@link DIRECT_BELOW} trials are counted one by one.
 * Cost O(log n) Beta draws; no allocation.
 *
 * Used once per path at the horizon (see fast-chain.ts), with n ≤ 2014. It belongs with the
 * distributions in src/random; it lives here until the random module has a binomial.
 */
import { gammaVariate } from "../random/index.js";
import type { Rng } from "../random/index.js";

/** Below this many trials, draw them one by one. */
const DIRECT_BELOW = 16;

/**
 * A Binomial(n, p) variate. Precondition (unchecked): n a non-negative integer, 0 ≤ p ≤ 1.
 */
export function binomialVariate(rng: Rng, n: number, p: number): number {
  let count = 0;
  while (n >= DIRECT_BELOW) {
    if (p <= 0) return count;
    if (p >= 1) return count + n;
    const i = (n + 1) >> 1;
    const a = gammaVariate(rng, i);
    const b = gammaVariate(rng, n + 1 - i);
    const split = a / (a + b); // Beta(i, n + 1 − i)
    if (p < split) {
      n = i - 1;
      p = p / split;
    } else {
      count += i;
      n = n - i;
      p = (p - split) / (1 - split);
    }
  }
  for (let j = 0; j < n; j++) if (rng.double() < p) count++;
  return count;
}
