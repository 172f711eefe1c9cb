/**
 * The CALIBRATION anchor of the hashprice-indexed ASIC price (fleetGrowth.ts
 * asicUsdPerThAt: $/TH = p_ref · (HP / HP_ref)^ε).
 *
 * CALIBRATION.md §a.2 "ASIC price levels": new-generation ASICs fell 85% in 2022, from
 * $101.04/TH to $14.88/TH; (1) "ASIC price": "correlated with hashprice". Read as the
 * start and the end of 2022, the two prices are matched with the mean hashprice of
 * January 2022 and of December 2022, computed from the shared data (daily price; the
 * difficulty of the last epoch started by 00:00 UTC of each day; subsidy 6.25 BTC; fees
 * BACKTEST_FEE_SHARE_OF_REWARD of the reward). Then
 *   - HP_ref = the geometric mean of the two hashprices and p_ref = √(101.04 · 14.88)
 *     (BACKTEST_ASIC_USD_PER_TH, the constant price used so far): ε = 0 is the constant
 *     price, and every ε passes through the geometric midpoint of the two observations;
 *   - the elasticity implied by the two points, ε_cal = ln(101.04/14.88) / ln(HP_jan/HP_dec),
 *     a cross-check of the ε fitted on 2016–2018 (fitMarginGrowth.ts).
 */
import { difficultyFromBits } from "../consensus/index.js";
import { epochDayFromIso, isoFromEpochDay } from "../model/market/index.js";
import { SECONDS_PER_DAY, revenuePerPhDayAtDifficulty } from "../model/units.js";
import type { DailyPriceSeries } from "../model/market/index.js";
import { epochStartedBy, type DifficultyEpochs } from "./epochCsv.js";

/** The two 2022 new-generation ASIC prices of CALIBRATION.md §a.2, $/TH (start, end of 2022). */
export const CALIBRATION_ASIC_2022_USD_PER_TH: readonly [number, number] = Object.freeze([101.04, 14.88]);

/** Hashprice on `isoDay` ($/PH/day): that day's price, the difficulty open at 00:00 UTC, the given reward (BTC). */
export function hashpriceOn(epochs: DifficultyEpochs, prices: DailyPriceSeries, isoDay: string, rewardBtc: number): number {
  return hashpriceOnDay(epochs, prices, epochDayFromIso(isoDay), rewardBtc);
}

/** {@link hashpriceOn} for a day given as days since 1970-01-01. */
function hashpriceOnDay(epochs: DifficultyEpochs, prices: DailyPriceSeries, day: number, rewardBtc: number): number {
  const r = epochStartedBy(epochs, day * SECONDS_PER_DAY);
  if (r < 0) throw new RangeError(`hashpriceOn: ${epochs.source} has no epoch open on ${isoFromEpochDay(day)}`);
  const k = day - prices.epochDays[0]!;
  if (!(k >= 0 && k < prices.epochDays.length && prices.epochDays[k] === day)) throw new RangeError(`hashpriceOn: ${prices.source} has no row for ${isoFromEpochDay(day)}`);
  return revenuePerPhDayAtDifficulty(prices.prices[k]!, rewardBtc, difficultyFromBits(epochs.nbits[r]!));
}

/** Mean hashprice over the days [fromIso, toIso] inclusive ($/PH/day). */
export function meanHashprice(epochs: DifficultyEpochs, prices: DailyPriceSeries, fromIso: string, toIso: string, rewardBtc: number): number {
  const d0 = epochDayFromIso(fromIso);
  const d1 = epochDayFromIso(toIso);
  let s = 0;
  for (let d = d0; d <= d1; d++) s += hashpriceOnDay(epochs, prices, d, rewardBtc);
  return s / (d1 - d0 + 1);
}

/** The anchor (see the file comment). */
export interface AsicPriceAnchor {
  /** Mean hashprice of January 2022 and of December 2022, $/PH/day. */
  readonly hashpriceJan2022: number;
  readonly hashpriceDec2022: number;
  /** Geometric mean of the two, $/PH/day (HP_ref). */
  readonly refHashprice: number;
  /** √(101.04 · 14.88), $/TH (p_ref). */
  readonly refUsdPerTh: number;
  /** ln(101.04/14.88) / ln(HP_jan/HP_dec). */
  readonly calibrationElasticity: number;
}

/** Computes the anchor from the shared data; `feeShareOfReward` as in the backtest plan. */
export function calibrationAsicAnchor(epochs: DifficultyEpochs, prices: DailyPriceSeries, feeShareOfReward: number): AsicPriceAnchor {
  const reward = 6.25 / (1 - feeShareOfReward);
  const hi = meanHashprice(epochs, prices, "2022-01-01", "2022-01-31", reward);
  const lo = meanHashprice(epochs, prices, "2022-12-01", "2022-12-31", reward);
  const [pHi, pLo] = CALIBRATION_ASIC_2022_USD_PER_TH;
  return {
    hashpriceJan2022: hi,
    hashpriceDec2022: lo,
    refHashprice: Math.sqrt(hi * lo),
    refUsdPerTh: Math.sqrt(pHi * pLo),
    calibrationElasticity: Math.log(pHi / pLo) / Math.log(hi / lo),
  };
}
