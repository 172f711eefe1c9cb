/**
 * Errors the model raises while a plan is built (RangeErrors such as
 * `model plan: decisionEveryDays must be …`, `miner riot/riot-amd: itMw must be > 0`,
 * `fleet plan: growth.installLagMaxDays …`), mapped back to the scenario key that set the
 * value, so that the user sees `file:line:col: market.price.startPriceUSD: …` rather than
 * a stack trace. The schema's guard rails catch most bad values first; this is the safety
 * net for what only the model can check (e.g. a start price at which the calibrated fleet
 * cannot be built). A message that names no known field maps to the whole file.
 */
import type { PathSegment } from "./path.js";

/** Where a model error belongs in the scenario, and an optional hint in the user's terms. */
export interface ModelErrorLocation {
  readonly path: PathSegment[];
  readonly hint?: string;
}

/** What the mapping needs to know about the scenario being compiled. */
export interface ModelErrorContext {
  /** Scenario list index of each named miner, by id (absent for `miners: all`). */
  readonly minerIndexById: ReadonlyMap<string, number>;
  /** Ids of the plan's miners in plan order (plan.miners[i].id). */
  readonly planMinerIds: readonly string[];
  /** Contract index in the scenario item's `contracts`, by miner id and contract id. */
  readonly contractIndex: (minerId: string, contractId: string) => number | undefined;
  /** The price model the scenario uses (undefined: the default GBM). */
  readonly priceModel: "gbm" | "bootstrap" | "fixed" | undefined;
}

/** The path of the scenario key that sets the model's start price (or the CSV for a fixed path). */
function startPricePath(ctx: ModelErrorContext): PathSegment[] {
  return ctx.priceModel === "fixed" ? ["market", "price", "csv"] : ["market", "price", "startPriceUSD"];
}

/** Scenario path of a miner (by id) and, optionally, one of its contracts. */
function minerPath(ctx: ModelErrorContext, id: string, contractId?: string): PathSegment[] {
  const i = ctx.minerIndexById.get(id);
  if (i === undefined) return ["miners"];
  if (contractId === undefined) return ["miners", i];
  const j = ctx.contractIndex(id, contractId);
  return j === undefined ? ["miners", i, "contracts"] : ["miners", i, "contracts", j];
}

/** Plan fields of the model (`model plan: <field>`) → scenario keys. */
const PLAN_FIELDS: readonly (readonly [RegExp, PathSegment[]])[] = [
  [/^(startDate|startTime|chain)\b/, ["start"]],
  [/^(horizonDate|horizonDays|horizon)\b/, ["horizonDate"]],
  [/^exitSpeed\b/, ["exitSpeed"]],
  [/^decisionEveryDays\b/, ["decisionEveryDays"]],
  [/^(gridEveryDays|grid)\b/, ["output", "gridEveryDays"]],
  [/^engineMode\b/, ["engine"]],
  [/^switches\.minerSeries\b/, ["output", "minerSeries"]],
  [/^switches\.(\w+)/, ["switches"]],
  [/^market\.price\.model\.prices\b/, ["market", "price", "csv"]],
  [/^market\.price\.shocks\b/, ["market", "shocks"]],
  [/^market\.powerPeaks\b/, ["market", "powerPeaks"]],
  [/^fleet\.initialRunningEh\b/, ["network", "initialHashrateEH"]],
  [/^(miners|minerOverrides)$/, ["miners"]],
];

/** Inner validators' prefixes (market and fleet plans) → scenario keys. */
const INNER_PREFIXES: readonly (readonly [RegExp, PathSegment[]])[] = [
  [/price plan:/, ["market", "price"]],
  [/fee plan:/, ["market", "fees"]],
  [/AI lease plan:/, ["market", "aiLease"]],
  [/power peaks:/, ["market", "powerPeaks"]],
  [/fleet plan: lag\./, ["network", "lag"]],
  [/fleet plan: growth\./, ["network", "growth"]],
];

/**
 * The scenario key behind a model error message (see the module comment), with a hint
 * when the message is about something the scenario sets only indirectly.
 */
export function locateModelError(message: string, ctx: ModelErrorContext): ModelErrorLocation {
  // The fleet's calibration cannot be built around the start hashprice (defaultFleet.ts).
  const ceiling = /installedCeilingHashprice \(([\d.]+)\) must be >= startHashprice \(([\d.]+)\)/.exec(message);
  if (ceiling !== null) {
    return {
      path: startPricePath(ctx),
      hint:
        `the start price, fees and start difficulty give a start hashprice of $${Number(ceiling[2]).toFixed(2)}/PH/day, ` +
        `above the $${ceiling[1]}/PH/day up to which the model's network fleet is calibrated (CALIBRATION.md §c.1, ` +
        "12 Jan 2026); use a lower start price",
    };
  }
  if (/none of it covers its power at the start hashprice/.test(message)) {
    return {
      path: startPricePath(ctx),
      hint: "at this start price the model's calibrated network fleet has a whole efficiency class below breakeven; use a higher start price",
    };
  }
  for (const [re, path] of INNER_PREFIXES) if (re.test(message)) return { path };
  const event = /hashrate event (\d+)/.exec(message);
  if (event !== null) return { path: ["network", "events", Number(event[1])] };

  // compileMinerSpec: "miner <id>: …" or "miner <id>/<contract>: …"
  const miner = /^miner ([^/:\s]+)(?:\/([^:]+))?:/.exec(message);
  if (miner !== null) return { path: minerPath(ctx, miner[1] as string, miner[2]) };

  const plan = /^model plan: (\S+)/.exec(message);
  if (plan !== null) {
    const field = plan[1] as string;
    const indexed = /^miners\[(\d+)\]/.exec(field);
    if (indexed !== null) {
      const id = ctx.planMinerIds[Number(indexed[1])];
      return { path: id !== undefined ? minerPath(ctx, id) : ["miners"] };
    }
    for (const [re, path] of PLAN_FIELDS) if (re.test(field)) return { path };
    if (/^market\b/.test(field)) return { path: ["market"] };
    if (/^fleet\b/.test(field)) return { path: ["network"] };
  }
  return { path: [] };
}
