/**
 * The short "key outcomes" table that `exodus run` prints: for a few headline quantities,
 * the median across paths and the 90% band (p05–p95). It reads only the summary and the
 * layout's field names, so it works for any run; rows whose field the layout lacks are left out.
 */
import type { MonteCarloSummary } from "../montecarlo/index.js";
import { formatNumber, gridLabels } from "./format.js";

/** One row: what, unit, median and the 90% band across paths. */
export interface KeyOutcome {
  readonly label: string;
  readonly unit: string;
  readonly p50: number;
  readonly p05: number;
  readonly p95: number;
}

const DAY_S = 86_400;

/** ISO date (UTC) of a unix time in seconds, rounded to the nearest day (halving quantiles fall at any time of day). */
function isoDate(t: number): string {
  return new Date(Math.round(t / DAY_S) * DAY_S * 1000).toISOString().slice(0, 10);
}

/** Series read at the last grid date. */
const AT_END: readonly { metric: string; label: string }[] = [
  { metric: "hashrate", label: "network hashrate at the end" },
  { metric: "difficulty", label: "difficulty at the end" },
  { metric: "hashprice", label: "hashprice at the end" },
  { metric: "btcPrice", label: "BTC price at the end" },
];

/** Network scalars. */
const SCALARS: readonly { metric: string; label: string; scale?: number; unit?: string }[] = [
  { metric: "hashrateDrawdown", label: "peak-to-trough hashrate drawdown", scale: 100, unit: "%" },
  { metric: "minHashprice", label: "lowest hashprice" },
  { metric: "largestNegativeAdjustment", label: "largest negative adjustment" },
  { metric: "longestEpoch", label: "longest epoch" },
];

/** The key outcomes of a run's summary (network entity; named-miner MW in AI at the end). */
export function keyOutcomes(summary: MonteCarloSummary): KeyOutcome[] {
  const rows: KeyOutcome[] = [];
  const last = summary.grid.length - 1;
  if (last >= 0) {
    const when = gridLabels([summary.grid[last]!])[0]!;
    const wanted = [...AT_END.map((w) => ({ ...w, entity: "network" })), { entity: "named", metric: "mwAi", label: "named miners' MW in AI at the end" }];
    for (const w of wanted) {
      const s = summary.series.find((x) => x.field.entity === w.entity && x.field.metric === w.metric);
      if (s === undefined) continue;
      rows.push({ label: `${w.label} (${when})`, unit: s.field.unit, p50: s.stats.p50[last]!, p05: s.stats.p05[last]!, p95: s.stats.p95[last]! });
    }
  }
  for (const w of SCALARS) {
    const s = summary.scalars.find((x) => x.field.entity === "network" && x.field.metric === w.metric);
    if (s === undefined) continue;
    const k = w.scale ?? 1;
    rows.push({ label: w.label, unit: w.unit ?? s.field.unit, p50: s.stats.p50 * k, p05: s.stats.p05 * k, p95: s.stats.p95 * k });
  }
  const halving = summary.scalars.find((x) => x.field.entity === "network" && x.field.metric === "halvingDate");
  if (halving !== undefined && halving.stats.count > 0) {
    rows.push({ label: "halving date", unit: "date", p50: halving.stats.p50, p05: halving.stats.p05, p95: halving.stats.p95 });
  }
  return rows;
}

/** The rows as an aligned text table (dates for the "date" unit, else 4 significant digits). */
export function formatKeyOutcomes(rows: readonly KeyOutcome[]): string {
  const fmt = (r: KeyOutcome, v: number): string =>
    !Number.isFinite(v) ? "–" : r.unit === "date" ? isoDate(v) : formatNumber(Number(v.toPrecision(4)));
  const cells = rows.map((r) => [r.label, fmt(r, r.p50), `${fmt(r, r.p05)} – ${fmt(r, r.p95)}`, r.unit === "date" ? "" : r.unit.split(" (")[0]!]);
  const head = ["key outcome", "median", "90% band (p05 – p95)", "unit"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...cells.map(line)].join("\n");
}
