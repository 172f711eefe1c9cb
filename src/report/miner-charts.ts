/**
 * Per-miner distributions: EBITDA margin at snapshot dates, cumulative EBITDA over the
 * horizon, and the date AI revenue first exceeds mining revenue ("flip date"). All are box
 * plots drawn from the quantiles across paths (box-plot.ts).
 */
import { FULL_WIDTH, HALF, isoDay, toMs, vegaLite, type Chart } from "./chart.js";
import { boxLayers, boxRow, type BoxRow } from "./box-plot.js";
import { checkQuantileOrder, quantilesFinite } from "./quantile-order.js";
import { findScalar, findSeries, minerIds, type RunReportData, type SeriesPoint } from "./report-data.js";
import { axisTitle, displayUnit, shortUnit } from "./units.js";

/** How many margin snapshots at most (evenly spaced over the horizon). */
export const MARGIN_SNAPSHOTS = 6;

/**
 * Indices of up to `k` snapshot dates spread evenly over the dates that have values: the
 * date nearest start + i·(end − start)/k for i = 1…k, without repeats; ascending.
 */
export function snapshotIndices(dates: readonly number[], k: number): number[] {
  if (dates.length === 0) return [];
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const picked = new Set<number>();
  for (let i = 1; i <= k; i++) {
    const target = first + ((last - first) * i) / k;
    let best = 0;
    for (let j = 1; j < dates.length; j++) if (Math.abs(dates[j]! - target) < Math.abs(dates[best]! - target)) best = j;
    picked.add(best);
  }
  return [...picked].sort((a, b) => a - b);
}

/** Margin boxes: per miner, at snapshot dates; the ratio shown in %. */
export interface MarginData {
  readonly rows: readonly BoxRow[];
  /** Snapshot dates (unix s), ascending; the group label of each is its ISO day. */
  readonly snapshots: readonly number[];
  readonly unit: string;
}

/** Margin box rows from each miner's `ebitdaMargin` series; null when no miner has one. */
export function marginRows(data: RunReportData): MarginData | null {
  const series = minerIds(data)
    .map((m) => findSeries(data, m, "ebitdaMargin"))
    .filter((s) => s !== undefined);
  if (series.length === 0) return null;
  // Snapshot dates: grid dates where some miner has margin quantiles (flows are NaN at grid[0]).
  const defined = new Set<number>();
  for (const s of series) for (const p of s.points) if (quantilesFinite(p)) defined.add(p.date);
  const dates = [...defined].sort((a, b) => a - b);
  const snapshots = snapshotIndices(dates, MARGIN_SNAPSHOTS).map((i) => dates[i]!);
  const unit = series[0]!.unit;
  const { scale } = displayUnit(unit);
  const rows: BoxRow[] = [];
  for (const s of series) {
    const byDate = new Map<number, SeriesPoint>(s.points.map((p) => [p.date, p]));
    for (const d of snapshots) {
      const p = byDate.get(d);
      if (p === undefined) continue;
      const row = boxRow(s.entity, isoDay(d), p, scale, `${s.entity}.${s.metric} at ${isoDay(d)}`);
      if (row !== null) rows.push(row);
    }
  }
  return { rows, snapshots, unit };
}

