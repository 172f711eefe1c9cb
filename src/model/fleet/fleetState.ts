/**
 * The network fleet's plan (immutable parameters) and per-path state (plain mutable
 * object with preallocated typed arrays, reused across paths through {@link resetFleet}).
 *
 * The model, in short (DESIGN.md §3 "Network fleet"; CALIBRATION.md (1)):
 * - hardware is held in cohorts (J/TH, installed EH/s, power-cost band);
 * - the running target is the supply curve read at the hashprice a PH/s earns at the
 *   current difficulty (hardware runs while that covers its power cost);
 * - the running aggregate follows the target with a first-order lag, faster up than
 *   down (see {@link FleetLagParams});
 * - new frontier hardware is ordered at growth events when its payback beats a hurdle,
 *   arrives after an install lag, capped by a build rate; long-unprofitable cohorts retire;
 * - exogenous dated events take a share offline or out for good.
 */
import type { CohortSpec, Cohorts } from "./cohorts.js";
import { addCohort, clearCohorts, copyCohorts, createCohorts, validateCohortSpec } from "./cohorts.js";
import type { HashrateEvent } from "./hashrateEvents.js";
import { permanentEffectDay, validateHashrateEvent } from "./hashrateEvents.js";
import type { SupplyCurve } from "./supplyCurve.js";
import { copySupplyCurve, createSupplyCurve, rebuildSupplyCurve } from "./supplyCurve.js";

/**
 * Lag of the running aggregate toward its target, as a first-order (exponential) lag
 * applied to the fleet total, not per cohort: after dt days,
 * running ← target + (running − target)·exp(−dt/τ), with τ = tauDownDays when the target
 * is below the running hashrate and tauUpDays when above. The mean delay of a first-order
 * lag is τ.
 */
export interface FleetLagParams {
  /** Time constant (days) for switching off when hardware stops covering its power. */
  readonly tauDownDays: number;
  /** Time constant (days) for switching installed, idle hardware back on. */
  readonly tauUpDays: number;
}

/**
 * Entry and exit of hardware, evaluated at growth events (every `intervalDays`).
 *
 * Entry: frontier hardware at J/TH = frontierJPerTh·(1 − frontierImprovementPerYear)^years
 * is ordered when its payback (capex over power-only margin, see paybackDays) is at most
 * hurdlePaybackDays. An order is buildRateMwPerMonth × interval of power capacity, arrives
 * after an install lag drawn uniformly in [installLagMinDays, installLagMaxDays] from the
 * fleet's stream, and joins the cohorts with the new-build power-cost band.
 * Exit: a cohort whose cheapest power no longer covers its cost (hashprice below the
 * breakeven of its band's lower edge) at every growth event for retireAfterDays retires.
 *
 * Order size (`mode`): "fixedRate" (the default, also when `mode` is absent) orders
 * buildRateMwPerMonth × interval; "margin" (opt-in, free entry) orders
 * marginGrowthPerYear × interval/365 × installed EH/s × (1 − payback/hurdlePaybackDays)
 * EH/s of frontier hardware, so the order scales with the capacity already built and
 * with the frontier's profitability, and is zero once payback reaches the hurdle (see
 * fleetGrowth.ts marginOrderEh). buildRateMwPerMonth is not used in "margin" mode; an
 * optional absolute cap, marginCapMwPerMonth, limits each "margin" order to that many MW
 * per month of the interval (absent or +Infinity: no cap, the rule as before, bit for bit).
 */
