/**
 * What a strategy decides at a decision event, written into a reused {@link Actions}
 * object, and {@link applyActions}, which carries it out on the miner through the
 * capacity transitions (capacity.ts) and the contract lifecycle (lifecycle.ts).
 *
 * applyActions enforces the limits whatever the strategy wrote: discretionary conversions
 * are clamped to the conversion budget, the AI-suitable MW left and the MW available;
 * curtailment to the interruptible MW. Order: contract starts, conversion, mining cap (shutdown),
 * re-mining, curtailment, hold policy and treasury sales, then the 4CP credit if this
 * decision is a 4CP interval.
 */
import type { Rng } from "../../random/index.js";
import { creditFourCp, sellTreasury } from "./accounting.js";
import { curtailTo, freeIdleMw, shutdownMining } from "./capacity.js";
import { SLOT_PENDING } from "./contracts.js";
import { startContract, startDiscretionaryConversion, startRemining } from "./lifecycle.js";
import type { MinerState } from "./miner.js";
import type { Observation } from "./observation.js";
import { CURTAILED, MINING } from "./states.js";

export interface Actions {
  /** 1 at slot i: start the build of PENDING slot i now. */
  readonly startContract: Uint8Array;
  /** Discretionary conversion, gross MW (from free idle, then curtailed, then mining MW). */
  convertMw: number;
  /**
   * Upper bound on the mining fleet (mining + curtailed MW) after the conversion: any
   * excess is shut down to idle (curtailed first, then mining). NaN = no bound.
   */
  miningCapMw: number;
  /** Free idle → mining through a re-mining build, MW. */
  remineMw: number;
  /** Curtailed MW wanted after this decision; NaN = leave as is. */
  curtailTargetMw: number;
  /** New hold fraction; NaN = leave as is. */
  holdFraction: number;
  /** Treasury BTC to sell now at the observation's price. */
  sellTreasuryBtc: number;
}

/** Allocate an actions buffer for miners with `slotCapacity` slots (setup only). */
export function createActions(slotCapacity: number): Actions {
  return {
    startContract: new Uint8Array(slotCapacity),
    convertMw: 0,
    miningCapMw: Number.NaN,
    remineMw: 0,
    curtailTargetMw: Number.NaN,
    holdFraction: Number.NaN,
    sellTreasuryBtc: 0,
  };
}

/** Reset to "do nothing". */
export function clearActions(a: Actions): void {
  a.startContract.fill(0);
  a.convertMw = 0;
  a.miningCapMw = Number.NaN;
  a.remineMw = 0;
  a.curtailTargetMw = Number.NaN;
  a.holdFraction = Number.NaN;
  a.sellTreasuryBtc = 0;
}

/**
 * Carry out `a` on `miner` at `obs.day` (obs must be the observation the actions were
 * decided on). Draws from `rng` only through contract starts. Allocation-free.
 */
export function applyActions(miner: MinerState, obs: Observation, a: Actions, rng: Rng): void {
  const day = obs.day;
  const slots = miner.slots;
  const n = Math.min(miner.slotCount, a.startContract.length);
  for (let i = 0; i < n; i++) {
    if (a.startContract[i] === 1) {
      const s = slots[i]!;
      if (s.state === SLOT_PENDING) startContract(miner, s, day, rng);
    }
  }

  if (a.convertMw > 0) {
    let x = a.convertMw;
    if (x > miner.conversionBudgetMw) x = miner.conversionBudgetMw;
    if (x > miner.aiSuitableMwRemaining) x = miner.aiSuitableMwRemaining;
    const available = freeIdleMw(miner) + miner.mw[MINING]! + miner.mw[CURTAILED]!;
    if (x > available) x = available;
    const started = startDiscretionaryConversion(miner, x, obs.aiLeaseUsdPerItMwYr, day, rng);
    miner.conversionBudgetMw -= started;
    miner.aiSuitableMwRemaining -= started;
    if (miner.conversionBudgetMw < 0) miner.conversionBudgetMw = 0;
    if (miner.aiSuitableMwRemaining < 0) miner.aiSuitableMwRemaining = 0;
  }

  if (!Number.isNaN(a.miningCapMw)) {
    const excess = miner.mw[MINING]! + miner.mw[CURTAILED]! - (a.miningCapMw > 0 ? a.miningCapMw : 0);
    if (excess > 0) shutdownMining(miner, excess);
  }
  if (a.remineMw > 0) startRemining(miner, a.remineMw, day);
  if (!Number.isNaN(a.curtailTargetMw)) curtailTo(miner, a.curtailTargetMw);
  if (!Number.isNaN(a.holdFraction)) {
    const h = a.holdFraction;
    miner.holdFraction = h < 0 ? 0 : h > 1 ? 1 : h;
  }
  if (a.sellTreasuryBtc > 0) sellTreasury(miner, a.sellTreasuryBtc, obs.btcPriceUsd, day);
  if (obs.fourCpEvent) creditFourCp(miner, day);
}
