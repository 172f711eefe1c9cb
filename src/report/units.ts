/**
 * Units on axes. The result files write units in full ("T (1e12, Core GetDifficulty)",
 * "1 (EBITDA / revenue over the interval)"); an axis shows the part before the
 * parenthesis, and the chart's caption keeps the full text.
 */

/** The unit without its explanation: "T (1e12, …)" → "T"; "" stays "". */
export function shortUnit(unit: string): string {
  const i = unit.indexOf(" (");
  return (i >= 0 ? unit.slice(0, i) : unit).trim();
}

/** An axis title with its unit: "Network hashrate (EH/s)". */
export function axisTitle(label: string, unit: string): string {
  return `${label} (${unit})`;
}

/** Matches an axis title that ends with a non-empty unit in parentheses. */
export const AXIS_TITLE_WITH_UNIT = /\([^()]+\)$/;

/**
 * How a value of `unit` is drawn: a ratio ("1 (…)") in % (×100), anything else in its
 * short unit (×1).
 */
export function displayUnit(unit: string): { readonly axisUnit: string; readonly scale: number } {
  const u = shortUnit(unit);
  return u === "1" ? { axisUnit: "%", scale: 100 } : { axisUnit: u, scale: 1 };
}
