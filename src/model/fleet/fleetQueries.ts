/**
 * Read-only views of a fleet's state for reports and for the named-miner and strategy
 * code: installed and running hashrate, power drawn, average efficiency. Each reads the
 * supply curve (O(log cohorts)) or the small order book; no allocation, and no change to the
 * fleet's state (a lookup writes only the curve's lookup scratch, `query` and `hint`).
 */
import { MWH_PER_PH_DAY_PER_J_PER_TH } from "../units.js";
import type { FleetState } from "./fleetState.js";
import { marginalBreakevenForRunningEh, powerMwForRunningEh, supplyEhAt } from "./supplyCurve.js";

/** Installed EH/s (all cohorts, running or idle). */
export function fleetInstalledEh(f: FleetState): number {
  return f.curve.totalEh;
}

/** EH/s on order, not yet arrived. */
export function fleetPipelineEh(f: FleetState): number {
  let s = 0;
  for (let i = 0; i < f.nPending; i++) s += f.pendingEh[i]!;
  return s;
}

/**
 * Power of the fleet's economic EH/s (the lagged aggregate read in merit order, lowest
 * breakeven first), MW, before exogenous outages: one supply-curve lookup, from which
 * {@link fleetRunningPowerMw} and {@link fleetRunningJPerTh} follow.
 */
export function fleetEconomicPowerMw(f: FleetState): number {
  return powerMwForRunningEh(f.curve, f.economicEh);
}

/** Power drawn by the running fleet, MW: the economic fleet's power times the share online after exogenous events. */
export function fleetRunningPowerMw(f: FleetState): number {
  return fleetEconomicPowerMw(f) * (1 - f.offlineShare);
}

/** Average efficiency of the running fleet, J/TH (MW / EH/s); NaN when nothing runs. */
export function fleetRunningJPerTh(f: FleetState): number {
  const eh = f.economicEh;
  return eh > 0 ? fleetEconomicPowerMw(f) / eh : NaN;
}

/** Breakeven hashprice ($/PH/day) of the marginal running hardware in merit order. */
export function fleetMarginalBreakeven(f: FleetState): number {
  return marginalBreakevenForRunningEh(f.curve, f.economicEh);
}

/** The supply curve's target EH/s at any hashprice ($/PH/day), without changing the fleet's state. */
export function fleetTargetEhAt(f: FleetState, hashprice: number): number {
  return supplyEhAt(f.curve, hashprice);
}

/**
 * Index of the efficiency band of hardware at `jPerTh` J/TH: the first b with
 * jPerTh < upperEdges[b], or upperEdges.length (the open top band) when there is none.
 * `upperEdges` are ascending upper edges in J/TH (e.g. Luxor's tiers 19, 25, 38:
 * CALIBRATION.md §a.2), so bands are [0, e0), [e0, e1), …, [e_last, ∞).
 */
export function efficiencyBandOf(jPerTh: number, upperEdges: ArrayLike<number>): number {
  let b = 0;
  while (b < upperEdges.length && !(jPerTh < upperEdges[b]!)) b++;
  return b;
}

/**
 * Installed and running EH/s of the fleet by efficiency band, written into `running` and
 * `installed` (length upperEdges.length + 1, band index as {@link efficiencyBandOf}).
 * Allocation-free; O(cohorts), so call it at report dates, not per event.
 *
 * Running is the lagged aggregate read in merit order, the same reading as
 * {@link fleetRunningPowerMw}: hardware whose breakeven is below the marginal breakeven x*
 * of the running EH/s runs, a cohort's band [0.024·e·lo, 0.024·e·hi] runs for the part below
 * x* (its EH/s is uniform over the band), and single-cost cohorts whose breakeven is exactly
 * x* share what is left pro rata; then × (1 − offlineShare). So the bands sum to
 * {@link FleetState.runningEh} and the power they imply (Σ EH/s × J/TH) to
 * fleetRunningPowerMw, up to rounding.
 *
 * Installed EH/s by band and the cohorts' breakevens and bands are cached in the state for
 * the cohort table's version and the `upperEdges` array last passed (by identity): do not
 * change an edges array's contents between calls.
 */
