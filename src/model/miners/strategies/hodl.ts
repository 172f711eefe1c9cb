/**
 * `hodl`: keep mining and hold BTC (DESIGN.md §3). Builds signed contracts only (obligations),
 * never planned pipeline or discretionary conversions; curtails only what a DR deployment
 * obliges; re-equips free idle MW for mining while the trailing mining margin is
 * positive. The hold fraction stays the profile's.
 */
import type { Actions } from "../actions.js";
import type { Observation } from "../observation.js";
import { drObligationMw, startDueContracts } from "./common.js";
import type { StrategyParams } from "./types.js";

export function hodl(obs: Readonly<Observation>, _params: StrategyParams, out: Actions): void {
  startDueContracts(obs, out, false);
  out.curtailTargetMw = drObligationMw(obs);
  if (obs.idleFreeMw > 0 && obs.trailingMiningMarginUsdPerMwYr > 0) out.remineMw = obs.idleFreeMw;
}
