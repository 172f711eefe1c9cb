/**
 * Box plots drawn from quantiles: whiskers p05–p95, box p25–p75, a tick at the median.
 * The result files hold quantiles across paths, not per-path values, so the box is exactly
 * those quantiles (whiskers are the 5th and 95th percentiles, not Tukey's 1.5 IQR, and no
 * outliers are drawn).
 */
import { COLORS } from "./chart.js";
import { checkQuantileOrder, quantilesFinite } from "./quantile-order.js";
import type { Quantiles } from "./report-data.js";

/** One box: a category (and optional group within it) with five quantiles. */
export interface BoxRow extends Quantiles {
  readonly category: string;
  /** Group within the category (e.g. a snapshot date); "" when boxes are not grouped. */
  readonly group: string;
}

/**
 * A box row from quantiles scaled by `scale` (e.g. 100 for a ratio shown in %, 1e-6 for
 * USD million); null when a quantile is missing; throws when they are out of order.
 */
export function boxRow(category: string, group: string, q: Quantiles, scale: number, where: string): BoxRow | null {
  if (!quantilesFinite(q)) return null;
  checkQuantileOrder(q, where);
  // scale > 0 keeps the order.
  return { category, group, p05: q.p05 * scale, p25: q.p25 * scale, p50: q.p50 * scale, p75: q.p75 * scale, p95: q.p95 * scale };
}

/** Encodings of a box layer along `value` ("x" or "y") against a category axis. */
export interface BoxAxes {
  /** The quantitative channel: "x" (horizontal boxes) or "y" (vertical). */
  readonly value: "x" | "y";
  /** The value channel's encoding fields other than `field` (type, title, scale, axis…). */
  readonly valueEncoding: Record<string, unknown>;
  /** The category channel's encoding. */
  readonly category: Record<string, unknown>;
  /** Extra encodings shared by all layers (xOffset, color…). */
  readonly extra?: Record<string, unknown>;
  /** Box thickness in px. */
  readonly size: number;
  /** Fill of the box when no color encoding is given. */
  readonly fill?: string;
}

/** The three layers (whisker rule, box bar, median tick) of a quantile box plot. */
export function boxLayers(axes: BoxAxes): Record<string, unknown>[] {
  const v = axes.value;
  const v2 = v === "x" ? "x2" : "y2";
  const cat = v === "x" ? "y" : "x";
  const base = { [cat]: axes.category, ...(axes.extra ?? {}) };
  const val = (field: string) => ({ field, ...axes.valueEncoding });
  const tooltip = [
    { field: "category", title: "category" },
    { field: "p05", format: ",.4~g" },
    { field: "p25", format: ",.4~g" },
    { field: "p50", format: ",.4~g" },
    { field: "p75", format: ",.4~g" },
    { field: "p95", format: ",.4~g" },
  ];
  const fill = axes.fill ?? COLORS.box;
  return [
    { mark: { type: "rule", color: COLORS.boxStroke, strokeWidth: 1.2 }, encoding: { ...base, [v]: val("p05"), [v2]: { field: "p95" } } },
    {
      mark: { type: "bar", size: axes.size, stroke: COLORS.boxStroke, strokeWidth: 1, ...(axes.extra?.["color"] === undefined ? { color: fill } : {}) },
      encoding: { ...base, [v]: val("p25"), [v2]: { field: "p75" }, tooltip },
    },
    { mark: { type: "tick", color: "#111", thickness: 2, size: axes.size }, encoding: { ...base, [v]: val("p50") } },
  ];
}
