/**
 * The capacity state machine: every transition moves MW between the five states of
 * states.ts and conserves the miner's total MW, except {@link acquireCapacity}, which adds
 * a new site's MW (as idle) and raises the total by the same amount. Amounts are clamped
 * to what the source state holds, so no state goes negative; residues below
 * {@link MW_EPSILON} relative to the total are snapped to zero so that rounding never
 * leaves a "−1e-13 MW" state.
 *
 * Transitions (DESIGN.md §3; the task brief):
 * - mining ↔ curtailed: {@link curtailTo} (dispatch: instant; bounded by the interruptible
 *   share) and {@link switchOffMining} (economic shutdown: every mining MW; actions.ts);
 * - curtailed/mining → idle: {@link shutdownMining} (instant, no capex);
 * - idle/mining/curtailed → converting: {@link beginConversion} (capex is booked by the
 *   caller, contractLifecycle.ts); new sites: acquire, then idle → converting;
 * - converting → ai: {@link completeConversion} after the build time;
 * - ai → idle: {@link defaultToIdle} (tenant default, MW reserved for the re-lease) and
 *   {@link endLease} (lease over, MW free);
 * - idle (reserved) → ai: {@link releaseFromIdle} (re-lease of a built hall, no capex);
 * - converting → idle: {@link terminateBuild} (tenant terminates a late build);
 * - idle → converting → mining: {@link beginRemining} / {@link completeRemining}: converted
 *   MW cannot return to mining instantly (capex and time, see params.ts).
 */
import type { MinerState } from "./miner.js";
import type { CapacitySource } from "./contracts.js";
import { SLOT_ACTIVE, SLOT_BUILDING, SLOT_PENDING, SLOT_RELEASING } from "./contracts.js";
import type { MwState } from "./states.js";
import { AI, CONVERTING, CURTAILED, IDLE, MINING, MW_STATE_COUNT, MW_STATE_NAMES } from "./states.js";

/** Relative size below which a state's residue is snapped to zero. */
export const MW_EPSILON = 1e-12;

function snap(miner: MinerState, state: MwState): void {
  const v = miner.mw[state]!;
  if (v < MW_EPSILON * (miner.totalMw > 1 ? miner.totalMw : 1)) miner.mw[state] = 0;
}

/** Move up to `mw` MW from one state to another; returns the MW moved (≥ 0). */
export function moveMw(miner: MinerState, from: MwState, to: MwState, mw: number): number {
  if (!(mw > 0)) return 0;
  const available = miner.mw[from]!;
  const x = mw < available ? mw : available;
  if (!(x > 0)) return 0;
  miner.mw[from] = available - x;
  miner.mw[to] = miner.mw[to]! + x;
  snap(miner, from);
  if (from === MINING || to === MINING) miner.miningMwChanged = true; // miner.ts: the path loop's hashrate
  return x;
}

/** Idle MW not reserved for a re-lease. */
export function freeIdleMw(miner: MinerState): number {
  const v = miner.mw[IDLE]! - miner.idleReservedMw;
  return v > 0 ? v : 0;
}

/** Add a new site's `mw` MW to the miner, as idle (the only transition that changes the total). */
export function acquireCapacity(miner: MinerState, mw: number): void {
  if (!(mw > 0)) return;
  miner.mw[IDLE] = miner.mw[IDLE]! + mw;
  miner.totalMw += mw;
}

/** MW that may be curtailed now: interruptible share × (mining + curtailed). */
export function interruptibleMw(miner: MinerState): number {
  return miner.spec.interruptibleShare * (miner.mw[MINING]! + miner.mw[CURTAILED]!);
}

/**
 * Set the curtailed MW to `target`, clamped to [0, interruptible MW], moving MW between
 * mining and curtailed. Returns the curtailed MW after the move.
 */
export function curtailTo(miner: MinerState, target: number): number {
  const limit = interruptibleMw(miner);
  let t = target > 0 ? target : 0;
  if (t > limit) t = limit;
  const current = miner.mw[CURTAILED]!;
  if (t > current) moveMw(miner, MINING, CURTAILED, t - current);
  else if (t < current) moveMw(miner, CURTAILED, MINING, current - t);
  return miner.mw[CURTAILED]!;
}

/**
 * Economic shutdown: switch every mining MW off (mining → curtailed); returns the MW
 * moved. Not bounded by the interruptible share, which limits dispatch against the grid
 * only (see actions.ts); the caller sets `miner.economicOff`.
 */
export function switchOffMining(miner: MinerState): number {
  return moveMw(miner, MINING, CURTAILED, miner.mw[MINING]!);
}

/**
 * Shut down up to `mw` MW of the mining fleet to idle, curtailed MW first (they are off
 * already), then mining; returns MW moved. Curtailed-first keeps curtailed ≤ interruptible
 * share × fleet (when no economic shutdown is on): if c ≤ s·f then c − x ≤ s·(f − x) for
 * every x ≥ 0; and keeps a shut-down fleet all curtailed.
 */
export function shutdownMining(miner: MinerState, mw: number): number {
  const a = moveMw(miner, CURTAILED, IDLE, mw);
  return a + moveMw(miner, MINING, IDLE, mw - a);
}

