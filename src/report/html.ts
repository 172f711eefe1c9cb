/**
 * The page shell: one self-contained HTML file with inline CSS and inline SVG charts, no
 * script, no external resource (fonts are the system's; links point only at the data files
 * beside the page). Readable on screen, printable (one chart never splits across pages).
 */
import type { RenderedChart } from "./render-svg.js";

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A link to a file beside the page (relative, each path segment URI-encoded). */
export function fileLink(name: string, label = name): string {
  const href = name.split("/").map(encodeURIComponent).join("/");
  return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}

/** A section of the page: charts in a two-column grid and/or raw HTML (tables, notes). */
export interface PageSection {
  readonly id: string;
  readonly title: string;
  /** Raw HTML shown under the title (already escaped). */
  readonly intro?: string;
  readonly charts?: readonly RenderedChart[];
  /** Raw HTML after the charts (already escaped). */
  readonly html?: string;
}

/** What a page shows above its sections. */
export interface PageHeader {
  /** Small line above the title ("Monte Carlo run report"). */
  readonly kicker: string;
  readonly title: string;
  readonly description: string;
  /** Label/value rows of the header's fact list (values already escaped HTML). */
  readonly facts: ReadonlyArray<readonly [label: string, valueHtml: string]>;
  /** Data files beside the page: link target (relative) and a one-line description. */
  readonly files: ReadonlyArray<{ readonly name: string; readonly description: string }>;
}

/** The generator line in the footer (no timestamp: the page must be reproducible). */
export interface PageFooter {
  /** "hashrate-exodus 0.1.0" (also the page's generator meta tag). */
  readonly generator: string;
  /** A sentence after it (plain text). */
  readonly note: string;
}

const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5c5c5c; --rule: #e2e2e2; --accent: #08519c; --paper: #f6f6f4; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 15px/1.5 system-ui, "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif; }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
header.page { background: white; border-bottom: 1px solid var(--rule); padding: 28px 0 20px; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .04em; text-transform: uppercase; }
h1 { margin: 4px 0 6px; font-size: 28px; line-height: 1.2; }
.description { margin: 0 0 14px; max-width: 70ch; color: #333; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; font-size: 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code { font: 13px/1.4 "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; }
h2.files-title { font-size: 13px; margin: 14px 0 4px; padding: 0; border: none; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; font-weight: 600; }
ul.files { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 2px 24px; font-size: 13.5px; }
ul.files a { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 13px; margin-right: 6px; }
ul.files span { color: var(--muted); }
a { color: var(--accent); }
nav.toc { padding: 10px 0; font-size: 14px; }
nav.toc a { margin-right: 14px; text-decoration: none; }
section { padding: 8px 0 18px; }
h2 { font-size: 20px; margin: 18px 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
.intro { margin: 6px 0 12px; color: #333; max-width: 80ch; font-size: 14px; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px; }
figure.chart { margin: 0; background: white; border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px 10px; break-inside: avoid; page-break-inside: avoid; }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart h3 { margin: 0 0 6px; font-size: 15px; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figure.chart figcaption { margin-top: 6px; color: var(--muted); font-size: 12.5px; line-height: 1.4; }
.legend { display: inline-flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: #333; margin: 0 0 10px; }
.swatch { display: inline-block; width: 22px; height: 10px; vertical-align: middle; margin-right: 5px; border-radius: 2px; }
.swatch.line { height: 0; border-top: 2.5px solid #08519c; border-radius: 0; }
.swatch.rule { height: 0; border-top: 1.5px dashed #636363; border-radius: 0; }
table { border-collapse: collapse; background: white; font-size: 13.5px; margin: 4px 0 14px; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: #fafafa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { color: var(--muted); font-size: 13px; max-width: 80ch; }
footer.page { color: var(--muted); font-size: 12.5px; padding: 14px 0 28px; border-top: 1px solid var(--rule); margin-top: 8px; }
@media (max-width: 900px) { .grid, ul.files { grid-template-columns: 1fr; } }
@media print {
  body { background: white; font-size: 11pt; }
  nav.toc { display: none; }
  header.page { border: none; padding-top: 0; }
  figure.chart { border: none; padding: 0; }
  .grid { gap: 10px; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
`.trim();

function figure(c: RenderedChart): string {
  return [
    `<figure class="chart${c.wide ? " wide" : ""}" id="chart-${escapeHtml(c.id)}" data-chart="${escapeHtml(c.id)}">`,
    `<h3>${escapeHtml(c.title)}</h3>`,
    c.svg,
    `<figcaption>${escapeHtml(c.caption)}</figcaption>`,
    `</figure>`,
  ].join("\n");
}

/** The whole page. Deterministic: the same arguments give the same bytes. */
export function renderPage(header: PageHeader, sections: readonly PageSection[], footer: PageFooter): string {
  const facts = header.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join("\n");
  const toc = sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join("\n");
  const body = sections
    .map((s) =>
      [
        `<section id="${escapeHtml(s.id)}">`,
        `<h2>${escapeHtml(s.title)}</h2>`,
        s.intro !== undefined ? `<div class="intro">${s.intro}</div>` : "",
        s.charts !== undefined && s.charts.length > 0 ? `<div class="grid">\n${s.charts.map(figure).join("\n")}\n</div>` : "",
        s.html ?? "",
        `</section>`,
      ]
        .filter((l) => l !== "")
        .join("\n"),
    )
    .join("\n");
  return [
    "<!doctype html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="${escapeHtml(footer.generator)}">`,
    `<title>${escapeHtml(header.title)} — ${escapeHtml(header.kicker)}</title>`,
    `<style>\n${CSS}\n</style>`,
    "</head>",
    "<body>",
    `<header class="page"><div class="wrap">`,
    `<p class="kicker">${escapeHtml(header.kicker)}</p>`,
    `<h1>${escapeHtml(header.title)}</h1>`,
    header.description !== "" ? `<p class="description">${escapeHtml(header.description)}</p>` : "",
    `<dl class="facts">\n${facts}\n</dl>`,
    header.files.length > 0
      ? `<h2 class="files-title">Data files</h2>\n<ul class="files">\n${header.files.map((f) => `<li>${fileLink(f.name)} <span>${escapeHtml(f.description)}</span></li>`).join("\n")}\n</ul>`
      : "",
    `</div></header>`,
    `<nav class="toc wrap">\n${toc}\n</nav>`,
    `<main class="wrap">`,
    body,
    `</main>`,
    `<footer class="page wrap">${escapeHtml(footer.generator)}. ${escapeHtml(footer.note)}</footer>`,
    "</body>",
    "</html>",
    "",
  ]
    .filter((l) => l !== "")
    .join("\n");
}
