/**
 * The chain process: state and boundary bookkeeping shared by the fast engine
 * ({@link FastChain}, fast-chain.ts) and the block-by-block reference
 * ({@link ReferenceChain}, reference-chain.ts). DESIGN.md §2.
 *
 * Blocks arrive as a Poisson process with rate λ(t) = H(t) / (D·2^32) per second: H the
 * network hashrate (H/s, piecewise constant, changed only through {@link setHashrate}) and
 * D Core's GetDifficulty of the current nBits (CALIBRATION.md "Useful identities": implied
 * hashrate H = D·2^32/600). Modelling note: D·2^32 is the conventional expected number of
 * hashes per block; the exact figure 2^256/(target+1) (Core GetBlockProof) is larger by a
 * factor 65536/65535 at most, a 1.5e-5 relative difference that every hashrate estimate
 * derived from difficulty shares, so the convention is kept.
 *
 * At each boundary (boundaries.ts) the shared code applies the consensus rules exactly:
 * the retarget with Core's CalculateNextWorkRequired on compact bits (consensus/retarget-fast.ts,
 * bit-for-bit equal to the consensus module's implementation), fed with the header
 * times floor(t) of blocks 2016n and 2016n+2015 (nTime is whole seconds; the float instant
 * is kept for the simulation and the record), the subsidy with Core's GetBlockSubsidy.
 * The subclasses differ only in how they sample arrival times.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL, blockSubsidy, difficultyFromBits } from "../consensus/index.js";
import type { Rng } from "../random/index.js";
import {
  BOUNDARY_EPOCH_FIRST,
  BOUNDARY_HALVING,
  BOUNDARY_RETARGET,
  BOUNDARY_SUBSIDY_CHANGE,
  boundaryFlags,
  epochOfHeight,
  eraOfHeight,
  nextBoundaryHeight,
} from "./boundaries.js";
import { ChainRecord, ChainScalar } from "./chain-record.js";
import { DEFAULT_STALL_SECONDS, planStartsAtEpochBoundary, type EnginePlan } from "./plan.js";
import { retargetBits } from "../consensus/index.js";

/** 2^32: expected hashes per unit of difficulty. */
const TWO_POW_32 = 4294967296;
const I = DIFFICULTY_ADJUSTMENT_INTERVAL;

/** Receives each boundary once its state changes are applied (implemented by the Engine). */
export interface ChainListener {
  chainBoundary(flags: number, height: number, time: number): void;
}

const NO_RNG: Rng = {
  double(): number {
    throw new Error("chain process used before reset()");
  },
};

export abstract class ChainProcess {
  protected rng: Rng = NO_RNG;
  protected out: ChainRecord = new ChainRecord(0, 0);
  /** Notified after every boundary. */
  listener: ChainListener | null = null;

  /** Height of the last block whose arrival instant is known (fast: last boundary; reference: tip). */
  height = 0;
  /** Arrival instant of block `height` (unix s). */
  lastBlockTime = 0;
  /** nBits of the block being mined (height + 1 … next retarget). */
  bits = 0;
  /** nBits before the last retarget (equal to bits until one happens). */
  previousBits = 0;
  /** Core GetDifficulty(bits). */
  difficulty = 0;
  /** D·2^32: expected hashes per block at this difficulty. */
  hashesPerBlock = 0;
  /** Network hashrate, H/s. */
  hashrate = 0;
  /** Block rate λ = hashrate / hashesPerBlock, blocks per second (0 when stalled). */
  rate = 0;
  /** Epoch n of the block being mined. */
  epochIndex = 0;
  /** Subsidy era (halvings so far) of the block being mined. */
  subsidyEra = 0;
  /** Subsidy of the block being mined, satoshis (Core GetBlockSubsidy). */
  subsidySats = 0;
  /** Arrival of the last boundary block (the plan's startTime before the first). */
  lastBoundaryTime = 0;
  /** Height of the last boundary block (the plan's startHeight before the first). */
  lastBoundaryHeight = 0;
  /** The next boundary height (see boundaries.ts). */
  nextBoundaryHeight = 0;

  /** When the current epoch's difficulty took effect (or the plan's start). */
  protected epochStartTime = 0;
  /** Arrival of the current epoch's first block; NaN until it arrives. */
  protected epochFirstBlockTime = NaN;
  /** Blocks of the current epoch mined inside the simulation (2016 except at the start). */
  protected epochBlocks = 0;
  protected epochsCompleted = 0;
  protected halvingsReached = 0;
  protected stallSeconds = DEFAULT_STALL_SECONDS;

  /**
   * Starts a path: the tip, bits and hashrate from the plan (validated by the caller),
   * the record reset, then the first segment sampled.
   */
  reset(plan: EnginePlan, rng: Rng, out: ChainRecord): void {
    this.rng = rng;
    this.out = out;
    this.stallSeconds = plan.stallSeconds ?? DEFAULT_STALL_SECONDS;
    out.reset(plan.startTime, plan.startHeight, plan.horizon, this.stallSeconds);
    const h = plan.startHeight;
    this.height = h;
    this.lastBlockTime = plan.startTime;
    this.bits = plan.startBits;
    this.previousBits = plan.startBits;
    this.setDifficulty(plan.startBits);
    this.hashrate = plan.initialHashrate;
    this.rate = this.hashrate / this.hashesPerBlock;
    this.epochIndex = epochOfHeight(h + 1);
    this.subsidyEra = eraOfHeight(h + 1);
    this.subsidySats = Number(blockSubsidy(h + 1));
    this.lastBoundaryTime = plan.startTime;
    this.lastBoundaryHeight = h;
    this.nextBoundaryHeight = nextBoundaryHeight(h);
    this.epochStartTime = plan.startTime;
    this.epochFirstBlockTime = planStartsAtEpochBoundary(plan) ? NaN : (plan.epochFirstBlockTime as number);
    this.epochBlocks = I * this.epochIndex + I - 1 - h;
    this.epochsCompleted = 0;
    this.halvingsReached = 0;
    this.startSegment(plan.startTime);
  }

