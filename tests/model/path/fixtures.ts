/**
 * Shared set-up for the model-path tests: plans built from the default calibration with
 * the market made deterministic where a test needs it, and readers of a path record by
 * field name.
 */
import type { PathRecord, RecordLayout } from "../../../src/montecarlo/layout.js";
import { dayIndexFromIso } from "../../../src/model/market/index.js";
import {
  defaultModelPlan,
  fieldIndex,
  seriesOf,
  type DefaultModelPlanOptions,
  type ModelPlan,
} from "../../../src/model/path/index.js";

export const DAY = 86_400;
export const START_ISO = "2026-03-01";

/** The last day (ISO) of a horizon of `days` days from the default start. */
export function horizonDateAfter(days: number): string {
  return new Date((Date.UTC(2026, 2, 1) / 1000 + (days - 1) * DAY) * 1000).toISOString().slice(0, 10);
}

/** Day index of an ISO date from the default start. */
export function dayOf(iso: string): number {
  return dayIndexFromIso(START_ISO, iso);
}

/** A fixed price path: `price(d)` for days 0 … days−1. */
export function fixedPrices(days: number, price: (d: number) => number): Float64Array {
  return Float64Array.from({ length: days }, (_, d) => price(d));
}

/**
 * The default plan with the market made deterministic: a fixed price path, fees at their
 * mean every day (σ_log 0, no spikes), and any other options.
 */
export function deterministicPlan(
  days: number,
  price: (d: number) => number,
  opts: Omit<DefaultModelPlanOptions, "horizonDate" | "price" | "fees"> = {},
): ModelPlan {
  return defaultModelPlan({
    ...opts,
    horizonDate: horizonDateAfter(days),
    price: { model: { kind: "fixed", prices: fixedPrices(days, price) }, shocks: [] },
    fees: { sigmaLog: 0, spikeRatePerYear: 0 },
  });
}

/** Reads fields of one record by name. */
export class RecordReader {
  constructor(
    readonly layout: RecordLayout,
    readonly record: PathRecord,
  ) {}
  series(entity: string, metric: string): Float64Array {
    return seriesOf(this.record, fieldIndex(this.layout.series, entity, metric));
  }
  scalar(entity: string, metric: string): number {
    return this.record.scalars[fieldIndex(this.layout.scalars, entity, metric)]!;
  }
  epochs(metric: string): Float64Array {
    const e = fieldIndex(this.layout.epochFields, "epoch", metric);
    const M = this.layout.maxEpochs;
    return this.record.epochs.subarray(e * M, (e + 1) * M);
  }
  /** Grid index of day `d` (the grid is weekly from day 0 unless a test changes it). */
  gridIndexOfDay(d: number): number {
    const t = this.layout.grid[0]! + d * DAY;
    const g = this.layout.grid.indexOf(t);
    if (g < 0) throw new RangeError(`day ${d} is not a grid date`);
    return g;
  }
}

/** Mean and standard error of a sample. */
export function meanSe(xs: readonly number[]): { mean: number; se: number; sd: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n), sd: Math.sqrt(v) };
}
