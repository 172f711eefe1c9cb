/**
 * The report of a comparison (compare.csv): paired differences with their intervals
 * (compare-charts.ts) and the full table.
 */
import { COMPARE_FILE, type CompareRow } from "../results/index.js";
import { compareCharts, differenceUnit } from "./compare-charts.js";
import type { CompareReportData } from "./compare-data.js";
import { formatInt, formatValue } from "./format.js";
import { escapeHtml, renderPage, type PageSection } from "./html.js";
import { renderCharts } from "./render-svg.js";
import { FOOTER_NOTE, GENERATOR, type RenderedReport } from "./run-report.js";
import { table } from "./tables.js";

function rowCells(r: CompareRow): string[] {
  const { axisUnit, scale } = differenceUnit(r.unit);
  const v = (x: number) => escapeHtml(formatValue(x * scale));
  return [
    escapeHtml(`${r.entity}.${r.metric}`),
    escapeHtml(axisUnit),
    escapeHtml(formatInt(r.pairs)),
    v(r.meanDiff),
    Number.isFinite(r.ciLow) ? `${v(r.ciLow)} – ${v(r.ciHigh)}` : "–",
    escapeHtml(Number.isFinite(r.pAGreater) ? `${(100 * r.pAGreater).toFixed(1)} %` : "–"),
    escapeHtml(formatInt(r.unpaired)),
  ];
}

/** Renders the comparison page. Deterministic: identical rows give identical bytes. */
export async function renderCompareReport(data: CompareReportData): Promise<RenderedReport> {
  const charts = await renderCharts(compareCharts(data.rows));
  const pairs = [...new Map(data.rows.map((r) => [`${r.a}\u0000${r.b}`, r] as const)).values()];
  const facts: Array<readonly [string, string]> = [
    ["A (baseline)", `<code>${escapeHtml(pairs[0]?.a ?? "")}</code>`],
    ...pairs.map((p, i) => [pairs.length === 1 ? "B" : `B${i + 1}`, `<code>${escapeHtml(p.b)}</code>`] as const),
    ["Metrics", escapeHtml(String(new Set(data.rows.map((r) => `${r.entity}.${r.metric}`)).size))],
    ["Folder", `<code>${escapeHtml(data.folder)}</code>`],
  ];
  const head = ["Metric", "Unit", "Pairs", "Mean A − B", "95 % interval", "P(A > B)", "Unpaired paths"];
  const sections: PageSection[] = [
    {
      id: "differences",
      title: "Paired differences",
      intro:
        "<p>The runs share seed and paths, so path i of A and path i of B saw the same market, chain and fleet draws (common random numbers); " +
        "each difference is taken path by path. Dates are compared in days, ratios in percentage points, USD in USD million.</p>",
      charts,
    },
    {
      id: "table",
      title: "All metrics",
      html: pairs
        .map((p) => table(`A = ${p.a}, B = ${p.b}`, head, data.rows.filter((r) => r.a === p.a && r.b === p.b).map(rowCells), [false, false, true, true, true, true, true]))
        .join("\n"),
    },
  ];
  const html = renderPage(
    {
      kicker: "hashrate-exodus · comparison report",
      title: `Comparison of ${pairs.length + 1} runs`,
      description: "Paired differences A − B of every per-path outcome, with 95 % intervals.",
      facts,
      files: [{ name: COMPARE_FILE, description: "per pair and metric: pairs, means, mean difference, sd, 95 % interval, P(A > B)" }],
    },
    sections,
    { generator: GENERATOR, note: FOOTER_NOTE },
  );
  return { html, charts };
}
