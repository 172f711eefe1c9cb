/**
 * src/consensus/compact.ts: SetCompact / GetCompact properties and edge cases beyond the
 * shared vectors (which vectors.test.ts runs).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactToTarget, decodeCompact, encodeCompact, targetToCompact } from "../../src/consensus/index.js";
import { anyBits, anyUint256, canonicalBits, isCanonical } from "./arbitraries.js";
import { fcParams } from "./fixtures.js";

const TWO_256 = 1n << 256n;

/**
 * What GetCompact keeps of a value, stated independently of the code: the leading three
 * bytes, or two when the leading byte is ≥ 0x80 (its top bit would be the sign bit).
 */
function truncateToCompact(t: bigint): bigint {
  if (t === 0n) return 0n;
  const hex = t.toString(16);
  const bytes = (hex.length + 1) >> 1;
  const leadingByte = Number(t >> BigInt(8 * (bytes - 1)));
  const keep = leadingByte >= 0x80 ? 2 : 3;
  if (bytes <= keep) return t;
  const dropBits = BigInt(8 * (bytes - keep));
  return (t >> dropBits) << dropBits;
}

describe("decodeCompact (Core SetCompact)", () => {
  it("gives mantissa·256^(size−3) mod 2^256 and flags overflow exactly when that does not fit", () => {
    fc.assert(
      fc.property(anyBits, (bits) => {
        const size = bits >>> 24;
        const word = bits & 0x007fffff;
        const d = decodeCompact(bits);
        if (size <= 3) {
          const shifted = word >>> (8 * (3 - size));
          expect(d.target).toBe(BigInt(shifted));
          expect(d.overflow).toBe(false);
          expect(d.negative).toBe(shifted !== 0 && (bits & 0x00800000) !== 0);
        } else {
          const exact = BigInt(word) << BigInt(8 * (size - 3));
          expect(d.target).toBe(exact % TWO_256);
          expect(d.overflow).toBe(exact >= TWO_256);
          expect(d.negative).toBe(word !== 0 && (bits & 0x00800000) !== 0);
        }
      }),
      fcParams(5000),
    );
  });

  it("follows Core's overflow rule at its boundaries", () => {
    expect(decodeCompact(0x207fffff).overflow).toBe(false);
    expect(decodeCompact(0x2100ffff).overflow).toBe(false);
    expect(decodeCompact(0x21010000).overflow).toBe(true);
    expect(decodeCompact(0x220000ff).overflow).toBe(false);
    expect(decodeCompact(0x22000100).overflow).toBe(true);
    expect(decodeCompact(0x23000001).overflow).toBe(true);
    expect(decodeCompact(0x23000000).overflow).toBe(false); // zero word: no flag
    expect(decodeCompact(0xff800000)).toEqual({ target: 0n, negative: false, overflow: false });
  });

  it("reads bits as a uint32 and rejects what is not a 32-bit integer", () => {
    expect(decodeCompact(0x80000000 | 0)).toEqual(decodeCompact(0x80000000));
    expect(decodeCompact(-1)).toEqual(decodeCompact(0xffffffff));
    for (const bad of [1.5, 2 ** 32, -(2 ** 31) - 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => decodeCompact(bad)).toThrow(RangeError);
    }
  });
});

describe("compactToTarget", () => {
  it("returns Core's value when no flag is raised and throws a RangeError naming the bits otherwise", () => {
    fc.assert(
      fc.property(anyBits, (bits) => {
        const d = decodeCompact(bits);
        if (d.negative || d.overflow) {
          const hex = `0x${bits.toString(16).padStart(8, "0")}`;
          expect(() => compactToTarget(bits)).toThrow(new RegExp(hex));
          expect(() => compactToTarget(bits)).toThrow(RangeError);
        } else {
          expect(compactToTarget(bits)).toBe(d.target);
        }
      }),
      fcParams(3000),
    );
    expect(() => compactToTarget(0x04923456)).toThrow(/0x04923456 is negative/);
    expect(() => compactToTarget(0xff123456)).toThrow(/0xff123456 overflows/);
    expect(compactToTarget(0x01803456)).toBe(0n); // sign bit, but a zero word: not negative in Core
  });
});

describe("targetToCompact / encodeCompact (Core GetCompact)", () => {
  it("round-trips every canonical compact: targetToCompact(compactToTarget(b)) == b", () => {
    fc.assert(
      fc.property(canonicalBits(), (bits) => {
        expect(isCanonical(bits)).toBe(true);
        expect(targetToCompact(compactToTarget(bits))).toBe(bits);
      }),
      fcParams(5000),
    );
  });

  it("round-trips a flag-free compact with a non-zero target exactly when it is canonical", () => {
    fc.assert(
      fc.property(anyBits, (bits) => {
        const d = decodeCompact(bits);
        fc.pre(!d.negative && !d.overflow && d.target !== 0n);
        expect(targetToCompact(d.target) === bits).toBe(isCanonical(bits));
      }),
      fcParams(5000),
    );
  });

  it("keeps the leading 3 bytes (2 when the leading byte is ≥ 0x80): SetCompact(GetCompact(t)) = truncate(t)", () => {
    fc.assert(
      fc.property(anyUint256, (t) => {
        const bits = targetToCompact(t);
        expect(compactToTarget(bits)).toBe(truncateToCompact(t));
        expect(t === 0n ? bits === 0 : isCanonical(bits)).toBe(true);
      }),
      fcParams(5000),
    );
  });

  it("sets the sign bit with fNegative only when the mantissa is non-zero", () => {
    fc.assert(
      fc.property(anyUint256, (t) => {
        const plain = targetToCompact(t);
        const signed = encodeCompact(t, true);
        if (t === 0n) {
          expect(signed).toBe(plain);
        } else {
          expect(signed).toBe((plain | 0x00800000) >>> 0);
          expect(decodeCompact(signed)).toEqual({ target: truncateToCompact(t), negative: true, overflow: false });
        }
      }),
      fcParams(3000),
    );
  });

  it("handles the extremes of arith_uint256 and rejects values outside it", () => {
    expect(targetToCompact(TWO_256 - 1n)).toBe(0x2100ffff);
    expect(targetToCompact(1n)).toBe(0x01010000);
    expect(targetToCompact(0xffffffn)).toBe(0x0400ffff);
    expect(() => targetToCompact(-1n)).toThrow(RangeError);
    expect(() => targetToCompact(TWO_256)).toThrow(RangeError);
    expect(() => encodeCompact(TWO_256, true)).toThrow(RangeError);
  });
});
