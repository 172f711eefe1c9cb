/**
 * Tables of the report: key scalar outcomes (median, 90 % interval, mean, paths with a
 * value) and named-event probabilities. Values are the run's, formatted without locale.
 */
import { isoDay } from "./chart.js";
import { formatInt, formatPercent, formatValue } from "./format.js";
import { escapeHtml } from "./html.js";
import type { CellStats, EventStat, ScalarField } from "./report-data.js";
import { shortUnit } from "./units.js";

/** A unit that holds a date in unix seconds ("unix s (NaN if …)"). */
export function isDateUnit(unit: string): boolean {
  return shortUnit(unit) === "unix s";
}

function cell(x: number, date: boolean): string {
  if (!Number.isFinite(x)) return "–";
  return date ? isoDay(x) : formatValue(x);
}

/** One row: "median", "p5 – p95", "mean", "paths with a value". */
function statCells(s: CellStats, date: boolean): string[] {
  return [
    cell(s.p50, date),
    Number.isFinite(s.p05) ? `${cell(s.p05, date)} – ${cell(s.p95, date)}` : "–",
    cell(s.mean, date),
    formatInt(s.count),
  ];
}

/** A table of scalar fields: label, unit, median, 90 % interval, mean, paths with a value. */
export function scalarTable(caption: string, fields: readonly ScalarField[], label: (f: ScalarField) => string): string {
  if (fields.length === 0) return "";
  const head = ["Outcome", "Unit", "Median", "90 % interval (p5 – p95)", "Mean", "Paths with a value"];
  const rows = fields.map((f) => {
    const date = isDateUnit(f.unit);
    const unit = date ? "date (UTC)" : f.unit;
    return [escapeHtml(label(f)), escapeHtml(unit), ...statCells(f.stats, date).map(escapeHtml)];
  });
  return table(caption, head, rows, [false, false, true, true, true, true]);
}

/** A table of named events: name, probability, paths. */
export function eventTable(caption: string, events: readonly EventStat[]): string {
  if (events.length === 0) return "";
  const rows = events.map((e) => [escapeHtml(e.name), escapeHtml(formatPercent(e.probability)), escapeHtml(formatInt(e.count))]);
  return table(caption, ["Event", "Probability (share of paths)", "Paths"], rows, [false, true, true]);
}

/** An HTML table from escaped cells; `numeric[i]` right-aligns column i. */
export function table(caption: string, head: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly boolean[]): string {
  const cls = (i: number) => (numeric[i] === true ? ` class="num"` : "");
  return [
    `<table>`,
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`),
    `</tbody>`,
    `</table>`,
  ].join("\n");
}
