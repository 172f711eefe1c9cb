/**
 * fast-check generators of compact nBits for the consensus property tests, and an
 * independent statement of which compacts are canonical (what GetCompact can produce).
 */
import fc from "fast-check";

/**
 * True when `bits` is exactly what Core's GetCompact(false) produces for some non-zero
 * value: sign bit clear, mantissa in [0x008000, 0x7fffff] (the top byte is non-zero, or it
 * is zero and the next byte has its top bit set), size in 1..33, no mantissa bytes that
 * SetCompact would drop (size < 3), and at size 33 at most two mantissa bytes.
 */
export function isCanonical(bits: number): boolean {
  const c = bits >>> 0;
  const size = c >>> 24;
  const mant = c & 0x00ffffff;
  if ((mant & 0x00800000) !== 0 || mant < 0x8000) return false;
  if (size < 1 || size > 33) return false;
  if (size < 3 && (mant & ((1 << (8 * (3 - size))) - 1)) !== 0) return false;
  return !(size === 33 && mant > 0xffff);
}

/**
 * Canonical compacts with size up to `maxSize` (≤ 33); at size `maxSize` the mantissa is at
 * most `maxMantissaAtMaxSize`. Default: every canonical compact. With (29, 0xffff): every
 * canonical compact whose target is at most mainnet powLimit (0x1d00ffff is the largest).
 */
export function canonicalBits(maxSize = 33, maxMantissaAtMaxSize = 0xffff): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max: maxSize }).chain((size) => {
    const top = size === maxSize ? Math.min(maxMantissaAtMaxSize, 0x7fffff) : size === 33 ? 0xffff : 0x7fffff;
    if (size === 1) {
      return fc.integer({ min: 0x01, max: Math.min(0x7f, top >>> 16) }).map((b) => ((1 << 24) | (b << 16)) >>> 0);
    }
    if (size === 2) {
      return fc.integer({ min: 0x80, max: Math.min(0x7fff, top >>> 8) }).map((v) => ((2 << 24) | (v << 8)) >>> 0);
    }
    return fc.integer({ min: 0x8000, max: top }).map((m) => ((size << 24) | m) >>> 0);
  });
}

/** Canonical compacts whose target is in [1, powLimit]: the valid mainnet nBits. */
export const validMainnetBits: fc.Arbitrary<number> = canonicalBits(29, 0xffff);

/**
 * Any uint32, with extra weight on the interesting sizes 0..40 (the uniform uint32 almost
 * always has a size byte far beyond 34).
 */
export const anyBits: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc
    .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0xffffff }))
    .map(([size, word]) => ((size << 24) | word) >>> 0),
);

/** Any arith_uint256 value, spread over bit lengths 0..256. */
export const anyUint256: fc.Arbitrary<bigint> = fc
  .integer({ min: 0, max: 256 })
  .chain((bitsLong) => fc.bigInt({ min: 0n, max: (1n << BigInt(bitsLong)) - 1n }));
