/**
 * Bernoulli trials, returned as the numbers 1 (success) and 0 (failure) as d3-random's
 * randomBernoulli does: they sum directly into counts, and read as true/false in a
 * condition. Success is `rng.double() < p`, so p = 0 never succeeds and p = 1 always does.
 */
import type { Rng } from "./rng.js";
import { requireInRange } from "./params.js";

/** 1 with probability p, else 0. Precondition (unchecked): 0 ≤ p ≤ 1. */
export function bernoulliVariate(rng: Rng, p: number): 0 | 1 {
  return rng.double() < p ? 1 : 0;
}

/**
 * Factory: a Bernoulli(p) sampler giving 1 or 0. Checks once that 0 ≤ p ≤ 1 (RangeError
 * naming p; NaN fails); same values as {@link bernoulliVariate} from the same generator.
 */
export function bernoulli(rng: Rng, p: number): () => number {
  requireInRange("p", p, 0, 1);
  return () => (rng.double() < p ? 1 : 0);
}
