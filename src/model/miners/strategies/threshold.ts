/**
 * `threshold`: convert MW when the trailing mining margin has stayed below the AI
 * alternative for N days, within a build-rate limit (DESIGN.md §3).
 *
 * The comparison (observation.ts, economics.ts): the mining cash margin per MW-yr at the
 * trailing hashprice vs the AI alternative per gross MW-yr net of its capex annuity.
 * Once `daysMarginBelowAi ≥ thresholdDays`, each decision converts as much as the
 * conversion budget (build rate × exitSpeed), the AI-suitable MW left and the free idle
 * + mining fleet MW allow, in blocks of at least `minConversionBlockMw`. Announced contracts
 * are built on their dates; DR obligations are honoured; mining is switched off while it
 * loses money at the miner's power cost (common.ts miningUneconomic).
 */
import type { Actions } from "../actions.js";
import type { Observation } from "../observation.js";
import * as common from "./common.js";
import type { StrategyParams } from "./types.js";

// Module-local copies of imported functions: optimised code reads an imported binding from
// its module cell (with a hole check) at every use (bench/imports.mjs, bench/README.md).
const { conversionAmount, drObligationMw, miningFleetMw, miningUneconomic, startDueContracts } = common;

export function threshold(obs: Readonly<Observation>, params: StrategyParams, out: Actions): void {
  startDueContracts(obs, out, true);
  out.curtailTargetMw = drObligationMw(obs);
  out.economicOff = miningUneconomic(obs);
  if (obs.daysMarginBelowAi >= params.thresholdDays) {
    out.convertMw = conversionAmount(obs, params.minConversionBlockMw, obs.idleFreeMw + miningFleetMw(obs));
  }
}
