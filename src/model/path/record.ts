/**
 * Path records owned by the caller (tests, notebooks, replay): typed arrays sized from a
 * layout, every cell NaN, as the Monte Carlo machinery hands them to a path function
 * (montecarlo/layout.ts: series S·G metric-major, scalars C, epochs E·M).
 */
import type { PathRecord, RecordLayout } from "../../montecarlo/layout.js";

/** A fresh record for `layout`, all cells NaN. */
export function allocatePathRecord(layout: RecordLayout): PathRecord {
  return {
    grid: layout.grid,
    series: new Float64Array(layout.series.length * layout.grid.length).fill(NaN),
    scalars: new Float64Array(layout.scalars.length).fill(NaN),
    epochs: new Float64Array(layout.epochFields.length * layout.maxEpochs).fill(NaN),
  };
}

/** Sets every cell of `record` back to NaN (to reuse it for another path). */
export function clearPathRecord(record: PathRecord): void {
  record.series.fill(NaN);
  record.scalars.fill(NaN);
  record.epochs.fill(NaN);
}

/** The G values of series field `s` (a view, no copy). */
export function seriesOf(record: PathRecord, s: number): Float64Array {
  const G = record.grid.length;
  return record.series.subarray(s * G, (s + 1) * G);
}

/** Index of the field `entity.metric` in `fields`; throws if absent. */
export function fieldIndex(
  fields: readonly { readonly entity: string; readonly metric: string }[],
  entity: string,
  metric: string,
): number {
  const i = fields.findIndex((f) => f.entity === entity && f.metric === metric);
  if (i < 0) throw new RangeError(`no field ${entity}.${metric} in the layout`);
  return i;
}
