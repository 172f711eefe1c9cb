/**
 * Lognormal variates: exp(N(mu, sigma²)), with mu and sigma the mean and standard
 * deviation of the logarithm (so the median is e^mu and the mean e^(mu + sigma²/2)).
 */
import type { Rng } from "./rng.js";
import { standardNormal } from "./normal.js";
import { requireFinite, requireNonNegative } from "./params.js";

/**
 * A lognormal variate `exp(mu + sigma·Z)`, Z standard normal.
 * Precondition (unchecked): mu finite, sigma finite and ≥ 0.
 */
export function lognormalVariate(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}

/**
 * Factory: a lognormal sampler (mu, sigma of the log). Checks once: mu finite, sigma
 * finite and ≥ 0 (RangeError naming the parameter). Same values as
 * {@link lognormalVariate} from the same generator.
 */
export function lognormal(rng: Rng, mu = 0, sigma = 1): () => number {
  requireFinite("mu", mu);
  requireNonNegative("sigma", sigma);
  return () => Math.exp(mu + sigma * standardNormal(rng));
}
