/**
 * The path loop for a plan whose hashrate comes from its schedule (tests, benchmark,
 * simple studies): begin, run to the horizon, and leave the history in `out`.
 *
 * Each function keeps one engine per module instance (one per worker thread), created on
 * first use and reused for every path, so a path allocates nothing beyond what the
 * engine's arrays need the first time. Model code that drives the hashrate from its own
 * handlers uses an {@link Engine} directly (see engine.ts).
 */
import { Engine, type PathStreams } from "./engine.js";
import type { ChainRecord } from "./chain-record.js";
import type { EnginePlan } from "./plan.js";

let fastEngine: Engine | null = null;
let referenceEngine: Engine | null = null;

/**
 * Simulates one path with the fast engine (Gamma draws between chain boundaries) and
 * writes its history into `out` (layout: chain-record.ts). Same plan and streams give a
 * byte-identical `out.buffer`.
 */
export function simulatePath(plan: EnginePlan, streams: PathStreams, out: ChainRecord): ChainRecord {
  fastEngine ??= new Engine({ mode: "fast" });
  return runPath(fastEngine, plan, streams, out);
}

/**
 * Simulates one path block by block (the reference engine: one exponential inter-arrival
 * per block), with the same plan, outputs and layout as {@link simulatePath}.
 */
export function simulateReferencePath(plan: EnginePlan, streams: PathStreams, out: ChainRecord): ChainRecord {
  referenceEngine ??= new Engine({ mode: "reference" });
  return runPath(referenceEngine, plan, streams, out);
}

/** begin + run on a given engine (its handlers and observers, if any, take part). */
export function runPath(engine: Engine, plan: EnginePlan, streams: PathStreams, out: ChainRecord): ChainRecord {
  engine.begin(plan, streams, out);
  engine.run();
  return out;
}
