/**
 * Sweep charts: key outcomes against the swept parameter, with the 90 % (p05–p95) and
 * 50 % (p25–p75) bands across paths and the median, one chart per outcome; and the named
 * events' probabilities against the parameter with 95 % Wilson intervals.
 *
 * Rows are in the axis unit (a ratio in %: SweepOutcome.scale).
 *
 * Outcomes: the network scalars sweep.csv reports (results/sweep-csv.ts SWEEP_OUTCOMES,
 * those every variant has) and four series at the horizon (the last grid date): network
 * hashrate and hashprice, and the named miners' MW in AI and in mining.
 */
import { SWEEP_OUTCOMES, sweepValueText } from "../results/index.js";
import { COLORS, HALF, vegaLite, type Chart } from "./chart.js";
import { boxLayers, boxRow } from "./box-plot.js";
import { checkQuantileOrder, quantilesFinite } from "./quantile-order.js";
import { findScalar, findSeries, type CellStats, type Quantiles, type RunReportData } from "./report-data.js";
import type { SweepReportData } from "./sweep-data.js";
import { sweptKeyUnit } from "./swept-key-unit.js";
import { axisTitle, displayUnit, shortUnit } from "./units.js";

/** The swept parameter on the x axis. */
export interface SweepAxis {
  /** The key on the x axis ("variant" when no key has plain values). */
  readonly key: string;
  /** Numbers (quantitative axis) or labels (one box per variant). */
  readonly numeric: boolean;
  /** Log scale: numeric, all positive, spanning a factor of 10 or more. */
  readonly log: boolean;
  /** The key's unit from the scenario schema, or null. */
  readonly unit: string | null;
  /** Per variant (sweep order): its x value, and the other keys' values as a series label ("" with one key). */
  readonly x: readonly (number | string)[];
  readonly series: readonly string[];
}

/** The x axis of a sweep: its first key with numeric values in every variant, else its first key. */
export function sweepAxis(data: SweepReportData): SweepAxis {
  const values = (k: string) => data.variants.map((v) => v.overrides[k]);
  const numericKey = data.keys.find((k) => values(k).every((x) => typeof x === "number" && Number.isFinite(x)));
  const key = numericKey ?? data.keys[0] ?? "variant";
  const xs = data.keys.includes(key) ? values(key) : data.variants.map((v) => v.name);
  const numeric = numericKey !== undefined;
  const nums = numeric ? (xs as number[]) : [];
  const log = numeric && nums.every((x) => x > 0) && Math.max(...nums) / Math.min(...nums) >= 10;
  const others = data.keys.filter((k) => k !== key);
  return {
    key,
    numeric,
    log,
    unit: data.keys.includes(key) ? sweptKeyUnit(key) : null,
    x: numeric ? nums : xs.map(sweepValueText),
    series: data.variants.map((v) => others.map((k) => `${k} = ${sweepValueText(v.overrides[k])}`).join(", ")),
  };
}

/** The x axis title: the key with its unit (and "log scale"). */
export function sweepAxisTitle(axis: SweepAxis): string {
  const unit = axis.unit ?? (axis.numeric ? "value as set in the sweep" : "variant");
  return axisTitle(axis.key, axis.log ? `${unit}, log scale` : unit);
}

/** A key outcome of a sweep. */
export interface SweepOutcome {
  readonly id: string;
  readonly label: string;
  /** The unit as written in the files. */
  readonly unit: string;
  /** The axis unit and the factor from file values to it (a ratio "1 (…)" is shown in %). */
  readonly axisUnit: string;
  readonly scale: number;
  /** Its statistics in a variant's run (undefined when the run lacks it). */
  readonly stats: (run: RunReportData) => CellStats | undefined;
}

const HORIZON_SERIES: ReadonlyArray<{ readonly entity: string; readonly metric: string; readonly label: string }> = [
  { entity: "network", metric: "hashrate", label: "Network hashrate at the horizon" },
  { entity: "network", metric: "hashprice", label: "Hashprice at the horizon" },
  { entity: "named", metric: "mwAi", label: "Named miners' MW in AI at the horizon" },
  { entity: "named", metric: "mwMining", label: "Named miners' MW mining at the horizon" },
];

