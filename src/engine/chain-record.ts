/**
 * ChainRecord: one path's chain history in preallocated typed columns, all views on ONE
 * ArrayBuffer so that a worker can hand it back with Piscina's `move()` (DESIGN.md §5) and
 * the receiver can rebuild the views with {@link ChainRecord.fromBuffer}. A record is
 * allocated once per worker and reused for every path: `reset` rewrites it completely
 * (unused rows are NaN / 0), so the same path always gives byte-identical buffers.
 * (Not to be confused with src/montecarlo's PathRecord, a whole model path's output; a
 * model copies what it reports from here into that.)
 *
 * ## Layout, version {@link CHAIN_RECORD_VERSION}
 *
 * E = epochCapacity, V = halvingCapacity. Byte offsets, in this order (float64 blocks first
 * so every view is aligned):
 *
 * | block | type | length | content |
 * |---|---|---|---|
 * | scalars | Float64 | {@link CHAIN_SCALAR_COUNT} | path scalars, indexed by {@link ChainScalar} |
 * | startTime | Float64 | E | when the epoch's difficulty took effect: arrival of block 2016n−1, or the plan's startTime for the epoch under way at the start (unix s) |
 * | firstBlockTime | Float64 | E | arrival of block 2016n (for the epoch under way at the start: the plan's epochFirstBlockTime) |
 * | endTime | Float64 | E | arrival of block 2016n+2015, where the retarget was computed |
 * | difficulty | Float64 | E | Core GetDifficulty of the epoch's nBits |
 * | adjustmentPct | Float64 | E | retarget at the end of the epoch: 100·(D_next / D − 1) |
 * | meanInterval | Float64 | E | (endTime − startTime) / blocks, seconds |
 * | halvingTime | Float64 | V | arrival of halving block 210000·m (unix s) |
 * | epochIndex | Int32 | E | n (the epoch containing heights 2016n … 2016n+2015) |
 * | startHeight | Int32 | E | 2016n |
 * | blocks | Int32 | E | blocks mined at this difficulty inside the simulation: 2016, or 2016n+2015 − plan.startHeight for the epoch under way at the start |
 * | timespan | Int32 | E | Core's actual timespan before the clamp: floor(endTime) − floor(firstBlockTime), seconds |
 * | bits | Uint32 | E | the epoch's nBits |
 * | halvingHeight | Int32 | V | 210000·m |
 *
 * Rows are completed epochs (a retarget happened inside the horizon), in order; the row
 * count is min(epochsCompleted, E) — when more epochs complete than fit, the later ones
 * are counted but not stored. Halving rows likewise: min(halvingsReached, V).
 *
 * Header times handed to the retarget are floor() of the exact float arrival instants
 * (Core's nTime is a whole number of seconds); the float instants are what is recorded.
 */

/** Layout version, stored in scalars[ChainScalar.version]. */
export const CHAIN_RECORD_VERSION = 1;

/** Indices into {@link ChainRecord.scalars}. */
export const ChainScalar = Object.freeze({
  /** {@link CHAIN_RECORD_VERSION}. */
  version: 0,
  /** E, rows of the epoch columns. */
  epochCapacity: 1,
  /** V, rows of the halving columns. */
  halvingCapacity: 2,
  /** The plan's startTime (unix s). */
  startTime: 3,
  /** The plan's startHeight. */
  startHeight: 4,
  /** The plan's horizon (unix s). */
  horizon: 5,
  /** Retargets inside the horizon (may exceed E). */
  epochsCompleted: 6,
  /** Halving blocks inside the horizon (may exceed V). */
  halvingsReached: 7,
  /** Height of the last block mined before the horizon. */
  heightAtHorizon: 8,
  /** Arrival of that block (unix s; the plan's startTime if none was mined). */
  lastBlockTime: 9,
  /** horizon − lastBlockTime (s). */
  timeSinceLastBlock: 10,
  /** 1 if timeSinceLastBlock ≥ stallSeconds, else 0. */
  stalled: 11,
  /** The stall threshold used (s). */
  stallSeconds: 12,
  /** nBits in force at the horizon (for the next block). */
  finalBits: 13,
  /** Difficulty of finalBits. */
  finalDifficulty: 14,
  /** Network hashrate at the horizon (H/s). */
  finalHashrate: 15,
  /** Arrival of the last chain boundary before the horizon (the plan's startTime if none). */
  lastBoundaryTime: 16,
  /** 1 once the path reached its horizon, 0 while it is in progress. */
  complete: 17,
});

