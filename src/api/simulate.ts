/**
 * `simulate`: a run in memory, for notebooks and scripts — the summary and the layout, no
 * files. Same results as `runScenario` with the same (scenario, seed, paths).
 */
import {
  runMonteCarlo,
  type ModelRef,
  type MonteCarloSummary,
  type RecordLayout,
} from "../montecarlo/index.js";
import { ResultError } from "../results/index.js";
import { resolveModel } from "./model-module.js";
import { defaultWorkers, type RunCommonOptions } from "./run-plan.js";
import { DEFAULT_PATHS, DEFAULT_SEED, scenarioInputs, type ScenarioOverrides } from "./scenario-input.js";

/** Options of {@link simulate}: a plan or a scenario file, and the run's settings. */
export interface SimulateOptions extends RunCommonOptions, ScenarioOverrides {
  /** A compiled plan (e.g. `defaultModelPlan({...})`); give this or `scenarioFile`. */
  readonly plan?: unknown;
  /** A scenario file (YAML); give this or `plan`. */
  readonly scenarioFile?: string;
  /** The sweep variant of the scenario file to run (default: the file without its sweep). */
  readonly variant?: string;
  /** The path model (default: the full model). */
  readonly model?: ModelRef | string | URL;
}

/** What {@link simulate} returns. */
export interface SimulateResult {
  readonly summary: MonteCarloSummary;
  readonly layout: RecordLayout;
  readonly plan: unknown;
  readonly seed: string | number;
  readonly paths: number;
  readonly wallMs: number;
}

/**
 * Runs a plan or scenario file in memory and returns its summary (montecarlo/summary.ts)
 * and layout. Seed and paths: the options, else the scenario's, else DEFAULT_SEED and
 * DEFAULT_PATHS. Throws ScenarioError for a bad scenario, ResultError BAD_OPTIONS for bad
 * options, MonteCarloError when the run fails.
 */
export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  if ((options.plan === undefined) === (options.scenarioFile === undefined)) {
    throw new ResultError("BAD_OPTIONS", "simulate needs exactly one of plan and scenarioFile");
  }
  let plan: unknown;
  let seed: string | number;
  let paths: number;
  if (options.scenarioFile !== undefined) {
    const inputs = scenarioInputs(options.scenarioFile, options);
    const chosen = options.variant === undefined ? inputs.base : inputs.variants.find((v) => v.variant === options.variant);
    if (chosen === undefined) {
      throw new ResultError("BAD_OPTIONS", `${options.scenarioFile} has no variant ${options.variant}; it has ${inputs.variants.map((v) => v.variant).join(", ")}`);
    }
    ({ plan, seed, paths } = chosen);
  } else {
    if (options.engine !== undefined) throw new ResultError("BAD_OPTIONS", "engine applies to scenario files; set engineMode in the plan");
    plan = options.plan;
    seed = options.seed ?? DEFAULT_SEED;
    paths = options.paths ?? DEFAULT_PATHS;
  }
  const result = await runMonteCarlo({
    model: resolveModel(options.model),
    plan,
    seed,
    paths,
    workers: options.workers ?? (await defaultWorkers()),
    ...(options.batchPaths === undefined ? {} : { batchPaths: options.batchPaths }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onProgress: (p) => options.onProgress?.({ phase: "simulate", done: p.pathsDone, total: p.pathsTotal, elapsedMs: p.elapsedMs }),
  });
  return { summary: result.summary!, layout: result.layout, plan, seed, paths, wallMs: result.timing.wallMs };
}