/** The outcomes every variant has (see the file comment). */
export function sweepOutcomes(data: SweepReportData): SweepOutcome[] {
  const runs = data.variants.map((v) => v.run);
  const out: SweepOutcome[] = [];
  for (const o of SWEEP_OUTCOMES) {
    const first = findScalar(runs[0]!, o.entity, o.metric);
    if (first === undefined || !runs.every((r) => findScalar(r, o.entity, o.metric) !== undefined)) continue;
    if (shortUnit(first.unit) === "unix s") continue; // dates: not on a value axis
    out.push({ id: `sweep-${o.metric}`, label: `${o.entity}.${o.metric}`, unit: first.unit, ...displayUnit(first.unit), stats: (r) => findScalar(r, o.entity, o.metric)?.stats });
  }
  for (const h of HORIZON_SERIES) {
    const first = findSeries(runs[0]!, h.entity, h.metric);
    if (first === undefined || !runs.every((r) => findSeries(r, h.entity, h.metric) !== undefined)) continue;
    const last = (r: RunReportData) => {
      const s = findSeries(r, h.entity, h.metric)!;
      return s.points.reduce((a, b) => (b.date > a.date ? b : a));
    };
    out.push({ id: `sweep-horizon-${h.entity}-${h.metric}`, label: h.label, unit: first.unit, ...displayUnit(first.unit), stats: last });
  }
  return out;
}

/** One variant's point of a sweep outcome. */
export interface SweepRow extends Quantiles {
  readonly variant: string;
  readonly x: number | string;
  readonly series: string;
}

/**
 * The outcome's quantiles per variant, sorted by series then x (numeric axes) or in sweep
 * order; variants without quantiles are left out. Throws on quantiles out of order.
 */
export function sweepRows(data: SweepReportData, outcome: SweepOutcome, axis: SweepAxis): SweepRow[] {
  const rows: SweepRow[] = [];
  data.variants.forEach((v, i) => {
    const s = outcome.stats(v.run);
    if (s === undefined || !quantilesFinite(s)) return;
    checkQuantileOrder(s, `${v.name}: ${outcome.label}`);
    const k = outcome.scale;
    rows.push({ variant: v.name, x: axis.x[i]!, series: axis.series[i]!, p05: k * s.p05, p25: k * s.p25, p50: k * s.p50, p75: k * s.p75, p95: k * s.p95 });
  });
  if (axis.numeric) rows.sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : (a.x as number) - (b.x as number)));
  return rows;
}

/** Wilson's 95 % score interval of a binomial proportion (k of n): [lo, hi]. */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (!(n > 0)) return [NaN, NaN];
  const p = k / n;
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/** One event probability of a variant, in %, with its 95 % interval. */
export interface SweepEventRow {
  readonly variant: string;
  readonly x: number | string;
  /** The other keys' values ("" with one key). */
  readonly series: string;
  readonly event: string;
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
}

