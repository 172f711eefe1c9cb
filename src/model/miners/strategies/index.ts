/**
 * Strategies: pure functions observation → actions (DESIGN.md §3), and the dispatcher the
 * path loop calls at a decision event.
 */
import type { Actions } from "../actions.js";
import * as actions from "../actions.js";
import type { Observation } from "../observation.js";
import * as contractedModule from "./contracted.js";
import * as exitModule from "./exit.js";
import * as hodlModule from "./hodl.js";
import * as mulletModule from "./mullet.js";
import * as thresholdModule from "./threshold.js";
import type { StrategyParams } from "./types.js";

export { contracted } from "./contracted.js";
export { exit } from "./exit.js";
export { hodl } from "./hodl.js";
export { mullet } from "./mullet.js";
export { threshold } from "./threshold.js";

// Module-local copies of the imported functions runStrategy calls: optimised code reads an
// imported binding from its module cell (with a hole check) at every use (bench/imports.mjs,
// bench/README.md).
const { clearActions } = actions;
const { contracted } = contractedModule;
const { exit } = exitModule;
const { hodl } = hodlModule;
const { mullet } = mulletModule;
const { threshold } = thresholdModule;
export { exitMiningCap } from "./exit.js";
export { conversionAmount, drObligationMw, miningFleetMw, miningUneconomic, startDueContracts } from "./common.js";
export { STRATEGY_KINDS, type StrategyKind, type StrategyParams } from "./types.js";

/** Clear `out` and write the decision of the strategy `params.kind` on `obs`. */
export function runStrategy(obs: Readonly<Observation>, params: StrategyParams, out: Actions): void {
  // Without a PENDING slot no strategy sets a start flag and applyActions reads none
  // (it checks miner.pendingSlots, the same count), so no flag needs clearing.
  clearActions(out, obs.pendingSlots === 0 ? 0 : obs.slotCount);
  switch (params.kind) {
    case "hodl":
      hodl(obs, params, out);
      return;
    case "mullet":
      mullet(obs, params, out);
      return;
    case "exit":
      exit(obs, params, out);
      return;
    case "threshold":
      threshold(obs, params, out);
      return;
    case "contracted":
      contracted(obs, params, out);
      return;
  }
}
