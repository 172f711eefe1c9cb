/** The market bundle: reset and daily step, one stream per component. */
import { describe, expect, it } from "vitest";
import { createMarketState, defaultMarketPlan, marketRngs, resetMarket, stepMarketDay } from "../../src/model/market/index.js";
import type { MarketPlan, MarketState } from "../../src/model/market/index.js";

function run(s: MarketState, plan: MarketPlan, seed: number, path: number, days: number): { price: number[]; fees: number[] } {
  const rngs = marketRngs(seed, path);
  resetMarket(s, plan, rngs);
  const price: number[] = [];
  const fees: number[] = [];
  for (let d = 0; d < days; d++) {
    price.push(stepMarketDay(s, rngs));
    fees.push(s.fees.feesBtcPerBlock);
  }
  return { price, fees };
}

describe("market", () => {
  it("is deterministic per (seed, path), and a reset state reproduces a fresh one", () => {
    const plan = defaultMarketPlan({ horizonDays: 730 });
    const s = createMarketState(plan);
    const a = run(s, plan, 7, 3, 730);
    run(s, plan, 7, 4, 730);
    expect(run(s, plan, 7, 3, 730)).toEqual(a);
    expect(run(createMarketState(plan), plan, 7, 4, 730).price).not.toEqual(a.price);
  });

  it("changing the fee model does not shift the price path (separate streams)", () => {
    const base = defaultMarketPlan({ horizonDays: 730 });
    const spiky = defaultMarketPlan({ horizonDays: 730, fees: { spikeRatePerYear: 50, sigmaLog: 1 } });
    const a = run(createMarketState(base), base, 11, 0, 730);
    const b = run(createMarketState(spiky), spiky, 11, 0, 730);
    expect(b.price).toEqual(a.price);
    expect(b.fees).not.toEqual(a.fees);
  });

  it("fees change weekly, prices daily", () => {
    const plan = defaultMarketPlan({ horizonDays: 70 });
    const { price, fees } = run(createMarketState(plan), plan, 1, 0, 70);
    let feeChanges = 0;
    let priceChanges = 0;
    for (let d = 1; d < 70; d++) {
      if (fees[d] !== fees[d - 1]) feeChanges++;
      if (price[d] !== price[d - 1]) priceChanges++;
    }
    expect(priceChanges).toBe(69);
    expect(feeChanges).toBeLessThanOrEqual(10); // weekly: days 7, 14, …, 63 (plus a rare spike)
    expect(feeChanges).toBeGreaterThanOrEqual(9);
  });
});
