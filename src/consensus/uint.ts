/**
 * Input checks and 256-bit helpers shared by the consensus functions.
 * Core works on `uint32_t` nBits and `arith_uint256`; JavaScript numbers and bigints are
 * wider, so each entry point states how it maps its inputs onto Core's types.
 */

/** 2^256 − 1: arith_uint256 arithmetic is modulo 2^256, emulated with `& MASK_256`. */
export const MASK_256: bigint = (1n << 256n) - 1n;

/**
 * nBits as Core's `uint32_t`. Accepts integers in [−2^31, 2^32 − 1] (so a value that went
 * through a signed 32-bit JavaScript bit operation, e.g. `0x80000000 | 0`, still works) and
 * returns `bits >>> 0`. Anything else is a RangeError naming the value: silently wrapping
 * a non-integer or an out-of-range number would hide a caller's bug.
 */
export function toUint32(bits: number, what = "bits"): number {
  if (!Number.isInteger(bits) || bits < -0x80000000 || bits > 0xffffffff) {
    throw new RangeError(`${what} must be a 32-bit integer, got ${String(bits)}`);
  }
  return bits >>> 0;
}

/** `0x`-prefixed, 8-digit lower-case hex of a uint32 compact, for messages. */
export function hex32(bits: number): string {
  return `0x${(bits >>> 0).toString(16).padStart(8, "0")}`;
}

/** Throws a RangeError unless `value` is an arith_uint256 value: an integer in [0, 2^256). */
export function checkUint256(value: bigint, what: string): void {
  if (value < 0n || value > MASK_256) {
    throw new RangeError(`${what} must be in [0, 2^256), got ${value.toString()}`);
  }
}

/** Throws a RangeError unless `value` is a safe integer (Core uses int64 for times and heights). */
export function checkSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(value)}`);
  }
}

/** Number of bytes needed to write `value` (≥ 0): Core's `(bits() + 7) / 8`. 0 for 0. */
export function byteLength(value: bigint): number {
  if (value === 0n) return 0;
  return (value.toString(16).length + 1) >> 1;
}
