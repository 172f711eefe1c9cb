/**
 * Building the fleet's initial cohorts from an efficiency mix and a lognormal power-cost
 * distribution, and the default fleet plan of the 2026-03-01 calibration.
 *
 * Construction (a model; the numbers are in calibration.ts with their sources):
 * 1. Power costs are lognormal with the given median; σ_log is fitted to the 10th–90th
 *    percentile spread: σ = ln(p90/p10) / (2·Φ⁻¹(0.9)). (With median 45 and 30–75 the
 *    spread is asymmetric in logs, so the median is kept and the spread fitted.)
 * 2. Each efficiency class keeps only the power costs whose breakeven is at most the
 *    `installedCeilingHashprice` (hardware that could not cover its power at that
 *    hashprice is taken to have left before the start), and the tails beyond
 *    `tailProbability` are cut. The remaining probability range is split into
 *    `bandsPerClass` equal-probability bands between lognormal quantiles, each with
 *    uniform cost inside (see cohorts.ts).
 * 3. The installed EH/s of each class is set so that, at the start hashprice, its running
 *    part equals its share of the running hashrate: installed_k = share_k·running / f_k,
 *    f_k the fraction of class k whose breakeven is at most the start hashprice. The rest
 *    is installed but idle at the start.
 * So the initial state is self-consistent: the supply curve at the start hashprice gives
 * exactly the running hashrate, and installed ≥ running.
 */
import {
  DEFAULT_FEES,
  DEFAULT_FLEET_GROWTH,
  DEFAULT_FLEET_LAG,
  DEFAULT_FLEET_MIX,
  DEFAULT_NETWORK,
  DEFAULT_POWER_COST,
  DEFAULT_PRICE,
} from "../calibration.js";
import { MWH_PER_PH_DAY_PER_J_PER_TH, revenuePerPhDayAtDifficulty } from "../units.js";
import type { CohortSpec } from "./cohorts.js";
import type { FleetGrowthParams, FleetLagParams, FleetPlan } from "./fleetState.js";
import type { HashrateEvent } from "./hashrateEvents.js";
import { normalCdf, normalQuantile } from "./normalDistribution.js";

/** A lognormal power-cost distribution given by its median and 10th/90th percentiles, $/MWh. */
export interface PowerCostDistribution {
  readonly medianUsdPerMwh: number;
  readonly p10UsdPerMwh: number;
  readonly p90UsdPerMwh: number;
}

/** An efficiency class and its share of the running hashrate at the start. */
export interface EfficiencyClass {
  readonly jPerTh: number;
  readonly runningShare: number;
}

/** Inputs of {@link buildInitialCohorts}. */
export interface InitialFleetOptions {
  /** Running EH/s at the start (the fleet's part of the network). */
  readonly runningEh: number;
  /** Revenue per PH/day at the start difficulty, price and expected fees, $/PH/day. */
  readonly startHashprice: number;
  /** Efficiency classes; running shares must sum to 1. */
  readonly classes: readonly EfficiencyClass[];
  readonly powerCost: PowerCostDistribution;
  readonly bandsPerClass: number;
  /** Probability cut from each tail of the lognormal, in (0, 0.5). */
  readonly tailProbability: number;
  /** Hardware with breakeven above this hashprice ($/PH/day) is not installed; ≥ startHashprice. */
  readonly installedCeilingHashprice: number;
}

/** Result of {@link buildInitialCohorts}. */
export interface InitialFleet {
  readonly cohorts: CohortSpec[];
  readonly runningEh: number;
  readonly installedEh: number;
  /** Installed but idle at the start, EH/s. */
  readonly idleEh: number;
  /** Per class: installed EH/s and the fraction running at the start hashprice. */
  readonly classInstalledEh: number[];
  readonly classRunningFraction: number[];
  /** The fitted σ of the log power cost. */
  readonly sigmaLog: number;
}

