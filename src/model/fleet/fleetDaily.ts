/**
 * The fleet's daily update: the running hashrate of everyone not modelled by name.
 *
 * Signal: the revenue one PH/s earns per day at the current difficulty,
 * 86,400·10^15/(D·2^32) × reward × price ($/PH/day). Given the difficulty, this does not
 * depend on the network hashrate, so it is what an individual miner's switch-on/off
 * decision sees; it equals the published hashprice whenever the network hashrate equals
 * the difficulty-implied hashrate (units.ts, revenuePerPhDayAtDifficulty). Using it
 * avoids a fixed point between the fleet's hashrate and its own signal: hashrate moves
 * hashprice only through the retarget, as on the real network.
 *
 * Cost: O(log cohorts) per call (a binary search on the supply curve), one exp() for the
 * lag, a scan of the (few) exogenous events, and O(cohorts) work only when an arrival or
 * a permanent exit is due (the curve is updated for the changed cohort only). No
 * allocation.
 */
import { HS_PER_EH, revenuePerPhDayAtDifficulty } from "../units.js";
import { addCohort, scaleCohorts } from "./cohorts.js";
import type { FleetState } from "./fleetState.js";
import { combinedOfflineShare, permanentEffectDay } from "./hashrateEvents.js";
import { supplyCurveScale, supplyCurveUpdateCohort, supplyEhAt } from "./supplyCurve.js";

/** Moves arrived orders (pendingDay ≤ day) into the cohorts. */
function processArrivals(f: FleetState, day: number): void {
  const g = f.plan.growth;
  let next = Infinity;
  for (let i = 0; i < f.nPending; ) {
    if (f.pendingDay[i]! <= day) {
      const eh = f.pendingEh[i]!;
      const k = addCohort(f.cohorts, f.pendingJPerTh[i]!, eh, g.newBuildPowerCostLo, g.newBuildPowerCostHi, g.mergeTolerance);
      supplyCurveUpdateCohort(f.curve, f.cohorts, k);
      f.arrivedEh += eh;
      const last = --f.nPending;
      f.pendingDay[i] = f.pendingDay[last]!;
      f.pendingEh[i] = f.pendingEh[last]!;
      f.pendingJPerTh[i] = f.pendingJPerTh[last]!;
    } else {
      if (f.pendingDay[i]! < next) next = f.pendingDay[i]!;
      i++;
    }
  }
  f.nextArrivalDay = next;
}

/** Applies permanent exits whose effect day is ≤ day. */
function processPermanentEvents(f: FleetState, day: number): void {
  const events = f.plan.events;
  let next = Infinity;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.permanent !== true || f.permanentApplied[i] === 1) continue;
    const at = permanentEffectDay(e);
    if (at <= day) {
      const keep = 1 - e.shareOffline;
      const before = f.curve.totalEh;
      scaleCohorts(f.cohorts, keep);
      supplyCurveScale(f.curve, keep);
      f.exitedEh += before * e.shareOffline;
      f.economicEh *= keep;
      f.permanentApplied[i] = 1;
    } else if (at < next) {
      next = at;
    }
  }
  f.nextPermanentDay = next;
}

/**
 * Advances the fleet to `day` (days since path start, non-decreasing between calls) and
 * returns its running hashrate in H/s.
 *
 * Inputs: BTC price (USD), expected reward per block (subsidy + expected fees, BTC) and
 * the current difficulty. Steps: apply due permanent exits and arrivals; read the target
 * EH/s off the supply curve at the revenue per PH/day at this difficulty; move the lagged
 * aggregate toward it over the elapsed time (first-order lag, τ down or up, see
 * FleetLagParams); clamp to the installed hashrate; multiply by the share online after
 * exogenous events. Throws a RangeError if the signal is NaN (a NaN price, reward or
 * difficulty); a zero price gives zero target, a zero difficulty an infinite signal
 * (everything installed runs).
 */
export function fleetDailyUpdate(
  f: FleetState,
  day: number,
  priceUsd: number,
  rewardBtcPerBlock: number,
  difficulty: number,
): number {
  const hp = revenuePerPhDayAtDifficulty(priceUsd, rewardBtcPerBlock, difficulty);
  if (hp !== hp || day !== day) nanInput(day, priceUsd, rewardBtcPerBlock, difficulty);
  fleetDailyUpdateAt(f, day, hp);
  return f.runningEh * HS_PER_EH;
}

function nanInput(day: number, priceUsd: number, rewardBtcPerBlock: number, difficulty: number): never {
  throw new RangeError(
    `fleetDailyUpdate: NaN input (day ${day}, price ${priceUsd}, reward ${rewardBtcPerBlock}, difficulty ${difficulty})`,
  );
}

function nanSignal(day: number, hp: number): never {
  throw new RangeError(`fleetDailyUpdateAt: NaN input (day ${day}, hashprice ${hp})`);
}

/**
 * {@link fleetDailyUpdate} given the signal itself: `hp` = revenuePerPhDayAtDifficulty(price,
 * reward, difficulty) in $/PH/day, as a caller that already priced hashprice has it. Leaves
 * the running hashrate in f.runningEh (EH/s; × HS_PER_EH for H/s) and returns nothing, so
 * that a caller's hot loop passes one number and boxes none on return.
 */
export function fleetDailyUpdateAt(f: FleetState, day: number, hp: number): void {
  if (hp !== hp || day !== day) nanSignal(day, hp);
  if (day >= f.nextPermanentDay) processPermanentEvents(f, day);
  if (day >= f.nextArrivalDay) processArrivals(f, day);
  const target = supplyEhAt(f.curve, hp);
  const dt = day - f.day;
  let econ = f.economicEh;
  if (dt > 0) {
    if (econ !== target) {
      const down = target < econ;
      // The daily case uses the factors exp(−1/τ) precomputed at reset.
      const decay =
        dt === 1
          ? down
            ? f.dailyDecayDown
            : f.dailyDecayUp
          : Math.exp(-dt / (down ? f.plan.lag.tauDownDays : f.plan.lag.tauUpDays));
      econ = target + (econ - target) * decay;
    }
    f.day = day;
  }
  const total = f.curve.totalEh;
  if (econ > total) econ = total;
  if (!(econ > 0)) econ = 0;
  f.economicEh = econ;
  f.hashprice = hp;
  f.targetEh = target;
  const events = f.plan.events;
  const off = events.length === 0 ? 0 : combinedOfflineShare(events, day);
  f.offlineShare = off;
  f.runningEh = econ * (1 - off);
}
