/**
 * Renders a chart to SVG in Node: Vega-Lite compiles the spec to Vega, a headless Vega View
 * (renderer "none") lays out the scene and serializes it. The page then carries finished
 * SVG and no script: it opens offline, prints, and `--svg` export is the same markup.
 *
 * Text is measured with a fixed width table (text-metrics.ts), not the machine's fonts.
 *
 * Determinism: Vega numbers the clip paths and gradients it defines from process-wide
 * counters; every id in the markup is renamed to `<chart id>-<n>` in order of first
 * appearance, so identical inputs give identical bytes whatever was rendered before, and ids
 * stay unique when several charts share one page.
 */
import * as vega from "vega";
import { compile } from "vega-lite";
import type { Chart } from "./chart.js";
import { ReportError } from "./errors.js";
import { vegaTextWidth } from "./text-metrics.js";

/** A rendered chart. */
export interface RenderedChart extends Chart {
  /** Standalone SVG markup (`<svg xmlns=…>…</svg>`). */
  readonly svg: string;
  /** Warnings from Vega-Lite or Vega while compiling and rendering (empty when all is well). */
  readonly warnings: readonly string[];
}

/** Renames every `id="…"` of an SVG (and its `url(#…)` / `href="#…"` references) to `<prefix>-<n>`. */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  const rename = (id: string): string => ids.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => a + rename(id) + b)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/(href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`);
}

function collector(warnings: string[]) {
  const push = (level: string) => (...args: readonly unknown[]) => {
    warnings.push(`${level}: ${args.map(String).join(" ")}`);
  };
  // Vega's and Vega-Lite's logger interface: level() plus error/warn/info/debug.
  const logger = {
    level(): number {
      return vega.Warn;
    },
    error: push("error"),
    warn: push("warning"),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Compiles and renders one chart to SVG. Vega-Lite and Vega warnings are collected on the
 * result (a chart with an empty or infinite extent warns); a Vega error throws a
 * {@link ReportError}.
 */
export async function renderChart(chart: Chart): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = collector(warnings);
  let view: vega.View | undefined;
  // vega-scenegraph's text measurer (exported, not in vega's typings): replaced while this
  // chart renders by the fixed-table estimator (text-metrics.ts), restored after.
  const metrics = (vega as unknown as { textMetrics: { width: (item: unknown, text: unknown) => number } }).textMetrics;
  const savedWidth = metrics.width;
  metrics.width = vegaTextWidth as (item: unknown, text: unknown) => number;
  try {
    const compiled = compile(chart.spec, { logger: logger as never }).spec;
    view = new vega.View(vega.parse(compiled), { renderer: "none", logger: logger as never, logLevel: vega.Warn });
    const svg = prefixSvgIds(await view.toSVG(), chart.id);
    return { ...chart, svg, warnings };
  } catch (err) {
    throw new ReportError(`chart ${chart.id}: ${err instanceof Error ? err.message : String(err)}`, false);
  } finally {
    view?.finalize();
    metrics.width = savedWidth;
  }
}

/** Renders charts one after the other (Vega's id counters are process-wide). */
export async function renderCharts(charts: readonly Chart[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const c of charts) out.push(await renderChart(c));
  return out;
}
