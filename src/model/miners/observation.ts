/**
 * What a strategy sees at a decision event: the market at that instant (filled by the
 * path loop into a {@link MarketView}) and the miner's own state, condensed into an
 * {@link Observation} by {@link observe}. Both are reusable scratch objects.
 *
 * `observe` also advances two pieces of the miner's bookkeeping that belong to decision
 * time, so that strategies stay pure functions of the observation:
 * - the conversion budget: it accrues at build rate × exitSpeed per year since the last
 *   decision, capped at max(min block, build rate × exitSpeed × budgetBurstDays/365)
 *   (starts at 0 on day 0, so cumulative discretionary conversions never exceed
 *   build rate × exitSpeed × days/365);
 * - the run of "trailing mining margin below the AI alternative": `marginBelowSinceDay` is
 *   the first decision day of the current run (NaN when the margin is not below).
 */
import * as capacity from "./capacity.js";
import type { ContractSlot } from "./contracts.js";
import * as units from "../units.js";
import * as economics from "./economics.js";
import type { MinerState } from "./miner.js";
import { MW_STATE_COUNT } from "./states.js";

// Module-local copies of the imported functions called in hot code: optimised code reads an
// imported binding from its module cell, with a hole check, at every call site
// (bench/imports.mjs, bench/README.md). Numeric constants need no copy: the build writes them
// in as literals (scripts/inline-constants.mjs).
const { freeIdleMw, interruptibleMw } = capacity;
const { revenuePerMwh } = units;
const { aiAlternativeFromAnnuity, miningMarginPerMwYear } = economics;

/** Market state at a decision instant, filled by the path loop. */
export interface MarketView {
  day: number;
  /** Current hashprice, $/PH/day. */
  hashpriceUsdPerPhDay: number;
  btcPriceUsd: number;
  /** Real-time power price now, $/MWh; NaN = no window (the miner's contracted price). */
  rtPowerUsdPerMwh: number;
  /** An ERCOT ERS / DR deployment is under way. */
  drEvent: boolean;
  /** This instant is an ERCOT 4CP interval. */
  fourCpEvent: boolean;
  /** Base-term average rate for new colocation leases, $/IT-MW-yr; NaN = the miner's terms. */
  aiLeaseUsdPerItMwYr: number;
}

/** A blank market view (setup only). */
export function createMarketView(): MarketView {
  return {
    day: 0,
    hashpriceUsdPerPhDay: Number.NaN,
    btcPriceUsd: Number.NaN,
    rtPowerUsdPerMwh: Number.NaN,
    drEvent: false,
    fourCpEvent: false,
    aiLeaseUsdPerItMwYr: Number.NaN,
  };
}

/** What a strategy reads. Strategies must not mutate it (or the slots it points to). */
export interface Observation {
  day: number;
  /**
   * The miner's MW by state: after {@link observeMiner}, the miner's own array, not a copy
   * (current: applyActions' transitions show in it). Read only: writing an element changes
   * the miner itself.
   */
  readonly mw: Float64Array;
  /** Idle MW not reserved for a re-lease. */
  idleFreeMw: number;
  /** Mining MW at day 0 (the exit schedule's starting level). */
  initialMiningMw: number;
  jPerTh: number;
  powerUsdPerMwh: number;
  otherOpexUsdPerMwh: number;
  hashpriceUsd: number;
  btcPriceUsd: number;
  /** Mining revenue per MWh now, HP/(0.024·e). */
  revenuePerMwh: number;
  /** Trailing hashprice (EWMA, spec.trailingDays), $/PH/day. */
  trailingHashpriceUsd: number;
  /** Mining cash margin at the trailing hashprice, $/MW-yr. */
  trailingMiningMarginUsdPerMwYr: number;
  /** Rate a new lease would get, $/IT-MW-yr (market, or the miner's terms). */
  aiLeaseUsdPerItMwYr: number;
  /** AI alternative net of the capex annuity, $/gross MW-yr (economics.ts). */
  aiAlternativeUsdPerMwYr: number;
  /** Days the trailing margin has been below the AI alternative (0 if it is not). */
  daysMarginBelowAi: number;
  rtPowerUsdPerMwh: number;
  drEvent: boolean;
  fourCpEvent: boolean;
  interruptibleMw: number;
  drEnrolledMw: number;
  conversionBudgetMw: number;
  aiSuitableMwRemaining: number;
  exitSpeed: number;
  holdFraction: number;
  /** The miner's contract slots (read only). */
  slots: readonly ContractSlot[];
  /** Slots in use are all below this index. */
  slotCount: number;
  /**
   * Number of PENDING slots among them (miner.pendingSlots); NaN = not counted (a
   * hand-made observation). When 0, strategies skip the search for contracts to start.
   */
  pendingSlots: number;
}

const NO_SLOTS: readonly ContractSlot[] = Object.freeze([]);

