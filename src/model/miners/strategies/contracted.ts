/**
 * `contracted`: follow announced contracts only (DESIGN.md §3): build every announced
 * contract, signed or planned, on its start date (energisation = start + build months /
 * exitSpeed, plus any slip); no discretionary conversion; curtail only what a DR
 * deployment obliges.
 */
import type { Actions } from "../actions.js";
import type { Observation } from "../observation.js";
import * as common from "./common.js";
import type { StrategyParams } from "./types.js";

// Module-local copies of imported functions: optimised code reads an imported binding from
// its module cell (with a hole check) at every use (bench/imports.mjs, bench/README.md).
const { drObligationMw, miningUneconomic, startDueContracts } = common;

export function contracted(obs: Readonly<Observation>, _params: StrategyParams, out: Actions): void {
  startDueContracts(obs, out, true);
  out.curtailTargetMw = drObligationMw(obs);
  out.economicOff = miningUneconomic(obs);
}
