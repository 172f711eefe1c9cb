/**
 * Building blocks shared by the strategies. Pure functions of the observation that write
 * into the actions buffer; no allocation.
 */
import type { Actions } from "../actions.js";
import { SLOT_PENDING } from "../contracts.js";
import type { Observation } from "../observation.js";

/**
 * Flag every PENDING contract whose build start day has come: signed ones always,
 * planned ones if `includePlanned`. (Signed leases are obligations, so every strategy
 * builds them; only `hodl` skips planned pipeline.)
 */
export function startDueContracts(obs: Readonly<Observation>, out: Actions, includePlanned: boolean): void {
  const slots = obs.slots;
  const n = Math.min(obs.slotCount, slots.length, out.startContract.length);
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (s.state === SLOT_PENDING && s.startDay <= obs.day && (s.signed || includePlanned)) out.startContract[i] = 1;
  }
}

/** MW a DR deployment obliges the miner to curtail: its enrolled MW during an event, else 0. */
export function drObligationMw(obs: Readonly<Observation>): number {
  return obs.drEvent ? obs.drEnrolledMw : 0;
}

/**
 * How much to convert now, gross MW, when `wantedMw` could be converted: at most the
 * AI-suitable MW left and the conversion budget; and nothing until the budget covers a
 * whole block of `blockMw` (or everything that is left, if that is smaller).
 */
export function conversionAmount(obs: Readonly<Observation>, blockMw: number, wantedMw: number): number {
  const cap = wantedMw < obs.aiSuitableMwRemaining ? wantedMw : obs.aiSuitableMwRemaining;
  if (!(cap > 0)) return 0;
  const x = cap < obs.conversionBudgetMw ? cap : obs.conversionBudgetMw;
  const need = blockMw < cap ? blockMw : cap;
  return x >= need ? x : 0;
}

/** Mining fleet now: mining + curtailed MW. */
export function miningFleetMw(obs: Readonly<Observation>): number {
  return obs.mw[0]! + obs.mw[1]!;
}
