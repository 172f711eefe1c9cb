/**
 * The library API for scripts and notebooks (DESIGN.md §6), also what the CLI calls:
 * simulate in memory, run a scenario or a sweep into result folders, merge shard
 * partials, compare runs path by path, replay one path. The file formats are in
 * README.md "Result files" (src/results).
 */
export { DEFAULT_MODEL, PACKAGE_ROOT, isDefaultModel, manifestModel, modelForManifest, modelFromManifest, resolveModel } from "./model-module.js";
export { resolveShard, shardText, type ShardOptions } from "./shard-env.js";
export {
  MAX_SCALAR_VALUES,
  defaultWorkers,
  partialDirOf,
  runPlan,
  type ApiProgress,
  type RunCommonOptions,
  type RunInput,
  type RunPlanOptions,
  type RunResult,
} from "./run-plan.js";
export { DEFAULT_PATHS, DEFAULT_SEED, scenarioInputs, type ScenarioInputs, type ScenarioOverrides, type ScenarioRunInput } from "./scenario-input.js";
export { simulate, type SimulateOptions, type SimulateResult } from "./simulate.js";
export { runScenario, type RunScenarioOptions, type RunScenarioResult } from "./run-scenario.js";
export {
  runSweep,
  runSweepInput,
  type RunSweepOptions,
  type SweepInput,
  type SweepResult,
  type SweepVariantInput,
  type SweepVariantResult,
} from "./sweep.js";
export { mergeShardFolders, type MergeOptions } from "./merge.js";
export { compareRuns, runScalars, type CompareOptions, type CompareResult } from "./compare.js";
export { replayRunPath, type ReplayRunOptions, type ReplayRunResult } from "./replay.js";
export { SAMPLE_WORKER_URL, samplePaths, type SamplePathsOptions } from "./path-sampler.js";
