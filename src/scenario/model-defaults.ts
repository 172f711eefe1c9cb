/**
 * The model's own defaults, as a scenario file sees them: the values that
 * `defaultModelPlan` (src/model/path/plan.ts) uses when a scenario leaves a key out.
 *
 * Most defaults are exported constants of the model (calibration.ts, miners/params.ts,
 * …) and the scenario schema reads them there. A few live only inside defaultModelPlan
 * (the horizon, exitSpeed, decision and grid spacing, the engine mode); they are read
 * back here from the plan it builds without options (network only), once, so that the
 * scenario layer never restates a number the model owns. Used for the `default`
 * annotations of the editor JSON Schema and for guard rails that need the effective
 * horizon (shock and event dates inside it).
 */
import { epochDayFromIso, isoFromEpochDay } from "../model/market/index.js";
import { defaultModelPlan, type ModelSwitches } from "../model/path/index.js";
import type { EngineMode } from "../engine/index.js";
import { SECONDS_PER_DAY } from "../model/units.js";

/** What defaultModelPlan uses for the top-level keys a scenario may leave out. */
export interface ModelDefaults {
  /** Day 0, ISO date (the only start the model supports so far: see DEFAULT_START_DATE). */
  readonly startDate: string;
  /** Last simulated day, inclusive, ISO date. */
  readonly horizonDate: string;
  readonly exitSpeed: number;
  readonly decisionEveryDays: number;
  /** Spacing of the output grid, days. */
  readonly gridEveryDays: number;
  readonly engineMode: EngineMode;
  readonly switches: ModelSwitches;
}

let cached: ModelDefaults | undefined;

/** The model's defaults (computed once from `defaultModelPlan({ miners: [] })`, ~1–4 ms). */
export function modelDefaults(): ModelDefaults {
  if (cached !== undefined) return cached;
  const plan = defaultModelPlan({ miners: [] });
  const grid = plan.grid;
  const gridEveryDays = grid.length > 1 ? ((grid[1] as number) - (grid[0] as number)) / SECONDS_PER_DAY : plan.horizonDays;
  cached = Object.freeze({
    startDate: plan.startDate,
    horizonDate: isoFromEpochDay(epochDayFromIso(plan.startDate) + plan.horizonDays - 1),
    exitSpeed: plan.exitSpeed,
    decisionEveryDays: plan.decisionEveryDays,
    gridEveryDays,
    engineMode: plan.engineMode,
    switches: Object.freeze({ ...plan.switches }),
  });
  return cached;
}
