/**
 * The report of a backtest folder (backtest.json, written by `exodus backtest`): the
 * actual difficulty line over the simulated fan (median, 50% and 90% bands), the summary
 * figures (MAPE, coverage, bias), the exact-replay count, the inputs — the growth rule, the
 * per-path prior and the declared exogenous events, reported as inputs — and the per-epoch
 * table. The chart is the backtest's own SVG (src/backtest/output.ts backtestSvg), inline;
 * like every page of the report, no script and nothing loaded from the network.
 */
import { BACKTEST_FILE, backtestSvg, orderBookText, type BacktestDocument } from "../backtest/index.js";
import { formatValue } from "./format.js";
import { escapeHtml, renderPage, type PageSection } from "./html.js";
import { GENERATOR, type RenderedReport } from "./run-report.js";

const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : "–");

function growthRule(g: Readonly<Record<string, unknown>>): string {
  const num = (k: string): string => (typeof g[k] === "number" ? formatValue(g[k] as number) : "–");
  const base = typeof g.asicUsdPerWatt === "number" ? `ASIC $${num("asicUsdPerWatt")}/W` : `ASIC $${num("asicUsdPerTh")}/TH`;
  const eps = g.asicPriceElasticity;
  const asic =
    typeof eps === "number" && eps !== 0
      ? `${base} at a hashprice of $${num("asicRefHashprice")}/PH/day, × (hashprice / $${num("asicRefHashprice")})^${num("asicPriceElasticity")}`
      : `${base} (constant)`;
  if (g.mode === "margin") {
    return `margin (free entry): orders = ${num("marginGrowthPerYear")}/yr × installed EH/s × max(0, 1 − payback / ${num("hurdlePaybackDays")} days); ${asic}`;
  }
  return `fixed rate: ${num("buildRateMwPerMonth")} MW/month while payback ≤ ${num("hurdlePaybackDays")} days; ${asic}`;
}

/** Renders the backtest page. Deterministic: the same document gives the same bytes. */
export function renderBacktestReport(doc: BacktestDocument, folder: string): RenderedReport {
  const s = doc.summary;
  const title = `Backtest ${doc.from} → ${doc.to}`;
  const svg = backtestSvg(doc, `${title}: difficulty, actual vs simulated`).trim();
  const prior = doc.inputs.prior;
  const facts: Array<readonly [string, string]> = [
    ["Window", escapeHtml(`${doc.from} → ${doc.to}`)],
    ["Paths, seed", escapeHtml(`${doc.paths}, ${doc.seed}`)],
    ["Epochs compared", escapeHtml(String(s.epochsCompared))],
    ["MAPE of the median", escapeHtml(pct(s.mapeMedian))],
    ["Coverage, 50 % band", escapeHtml(pct(s.coverage50))],
    ["Coverage, 90 % band", escapeHtml(pct(s.coverage90))],
    ["Mean bias (median vs actual)", escapeHtml(pct(s.meanBias))],
    ...(doc.baselines === undefined
      ? []
      : ([
          [
            "Naive baselines (MAPE)",
            escapeHtml(`persistence ${pct(doc.baselines.persistence.mapeMedian)}; trend of the year before ${pct(doc.baselines.trend.mapeMedian)} (${pct(doc.baselines.trend.growthPerEpoch)} per epoch)`),
          ],
        ] as const)),
    ["Exact replay", escapeHtml(`${doc.exactReplay.matched}/${doc.exactReplay.checked} retargets reproduce the next nBits`)],
    ["Growth rule", escapeHtml(growthRule(doc.inputs.growth))],
    ["Per-path prior", escapeHtml(prior === undefined ? "none recorded" : `sd of ln(growth rate) ${formatValue(prior.growthLogSd)}, of ln(hurdle) ${formatValue(prior.hurdleLogSd)}${typeof prior.elasticitySd === "number" && prior.elasticitySd > 0 ? `, of the ASIC elasticity ${formatValue(prior.elasticitySd)}` : ""}`)],
    ["Order book at the start", escapeHtml(orderBookText(doc.inputs.orderBook))],
    ["Folder", `<code>${escapeHtml(folder)}</code>`],
  ];
  const events =
    doc.inputs.events.length === 0
      ? "<p>None declared.</p>"
      : `<ul>\n${doc.inputs.events
          .map((e) => `<li>${escapeHtml(`${e.label}: ${e.startDate}${e.endDate !== undefined ? ` → ${e.endDate}` : ""}, ${(100 * e.shareOffline).toFixed(0)} % offline`)} <span class="muted">(${escapeHtml(e.source)})</span></li>`)
          .join("\n")}\n</ul>`;
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : "–");
  const body = doc.rows
    .map((r) => {
      const inside = r.actualDifficultyT >= r.simP05 && r.actualDifficultyT <= r.simP95;
      const cells = [String(r.epoch), r.actualStart.slice(0, 10), f(r.actualDifficultyT), f(r.simMedian), `${f(r.simP25)} – ${f(r.simP75)}`, `${f(r.simP05)} – ${f(r.simP95)}`, r.input ? "input" : inside ? "yes" : "no", String(r.pathsReached)];
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const head = ["Epoch", "Actual start", "Actual (T)", "Median (T)", "50 % band (T)", "90 % band (T)", "In 90 %", "Paths"];
  const sections: PageSection[] = [
    {
      id: "fan",
      title: "Difficulty: actual over the simulated fan",
      intro: "<p>Per epoch: the actual difficulty (red line) over the simulated paths' median (dashed) and their 50 % and 90 % bands, on a log scale. The first epoch is the given initial state.</p>",
      html: `<figure class="chart wide" id="chart-backtest" data-chart="backtest">\n${svg}\n<figcaption>Bands: 25–75 % and 5–95 % quantiles of the paths that reached each epoch.</figcaption>\n</figure>`,
    },
    ...(doc.summaryByYear !== undefined && doc.summaryByYear.length > 0
      ? [
          {
            id: "years",
            title: "By calendar year",
            intro: "<p>The summary figures of the epochs that started in each year.</p>",
            html: yearTable(doc.summaryByYear),
          },
        ]
      : []),
    { id: "events", title: "Declared exogenous events (inputs, not fitted)", html: events },
    {
      id: "epochs",
      title: "Per epoch",
      html: `<table>\n<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
    },
  ];
  const html = renderPage(
    {
      kicker: "Backtest report",
      title,
      description: "The model run from the actual state at the start, driven by the actual daily prices, compared epoch by epoch with the actual difficulty.",
      facts,
      files: [
        { name: "backtest.csv", description: "per-epoch actual difficulty and simulated quantiles" },
        { name: BACKTEST_FILE, description: "summary, inputs, exact replay and rows" },
        { name: "backtest.svg", description: "the chart alone" },
      ],
    },
    sections,
    { generator: GENERATOR, note: "The chart is SVG written when the report was; the page runs no script and loads nothing from the network." },
  );
  return { html, charts: [] };
}

function yearTable(years: BacktestDocument["summaryByYear"] & object): string {
  const head = ["Year", "Epochs", "MAPE of the median", "50 % band covers", "90 % band covers", "Mean bias"];
  const body = years
    .map(({ year, summary: s }) => {
      const cells = [String(year), String(s.epochsCompared), pct(s.mapeMedian), pct(s.coverage50), pct(s.coverage90), pct(s.meanBias)];
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  return `<table>\n<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