/** The margin chart, or null without margin series. */
export function marginChart(data: RunReportData): Chart | null {
  const m = marginRows(data);
  if (m === null || m.rows.length === 0) return null;
  const { axisUnit } = displayUnit(m.unit);
  const groups = m.snapshots.map(isoDay);
  const miners = [...new Set(m.rows.map((r) => r.category))];
  return {
    id: "miner-margin",
    title: `EBITDA margin per miner at ${groups.length} dates (${axisUnit})`,
    caption:
      `Per miner, the EBITDA margin of the grid interval ending at each snapshot date across paths: box p25–p75, whiskers p5–p95, tick at the median ` +
      `(drawn from the quantiles in the result files; there are no per-path values, so no outliers). Unit in the files: ${m.unit}` +
      (axisUnit === "%" ? ", shown ×100 as %." : "."),
    wide: true,
    spec: vegaLite({
      description: "EBITDA margin per miner at snapshot dates, box plots from quantiles",
      width: FULL_WIDTH - 140,
      height: 260,
      data: { values: m.rows.map((r) => ({ ...r })) },
      layer: boxLayers({
        value: "y",
        valueEncoding: { type: "quantitative", title: axisTitle("EBITDA margin", axisUnit), scale: { zero: false, nice: true } },
        category: { field: "category", type: "nominal", sort: miners, title: "Miner", axis: { labelAngle: 0, labelOverlap: false } },
        extra: {
          xOffset: { field: "group", type: "nominal", sort: groups },
          color: { field: "group", type: "ordinal", sort: groups, title: "Interval ending", scale: { scheme: "blues" } },
        },
        size: Math.max(3, Math.min(12, Math.floor((FULL_WIDTH - 140) / (miners.length * groups.length) - 3))),
      }),
    }),
  };
}

/** Cumulative EBITDA boxes per miner (USD million), sorted by median, highest first. */
export function cumulativeEbitdaRows(data: RunReportData): { rows: BoxRow[]; unit: string } | null {
  const scalars = minerIds(data)
    .map((m) => findScalar(data, m, "cumulativeEbitda"))
    .filter((s) => s !== undefined);
  if (scalars.length === 0) return null;
  const unit = scalars[0]!.unit;
  const rows = scalars
    .map((s) => boxRow(s.entity, "", s.stats, 1e-6, `${s.entity}.cumulativeEbitda`))
    .filter((r) => r !== null)
    .sort((a, b) => b.p50 - a.p50 || (a.category < b.category ? -1 : 1));
  return { rows, unit };
}

/** The cumulative EBITDA chart, or null. */
export function cumulativeEbitdaChart(data: RunReportData): Chart | null {
  const c = cumulativeEbitdaRows(data);
  if (c === null || c.rows.length === 0) return null;
  const axisUnit = shortUnit(c.unit) === "USD" ? "USD million" : `${shortUnit(c.unit)} ×1e6`;
  return {
    id: "miner-cumulative-ebitda",
    title: `Cumulative EBITDA per miner over the horizon (${axisUnit})`,
    caption: `Box p25–p75, whiskers p5–p95, tick at the median, across paths (from the quantiles in the result files). Unit in the files: ${c.unit}; shown in millions.`,
    wide: false,
    spec: vegaLite({
      description: "Cumulative EBITDA per miner, box plots from quantiles",
      width: HALF.width,
      height: Math.max(120, 24 * c.rows.length),
      data: { values: c.rows.map((r) => ({ ...r })) },
      layer: [
        { mark: { type: "rule", color: "#999", strokeDash: [2, 2] }, encoding: { x: { datum: 0, type: "quantitative" } } },
        ...boxLayers({
          value: "x",
          valueEncoding: { type: "quantitative", title: axisTitle("Cumulative EBITDA", axisUnit) },
          category: { field: "category", type: "nominal", sort: null, title: "Miner" },
          size: 14,
        }),
      ],
    }),
  };
}

/** One miner's flip-date distribution. */
export interface FlipRow {
  readonly miner: string;
  /** Label on the category axis: the miner and its probability of flipping within the horizon. */
  readonly label: string;
  /** count / paths: the share of paths where AI revenue exceeded mining revenue within the horizon. */
  readonly probability: number;
  /** Quantiles (ms since 1970) of the flip date among the paths that flipped; null when none did. */
  readonly quantiles: { readonly p05: number; readonly p25: number; readonly p50: number; readonly p75: number; readonly p95: number } | null;
}

function percent(p: number): string {
  return p === 0 || p === 1 ? `${p * 100} %` : p < 0.01 ? "< 1 %" : p > 0.99 ? "> 99 %" : `${Math.round(p * 100)} %`;
}

