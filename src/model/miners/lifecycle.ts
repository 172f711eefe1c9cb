/**
 * The life of a miner's contracts and builds along a path, and the per-path reset.
 *
 * A contract slot goes PENDING → BUILDING (capex spent, MW converting; a delivery slip is
 * drawn) → ACTIVE (MW in AI, earning; a default time is drawn) → at the end of its term a
 * renewal option is drawn (renew: the term extends; lapse: MW back to idle, slot freed)
 * or, at the default time, RELEASING (MW idle, reserved) → ACTIVE again after the
 * re-lease delay at a discounted rate with a new tenant. A late build can be terminated
 * by the tenant (MW to idle, capex sunk).
 *
 * Randomness, all from the miner's own stream (DESIGN.md §4), drawn at fixed points so a
 * run replays exactly:
 * - at build start: one Bernoulli(p_slip) and one uniform for the slip length (both
 *   always drawn, CALIBRATION (3) "Delivery-delay risk: p = 0.25 of a 3–6-month slip");
 * - at energisation and at a re-lease: one exponential waiting time to default, rate =
 *   the counterparty hazard per year ((3) "Counterparty default hazard"), measured from
 *   max(energisation, day 0); memoryless, so one draw covers renewals too — not a daily
 *   coin flip;
 * - at each term end with an option left: one Bernoulli(p_renew) ((3) "p(renew) 0.6").
 *
 * The path loop must give the miner an event at {@link nextMinerEventDay} (accrue first,
 * then {@link advanceContracts}); contract states then only change at events, which is
 * what accounting.ts assumes.
 */
import { bernoulliVariate, exponentialVariate } from "../../random/index.js";
import type { Rng } from "../../random/index.js";
import { bookCapex, resetLedger } from "./accounting.js";
import {
  beginConversion,
  beginRemining,
  completeConversion,
  completeRemining,
  defaultToIdle,
  freeIdleMw,
  endLease,
  releaseFromIdle,
  terminateBuild,
} from "./capacity.js";
import type { ContractSlot } from "./contracts.js";
import { SLOT_ACTIVE, SLOT_BUILDING, SLOT_EMPTY, SLOT_PENDING, SLOT_RELEASING, escalatedRate, loadSlotFromSpec, loadSlotFromTerms, syncEscalation } from "./contracts.js";
import type { MinerState } from "./miner.js";
import * as params from "./params.js";
import { remineCapexUsdPerMw } from "./params.js";
import { DAYS_PER_YEAR } from "../units.js";
import { MINING, MW_STATE_COUNT } from "./states.js";

// A module-local copy of an imported constant that is not a literal (the build writes
// literal constants in, scripts/inline-constants.mjs): optimised code reads an imported
// binding from its module cell, with a hole check, at every use (bench/imports.mjs).
const { DAYS_PER_MONTH } = params;

/**
 * Start the build of a PENDING slot on `day`: its gross MW go to CONVERTING (from the
 * source the slot names), capex is booked (unless `bookCapexNow` is false: builds begun
 * before day 0 are sunk), and the delivery slip is drawn. A slip applies only if the
 * contractual energisation is still ahead of `day`.
 */
export function startContract(
  miner: MinerState,
  slot: ContractSlot,
  day: number,
  rng: Rng,
  bookCapexNow = true,
): void {
  if (slot.state !== SLOT_PENDING) return;
  miner.slotVersion += 1;
  miner.pendingSlots -= 1;
  const econ = miner.spec.economics;
  beginConversion(miner, slot.grossMw, slot.source);
  if (bookCapexNow) bookCapex(miner, slot.capexUsdPerItMw * slot.itMw, day);
  const hit = bernoulliVariate(rng, econ.slipProbability);
  const u = rng.double();
  const slipMonths = econ.slipMinMonths + (econ.slipMaxMonths - econ.slipMinMonths) * u;
  const slipDays = hit === 1 && slot.contractualEnergiseDay > day ? slipMonths * DAYS_PER_MONTH : 0;
  slot.slipDays = slipDays;
  slot.energiseDay = slot.contractualEnergiseDay + slipDays;
  slot.terminationDay =
    slipDays > slot.terminationSlipDays ? slot.contractualEnergiseDay + slot.terminationSlipDays : Number.POSITIVE_INFINITY;
  slot.state = SLOT_BUILDING;
}