/** σ of a lognormal from its 10th and 90th percentiles: ln(p90/p10) / (2·Φ⁻¹(0.9)). */
export function lognormalSigmaFromP10P90(p10: number, p90: number): number {
  if (!(p10 > 0 && p90 > p10 && Number.isFinite(p90))) {
    throw new RangeError(`power cost: need 0 < p10 < p90 (finite), got p10 ${p10}, p90 ${p90}`);
  }
  return Math.log(p90 / p10) / (2 * normalQuantile(0.9));
}

/** Builds the initial cohorts; see the file comment. Throws a RangeError on inconsistent inputs. */
export function buildInitialCohorts(o: InitialFleetOptions): InitialFleet {
  if (!(o.runningEh >= 0 && Number.isFinite(o.runningEh))) throw new RangeError(`runningEh must be finite >= 0, got ${o.runningEh}`);
  if (!(o.startHashprice > 0 && Number.isFinite(o.startHashprice))) {
    throw new RangeError(`startHashprice must be finite > 0, got ${o.startHashprice}`);
  }
  if (!(o.installedCeilingHashprice >= o.startHashprice)) {
    throw new RangeError(
      `installedCeilingHashprice (${o.installedCeilingHashprice}) must be >= startHashprice (${o.startHashprice}): ` +
        "otherwise hardware that runs at the start would not be installed",
    );
  }
  if (!Number.isInteger(o.bandsPerClass) || o.bandsPerClass < 1) {
    throw new RangeError(`bandsPerClass must be a positive integer, got ${o.bandsPerClass}`);
  }
  if (!(o.tailProbability > 0 && o.tailProbability < 0.5)) {
    throw new RangeError(`tailProbability must be in (0, 0.5), got ${o.tailProbability}`);
  }
  const shareSum = o.classes.reduce((s, c) => s + c.runningShare, 0);
  if (o.classes.length === 0 || Math.abs(shareSum - 1) > 1e-9) {
    throw new RangeError(`efficiency classes' running shares must sum to 1, got ${shareSum}`);
  }
  const median = o.powerCost.medianUsdPerMwh;
  if (!(median > 0 && Number.isFinite(median))) throw new RangeError(`median power cost must be finite > 0, got ${median}`);
  const sigma = lognormalSigmaFromP10P90(o.powerCost.p10UsdPerMwh, o.powerCost.p90UsdPerMwh);
  const costAt = (p: number): number => median * Math.exp(sigma * normalQuantile(p));
  const probOf = (cost: number): number => (cost <= 0 ? 0 : normalCdf(Math.log(cost / median) / sigma));

  const cohorts: CohortSpec[] = [];
  const classInstalledEh: number[] = [];
  const classRunningFraction: number[] = [];
  const B = o.bandsPerClass;
  for (const [k, cls] of o.classes.entries()) {
    if (!(cls.jPerTh > 0 && Number.isFinite(cls.jPerTh)) || !(cls.runningShare >= 0)) {
      throw new RangeError(`efficiency class ${k}: need jPerTh > 0 and runningShare >= 0`);
    }
    const perUsd = MWH_PER_PH_DAY_PER_J_PER_TH * cls.jPerTh; // breakeven = perUsd × cost
    const pLo = o.tailProbability;
    const pHi = Math.min(1 - o.tailProbability, probOf(o.installedCeilingHashprice / perUsd));
    if (!(pHi > pLo)) {
      throw new RangeError(
        `efficiency class ${k} (${cls.jPerTh} J/TH): no installed hardware, since even its cheapest power ` +
          `(${costAt(pLo).toFixed(2)} $/MWh) has a breakeven above the ceiling ${o.installedCeilingHashprice} $/PH/day`,
      );
    }
    const edges: number[] = [];
    for (let j = 0; j <= B; j++) edges.push(costAt(pLo + ((pHi - pLo) * j) / B));
    const cStar = o.startHashprice / perUsd; // the highest power cost that runs at the start
    let frac = 0;
    for (let j = 0; j < B; j++) {
      const lo = edges[j]!;
      const hi = edges[j + 1]!;
      frac += (cStar >= hi ? 1 : cStar <= lo ? 0 : (cStar - lo) / (hi - lo)) / B;
    }
    if (cls.runningShare > 0 && !(frac > 0)) {
      throw new RangeError(
        `efficiency class ${k} (${cls.jPerTh} J/TH) has running share ${cls.runningShare} but none of it covers ` +
          `its power at the start hashprice ${o.startHashprice} $/PH/day`,
      );
    }
    const installed = cls.runningShare > 0 ? (cls.runningShare * o.runningEh) / frac : 0;
    classInstalledEh.push(installed);
    classRunningFraction.push(frac);
    for (let j = 0; j < B; j++) {
      cohorts.push({ jPerTh: cls.jPerTh, installedEh: installed / B, powerCostLo: edges[j]!, powerCostHi: edges[j + 1]! });
    }
  }
  const installedEh = classInstalledEh.reduce((s, x) => s + x, 0);
  return {
    cohorts,
    runningEh: o.runningEh,
    installedEh,
    idleEh: installedEh - o.runningEh,
    classInstalledEh,
    classRunningFraction,
    sigmaLog: sigma,
  };
}

