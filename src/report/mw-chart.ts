/**
 * MW of the named miners in AI and in mining over time, stacked by miner.
 *
 * "Median path view": each miner's band is that miner's median MW in the state at that date
 * across paths — medians per date, not one simulated path; a sum of medians is not the
 * median of the sum. When the run kept no per-miner series, the chart falls back to the
 * named miners' aggregate MW by state (the `named` entity), medians again.
 */
import { FULL_WIDTH, timeX, toMs, vegaLite, type Chart } from "./chart.js";
import { ReportError } from "./errors.js";
import { findSeries, minerIds, type RunReportData, type SeriesField } from "./report-data.js";
import { axisTitle, shortUnit } from "./units.js";

/** One stacked-area value: a miner's (or a state's) median MW at a date. */
export interface MwRow {
  /** ms since 1970 (UTC). */
  readonly t: number;
  /** Panel: "Mining" or "AI" (per-miner view), or "All named miners" (aggregate view). */
  readonly panel: string;
  /** Stack layer: a miner id, or a state in the aggregate view. */
  readonly layer: string;
  /** Median MW across paths. */
  readonly mw: number;
}

/** The stacked MW chart's data. */
export interface MwData {
  readonly rows: readonly MwRow[];
  /** "per-miner" when the run kept per-miner series, "aggregate" otherwise. */
  readonly view: "per-miner" | "aggregate";
  readonly unit: string;
  /** Stack order (legend order). */
  readonly layers: readonly string[];
  readonly panels: readonly string[];
}

/** The states shown per miner, with the metric holding each and the panel title. */
export const MW_PANELS: ReadonlyArray<{ readonly metric: string; readonly panel: string }> = [
  { metric: "mwMining", panel: "Mining" },
  { metric: "mwAi", panel: "AI" },
];

/** The aggregate view's states (the `named` entity, src/model/path/layout.ts NAMED_METRICS). */
export const NAMED_MW_STATES: ReadonlyArray<{ readonly metric: string; readonly label: string }> = [
  { metric: "mwMining", label: "mining" },
  { metric: "mwCurtailed", label: "curtailed" },
  { metric: "mwConverting", label: "converting" },
  { metric: "mwAi", label: "AI" },
  { metric: "mwIdle", label: "idle" },
];

function medianRows(series: SeriesField, panel: string, layer: string, out: MwRow[]): void {
  for (const p of series.points) {
    if (!Number.isFinite(p.p50)) continue;
    if (p.p50 < 0) throw new ReportError(`${series.entity}.${series.metric}: negative MW (${p.p50}) at ${new Date(p.date * 1000).toISOString()}`, true);
    out.push({ t: toMs(p.date), panel, layer, mw: p.p50 });
  }
}

/** Rows of the stacked MW chart, sorted by panel, date and layer order; null without MW series. */
export function mwRows(data: RunReportData): MwData | null {
  const rows: MwRow[] = [];
  const miners = minerIds(data);
  const perMiner = miners.filter((m) => MW_PANELS.every((p) => findSeries(data, m, p.metric) !== undefined));
  let view: MwData["view"];
  let layers: string[];
  let panels: string[];
  let unit = "";
  if (perMiner.length > 0) {
    view = "per-miner";
    layers = perMiner;
    panels = MW_PANELS.map((p) => p.panel);
    for (const p of MW_PANELS) {
      for (const m of perMiner) {
        const s = findSeries(data, m, p.metric)!;
        unit ||= s.unit;
        medianRows(s, p.panel, m, rows);
      }
    }
  } else {
    const present = NAMED_MW_STATES.filter((s) => findSeries(data, "named", s.metric) !== undefined);
    if (present.length === 0) return null;
    view = "aggregate";
    layers = present.map((s) => s.label);
    panels = ["All named miners"];
    for (const s of present) {
      const series = findSeries(data, "named", s.metric)!;
      unit ||= series.unit;
      medianRows(series, panels[0]!, s.label, rows);
    }
  }
  const panelIndex = new Map(panels.map((p, i) => [p, i]));
  const layerIndex = new Map(layers.map((l, i) => [l, i]));
  rows.sort((a, b) => panelIndex.get(a.panel)! - panelIndex.get(b.panel)! || a.t - b.t || layerIndex.get(a.layer)! - layerIndex.get(b.layer)!);
  return { rows, view, unit, layers, panels };
}

/** The stacked MW chart, or null when the run has no MW series. */
export function mwChart(data: RunReportData): Chart | null {
  const mw = mwRows(data);
  if (mw === null || mw.rows.length === 0) return null;
  const unit = shortUnit(mw.unit);
  const perMiner = mw.view === "per-miner";
  const width = perMiner ? Math.floor((FULL_WIDTH - 180) / 2) : FULL_WIDTH - 180;
  const order = Object.fromEntries(mw.layers.map((l, i) => [l, i]));
  return {
    id: "mw-ai-vs-mining",
    title: perMiner ? `Named miners: MW in mining and in AI, stacked by miner (${unit})` : `Named miners: MW by state (${unit})`,
    caption: perMiner
      ? `Each band is one miner's median ${unit} in the state at each date across paths (medians per date, not one simulated path; a sum of medians is not the median of the total). Unit: ${mw.unit}.`
      : `The run kept no per-miner series; the named miners' total ${unit} by state, each band the median across paths at each date (medians per date, not one path). Unit: ${mw.unit}.`,
    wide: true,
    spec: vegaLite({
      description: "Median MW per date of the named miners, stacked",
      data: { values: mw.rows.map((r) => ({ ...r, order: order[r.layer] })) },
      facet: { column: { field: "panel", type: "nominal", sort: [...mw.panels], title: null, header: { labelFontSize: 12, labelFontWeight: "bold" } } },
      spec: {
        width,
        height: 230,
        mark: { type: "area", opacity: 0.9, stroke: "white", strokeWidth: 0.5 },
        encoding: {
          x: timeX(),
          y: { field: "mw", type: "quantitative", stack: "zero", title: axisTitle(perMiner ? "Median MW, stacked" : "Median MW, stacked by state", unit) },
          color: { field: "layer", type: "nominal", sort: [...mw.layers], title: perMiner ? "Miner" : "State" },
          order: { field: "order", type: "quantitative" },
        },
      },
      resolve: { scale: { y: "shared" } },
    }),
  };
}
