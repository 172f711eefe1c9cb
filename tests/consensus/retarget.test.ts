/**
 * src/consensus/retarget.ts: properties of CalculateNextWorkRequired and
 * PermittedDifficultyTransition beyond the shared vectors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DIFFICULTY_ADJUSTMENT_INTERVAL,
  MAINNET_RETARGET,
  POW_LIMIT,
  POW_LIMIT_BITS,
  TARGET_TIMESPAN,
  calculateNextWorkRequired,
  compactToTarget,
  permittedDifficultyTransition,
  targetToCompact,
} from "../../src/consensus/index.js";
import { anyBits, isCanonical, validMainnetBits } from "./arbitraries.js";
import { fcParams } from "./fixtures.js";

const T = TARGET_TIMESPAN;
/** Timespans well beyond both ends of the clamp, including negative ones (time warps). */
const timespan = fc.oneof(
  fc.integer({ min: -10 * T, max: 10 * T }),
  fc.integer({ min: T / 4 - 2, max: T / 4 + 2 }),
  fc.integer({ min: 4 * T - 2, max: 4 * T + 2 }),
);
const firstTime = fc.integer({ min: 1_231_006_505, max: 4_000_000_000 });
const retargetHeight = fc.integer({ min: 1, max: 5000 }).map((k) => k * DIFFICULTY_ADJUSTMENT_INTERVAL);

describe("calculateNextWorkRequired", () => {
  it("stays within [old/4, old·4] up to compact rounding, capped at powLimit, and is permitted", () => {
    fc.assert(
      fc.property(validMainnetBits, firstTime, timespan, retargetHeight, (oldBits, first, span, height) => {
        const next = calculateNextWorkRequired(oldBits, first, first + span);
        const oldTarget = compactToTarget(oldBits);
        const newTarget = compactToTarget(next);
        expect(newTarget <= POW_LIMIT).toBe(true);
        expect(newTarget <= oldTarget * 4n).toBe(true);
        // Exact clamped value before rounding; GetCompact truncates by less than 2^-15.
        const clamped = Math.min(Math.max(span, T / 4), 4 * T);
        let exact = (oldTarget * BigInt(clamped)) / BigInt(T);
        if (exact > POW_LIMIT) exact = POW_LIMIT;
        expect(exact >= oldTarget / 4n && exact <= oldTarget * 4n).toBe(true);
        // GetCompact output: canonical, or 0 when the exact target rounds down to 0 (tiny targets).
        expect(exact === 0n ? next === 0 : isCanonical(next)).toBe(true);
        expect(newTarget <= exact).toBe(true);
        expect(newTarget * 32769n >= exact * 32768n).toBe(true);
        expect(permittedDifficultyTransition(height, oldBits, next)).toBe(true);
      }),
      fcParams(3000),
    );
  });

  it("gives a target that never decreases as the timespan grows", () => {
    fc.assert(
      fc.property(validMainnetBits, firstTime, timespan, timespan, (oldBits, first, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const t1 = compactToTarget(calculateNextWorkRequired(oldBits, first, first + short));
        const t2 = compactToTarget(calculateNextWorkRequired(oldBits, first, first + long));
        expect(t1 <= t2).toBe(true);
      }),
      fcParams(2000),
    );
  });

  it("keeps the bits when the timespan is exactly two weeks, for every valid compact", () => {
    fc.assert(
      fc.property(validMainnetBits, firstTime, (bits, first) => {
        expect(calculateNextWorkRequired(bits, first, first + T)).toBe(bits);
      }),
      fcParams(2000),
    );
  });

  it("multiplies in 256-bit arithmetic that wraps, as arith_uint256 does", () => {
    // 0xffff·2^240 · 4,838,400 exceeds 2^256; Core keeps the product modulo 2^256. With a
    // powLimit of 2^256 − 1 (no cap), the result shows the wrap.
    const params = { ...MAINNET_RETARGET, powLimit: (1n << 256n) - 1n };
    const start = 1_500_000_000;
    const wrapped = (((0xffffn << 240n) * BigInt(4 * T)) % (1n << 256n)) / BigInt(T);
    const unbounded = ((0xffffn << 240n) * BigInt(4 * T)) / BigInt(T);
    expect(calculateNextWorkRequired(0x2100ffff, start, start + 4 * T, params)).toBe(targetToCompact(wrapped));
    expect(wrapped).not.toBe(unbounded);
    // On mainnet the same bits are capped at powLimit.
    expect(calculateNextWorkRequired(0x2100ffff, start, start + 4 * T)).toBe(POW_LIMIT_BITS);
  });

  it("rejects non-integer times and invalid bits with a RangeError", () => {
    expect(() => calculateNextWorkRequired(POW_LIMIT_BITS, 0.5, T)).toThrow(RangeError);
    expect(() => calculateNextWorkRequired(POW_LIMIT_BITS, 0, Number.NaN)).toThrow(RangeError);
    expect(() => calculateNextWorkRequired(2 ** 32, 0, T)).toThrow(RangeError);
  });
});

describe("permittedDifficultyTransition", () => {
  it("off retarget heights, allows exactly the unchanged bits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), anyBits, anyBits, (height, a, b) => {
        fc.pre(height % DIFFICULTY_ADJUSTMENT_INTERVAL !== 0);
        expect(permittedDifficultyTransition(height, a, a)).toBe(true);
        expect(permittedDifficultyTransition(height, a, b)).toBe(a === b);
      }),
      fcParams(2000),
    );
  });

  it("at retarget heights, accepts both clamp extremes and rejects one mantissa step beyond them", () => {
    fc.assert(
      fc.property(validMainnetBits, retargetHeight, (oldBits, height) => {
        const hardest = calculateNextWorkRequired(oldBits, 0, 0); // clamped to timespan/4
        const easiest = calculateNextWorkRequired(oldBits, 0, 100 * T); // clamped to timespan·4
        expect(permittedDifficultyTransition(height, oldBits, hardest)).toBe(true);
        expect(permittedDifficultyTransition(height, oldBits, easiest)).toBe(true);
        // One mantissa unit harder / easier (Core pow_tests "expected_minus_1" / "plus_1"), where
        // that unit is a step of the value (size ≥ 3: SetCompact drops low bytes below that).
        if (hardest >>> 24 >= 3 && (hardest & 0x7fffff) > 0x8000) {
          expect(permittedDifficultyTransition(height, oldBits, hardest - 1)).toBe(false);
        }
        if (easiest >>> 24 >= 3 && (easiest & 0x7fffff) < 0x7fffff) {
          expect(permittedDifficultyTransition(height, oldBits, easiest + 1)).toBe(false);
        }
      }),
      fcParams(2000),
    );
  });

  it("rejects a non-integer height", () => {
    expect(() => permittedDifficultyTransition(2016.5, POW_LIMIT_BITS, POW_LIMIT_BITS)).toThrow(RangeError);
  });
});
