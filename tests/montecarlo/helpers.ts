/**
 * Shared helpers of the Monte Carlo tests: the toy model's URL, bit-level fingerprints of
 * aggregates and summaries, and exact statistics computed from stored values.
 */
import { createHash } from "node:crypto";
import { encodeAggregate } from "../../src/montecarlo/aggregate-codec.js";
import type { Aggregate } from "../../src/montecarlo/aggregate.js";
import { layoutShape, type PathRecord } from "../../src/montecarlo/layout.js";
import type { PathModel } from "../../src/montecarlo/path-model.js";
import type { MonteCarloSummary } from "../../src/montecarlo/summary.js";

/** The toy path model (plain JS so that worker threads can import it). */
export const TOY_URL = new URL("./fixtures/toy-model.js", import.meta.url).href;

/** Bytes of a float64 array (compares NaN payloads and -0 too). */
export function f64Bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Every number of a summary, as the hex of its float64 bits, in a fixed order: two
 * summaries are equal down to the bit iff their fingerprints are equal strings.
 */
export function summaryFingerprint(s: MonteCarloSummary): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ paths: s.paths, seed: s.seed, layoutHash: s.layoutHash, planHash: s.planHash, chunkSize: s.chunkSize }));
  h.update(f64Bytes(s.grid));
  for (const block of [s.series, s.epochs]) {
    for (const { stats } of block) for (const col of Object.values(stats) as Float64Array[]) h.update(f64Bytes(col));
  }
  for (const { stats } of s.scalars) h.update(f64Bytes(Float64Array.from(Object.values(stats) as number[])));
  h.update(f64Bytes(Float64Array.from(s.events.flatMap((e) => [e.count, e.probability]))));
  return h.digest("hex");
}

/** SHA-256 of an aggregate's canonical encoding (moments, extremes, events, sketches). */
export function aggregateFingerprint(agg: Aggregate): string {
  return createHash("sha256").update(encodeAggregate(agg.toParts())).digest("hex");
}

/** Exact type-7 quantile of ascending-sorted values. */
export function type7(sorted: ArrayLike<number>, q: number): { value: number; lo: number; hi: number; f: number } {
  const h = q * (sorted.length - 1);
  const i = Math.floor(h);
  const f = h - i;
  const lo = sorted[i]!;
  const hi = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return { value: f === 0 ? lo : lo + f * (hi - lo), lo, hi, f };
}

/**
 * Every value of paths 0..paths−1 of a model, replayed one by one in this thread, cell-major:
 * cell c of path i at [c·paths + i] (NaN where the path leaves the cell undefined).
 */
export function replayCells(model: PathModel, seed: string, paths: number): Float64Array {
  const shape = layoutShape(model.layout);
  const values = new Float64Array(shape.cells * paths);
  const row = new Float64Array(shape.cells);
  const record: PathRecord = {
    grid: model.layout.grid,
    series: row.subarray(0, shape.scalarOffset),
    scalars: row.subarray(shape.scalarOffset, shape.epochOffset),
    epochs: row.subarray(shape.epochOffset),
  };
  for (let i = 0; i < paths; i++) {
    row.fill(NaN);
    model.simulatePath(seed, i, record);
    for (let c = 0; c < shape.cells; c++) values[c * paths + i] = row[c]!;
  }
  return values;
}
