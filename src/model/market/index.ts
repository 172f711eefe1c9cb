/**
 * The market, exogenous per path: BTC/USD (regime-switching GBM with jumps, block
 * bootstrap, or a fixed path), fees per block, AI lease rates for new contracts and a
 * seasonal power-peak profile. Engine-agnostic: plain mutable state and step functions.
 */
export type { BootstrapPriceModel, FixedPriceModel, GbmPriceModel, PricePlan, PriceState, ScheduledShock } from "./priceProcess.js";
export { advancePriceDay, createPriceState, resetPrice, shockFromPercent, stepPriceDay, validatePricePlan } from "./priceProcess.js";
export type { DailyPriceSeries } from "./dailyPriceCsv.js";
export { DailyPriceCsvError, dailyLogReturns, fixedPricePath, parseDailyPriceCsv, priceOnDay } from "./dailyPriceCsv.js";
export type { FeePlan, FeeState } from "./fees.js";
export { createFeeState, feesUpdate, nextFeeChangeDay, resetFees, validateFeePlan } from "./fees.js";
export type { AiLeasePlan, AiLeaseState } from "./aiLeaseRates.js";
export { aiLeaseUpdate, createAiLeaseState, resetAiLease, validateAiLeasePlan } from "./aiLeaseRates.js";
export type { PeakQuery, PowerPeakPlan, PowerPeakState } from "./powerPeaks.js";
export {
  PEAK_FLAG_4CP_CANDIDATE,
  PEAK_FLAG_4CP_INTERVAL,
  createPeakQuery,
  createPowerPeakState,
  nextPeakDay,
  peakOnDay,
  resetPowerPeaks,
  validatePowerPeakPlan,
} from "./powerPeaks.js";
export type { MarketPlan, MarketRngs, MarketState } from "./market.js";
export { MARKET_STREAMS, advanceMarketDay, createMarketState, marketRngs, resetMarket, stepMarketDay } from "./market.js";
export type { DefaultMarketPlanOptions } from "./defaultMarket.js";
export { defaultGbmPriceModel, defaultMarketPlan } from "./defaultMarket.js";
export { dayIndexFromIso, epochDayFromIso, isoFromEpochDay, tryEpochDayFromIso, weekdayOfEpochDay } from "./isoDate.js";
