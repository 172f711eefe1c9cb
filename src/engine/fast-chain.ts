/**
 * The fast chain process (DESIGN.md §2): it never steps block by block.
 *
 * Time change: with Λ(t) = ∫ λ from the last boundary, the arrivals are a unit-rate
 * Poisson process in Λ, so the k-th next block arrives when Λ reaches E ~ Gamma(k, 1)
 * (k blocks to the next boundary). λ is piecewise constant, so after drawing E the
 * boundary instant is segStart + (E − Λ(segStart)) / λ, exact. When the hashrate changes
 * at `now`, Λ(now) is accumulated and the same E is kept (memoryless in Λ: what remains
 * is E − Λ(now); no redraw), and the boundary is re-planned. λ = 0 puts the boundary at
 * +∞: the path then ends at the horizon with a stall, never loops.
 *
 * At the horizon the blocks strictly inside the pending segment are unobserved. Given E,
 * the k − 1 earlier arrivals are iid uniform on [0, E] in Λ (order statistics of a Poisson
 * process), independent of the hashrate path (which only ever sees boundaries). So with
 * Λ_h = Λ(horizon): blocks mined in the segment N ~ Binomial(k − 1, Λ_h / E), and given
 * N ≥ 1 the last one sits at Λ_h·U^(1/N). Its instant is found by inverting Λ over the
 * rate breakpoints recorded since the last boundary. Both are exact; cost O(log k) once
 * per path.
 */
import { exponentialVariate, gammaVariate } from "../random/index.js";
import { binomialVariate } from "./binomial.js";
import { ChainProcess } from "./chain-process.js";

export class FastChain extends ChainProcess {
  /** Arrival instant of the next boundary (+∞ if λ = 0). */
  boundaryTime = Infinity;
  /** E: the Gamma(k, 1) draw of the pending boundary, in expected blocks. */
  private target = 0;
  /** Λ accumulated from the last boundary up to segStart. */
  private integral = 0;
  /** Instant since which the current λ holds. */
  private segStart = 0;
  // Rate breakpoints since the last boundary: instant, Λ there, λ from there on. Grows
  // by doubling (rarely: one entry per hashrate change inside a segment).
  private bpTime = new Float64Array(32);
  private bpIntegral = new Float64Array(32);
  private bpRate = new Float64Array(32);
  private bpCount = 0;

  protected startSegment(time: number): void {
    const k = this.nextBoundaryHeight - this.height;
    this.target = k === 1 ? exponentialVariate(this.rng) : gammaVariate(this.rng, k);
    this.integral = 0;
    this.segStart = time;
    this.bpCount = 0;
    this.pushBreakpoint(time, 0, this.rate);
    this.replan();
  }

  private replan(): void {
    const rate = this.rate;
    if (rate > 0) this.boundaryTime = this.segStart + (this.target - this.integral) / rate;
    else this.boundaryTime = Infinity; // two stores: see setHashrate
  }

  advance(limit: number): boolean {
    const t = this.boundaryTime;
    if (!(t <= limit)) return false;
    this.height = this.nextBoundaryHeight;
    this.lastBlockTime = t;
    this.processBoundary(this.height, t);
    return true;
  }

  setHashrate(now: number, hashrate: number): void {
    // replan() and the breakpoint written out on locals (called at every daily tick).
    const before = this.rate;
    const target = this.target;
    let integral = this.integral;
    if (before > 0) {
      integral += before * (now - this.segStart);
      // Rounding can leave Λ a hair above E when now is the boundary instant itself.
      if (integral > target) integral = target;
      this.integral = integral;
    }
    this.segStart = now;
    this.hashrate = hashrate;
    const rate = hashrate / this.hashesPerBlock;
    this.rate = rate;
    this.pushBreakpoint(now, integral, rate);
    // Two stores, not one of a conditional expression: TurboFan gives `c ? x : Infinity`
    // a tagged representation, a heap number allocated per call.
    if (rate > 0) this.boundaryTime = now + (target - integral) / rate;
    else this.boundaryTime = Infinity;
  }

  finish(horizon: number): void {
    let atHorizon = this.integral;
    if (this.rate > 0) atHorizon += this.rate * (horizon - this.segStart);
    const inner = this.nextBoundaryHeight - this.height - 1;
    const p = atHorizon >= this.target ? 1 : atHorizon / this.target;
    const n = inner > 0 && p > 0 ? binomialVariate(this.rng, inner, p) : 0;
    if (n === 0) {
      this.writeHorizon(horizon, this.height, this.lastBlockTime);
      return;
    }
    // Λ of the last of n iid uniforms on (0, Λ_h]: Λ_h·U^(1/n), U in (0, 1].
    const x = atHorizon * Math.pow(1 - this.rng.double(), 1 / n);
    let j = this.bpCount - 1;
    while (j > 0 && !((this.bpIntegral[j] as number) < x)) j--;
    // Λ grows strictly past breakpoint j up to x, so its rate is > 0.
    let t = (this.bpTime[j] as number) + (x - (this.bpIntegral[j] as number)) / (this.bpRate[j] as number);
    if (t > horizon) t = horizon;
    this.writeHorizon(horizon, this.height + n, t);
  }

  private pushBreakpoint(time: number, integral: number, rate: number): void {
    let i = this.bpCount;
    if (i > 0 && this.bpTime[i - 1] === time) {
      i--; // several changes at one instant: the last one holds
    } else if (i === this.bpTime.length) {
      this.growBreakpoints();
    }
    this.bpTime[i] = time;
    this.bpIntegral[i] = integral;
    this.bpRate[i] = rate;
    this.bpCount = i + 1;
  }

  private growBreakpoints(): void {
    const n = this.bpTime.length * 2;
    const time = new Float64Array(n);
    time.set(this.bpTime);
    this.bpTime = time;
    const integral = new Float64Array(n);
    integral.set(this.bpIntegral);
    this.bpIntegral = integral;
    const rate = new Float64Array(n);
    rate.set(this.bpRate);
    this.bpRate = rate;
  }
}
