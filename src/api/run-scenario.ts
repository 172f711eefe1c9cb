/**
 * `runScenario`: a scenario file run into a result folder (run-plan.ts does the work).
 */
import type { ModelRef } from "../montecarlo/index.js";
import { ResultError } from "../results/index.js";
import { runPlan, type RunPlanOptions, type RunResult } from "./run-plan.js";
import { scenarioInputs, type ScenarioOverrides } from "./scenario-input.js";

/** Options of {@link runScenario}. */
export interface RunScenarioOptions extends RunPlanOptions, ScenarioOverrides {
  /** The sweep variant to run (default: the file without its sweep; `runSweep` runs them all). */
  readonly variant?: string;
  /** The path model (default: the full model). */
  readonly model?: ModelRef | string | URL;
}

/** What {@link runScenario} returns: the run's result and how many sweep variants the file has. */
export interface RunScenarioResult extends RunResult {
  readonly variant: string;
  /** Variants of the file's sweep (1 without a sweep). */
  readonly variantsInFile: number;
}

/**
 * Loads and compiles `file` and runs it into the folder `options.out` (see run-plan.ts:
 * atomic write, refusal to overwrite without `force`, checkpoint/resume, shards, per-path
 * files). Seed and paths: the options, else the scenario's, else the defaults
 * (scenario-input.ts). Returns the folder, manifest and summary.
 */
export async function runScenario(file: string, options: RunScenarioOptions): Promise<RunScenarioResult> {
  const inputs = scenarioInputs(file, options);
  const chosen = options.variant === undefined ? inputs.base : inputs.variants.find((v) => v.variant === options.variant);
  if (chosen === undefined) {
    throw new ResultError("BAD_OPTIONS", `${file} has no variant ${options.variant}; it has ${inputs.variants.map((v) => v.variant).join(", ")}`);
  }
  const result = await runPlan(options.model === undefined ? chosen : { ...chosen, model: options.model }, options);
  return { ...result, variant: chosen.variant, variantsInFile: inputs.variants.length };
}
