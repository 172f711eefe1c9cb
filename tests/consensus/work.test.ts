/**
 * src/consensus/work.ts: GetBlockProof and Core's log2_work.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POW_LIMIT_BITS, blockProof, chainworkLog2, decodeCompact } from "../../src/consensus/index.js";
import { anyBits, validMainnetBits } from "./arbitraries.js";
import { fcParams } from "./fixtures.js";

describe("blockProof (Core GetBlockProof)", () => {
  it("equals floor(2^256 / (target + 1)) for valid bits, and 0 for negative, overflowing or zero targets", () => {
    fc.assert(
      fc.property(anyBits, (bits) => {
        const d = decodeCompact(bits);
        const expected = d.negative || d.overflow || d.target === 0n ? 0n : (1n << 256n) / (d.target + 1n);
        expect(blockProof(bits)).toBe(expected);
      }),
      fcParams(5000),
    );
  });

  it("grows as the target shrinks", () => {
    fc.assert(
      fc.property(validMainnetBits, validMainnetBits, (a, b) => {
        const ta = decodeCompact(a).target;
        const tb = decodeCompact(b).target;
        if (ta <= tb) expect(blockProof(a) >= blockProof(b)).toBe(true);
        else expect(blockProof(a) <= blockProof(b)).toBe(true);
      }),
      fcParams(2000),
    );
  });

  it("is 2^32 + 2^16 + 1 at powLimit bits (difficulty 1)", () => {
    expect(blockProof(POW_LIMIT_BITS)).toBe(2n ** 32n + 2n ** 16n + 1n);
  });
});

describe("chainworkLog2", () => {
  it("gives k for 2^k and 2^k(1+2^-20) just above it, to Core's 6 decimals", () => {
    for (let k = 0; k < 256; k++) {
      expect(chainworkLog2(1n << BigInt(k)).toFixed(6)).toBe(k.toFixed(6));
      if (k + 20 < 256) {
        const above = chainworkLog2((1n << BigInt(k + 20)) + (1n << BigInt(k)));
        expect(above - (k + 20)).toBeCloseTo(2 ** -20 / Math.LN2, 9);
      }
    }
  });

  it("is -Infinity for zero work and rejects values outside [0, 2^256)", () => {
    expect(chainworkLog2(0n)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => chainworkLog2(-1n)).toThrow(RangeError);
    expect(() => chainworkLog2(1n << 256n)).toThrow(RangeError);
  });
});
