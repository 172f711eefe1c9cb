/**
 * Transaction fees per block (BTC), exogenous per path (a model):
 * - a piecewise-constant level, redrawn every `drawIntervalDays` (weekly by default:
 *   DESIGN.md §3 "fees can be drawn weekly") from a lognormal with the given *mean*
 *   (so μ_log = ln(mean) − σ²/2) and σ_log;
 * - a rare spike regime (Ordinals/Runes-type weeks): spikes start as a Poisson process
 *   (exponential waiting times at `spikeRatePerYear`, counted only outside spikes), last
 *   `spikeDurationDays`, and draw their level from a lognormal with mean `spikeMeanBtc`.
 * The level is the expected fee of a block in that period (the engine's FPPS revenue and
 * the fleet's signal use it), not a per-block draw.
 *
 * Not modelled: the correlation of fee spikes with BTC up-moves that CALIBRATION.md (4)
 * "Fees" mentions; spikes are independent of the price here.
 */
import type { Rng } from "../../random/index.js";
import { exponentialVariate, lognormalVariate } from "../../random/index.js";
import { DAYS_PER_YEAR } from "../units.js";

/** Fee model parameters. */
export interface FeePlan {
  /** Mean fee per block outside spikes, BTC. */
  readonly meanBtc: number;
  readonly sigmaLog: number;
  readonly drawIntervalDays: number;
  /** Spikes per year (0 disables them). */
  readonly spikeRatePerYear: number;
  readonly spikeDurationDays: number;
  readonly spikeMeanBtc: number;
  readonly spikeSigmaLog: number;
}

/** Mutable fee state of one path. */
export interface FeeState {
  plan: FeePlan;
  /** Current expected fee per block, BTC. */
  feesBtcPerBlock: number;
  /** Day of the next scheduled redraw. */
  nextDrawDay: number;
  inSpike: boolean;
  /** Start of the next spike (outside a spike) or +Infinity. */
  nextSpikeStart: number;
  /** End of the current spike (inside one) or +Infinity. */
  spikeEnd: number;
  /** Spikes started since day 0. */
  spikeCount: number;
}

/** Throws a RangeError naming the first invalid field. */
export function validateFeePlan(p: FeePlan): void {
  const pos = (v: number): boolean => Number.isFinite(v) && v > 0;
  const nonNeg = (v: number): boolean => Number.isFinite(v) && v >= 0;
  if (!nonNeg(p.meanBtc)) throw new RangeError(`fee plan: meanBtc must be finite >= 0, got ${p.meanBtc}`);
  if (!nonNeg(p.sigmaLog)) throw new RangeError(`fee plan: sigmaLog must be finite >= 0, got ${p.sigmaLog}`);
  if (!pos(p.drawIntervalDays)) throw new RangeError(`fee plan: drawIntervalDays must be finite > 0, got ${p.drawIntervalDays}`);
  if (!nonNeg(p.spikeRatePerYear)) throw new RangeError(`fee plan: spikeRatePerYear must be finite >= 0, got ${p.spikeRatePerYear}`);
  if (!pos(p.spikeDurationDays)) throw new RangeError(`fee plan: spikeDurationDays must be finite > 0, got ${p.spikeDurationDays}`);
  if (!nonNeg(p.spikeMeanBtc)) throw new RangeError(`fee plan: spikeMeanBtc must be finite >= 0, got ${p.spikeMeanBtc}`);
  if (!nonNeg(p.spikeSigmaLog)) throw new RangeError(`fee plan: spikeSigmaLog must be finite >= 0, got ${p.spikeSigmaLog}`);
}

/** A lognormal draw with the given mean (not median); 0 when the mean is 0. */
function drawWithMean(rng: Rng, mean: number, sigmaLog: number): number {
  if (mean === 0) return 0;
  return lognormalVariate(rng, Math.log(mean) - 0.5 * sigmaLog * sigmaLog, sigmaLog);
}

function spikeWait(rng: Rng, p: FeePlan): number {
  return p.spikeRatePerYear > 0 ? exponentialVariate(rng, p.spikeRatePerYear / DAYS_PER_YEAR) : Infinity;
}

/** Allocates a fee state for `plan` (validated). Call {@link resetFees} before use. */
export function createFeeState(plan: FeePlan): FeeState {
  validateFeePlan(plan);
  return { plan, feesBtcPerBlock: 0, nextDrawDay: 0, inSpike: false, nextSpikeStart: Infinity, spikeEnd: Infinity, spikeCount: 0 };
}

/** Resets to day 0: draws the first level and the first spike's waiting time. */
export function resetFees(s: FeeState, plan: FeePlan, rng: Rng): void {
  s.plan = plan;
  s.inSpike = false;
  s.spikeEnd = Infinity;
  s.spikeCount = 0;
  s.nextSpikeStart = spikeWait(rng, plan);
  s.feesBtcPerBlock = drawWithMean(rng, plan.meanBtc, plan.sigmaLog);
  s.nextDrawDay = plan.drawIntervalDays;
}

/** The next day at which the fee level changes (for an event scheduler). */
export function nextFeeChangeDay(s: FeeState): number {
  const regimeChange = s.inSpike ? s.spikeEnd : s.nextSpikeStart;
  return regimeChange < s.nextDrawDay ? regimeChange : s.nextDrawDay;
}

/**
 * Advances the fee process to `day` (non-decreasing between calls), applying every
 * redraw, spike start and spike end up to it, and returns the current fee per block
 * (BTC). Cheap when nothing is due (one comparison); otherwise one iteration per change
 * point passed. Throws a RangeError for a non-finite day.
 */
export function feesUpdate(s: FeeState, day: number, rng: Rng): number {
  const p = s.plan;
  if (!(day < Infinity)) throw new RangeError(`feesUpdate: day must be finite, got ${day}`);
  for (;;) {
    const t = nextFeeChangeDay(s);
    if (!(t <= day)) break;
    if (s.inSpike && t === s.spikeEnd) {
      s.inSpike = false;
      s.spikeEnd = Infinity;
      s.nextSpikeStart = t + spikeWait(rng, p);
      s.feesBtcPerBlock = drawWithMean(rng, p.meanBtc, p.sigmaLog);
      s.nextDrawDay = t + p.drawIntervalDays;
    } else if (!s.inSpike && t === s.nextSpikeStart) {
      s.inSpike = true;
      s.spikeCount++;
      s.nextSpikeStart = Infinity;
      s.spikeEnd = t + p.spikeDurationDays;
      s.feesBtcPerBlock = drawWithMean(rng, p.spikeMeanBtc, p.spikeSigmaLog);
      s.nextDrawDay = t + p.drawIntervalDays;
    } else {
      s.feesBtcPerBlock = s.inSpike
        ? drawWithMean(rng, p.spikeMeanBtc, p.spikeSigmaLog)
        : drawWithMean(rng, p.meanBtc, p.sigmaLog);
      s.nextDrawDay = t + p.drawIntervalDays;
    }
  }
  return s.feesBtcPerBlock;
}
