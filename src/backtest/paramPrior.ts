/**
 * Per-path parameter uncertainty of a backtest: each path draws its own growth rate (and
 * payback horizon) from a documented prior, from a stream of its own, so the bands express
 * the model's parameter uncertainty and not only the chain's block-time luck.
 *
 * Prior (independent lognormals, median at the plan's value):
 *   rate_i    = rate · exp(growthLogSd · z₁)
 *   hurdle_i  = hurdlePaybackDays · exp(hurdleLogSd · z₂)
 *   ε_i       = asicPriceElasticity + elasticitySd · z₃   (only when elasticitySd > 0)
 *   C_i       = marginCapMwPerMonth · exp(capLogSd · z₄)  (only when capLogSd > 0 and the
 *               plan has a finite cap)
 * with z₁, z₂, z₃, z₄ standard normals drawn, in that order, from streamFor(seed, i,
 * "backtest.prior") (z₃ after z₁, z₂, and z₄ after them, so adding one leaves the earlier
 * draws unchanged; z₄ is the third draw when elasticitySd is 0). ε, the
 * elasticity of the hashprice-indexed ASIC price (fleetGrowth.ts asicUsdPerThAt), gets a
 * normal, not a lognormal, prior: 0 is a legitimate value. "rate" is the rule's growth parameter: marginGrowthPerYear in
 * "margin" mode, buildRateMwPerMonth in "fixedRate" mode. A separate stream keeps the
 * chain's and the fleet's own draws unchanged (common random numbers): a path with
 * z = 0 is the path of the plan itself. Same seed → same draws.
 * The widths come from the documented fit (fitMarginGrowth.ts: the spread of the rate,
 * and of ε, fitted on each year of the fit window); 0 switches the draws off.
 */
import { standardNormal, streamFor } from "../random/index.js";
import type { FleetGrowthParams } from "../model/fleet/index.js";

/** Widths of the per-path prior (standard deviations of the logs; 0 = no draw). */
export interface BacktestPrior {
  readonly growthLogSd: number;
  readonly hurdleLogSd: number;
  /** sd of the ASIC price elasticity ε (absent = 0). */
  readonly elasticitySd?: number;
  /** sd of ln of the "margin" build-rate cap marginCapMwPerMonth (absent = 0; no draw without a finite cap). */
  readonly capLogSd?: number;
}

/** No per-path draws. */
export const NO_PRIOR: BacktestPrior = Object.freeze({ growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 });

/** Stream component of the draws. */
export const PRIOR_STREAM = "backtest.prior";

/** Throws a RangeError unless both widths are finite and ≥ 0. */
export function validatePrior(p: BacktestPrior): void {
  for (const k of ["growthLogSd", "hurdleLogSd", "elasticitySd", "capLogSd"] as const) {
    const v = p[k];
    if ((k === "elasticitySd" || k === "capLogSd") && v === undefined) continue;
    if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new RangeError(`backtest: prior.${k} must be a finite number >= 0, got ${v}`);
  }
}

/** True when the prior draws anything. */
export function priorIsActive(p: BacktestPrior): boolean {
  return p.growthLogSd > 0 || p.hurdleLogSd > 0 || (p.elasticitySd ?? 0) > 0 || (p.capLogSd ?? 0) > 0;
}

/** The growth parameters of path `pathIndex` (see the file comment). */
export function drawPathGrowth(plan: FleetGrowthParams, prior: BacktestPrior, seed: string | number, pathIndex: number): FleetGrowthParams {
  let growth = plan;
  const rng = streamFor(seed, pathIndex, PRIOR_STREAM);
  const z1 = standardNormal(rng);
  const z2 = standardNormal(rng);
  const rateScale = Math.exp(prior.growthLogSd * z1);
  const hurdle = growth.hurdlePaybackDays * Math.exp(prior.hurdleLogSd * z2);
  const eSd = prior.elasticitySd ?? 0;
  if (eSd > 0) {
    const z3 = standardNormal(rng);
    growth = { ...growth, asicPriceElasticity: (growth.asicPriceElasticity ?? 0) + eSd * z3 };
  }
  const cSd = prior.capLogSd ?? 0;
  const cap = growth.marginCapMwPerMonth;
  if (cSd > 0 && cap !== undefined && Number.isFinite(cap)) {
    const z4 = standardNormal(rng);
    growth = { ...growth, marginCapMwPerMonth: cap * Math.exp(cSd * z4) };
  }
  if (growth.mode === "margin") {
    return { ...growth, marginGrowthPerYear: (growth.marginGrowthPerYear ?? 0) * rateScale, hurdlePaybackDays: hurdle };
  }
  return { ...growth, buildRateMwPerMonth: growth.buildRateMwPerMonth * rateScale, hurdlePaybackDays: hurdle };
}
