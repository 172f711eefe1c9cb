/**
 * Read-only views of a fleet's state for reports and for the named-miner and strategy
 * code: installed and running hashrate, power drawn, average efficiency. Each reads the
 * supply curve (O(log cohorts)) or the small order book; no allocation, no mutation.
 */
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
 * Power drawn by the running fleet, MW: the lagged aggregate read in merit order (lowest
 * breakeven first), times the share online after exogenous events.
 */
export function fleetRunningPowerMw(f: FleetState): number {
  return powerMwForRunningEh(f.curve, f.economicEh) * (1 - f.offlineShare);
}

/** Average efficiency of the running fleet, J/TH (MW / EH/s); NaN when nothing runs. */
export function fleetRunningJPerTh(f: FleetState): number {
  const eh = f.economicEh;
  return eh > 0 ? powerMwForRunningEh(f.curve, eh) / eh : NaN;
}

/** Breakeven hashprice ($/PH/day) of the marginal running hardware in merit order. */
export function fleetMarginalBreakeven(f: FleetState): number {
  return marginalBreakevenForRunningEh(f.curve, f.economicEh);
}

/** The supply curve's target EH/s at any hashprice ($/PH/day), without changing state. */
export function fleetTargetEhAt(f: FleetState, hashprice: number): number {
  return supplyEhAt(f.curve, hashprice);
}
