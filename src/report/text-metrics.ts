/**
 * Text widths for laying out charts in Node, where Vega has no canvas to measure text.
 *
 * Vega's fallback guesses 0.8 em per character, about a third wider than real text, which
 * pushes axis titles away and shrinks every chart on the page; with the `canvas` package
 * installed it would measure with whatever fonts the machine has, and the SVG would differ
 * between machines. This estimator uses a fixed advance-width table instead, so the layout
 * is the same everywhere and close to what a browser draws.
 *
 * Table: advance widths of DejaVu Sans (Book and Bold), the first family of the charts'
 * font list (chart.ts FONT) and Debian's default sans-serif, in units of 1/100 em, for the
 * printable ASCII characters 32…126, measured with CanvasRenderingContext2D.measureText at
 * 100 px in Debian's Chromium 156 (fonts-dejavu-core 2.37). DejaVu Sans is wider than
 * Liberation Sans, Helvetica and Arial, the fallbacks, so text never overflows its room.
 * Characters outside the table: a few measured the same way, else 0.636 em (a digit), and
 * 1 em from the CJK blocks on.
 */

/* prettier-ignore */
const BOOK: readonly number[] = [
  31.8, 40.1, 46, 83.8, 63.6, 95, 78, 27.5, 39, 39, 50, 83.8, 31.8, 36.1, 31.8, 33.7, 63.6, 63.6, 63.6, 63.6, 63.6, 63.6, 63.6, 63.6,
  63.6, 63.6, 33.7, 33.7, 83.8, 83.8, 83.8, 53.1, 100, 68.4, 68.6, 69.8, 77, 63.2, 57.5, 77.5, 75.2, 29.5, 29.5, 65.6, 55.7, 86.3,
  74.8, 78.7, 60.3, 78.7, 69.5, 63.5, 61.1, 73.2, 68.4, 98.9, 68.5, 61.1, 68.5, 39, 33.7, 39, 83.8, 50, 50, 61.3, 63.5, 55, 63.5,
  61.5, 35.2, 63.5, 63.4, 27.8, 27.8, 57.9, 27.8, 97.4, 63.4, 61.2, 63.5, 63.5, 41.1, 52.1, 39.2, 63.4, 59.2, 81.8, 59.2, 59.2,
  52.5, 63.6, 33.7, 63.6, 83.8,
];
/* prettier-ignore */
const BOLD: readonly number[] = [
  34.8, 45.6, 52.1, 83.8, 69.6, 100.2, 87.2, 30.6, 45.7, 45.7, 52.3, 83.8, 38, 41.5, 38, 36.5, 69.6, 69.6, 69.6, 69.6, 69.6, 69.6,
  69.6, 69.6, 69.6, 69.6, 40, 40, 83.8, 83.8, 83.8, 58, 100, 77.4, 76.2, 73.4, 83, 68.3, 68.3, 82.1, 83.7, 37.2, 37.2, 77.5, 63.7,
  99.5, 83.7, 85, 73.3, 85, 77, 72, 68.2, 81.2, 77.4, 110.3, 77.1, 72.4, 72.5, 45.7, 36.5, 45.7, 83.8, 50, 50, 67.5, 71.6, 59.3,
  71.6, 67.8, 43.5, 71.6, 71.2, 34.3, 34.3, 66.5, 34.3, 104.2, 71.2, 68.7, 71.6, 71.6, 49.3, 59.5, 47.8, 71.2, 65.2, 92.4, 64.5,
  65.2, 58.2, 71.2, 36.5, 71.2, 83.8,
];
/** Non-ASCII characters the report writes, measured the same way: [book, bold]. */
const EXTRA: ReadonlyMap<string, readonly [number, number]> = new Map([
  ["–", [50, 50]],
  ["—", [100, 100]],
  ["·", [31.8, 38]],
  ["×", [83.8, 83.8]],
  ["≥", [83.8, 83.8]],
  ["≤", [83.8, 83.8]],
  ["−", [83.8, 83.8]],
  ["…", [100, 100]],
  ["°", [50, 50]],
  ["µ", [63.6, 73.6]],
  ["’", [31.8, 38]],
  ["“", [51.8, 65.7]],
  ["”", [51.8, 65.7]],
  ["€", [63.6, 69.6]],
]);

/** Width of `text` in px at `fontSize` px; bold when `bold`. */
export function textWidth(text: string, fontSize: number, bold: boolean): number {
  const table = bold ? BOLD : BOOK;
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 32 && c < 127) em += table[c - 32]!;
    else {
      const extra = EXTRA.get(ch);
      em += extra !== undefined ? extra[bold ? 1 : 0] : c >= 0x2e80 ? 100 : 63.6;
    }
  }
  return (em * fontSize) / 100;
}

/** The subset of a Vega text item this estimator reads. */
interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly limit?: number | null;
}

function isBold(weight: TextItem["fontWeight"]): boolean {
  if (weight === null || weight === undefined) return false;
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
}

/**
 * A drop-in for Vega's `textMetrics.width(item, text)`: the width of one line of a text
 * item in px (Vega's default size 11 px), capped at the item's `limit` when set (Vega
 * truncates such text with an ellipsis).
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize !== null && item.fontSize !== undefined ? Number(item.fontSize) || 0 : 11;
  const s = text === null || text === undefined ? "" : String(text).trim();
  const w = size <= 0 ? 0 : textWidth(s, size, isBold(item.fontWeight));
  const limit = Number(item.limit ?? 0);
  return limit > 0 && w > limit ? limit : w;
}