export interface FleetGrowthParams {
  /** Order-size rule; absent = "fixedRate" (the default behaviour). */
  readonly mode?: FleetGrowthMode;
  /**
   * "margin" mode only (required there): orders per year as a share of the installed EH/s
   * when the payback is instant (the ceiling of the rule), 1/year.
   */
  readonly marginGrowthPerYear?: number;
  /**
   * "margin" mode only, optional (absent or +Infinity = no cap, the default): the most
   * power of new frontier hardware ordered per month, MW — an absolute build rate
   * (CALIBRATION.md (1) "Entry (new hashrate)": "capped by a site build rate (~100 MW per
   * 6 months per large miner)"; §h "Hashrate response to price": "~6 months per 100 MW").
   * Each order is at most marginCapMwPerMonth × intervalDays/(365/12) MW, i.e. that over
   * the frontier J/TH in EH/s (fleetGrowth.ts frontierOrder).
   */
  readonly marginCapMwPerMonth?: number;
  /** False: no orders (retirement still applies). */
  readonly enabled: boolean;
  /** Days between growth events. */
  readonly intervalDays: number;
  /** Frontier efficiency at day 0, J/TH. */
  readonly frontierJPerTh: number;
  /** Fractional improvement of frontier J/TH per year (0.15 → ×0.85 per year). */
  readonly frontierImprovementPerYear: number;
  /** Power-cost band of new builds, $/MWh. */
  readonly newBuildPowerCostLo: number;
  readonly newBuildPowerCostHi: number;
  /** ASIC price, $ per TH/s. */
  readonly asicUsdPerTh: number;
  /**
   * Optional (absent by default): ASIC price in $ per watt; when set, the frontier's
   * $/TH is asicUsdPerWatt × e_f(t) (J/TH = W per TH/s), so hardware gets cheaper per TH
   * as it gets more efficient, and asicUsdPerTh is not used.
   */
  readonly asicUsdPerWatt?: number;
  /**
   * Optional (absent = 0 = a constant ASIC price, the default): elasticity ε of the ASIC
   * price to the hashprice. When set and non-zero, the frontier's $/TH (asicUsdPerTh, or
   * asicUsdPerWatt × e_f) is multiplied by (HP / asicRefHashprice)^ε at each growth event,
   * HP the current hashprice (undiluted, $/PH/day): manufacturers price to what a TH earns
   * (CALIBRATION.md (1) "ASIC price … correlated with hashprice"; §a.2 "ASIC price levels").
   */
  readonly asicPriceElasticity?: number;
  /** Reference hashprice of asicPriceElasticity, $/PH/day (required, > 0, when the elasticity is non-zero). */
  readonly asicRefHashprice?: number;
  /** Site build cost, $ per MW of mining power. */
  readonly siteCapexUsdPerMw: number;
  /** Order when payback (days) ≤ this hurdle. */
  readonly hurdlePaybackDays: number;
  /** Maximum power of new hardware ordered per month (a network-wide build rate), MW. */
  readonly buildRateMwPerMonth: number;
  /** Install lag range, days. */
  readonly installLagMinDays: number;
  readonly installLagMaxDays: number;
  /** Retire a cohort entirely unprofitable for this many days. */
  readonly retireAfterDays: number;
  /** Arrivals join an existing cohort with the same band within this relative J/TH. */
  readonly mergeTolerance: number;
}

/** Order-size rule of {@link FleetGrowthParams}. */
export type FleetGrowthMode = "fixedRate" | "margin";

/** Everything a path needs to simulate the fleet. Immutable; shared by all paths. */
export interface FleetPlan {
  /** Cohorts at day 0. */
  readonly cohorts: readonly CohortSpec[];
  /** Running (economic, before exogenous events) EH/s at day 0. */
  readonly initialRunningEh: number;
  readonly lag: FleetLagParams;
  readonly growth: FleetGrowthParams;
  /** Exogenous events, in any order. */
  readonly events: readonly HashrateEvent[];
  /** Capacity of the cohort table (initial cohorts plus arrivals after merging). */
  readonly maxCohorts: number;
  /** Capacity of the order book. */
  readonly maxPendingOrders: number;
  /**
   * Hardware already on order at day 0 (optional; none by default): each order arrives as
   * a new cohort on its `day` (> 0) like an order placed during the path. The backtest
   * fills it with the orders placed before its start (backtest/initialOrderBook.ts).
   */
  readonly initialOrders?: readonly PendingOrderSpec[];
}

/** An order of frontier hardware not yet installed: arrival day, EH/s, J/TH. */
export interface PendingOrderSpec {
  readonly day: number;
  readonly eh: number;
  readonly jPerTh: number;
}

