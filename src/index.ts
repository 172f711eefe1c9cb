/**
 * hashrate-exodus library API, for scripts and notebooks.
 *
 * Everything here is also what the CLI uses; see README.md for the file formats.
 */
export { VERSION } from "./version.js";
export * from "./random/index.js";
export * from "./consensus/index.js";
export * from "./engine/index.js";
export * from "./montecarlo/index.js";
export * from "./results/index.js";
export * from "./api/index.js";
export { loadScenario, loadAndCompile, compileScenario, compileSweep, expandSweep, ScenarioError, ScenarioSchema } from "./scenario/index.js";
export { defaultModelPlan, createPathModel, simulateModelPath, replayModelPath, type ModelPlan } from "./model/path/index.js";
export * from "./backtest/index.js";
export * from "./report/index.js";
