/**
 * A chart of the report: a Vega-Lite spec with its title and caption, and the shared look
 * (fonts, colours, the UTC time axis) every chart uses.
 *
 * Fonts: the SVG names installed families only (no web fonts; the page works offline);
 * Vega measures no text in Node (no canvas), it estimates widths, so labels get room.
 */
import type { TopLevelSpec } from "vega-lite";

/** One chart of the report. */
export interface Chart {
  /** Stable id: the figure's HTML id and the file name of `--svg` export (`<id>.svg`). */
  readonly id: string;
  readonly title: string;
  /** What is drawn and how it was derived from the quantiles (plain text). */
  readonly caption: string;
  /** Full-width figure (wide charts) rather than half-width. */
  readonly wide: boolean;
  readonly spec: TopLevelSpec;
}

/** Installed font families only (Debian: DejaVu, Liberation); never a web font. */
export const FONT = "DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif";

/** Colours (ColorBrewer Blues for the bands; Tableau 10 for categories). */
export const COLORS = Object.freeze({
  band90: "#c6dbef",
  band50: "#6baed6",
  median: "#08519c",
  marker: "#636363",
  box: "#6baed6",
  boxStroke: "#08519c",
});

/** Width and height (px) of a half-width chart's plot area. */
export const HALF = Object.freeze({ width: 360, height: 210 });
/** Width (px) of a full-width chart's plot area. */
export const FULL_WIDTH = 880;

/** The config every chart uses. */
export const CONFIG = Object.freeze({
  font: FONT,
  background: "white",
  padding: 8,
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" as const, titleColor: "#333", labelColor: "#333", gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" as const },
  range: { category: { scheme: "tableau10" } },
});

/** The shared x encoding of time series: UTC dates from `t` (ms since 1970). */
export function timeX(field = "t"): Record<string, unknown> {
  return {
    field,
    type: "temporal",
    scale: { type: "utc" },
    axis: { title: "Date (UTC)", format: "%b %Y", labelAngle: 0, labelOverlap: true, tickCount: 6 },
  };
}

/** Unix seconds → ms since 1970, the unit Vega's temporal fields read. */
export function toMs(unixSeconds: number): number {
  return unixSeconds * 1000;
}

/** A unix date as YYYY-MM-DD (UTC). */
export function isoDay(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * A Vega-Lite spec built from plain objects. The helpers above return loose records, which
 * Vega-Lite's types do not accept without casts at every layer; the spec is checked where it
 * matters, by Vega-Lite's compiler at render time (every chart is rendered in the tests and
 * compiler warnings are collected and asserted empty).
 */
export function vegaLite(spec: Record<string, unknown>): TopLevelSpec {
  return { $schema: "https://vega.github.io/schema/vega-lite/v6.json", config: CONFIG, ...spec } as unknown as TopLevelSpec;
}
