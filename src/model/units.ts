/**
 * Unit conversions and the hashprice identities used by the market, the fleet and the
 * named miners. All functions are plain arithmetic on doubles; none allocates.
 *
 * Identities (CALIBRATION.md, "Useful identities", checked against Luxor data in §c):
 * - implied hashrate H [H/s] = D · 2^32 / 600;
 * - hashprice HP [$/PH/day] = 144 · (subsidy + fees per block) · P_BTC / H[PH/s];
 * - revenue per MWh consumed = HP / (0.024 · e), e in J/TH;
 * - power-only breakeven hashprice = 0.024 · e · c, c in $/MWh;
 * - mining revenue per MW per year = HP · (1000 / e) · 365.
 *
 * Why 0.024: 1 PH/s = 1,000 TH/s; at e J/TH it draws 1,000·e W = e kW, i.e. 24·e kWh =
 * 0.024·e MWh per day. The same arithmetic gives a handy identity used by the fleet:
 * 1 EH/s at e J/TH draws exactly e MW.
 */
import { TARGET_SPACING } from "../consensus/index.js";

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;

/**
 * Days per year used to annualise rates and volatilities (σ_daily = σ_annual/√365).
 * Bitcoin trades every calendar day; CALIBRATION.md §h annualises K33's daily σ by √365.
 */
export const DAYS_PER_YEAR = 365;

/** Bitcoin's target block spacing in seconds (Core `nPowTargetSpacing` = 10 minutes). */
export const TARGET_BLOCK_SPACING_S: number = TARGET_SPACING;

/**
 * Nominal blocks per day, 86,400 / 600 = 144. Hashprice is defined on this nominal block
 * rate, as Luxor's Hashprice Index does (CALIBRATION.md "Useful identities"), not on the
 * realised block rate, which differs from 144/day whenever hashrate drifts within an epoch.
 */
export const NOMINAL_BLOCKS_PER_DAY = SECONDS_PER_DAY / TARGET_BLOCK_SPACING_S;

/** 2^32: expected hashes per block at difficulty 1 (Core's GetDifficulty scale). */
export const TWO_POW_32 = 4_294_967_296;

/** Hashes per second in one PH/s, EH/s. */
export const HS_PER_PH = 1e15;
export const HS_PER_EH = 1e18;

/**
 * MWh drawn per day by 1 PH/s at 1 J/TH: 1 PH/s = 1e3 TH/s → 1e3 W per (J/TH) →
 * 24 kWh/day = 0.024 MWh/day. (CALIBRATION.md "Useful identities".)
 */
export const MWH_PER_PH_DAY_PER_J_PER_TH = 0.024;

/** Satoshis per bitcoin. */
export const SAT_PER_BTC = 100_000_000;

/** EH/s → H/s. */
export function ehToHs(eh: number): number {
  return eh * HS_PER_EH;
}

/** H/s → EH/s. */
export function hsToEh(hs: number): number {
  return hs / HS_PER_EH;
}

/** PH/s → H/s. */
export function phToHs(ph: number): number {
  return ph * HS_PER_PH;
}

/** H/s → PH/s. */
export function hsToPh(hs: number): number {
  return hs / HS_PER_PH;
}

/**
 * The hashrate [H/s] at which blocks arrive every 600 s on average at difficulty D:
 * H = D · 2^32 / 600 (CALIBRATION.md "Useful identities"; Core's difficulty 1 is
 * 2^32 expected hashes per block, up to the 0xFFFF·2^208 vs 2^224 rounding of the
 * difficulty-1 target, which is below 2e-5 relative and ignored here). Same formula as
 * consensus `hashrateFromDifficulty(D, 600)`, without its argument checks, for hot loops.
 */
export function impliedHashrateHs(difficulty: number): number {
  return (difficulty * TWO_POW_32) / TARGET_BLOCK_SPACING_S;
}

/** Inverse of {@link impliedHashrateHs}: D = H · 600 / 2^32. */
export function impliedDifficulty(hashrateHs: number): number {
  return (hashrateHs * TARGET_BLOCK_SPACING_S) / TWO_POW_32;
}

/**
 * Hashprice in $/PH/day as published (Luxor's definition):
 * HP = 144 · (subsidy + fees per block) · P / H[PH/s].
 *
 * `hashrateHs` is the network hashrate in H/s. 144 blocks/day is nominal (see
 * {@link NOMINAL_BLOCKS_PER_DAY}). Returns +Infinity when hashrate is 0 and the reward is
 * positive (the caller decides what a stalled chain means).
 */
export function hashpriceUsdPerPhDay(
  priceUsd: number,
  subsidyBtc: number,
  feesBtcPerBlock: number,
  hashrateHs: number,
): number {
  return (NOMINAL_BLOCKS_PER_DAY * (subsidyBtc + feesBtcPerBlock) * priceUsd) / (hashrateHs / HS_PER_PH);
}

/**
 * Expected revenue of 1 PH/s for one day at difficulty D, in $/PH/day, FPPS-style:
 * blocks per PH per day = 86,400 · 10^15 / (D · 2^32), times reward and price.
 *
 * This does not depend on the network hashrate: given the difficulty, a miner's expected
 * block count is fixed by its own hashrate. It is the signal a miner's switch-on/off
 * decision uses. It coincides with {@link hashpriceUsdPerPhDay} when the network
 * hashrate equals the difficulty-implied hashrate D·2^32/600.
 */
export function revenuePerPhDayAtDifficulty(priceUsd: number, rewardBtcPerBlock: number, difficulty: number): number {
  return ((SECONDS_PER_DAY * HS_PER_PH) / (difficulty * TWO_POW_32)) * rewardBtcPerBlock * priceUsd;
}

/**
 * Power-only breakeven hashprice in $/PH/day for hardware at `jPerTh` J/TH paying
 * `usdPerMwh` $/MWh: 0.024 · e · c (CALIBRATION.md "Useful identities").
 */
export function breakevenHashprice(jPerTh: number, usdPerMwh: number): number {
  return MWH_PER_PH_DAY_PER_J_PER_TH * jPerTh * usdPerMwh;
}

/**
 * Revenue per MWh consumed, in $/MWh, for a fleet at `jPerTh` J/TH earning hashprice
 * `hashprice` $/PH/day: HP / (0.024 · e). Also the power price above which that fleet
 * is better off curtailed (CALIBRATION.md "Useful identities"; Luxor 12 Jan 2026).
 */
export function revenuePerMwh(hashprice: number, jPerTh: number): number {
  return hashprice / (MWH_PER_PH_DAY_PER_J_PER_TH * jPerTh);
}

/**
 * Mining revenue per MW of power per year, in $/MW-yr: HP · (1000 / e) · 365
 * (1 MW runs 1000/e PH/s; CALIBRATION.md "Useful identities").
 */
export function miningRevenuePerMwYear(hashprice: number, jPerTh: number): number {
  return hashprice * (1000 / jPerTh) * DAYS_PER_YEAR;
}

/** Power drawn in MW by `eh` EH/s at `jPerTh` J/TH: 1 EH/s at e J/TH draws e MW. */
export function powerMwFromEh(eh: number, jPerTh: number): number {
  return eh * jPerTh;
}

/** EH/s that `mw` MW runs at `jPerTh` J/TH. */
export function ehFromPowerMw(mw: number, jPerTh: number): number {
  return mw / jPerTh;
}
