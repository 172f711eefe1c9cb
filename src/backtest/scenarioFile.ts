/**
 * The backtest scenario file: JSON with any of `fleetMix`, `events`, `growth` (numbers,
 * plus `mode`: "fixedRate" | "margin"), `lag`, `powerCost`, `feeShareOfReward`, `prior`
 * ({growthLogSd, hurdleLogSd, elasticitySd, capLogSd}), `orderBook` ("history" | "empty") (see backtestPlan.ts BacktestScenario). Unknown keys,
 * at the top level and inside growth, lag, powerCost and prior, are errors. Pure function on text; errors name the file and the field.
 */
import type { FleetGrowthParams, FleetLagParams } from "../model/fleet/index.js";
import type { BacktestScenario } from "./backtestPlan.js";
import { validateDatedEvent, type DatedHashrateEvent } from "./events.js";

const KEYS = new Set(["fleetMix", "events", "growth", "lag", "powerCost", "feeShareOfReward", "prior", "orderBook", "description"]);

/** The keys of `growth` (every FleetGrowthParams key, the compiler checks) and what each takes. */
const GROWTH_KEYS: Readonly<Record<keyof FleetGrowthParams, "number" | "boolean" | "mode">> = {
  mode: "mode",
  marginGrowthPerYear: "number",
  marginCapMwPerMonth: "number",
  enabled: "boolean",
  intervalDays: "number",
  frontierJPerTh: "number",
  frontierImprovementPerYear: "number",
  newBuildPowerCostLo: "number",
  newBuildPowerCostHi: "number",
  asicUsdPerTh: "number",
  asicUsdPerWatt: "number",
  asicPriceElasticity: "number",
  asicRefHashprice: "number",
  siteCapexUsdPerMw: "number",
  hurdlePaybackDays: "number",
  buildRateMwPerMonth: "number",
  installLagMinDays: "number",
  installLagMaxDays: "number",
  retireAfterDays: "number",
  mergeTolerance: "number",
};
/** The keys of `lag` (every FleetLagParams key). */
const LAG_KEYS: Readonly<Record<keyof FleetLagParams, true>> = { tauDownDays: true, tauUpDays: true };
const POWER_COST_KEYS = ["medianUsdPerMwh", "p10UsdPerMwh", "p90UsdPerMwh"] as const;
const PRIOR_KEYS = ["growthLogSd", "hurdleLogSd", "elasticitySd", "capLogSd"] as const;

/** Parses a backtest scenario; throws a RangeError `<source>: <field> …`. */
export function parseBacktestScenario(text: string, source: string): BacktestScenario {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new RangeError(`${source}: not valid JSON: ${(err as Error).message}`);
  }
  const fail = (field: string, msg: string): never => {
    throw new RangeError(`${source}: ${field} ${msg}`);
  };
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) fail("(root)", "must be a JSON object");
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) fail(k, `is not a known key (known: ${[...KEYS].join(", ")})`);
  /** An object of numbers under `field` whose keys are all in `known` (`kind` gives growth's non-numbers). */
  const numberRecord = (field: string, known: readonly string[], kind: (k: string) => "number" | "boolean" | "mode" = () => "number"): Record<string, number> | undefined => {
    const v = o[field];
    if (v === undefined) return undefined;
    if (v === null || typeof v !== "object" || Array.isArray(v)) fail(field, "must be an object of numbers");
    for (const [k, x] of Object.entries(v as object)) {
      if (!known.includes(k)) fail(`${field}.${k}`, `is not a known key (known: ${known.join(", ")})`);
      const type = kind(k);
      if (type === "mode") {
        if (x !== "fixedRate" && x !== "margin") fail(`${field}.${k}`, `must be "fixedRate" or "margin", got ${JSON.stringify(x)}`);
      } else if (typeof x !== type) fail(`${field}.${k}`, `must be a ${type}, got ${JSON.stringify(x)}`);
    }
    return v as Record<string, number>;
  };
  const out: { -readonly [K in keyof BacktestScenario]: BacktestScenario[K] } = {};
  if (o.fleetMix !== undefined) {
    if (!Array.isArray(o.fleetMix) || o.fleetMix.length === 0) fail("fleetMix", "must be a non-empty array of {jPerTh, runningShare}");
    const mix = (o.fleetMix as unknown[]).map((c, i) => {
      const cc = c as { jPerTh?: unknown; runningShare?: unknown };
      if (typeof cc?.jPerTh !== "number" || !(cc.jPerTh > 0)) fail(`fleetMix[${i}].jPerTh`, "must be a number > 0");
      if (typeof cc.runningShare !== "number" || !(cc.runningShare >= 0)) fail(`fleetMix[${i}].runningShare`, "must be a number >= 0");
      return { jPerTh: cc.jPerTh as number, runningShare: cc.runningShare as number };
    });
    const sum = mix.reduce((s, c) => s + c.runningShare, 0);
    if (Math.abs(sum - 1) > 1e-9) fail("fleetMix", `running shares must sum to 1, got ${sum}`);
    out.fleetMix = mix;
  }
  if (o.events !== undefined) {
    if (!Array.isArray(o.events)) fail("events", "must be an array");
    (o.events as DatedHashrateEvent[]).forEach((e, i) => {
      try {
        validateDatedEvent(e, `events[${i}]`);
      } catch (err) {
        throw new RangeError(`${source}: ${(err as Error).message}`);
      }
    });
    out.events = o.events as DatedHashrateEvent[];
  }
  const growth = numberRecord("growth", Object.keys(GROWTH_KEYS), (k) => GROWTH_KEYS[k as keyof FleetGrowthParams]);
  if (growth !== undefined) out.growth = growth as BacktestScenario["growth"] & object;
  const prior = numberRecord("prior", PRIOR_KEYS);
  if (prior !== undefined) out.prior = prior;
  const lag = numberRecord("lag", Object.keys(LAG_KEYS));
  if (lag !== undefined) out.lag = lag;
  const pc = numberRecord("powerCost", POWER_COST_KEYS);
  if (pc !== undefined) {
    for (const k of POWER_COST_KEYS) if (typeof pc[k] !== "number") fail(`powerCost.${k}`, "is required");
    out.powerCost = { medianUsdPerMwh: pc.medianUsdPerMwh!, p10UsdPerMwh: pc.p10UsdPerMwh!, p90UsdPerMwh: pc.p90UsdPerMwh! };
  }
  if (o.feeShareOfReward !== undefined) {
    if (typeof o.feeShareOfReward !== "number") fail("feeShareOfReward", "must be a number");
    out.feeShareOfReward = o.feeShareOfReward as number;
  }
  if (o.orderBook !== undefined) {
    if (o.orderBook !== "history" && o.orderBook !== "empty") fail("orderBook", `must be "history" or "empty", got ${JSON.stringify(o.orderBook)}`);
    out.orderBook = o.orderBook as "history" | "empty";
  }
  return out;
}
