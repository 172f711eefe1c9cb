/**
 * The report of a sweep: the swept parameter against key outcomes and event probabilities
 * (sweep-charts.ts), and a table of the variants linking each variant's own report.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SWEEP_FILES, sweepValueText } from "../results/index.js";
import { formatInt } from "./format.js";
import { escapeHtml, fileLink, renderPage, type PageSection } from "./html.js";
import { renderCharts } from "./render-svg.js";
import { REPORT_FILE } from "./report-file.js";
import { FOOTER_NOTE, GENERATOR, type RenderedReport } from "./run-report.js";
import { sweepAxis, sweepAxisTitle, sweepCharts } from "./sweep-charts.js";
import type { SweepReportData } from "./sweep-data.js";
import { table } from "./tables.js";

/**
 * Renders the sweep report page. `dir` is the sweep folder on disk (to link each variant's
 * report.html when it exists). Deterministic: identical data give identical bytes.
 */
export async function renderSweepReport(data: SweepReportData, dir: string): Promise<RenderedReport> {
  const charts = await renderCharts(sweepCharts(data));
  const axis = sweepAxis(data);
  const first = data.variants[0]!.run.meta;
  const seeds = [...new Set(data.variants.map((v) => v.run.meta.seed))];
  const paths = [...new Set(data.variants.map((v) => v.run.meta.paths))];
  const facts: Array<readonly [string, string]> = [
    ["Swept keys", escapeHtml(data.keys.join(", "))],
    ["Variants", escapeHtml(String(data.variants.length))],
    ["Seed", seeds.length === 1 ? `<code>${escapeHtml(seeds[0]!)}</code> (every variant: common random numbers, differences are paired)` : `${seeds.length} seeds (one per variant)`],
    ["Paths per variant", escapeHtml(paths.map(formatInt).join(", "))],
    ["Runs", escapeHtml(`${data.variants.map((v) => v.run.meta.startedAt).sort()[0] ?? "?"} to ${data.variants.map((v) => v.run.meta.finishedAt).sort().at(-1) ?? "?"}`)],
    ["Sweep folder", `<code>${escapeHtml(data.folder)}</code>`],
  ];
  if (data.scenarioFile !== null) facts.splice(0, 0, ["Scenario file", `<code>${escapeHtml(data.scenarioFile)}</code>`]);
  const files = [SWEEP_FILES.csv, SWEEP_FILES.json].map((name) => ({
    name,
    description: name === SWEEP_FILES.csv ? "one row per variant: swept values, key outcomes (p5/p50/p95), event probabilities" : "the sweep: keys, and per variant its folder, seed, paths and overrides",
  }));
  const variantRows = data.variants.map((v) => {
    const report = join(dir, v.folder, REPORT_FILE);
    const links = [existsSync(report) ? fileLink(`${v.folder}/${REPORT_FILE}`, "report") : "", fileLink(`${v.folder}/manifest.json`, "manifest"), fileLink(`${v.folder}/series.csv`, "series.csv")]
      .filter((l) => l !== "")
      .join(" · ");
    return [escapeHtml(v.name), ...data.keys.map((k) => escapeHtml(sweepValueText(v.overrides[k]))), `<code>${escapeHtml(v.run.meta.seed)}</code>`, escapeHtml(formatInt(v.run.meta.paths)), links];
  });
  const sections: PageSection[] = [
    {
      id: "outcomes",
      title: `Key outcomes against ${axis.key}`,
      intro: `<p>x axis: ${escapeHtml(sweepAxisTitle(axis))}. Each point is one variant; bands are across that variant's paths.</p>`,
      charts: charts.filter((c) => c.id !== "sweep-events"),
    },
  ];
  const events = charts.filter((c) => c.id === "sweep-events");
  if (events.length > 0) sections.push({ id: "events", title: "Named events", charts: events });
  sections.push({
    id: "variants",
    title: "Variants",
    html: table("Variants of the sweep (sweep order)", ["Variant", ...data.keys, "Seed", "Paths", "Files"], variantRows, [false, ...data.keys.map(() => true), false, true, false]),
  });
  const html = renderPage(
    { kicker: "hashrate-exodus · sweep report", title: data.name, description: first.description, facts, files },
    sections,
    { generator: GENERATOR, note: FOOTER_NOTE },
  );
  return { html, charts };
}
