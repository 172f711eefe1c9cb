/**
 * The summary of a complete run: per series cell, scalar and epoch cell the count of
 * finite values, mean, sample standard deviation, exact min and max and the quantiles
 * p05, p25, p50, p75, p95; per named event its count and probability (count / paths).
 * Data, not files: src/results writes them.
 *
 * - mean = Σx / n with Σx from the fixed summation tree (summation-tree.ts);
 * - sd = √(m2 / (n − 1)) (the unbiased sample variance), NaN when n < 2;
 * - quantiles: type 7 on sketch order statistics (sketch-bank.ts), within the relative
 *   accuracy of the run (SKETCH_RELATIVE_ACCURACY, 0.5 %) of the exact type-7 quantile; NaN for cells
 *   whose field has `quantiles: false`;
 * - quantiles of integer fields (FieldSpec.integer) are integers, exact below ~99 and within
 *   a stated bound above (the argument is in sketch-bank.ts, "Integer fields"). This is the
 *   one place where they are rounded: every writer
 *   (summary.csv, series.csv, epochs.csv, summary.json, key outcomes, the report) reads
 *   the summary. Aggregates, shards, checkpoints and merges hold sketch counts, not
 *   quantiles, so they are unaffected;
 * - a cell with no finite value has count 0 and NaN for everything else.
 */
import type { Aggregate } from "./aggregate.js";
import { layoutHash } from "./canonical-hash.js";
import { AggregateMergeError } from "./errors.js";
import { layoutShape, sketchMask, sketchOrigins, type EventSpec, type FieldSpec, type RecordLayout } from "./layout.js";
import { SKETCH_MAPPING } from "./sketch-mapping.js";

/** Quantile levels reported for every sketched cell. */
export const QUANTILE_LEVELS: readonly number[] = Object.freeze([0.05, 0.25, 0.5, 0.75, 0.95]);

/** Statistics of a field over its grid dates (series) or epoch indices (epochs), one entry per position. */
export interface StatColumns {
  readonly count: Float64Array;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly p05: Float64Array;
  readonly p25: Float64Array;
  readonly p50: Float64Array;
  readonly p75: Float64Array;
  readonly p95: Float64Array;
}

/** Statistics of one scalar field. */
export interface ScalarStats {
  readonly count: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/** The summary of a complete run. */
export interface MonteCarloSummary {
  readonly paths: number;
  readonly seed: string | number;
  readonly layoutHash: string;
  readonly planHash: string;
  readonly chunkSize: number;
  readonly quantiles: {
    readonly method: string;
    readonly relativeAccuracy: number;
    readonly definition: string;
    readonly levels: readonly number[];
  };
  /** The calendar grid (unix seconds). */
  readonly grid: Float64Array;
  readonly series: ReadonlyArray<{ readonly field: FieldSpec; readonly stats: StatColumns }>;
  readonly scalars: ReadonlyArray<{ readonly field: FieldSpec; readonly stats: ScalarStats }>;
  readonly epochs: ReadonlyArray<{ readonly field: FieldSpec; readonly stats: StatColumns }>;
  readonly events: ReadonlyArray<{ readonly event: EventSpec; readonly count: number; readonly probability: number }>;
}

const KEYS = ["count", "mean", "sd", "min", "max", "p05", "p25", "p50", "p75", "p95"] as const;

function columns(length: number): StatColumns {
  return Object.fromEntries(KEYS.map((k) => [k, new Float64Array(length)])) as unknown as StatColumns;
}

/**
 * Summarizes a complete whole-run aggregate. Throws AggregateMergeError MISSING if chunks
 * are missing (a shard or an unfinished run) and LAYOUT_MISMATCH if `layout` is not the
 * run's layout.
 */
export function summarize(agg: Aggregate, layout: RecordLayout): MonteCarloSummary {
  const hash = layoutHash(layout);
  if (hash !== agg.spec.layoutHash) throw new AggregateMergeError("LAYOUT_MISMATCH", `the layout hashes to ${hash}, the aggregate's to ${agg.spec.layoutHash}`);
  const { n, sum, m2 } = agg.tree.root();
  const shape = layoutShape(layout);
  const mask = sketchMask(layout);
  const origins = sketchOrigins(layout);
  const q = new Float64Array(QUANTILE_LEVELS.length);
  const fill = (cell: number, out: StatColumns, at: number, integer: boolean): void => {
    const count = n[cell]!;
    out.count[at] = count;
    out.mean[at] = count > 0 ? sum[cell]! / count : NaN;
    out.sd[at] = count > 1 ? Math.sqrt(m2[cell]! / (count - 1)) : NaN;
    out.min[at] = count > 0 ? agg.min[cell]! : NaN;
    out.max[at] = count > 0 ? agg.max[cell]! : NaN;
    if (count > 0 && mask[cell] === 1) {
      // The sketch holds value − origin (FieldSpec.origin); clamp in those terms, then shift back.
      const o = origins[cell]!;
      // Integer fields: rounded inside (see the top of this file); their origin is an integer.
      agg.sketch.quantiles(cell, QUANTILE_LEVELS, agg.min[cell]! - o, agg.max[cell]! - o, q, integer);
      if (o !== 0) for (let i = 0; i < q.length; i++) q[i] = q[i]! + o;
    } else q.fill(NaN);
    out.p05[at] = q[0]!;
    out.p25[at] = q[1]!;
    out.p50[at] = q[2]!;
    out.p75[at] = q[3]!;
    out.p95[at] = q[4]!;
  };
  const block = (fields: readonly FieldSpec[], offset: number, width: number) =>
    fields.map((field, f) => {
      const stats = columns(width);
      for (let k = 0; k < width; k++) fill(offset + f * width + k, stats, k, field.integer === true);
      return { field, stats };
    });
  const scalars = layout.scalars.map((field, c) => {
    const one = columns(1);
    fill(shape.scalarOffset + c, one, 0, field.integer === true);
    const stats = Object.fromEntries(KEYS.map((k) => [k, one[k][0]!])) as unknown as ScalarStats;
    return { field, stats };
  });
  return {
    paths: agg.spec.paths,
    seed: agg.spec.seed,
    layoutHash: agg.spec.layoutHash,
    planHash: agg.spec.planHash,
    chunkSize: agg.spec.chunkSize,
    quantiles: {
      method: SKETCH_MAPPING,
      relativeAccuracy: agg.spec.sketch.relativeAccuracy,
      definition:
        `type 7 (Hyndman & Fan 1996) on sketch order statistics clamped to the exact min/max; each within relative ${agg.spec.sketch.relativeAccuracy} of the exact order statistic; ` +
        "for integer fields (layout integer: true) order statistics and quantiles rounded to the nearest integer",
      levels: QUANTILE_LEVELS,
    },
    grid: Float64Array.from(layout.grid),
    series: block(layout.series, 0, shape.gridLength),
    scalars,
    epochs: block(layout.epochFields, shape.epochOffset, shape.maxEpochs),
    events: layout.events.map((event, e) => ({ event, count: agg.events[e]!, probability: agg.events[e]! / agg.spec.paths })),
  };
}