export function fleetEhByEfficiencyBand(
  f: FleetState,
  upperEdges: ArrayLike<number>,
  running: Float64Array,
  installed: Float64Array,
): void {
  const nb = upperEdges.length + 1;
  if (running.length < nb || installed.length < nb) {
    throw new RangeError(`fleetEhByEfficiencyBand: output arrays need ${nb} entries`);
  }
  for (let b = 0; b < nb; b++) {
    running[b] = 0;
    installed[b] = 0;
  }
  const c = f.cohorts;
  const total = f.curve.totalEh;
  let r = f.economicEh;
  if (r > total) r = total;
  const xStar = r > 0 ? marginalBreakevenForRunningEh(f.curve, r) : 0;
  // Installed by band and each cohort's breakevens and band change only with the cohort
  // table: kept in the state (fleetState.ts bandVersion …) and rebuilt after a change.
  if (f.bandVersion !== c.version || f.bandEdges !== upperEdges) rebuildBandCache(f, upperEdges, nb);
  const cached = f.bandInstalled;
  for (let b = 0; b < nb; b++) installed[b] = cached[b]!;
  if (!(r > 0)) return;
  // Pass 1: the part strictly below x* (B) and single-cost mass exactly at x* (A), over
  // the cohorts with EH/s > 0 in slot order (the others add nothing).
  const bn = f.bandN;
  const bEh = f.bandEh;
  const bLo = f.bandLo;
  const bHi = f.bandHi;
  const bOf = f.bandOf;
  let below = 0;
  let atMass = 0;
  for (let k = 0; k < bn; k++) {
    const eh = bEh[k]!;
    const lo = bLo[k]!;
    const hi = bHi[k]!;
    let part = 0;
    if (hi > lo) {
      part = xStar >= hi ? eh : xStar <= lo ? 0 : (eh * (xStar - lo)) / (hi - lo);
    } else if (lo < xStar) {
      part = eh;
    } else if (lo === xStar) {
      atMass += eh;
    }
    below += part;
    const b = bOf[k]!;
    running[b] = running[b]! + part;
  }
  finishBands(f, upperEdges, running, nb, r, xStar, below, atMass);
}

/** The band cache of {@link fleetEhByEfficiencyBand} for the current cohorts and `upperEdges`. */
function rebuildBandCache(f: FleetState, upperEdges: ArrayLike<number>, nb: number): void {
  const c = f.cohorts;
  // More bands than any query before: a longer array (once; never in a path's loop after the first query).
  if (f.bandInstalled.length < nb) f.bandInstalled = new Float64Array(nb);
  const installed = f.bandInstalled;
  for (let b = 0; b < nb; b++) installed[b] = 0;
  let k = 0;
  for (let i = 0; i < c.n; i++) {
    const eh = c.eh[i]!;
    const j = c.jPerTh[i]!;
    const b = efficiencyBandOf(j, upperEdges);
    installed[b] = installed[b]! + eh;
    if (!(eh > 0)) continue;
    f.bandEh[k] = eh;
    f.bandLo[k] = MWH_PER_PH_DAY_PER_J_PER_TH * j * c.costLo[i]!;
    f.bandHi[k] = MWH_PER_PH_DAY_PER_J_PER_TH * j * c.costHi[i]!;
    f.bandOf[k] = b;
    k++;
  }
  f.bandN = k;
  f.bandVersion = c.version;
  f.bandEdges = upperEdges;
}

/** Pass 2 of {@link fleetEhByEfficiencyBand}: the single-cost cohorts at x*, the rounding scale, the share online. */
function finishBands(
  f: FleetState,
  upperEdges: ArrayLike<number>,
  running: Float64Array,
  nb: number,
  r: number,
  xStar: number,
  below: number,
  atMass: number,
): void {
  const c = f.cohorts;
  // Pass 2: the single-cost cohorts at x* take the remainder; otherwise absorb rounding.
  let atShare = 0;
  let scale = 1;
  if (atMass > 0) {
    atShare = (r - below) / atMass;
    if (atShare < 0) atShare = 0;
    if (atShare > 1) atShare = 1;
  } else if (below > 0) {
    scale = r / below;
  }
  if (atShare > 0) {
    for (let i = 0; i < c.n; i++) {
      const j = c.jPerTh[i]!;
      const lo = MWH_PER_PH_DAY_PER_J_PER_TH * j * c.costLo[i]!;
      const hi = MWH_PER_PH_DAY_PER_J_PER_TH * j * c.costHi[i]!;
      if (hi === lo && lo === xStar) {
        const b = efficiencyBandOf(j, upperEdges);
        running[b] = running[b]! + atShare * c.eh[i]!;
      }
    }
  }
  const online = (1 - f.offlineShare) * scale;
  for (let b = 0; b < nb; b++) running[b] = running[b]! * online;
}