/**
 * Flip-date rows: per miner the quantiles of `aiFlipDate` (unix s, NaN = never) among the
 * paths where it happened, and P(flip within the horizon) = count / paths. Sorted by median
 * flip date; miners that never flip last.
 */
export function flipRows(data: RunReportData): FlipRow[] {
  const rows: FlipRow[] = [];
  for (const m of minerIds(data)) {
    const s = findScalar(data, m, "aiFlipDate");
    if (s === undefined) continue;
    const probability = data.meta.paths > 0 ? s.stats.count / data.meta.paths : 0;
    let quantiles: FlipRow["quantiles"] = null;
    if (s.stats.count > 0 && quantilesFinite(s.stats)) {
      checkQuantileOrder(s.stats, `${m}.aiFlipDate`);
      const q = s.stats;
      quantiles = { p05: toMs(q.p05), p25: toMs(q.p25), p50: toMs(q.p50), p75: toMs(q.p75), p95: toMs(q.p95) };
    }
    rows.push({ miner: m, label: `${m} · P = ${percent(probability)}`, probability, quantiles });
  }
  const key = (r: FlipRow) => r.quantiles?.p50 ?? Infinity;
  return rows.sort((a, b) => key(a) - key(b) || b.probability - a.probability || (a.miner < b.miner ? -1 : 1));
}

/** First and last grid date of the run (ms since 1970), or null without series. */
function horizonMs(data: RunReportData): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of data.series) for (const p of s.points) {
    lo = Math.min(lo, p.date);
    hi = Math.max(hi, p.date);
  }
  return lo <= hi ? [toMs(lo), toMs(hi)] : null;
}

/** The flip-date chart, or null when no miner has a flip-date scalar. */
export function flipChart(data: RunReportData): Chart | null {
  const rows = flipRows(data);
  if (rows.length === 0) return null;
  const boxes = rows.filter((r) => r.quantiles !== null).map((r) => ({ category: r.label, ...r.quantiles! }));
  const never = rows.filter((r) => r.quantiles === null).map((r) => ({ category: r.label, text: "no flip within the horizon" }));
  const labels = rows.map((r) => r.label);
  const time = { type: "temporal", scale: { type: "utc" }, title: "Flip date (UTC)", axis: { format: "%b %Y", labelOverlap: true } };
  const layers: Record<string, unknown>[] = [];
  if (boxes.length > 0) {
    layers.push({
      data: { values: boxes },
      layer: boxLayers({ value: "x", valueEncoding: time, category: { field: "category", type: "nominal", sort: labels, title: "Miner · P(flip)" }, size: 14 }),
    });
  }
  if (never.length > 0) {
    layers.push({
      data: { values: never },
      mark: { type: "text", align: "left", fontSize: 10.5, color: "#666", dx: 2 },
      encoding: { y: { field: "category", type: "nominal", sort: labels, title: "Miner · P(flip)" }, x: { value: 0 }, text: { field: "text" } },
    });
  }
  // The time axis spans the run's horizon (flip dates fall inside it), boxes or not:
  // invisible points at the horizon's first and last grid dates.
  const horizon = horizonMs(data);
  if (horizon !== null) {
    layers.push({ data: { values: horizon.map((t) => ({ t })) }, mark: { type: "point", opacity: 0 }, encoding: { x: { field: "t", ...time } } });
  }
  return {
    id: "miner-flip-date",
    title: "Date AI revenue first exceeds mining revenue, per miner",
    caption:
      `P is the share of paths where the flip happens within the horizon (count of paths with a flip date / paths). The box (p25–p75), whiskers (p5–p95) and median tick ` +
      `are quantiles of the flip date among those paths only (conditional on a flip; from the quantiles in the result files). Dates in UTC.`,
    wide: false,
    spec: vegaLite({
      description: "Flip date per miner: quantiles among paths that flip, and the probability of a flip",
      width: HALF.width,
      height: Math.max(120, 24 * rows.length),
      layer: layers,
    }),
  };
}
