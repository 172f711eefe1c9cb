/**
 * Backtests against real history (issue "Backtest against real history"): parse the
 * difficulty-epochs CSV, replay every fully known retarget exactly, build a model plan
 * from the actual state at a date, run it against the actual price path, and compare the
 * simulated difficulty per epoch with the actual one (MAPE, band coverage, bias).
 */
export type { DifficultyEpochs } from "./epochCsv.js";
export { BacktestCsvError, epochRow, parseDifficultyEpochCsv } from "./epochCsv.js";
export type { ReplayMismatch, ReplayResult } from "./exactReplay.js";
export { exactReplay } from "./exactReplay.js";
export { bandCoverage, mape, meanRelativeBias, sortedQuantile } from "./metrics.js";
export type { FrontierPoint } from "./frontier.js";
export { FRONTIER_POINTS, MIX_VINTAGES, VINTAGE_GROWTH_PER_YEAR, defaultFleetMixAt, frontierLogLinearJPerTh, frontierStepJPerTh } from "./frontier.js";
export type { DatedHashrateEvent } from "./events.js";
export { DECLARED_EVENTS_2019_2022, eventsInWindow, toHashrateEvents, validateDatedEvent } from "./events.js";
export type { BacktestPlan, BacktestPlanInput, BacktestScenario } from "./backtestPlan.js";
export {
  BACKTEST_ASIC_USD_PER_TH,
  BACKTEST_FEE_SHARE_OF_REWARD,
  BACKTEST_FITTED_BUILD_RATE_MW_PER_MONTH,
  backtestGrowthDefaults,
  buildBacktestPlan,
} from "./backtestPlan.js";
export type { BacktestEpochRow, BacktestResult, BacktestSummary } from "./runBacktest.js";
export { runBacktest, summarise } from "./runBacktest.js";
export type { FitBuildRateOptions, FitPoint, FitResult } from "./fitBuildRate.js";
export { fitBuildRate } from "./fitBuildRate.js";
export { BACKTEST_JSON_VERSION, backtestCsv, backtestJson, backtestSvg } from "./output.js";
export { parseBacktestScenario } from "./scenarioFile.js";