  /**
   * Processes arrivals up to `limit` (inclusive) until and including the next boundary.
   * Returns true if a boundary was processed (the listener has been called), false if the
   * next boundary lies after `limit`.
   */
  abstract advance(limit: number): boolean;

  /** Changes the hashrate at instant `now` (≥ every processed arrival); re-plans. */
  abstract setHashrate(now: number, hashrate: number): void;

  /** Ends the path at `horizon`: writes the horizon scalars of the record. */
  abstract finish(horizon: number): void;

  /** Samples the arrival of the next boundary (fast) or block (reference) from `time`. */
  protected abstract startSegment(time: number): void;

  private setDifficulty(bits: number): void {
    this.difficulty = difficultyFromBits(bits);
    // bits 0 (target 0, only after absurd hashrates) gives D = Infinity, λ = 0: a stall.
    this.hashesPerBlock = this.difficulty * TWO_POW_32;
  }

  /**
   * Applies the boundary at `height`, arrived at `time` (the subclass has set height and
   * lastBlockTime): retarget / subsidy / records, samples the next segment, then notifies.
   */
  protected processBoundary(height: number, time: number): void {
    const flags = boundaryFlags(height);
    this.lastBoundaryTime = time;
    this.lastBoundaryHeight = height;
    if ((flags & BOUNDARY_EPOCH_FIRST) !== 0) this.epochFirstBlockTime = time;
    if ((flags & BOUNDARY_RETARGET) !== 0) this.retarget(time);
    if ((flags & BOUNDARY_SUBSIDY_CHANGE) !== 0) {
      this.subsidyEra = eraOfHeight(height + 1);
      this.subsidySats = Number(blockSubsidy(height + 1));
    }
    if ((flags & BOUNDARY_HALVING) !== 0) {
      const m = this.halvingsReached++;
      if (m < this.out.halvingCapacity) {
        this.out.halvingTime[m] = time;
        this.out.halvingHeight[m] = height;
      }
    }
    this.nextBoundaryHeight = nextBoundaryHeight(height);
    this.startSegment(time);
    if (this.listener !== null) this.listener.chainBoundary(flags, height, time);
  }

  /**
   * Core's retarget at the arrival (`time`) of the epoch's last block, then the epoch's
   * row. nFirstBlockTime and the last block's nTime are floor() of the arrival instants.
   */
  private retarget(time: number): void {
    const first = this.epochFirstBlockTime;
    const firstHeader = Math.floor(first);
    const lastHeader = Math.floor(time);
    const oldBits = this.bits;
    const oldDifficulty = this.difficulty;
    const newBits = retargetBits(oldBits, firstHeader, lastHeader);
    const out = this.out;
    const row = this.epochsCompleted++;
    this.previousBits = oldBits;
    this.bits = newBits;
    this.setDifficulty(newBits);
    this.rate = this.hashrate / this.hashesPerBlock;
    if (row < out.epochCapacity) {
      out.epochIndex[row] = this.epochIndex;
      out.startHeight[row] = I * this.epochIndex;
      out.startTime[row] = this.epochStartTime;
      out.firstBlockTime[row] = first;
      out.endTime[row] = time;
      out.bits[row] = oldBits;
      out.difficulty[row] = oldDifficulty;
      out.blocks[row] = this.epochBlocks;
      out.timespan[row] = lastHeader - firstHeader;
      out.meanInterval[row] = (time - this.epochStartTime) / this.epochBlocks;
      out.adjustmentPct[row] = 100 * (this.difficulty / oldDifficulty - 1);
    }
    this.epochIndex++;
    this.epochStartTime = time;
    this.epochFirstBlockTime = NaN;
    this.epochBlocks = I;
  }

  /** Writes the path scalars at the horizon, given the last block mined before it. */
  protected writeHorizon(horizon: number, heightAtHorizon: number, lastBlockTime: number): void {
    const s = this.out.scalars;
    const since = horizon - lastBlockTime;
    s[ChainScalar.epochsCompleted] = this.epochsCompleted;
    s[ChainScalar.halvingsReached] = this.halvingsReached;
    s[ChainScalar.heightAtHorizon] = heightAtHorizon;
    s[ChainScalar.lastBlockTime] = lastBlockTime;
    s[ChainScalar.timeSinceLastBlock] = since;
    s[ChainScalar.stalled] = since >= this.stallSeconds ? 1 : 0;
    s[ChainScalar.finalBits] = this.bits;
    s[ChainScalar.finalDifficulty] = this.difficulty;
    s[ChainScalar.finalHashrate] = this.hashrate;
    s[ChainScalar.lastBoundaryTime] = this.lastBoundaryTime;
    s[ChainScalar.complete] = 1;
  }
}