/** Number of float64 path scalars. */
export const CHAIN_SCALAR_COUNT = 18;

/** Byte offsets of each block for the given capacities (see the layout table above). */
export function chainRecordLayout(epochCapacity: number, halvingCapacity: number) {
  const E = epochCapacity;
  const V = halvingCapacity;
  let offset = 0;
  const take = (bytes: number): number => {
    const at = offset;
    offset += bytes;
    return at;
  };
  const layout = {
    scalars: take(8 * CHAIN_SCALAR_COUNT),
    startTime: take(8 * E),
    firstBlockTime: take(8 * E),
    endTime: take(8 * E),
    difficulty: take(8 * E),
    adjustmentPct: take(8 * E),
    meanInterval: take(8 * E),
    halvingTime: take(8 * V),
    epochIndex: take(4 * E),
    startHeight: take(4 * E),
    blocks: take(4 * E),
    timespan: take(4 * E),
    bits: take(4 * E),
    halvingHeight: take(4 * V),
    byteLength: 0,
  };
  layout.byteLength = offset;
  return layout;
}

function checkCapacity(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 1 << 24) {
    throw new RangeError(`${name} must be an integer in [0, 2^24], got ${value}`);
  }
}

export class ChainRecord {
  readonly buffer: ArrayBuffer;
  // Initialised here as well as in the constructor: a number field declared without a value is tagged in V8 (event-queue.ts).
  readonly epochCapacity: number = 0;
  readonly halvingCapacity: number = 0;
  readonly scalars: Float64Array;
  readonly startTime: Float64Array;
  readonly firstBlockTime: Float64Array;
  readonly endTime: Float64Array;
  readonly difficulty: Float64Array;
  readonly adjustmentPct: Float64Array;
  readonly meanInterval: Float64Array;
  readonly halvingTime: Float64Array;
  readonly epochIndex: Int32Array;
  readonly startHeight: Int32Array;
  readonly blocks: Int32Array;
  readonly timespan: Int32Array;
  readonly bits: Uint32Array;
  readonly halvingHeight: Int32Array;

  /**
   * A record with room for `epochCapacity` epochs and `halvingCapacity` halvings. A
   * 6-year path has ~160 epochs and at most 2 halvings. If `buffer` is given it is used
   * as is (its first scalars must match the capacities); otherwise a zeroed one is made.
   */
  constructor(epochCapacity: number, halvingCapacity = 4, buffer?: ArrayBuffer) {
    checkCapacity("epochCapacity", epochCapacity);
    checkCapacity("halvingCapacity", halvingCapacity);
    const L = chainRecordLayout(epochCapacity, halvingCapacity);
    const E = epochCapacity;
    const V = halvingCapacity;
    if (buffer !== undefined && buffer.byteLength !== L.byteLength) {
      throw new RangeError(`buffer has ${buffer.byteLength} bytes, layout needs ${L.byteLength}`);
    }
    this.buffer = buffer ?? new ArrayBuffer(L.byteLength);
    this.epochCapacity = E;
    this.halvingCapacity = V;
    const b = this.buffer;
    this.scalars = new Float64Array(b, L.scalars, CHAIN_SCALAR_COUNT);
    this.startTime = new Float64Array(b, L.startTime, E);
    this.firstBlockTime = new Float64Array(b, L.firstBlockTime, E);
    this.endTime = new Float64Array(b, L.endTime, E);
    this.difficulty = new Float64Array(b, L.difficulty, E);
    this.adjustmentPct = new Float64Array(b, L.adjustmentPct, E);
    this.meanInterval = new Float64Array(b, L.meanInterval, E);
    this.halvingTime = new Float64Array(b, L.halvingTime, V);
    this.epochIndex = new Int32Array(b, L.epochIndex, E);
    this.startHeight = new Int32Array(b, L.startHeight, E);
    this.blocks = new Int32Array(b, L.blocks, E);
    this.timespan = new Int32Array(b, L.timespan, E);
    this.bits = new Uint32Array(b, L.bits, E);
    this.halvingHeight = new Int32Array(b, L.halvingHeight, V);
    if (buffer === undefined) {
      this.scalars[ChainScalar.version] = CHAIN_RECORD_VERSION;
      this.scalars[ChainScalar.epochCapacity] = E;
      this.scalars[ChainScalar.halvingCapacity] = V;
    }
  }

