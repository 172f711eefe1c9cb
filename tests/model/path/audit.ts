/**
 * A record audit shared by the tests: which cells may be NaN (the layout's documented
 * "not defined" cases) and that nothing is ±Infinity or out of range.
 */
import type { PathRecord, RecordLayout } from "../../../src/montecarlo/layout.js";

/** Scalars that may be NaN ("never happened"), by metric. */
const NAN_SCALARS = new Set([
  "largestNegativeAdjustment", // no negative adjustment
  "halvingDate", // beyond the horizon
  "secondHalvingDate",
  "aiFlipDate", // AI revenue never exceeded mining revenue
  "miningRevenuePerMwYr", // never mined
  "coloRevenuePerItMwYr", // no colocation
  "gpuRevenuePerItMwYr", // no GPU cloud
]);

const FLOWS = new Set(["miningRevenue", "aiRevenue", "drCredits", "ebitda"]);

/** Problems found in `record` (empty when it is sound). */
export function auditRecord(layout: RecordLayout, record: PathRecord): string[] {
  const problems: string[] = [];
  const G = layout.grid.length;
  const find = (entity: string, metric: string): number => layout.series.findIndex((f) => f.entity === entity && f.metric === metric);
  layout.series.forEach((f, s) => {
    for (let g = 0; g < G; g++) {
      const v = record.series[s * G + g]!;
      if (v === Infinity || v === -Infinity) problems.push(`series ${f.entity}.${f.metric}[${g}] = ${v}`);
      if (!Number.isNaN(v)) {
        if ((f.unit === "MW" || f.unit === "EH/s" || f.unit === "BTC") && v < 0) problems.push(`series ${f.entity}.${f.metric}[${g}] < 0: ${v}`);
        continue;
      }
      if (FLOWS.has(f.metric) && g === 0) continue; // no interval ends at grid[0]
      if (f.metric === "ebitdaMargin") {
        if (g === 0) continue;
        let revenue = 0;
        for (const m of ["miningRevenue", "aiRevenue", "drCredits"]) revenue += record.series[find(f.entity, m) * G + g]!;
        if (revenue === 0) continue;
      }
      if (f.metric === "avgJPerTh" && record.series[find("network", "hashrate") * G + g] === 0) continue;
      if (f.metric === "fleetJPerTh" && record.series[find("network", "fleetHashrate") * G + g] === 0) continue;
      problems.push(`series ${f.entity}.${f.metric}[${g}] is NaN`);
    }
  });
  layout.scalars.forEach((f, c) => {
    const v = record.scalars[c]!;
    if (v === Infinity || v === -Infinity) problems.push(`scalar ${f.entity}.${f.metric} = ${v}`);
    if (Number.isNaN(v) && !NAN_SCALARS.has(f.metric)) problems.push(`scalar ${f.entity}.${f.metric} is NaN`);
  });
  const negatives = record.scalars[layout.scalars.findIndex((f) => f.metric === "negativeAdjustments")]!;
  const largest = record.scalars[layout.scalars.findIndex((f) => f.metric === "largestNegativeAdjustment")]!;
  if ((negatives === 0) !== Number.isNaN(largest)) problems.push(`largestNegativeAdjustment ${largest} with ${negatives} negative adjustments`);
  const epochs = record.scalars[layout.scalars.findIndex((f) => f.metric === "epochsCompleted")]!;
  const rows = Math.min(epochs, layout.maxEpochs);
  const M = layout.maxEpochs;
  layout.epochFields.forEach((f, e) => {
    for (let k = 0; k < M; k++) {
      const v = record.epochs[e * M + k]!;
      if (k < rows ? !Number.isFinite(v) : !Number.isNaN(v)) problems.push(`epoch ${f.metric}[${k}] = ${v} (rows ${rows})`);
    }
  });
  return problems;
}