/** The mutable fleet of one path. */
export interface FleetState {
  plan: FleetPlan;
  /**
   * The cohorts and their supply curve. Change them only through the fleet's functions
   * (which keep the curve in step), or call rebuildSupplyCurve after a direct edit.
   */
  readonly cohorts: Cohorts;
  readonly curve: SupplyCurve;
  /** Day-0 cohorts and curve of `templatePlan`, copied by resetFleet (built once per plan). */
  readonly templateCohorts: Cohorts;
  readonly templateCurve: SupplyCurve;
  templatePlan: FleetPlan | null;
  /** Day of the last daily update. */
  day: number;
  /** Revenue per PH/day at the current difficulty given at the last daily update, $/PH/day. */
  hashprice: number;
  /** Supply-curve target at that hashprice, EH/s. */
  targetEh: number;
  /** Lagged running EH/s before exogenous events. */
  economicEh: number;
  /** Share offline because of exogenous events, [0, 1]. */
  offlineShare: number;
  /** Running EH/s: economicEh × (1 − offlineShare). */
  runningEh: number;
  /** exp(−1/τ_down) and exp(−1/τ_up): the lag's decay over one day (set at reset). */
  dailyDecayDown: number;
  dailyDecayUp: number;
  // Order book (entries [0, nPending) are live).
  nPending: number;
  readonly pendingDay: Float64Array;
  readonly pendingEh: Float64Array;
  readonly pendingJPerTh: Float64Array;
  /** Earliest pending arrival day, +Infinity when none. */
  nextArrivalDay: number;
  /** When the next growth event is due (for the caller's scheduler). */
  nextGrowthDay: number;
  /** Permanent events already applied (by plan index). */
  readonly permanentApplied: Uint8Array;
  /** Earliest effect day of a permanent event not yet applied, +Infinity when none. */
  nextPermanentDay: number;
  // Diagnostics, cumulative since day 0, EH/s.
  orderedEh: number;
  arrivedEh: number;
  retiredEh: number;
  exitedEh: number;
  /** Frontier J/TH and payback (days) at the last growth event (NaN before the first). */
  lastFrontierJPerTh: number;
  lastPaybackDays: number;
  /**
   * Cache of fleetQueries.ts fleetEhByEfficiencyBand for the edges `bandEdges` and the
   * cohort table at version `bandVersion` (cohorts.ts Cohorts.version; −1: none): the
   * installed EH/s by band (bandInstalled, its first edges.length + 1 entries; replaced by
   * a longer array when a query has more bands), and the cohorts with EH/s > 0 in slot
   * order (bandN of them) with their EH/s, cheapest and dearest power's breakevens and band.
   */
  bandEdges: ArrayLike<number> | null;
  bandVersion: number;
  bandN: number;
  bandInstalled: Float64Array;
  readonly bandEh: Float64Array;
  readonly bandLo: Float64Array;
  readonly bandHi: Float64Array;
  readonly bandOf: Int32Array;
}

/** Bands (edges + 1) the cache of fleetEhByEfficiencyBand holds at first (it grows for more). */
const INITIAL_CACHED_BANDS = 16;

function requireFinitePositive(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`fleet plan: ${name} must be a finite number > 0, got ${v}`);
}
function requireFiniteNonNegative(name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`fleet plan: ${name} must be a finite number >= 0, got ${v}`);
}

