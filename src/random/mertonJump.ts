/**
 * The compound-Poisson log-price jump of Merton (1976, "Option pricing when underlying
 * stock returns are discontinuous", J. Financial Economics 3:125–144) over one interval:
 * J = Σ_{j=1..N} Y_j with N ~ Poisson(λ·Δt) and Y_j iid Normal(jumpMean, jumpSd²)
 * (jumpMean, jumpSd in log-price units, e.g. per jump log-return).
 *
 * Given N = n > 0 the sum is exactly Normal(n·jumpMean, n·jumpSd²), so it is drawn as one
 * normal, n·jumpMean + √n·jumpSd·Z: exact, no loop over jumps. N = 0 gives exactly 0 and
 * consumes no normal.
 */
import type { Rng } from "./rng.js";
import { standardNormal } from "./normal.js";
import { requireFinite, requireNonNegative } from "./params.js";
import { poisson, poissonVariate } from "./poisson.js";

/**
 * The summed log-jump over an interval with expected jump count lambdaDt (= intensity ×
 * interval length). Precondition (unchecked): lambdaDt finite ≥ 0, jumpMean finite,
 * jumpSd finite ≥ 0.
 */
export function mertonJumpVariate(rng: Rng, lambdaDt: number, jumpMean: number, jumpSd: number): number {
  const n = poissonVariate(rng, lambdaDt);
  if (n === 0) return 0;
  return n * jumpMean + Math.sqrt(n) * jumpSd * standardNormal(rng);
}

/**
 * Factory: a sampler of the summed log-jump. Checks once: lambdaDt finite ≥ 0, jumpMean
 * finite, jumpSd finite ≥ 0 (RangeError naming the parameter). Same values as
 * {@link mertonJumpVariate} from the same generator.
 */
export function mertonJump(rng: Rng, lambdaDt: number, jumpMean: number, jumpSd: number): () => number {
  requireNonNegative("lambdaDt", lambdaDt);
  requireFinite("jumpMean", jumpMean);
  requireNonNegative("jumpSd", jumpSd);
  const count = poisson(rng, lambdaDt);
  return () => {
    const n = count();
    if (n === 0) return 0;
    return n * jumpMean + Math.sqrt(n) * jumpSd * standardNormal(rng);
  };
}
