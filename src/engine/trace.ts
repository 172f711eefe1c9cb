/**
 * Trace / replay: print everything that happens on one path, for debugging
 * (DESIGN.md §4: any single path can be replayed alone). Tracing is off unless a tracer
 * is set, and then costs one null check per happening; this module allocates freely
 * (strings), which is fine for one path.
 */
import { difficultyFromBits } from "../consensus/index.js";
import { streamFor } from "../random/index.js";
import {
  BOUNDARY_EPOCH_FIRST,
  BOUNDARY_HALVING,
  BOUNDARY_RETARGET,
  BOUNDARY_SUBSIDY_CHANGE,
} from "./boundaries.js";
import {
  EVENT_HASHRATE_SCHEDULE,
  Engine,
  type EngineMode,
  type EngineTracer,
} from "./engine.js";
import { ChainRecord, ChainScalar } from "./chain-record.js";
import { epochCapacityFor, type EnginePlan } from "./plan.js";
import { runPath } from "./simulate-path.js";

/** ISO-8601 UTC with milliseconds for a unix-seconds instant ("+∞" / "NaN" as such). */
export function formatInstant(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  return new Date(t * 1000).toISOString();
}

function hex(bits: number): string {
  return `0x${(bits >>> 0).toString(16).padStart(8, "0")}`;
}

function num(x: number): string {
  return x.toExponential(6);
}

/** A tracer that writes one line per happening through `write`. */
export class TextTracer implements EngineTracer {
  constructor(
    private readonly write: (line: string) => void,
    private readonly kindNames: Readonly<Record<number, string>> = {},
  ) {}

  private line(time: number, tag: string, text: string): void {
    this.write(`${formatInstant(time)}  ${tag.padEnd(9)} ${text}`);
  }

  begin(engine: Engine): void {
    this.line(
      engine.now,
      "BEGIN",
      `mode ${engine.mode}  tip height ${engine.lastBoundaryHeight}  epoch ${engine.epochIndex}  ` +
        `bits ${hex(engine.bits)}  D ${num(engine.difficulty)}  H ${num(engine.hashrate)} H/s  ` +
        `subsidy ${engine.subsidySats} sat  horizon ${formatInstant(engine.horizon)}`,
    );
  }

  event(engine: Engine, kind: number, intArg: number, floatArg: number): void {
    const name = kind === EVENT_HASHRATE_SCHEDULE ? "hashrate schedule" : (this.kindNames[kind] ?? "");
    this.line(engine.now, "EVENT", `kind ${kind}${name === "" ? "" : ` (${name})`}  int ${intArg}  float ${floatArg}`);
  }

  hashrate(engine: Engine, hashrate: number): void {
    const rate = engine.blockRate;
    const mean = rate > 0 ? `${(1 / rate).toFixed(3)} s` : "+∞ (stalled)";
    this.line(engine.now, "HASHRATE", `H ${num(hashrate)} H/s  mean block interval ${mean}`);
  }

  boundary(engine: Engine, flags: number, height: number, time: number): void {
    if ((flags & BOUNDARY_EPOCH_FIRST) !== 0) {
      this.line(time, "FIRST", `height ${height}  first block of epoch ${Math.floor(height / 2016)}`);
    }
    if ((flags & BOUNDARY_RETARGET) !== 0) {
      const oldBits = engine.previousBits;
      const newBits = engine.bits;
      const adjustment = 100 * (engine.difficulty / difficultyFromBits(oldBits) - 1);
      this.line(
        time,
        "RETARGET",
        `height ${height}  bits ${hex(oldBits)} -> ${hex(newBits)}  D -> ${num(engine.difficulty)}  ` +
          `(${adjustment >= 0 ? "+" : ""}${adjustment.toFixed(4)}%)  epoch ${engine.epochIndex} starts`,
      );
    }
    if ((flags & BOUNDARY_SUBSIDY_CHANGE) !== 0) {
      this.line(time, "SUBSIDY", `height ${height}  next block's subsidy ${engine.subsidySats} sat (era ${engine.subsidyEra})`);
    }
    if ((flags & BOUNDARY_HALVING) !== 0) {
      this.line(time, "HALVING", `height ${height}`);
    }
  }

  end(engine: Engine, out: ChainRecord): void {
    const s = (i: number): number => out.scalar(i);
    this.line(
      engine.horizon,
      "HORIZON",
      `height ${s(ChainScalar.heightAtHorizon)}  last block ${formatInstant(s(ChainScalar.lastBlockTime))}  ` +
        `since ${s(ChainScalar.timeSinceLastBlock).toFixed(3)} s  stalled ${s(ChainScalar.stalled) === 1 ? "yes" : "no"}  ` +
        `epochs ${s(ChainScalar.epochsCompleted)}  halvings ${s(ChainScalar.halvingsReached)}  bits ${hex(s(ChainScalar.finalBits))}`,
    );
  }
}

export interface ReplayOptions {
  /** Engine mode, default "fast". */
  readonly mode?: EngineMode;
  /** Where lines go; default console.log. */
  readonly write?: (line: string) => void;
  /** Epoch rows of the returned record; default epochCapacityFor(plan). */
  readonly epochCapacity?: number;
  /** Halving rows of the returned record; default 4. */
  readonly halvingCapacity?: number;
}

/**
 * Replays path `pathIndex` of a run seeded with `seed` (chain stream
 * streamFor(seed, pathIndex, "chain"), as the Monte Carlo runner derives it), printing
 * each happening, and returns its record — identical to the one the run produced.
 */
export function replayPath(plan: EnginePlan, seed: string | number, pathIndex: number, options: ReplayOptions = {}): ChainRecord {
  const write = options.write ?? ((line: string) => console.log(line));
  const engine = new Engine({ mode: options.mode ?? "fast" });
  engine.setTracer(new TextTracer(write));
  write(`# replay seed ${String(seed)} path ${pathIndex} mode ${engine.mode}`);
  const out = new ChainRecord(options.epochCapacity ?? epochCapacityFor(plan), options.halvingCapacity ?? 4);
  return runPath(engine, plan, { chain: streamFor(seed, pathIndex, "chain") }, out);
}
