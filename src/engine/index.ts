/**
 * The event-driven engine: event queue, chain process (exact block arrivals between
 * boundaries, Core's retarget and subsidy at them), the block-by-block reference engine,
 * the path loop and trace/replay. No economics. DESIGN.md §2.
 */
export { EventQueue } from "./event-queue.js";
export {
  BOUNDARY_EPOCH_FIRST,
  BOUNDARY_HALVING,
  BOUNDARY_RETARGET,
  BOUNDARY_SUBSIDY_CHANGE,
  boundaryFlags,
  epochOfHeight,
  eraOfHeight,
  nextBoundaryHeight,
} from "./boundaries.js";
export {
  DEFAULT_STALL_SECONDS,
  MAX_UNIX_TIME,
  epochCapacityFor,
  planStartsAtEpochBoundary,
  validateEnginePlan,
} from "./plan.js";
export type { EnginePlan, HashrateSchedule } from "./plan.js";
export { CHAIN_RECORD_VERSION, ChainRecord, ChainScalar, CHAIN_SCALAR_COUNT, chainRecordLayout } from "./chain-record.js";
export { binomialVariate } from "./binomial.js";
export {
  EVENT_HASHRATE_SCHEDULE,
  EVENT_HORIZON,
  Engine,
  FIRST_MODEL_EVENT_KIND,
  MIN_EVENT_PERIOD,
  SECONDS_PER_DAY,
} from "./engine.js";
export type { ChainObserver, EngineMode, EngineOptions, EngineTracer, EventHandler, PathStreams } from "./engine.js";
export { runPath, simulatePath, simulateReferencePath } from "./simulate-path.js";
export { TextTracer, formatInstant, replayPath } from "./trace.js";
export type { ReplayOptions } from "./trace.js";
