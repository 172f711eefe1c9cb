/**
 * The reference chain process: every block gets its own exponential inter-arrival time,
 * Exp(λ) with λ = H / (D·2^32) (CALIBRATION.md "Proposed default calibration", row
 * "Block-time process": Exponential(mean = D·2^32 / H)). It is the oracle the fast engine
 * is tested against and the benchmark's baseline, so it is written to be obviously right
 * rather than clever.
 *
 * A hashrate change at `now` redraws the pending arrival as now + Exp(λ_new): the
 * exponential is memoryless, so given that no block arrived in [last block, now], the
 * residual wait under the new rate is Exp(λ_new), exact — a different mechanism from the
 * fast engine's carried integral, which is what makes the comparison a real test. λ = 0
 * puts the next arrival at +∞ (stall).
 */
import { exponentialVariate } from "../random/index.js";
import { ChainProcess } from "./chain-process.js";

export class ReferenceChain extends ChainProcess {
  /** Arrival instant of block height + 1 (+∞ if λ = 0). */
  private nextBlockTime = Infinity;

  protected startSegment(time: number): void {
    this.drawNext(time);
  }

  private drawNext(from: number): void {
    const rate = this.rate;
    this.nextBlockTime = rate > 0 ? from + exponentialVariate(this.rng) / rate : Infinity;
  }

  advance(limit: number): boolean {
    let t = this.nextBlockTime;
    if (!(t <= limit)) return false;
    // Tight loop over the blocks before the next boundary; λ is constant inside it.
    const rng = this.rng;
    const boundary = this.nextBoundaryHeight;
    const meanInterval = 1 / this.rate;
    let h = this.height;
    for (;;) {
      h++;
      if (h === boundary) {
        this.height = h;
        this.lastBlockTime = t;
        this.processBoundary(h, t); // draws the next arrival at the new difficulty
        return true;
      }
      const next = t + exponentialVariate(rng) * meanInterval;
      if (next > limit) {
        this.height = h;
        this.lastBlockTime = t;
        this.nextBlockTime = next;
        return false;
      }
      t = next;
    }
  }

  setHashrate(now: number, hashrate: number): void {
    this.hashrate = hashrate;
    this.rate = hashrate / this.hashesPerBlock;
    this.drawNext(now);
  }

  finish(horizon: number): void {
    this.writeHorizon(horizon, this.height, this.lastBlockTime);
  }
}