/** Index of a free slot (raising the high-water mark if needed), or −1. */
function freeSlot(miner: MinerState): number {
  const slots = miner.slots;
  const n = miner.slotCount;
  for (let i = 0; i < n; i++) if (slots[i]!.state === SLOT_EMPTY) return i;
  if (n < slots.length) {
    miner.slotCount = n + 1;
    return n;
  }
  return -1;
}

/**
 * Note a conversion or re-mining build of `mw` MW that could not start for lack of a free
 * slot: ledger.droppedConversions counts the attempts; ledger.droppedConversionMw keeps the
 * largest. Not a sum: the strategies ask again at the next decision for everything they
 * could not convert (exit and threshold re-ask for all free idle MW, hodl re-mines all of
 * it), so the largest failed request is the MW left unconverted — exact for those, a lower
 * bound in general — where a sum would count the same MW once per decision.
 */
function noteDroppedConversion(miner: MinerState, mw: number): void {
  const l = miner.ledger;
  l.droppedConversions += 1;
  if (mw > l.droppedConversionMw) l.droppedConversionMw = mw;
}

/**
 * Start a discretionary conversion of `grossMw` on `day` with the miner's conversion
 * terms at base-term average rate `averageRate` (NaN = the terms' rate). The MW come from
 * free idle, then curtailed, then mining MW. Returns the MW started (0 if no slot is free;
 * then the drop is noted in the ledger, see {@link noteDroppedConversion}: the path
 * records it, so a drop is never silent).
 */
export function startDiscretionaryConversion(
  miner: MinerState,
  grossMw: number,
  averageRate: number,
  day: number,
  rng: Rng,
): number {
  if (!(grossMw > 0)) return 0;
  miner.slotVersion += 1;
  const i = freeSlot(miner);
  if (i < 0) {
    noteDroppedConversion(miner, grossMw);
    return 0;
  }
  const slot = miner.slots[i]!;
  const spec = miner.spec;
  loadSlotFromTerms(slot, spec.conversionTerms, grossMw, averageRate, day, spec.exitSpeed, spec.economics);
  miner.pendingSlots += 1;
  startContract(miner, slot, day, rng);
  return grossMw;
}

/**
 * Start re-equipping up to `mw` free idle MW for mining on `day` (capex booked; done after
 * economics.remineDays, not scaled by exitSpeed). Returns the MW started (0 if no re-mining
 * slot is free: then the drop is counted in the ledger like a dropped conversion).
 */
export function startRemining(miner: MinerState, mw: number, day: number): number {
  if (!(mw > 0)) return 0;
  const slots = miner.remine;
  let k = -1;
  for (let i = 0; i < slots.length; i++) {
    if (!slots[i]!.active) {
      k = i;
      break;
    }
  }
  if (k < 0) {
    const wanted = Math.min(mw, freeIdleMw(miner));
    if (wanted > 0) noteDroppedConversion(miner, wanted);
    return 0;
  }
  const moved = beginRemining(miner, mw);
  if (!(moved > 0)) return 0;
  const r = slots[k]!;
  miner.slotVersion += 1;
  miner.remineActive += 1;
  r.active = true;
  r.mw = moved;
  r.doneDay = day + miner.spec.economics.remineDays;
  bookCapex(miner, moved * remineCapexUsdPerMw(miner.spec.economics, miner.spec.jPerTh), day);
  return moved;
}

function drawDefaultDay(slot: ContractSlot, from: number, rng: Rng): number {
  const e = exponentialVariate(rng, 1);
  return slot.hazardPerYr > 0 ? from + (e / slot.hazardPerYr) * DAYS_PER_YEAR : Number.POSITIVE_INFINITY;
}

