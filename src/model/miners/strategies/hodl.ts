/**
 * `hodl`: keep mining and hold BTC (DESIGN.md §3). "Keeps mining" means **no conversion**:
 * it builds signed contracts only (obligations), never planned pipeline or discretionary
 * conversions, and its mining MW stay mining MW. It does not mean mining at a loss: like
 * every strategy it switches its machines off while hashprice is below its power-cost
 * breakeven (common.ts miningUneconomic, CALIBRATION (1) "Shutdown rule") and back on when
 * mining pays again — curtailed, not idle, so nothing is sold or converted. Otherwise it
 * curtails only what a DR deployment obliges; re-equips free idle MW for mining while the
 * trailing mining margin is positive. The hold fraction stays the profile's.
 */
import type { Actions } from "../actions.js";
import type { Observation } from "../observation.js";
import * as common from "./common.js";
import type { StrategyParams } from "./types.js";

// Module-local copies of imported functions: optimised code reads an imported binding from
// its module cell (with a hole check) at every use (bench/imports.mjs, bench/README.md).
const { drObligationMw, miningUneconomic, startDueContracts } = common;

export function hodl(obs: Readonly<Observation>, _params: StrategyParams, out: Actions): void {
  startDueContracts(obs, out, false);
  out.curtailTargetMw = drObligationMw(obs);
  out.economicOff = miningUneconomic(obs);
  if (obs.idleFreeMw > 0 && obs.trailingMiningMarginUsdPerMwYr > 0) out.remineMw = obs.idleFreeMw;
}
