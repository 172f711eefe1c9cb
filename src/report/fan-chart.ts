/**
 * Fan charts of network series: the 90 % band (p05–p95), the 50 % band (p25–p75) and the
 * median line, per grid date, with the halving marked as a rule at its median date.
 *
 * The bands are pointwise: at each date they hold that share of paths; a band is not the
 * envelope of any set of whole paths.
 */
import type { TopLevelSpec } from "vega-lite";
import { COLORS, HALF, isoDay, timeX, toMs, vegaLite, type Chart } from "./chart.js";
import { ReportError } from "./errors.js";
import { formatInt } from "./format.js";
import { checkQuantileOrder, quantilesFinite } from "./quantile-order.js";
import { findScalar, findSeries, type Quantiles, type RunReportData, type SeriesField } from "./report-data.js";
import { axisTitle, shortUnit } from "./units.js";

/** One date of a fan chart. */
export interface FanRow extends Quantiles {
  /** Grid date, ms since 1970 (UTC). */
  readonly t: number;
}

/** A dated marker (a rule with a label). */
export interface DateMarker {
  /** ms since 1970 (UTC). */
  readonly t: number;
  readonly label: string;
}

/** Where a marker's label goes: right of the rule, or left of it when the rule is late in the range. */
export function labelSide(marker: DateMarker, rows: readonly { readonly t: number }[]): "right" | "left" {
  if (rows.length < 2) return "right";
  const first = rows[0]!.t;
  const last = rows[rows.length - 1]!.t;
  return (marker.t - first) / (last - first) > 0.55 ? "left" : "right";
}

/** A fan chart's data, ready to draw. */
export interface FanData {
  readonly rows: readonly FanRow[];
  /** The unit as written in the files, and as shown on the axis. */
  readonly unit: string;
  readonly axisUnit: string;
  /** Grid dates without quantiles (no path had a value there), left out of the chart. */
  readonly skipped: number;
}

/**
 * Rows of a fan chart from a series: dates with all five quantiles finite, sorted by date;
 * throws a {@link ReportError} (bad input) on quantiles out of order or a repeated date.
 */
export function fanRows(series: SeriesField): FanData {
  const where = `${series.entity}.${series.metric}`;
  const points = series.points.filter(quantilesFinite);
  const sorted = [...points].sort((a, b) => a.date - b.date);
  const rows: FanRow[] = [];
  for (const p of sorted) {
    checkQuantileOrder(p, `${where} at ${isoDay(p.date)}`);
    if (rows.length > 0 && rows[rows.length - 1]!.t === toMs(p.date)) {
      throw new ReportError(`${where}: date ${isoDay(p.date)} appears twice`, true);
    }
    rows.push({ t: toMs(p.date), p05: p.p05, p25: p.p25, p50: p.p50, p75: p.p75, p95: p.p95 });
  }
  return { rows, unit: series.unit, axisUnit: shortUnit(series.unit), skipped: series.points.length - points.length };
}

/**
 * The halvings to mark: the median of each halving-date scalar that some path reached
 * (network.halvingDate, network.secondHalvingDate; unix s, NaN beyond the horizon). The
 * halving height is fixed, its date is random; the label says the rule is the median date.
 */
export function halvingMarkers(data: RunReportData): DateMarker[] {
  const out: DateMarker[] = [];
  for (const metric of ["halvingDate", "secondHalvingDate"]) {
    const s = findScalar(data, "network", metric);
    if (s === undefined || !(s.stats.count > 0) || !Number.isFinite(s.stats.p50)) continue;
    out.push({ t: toMs(s.stats.p50), label: `halving ${isoDay(s.stats.p50)} (median)` });
  }
  return out;
}

/**
 * The layers that mark dated events: a dashed rule and a label at the top of the plot, on
 * the side of the rule with room (see {@link labelSide}; `rows` are the chart's dates).
 */
