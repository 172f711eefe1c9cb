/**
 * The engine-level plan: what one path of the chain process needs, as plain numbers and
 * typed arrays (DESIGN.md §1: a Plan is compiled once per run and shared by every path).
 *
 * The chain state at the start is given by its tip: block `startHeight` arrived at
 * `startTime` and the next block (startHeight + 1) is mined at `startBits`. If that next
 * block is not the first of an epoch, the current epoch is already under way and its
 * retarget needs the header time of the epoch's first block, `epochFirstBlockTime`.
 *
 * The hashrate is piecewise constant. A plan can carry a schedule (used by tests and the
 * benchmark); model code instead drives the hashrate from its own event handlers with
 * `Engine.setHashrate` and leaves the schedule out.
 */
import {
  DIFFICULTY_ADJUSTMENT_INTERVAL,
  POW_LIMIT,
  TARGET_TIMESPAN,
  compactToTarget,
  encodeCompact,
} from "../consensus/index.js";

/** A piecewise-constant hashrate: from `times[i]` on (unix s) the hashrate is `hashrates[i]` (H/s). */
export interface HashrateSchedule {
  /** Change instants, unix seconds, non-decreasing (equal times apply in order, the last wins). */
  readonly times: Float64Array;
  /** Network hashrate from the matching instant on, H/s, finite and ≥ 0. */
  readonly hashrates: Float64Array;
}

export interface EnginePlan {
  /** Unix seconds (float, ≥ 0): arrival of the tip block `startHeight`; the simulation starts here. */
  readonly startTime: number;
  /** Height of the tip block (an integer in [0, 2^30)). */
  readonly startHeight: number;
  /** nBits in force for block startHeight + 1 (uint32, a valid target ≤ powLimit). */
  readonly startBits: number;
  /**
   * Header time (integer unix seconds, ≤ startTime) of the first block (height 2016n) of
   * the epoch under way. Required unless startHeight ≡ 2015 (mod 2016), i.e. unless the
   * tip is the last block of an epoch; ignored otherwise.
   */
  readonly epochFirstBlockTime?: number;
  /**
   * End of the path, unix seconds, > startTime and ≤ {@link MAX_UNIX_TIME}. Events at or
   * after it do not run.
   */
  readonly horizon: number;
  /** Network hashrate at startTime, H/s (finite, ≥ 0). */
  readonly initialHashrate: number;
  /** Optional hashrate changes (tests, benchmark, simple studies). */
  readonly schedule?: HashrateSchedule;
  /**
   * A path is flagged as stalled when no block arrived during the last `stallSeconds`
   * before the horizon. Default {@link DEFAULT_STALL_SECONDS}.
   */
  readonly stallSeconds?: number;
}

/**
 * Default stall threshold: 7,200 s, the middle one of the "long block" thresholds
 * (60 / 120 / 180 minutes) of Noda, Okumura & Hashimoto (CALIBRATION.md §g "Models in the
 * literature", row "Noda, Okumura & Hashimoto", outputs). At a 600 s mean interval the
 * chance that a healthy chain shows such a gap at a given instant is e^−12 ≈ 6e-6.
 */
export const DEFAULT_STALL_SECONDS = 7200;

/**
 * Latest allowed horizon: 2^32 − 1 s (2106-02-07T06:28:15Z). Core stores a header's nTime
 * as uint32 (CBlockHeader), so later blocks cannot be timestamped; the bound also keeps
 * every path finite (no plan can ask for more than ~80 years of events from today).
 */
export const MAX_UNIX_TIME = 0xffffffff;

function fail(message: string): never {
  throw new RangeError(`invalid engine plan: ${message}`);
}

/** True if the tip is the last block of an epoch, so that block startHeight+1 starts a new one. */
export function planStartsAtEpochBoundary(plan: EnginePlan): boolean {
  return plan.startHeight % DIFFICULTY_ADJUSTMENT_INTERVAL === DIFFICULTY_ADJUSTMENT_INTERVAL - 1;
}

