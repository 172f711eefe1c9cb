/**
 * The order the report relies on: p05 ≤ p25 ≤ p50 ≤ p75 ≤ p95. The run's quantiles are
 * type-7 interpolations of sorted sketch order statistics (src/montecarlo/summary.ts), so
 * they are ordered by construction; a file where they are not is corrupt, and the report
 * says so rather than drawing crossed bands.
 */
import { ReportError } from "./errors.js";
import type { Quantiles } from "./report-data.js";

/** The quantile keys, in increasing level. */
export const QUANTILE_KEYS = ["p05", "p25", "p50", "p75", "p95"] as const;

/** True when all five quantiles are finite. */
export function quantilesFinite(q: Quantiles): boolean {
  return Number.isFinite(q.p05) && Number.isFinite(q.p25) && Number.isFinite(q.p50) && Number.isFinite(q.p75) && Number.isFinite(q.p95);
}

/** Throws a {@link ReportError} (bad input) naming `where` when finite quantiles are out of order. */
export function checkQuantileOrder(q: Quantiles, where: string): void {
  if (!(q.p05 <= q.p25 && q.p25 <= q.p50 && q.p50 <= q.p75 && q.p75 <= q.p95)) {
    throw new ReportError(
      `${where}: quantiles out of order (p05 ${q.p05}, p25 ${q.p25}, p50 ${q.p50}, p75 ${q.p75}, p95 ${q.p95})`,
      true,
    );
  }
}
