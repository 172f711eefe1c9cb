/**
 * The backtest scenario file: JSON with any of `fleetMix`, `events`, `growth` (numbers,
 * plus `mode`: "fixedRate" | "margin"), `lag`, `powerCost`, `feeShareOfReward`, `prior`
 * ({growthLogSd, hurdleLogSd, elasticitySd}), `orderBook` ("history" | "empty") (see backtestPlan.ts BacktestScenario). Unknown keys
 * are errors. Pure function on text; errors name the file and the field.
 */
import type { BacktestScenario } from "./backtestPlan.js";
import { validateDatedEvent, type DatedHashrateEvent } from "./events.js";

const KEYS = new Set(["fleetMix", "events", "growth", "lag", "powerCost", "feeShareOfReward", "prior", "orderBook", "description"]);

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
  const numberRecord = (field: string): Record<string, number> | undefined => {
    const v = o[field];
    if (v === undefined) return undefined;
    if (v === null || typeof v !== "object" || Array.isArray(v)) fail(field, "must be an object of numbers");
    for (const [k, x] of Object.entries(v as object)) {
      if (field === "growth" && k === "mode") {
        if (x !== "fixedRate" && x !== "margin") fail("growth.mode", `must be "fixedRate" or "margin", got ${JSON.stringify(x)}`);
        continue;
      }
      if (typeof x !== "number" && typeof x !== "boolean") fail(`${field}.${k}`, `must be a number, got ${JSON.stringify(x)}`);
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
  const growth = numberRecord("growth");
  if (growth !== undefined) out.growth = growth as BacktestScenario["growth"] & object;
  const prior = numberRecord("prior");
  if (prior !== undefined) {
    for (const k of Object.keys(prior)) if (k !== "growthLogSd" && k !== "hurdleLogSd" && k !== "elasticitySd") fail(`prior.${k}`, "is not a known key (known: growthLogSd, hurdleLogSd, elasticitySd)");
    out.prior = prior;
  }
  const lag = numberRecord("lag");
  if (lag !== undefined) out.lag = lag;
  const pc = numberRecord("powerCost");
  if (pc !== undefined) {
    for (const k of ["medianUsdPerMwh", "p10UsdPerMwh", "p90UsdPerMwh"]) if (typeof pc[k] !== "number") fail(`powerCost.${k}`, "is required");
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
