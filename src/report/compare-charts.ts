/**
 * Comparison charts: per pair of runs (A the baseline, B another run), the paired mean
 * difference A − B of each scalar metric with its 95 % interval (Student's t on the paired
 * differences: results/compare-table.ts), one chart per unit so that every axis has one
 * unit. Dates (unix s) are compared in days, ratios ("1 (…)") in percentage points, USD in
 * USD million.
 */
import type { CompareRow } from "../results/index.js";
import { FULL_WIDTH, vegaLite, type Chart } from "./chart.js";
import { shortUnit } from "./units.js";

/** How a file unit is drawn: axis unit and factor. */
export function differenceUnit(unit: string): { axisUnit: string; scale: number } {
  const u = shortUnit(unit);
  if (u === "unix s") return { axisUnit: "days", scale: 1 / 86_400 };
  if (u === "1") return { axisUnit: "percentage points", scale: 100 };
  if (u === "USD") return { axisUnit: "USD million", scale: 1e-6 };
  return { axisUnit: u, scale: 1 };
}

/** One metric's difference, in the axis unit. */
export interface DifferenceRow {
  readonly label: string;
  readonly diff: number;
  readonly lo: number;
  readonly hi: number;
  /** P(A > B) over the pairs. */
  readonly pAGreater: number;
  readonly pairs: number;
}

/** A chart's worth of differences: one pair of runs, one axis unit. */
export interface DifferenceGroup {
  readonly a: string;
  readonly b: string;
  readonly axisUnit: string;
  readonly rows: readonly DifferenceRow[];
}

/**
 * Groups a comparison's rows by pair (in file order) and axis unit (in order of first
 * appearance); metrics without a difference (no pairs) are left out. The interval is
 * scaled with the difference; each row's lo ≤ diff ≤ hi.
 */
export function differenceGroups(rows: readonly CompareRow[]): DifferenceGroup[] {
  const groups = new Map<string, { a: string; b: string; axisUnit: string; rows: DifferenceRow[] }>();
  for (const r of rows) {
    if (!Number.isFinite(r.meanDiff)) continue;
    const { axisUnit, scale } = differenceUnit(r.unit);
    const key = `${r.a}\u0000${r.b}\u0000${axisUnit}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { a: r.a, b: r.b, axisUnit, rows: [] };
      groups.set(key, g);
    }
    const lo = Number.isFinite(r.ciLow) ? r.ciLow * scale : r.meanDiff * scale;
    const hi = Number.isFinite(r.ciHigh) ? r.ciHigh * scale : r.meanDiff * scale;
    g.rows.push({ label: `${r.entity}.${r.metric}`, diff: r.meanDiff * scale, lo: Math.min(lo, hi), hi: Math.max(lo, hi), pAGreater: r.pAGreater, pairs: r.pairs });
  }
  return [...groups.values()];
}

/** The short name of a run folder: its last path segment. */
export function runName(dir: string): string {
  const parts = dir.split(/[/\\]/).filter((p) => p !== "");
  return parts[parts.length - 1] ?? dir;
}

/** The comparison charts, one per (pair, unit). */
export function compareCharts(rows: readonly CompareRow[]): Chart[] {
  const groups = differenceGroups(rows);
  const pairs = [...new Set(groups.map((g) => `${g.a}\u0000${g.b}`))];
  return groups.map((g) => {
    const pairIndex = pairs.indexOf(`${g.a}\u0000${g.b}`) + 1;
    const slug = g.axisUnit.replace(/%/g, "percent").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "unitless";
    const labels = g.rows.map((r) => `${r.label} · P(A>B) ${Math.round(100 * r.pAGreater)} %`);
    return {
      id: `compare-${pairIndex}-${slug}`,
      title: `${runName(g.a)} − ${runName(g.b)}: paired differences (${g.axisUnit})`,
      caption:
        `A = ${g.a}, B = ${g.b}. Dot: mean of the paired difference A − B over the paths where both values exist; bar: its 95 % interval (Student's t); ` +
        `P(A>B): share of those paths where A's value is larger. The dashed rule is no difference.`,
      wide: true,
      spec: vegaLite({
        width: FULL_WIDTH - 420,
        height: Math.max(40, 22 * g.rows.length),
        data: { values: g.rows.map((r, i) => ({ ...r, label: labels[i] })) },
        layer: [
          { mark: { type: "rule", color: "#999", strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: "quantitative" } } },
          {
            mark: { type: "rule", strokeWidth: 2, color: "#6baed6" },
            encoding: { y: { field: "label", type: "nominal", sort: labels, title: null, axis: { labelLimit: 420 } }, x: { field: "lo", type: "quantitative", title: `A − B (${g.axisUnit})` }, x2: { field: "hi" } },
          },
          {
            mark: { type: "point", filled: true, size: 50, color: "#08519c", opacity: 1 },
            encoding: { y: { field: "label", type: "nominal", sort: labels, title: null }, x: { field: "diff", type: "quantitative", title: `A − B (${g.axisUnit})` } },
          },
        ],
      }),
    };
  });
}
