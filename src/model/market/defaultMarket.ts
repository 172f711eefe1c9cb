/**
 * The default market plan of the 2026-03-01 calibration (values and sources in
 * calibration.ts).
 */
import { DEFAULT_AI_LEASE, DEFAULT_FEES, DEFAULT_NETWORK, DEFAULT_POWER_PEAKS, DEFAULT_PRICE } from "../calibration.js";
import type { AiLeasePlan } from "./aiLeaseRates.js";
import type { FeePlan } from "./fees.js";
import type { MarketPlan } from "./market.js";
import type { PowerPeakPlan } from "./powerPeaks.js";
import type { GbmPriceModel, PricePlan, ScheduledShock } from "./priceProcess.js";

/** The default regime-switching GBM with jumps (CALIBRATION.md (4)), arithmetic drift convention. */
export function defaultGbmPriceModel(): GbmPriceModel {
  return { kind: "gbm", driftConvention: "arithmetic", ...DEFAULT_PRICE };
}

/** Options of {@link defaultMarketPlan}. */
export interface DefaultMarketPlanOptions {
  /** Last day simulated (days since the start); sizes the power-peak profile. */
  readonly horizonDays: number;
  readonly price?: PricePlan;
  readonly shocks?: readonly ScheduledShock[];
  readonly fees?: Partial<FeePlan>;
  readonly aiLease?: Partial<AiLeasePlan>;
  readonly powerPeaks?: Partial<Omit<PowerPeakPlan, "startDate" | "horizonDays">>;
  readonly startDate?: string;
}

/** The default market plan over `horizonDays`, with any parts overridden. */
export function defaultMarketPlan(o: DefaultMarketPlanOptions): MarketPlan {
  const startDate = o.startDate ?? DEFAULT_NETWORK.startDate;
  return {
    price: o.price ?? { model: defaultGbmPriceModel(), shocks: o.shocks ?? [] },
    fees: { ...DEFAULT_FEES, ...o.fees },
    aiLease: { ...DEFAULT_AI_LEASE, ...o.aiLease },
    powerPeaks: { ...DEFAULT_POWER_PEAKS, ...o.powerPeaks, startDate, horizonDays: o.horizonDays },
  };
}
