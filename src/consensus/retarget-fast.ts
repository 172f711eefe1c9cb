/**
 * Core's mainnet retarget (CalculateNextWorkRequired, src/pow.cpp) in plain float64
 * integer arithmetic, bit for bit equal to the consensus module's BigInt implementation
 * ({@link calculateNextWorkRequired}), which it falls back to outside its proven range.
 *
 * Why: the BigInt version costs ~0.4 µs and allocates; the fast engine runs one retarget
 * per simulated epoch (~160 per 6-year path), where it was the largest single cost and
 * most of the garbage. tests/engine/retarget-fast.test.ts checks equality against the
 * consensus function on the shared vectors, the real epoch history and 10^5 random inputs.
 *
 * Derivation. With word = nBits & 0x7fffff (Core's SetCompact ignores the sign bit),
 * size = nBits >>> 24 and s = 8·(size − 3), the old target is word·2^s. Core computes
 * x = floor(word·actual·2^s / T) with T = 1,209,600 = 2^8·4725, caps x at powLimit =
 * 2^224 − 1 and returns GetCompact(x), which keeps the top three bytes of x:
 * floor(x / 2^(8(n−3))) with n = x's byte length (then moves the mantissa down one byte,
 * size + 1, if its bit 0x800000 is set). With P = word·actual (< 2^46, exact) and
 * m = s − 8: x = floor(P·2^m / 4725), and since floor(floor(a)/b) = floor(a/b) for a
 * positive integer b, the mantissa is floor(P·2^(m − 8(n−3)) / 4725) — a quotient of
 * integers below 2^53. x's bit length is j + m + 1 where 2^j ≤ P/4725 < 2^(j+1).
 * No wrap-around: for size ≤ 29 the product is below 2^46·2^208 < 2^256, so Core's
 * modulo-2^256 arithmetic never wraps; larger sizes, size ≤ 3, and any input the
 * derivation does not cover go to the BigInt code.
 */
import { POW_LIMIT_BITS, TARGET_TIMESPAN } from "./params.js";
import { calculateNextWorkRequired } from "./retarget.js";

/** T = 2^TWO_POWER · ODD_PART. */
const TWO_POWER = 8;
const ODD_PART = TARGET_TIMESPAN / 256;
if (ODD_PART !== 4725) throw new Error("retarget-fast assumes nPowTargetTimespan = 1,209,600 = 2^8·4725");
const MIN_SPAN = Math.trunc(TARGET_TIMESPAN / 4);
const MAX_SPAN = TARGET_TIMESPAN * 4;

/** 2^i for i in [0, 64]. */
const POW2 = new Float64Array(65);
for (let i = 0; i <= 64; i++) POW2[i] = 2 ** i;

/** floor(a / b) for non-negative integers a, b < 2^53 (b > 0), exact. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

/**
 * Same result as the consensus `calculateNextWorkRequired(lastBits, firstBlockTime,
 * lastBlockTime)` on mainnet parameters; `firstBlockTime` and `lastBlockTime` are integer
 * header times (unix s), `lastBits` a uint32.
 */
export function retargetBits(lastBits: number, firstBlockTime: number, lastBlockTime: number): number {
  let actual = lastBlockTime - firstBlockTime;
  const bits = lastBits >>> 0;
  const size = bits >>> 24;
  const word = bits & 0x007fffff;
  if (
    bits !== lastBits ||
    size < 4 ||
    size > 29 ||
    word === 0 ||
    !Number.isSafeInteger(firstBlockTime) ||
    !Number.isSafeInteger(lastBlockTime)
  ) {
    return calculateNextWorkRequired(lastBits, firstBlockTime, lastBlockTime);
  }
  if (actual < MIN_SPAN) actual = MIN_SPAN;
  if (actual > MAX_SPAN) actual = MAX_SPAN;
  const product = word * actual; // < 2^23 · 2^23, exact
  const m = 8 * (size - 3) - TWO_POWER; // x = floor(product · 2^m / ODD_PART), m ≥ 0
  if (product < ODD_PART) return calculateNextWorkRequired(lastBits, firstBlockTime, lastBlockTime);
  // j = floor(log2(product / ODD_PART)), made exact by integer comparisons (ODD_PART·2^j < 2^47).
  let j = Math.floor(Math.log2(product / ODD_PART));
  while (ODD_PART * (POW2[j + 1] as number) <= product) j++;
  while (ODD_PART * (POW2[j] as number) > product) j--;
  const bitLength = j + m + 1;
  if (bitLength > 224) return POW_LIMIT_BITS; // x ≥ 2^224 > powLimit: capped
  let n = (bitLength + 7) >> 3;
  if (n <= 3) return calculateNextWorkRequired(lastBits, firstBlockTime, lastBlockTime);
  const d = m - 8 * (n - 3);
  // Top three bytes of x; product·2^d < 2^24·ODD_PART when d ≥ 0.
  let mantissa =
    d >= 0 ? floorDiv(product * (POW2[d] as number), ODD_PART) : Math.floor(floorDiv(product, ODD_PART) / (POW2[-d] as number));
  if ((mantissa & 0x00800000) !== 0) {
    mantissa >>>= 8;
    n++;
  }
  return ((n << 24) | mantissa) >>> 0;
}
