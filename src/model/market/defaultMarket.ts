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

/**
 * The default regime-switching GBM with jumps (CALIBRATION.md (4)), **log** drift convention:
 * (4) "Drift μ (real-world) 0%/yr base" is read as a zero expected log return (jumps and the
 * crash overlay compensated), so the median price path stays near S₀ = $70k. Under the
 * "arithmetic" convention the same μ = 0 makes the price a martingale (mean S₀), whose
 * median falls ~15%/yr with these volatilities and jumps (~$25k by 2032): a strongly bearish
 * baseline that no source in CALIBRATION.md asks for. Scenarios can choose either
 * (`market.price.driftConvention`).
 */
export function defaultGbmPriceModel(): GbmPriceModel {
  return { kind: "gbm", driftConvention: "log", ...DEFAULT_PRICE };
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
