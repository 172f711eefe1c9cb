/**
 * Reading rendered SVG in the report's tests: the data marks Vega drew (children of its
 * `role-mark` groups) and the axis titles.
 */

/** Mark elements with geometry inside Vega's data-mark groups (`<g class="mark-… role-mark …">`). */
export function countMarks(svg: string): number {
  let n = 0;
  for (const group of svg.matchAll(/<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)) {
    const body = group[1]!;
    n += [...body.matchAll(/<path\b[^>]*\sd="([^"]+)"/g)].length; // areas, lines, rects, symbols
    n += [...body.matchAll(/<line\b/g)].length; // rules
    n += [...body.matchAll(/<text\b[^>]*>[^<]+<\/text>/g)].length; // text marks with text
  }
  return n;
}

/** The texts of the axis titles of an SVG. */
export function axisTitles(svg: string): string[] {
  return [...svg.matchAll(/role-axis-title"[^>]*><text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}
