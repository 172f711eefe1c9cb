/**
 * Errors of the Monte Carlo machinery, each with a stable `code` so that callers (the CLI,
 * tests) can tell the cases apart without parsing messages.
 */

/** A record layout that breaks the contract of {@link RecordLayout} (see layout.ts). */
export class LayoutError extends Error {
  override readonly name = "LayoutError";
}

/** Why a saved or transferred aggregate (batch result, checkpoint, shard partial) was refused. */
export type AggregateFormatCode =
  /** The bytes do not start with the aggregate magic: not one of our files. */
  | "BAD_MAGIC"
  /** Written by a format version this code does not read. */
  | "UNSUPPORTED_VERSION"
  /** Shorter than its header says: an interrupted write or a cut file. */
  | "TRUNCATED"
  /** The header JSON is unreadable or a field has the wrong type or value. */
  | "BAD_HEADER"
  /** The body does not hash to the checksum recorded in the header: corrupted. */
  | "CHECKSUM_MISMATCH"
  /** The parts disagree with each other (node ranges, sketch totals, layout hash). */
  | "INCONSISTENT";

/** A saved or transferred aggregate that cannot be read; `code` says why. */
export class AggregateFormatError extends Error {
  override readonly name = "AggregateFormatError";
  constructor(
    readonly code: AggregateFormatCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Why two aggregates (shards, a checkpoint and a run) cannot be combined. */
export type AggregateMergeCode =
  | "LAYOUT_MISMATCH"
  | "PLAN_MISMATCH"
  | "SEED_MISMATCH"
  | "PATHS_MISMATCH"
  | "CHUNK_SIZE_MISMATCH"
  | "SKETCH_MISMATCH"
  | "SHARD_MISMATCH"
  /** Two parts contain the same chunk of paths. */
  | "OVERLAP"
  /** A part lies outside the range the receiver is responsible for. */
  | "OUT_OF_RANGE"
  /** Some chunks (shards) are absent, so the result would not be the full run. */
  | "MISSING";

/** Two aggregates that must not be combined; `code` says why. */
export class AggregateMergeError extends Error {
  override readonly name = "AggregateMergeError";
  constructor(
    readonly code: AggregateMergeCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Why a checkpoint folder could not be used. */
export type CheckpointCode =
  /** A checkpoint is present and `resume` was not requested. */
  | "EXISTS"
  /** The checkpoint belongs to another run (layout, plan, seed, paths, shard...). */
  | "MISMATCH"
  /** The checkpoint file cannot be read (see the cause). */
  | "UNREADABLE"
  /** Writing the checkpoint failed (disk full, permissions...). */
  | "WRITE_FAILED";

/** A checkpoint folder that cannot be used; `code` says why. */
export class CheckpointError extends Error {
  override readonly name = "CheckpointError";
  constructor(
    readonly code: CheckpointCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

/** Why a Monte Carlo run failed. */
export type MonteCarloErrorCode =
  /** The path function threw (or wrote ±Infinity) on one path; deterministic, not retried. */
  | "PATH_FAILED"
  /** A worker died (or the pool failed) on a batch, also after the retry. */
  | "WORKER_FAILED"
  /** The caller aborted the run. */
  | "ABORTED"
  /** Options that cannot work (paths, workers, batch size, shard...). */
  | "BAD_OPTIONS"
  /** The model module cannot be loaded or does not follow the path-model contract. */
  | "BAD_MODEL";

/** A Monte Carlo run that did not complete; `code` says why, the message names the batch. */
export class MonteCarloError extends Error {
  override readonly name = "MonteCarloError";
  constructor(
    readonly code: MonteCarloErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
