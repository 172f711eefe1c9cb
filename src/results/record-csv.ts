/**
 * One path's record as a long CSV (`exodus replay --csv`): one row per cell,
 * `kind,date,epoch,entity,metric,unit,value` — kind "series" (with date), "scalar" or
 * "epoch" (with epoch index) — in the layout's cell order. Values exact (JavaScript's
 * shortest round-trip form), NaN as an empty field.
 */
import type { PathRecord, RecordLayout } from "../montecarlo/index.js";
import { csvLine, gridLabels } from "./format.js";

/** Columns of a record CSV. */
export const RECORD_COLUMNS = ["kind", "date", "epoch", "entity", "metric", "unit", "value"] as const;

function exact(x: number): string {
  return Number.isNaN(x) ? "" : String(x);
}

/** The record CSV of one path (see the top of this file). */
export function recordCsv(layout: RecordLayout, record: PathRecord): string {
  const labels = gridLabels(layout.grid);
  const G = labels.length;
  const M = layout.maxEpochs;
  const parts = [csvLine(RECORD_COLUMNS)];
  layout.series.forEach((f, s) => {
    for (let g = 0; g < G; g++) parts.push(csvLine(["series", labels[g]!, "", f.entity, f.metric, f.unit, exact(record.series[s * G + g]!)]));
  });
  layout.scalars.forEach((f, c) => parts.push(csvLine(["scalar", "", "", f.entity, f.metric, f.unit, exact(record.scalars[c]!)])));
  layout.epochFields.forEach((f, e) => {
    for (let k = 0; k < M; k++) parts.push(csvLine(["epoch", "", String(k), f.entity, f.metric, f.unit, exact(record.epochs[e * M + k]!)]));
  });
  return parts.join("");
}
