/**
 * Lease rates offered to new AI/HPC contracts, $ per IT-MW per year: colocation and
 * owner-operated GPU cloud (CALIBRATION.md (3)). A model: each rate follows
 * r(t) = r0 · (1 + g)^(t/365) · e^{X(t)}, g the drift per year and X a driftless Gaussian
 * random walk (one common factor for both rates: AI demand moves them together), revised
 * every `updateIntervalDays` with increments N(0, σ²·interval/365). With σ = 0 no random
 * number is drawn. The noise is median-preserving (E[log r] follows the drift), not
 * mean-preserving.
 *
 * Existing contracts keep their own terms (and escalators); these rates are for new ones.
 */
import type { Rng } from "../../random/index.js";
import { standardNormal } from "../../random/index.js";
import { DAYS_PER_YEAR } from "../units.js";

/** Lease-rate parameters. */
export interface AiLeasePlan {
  /** Colocation, $ per IT-MW-yr, at day 0. */
  readonly coloUsdPerItMwYear: number;
  /** GPU cloud, $ per IT-MW-yr, at day 0. */
  readonly gpuUsdPerItMwYear: number;
  /** Growth per year (0.02 = +2%/yr), > −1. */
  readonly driftPerYear: number;
  /** σ of the common log factor per √year (0 = none). */
  readonly noiseSigmaPerYear: number;
  readonly updateIntervalDays: number;
}

/** Mutable lease-rate state of one path. */
export interface AiLeaseState {
  plan: AiLeasePlan;
  coloUsdPerItMwYear: number;
  gpuUsdPerItMwYear: number;
  /** The random-walk factor X. */
  logNoise: number;
  nextUpdateDay: number;
}

/** Throws a RangeError naming the first invalid field. */
export function validateAiLeasePlan(p: AiLeasePlan): void {
  if (!(Number.isFinite(p.coloUsdPerItMwYear) && p.coloUsdPerItMwYear >= 0)) {
    throw new RangeError(`AI lease plan: coloUsdPerItMwYear must be finite >= 0, got ${p.coloUsdPerItMwYear}`);
  }
  if (!(Number.isFinite(p.gpuUsdPerItMwYear) && p.gpuUsdPerItMwYear >= 0)) {
    throw new RangeError(`AI lease plan: gpuUsdPerItMwYear must be finite >= 0, got ${p.gpuUsdPerItMwYear}`);
  }
  if (!(Number.isFinite(p.driftPerYear) && p.driftPerYear > -1)) {
    throw new RangeError(`AI lease plan: driftPerYear must be finite > -1, got ${p.driftPerYear}`);
  }
  if (!(Number.isFinite(p.noiseSigmaPerYear) && p.noiseSigmaPerYear >= 0)) {
    throw new RangeError(`AI lease plan: noiseSigmaPerYear must be finite >= 0, got ${p.noiseSigmaPerYear}`);
  }
  if (!(Number.isFinite(p.updateIntervalDays) && p.updateIntervalDays > 0)) {
    throw new RangeError(`AI lease plan: updateIntervalDays must be finite > 0, got ${p.updateIntervalDays}`);
  }
}

/** Allocates a state for `plan` (validated) at day 0. */
export function createAiLeaseState(plan: AiLeasePlan): AiLeaseState {
  validateAiLeasePlan(plan);
  const s: AiLeaseState = { plan, coloUsdPerItMwYear: 0, gpuUsdPerItMwYear: 0, logNoise: 0, nextUpdateDay: 0 };
  resetAiLease(s, plan);
  return s;
}

/** Resets to day 0 (no random draws). */
export function resetAiLease(s: AiLeaseState, plan: AiLeasePlan): void {
  s.plan = plan;
  s.logNoise = 0;
  s.coloUsdPerItMwYear = plan.coloUsdPerItMwYear;
  s.gpuUsdPerItMwYear = plan.gpuUsdPerItMwYear;
  s.nextUpdateDay = plan.updateIntervalDays;
}

/**
 * Advances the rates to `day`, applying every revision due (one normal each when σ > 0),
 * and leaves the current rates in the state. Cheap when nothing is due.
 */
export function aiLeaseUpdate(s: AiLeaseState, day: number, rng: Rng): void {
  const p = s.plan;
  if (!(day >= s.nextUpdateDay)) return;
  if (day === Infinity) throw new RangeError("aiLeaseUpdate: day must be finite");
  const stepSd = p.noiseSigmaPerYear * Math.sqrt(p.updateIntervalDays / DAYS_PER_YEAR);
  let t = s.nextUpdateDay;
  while (t <= day) {
    if (stepSd > 0) s.logNoise += stepSd * standardNormal(rng);
    const growth = Math.pow(1 + p.driftPerYear, t / DAYS_PER_YEAR) * Math.exp(s.logNoise);
    s.coloUsdPerItMwYear = p.coloUsdPerItMwYear * growth;
    s.gpuUsdPerItMwYear = p.gpuUsdPerItMwYear * growth;
    t += p.updateIntervalDays;
  }
  s.nextUpdateDay = t;
}