/** A blank observation (setup only). */
export function createObservation(): Observation {
  return {
    day: 0,
    mw: new Float64Array(MW_STATE_COUNT),
    idleFreeMw: 0,
    initialMiningMw: 0,
    jPerTh: Number.NaN,
    powerUsdPerMwh: Number.NaN,
    otherOpexUsdPerMwh: Number.NaN,
    hashpriceUsd: Number.NaN,
    btcPriceUsd: Number.NaN,
    revenuePerMwh: Number.NaN,
    trailingHashpriceUsd: Number.NaN,
    trailingMiningMarginUsdPerMwYr: Number.NaN,
    aiLeaseUsdPerItMwYr: Number.NaN,
    aiAlternativeUsdPerMwYr: Number.NaN,
    daysMarginBelowAi: 0,
    rtPowerUsdPerMwh: Number.NaN,
    drEvent: false,
    fourCpEvent: false,
    interruptibleMw: 0,
    drEnrolledMw: 0,
    conversionBudgetMw: 0,
    aiSuitableMwRemaining: 0,
    exitSpeed: 1,
    holdFraction: 0,
    slots: NO_SLOTS,
    slotCount: 0,
    pendingSlots: Number.NaN,
  };
}

/**
 * Fill `obs` for `miner` at `market.day` and advance the miner's decision-time bookkeeping
 * (budget, below-margin run; see the module note). Allocation-free. Call after accruing
 * and advancing contracts to the same day. Same as {@link observeMarket} then
 * {@link observeMiner}.
 */
export function observe(miner: MinerState, market: MarketView, obs: Observation): Observation {
  observeMarket(market, obs);
  return observeMiner(miner, market, obs);
}

/**
 * The part of {@link observe} that does not depend on the miner: the market's hashprice,
 * BTC price, real-time power price and event flags. A path loop that lets several miners act
 * at one instant may fill them once, then call {@link observeMiner} for each miner (no
 * strategy or action writes them).
 */
export function observeMarket(market: MarketView, obs: Observation): void {
  obs.hashpriceUsd = market.hashpriceUsdPerPhDay;
  obs.btcPriceUsd = market.btcPriceUsd;
  obs.rtPowerUsdPerMwh = market.rtPowerUsdPerMwh;
  obs.drEvent = market.drEvent;
  obs.fourCpEvent = market.fourCpEvent;
}

/**
 * The rest of {@link observe}: everything that depends on the miner, and its bookkeeping.
 * `obs` must hold {@link observeMarket}'s fields for the same market instant.
 */
export function observeMiner(miner: MinerState, market: MarketView, obs: Observation): Observation {
  const spec = miner.spec;
  const day = market.day;
  const terms = spec.conversionTerms;

  // Conversion budget (rate and cap precomputed per miner, miner.ts).
  if (day > miner.budgetDay) {
    const cap = miner.budgetCapMw;
    const b = miner.conversionBudgetMw + miner.budgetRatePerDay * (day - miner.budgetDay);
    miner.conversionBudgetMw = b < cap ? b : cap;
    miner.budgetDay = day;
  }

  // Margins.
  const hpNow = market.hashpriceUsdPerPhDay;
  const hpTrail = Number.isNaN(miner.trailingHashpriceUsd) ? hpNow : miner.trailingHashpriceUsd;
  const other = spec.economics.otherOpexUsdPerMwh;
  const margin = miningMarginPerMwYear(hpTrail, spec.jPerTh, spec.powerUsdPerMwh, other);
  const lease = Number.isFinite(market.aiLeaseUsdPerItMwYr) ? market.aiLeaseUsdPerItMwYr : terms.usdPerItMwYr;
  const alt = aiAlternativeFromAnnuity(terms, lease, spec.conversionCapexAnnuityPerItMw);
  if (margin < alt) {
    if (Number.isNaN(miner.marginBelowSinceDay)) miner.marginBelowSinceDay = day;
  } else {
    miner.marginBelowSinceDay = Number.NaN;
  }

  obs.day = day;
  // The miner's array itself, not a copy: a pointer store, where copying the five states cost
  // ~40 instructions per decision (both arrays' bounds checked at every element). Strategies
  // read it before applyActions changes the MW, so they see the same values.
  (obs as { mw: Float64Array }).mw = miner.mw;
  obs.idleFreeMw = freeIdleMw(miner);
  obs.initialMiningMw = spec.miningMw;
  obs.jPerTh = spec.jPerTh;
  obs.powerUsdPerMwh = spec.powerUsdPerMwh;
  obs.otherOpexUsdPerMwh = other;
  obs.revenuePerMwh = revenuePerMwh(hpNow, spec.jPerTh);
  obs.trailingHashpriceUsd = hpTrail;
  obs.trailingMiningMarginUsdPerMwYr = margin;
  obs.aiLeaseUsdPerItMwYr = lease;
  obs.aiAlternativeUsdPerMwYr = alt;
  obs.daysMarginBelowAi = Number.isNaN(miner.marginBelowSinceDay) ? 0 : day - miner.marginBelowSinceDay;
  const interruptible = interruptibleMw(miner);
  obs.interruptibleMw = interruptible;
  obs.drEnrolledMw = spec.drEnrolledShare * interruptible;
  obs.conversionBudgetMw = miner.conversionBudgetMw;
  obs.aiSuitableMwRemaining = miner.aiSuitableMwRemaining;
  obs.exitSpeed = spec.exitSpeed;
  obs.holdFraction = miner.holdFraction;
  obs.slots = miner.slots;
  obs.slotCount = miner.slotCount;
  obs.pendingSlots = miner.pendingSlots;
  return obs;
}
