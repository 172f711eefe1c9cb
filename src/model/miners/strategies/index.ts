/**
 * Strategies: pure functions observation → actions (DESIGN.md §3), and the dispatcher the
 * path loop calls at a decision event.
 */
import type { Actions } from "../actions.js";
import { clearActions } from "../actions.js";
import type { Observation } from "../observation.js";
import { contracted } from "./contracted.js";
import { exit } from "./exit.js";
import { hodl } from "./hodl.js";
import { mullet } from "./mullet.js";
import { threshold } from "./threshold.js";
import type { StrategyParams } from "./types.js";

export { contracted, exit, hodl, mullet, threshold };
export { exitMiningCap } from "./exit.js";
export { conversionAmount, drObligationMw, miningFleetMw, miningUneconomic, startDueContracts } from "./common.js";
export { STRATEGY_KINDS, type StrategyKind, type StrategyParams } from "./types.js";

/** Clear `out` and write the decision of the strategy `params.kind` on `obs`. */
export function runStrategy(obs: Readonly<Observation>, params: StrategyParams, out: Actions): void {
  clearActions(out, obs.slotCount);
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
