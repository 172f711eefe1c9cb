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
  BACKTEST_ASIC_REF_HASHPRICE,
  BACKTEST_ASIC_USD_PER_TH,
  BACKTEST_CALIBRATION_ASIC_ELASTICITY,
  BACKTEST_CAP_FIT,
  BACKTEST_CAP_FIT_2016_2017,
  BACKTEST_CONSTANT_ASIC_FIT,
  BACKTEST_DEFAULT_ORDER_BOOK,
  BACKTEST_EMPTY_BOOK_FIT,
  BACKTEST_FEE_SHARE_OF_REWARD,
  BACKTEST_DEFAULT_PRIOR,
  BACKTEST_FITTED_ASIC_ELASTICITY,
  BACKTEST_FITTED_BUILD_RATE_MW_PER_MONTH,
  BACKTEST_FITTED_ELASTICITY_SD,
  BACKTEST_FITTED_GROWTH_LOG_SD,
  BACKTEST_FITTED_HURDLE_PAYBACK_DAYS,
  BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR,
  BACKTEST_HURDLE_LOG_SD,
  backtestGrowthDefaults,
  buildBacktestPlan,
} from "./backtestPlan.js";
export type { BacktestEpochRow, BacktestResult, BacktestSummary, BacktestYearSummary } from "./runBacktest.js";
export { pathPlan, runBacktest, summarise, summariseByYear } from "./runBacktest.js";
export type { BacktestPrior } from "./paramPrior.js";
export { NO_PRIOR, PRIOR_STREAM, drawPathGrowth, priorIsActive, validatePrior } from "./paramPrior.js";
export type { FitMarginGrowthOptions, MarginFitPoint, MarginFitResult, YearFit } from "./fitMarginGrowth.js";
export { fitMarginGrowth, logSd, sampleSd } from "./fitMarginGrowth.js";
export type { AsicPriceAnchor } from "./asicPriceIndex.js";
export { CALIBRATION_ASIC_2022_USD_PER_TH, calibrationAsicAnchor, hashpriceOn, meanHashprice } from "./asicPriceIndex.js";
export type { FitBuildRateOptions, FitPoint, FitResult } from "./fitBuildRate.js";
export { fitBuildRate } from "./fitBuildRate.js";
export { BACKTEST_JSON_VERSION, backtestCsv, backtestJson, backtestSvg, orderBookInput, orderBookText, type OrderBookInput } from "./output.js";
export { BACKTEST_FILE, parseBacktestDocument, readBacktestDocument, type BacktestDocument } from "./document.js";
export { parseBacktestScenario } from "./scenarioFile.js";
export type { OrderBookStep } from "./initialOrderBook.js";
export { initialOrderBook, orderBookEh, orderBookHistory } from "./initialOrderBook.js";
export type { BacktestBaselines, BaselineFigures } from "./baselines.js";
export { TREND_EPOCHS, naiveBaselines } from "./baselines.js";