function activate(miner: MinerState, slot: ContractSlot, rng: Rng): void {
  completeConversion(miner, slot.grossMw);
  slot.state = SLOT_ACTIVE;
  slot.escalationBaseDay = slot.energiseDay;
  syncEscalation(slot, slot.energiseDay > 0 ? slot.energiseDay : 0);
  slot.endDay = slot.energiseDay + slot.termDays;
  slot.defaultDay = drawDefaultDay(slot, slot.energiseDay > 0 ? slot.energiseDay : 0, rng);
}

/** Process every transition of one slot due on or before `day`. */
function advanceSlot(miner: MinerState, slot: ContractSlot, day: number, rng: Rng): void {
  const econ = miner.spec.economics;
  const l = miner.ledger;
  for (;;) {
    const st = slot.state;
    if (st === SLOT_BUILDING) {
      if (slot.terminationDay <= day && slot.terminationDay < slot.energiseDay) {
        terminateBuild(miner, slot.grossMw);
        slot.state = SLOT_EMPTY;
        l.terminations += 1;
        return;
      }
      if (slot.energiseDay <= day) {
        activate(miner, slot, rng);
        continue;
      }
      return;
    }
    if (st === SLOT_ACTIVE) {
      const due = slot.defaultDay < slot.endDay ? slot.defaultDay : slot.endDay;
      if (due > day) return;
      if (slot.defaultDay < slot.endDay) {
        defaultToIdle(miner, slot.grossMw);
        // The new tenant pays the rate in force at default, less the re-lease discount.
        slot.baseRate = escalatedRate(slot.baseRate, slot.escalator, slot.escalationBaseDay, slot.defaultDay) * (1 - econ.releaseDiscount);
        slot.releaseDay = slot.defaultDay + econ.releaseDelayDays;
        slot.state = SLOT_RELEASING;
        l.defaults += 1;
        continue;
      }
      // Term end: exercise the next option with probability p, else the lease lapses.
      if (slot.renewalOptionsLeft > 0) {
        slot.renewalOptionsLeft -= 1;
        if (bernoulliVariate(rng, slot.renewalProb) === 1) {
          slot.endDay += slot.renewalDays;
          l.renewals += 1;
          continue;
        }
      }
      endLease(miner, slot.grossMw);
      slot.state = SLOT_EMPTY;
      l.leaseEnds += 1;
      return;
    }
    if (st === SLOT_RELEASING) {
      if (slot.releaseDay > day) return;
      releaseFromIdle(miner, slot.grossMw);
      slot.state = SLOT_ACTIVE;
      slot.energiseDay = slot.releaseDay;
      slot.escalationBaseDay = slot.releaseDay;
      syncEscalation(slot, slot.releaseDay);
      slot.endDay = slot.releaseDay + slot.termDays;
      slot.renewalOptionsLeft = slot.renewalOptions;
      slot.defaultDay = drawDefaultDay(slot, slot.releaseDay, rng);
      l.releases += 1;
      continue;
    }
    return;
  }
}

/**
 * Apply every contract and re-mining transition due on or before `day` (energisations,
 * terminations, defaults, renewals or lapses, re-leases, finished re-mining builds).
 * Call after accruing up to `day`. Allocation-free.
 */
export function advanceContracts(miner: MinerState, day: number, rng: Rng): void {
  miner.slotVersion += 1;
  const slots = miner.slots;
  const n = miner.slotCount;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (s.state >= SLOT_BUILDING) advanceSlot(miner, s, day, rng);
  }
  if (miner.remineActive === 0) return;
  const rem = miner.remine;
  for (let i = 0; i < rem.length; i++) {
    const r = rem[i]!;
    if (r.active && r.doneDay <= day) {
      completeRemining(miner, r.mw);
      r.active = false;
      r.mw = 0;
      miner.remineActive -= 1;
    }
  }
}

/**
 * The first day strictly after `afterDay` at which this miner needs an event: a contract
 * transition (energisation, termination, default, term end, re-lease), a re-mining build
 * finishing, or a PENDING contract's start date (the strategy decides then). Infinity if
 * none.
 *
 * Also records in `miner.contractsDueDay` the earliest day of any transition
 * {@link advanceContracts} would make (on or before `afterDay` too: a build started late
 * may be due at once), so a path loop that calls this after each event can skip
 * advanceContracts on days before it: with nothing due it changes nothing and draws nothing.
 * And it records its result in `miner.nextEventDay` with `miner.nextEventVersion`: while
 * no slot has changed since (slotVersion the same) and that day is still ahead, the loop
 * may take it instead of calling again (MinerState.nextEventDay).
 */
