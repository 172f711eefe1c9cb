/**
 * src/consensus/subsidy.ts: GetBlockSubsidy properties and the total supply.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COIN,
  HALVING_INTERVAL,
  MAX_MONEY,
  blockSubsidy,
  subsidyForInterval,
  totalSupply,
  totalSupplyForInterval,
} from "../../src/consensus/index.js";
import { fcParams } from "./fixtures.js";

const height = fc.integer({ min: 0, max: 80 * HALVING_INTERVAL });

describe("blockSubsidy (Core GetBlockSubsidy)", () => {
  it("never increases with height", () => {
    fc.assert(
      fc.property(height, height, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(blockSubsidy(low) >= blockSubsidy(high)).toBe(true);
      }),
      fcParams(3000),
    );
  });

  it("is constant within a halving interval and halves (rounding down) across each boundary", () => {
    fc.assert(
      fc.property(height, (h) => {
        const start = h - (h % HALVING_INTERVAL);
        expect(blockSubsidy(h)).toBe(blockSubsidy(start));
        const previous = start === 0 ? 100n * COIN : blockSubsidy(start - 1);
        // Core: 0 from the 64th halving on, where the shift would be undefined.
        expect(blockSubsidy(start)).toBe(start / HALVING_INTERVAL >= 64 ? 0n : previous / 2n);
      }),
      fcParams(3000),
    );
  });

  it("is 50 BTC at genesis, 3.125 BTC from the fourth halving (840,000), and 0 at 64 halvings and beyond", () => {
    expect(blockSubsidy(0)).toBe(50n * COIN);
    expect(blockSubsidy(840_000) * 1000n).toBe(3125n * COIN);
    expect(blockSubsidy(64 * HALVING_INTERVAL)).toBe(0n);
    expect(blockSubsidy(Number.MAX_SAFE_INTEGER)).toBe(0n);
  });

  it("rejects negative or non-integer heights and non-positive intervals", () => {
    for (const bad of [-1, 0.5, Number.NaN]) expect(() => blockSubsidy(bad)).toThrow(RangeError);
    expect(() => subsidyForInterval(0, 0)).toThrow(RangeError);
    expect(() => subsidyForInterval(0, 1.5)).toThrow(RangeError);
  });
});

describe("totalSupply", () => {
  it("is linear in the halving interval, and 210,000 times the 1-block-interval sum on mainnet", () => {
    // With an interval of 1 the sum is Σ_{h<64} (50·COIN) >> h, added block by block here.
    let perInterval = 0n;
    for (let h = 0; h < 64; h++) perInterval += subsidyForInterval(h, 1);
    expect(totalSupplyForInterval(1)).toBe(perInterval);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (interval) => {
        expect(totalSupplyForInterval(interval)).toBe(BigInt(interval) * perInterval);
      }),
      fcParams(200),
    );
    expect(totalSupply()).toBe(BigInt(HALVING_INTERVAL) * perInterval);
  });

  it("falls short of MAX_MONEY (21 M BTC) only by the satoshis the halvings round away", () => {
    // Each halving h drops (50·COIN/2^h − floor(50·COIN/2^h)) per block; the geometric
    // series of 50·COIN·interval/2^h sums to 100·COIN·interval·(1 − 2^-64) ≈ MAX_MONEY.
    expect(totalSupply() < MAX_MONEY).toBe(true);
    const shortfall = MAX_MONEY - totalSupply();
    expect(shortfall > 0n && shortfall < COIN).toBe(true);
  });
});
