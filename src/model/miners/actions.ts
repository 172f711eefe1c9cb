/**
 * What a strategy decides at a decision event, written into a reused {@link Actions}
 * object, and {@link applyActions}, which carries it out on the miner through the
 * capacity transitions (capacity.ts) and the contract lifecycle (lifecycle.ts).
 *
 * applyActions enforces the limits whatever the strategy wrote: discretionary conversions
 * are clamped to the conversion budget, the AI-suitable MW left and the MW available;
 * dispatch curtailment (price spikes, DR, 4CP) to the interruptible MW. Order: contract
 * starts, conversion, mining cap (shutdown), re-mining, curtailment (economic shutdown or
 * dispatch), hold policy and treasury sales, then the 4CP credit if this decision is a
 * 4CP interval.
 *
 * Two reasons to curtail, both into CURTAILED (mining MW switched off, back at once):
 * - **dispatch** (`curtailTargetMw`): power is worth more than mining it for a few hours,
 *   or a DR / 4CP event; bounded by the interruptible share (only MW on a flexible power
 *   contract can be dispatched against the grid);
 * - **economic shutdown** (`economicOff`): mining loses money at the miner's own power
 *   cost (strategies/common.ts miningUneconomic, CALIBRATION (1) "Shutdown rule"); every
 *   mining MW is switched off, whatever the interruptible share (a miner can always stop
 *   buying power for hardware that does not earn it). The miner's `economicOff` flag
 *   records it, so that curtailed MW above the interruptible share are always explained.
 */
import type { Rng } from "../../random/index.js";
import * as accounting from "./accounting.js";
import * as capacity from "./capacity.js";
import { MW_EPSILON } from "./capacity.js";
import { SLOT_PENDING } from "./contracts.js";
import * as lifecycle from "./lifecycle.js";
import type { MinerState } from "./miner.js";
import type { Observation } from "./observation.js";
import { CURTAILED, MINING } from "./states.js";

// Module-local copies of the imported functions called in hot code: optimised code reads an
// imported binding from its module cell, with a hole check, at every call site
// (bench/imports.mjs, bench/README.md). Numeric constants need no copy: the build writes them
// in as literals (scripts/inline-constants.mjs).
const { creditFourCp, sellTreasury } = accounting;
const { curtailTo, freeIdleMw, shutdownMining, switchOffMining } = capacity;
const { startContract, startDiscretionaryConversion, startRemining } = lifecycle;

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
  /**
   * Dispatch curtailment wanted after this decision, MW (clamped to the interruptible MW);
   * NaN = leave as is, within the interruptible MW (what an ended economic shutdown left
   * above it goes back to mining). Ignored while `economicOff` (everything is off).
   */
  curtailTargetMw: number;
  /**
   * Switch the whole mining fleet off (to CURTAILED) because mining loses money at the
   * miner's power cost; false = mine (subject to `curtailTargetMw`).
   */
  economicOff: boolean;
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
    economicOff: false,
    holdFraction: Number.NaN,
    sellTreasuryBtc: 0,
  };
}

/**
 * Reset to "do nothing". `slotCount` (default: all) limits the contract-start flags
 * cleared to the first `slotCount`: enough before a strategy runs for a miner whose slots
 * in use are all below it, since {@link applyActions} reads no flag beyond the miner's
 * slotCount and the strategies write none (a plain loop: cheaper than fill for a few).
 */
export function clearActions(a: Actions, slotCount = a.startContract.length): void {
  const starts = a.startContract;
  const n = slotCount < starts.length ? slotCount : starts.length;
  for (let i = 0; i < n; i++) starts[i] = 0;
  a.convertMw = 0;
  a.miningCapMw = Number.NaN;
  a.remineMw = 0;
  a.curtailTargetMw = Number.NaN;
  a.economicOff = false;
  a.holdFraction = Number.NaN;
  a.sellTreasuryBtc = 0;
}

/**
 * Carry out `a` on `miner` at `obs.day` (obs must be the observation the actions were
 * decided on). Draws from `rng` only through contract starts. Allocation-free.
 */
export function applyActions(miner: MinerState, obs: Observation, a: Actions, rng: Rng): void {
  // The day is read from obs.day where a (rare) call needs it: held in a local, V8 converted
  // it to a tagged value (a heap number unless a small integer) on entry to every call.
  const slots = miner.slots;
  // Only PENDING slots are started: with none, no flag can matter.
  const n = miner.pendingSlots > 0 ? Math.min(miner.slotCount, a.startContract.length) : 0;
  for (let i = 0; i < n; i++) {
    if (a.startContract[i] === 1) {
      const s = slots[i]!;
      if (s.state === SLOT_PENDING) startContract(miner, s, obs.day, rng);
    }
  }

  if (a.convertMw > 0) {
    let x = a.convertMw;
    if (x > miner.conversionBudgetMw) x = miner.conversionBudgetMw;
    if (x > miner.aiSuitableMwRemaining) x = miner.aiSuitableMwRemaining;
    const available = freeIdleMw(miner) + miner.mw[MINING]! + miner.mw[CURTAILED]!;
    if (x > available) x = available;
    const started = startDiscretionaryConversion(miner, x, obs.aiLeaseUsdPerItMwYr, obs.day, rng);
    miner.conversionBudgetMw -= started;
    miner.aiSuitableMwRemaining -= started;
    if (miner.conversionBudgetMw < 0) miner.conversionBudgetMw = 0;
    // A rounding residue of the AI-suitable MW would otherwise cost a slot of its own later.
    if (miner.aiSuitableMwRemaining < MW_EPSILON * (miner.totalMw > 1 ? miner.totalMw : 1)) miner.aiSuitableMwRemaining = 0;
  }

  if (!Number.isNaN(a.miningCapMw)) {
    const excess = miner.mw[MINING]! + miner.mw[CURTAILED]! - (a.miningCapMw > 0 ? a.miningCapMw : 0);
    if (excess > 0) shutdownMining(miner, excess);
  }
  if (a.remineMw > 0) startRemining(miner, a.remineMw, obs.day);
  miner.economicOff = a.economicOff;
  // `=== true` on boolean fields: V8 tracks no field type for booleans, and a plain test of
  // one checks every falsy value (accounting.ts accrue).
  // Nothing to switch off once all is off (most decisions of a shutdown): no call.
  if (a.economicOff === true) {
    if (miner.mw[MINING]! > 0) switchOffMining(miner);
  } else curtailTo(miner, Number.isNaN(a.curtailTargetMw) ? miner.mw[CURTAILED]! : a.curtailTargetMw);
  if (!Number.isNaN(a.holdFraction)) {
    const h = a.holdFraction;
    miner.holdFraction = h < 0 ? 0 : h > 1 ? 1 : h;
  }
  if (a.sellTreasuryBtc > 0) sellTreasury(miner, a.sellTreasuryBtc, obs.btcPriceUsd, obs.day);
  if (obs.fourCpEvent === true) creditFourCp(miner, obs.day);
}