export function nextMinerEventDay(miner: MinerState, afterDay: number): number {
  let next = Number.POSITIVE_INFINITY;
  let due = Number.POSITIVE_INFINITY;
  const slots = miner.slots;
  const n = miner.slotCount;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    let d: number;
    switch (s.state) {
      case SLOT_PENDING:
        d = s.startDay;
        if (d > afterDay && d < next) next = d;
        continue;
      case SLOT_BUILDING:
        d = s.terminationDay < s.energiseDay ? s.terminationDay : s.energiseDay;
        break;
      case SLOT_ACTIVE:
        d = s.defaultDay < s.endDay ? s.defaultDay : s.endDay;
        break;
      case SLOT_RELEASING:
        d = s.releaseDay;
        break;
      default:
        continue;
    }
    if (d < due) due = d;
    if (d > afterDay && d < next) next = d;
  }
  if (miner.remineActive !== 0) {
    const rem = miner.remine;
    for (let i = 0; i < rem.length; i++) {
      const r = rem[i]!;
      if (!r.active) continue;
      const d = r.doneDay;
      if (d < due) due = d;
      if (d > afterDay && d < next) next = d;
    }
  }
  miner.contractsDueDay = due;
  miner.nextEventDay = next;
  miner.nextEventVersion = miner.slotVersion;
  return next;
}

/**
 * Reset a miner for a new path starting on day 0 (no allocation): day-0 MW all mining,
 * treasury and hold policy from the spec, announced contracts loaded as PENDING, ledger
 * zeroed. Contracts whose build started before day 0 (start day < 0) are already under way: their MW
 * are added as new capacity (the profile's mining MW are what mines today), their capex
 * is sunk (not booked), their slip is drawn if still building, and those energised by
 * day 0 are active (default time drawn from day 0). A build starting on day 0 itself is
 * left PENDING for the strategy's first decision (capex booked). Draws from `rng` in slot
 * order.
 */
export function resetMiner(miner: MinerState, rng: Rng): void {
  const spec = miner.spec;
  for (let s = 0; s < MW_STATE_COUNT; s++) miner.mw[s] = 0;
  miner.mw[MINING] = spec.miningMw;
  miner.miningMwChanged = true;
  miner.totalMw = spec.miningMw;
  miner.idleReservedMw = 0;
  miner.holdFraction = spec.holdFraction;
  miner.treasuryBtc = spec.treasuryBtc;
  miner.economicOff = false;
  miner.aiSuitableMwRemaining = spec.aiSuitableShare * spec.miningMw;
  miner.conversionBudgetMw = 0;
  miner.budgetDay = 0;
  miner.marginBelowSinceDay = Number.NaN;
  miner.trailingHashpriceUsd = Number.NaN;
  resetLedger(miner.ledger, 0);
  const slots = miner.slots;
  for (let i = 0; i < slots.length; i++) slots[i]!.state = SLOT_EMPTY;
  miner.slotCount = spec.contracts.length;
  miner.pendingSlots = 0;
  miner.remineActive = 0;
  miner.contractsDueDay = Number.NEGATIVE_INFINITY;
  miner.slotVersion += 1;
  miner.expDt = Number.NaN;
  for (let i = 0; i < miner.remine.length; i++) {
    const r = miner.remine[i]!;
    r.active = false;
    r.mw = 0;
    r.doneDay = Number.NaN;
  }
  const contracts = spec.contracts;
  for (let i = 0; i < contracts.length; i++) {
    const slot = slots[i]!;
    loadSlotFromSpec(slot, contracts[i]!);
    miner.pendingSlots += 1;
    if (slot.startDay < 0) {
      slot.source = "new";
      startContract(miner, slot, 0, rng, false);
    }
  }
  advanceContracts(miner, 0, rng);
}