/** Event probabilities per variant (events every variant has), in %, with Wilson intervals. */
export function sweepEventRows(data: SweepReportData, axis: SweepAxis): SweepEventRow[] {
  const names = data.variants[0]!.run.events.map((e) => e.name).filter((n) => data.variants.every((v) => v.run.events.some((e) => e.name === n)));
  const rows: SweepEventRow[] = [];
  for (const name of names) {
    data.variants.forEach((v, i) => {
      const e = v.run.events.find((x) => x.name === name)!;
      const [lo, hi] = wilsonInterval(e.count, v.run.meta.paths);
      const x = axis.x[i]!;
      rows.push({ variant: v.name, x: axis.numeric ? x : categoryLabel(x, axis.series[i]!), series: axis.series[i]!, event: name, p: 100 * e.probability, lo: 100 * lo, hi: 100 * hi });
    });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (axis.numeric) rows.sort((a, b) => cmp(a.event, b.event) || cmp(a.series, b.series) || (a.x as number) - (b.x as number));
  return rows;
}

function xEncoding(axis: SweepAxis, categories: readonly string[]): Record<string, unknown> {
  return axis.numeric
    ? { field: "x", type: "quantitative", title: sweepAxisTitle(axis), scale: axis.log ? { type: "log" } : { zero: false, nice: false }, axis: { values: [...new Set(axis.x as number[])].sort((a, b) => a - b), format: "~g" } }
    : { field: "x", type: "nominal", sort: [...categories], title: sweepAxisTitle(axis), axis: { labelAngle: 0 } };
}

/** The category label of a row on a nominal axis: its x, and the other keys' values if any. */
function categoryLabel(x: number | string, series: string): string {
  return series !== "" ? `${x} · ${series}` : String(x);
}

/** The chart of one outcome against the swept parameter. */
export function sweepOutcomeChart(data: SweepReportData, outcome: SweepOutcome, axis: SweepAxis): Chart | null {
  const rows = sweepRows(data, outcome, axis);
  if (rows.length === 0) return null;
  const y = { type: "quantitative", title: axisTitle(outcome.label.replace(/^network\./, ""), outcome.axisUnit), scale: { zero: false, nice: true } };
  const size = { width: HALF.width, height: HALF.height };
  if (!axis.numeric) {
    // One box per variant, in sweep order.
    const boxes = rows.map((r) => boxRow(categoryLabel(r.x, r.series), "", r, 1, `${r.variant}: ${outcome.label}`)!);
    const layer = boxLayers({
      value: "y",
      valueEncoding: y,
      category: { field: "category", type: "nominal", sort: boxes.map((b) => b.category), title: sweepAxisTitle(axis), axis: { labelAngle: 0 } },
      size: 18,
    });
    return chartOf(outcome, axis, vegaLite({ ...size, data: { values: boxes }, layer }), rows.length);
  }
  const x = xEncoding(axis, []);
  const multi = new Set(rows.map((r) => r.series)).size > 1;
  const byColor = multi ? { color: { field: "series", type: "nominal", title: "Other keys" }, detail: { field: "series", type: "nominal" } } : {};
  const layer = [
    { mark: { type: "area", opacity: multi ? 0.15 : 1, ...(multi ? {} : { color: COLORS.band90 }) }, encoding: { x, y: { ...y, field: "p05" }, y2: { field: "p95" }, ...byColor } },
    { mark: { type: "area", opacity: multi ? 0.3 : 1, ...(multi ? {} : { color: COLORS.band50 }) }, encoding: { x, y: { ...y, field: "p25" }, y2: { field: "p75" }, ...byColor } },
    { mark: { type: "line", strokeWidth: 2, point: { size: 40, filled: true }, ...(multi ? {} : { color: COLORS.median }) }, encoding: { x, y: { ...y, field: "p50" }, ...byColor } },
  ];
  return chartOf(outcome, axis, vegaLite({ ...size, data: { values: rows.map((r) => ({ ...r })) }, layer }), rows.length);
}

function chartOf(outcome: SweepOutcome, axis: SweepAxis, spec: Chart["spec"], n: number): Chart {
  return {
    id: outcome.id,
    title: `${outcome.label} against ${axis.key} (${outcome.axisUnit})`,
    caption:
      (axis.numeric
        ? `Median (line, one point per variant), 50 % band (p25–p75) and 90 % band (p5–p95) across each variant's paths; the bands between variants are joined by straight lines. `
        : `Box p25–p75, whiskers p5–p95, tick at the median across each variant's paths (from the quantiles in the result files). `) + `${n} variants. Unit in the files: ${outcome.unit}${outcome.scale !== 1 ? `, shown ×${outcome.scale} as ${outcome.axisUnit}` : ""}.`,
    wide: false,
    spec,
  };
}

/** The chart of event probabilities against the swept parameter, or null without events. */
export function sweepEventChart(data: SweepReportData, axis: SweepAxis): Chart | null {
  const rows = sweepEventRows(data, axis);
  if (rows.length === 0) return null;
  const categories = [...new Set(rows.map((r) => String(r.x)))];
  const x = xEncoding(axis, categories);
  const y = { field: "p", type: "quantitative", title: axisTitle("Probability", "% of paths"), scale: { domain: [0, 100] } };
  const color = { field: "event", type: "nominal", title: "Event", legend: { orient: "bottom", columns: 1, labelLimit: 400 } };
  const paths = [...new Set(data.variants.map((v) => v.run.meta.paths))];
  return {
    id: "sweep-events",
    title: `Named events against ${axis.key} (% of paths)`,
    caption: `The share of each variant's paths where the event happens, with its 95 % Wilson interval (binomial, ${paths.join("/")} paths per variant).`,
    wide: true,
    spec: vegaLite({
      width: 640,
      height: 240,
      data: { values: rows.map((r) => ({ ...r })) },
      layer: [
        { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color } },
        { mark: { type: "line", strokeWidth: 1.5, point: { size: 36, filled: true } }, encoding: { x, y, color, detail: { field: "series", type: "nominal" } } },
      ],
    }),
  };
}

/** Every chart of a sweep report. */
export function sweepCharts(data: SweepReportData): Chart[] {
  const axis = sweepAxis(data);
  const charts = sweepOutcomes(data)
    .map((o) => sweepOutcomeChart(data, o, axis))
    .filter((c) => c !== null);
  const events = sweepEventChart(data, axis);
  if (events !== null) charts.push(events);
  return charts;
}