/**
 * Checks a plan and throws a RangeError naming the first problem. Called by
 * `Engine.begin` when it first sees a plan object (O(schedule length)).
 */
export function validateEnginePlan(plan: EnginePlan): void {
  const { startTime, startHeight, startBits, horizon, initialHashrate } = plan;
  if (!(startTime >= 0) || !Number.isFinite(startTime)) fail(`startTime must be a finite unix time >= 0, got ${startTime}`);
  // Heights are stored as int32 in the record; 2^30 leaves room for any horizon before 2106.
  if (!Number.isSafeInteger(startHeight) || startHeight < 0 || startHeight >= 2 ** 30) {
    fail(`startHeight must be an integer in [0, 2^30), got ${startHeight}`);
  }
  if (!Number.isInteger(startBits) || startBits < 0 || startBits > 0xffffffff) {
    fail(`startBits must be a uint32, got ${startBits}`);
  }
  let target = 0n;
  try {
    target = compactToTarget(startBits);
  } catch {
    target = 0n; // negative or overflowing encodings
  }
  if (target <= 0n || target > POW_LIMIT || encodeCompact(target) !== startBits) {
    fail(`startBits 0x${startBits.toString(16)} is not a canonical compact target in (0, powLimit]`);
  }
  if (!(horizon > startTime) || !(horizon <= MAX_UNIX_TIME)) {
    fail(`horizon must be after startTime (${startTime}) and <= ${MAX_UNIX_TIME} (uint32 nTime), got ${horizon}`);
  }
  if (!(initialHashrate >= 0) || !Number.isFinite(initialHashrate)) {
    fail(`initialHashrate must be a finite number >= 0 H/s, got ${initialHashrate}`);
  }
  if (!planStartsAtEpochBoundary(plan)) {
    const first = plan.epochFirstBlockTime;
    if (first === undefined) {
      fail(`epochFirstBlockTime is required when startHeight (${startHeight}) is inside an epoch`);
    }
    if (!Number.isSafeInteger(first) || first > startTime) {
      fail(`epochFirstBlockTime must be an integer unix time <= startTime, got ${first}`);
    }
  }
  const stall = plan.stallSeconds;
  if (stall !== undefined && !(stall >= 0 && Number.isFinite(stall))) {
    fail(`stallSeconds must be a finite number >= 0, got ${stall}`);
  }
  const schedule = plan.schedule;
  if (schedule !== undefined) {
    const { times, hashrates } = schedule;
    if (times.length !== hashrates.length) {
      fail(`schedule.times (${times.length}) and schedule.hashrates (${hashrates.length}) differ in length`);
    }
    let previous = startTime;
    for (let i = 0; i < times.length; i++) {
      const t = times[i] as number;
      const h = hashrates[i] as number;
      if (!Number.isFinite(t) || t < previous) {
        fail(`schedule.times[${i}] = ${t} must be finite, >= startTime and non-decreasing`);
      }
      if (!(h >= 0) || !Number.isFinite(h)) fail(`schedule.hashrates[${i}] must be finite and >= 0, got ${h}`);
      previous = t;
    }
  }
}

/**
 * Epoch rows a ChainRecord needs so that no completed epoch of this plan is dropped unless
 * epochs are shorter on average than `shortestEpochSeconds` (default TARGET_TIMESPAN/4 =
 * 3.5 days: what a hashrate 4× above the difficulty's gives; only an even larger jump,
 * which the ×4 retarget clamp lets last a few epochs, could be faster). Epochs beyond the
 * capacity are still counted (ChainScalar.epochsCompleted). Plus 2 for the partial epochs
 * at both ends.
 */
export function epochCapacityFor(plan: EnginePlan, shortestEpochSeconds = TARGET_TIMESPAN / 4): number {
  if (!(shortestEpochSeconds > 0)) throw new RangeError(`shortestEpochSeconds must be > 0, got ${shortestEpochSeconds}`);
  return Math.ceil((plan.horizon - plan.startTime) / shortestEpochSeconds) + 2;
}
