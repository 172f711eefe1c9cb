/**
 * The report of one run: charts and tables from a {@link RunReportData}, laid out as a page.
 *
 * Sections: network fan charts (hashrate, difficulty, hashprice, BTC price, halving marked);
 * named miners (stacked MW in mining and AI, margin boxes, cumulative EBITDA boxes, flip
 * dates); epochs (histograms of adjustments and durations); key outcomes (tables).
 */
import { version as vegaVersion } from "vega";
import type { Chart } from "./chart.js";
import { epochHistogramCharts } from "./epoch-histogram.js";
import { networkFanCharts } from "./fan-chart.js";
import { formatInt } from "./format.js";
import { escapeHtml, renderPage, type PageSection } from "./html.js";
import { cumulativeEbitdaChart, flipChart, marginChart } from "./miner-charts.js";
import { mwChart } from "./mw-chart.js";
import { renderCharts, type RenderedChart } from "./render-svg.js";
import { minerIds, type RunReportData } from "./report-data.js";
import { eventTable, scalarTable } from "./tables.js";
import { VERSION } from "../version.js";

/** The charts of a run report, grouped by section, in page order. */
export interface RunCharts {
  readonly network: readonly Chart[];
  readonly miners: readonly Chart[];
  readonly epochs: readonly Chart[];
}

/** Builds (does not render) every chart the run's data allows. */
export function runCharts(data: RunReportData): RunCharts {
  const miners = [mwChart(data), marginChart(data), cumulativeEbitdaChart(data), flipChart(data)].filter((c) => c !== null);
  return { network: networkFanCharts(data), miners, epochs: epochHistogramCharts(data) };
}

/** A rendered run report: the page and its charts (for `--svg` export and tests). */
export interface RenderedReport {
  readonly html: string;
  readonly charts: readonly RenderedChart[];
}

const BANDS_LEGEND =
  `<span class="legend"><span><span class="swatch" style="background:#c6dbef"></span>90 % band (p5–p95)</span>` +
  `<span><span class="swatch" style="background:#6baed6"></span>50 % band (p25–p75)</span>` +
  `<span><span class="swatch line"></span>median</span>` +
  `<span><span class="swatch rule"></span>halving (median date)</span></span>`;

/** The generator line of every page. */
export const GENERATOR = `hashrate-exodus ${VERSION}`;
/** The footer note of every page. */
export const FOOTER_NOTE = `Charts are SVG pre-rendered with Vega ${vegaVersion} when the report was written; the page runs no script and loads nothing from the network.`;

/** Renders the run report page. Deterministic: identical data give identical bytes. */
export async function renderRunReport(data: RunReportData): Promise<RenderedReport> {
  const c = runCharts(data);
  const network = await renderCharts(c.network);
  const miners = await renderCharts(c.miners);
  const epochs = await renderCharts(c.epochs);
  const m = data.meta;
  const facts: Array<readonly [string, string]> = [
    ["Seed", `<code>${escapeHtml(m.seed)}</code>`],
    ["Paths", escapeHtml(formatInt(m.paths))],
    ["Run started", escapeHtml(m.startedAt || "unknown")],
    ["Run finished", escapeHtml(m.finishedAt || "unknown")],
    ["Results folder", `<code>${escapeHtml(m.folder)}</code>`],
    ...m.facts.map(([k, v]) => [k, escapeHtml(v)] as const),
  ];

  const networkScalars = data.scalars.filter((s) => s.entity === "network");
  const minerSet = new Set(minerIds(data));
  const minerScalars = data.scalars.filter((s) => minerSet.has(s.entity) && (s.metric === "cumulativeEbitda" || s.metric === "npv" || s.metric === "aiFlipDate"));
  const sections: PageSection[] = [
    {
      id: "network",
      title: "Network",
      intro: `<p>Across ${escapeHtml(formatInt(m.paths))} simulated paths, at each grid date. ${BANDS_LEGEND}</p>`,
      charts: network,
    },
  ];
  if (miners.length > 0) {
    sections.push({
      id: "miners",
      title: "Named miners",
      intro: `<p>Distributions across paths. The result files keep quantiles, not per-path values: boxes are drawn from p5/p25/p50/p75/p95, and stacked MW are medians per date, not one simulated path.</p>`,
      charts: miners,
    });
  }
  if (epochs.length > 0) {
    sections.push({ id: "epochs", title: "Difficulty epochs", charts: epochs });
  }
  sections.push({
    id: "outcomes",
    title: "Key outcomes",
    html: [
      scalarTable("Network outcomes per path", networkScalars, (f) => f.metric),
      scalarTable("Named miners", minerScalars, (f) => `${f.entity} · ${f.metric}`),
      eventTable("Named events", data.events),
      `<p class="note">Quantiles across paths come from the run's mergeable sketches (see manifest.json and summary.json for their accuracy). “Paths with a value” counts paths where the outcome happened (e.g. a flip date that came); the other statistics are over those paths only.</p>`,
    ]
      .filter((s) => s !== "")
      .join("\n"),
  });
  const html = renderPage(
    { kicker: "hashrate-exodus · Monte Carlo run report", title: m.scenarioName, description: m.description, facts, files: m.files },
    sections,
    { generator: GENERATOR, note: FOOTER_NOTE },
  );
  return { html, charts: [...network, ...miners, ...epochs] };
}
