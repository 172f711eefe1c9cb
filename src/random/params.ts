/**
 * Parameter checks shared by the distribution factories (internal to src/random).
 *
 * The factories validate their parameters once, when the sampler is built, and throw a
 * RangeError that names the parameter and its value; the plain `*Variate` functions used
 * in hot loops do not check anything (their preconditions are documented instead).
 */

function fail(name: string, value: number, requirement: string): never {
  throw new RangeError(`${name} must be ${requirement}, got ${String(value)}`);
}

/** Throws unless `value` is a finite number. */
export function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) fail(name, value, "a finite number");
}

/** Throws unless `value` is finite and ≥ 0. */
export function requireNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) fail(name, value, "a finite number >= 0");
}

/** Throws unless `value` is finite and > 0. */
export function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) fail(name, value, "a finite number > 0");
}

/** Throws unless `min ≤ value ≤ max` (NaN fails). */
export function requireInRange(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) fail(name, value, `in [${min}, ${max}]`);
}