  /**
   * Views on a buffer produced by a ChainRecord (e.g. after a worker moved it back).
   * Throws if the version or the size does not match.
   */
  static fromBuffer(buffer: ArrayBuffer): ChainRecord {
    if (buffer.byteLength < 8 * CHAIN_SCALAR_COUNT) throw new RangeError("buffer too small for a ChainRecord");
    const head = new Float64Array(buffer, 0, 3);
    if (head[0] !== CHAIN_RECORD_VERSION) {
      throw new RangeError(`ChainRecord layout version ${head[0]} is not ${CHAIN_RECORD_VERSION}`);
    }
    return new ChainRecord(head[1] as number, head[2] as number, buffer);
  }

  /** Rows of the epoch columns that hold data: min(epochsCompleted, epochCapacity). */
  get epochRows(): number {
    return Math.min(this.scalars[ChainScalar.epochsCompleted] as number, this.epochCapacity);
  }

  /** Rows of the halving columns that hold data: min(halvingsReached, halvingCapacity). */
  get halvingRows(): number {
    return Math.min(this.scalars[ChainScalar.halvingsReached] as number, this.halvingCapacity);
  }

  /** Reads one path scalar. */
  scalar(index: number): number {
    return this.scalars[index] as number;
  }

  /**
   * Clears every column (floats NaN, integers 0) and every scalar, then writes the
   * header scalars. No allocation.
   */
  reset(startTime: number, startHeight: number, horizon: number, stallSeconds: number): void {
    const s = this.scalars;
    s.fill(0);
    s[ChainScalar.version] = CHAIN_RECORD_VERSION;
    s[ChainScalar.epochCapacity] = this.epochCapacity;
    s[ChainScalar.halvingCapacity] = this.halvingCapacity;
    s[ChainScalar.startTime] = startTime;
    s[ChainScalar.startHeight] = startHeight;
    s[ChainScalar.horizon] = horizon;
    s[ChainScalar.stallSeconds] = stallSeconds;
    s[ChainScalar.heightAtHorizon] = NaN;
    s[ChainScalar.lastBlockTime] = NaN;
    s[ChainScalar.timeSinceLastBlock] = NaN;
    s[ChainScalar.finalDifficulty] = NaN;
    s[ChainScalar.finalHashrate] = NaN;
    s[ChainScalar.lastBoundaryTime] = NaN;
    this.startTime.fill(NaN);
    this.firstBlockTime.fill(NaN);
    this.endTime.fill(NaN);
    this.difficulty.fill(NaN);
    this.adjustmentPct.fill(NaN);
    this.meanInterval.fill(NaN);
    this.halvingTime.fill(NaN);
    this.epochIndex.fill(0);
    this.startHeight.fill(0);
    this.blocks.fill(0);
    this.timespan.fill(0);
    this.bits.fill(0);
    this.halvingHeight.fill(0);
  }
}