/** Throws a RangeError naming the first invalid field of the plan. */
export function validateFleetPlan(plan: FleetPlan): void {
  plan.cohorts.forEach((c, i) => validateCohortSpec(c, `fleet plan: cohort ${i}`));
  if (!Number.isInteger(plan.maxCohorts) || plan.maxCohorts < Math.max(1, plan.cohorts.length)) {
    throw new RangeError(
      `fleet plan: maxCohorts must be an integer >= the number of initial cohorts (${plan.cohorts.length}), got ${plan.maxCohorts}`,
    );
  }
  requireFiniteNonNegative("initialRunningEh", plan.initialRunningEh);
  const installed = plan.cohorts.reduce((s, c) => s + c.installedEh, 0);
  if (plan.initialRunningEh > installed * (1 + 1e-9)) {
    throw new RangeError(
      `fleet plan: initialRunningEh (${plan.initialRunningEh}) exceeds the installed hashrate (${installed})`,
    );
  }
  requireFinitePositive("lag.tauDownDays", plan.lag.tauDownDays);
  requireFinitePositive("lag.tauUpDays", plan.lag.tauUpDays);
  const g = plan.growth;
  requireFinitePositive("growth.intervalDays", g.intervalDays);
  requireFinitePositive("growth.frontierJPerTh", g.frontierJPerTh);
  if (!(g.frontierImprovementPerYear >= 0 && g.frontierImprovementPerYear < 1)) {
    throw new RangeError(`fleet plan: growth.frontierImprovementPerYear must be in [0, 1), got ${g.frontierImprovementPerYear}`);
  }
  requireFiniteNonNegative("growth.newBuildPowerCostLo", g.newBuildPowerCostLo);
  if (!(Number.isFinite(g.newBuildPowerCostHi) && g.newBuildPowerCostHi >= g.newBuildPowerCostLo)) {
    throw new RangeError(`fleet plan: growth.newBuildPowerCostHi must be finite and >= newBuildPowerCostLo`);
  }
  requireFiniteNonNegative("growth.asicUsdPerTh", g.asicUsdPerTh);
  requireFiniteNonNegative("growth.siteCapexUsdPerMw", g.siteCapexUsdPerMw);
  if (g.asicUsdPerWatt !== undefined) requireFiniteNonNegative("growth.asicUsdPerWatt", g.asicUsdPerWatt);
  if (g.asicPriceElasticity !== undefined) {
    if (!Number.isFinite(g.asicPriceElasticity)) throw new RangeError(`fleet plan: growth.asicPriceElasticity must be finite, got ${g.asicPriceElasticity}`);
    if (g.asicPriceElasticity !== 0) requireFinitePositive("growth.asicRefHashprice (with asicPriceElasticity)", g.asicRefHashprice ?? NaN);
  }
  requireFiniteNonNegative("growth.hurdlePaybackDays", g.hurdlePaybackDays);
  requireFiniteNonNegative("growth.buildRateMwPerMonth", g.buildRateMwPerMonth);
  if (g.mode !== undefined && g.mode !== "fixedRate" && g.mode !== "margin") {
    throw new RangeError(`fleet plan: growth.mode must be "fixedRate" or "margin", got ${JSON.stringify(g.mode)}`);
  }
  const cap = g.marginCapMwPerMonth;
  if (cap !== undefined && !(cap > 0)) throw new RangeError(`fleet plan: growth.marginCapMwPerMonth must be > 0 (or +Infinity for no cap), got ${cap}`);
  if (g.mode === "margin") {
    requireFiniteNonNegative("growth.marginGrowthPerYear", g.marginGrowthPerYear ?? NaN);
    requireFinitePositive("growth.hurdlePaybackDays (margin mode)", g.hurdlePaybackDays);
  }
  requireFiniteNonNegative("growth.installLagMinDays", g.installLagMinDays);
  if (!(Number.isFinite(g.installLagMaxDays) && g.installLagMaxDays >= g.installLagMinDays)) {
    throw new RangeError(`fleet plan: growth.installLagMaxDays must be finite and >= installLagMinDays`);
  }
  requireFinitePositive("growth.retireAfterDays", g.retireAfterDays);
  requireFiniteNonNegative("growth.mergeTolerance", g.mergeTolerance);
  const minPending = Math.ceil(g.installLagMaxDays / g.intervalDays) + 1;
  if (!Number.isInteger(plan.maxPendingOrders) || plan.maxPendingOrders < minPending) {
    throw new RangeError(
      `fleet plan: maxPendingOrders must be an integer >= ceil(installLagMaxDays / intervalDays) + 1 = ${minPending}, got ${plan.maxPendingOrders}`,
    );
  }
  const initial = plan.initialOrders ?? [];
  initial.forEach((o, i) => {
    requireFinitePositive(`initialOrders[${i}].day`, o.day);
    requireFiniteNonNegative(`initialOrders[${i}].eh`, o.eh);
    requireFinitePositive(`initialOrders[${i}].jPerTh`, o.jPerTh);
  });
  if (plan.maxPendingOrders < minPending + initial.length) {
    throw new RangeError(
      `fleet plan: maxPendingOrders must be >= ceil(installLagMaxDays / intervalDays) + 1 + initialOrders.length = ${minPending + initial.length}, got ${plan.maxPendingOrders}`,
    );
  }
  plan.events.forEach((e, i) => validateHashrateEvent(e, i));
}