/**
 * Put exactly `grossMw` into CONVERTING for an AI build. Source "new": the MW are acquired
 * (a new site). Source "mining": free idle MW first, then curtailed, then mining (the
 * order of {@link shutdownMining}, for the same reason); any shortfall is acquired as new
 * capacity (the contract is for its stated size).
 */
export function beginConversion(miner: MinerState, grossMw: number, source: CapacitySource): void {
  if (!(grossMw > 0)) return;
  let need = grossMw;
  if (source === "mining") {
    need -= moveMw(miner, IDLE, CONVERTING, Math.min(need, freeIdleMw(miner)));
    need -= moveMw(miner, CURTAILED, CONVERTING, need);
    need -= moveMw(miner, MINING, CONVERTING, need);
  }
  if (need > MW_EPSILON * grossMw) {
    acquireCapacity(miner, need);
    moveMw(miner, IDLE, CONVERTING, need);
  }
}

/** Converting → AI when a build energises. */
export function completeConversion(miner: MinerState, grossMw: number): number {
  return moveMw(miner, CONVERTING, AI, grossMw);
}

/** AI → idle on a tenant default; the MW stay reserved for the re-lease. */
export function defaultToIdle(miner: MinerState, grossMw: number): number {
  const x = moveMw(miner, AI, IDLE, grossMw);
  miner.idleReservedMw += x;
  return x;
}

/** Reserved idle → AI when a defaulted site is re-leased. */
export function releaseFromIdle(miner: MinerState, grossMw: number): number {
  const x = moveMw(miner, IDLE, AI, Math.min(grossMw, miner.idleReservedMw));
  miner.idleReservedMw -= x;
  if (miner.idleReservedMw < MW_EPSILON * (miner.totalMw > 1 ? miner.totalMw : 1)) miner.idleReservedMw = 0;
  return x;
}

/** AI → idle (free) when a lease ends without renewal. */
export function endLease(miner: MinerState, grossMw: number): number {
  return moveMw(miner, AI, IDLE, grossMw);
}

/** Converting → idle (free) when a tenant terminates a late build; the capex is sunk. */
export function terminateBuild(miner: MinerState, grossMw: number): number {
  return moveMw(miner, CONVERTING, IDLE, grossMw);
}

/** Free idle → converting for a re-mining build; returns MW moved. */
export function beginRemining(miner: MinerState, mw: number): number {
  return moveMw(miner, IDLE, CONVERTING, Math.min(mw, freeIdleMw(miner)));
}

/** Converting → mining when a re-mining build completes. */
export function completeRemining(miner: MinerState, mw: number): number {
  return moveMw(miner, CONVERTING, MINING, mw);
}

/**
 * Check the capacity invariants; returns null when they hold, else a description.
 * (For tests and debug runs; not called on the hot path.) Invariants: every state finite
 * and ≥ 0; Σ states = total MW; CONVERTING = Σ building slots + Σ re-mining slots;
 * AI = Σ active slots; reserved idle = Σ re-leasing slots ≤ IDLE; pendingSlots = number of
 * PENDING slots. Sums are compared with
 * a relative tolerance `tol` of the total.
 */
export function checkCapacity(miner: MinerState, tol = 1e-9): string | null {
  let sum = 0;
  for (let s = 0; s < MW_STATE_COUNT; s++) {
    const v = miner.mw[s]!;
    if (!Number.isFinite(v)) return `${MW_STATE_NAMES[s]} MW is ${v}`;
    if (v < 0) return `${MW_STATE_NAMES[s]} MW is negative: ${v}`;
    sum += v;
  }
  const scale = tol * Math.max(1, miner.totalMw);
  if (!Number.isFinite(miner.totalMw)) return `total MW is ${miner.totalMw}`;
  if (Math.abs(sum - miner.totalMw) > scale) return `states sum to ${sum}, total is ${miner.totalMw}`;
  let building = 0;
  let active = 0;
  let releasing = 0;
  let pending = 0;
  for (const slot of miner.slots) {
    if (slot.state === SLOT_PENDING) pending += 1;
    else if (slot.state === SLOT_BUILDING) building += slot.grossMw;
    else if (slot.state === SLOT_ACTIVE) active += slot.grossMw;
    else if (slot.state === SLOT_RELEASING) releasing += slot.grossMw;
  }
  for (const r of miner.remine) if (r.active) building += r.mw;
  if (Math.abs(miner.mw[CONVERTING]! - building) > scale)
    return `converting ${miner.mw[CONVERTING]} ≠ builds ${building}`;
  if (Math.abs(miner.mw[AI]! - active) > scale) return `ai ${miner.mw[AI]} ≠ active contracts ${active}`;
  if (Math.abs(miner.idleReservedMw - releasing) > scale)
    return `reserved idle ${miner.idleReservedMw} ≠ re-leasing contracts ${releasing}`;
  if (miner.idleReservedMw > miner.mw[IDLE]! + scale) return `reserved idle ${miner.idleReservedMw} > idle ${miner.mw[IDLE]}`;
  if (miner.pendingSlots !== pending) return `pendingSlots ${miner.pendingSlots} ≠ PENDING slots ${pending}`;
  return null;
}
