/**
 * Trace / replay of one full model path (DESIGN.md §4: any single path can be replayed
 * alone): the engine's own trace (events, hashrate changes, retargets, halvings; engine
 * trace.ts) interleaved, in time order, with the model's lines: the daily market and fleet
 * state, hashprice changes at retargets and the subsidy change, power windows, and every
 * named-miner action with its MW by state. Tracing is off unless a tracer is set (one null
 * check per happening); tracers allocate freely (strings), which is fine for one path.
 */
import { TextTracer, formatInstant } from "../../engine/index.js";
import type { PathRecord } from "../../montecarlo/layout.js";
import { fleetRunningJPerTh } from "../fleet/index.js";
import { MW_STATE_COUNT, MW_STATE_NAMES } from "../miners/index.js";
import { SECONDS_PER_DAY } from "../units.js";
import { ACT_DECISION, HP_RETARGET, MODEL_KIND_NAMES, ModelKernel } from "./kernel.js";
import type { ModelPlan } from "./plan.js";
import { allocatePathRecord } from "./record.js";

/** Receives the model's happenings on a path (see kernel.ts for when each is called). */
export interface ModelTracer {
  /** After the daily tick of `day` (market, fleet and network hashrate updated). */
  daily(kernel: ModelKernel, day: number): void;
  /** Hashprice changed at a retarget (HP_RETARGET) or the subsidy change (HP_SUBSIDY), USD/PH/day. */
  hashprice(kernel: ModelKernel, reason: number, day: number, before: number, after: number): void;
  /** Named miner i acted at `day` (ACT_DECISION, ACT_OWN_EVENT or ACT_WINDOW). */
  minerActed(kernel: ModelKernel, i: number, day: number, reason: number): void;
  /** A power window started (start = true, real-time price rtUsdPerMwh) or ended. */
  window(kernel: ModelKernel, day: number, start: boolean, rtUsdPerMwh: number): void;
}

function f(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}

const REASONS = ["decision", "own event", "window"];

/** A tracer that writes one line per model happening through `write`. */
export class TextModelTracer implements ModelTracer {
  private readonly lastMw = new Map<number, Float64Array>();

  constructor(private readonly write: (line: string) => void) {}

  private line(kernel: ModelKernel, day: number, tag: string, text: string): void {
    this.write(`${formatInstant(kernel.plan.startTime + day * SECONDS_PER_DAY)}  ${tag.padEnd(9)} ${text}`);
  }

  daily(k: ModelKernel, day: number): void {
    const fl = k.fleet;
    this.line(
      k,
      day,
      "DAILY",
      `day ${day}  price ${f(k.price, 2)} USD  fees ${f(k.fees, 5)} BTC/block  hashprice ${f(k.hashpriceUsd, 3)} USD/PH/day  ` +
        `fleet ${f(fl.runningEh, 3)} EH/s (target ${f(fl.targetEh, 3)}, installed ${f(fl.curve.totalEh, 3)}, ` +
        `${f(fleetRunningJPerTh(fl), 2)} J/TH, pipeline ${fl.nPending} orders)  named ${f(k.namedPh / 1000, 3)} EH/s  ` +
        `network ${f(k.engine.hashrate / 1e18, 3)} EH/s`,
    );
  }

  hashprice(k: ModelKernel, reason: number, day: number, before: number, after: number): void {
    this.line(
      k,
      day,
      "HASHPRICE",
      `${reason === HP_RETARGET ? "retarget" : "subsidy change"}  ${f(before, 4)} -> ${f(after, 4)} USD/PH/day ` +
        `(x${f(after / before, 5)})  subsidy ${f(k.subsidyBtc, 8)} BTC`,
    );
  }

  minerActed(k: ModelKernel, i: number, day: number, reason: number): void {
    const m = k.miners[i]!;
    let last = this.lastMw.get(i);
    let changed = last === undefined;
    if (last === undefined) {
      last = Float64Array.from(m.mw); // first sight: print the state, no deltas
      this.lastMw.set(i, last);
    }
    for (let s = 0; s < MW_STATE_COUNT; s++) if (Math.abs(m.mw[s]! - last[s]!) > 1e-9) changed = true;
    if (!changed && reason === ACT_DECISION) return; // routine decision that changed nothing
    const parts: string[] = [];
    for (let s = 0; s < MW_STATE_COUNT; s++) {
      const d = m.mw[s]! - last[s]!;
      parts.push(`${MW_STATE_NAMES[s]} ${f(m.mw[s]!, 1)}${Math.abs(d) > 1e-9 ? ` (${d > 0 ? "+" : ""}${f(d, 1)})` : ""}`);
      last[s] = m.mw[s]!;
    }
    this.line(
      k,
      day,
      "MINER",
      `${m.spec.id} ${REASONS[reason] ?? reason}  ${parts.join("  ")} MW  ` +
        `treasury ${f(m.treasuryBtc, 2)} BTC  hold ${f(m.holdFraction, 2)}`,
    );
  }

  window(k: ModelKernel, day: number, start: boolean, rt: number): void {
    this.line(k, day, "WINDOW", start ? `power window opens: ${f(rt, 2)} USD/MWh` : "power window closes");
  }
}

/** Options of {@link replayModelPath}. */
export interface ModelReplayOptions {
  /** Where lines go; default console.log. */
  readonly write?: (line: string) => void;
  /** Include the engine's own trace lines (default true). */
  readonly engineTrace?: boolean;
}

/**
 * Replays path `pathIndex` of a run seeded `seed`, printing every happening (engine and
 * model) through `write`, and returns its record — the same cells the Monte Carlo run
 * produced for that path (tracing does not change the path).
 */
export function replayModelPath(
  plan: ModelPlan,
  seed: string | number,
  pathIndex: number,
  options: ModelReplayOptions = {},
): PathRecord {
  const write = options.write ?? ((line: string) => console.log(line));
  const kernel = new ModelKernel(plan);
  kernel.setTracers(options.engineTrace === false ? null : new TextTracer(write, MODEL_KIND_NAMES), new TextModelTracer(write));
  write(`# replay model path: seed ${String(seed)} path ${pathIndex}, ${plan.miners.length} named miners, engine ${plan.engineMode}`);
  const record = allocatePathRecord(kernel.layout);
  kernel.simulate(seed, pathIndex, record);
  return record;
}
