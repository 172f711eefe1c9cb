/**
 * The whole market of one path: BTC price, fees, AI lease rates and power peaks, each
 * drawn from its own random stream so that changing one (say, the fee spike rate) never
 * shifts another's draws (DESIGN.md §4, common random numbers across sweep variants).
 *
 * Only the price needs a daily tick; fees and lease rates change at their own times
 * (weekly, monthly, spike starts and ends), and the power peaks are generated once per
 * path. `stepMarketDay` bundles the daily tick with the due updates for a simple path
 * loop; an event engine may instead call the parts at `nextFeeChangeDay` etc.
 */
import type { Rng } from "../../random/index.js";
import { streamFor } from "../../random/index.js";
import type { AiLeasePlan, AiLeaseState } from "./aiLeaseRates.js";
import { aiLeaseUpdate, createAiLeaseState, resetAiLease } from "./aiLeaseRates.js";
import type { FeePlan, FeeState } from "./fees.js";
import { createFeeState, feesUpdate, nextFeeChangeDay, resetFees } from "./fees.js";
import type { PowerPeakPlan, PowerPeakState } from "./powerPeaks.js";
import { createPowerPeakState, resetPowerPeaks } from "./powerPeaks.js";
import type { PricePlan, PriceState } from "./priceProcess.js";
import { advancePriceDay, createPriceState, resetPrice } from "./priceProcess.js";

/** Everything exogenous about markets for one run. */
export interface MarketPlan {
  readonly price: PricePlan;
  readonly fees: FeePlan;
  readonly aiLease: AiLeasePlan;
  readonly powerPeaks: PowerPeakPlan;
}

/** One generator per market component. */
export interface MarketRngs {
  readonly price: Rng;
  readonly fees: Rng;
  readonly aiLease: Rng;
  readonly powerPeaks: Rng;
}

/** Stream component names used by {@link marketRngs}. */
export const MARKET_STREAMS = Object.freeze({
  price: "market.price",
  fees: "market.fees",
  aiLease: "market.aiLease",
  powerPeaks: "market.powerPeaks",
});

/** The market generators of path `pathIndex` under master seed `seed` (see rng.ts streamFor). */
export function marketRngs(seed: string | number, pathIndex: number): MarketRngs {
  return {
    price: streamFor(seed, pathIndex, MARKET_STREAMS.price),
    fees: streamFor(seed, pathIndex, MARKET_STREAMS.fees),
    aiLease: streamFor(seed, pathIndex, MARKET_STREAMS.aiLease),
    powerPeaks: streamFor(seed, pathIndex, MARKET_STREAMS.powerPeaks),
  };
}

/** Mutable market state of one path. */
export interface MarketState {
  readonly price: PriceState;
  readonly fees: FeeState;
  readonly aiLease: AiLeaseState;
  readonly powerPeaks: PowerPeakState;
}

/** Allocates (and validates) the market state for `plan`. Call {@link resetMarket} per path. */
export function createMarketState(plan: MarketPlan): MarketState {
  return {
    price: createPriceState(plan.price),
    fees: createFeeState(plan.fees),
    aiLease: createAiLeaseState(plan.aiLease),
    powerPeaks: createPowerPeakState(plan.powerPeaks),
  };
}

/** Resets every component to day 0 of a new path. */
export function resetMarket(s: MarketState, plan: MarketPlan, rngs: MarketRngs): void {
  resetPrice(s.price, plan.price, rngs.price);
  resetFees(s.fees, plan.fees, rngs.fees);
  resetAiLease(s.aiLease, plan.aiLease);
  resetPowerPeaks(s.powerPeaks, plan.powerPeaks, rngs.powerPeaks);
}

/**
 * Advances the market one day: the price tick, then fees and lease rates if a change is
 * due on the new day. Returns the new BTC price (USD); read the rest from the state
 * (s.fees.feesBtcPerBlock, s.aiLease.coloUsdPerItMwYear, …).
 */
export function stepMarketDay(s: MarketState, rngs: MarketRngs): number {
  advanceMarketDay(s, rngs);
  return s.price.price;
}

/**
 * {@link stepMarketDay} without the return value (read s.price.price): for a hot loop,
 * where a number returned from a call that is not inlined costs an allocation. The fee
 * and lease-rate updates are called only when one is due (each is a no-op otherwise).
 */
export function advanceMarketDay(s: MarketState, rngs: MarketRngs): void {
  advancePriceDay(s.price, rngs.price);
  const day = s.price.day;
  const fees = s.fees;
  if (day >= nextFeeChangeDay(fees)) feesUpdate(fees, day, rngs.fees);
  if (day >= s.aiLease.nextUpdateDay) aiLeaseUpdate(s.aiLease, day, rngs.aiLease);
}