/**
 * Revenue per PH/day at the default start: price S₀, subsidy plus mean fees, difficulty
 * 133 T (CALIBRATION.md (1), (4)); ≈ $33.3/PH/day, the March 2026 print of §c.1.
 */
export function defaultStartHashprice(): number {
  return revenuePerPhDayAtDifficulty(
    DEFAULT_PRICE.s0,
    DEFAULT_NETWORK.subsidyBtc + DEFAULT_FEES.meanBtc,
    DEFAULT_NETWORK.initialDifficulty,
  );
}

/** Options of {@link defaultFleetPlan}; every field defaults to calibration.ts. */
export interface DefaultFleetPlanOptions {
  /** Running EH/s of the fleet at the start (the network minus miners modelled by name). */
  readonly runningEh?: number;
  readonly startHashprice?: number;
  readonly events?: readonly HashrateEvent[];
  readonly lag?: Partial<FleetLagParams>;
  readonly growth?: Partial<FleetGrowthParams>;
  readonly maxCohorts?: number;
  readonly maxPendingOrders?: number;
}

/**
 * The default fleet plan: cohorts from {@link buildInitialCohorts} with the calibration's
 * mix and power-cost distribution, running `runningEh` (default 950 EH/s, the whole
 * network) at the default start hashprice, with the calibration's lag and growth.
 */
export function defaultFleetPlan(opts: DefaultFleetPlanOptions = {}): FleetPlan {
  const init = buildInitialCohorts({
    runningEh: opts.runningEh ?? DEFAULT_NETWORK.initialHashrateEh,
    startHashprice: opts.startHashprice ?? defaultStartHashprice(),
    classes: DEFAULT_FLEET_MIX,
    powerCost: DEFAULT_POWER_COST,
    bandsPerClass: DEFAULT_POWER_COST.bandsPerClass,
    tailProbability: DEFAULT_POWER_COST.tailProbability,
    installedCeilingHashprice: DEFAULT_POWER_COST.installedCeilingHashprice,
  });
  const growth: FleetGrowthParams = { ...DEFAULT_FLEET_GROWTH, ...opts.growth };
  return {
    cohorts: init.cohorts,
    initialRunningEh: init.runningEh,
    lag: { ...DEFAULT_FLEET_LAG, ...opts.lag },
    growth,
    events: opts.events ?? [],
    maxCohorts: opts.maxCohorts ?? init.cohorts.length + 64,
    maxPendingOrders: opts.maxPendingOrders ?? Math.ceil(growth.installLagMaxDays / growth.intervalDays) + 8,
  };
}
