/**
 * `mullet` (Bernstein 2024; Luxor *Mullet Mining*, CALIBRATION §f and (3) "Mullet
 * dispatch"): AI load first and firm (announced contracts built on their dates; their MW
 * leave mining), mining on the residual MW, curtailed whenever power is worth more than
 * mining it or a DR / 4CP event is on.
 *
 * Dispatch rule: curtail all interruptible MW when the power price p exceeds the mining
 * value of a MWh, HP/(0.024·e) ((3): "curtails when RT price > HP/(0.024·e)"), where p is
 * the real-time price if one is given and the miner's contracted price otherwise (so a
 * fleet that is unprofitable at its contracted price is also switched off); or during a
 * DR deployment or a 4CP interval. Otherwise run everything. The rest of the fleet (beyond
 * the interruptible share) is switched off, with the economic-shutdown lag, while mining
 * loses money at the contracted price (common.ts miningUneconomic), as for every strategy.
 * Credits (resale, ERS, 4CP) are booked by accounting.ts.
 */
import type { Actions } from "../actions.js";
import type { Observation } from "../observation.js";
import * as common from "./common.js";
import type { StrategyParams } from "./types.js";

// Module-local copies of imported functions: optimised code reads an imported binding from
// its module cell (with a hole check) at every use (bench/imports.mjs, bench/README.md).
const { miningUneconomic, startDueContracts } = common;

export function mullet(obs: Readonly<Observation>, _params: StrategyParams, out: Actions): void {
  startDueContracts(obs, out, true);
  const p = Number.isFinite(obs.rtPowerUsdPerMwh) ? obs.rtPowerUsdPerMwh : obs.powerUsdPerMwh;
  // `=== true`: V8 tracks no field type for booleans (a plain test checks every falsy value).
  const curtail = obs.drEvent === true || obs.fourCpEvent === true || p > obs.revenuePerMwh;
  out.curtailTargetMw = curtail ? obs.interruptibleMw : 0;
  out.economicOff = miningUneconomic(obs);
}
