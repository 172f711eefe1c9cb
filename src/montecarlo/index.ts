/**
 * Monte Carlo machinery: runs any path model over many paths (worker threads or in
 * process), aggregates its records deterministically in bounded memory, and shards,
 * merges, checkpoints and resumes runs. Knows models only through the record layout.
 */
export {
  cellLabel,
  compileEvents,
  EVENT_OP_CODES,
  eventHolds,
  fieldName,
  layoutFromJson,
  layoutShape,
  layoutToJson,
  sketchMask,
  validateLayout,
  type CompiledEvents,
  type EventOp,
  type EventSpec,
  type FieldSpec,
  type LayoutJson,
  type LayoutShape,
  type PathRecord,
  type RecordLayout,
} from "./layout.js";
export { canonicalJson, LAYOUT_SCHEMA, layoutHash, planHash, sha256Hex } from "./canonical-hash.js";
export {
  AggregateFormatError,
  AggregateMergeError,
  CheckpointError,
  LayoutError,
  MonteCarloError,
  type AggregateFormatCode,
  type AggregateMergeCode,
  type CheckpointCode,
  type MonteCarloErrorCode,
} from "./errors.js";
export { CubicMapping, cubicKey, cubicMultiplier, MIN_INDEXABLE, SKETCH_MAPPING, SKETCH_RELATIVE_ACCURACY } from "./sketch-mapping.js";
export { SketchBank, type SketchSections } from "./sketch-bank.js";
export { combineMomentsInto, copyMoments, emptyMoments, type Moments } from "./moments.js";
export { coverageOf, nodeRange, rootLevel, SummationTree, type TreeNode } from "./summation-tree.js";
export {
  Aggregate,
  assertSameRun,
  chunkCount,
  pathsInChunks,
  type AggregateParts,
  type AggregateSpec,
  type ShardSpec,
} from "./aggregate.js";
export {
  AGGREGATE_FORMAT,
  AGGREGATE_FORMAT_VERSION,
  decodeAggregate,
  encodeAggregate,
  type DecodedAggregate,
  type DecodeOptions,
  type EncodeOptions,
} from "./aggregate-codec.js";
export { ChunkAccumulator, NonFiniteValueError } from "./chunk-accumulator.js";
export {
  DEFAULT_MODEL_EXPORT,
  loadPathModel,
  normalizeModelRef,
  type LoadedModel,
  type ModelRef,
  type PathModel,
  type PathModelFactory,
} from "./path-model.js";
export { runBatch, type BatchOutcome, type BatchTask } from "./batch.js";
export { BATCH_WORKER_URL, BatchPool, type WorkerResult } from "./pool.js";
export { MAX_WORKERS, threadsFor, workersProblem } from "./workers.js";
export { checkShard, mergeShards, parseShard, shardChunkRange } from "./shards.js";
export {
  CHECKPOINT_FILE,
  encodeCheckpoint,
  readAggregateFile,
  readCheckpoint,
  writeAggregateFile,
  writeCheckpoint,
  writeCheckpointBytes,
  writeFileAtomic,
  writeFileSynced,
} from "./checkpoint.js";
export { QUANTILE_LEVELS, summarize, type MonteCarloSummary, type ScalarStats, type StatColumns } from "./summary.js";
export {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_BATCH_CHUNKS,
  runMonteCarlo,
  type CheckpointOptions,
  type MonteCarloOptions,
  type MonteCarloResult,
  type RunProgress,
  type RunTiming,
} from "./runner.js";