/** Allocates the state for a plan (validated) and resets it to day 0. */
export function createFleetState(plan: FleetPlan): FleetState {
  validateFleetPlan(plan);
  const state: FleetState = {
    plan,
    cohorts: createCohorts(plan.maxCohorts),
    curve: createSupplyCurve(plan.maxCohorts),
    templateCohorts: createCohorts(plan.maxCohorts),
    templateCurve: createSupplyCurve(plan.maxCohorts),
    templatePlan: null,
    day: 0,
    hashprice: NaN,
    targetEh: 0,
    economicEh: 0,
    offlineShare: 0,
    runningEh: 0,
    dailyDecayDown: 0,
    dailyDecayUp: 0,
    nPending: 0,
    pendingDay: new Float64Array(plan.maxPendingOrders),
    pendingEh: new Float64Array(plan.maxPendingOrders),
    pendingJPerTh: new Float64Array(plan.maxPendingOrders),
    nextArrivalDay: Infinity,
    nextGrowthDay: 0,
    permanentApplied: new Uint8Array(plan.events.length),
    nextPermanentDay: Infinity,
    orderedEh: 0,
    arrivedEh: 0,
    retiredEh: 0,
    exitedEh: 0,
    lastFrontierJPerTh: NaN,
    lastPaybackDays: NaN,
    bandEdges: null,
    bandVersion: -1,
    bandN: 0,
    bandInstalled: new Float64Array(INITIAL_CACHED_BANDS),
    bandEh: new Float64Array(plan.maxCohorts),
    bandLo: new Float64Array(plan.maxCohorts),
    bandHi: new Float64Array(plan.maxCohorts),
    bandOf: new Int32Array(plan.maxCohorts),
  };
  resetFleet(state, plan);
  return state;
}

/**
 * Resets `state` to day 0 of `plan` without allocating: the day-0 cohorts and supply
 * curve are built once per plan and copied (typed-array copies) at every reset. The plan
 * must fit the state's capacities (same or smaller maxCohorts, maxPendingOrders, event
 * count); plans from one compiled scenario always do. Does not re-validate the plan
 * (done once in {@link createFleetState}); a plan object must not be mutated between
 * resets (plans are immutable).
 */
export function resetFleet(state: FleetState, plan: FleetPlan): void {
  if (
    plan.maxCohorts > state.cohorts.capacity ||
    plan.maxPendingOrders > state.pendingDay.length ||
    plan.events.length > state.permanentApplied.length
  ) {
    throw new RangeError("resetFleet: the plan does not fit this state's capacities; create a new state");
  }
  state.plan = plan;
  if (state.templatePlan !== plan) {
    // First path of this plan: build the day-0 cohorts and curve once.
    const t = state.templateCohorts;
    clearCohorts(t);
    for (const spec of plan.cohorts) {
      // No merging of initial cohorts (tolerance −1 never matches).
      addCohort(t, spec.jPerTh, spec.installedEh, spec.powerCostLo, spec.powerCostHi, -1);
    }
    rebuildSupplyCurve(state.templateCurve, t);
    state.templatePlan = plan;
  }
  copyCohorts(state.cohorts, state.templateCohorts);
  copySupplyCurve(state.curve, state.templateCurve);
  state.day = 0;
  state.hashprice = NaN;
  state.targetEh = 0;
  state.economicEh = Math.min(plan.initialRunningEh, state.curve.totalEh);
  state.offlineShare = 0;
  state.runningEh = state.economicEh;
  state.dailyDecayDown = Math.exp(-1 / plan.lag.tauDownDays);
  state.dailyDecayUp = Math.exp(-1 / plan.lag.tauUpDays);
  state.nPending = 0;
  state.nextArrivalDay = Infinity;
  const initial = plan.initialOrders;
  if (initial !== undefined) {
    for (const o of initial) {
      const k = state.nPending++;
      state.pendingDay[k] = o.day;
      state.pendingEh[k] = o.eh;
      state.pendingJPerTh[k] = o.jPerTh;
      if (o.day < state.nextArrivalDay) state.nextArrivalDay = o.day;
    }
  }
  state.nextGrowthDay = 0;
  state.permanentApplied.fill(0);
  let next = Infinity;
  for (const e of plan.events) if (e.permanent === true) next = Math.min(next, permanentEffectDay(e));
  state.nextPermanentDay = next;
  state.orderedEh = 0;
  state.arrivedEh = 0;
  state.retiredEh = 0;
  state.exitedEh = 0;
  state.lastFrontierJPerTh = NaN;
  state.lastPaybackDays = NaN;
}
