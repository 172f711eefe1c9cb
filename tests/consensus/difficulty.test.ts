/**
 * src/consensus/difficulty.ts: GetDifficulty as a double, its inverse, and the
 * difficulty <-> hashrate identity.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DIFFICULTY_ONE_TARGET,
  POW_LIMIT_BITS,
  bitsFromDifficulty,
  compactToTarget,
  difficultyFromBits,
  difficultyFromHashrate,
  hashrateFromDifficulty,
  targetFromDifficulty,
} from "../../src/consensus/index.js";
import { canonicalBits, validMainnetBits } from "./arbitraries.js";
import { fcParams, loadEpochs } from "./fixtures.js";

/** A finite double as an exact integer mantissa and a power-of-two exponent: d = m·2^e. */
function exactBinary(d: number): [bigint, number] {
  let m = d;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  while (m > Number.MAX_SAFE_INTEGER) {
    m /= 2;
    e++;
  }
  return [BigInt(m), e];
}

describe("difficultyFromBits (Core GetDifficulty)", () => {
  it("is one rounding of 0xffff/mantissa scaled by an exact power of 256", () => {
    // Closed form of Core's loop: (0xffff / mantissa) · 2^(8·(29 − size)). Multiplying or
    // dividing by 256 is exact for these magnitudes, so the loop must equal it bit for bit.
    fc.assert(
      fc.property(canonicalBits(), (bits) => {
        const size = bits >>> 24;
        const mantissa = bits & 0x00ffffff;
        expect(Object.is(difficultyFromBits(bits), (0xffff / mantissa) * 2 ** (8 * (29 - size)))).toBe(true);
      }),
      fcParams(3000),
    );
  });

  it("is DIFFICULTY_ONE_TARGET / target rounded once (relative error ≤ 2^-53)", () => {
    fc.assert(
      fc.property(validMainnetBits, (bits) => {
        const target = compactToTarget(bits);
        const [m, e] = exactBinary(difficultyFromBits(bits));
        // |d·target − DIFFICULTY_ONE_TARGET| ≤ 2^-53 · DIFFICULTY_ONE_TARGET, in exact integers
        // (both sides multiplied by 2^(1100) so that 2^e is an integer).
        const shift = BigInt(1100 + e);
        const lhs = (m * target) << shift;
        const rhs = DIFFICULTY_ONE_TARGET << 1100n;
        const diff = lhs > rhs ? lhs - rhs : rhs - lhs;
        expect(diff << 53n <= rhs).toBe(true);
      }),
      fcParams(2000),
    );
  });

  it("is 1 at powLimit and mirrors Core on a zero mantissa (Infinity) and on the sign bit", () => {
    expect(difficultyFromBits(POW_LIMIT_BITS)).toBe(1);
    expect(difficultyFromBits(0x1d000000)).toBe(Number.POSITIVE_INFINITY);
    // Core masks with 0x00ffffff, so the sign bit is read as mantissa.
    expect(difficultyFromBits(0x1d80ffff)).toBe((0xffff / 0x80ffff) * 1);
  });
});

describe("targetFromDifficulty / bitsFromDifficulty", () => {
  it("invert GetDifficulty for every canonical compact with a target below 2^224", () => {
    fc.assert(
      fc.property(canonicalBits(29, 0x7fffff), (bits) => {
        fc.pre(compactToTarget(bits) < 1n << 224n);
        expect(bitsFromDifficulty(difficultyFromBits(bits))).toBe(bits);
      }),
      fcParams(3000),
    );
  });

  it("invert the difficulty column of every real epoch", () => {
    for (const row of loadEpochs()) {
      expect(bitsFromDifficulty(Number(row.difficultyText))).toBe(row.nbits);
    }
  });

  it("give the nearest compact: no neighbouring mantissa is closer in difficulty", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e25, noNaN: true }), (d) => {
        const bits = bitsFromDifficulty(d);
        const err = Math.abs(difficultyFromBits(bits) - d);
        expect(err / d).toBeLessThanOrEqual(2 ** -15);
        for (const neighbour of [bits - 1, bits + 1]) {
          const m = neighbour & 0x7fffff;
          if (m < 0x8000 || m > 0x7fffff) continue;
          expect(Math.abs(difficultyFromBits(neighbour) - d)).toBeGreaterThanOrEqual(err);
        }
      }),
      fcParams(2000),
    );
  });

  it("round the target to the nearest integer and reject impossible difficulties", () => {
    expect(targetFromDifficulty(1)).toBe(DIFFICULTY_ONE_TARGET);
    expect(targetFromDifficulty(0.5)).toBe(DIFFICULTY_ONE_TARGET * 2n);
    expect(targetFromDifficulty(3)).toBe((DIFFICULTY_ONE_TARGET + 1n) / 3n);
    expect(targetFromDifficulty(2 ** 200)).toBe((DIFFICULTY_ONE_TARGET + 2n ** 199n) / 2n ** 200n);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => targetFromDifficulty(bad)).toThrow(RangeError);
    }
    expect(() => targetFromDifficulty(2 ** -60)).toThrow(/too small/);
    expect(() => bitsFromDifficulty(2 ** 240)).toThrow(/too large/);
    expect(() => targetFromDifficulty(Number.MIN_VALUE)).toThrow(/too small/); // a subnormal double
  });
});

describe("hashrate <-> difficulty", () => {
  it("is H = D·2^32 / interval (CALIBRATION.md identity: D = 136.6 T gives 0.978 ZH/s)", () => {
    expect(hashrateFromDifficulty(1, 600)).toBe(2 ** 32 / 600);
    expect((hashrateFromDifficulty(136.6e12, 600) / 1e21).toFixed(3)).toBe("0.978");
    expect(difficultyFromHashrate(2 ** 32 / 600)).toBe(1);
    expect(difficultyFromHashrate(2 ** 32, 1)).toBe(1);
  });

  it("round-trips to within floating-point rounding", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e18, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        (d, interval) => {
          const back = difficultyFromHashrate(hashrateFromDifficulty(d, interval), interval);
          expect(Math.abs(back / d - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
        },
      ),
      fcParams(1000),
    );
  });

  it("rejects non-positive or non-finite intervals", () => {
    for (const bad of [0, -600, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => hashrateFromDifficulty(1, bad)).toThrow(RangeError);
      expect(() => difficultyFromHashrate(1, bad)).toThrow(RangeError);
    }
  });
});
