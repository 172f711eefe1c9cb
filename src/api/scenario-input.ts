/**
 * Scenario files as run inputs: load and compile (scenario/compile.ts), then fill in what
 * the scenario leaves to the run — seed and path count (options, else the scenario's,
 * else the defaults below), the chain engine — and list the files it read.
 *
 * Seeds of sweep variants: under common random numbers (the default) every variant runs
 * with the master seed; with `commonRandomNumbers: false`, variant v runs with
 * `variantSeed(master, v)` = `<master>#<variant name>` (scenario/sweep.ts), whether the
 * master seed comes from the scenario or from the options.
 */
import { validateModelPlan } from "../model/path/index.js";
import { expandSweep, loadAndCompile, resolveScenarioFile, variantSeed, type CompiledVariant } from "../scenario/index.js";
import type { RunInput } from "./run-plan.js";

/** Master seed of a run when neither the options nor the scenario give one. */
export const DEFAULT_SEED = 1;
/** Paths of a run when neither the options nor the scenario give a count. */
export const DEFAULT_PATHS = 1000;

/** What the options may override in a scenario. */
export interface ScenarioOverrides {
  readonly seed?: string | number;
  readonly paths?: number;
  /** The chain engine: "fast" (default) or "reference" (block by block, slow; for validation). */
  readonly engine?: "fast" | "reference";
}

/** A variant of a scenario file, ready to run. */
export interface ScenarioRunInput extends RunInput {
  /** Variant name (`base` for a file without a sweep). */
  readonly variant: string;
  /** What the variant changes: sweep key path as written → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
}

/** A scenario file, loaded and compiled into run inputs. */
export interface ScenarioInputs {
  readonly file: string;
  readonly name: string;
  /** The sweep keys as written, in sweep order (empty without a sweep). */
  readonly sweepKeys: readonly string[];
  /** The base scenario (the file without its sweep). */
  readonly base: ScenarioRunInput;
  /** Every variant (one, `base`, without a sweep). */
  readonly variants: readonly ScenarioRunInput[];
}

function seedOf(v: CompiledVariant, options: ScenarioOverrides): string | number {
  if (options.seed !== undefined) return variantSeed(options.seed, { name: v.variant, commonRandomNumbers: v.commonRandomNumbers });
  return v.seed ?? variantSeed(DEFAULT_SEED, { name: v.variant, commonRandomNumbers: v.commonRandomNumbers });
}

/**
 * Loads, validates and compiles a scenario file and its sweep (ScenarioError on bad
 * input), applying the overrides.
 */
export function scenarioInputs(file: string, options: ScenarioOverrides = {}): ScenarioInputs {
  const compiled = loadAndCompile(file);
  const { loaded } = compiled;
  const scenarios = new Map(expandSweep(loaded).map((v) => [v.name, v.scenario] as const));
  const toInput = (v: CompiledVariant): ScenarioRunInput => {
    let plan = v.plan;
    if (options.engine !== undefined && plan.engineMode !== options.engine) {
      plan = { ...plan, engineMode: options.engine };
      validateModelPlan(plan);
    }
    const scenario = scenarios.get(v.variant) ?? loaded.scenario;
    const price = scenario.market?.price;
    const dataFiles: string[] = [];
    if (price !== undefined && "csv" in price && typeof price.csv === "string") {
      dataFiles.push(resolveScenarioFile(loaded.provenance, ["market", "price", "csv"], price.csv).abs);
    }
    const paths = options.paths ?? v.paths ?? DEFAULT_PATHS;
    return {
      variant: v.variant,
      overrides: v.overrides,
      plan,
      seed: seedOf(v, options),
      paths,
      name: v.name,
      description: v.description,
      scenarioFile: file,
      scenarioFiles: loaded.files,
      dataFiles,
    };
  };
  const variants = compiled.variants.map(toInput);
  const base = toInput({ ...compiled.base, variant: "base", index: 0, overrides: {}, changedPaths: [], commonRandomNumbers: true });
  return {
    file,
    name: compiled.base.name,
    sweepKeys: loaded.sweep?.keys.map((k) => k.key) ?? [],
    base,
    variants,
  };
}