export function markerLayers(markers: readonly DateMarker[], rows: readonly { readonly t: number }[]): Record<string, unknown>[] {
  if (markers.length === 0) return [];
  const layers: Record<string, unknown>[] = [
    { data: { values: markers.map((m) => ({ ...m })) }, mark: { type: "rule", color: COLORS.marker, strokeDash: [5, 3], strokeWidth: 1.2 }, encoding: { x: timeX() } },
  ];
  // One text layer per marker, each a line lower than the one before, so that the labels of
  // two halvings never print over each other.
  markers.forEach((m, k) => {
    const side = labelSide(m, rows);
    layers.push({
      data: { values: [{ ...m }] },
      mark: { type: "text", align: side === "right" ? "left" : "right", baseline: "top", dx: side === "right" ? 4 : -4, dy: 4, fontSize: 10.5, color: "#333" },
      encoding: { x: timeX(), y: { value: 14 * k }, text: { field: "label", type: "nominal" } },
    });
  });
  return layers;
}

/** The network series drawn as fan charts, with their axis labels. */
export const NETWORK_FANS: ReadonlyArray<{ readonly metric: string; readonly id: string; readonly title: string; readonly label: string }> = [
  { metric: "hashrate", id: "fan-hashrate", title: "Network hashrate", label: "Hashrate" },
  { metric: "difficulty", id: "fan-difficulty", title: "Difficulty", label: "Difficulty" },
  { metric: "hashprice", id: "fan-hashprice", title: "Hashprice", label: "Hashprice" },
  { metric: "btcPrice", id: "fan-btc-price", title: "BTC price", label: "BTC price" },
];

/** A fan chart's Vega-Lite spec. */
export function fanSpec(fan: FanData, yLabel: string, markers: readonly DateMarker[], description: string): TopLevelSpec {
  const x = timeX();
  const q = (field: string) => ({ field, type: "quantitative" as const });
  // SI prefixes only for large values (BTC price: "100k"); plain grouped numbers otherwise.
  const large = fan.rows.some((r) => Math.abs(r.p95) >= 1e5);
  const y = { ...q("p05"), title: axisTitle(yLabel, fan.axisUnit), scale: { zero: false, nice: true }, axis: large ? { format: "~s" } : {} };
  return vegaLite({
    description,
    width: HALF.width,
    height: HALF.height,
    layer: [
      {
        data: { values: fan.rows.map((r) => ({ ...r })) },
        layer: [
          { mark: { type: "area", color: COLORS.band90 }, encoding: { x, y, y2: { field: "p95" } } },
          { mark: { type: "area", color: COLORS.band50 }, encoding: { x, y: { ...y, field: "p25" }, y2: { field: "p75" } } },
          { mark: { type: "line", color: COLORS.median, strokeWidth: 2 }, encoding: { x, y: { ...y, field: "p50" } } },
        ],
      },
      ...markerLayers(markers, fan.rows),
    ],
  });
}

/** The fan charts of the network series present in the run (hashrate, difficulty, hashprice, BTC price). */
export function networkFanCharts(data: RunReportData): Chart[] {
  const markers = halvingMarkers(data);
  const charts: Chart[] = [];
  for (const f of NETWORK_FANS) {
    const series = findSeries(data, "network", f.metric);
    if (series === undefined) continue;
    const fan = fanRows(series);
    if (fan.rows.length === 0) continue;
    const halving = markers.length > 0 ? " The dashed rule is the median halving date across paths." : " No halving falls within the horizon.";
    charts.push({
      id: f.id,
      title: `${f.title} (${fan.axisUnit})`,
      caption:
        `Median (line), 50 % band (p25–p75, dark) and 90 % band (p5–p95, light) across ${formatInt(data.meta.paths)} paths at each grid date; ` +
        `bands are pointwise, not whole paths. Unit: ${fan.unit}.${halving}`,
      wide: false,
      spec: fanSpec(fan, f.label, markers, `${f.title}: median and 50 %/90 % bands by date`),
    });
  }
  return charts;
}
