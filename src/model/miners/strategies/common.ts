/**
 * Building blocks shared by the strategies. Pure functions of the observation that write
 * into the actions buffer; no allocation.
 */
import type { Actions } from "../actions.js";
import { SLOT_PENDING } from "../contracts.js";
import type { Observation } from "../observation.js";
import * as units from "../../units.js";

// Module-local copies of the imported functions called in hot code: optimised code reads an
// imported binding from its module cell, with a hole check, at every call site
// (bench/imports.mjs, bench/README.md). Numeric constants need no copy: the build writes them
// in as literals (scripts/inline-constants.mjs).
const { breakevenHashprice } = units;

/**
 * Flag every PENDING contract whose build start day has come: signed ones always,
 * planned ones if `includePlanned`. (Signed leases are obligations, so every strategy
 * builds them; only `hodl` skips planned pipeline.)
 */
export function startDueContracts(obs: Readonly<Observation>, out: Actions, includePlanned: boolean): void {
  // The test alone, the loop in a function of its own: this is small enough for V8 to inline
  // into every strategy, so the ~9 decisions in 10 without a PENDING slot make no call.
  if (obs.pendingSlots !== 0) flagDueContracts(obs, out, includePlanned);
}

/** {@link startDueContracts}'s loop over the slots. */
function flagDueContracts(obs: Readonly<Observation>, out: Actions, includePlanned: boolean): void {
  const slots = obs.slots;
  const n = Math.min(obs.slotCount, slots.length, out.startContract.length);
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (s.state === SLOT_PENDING && s.startDay <= obs.day && (s.signed || includePlanned)) out.startContract[i] = 1;
  }
}

/** MW a DR deployment obliges the miner to curtail: its enrolled MW during an event, else 0. */
export function drObligationMw(obs: Readonly<Observation>): number {
  // `=== true`: V8 tracks no field type for booleans (a plain test checks every falsy value).
  return obs.drEvent === true ? obs.drEnrolledMw : 0;
}

/**
 * How much to convert now, gross MW, when `wantedMw` could be converted: at most the
 * AI-suitable MW left and the conversion budget; and nothing until that covers a whole
 * block of `blockMw`, unless less than a block can ever be converted — the AI-suitable
 * MW left, or everything the miner could still convert (free idle + mining fleet MW),
 * whichever is smaller: the remainder of the schedule goes in one last, smaller block.
 *
 * So every conversion is at least a block but a remainder, and a miner starts about
 * ⌈AI-suitable MW / block⌉ discretionary conversions (one more for each time its
 * convertible MW fell below a block and grew again, e.g. a lapsed lease), whatever the
 * decision frequency: this keeps them within the preallocated slots (profile.ts
 * extraSlots). Converting any smaller amount at once would start a small conversion at
 * every decision of an `exit` (78 over 18 months of weekly decisions) and run out of
 * slots. While it waits, the MW an `exit` schedule frees are shut down to idle and join
 * the next block (free idle MW are converted first).
 */
export function conversionAmount(obs: Readonly<Observation>, blockMw: number, wantedMw: number): number {
  const suitable = obs.aiSuitableMwRemaining;
  const cap = wantedMw < suitable ? wantedMw : suitable;
  if (!(cap > 0)) return 0;
  const x = cap < obs.conversionBudgetMw ? cap : obs.conversionBudgetMw;
  let need = blockMw < suitable ? blockMw : suitable;
  const convertible = obs.idleFreeMw + miningFleetMw(obs);
  if (convertible < need) need = convertible;
  return x >= need ? x : 0;
}

/**
 * True when mining loses money at the miner's own power cost, with the switch-off lag
 * (CALIBRATION (1) "Shutdown rule": curtail when HP < 0.024·e·(c + variable opex); the
 * fleet's breakeven, units.ts breakevenHashprice):
 *
 * - **Breakeven** HP* = 0.024·e·c, c the contracted $/MWh. Variable opex is 0 here: the
 *   model's non-power opex (params.ts otherOpexUsdPerMwh) is charged on the whole mining
 *   fleet, curtailed MW included (accounting.ts), so switching off does not save it and
 *   must not enter the shutdown test; power is the cost a switch-off avoids.
 * - **Switch off** when both the current hashprice and the trailing hashprice (EWMA with
 *   time constant spec.trailingDays, 30 days after (1) "Exit / curtail lag ~30 days",
 *   range 7–45) are below HP*: a sudden fall is acted on after weeks (a step from 2·HP*
 *   to 0.2·HP* after 30·ln(1.8/0.8) ≈ 24 days, i.e. at the 4th weekly decision), a brief
 *   dip not at all — in line with the network fleet's τ_down = 30 days.
 * - **Switch on** at the first decision whose current hashprice is at or above HP*
 *   (a week or less with weekly decisions), faster than off, like the fleet's τ_up
 *   (7 days, calibration.ts DEFAULT_FLEET_LAG).
 *
 * Power-price spikes are not this rule: they are dispatch (mullet), on the interruptible MW.
 */
export function miningUneconomic(obs: Readonly<Observation>): boolean {
  const breakeven = breakevenHashprice(obs.jPerTh, obs.powerUsdPerMwh);
  return obs.hashpriceUsd < breakeven && obs.trailingHashpriceUsd < breakeven;
}

/** Mining fleet now: mining + curtailed MW. */
export function miningFleetMw(obs: Readonly<Observation>): number {
  return obs.mw[0]! + obs.mw[1]!;
}
