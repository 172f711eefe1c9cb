/**
 * Seeded uniform generators and per-path, per-component stream derivation.
 *
 * Every random draw in the simulator comes from an {@link Rng} created here; nothing
 * uses Math.random. The implementation is seedrandom's Alea (DESIGN.md §4: ~93 M draws/s
 * here against ~16 M/s for the default ARC4), read through `.double()`, which gives
 * 53 random bits (plain `alea()` gives only 32, and an exponential from a 32-bit uniform
 * can never exceed ~22.2).
 */
import seedrandom from "seedrandom";

/** The one interface every distribution and model component draws from. */
export interface Rng {
  /** A uniform double in [0, 1) with 53 random bits. */
  double(): number;
}

/** Version of the seed-string scheme below; part of every result manifest. */
export const STREAM_SCHEME = "alea-v1";

/** A generator from an explicit seed string (Alea, 53-bit doubles). */
export function createRng(seedString: string): Rng {
  const prng = seedrandom.alea(seedString);
  return { double: prng.double };
}

/**
 * The seed string of one stream: `"<seed>/<pathIndex>/<component>"`.
 *
 * `seed` is the run's master seed as given by the user (number or string; numbers are
 * written in plain decimal), `pathIndex` is the 0-based Monte Carlo path index and
 * `component` names the consumer: `market`, `chain`, `fleet`, `miner:<id>`, and so on.
 * Alea hashes the whole string (Mash), so nearby seeds and indices give unrelated streams.
 * Because each component has its own stream, changing how many draws one component
 * makes (a different strategy, an extra miner) never shifts another component's draws:
 * sweep variants share common random numbers.
 */
export function streamSeed(seed: string | number, pathIndex: number, component: string): string {
  if (!Number.isInteger(pathIndex) || pathIndex < 0) {
    throw new RangeError(`pathIndex must be a non-negative integer, got ${pathIndex}`);
  }
  if (component.length === 0 || component.includes("/")) {
    throw new RangeError(`component must be a non-empty name without "/", got "${component}"`);
  }
  return `${String(seed)}/${pathIndex}/${component}`;
}

/** The generator for (seed, pathIndex, component); see {@link streamSeed}. */
export function streamFor(seed: string | number, pathIndex: number, component: string): Rng {
  return createRng(streamSeed(seed, pathIndex, component));
}
