/**
 * The full model path: the engine driven by the market, the network fleet and the named
 * miners, as a Monte Carlo path model (montecarlo/path-model.ts contract:
 * `createPathModel(plan)`), with its plan, record layout, and trace/replay.
 */
export type { ChainStart, DefaultModelPlanOptions, ModelPlan, ModelSwitches } from "./plan.js";
export {
  DEFAULT_START_DATE,
  DEFAULT_SWITCHES,
  LUXOR_BAND_EDGES,
  MODEL_PLAN_VERSION,
  defaultChainStart,
  defaultMaxEpochs,
  defaultModelPlan,
  enginePlanOf,
  initialNetworkEh,
  namedMiningEhAtStart,
  regularGrid,
  unixFromIsoDate,
  validateModelPlan,
} from "./plan.js";
export type { ModelLayout, ModelLayoutIndex } from "./layout.js";
export {
  DRAWDOWN_EVENT_THRESHOLD,
  EPOCH_FIELDS,
  MINER_SCALARS,
  MINER_SERIES,
  NAMED_METRICS,
  NAMED_STATES,
  NEGATIVE_ADJUSTMENT_EVENT_THRESHOLD_PCT,
  NET,
  NET_SCALARS,
  bandLabels,
  buildModelLayout,
} from "./layout.js";
export {
  ACT_DECISION,
  ACT_OWN_EVENT,
  ACT_WINDOW,
  HP_DAILY,
  HP_RETARGET,
  HP_SUBSIDY,
  KIND_DAILY,
  KIND_DECISION,
  KIND_MINER,
  KIND_RECORD,
  KIND_WINDOW,
  MODEL_KIND_NAMES,
  ModelKernel,
} from "./kernel.js";
export type { ModelReplayOptions, ModelTracer } from "./trace.js";
export { TextModelTracer, replayModelPath } from "./trace.js";
export { allocatePathRecord, clearPathRecord, fieldIndex, seriesOf } from "./record.js";
export type { ModelPathResult } from "./model.js";
export { createPathModel, simulateModelPath } from "./model.js";
