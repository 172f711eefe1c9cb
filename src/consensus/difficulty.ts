/**
 * Difficulty as a floating-point number, and the hashrate it implies.
 */
import { decodeCompact, encodeCompact } from "./compact.js";
import { DIFFICULTY_ONE_TARGET, TARGET_SPACING } from "./params.js";
import { toUint32 } from "./uint.js";

/** 2^32: the expected number of hashes per unit of difficulty. */
const TWO_POW_32 = 4294967296;

/**
 * Core `GetDifficulty(blockindex)` (src/rpc/blockchain.cpp) as the same IEEE double.
 *
 * Computed as Core does: `0xffff / (nBits & 0x00ffffff)`, then multiplied or divided by
 * 256 until the size byte reaches 29. So it is the difficulty-1 target 0xffff·2^208 over
 * the target, rounded once. Like Core it reads the sign bit as part of the mantissa and
 * returns Infinity when the mantissa is zero; it does not validate the bits.
 *
 * @param bits nBits (uint32).
 * @returns the difficulty (dimensionless; 1 at nBits 0x1d00ffff).
 */
export function difficultyFromBits(bits: number): number {
  const c = toUint32(bits);
  let shift = (c >>> 24) & 0xff;
  let diff = 0x0000ffff / (c & 0x00ffffff);
  while (shift < 29) {
    diff *= 256.0;
    shift++;
  }
  while (shift > 29) {
    diff /= 256.0;
    shift--;
  }
  return diff;
}

/**
 * The hashrate that finds blocks of difficulty D every `blockIntervalSeconds` on average:
 * H = D·2^32 / interval, in hashes per second (each hash succeeds with probability
 * ≈ 1/(D·2^32); CALIBRATION.md, "Useful identities", implied hashrate).
 */
export function hashrateFromDifficulty(difficulty: number, blockIntervalSeconds: number): number {
  if (!(blockIntervalSeconds > 0) || !Number.isFinite(blockIntervalSeconds)) {
    throw new RangeError(`blockIntervalSeconds must be a positive finite number, got ${blockIntervalSeconds}`);
  }
  return (difficulty * TWO_POW_32) / blockIntervalSeconds;
}

/**
 * The difficulty at which a hashrate of `hashrateHs` (H/s) finds a block every
 * `blockIntervalSeconds` (default 600 s, Core nPowTargetSpacing): D = H·interval / 2^32.
 * Inverse of {@link hashrateFromDifficulty}.
 */
export function difficultyFromHashrate(hashrateHs: number, blockIntervalSeconds = TARGET_SPACING): number {
  if (!(blockIntervalSeconds > 0) || !Number.isFinite(blockIntervalSeconds)) {
    throw new RangeError(`blockIntervalSeconds must be a positive finite number, got ${blockIntervalSeconds}`);
  }
  return (hashrateHs * blockIntervalSeconds) / TWO_POW_32;
}

/**
 * The exact value of a finite positive double as numerator·2^exponent (numerator odd or
 * the value an integer), read from its IEEE-754 bits.
 */
function exactDouble(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  return { mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

/**
 * The target whose difficulty is `difficulty`: DIFFICULTY_ONE_TARGET / difficulty,
 * rounded to the nearest integer, computed exactly from the double's binary value.
 * Not a Core function: the inverse of GetDifficulty before compact rounding. Not capped
 * at powLimit (difficulty below 1 gives a target above it).
 *
 * @param difficulty a finite number > 0 (RangeError otherwise, or if the target would
 *   not fit in 256 bits).
 */
export function targetFromDifficulty(difficulty: number): bigint {
  if (!(difficulty > 0) || !Number.isFinite(difficulty)) {
    throw new RangeError(`difficulty must be a positive finite number, got ${difficulty}`);
  }
  const { mantissa, exponent } = exactDouble(difficulty);
  // target = DIFFICULTY_ONE_TARGET / (mantissa·2^exponent), rounded half up.
  let num = DIFFICULTY_ONE_TARGET;
  let den = mantissa;
  if (exponent >= 0) den <<= BigInt(exponent);
  else num <<= BigInt(-exponent);
  const target = (2n * num + den) / (2n * den);
  if (target >= 1n << 256n) throw new RangeError(`difficulty ${difficulty} is too small: target exceeds 2^256`);
  return target;
}

/**
 * The nBits whose Core difficulty ({@link difficultyFromBits}) is nearest to `difficulty`
 * (ties go to the higher difficulty). Not a Core function: a helper to start a simulated
 * chain from a difficulty quoted as a number. For every canonical nBits b (one that
 * GetCompact produces, i.e. targetToCompact(compactToTarget(b)) === b) with a target in
 * [1, 2^224), bitsFromDifficulty(difficultyFromBits(b)) === b.
 */
export function bitsFromDifficulty(difficulty: number): number {
  const target = targetFromDifficulty(difficulty);
  if (target === 0n) throw new RangeError(`difficulty ${difficulty} is too large: target rounds to 0`);
  // GetCompact truncates; the candidates are the truncated target and the next compact up.
  const low = encodeCompact(target);
  const lowTarget = decodeCompact(low).target;
  const unitShift = (low >>> 24) - 3;
  const unit = unitShift > 0 ? 1n << BigInt(8 * unitShift) : 1n;
  const highTarget = lowTarget + unit;
  if (lowTarget === target || highTarget >= 1n << 256n) return low;
  const high = encodeCompact(highTarget);
  const errLow = Math.abs(difficultyFromBits(low) - difficulty);
  const errHigh = Math.abs(difficultyFromBits(high) - difficulty);
  return errHigh < errLow ? high : low;
}
