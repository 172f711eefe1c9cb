/**
 * Paired comparison of two runs that share seed, paths and grid: per scalar metric, the
 * difference A − B on the same path (common random numbers make the paths comparable:
 * DESIGN.md §4), its mean with a 95% interval, and P(A > B).
 *
 * For a metric, the pairs are the paths where both values are defined (not NaN); n pairs,
 * d_i = a_i − b_i:
 * - meanDiff = Σ d_i / n (compensated sum, path order), meanA, meanB likewise over the pairs;
 * - sdDiff = √(Σ (d_i − meanDiff)² / (n − 1));
 * - 95% interval: meanDiff ± t(0.975, n − 1) · sdDiff / √n (Student's t; NaN when n < 2).
 *   It is the interval of the expected difference under the scenario's randomness, given
 *   the paths are independent draws;
 * - pAGreater = #{a_i > b_i} / n, pEqual = #{a_i = b_i} / n (ties are common: a discrete
 *   count, a never-reached threshold);
 * - unpaired = paths where exactly one of a_i, b_i is NaN (say, a flip date reached in one
 *   run only); they are left out of the statistics and counted here.
 */
import { join } from "node:path";
import { fsum } from "../random/index.js";
import { parseCsvTable } from "./csv-table.js";
import { readResultText } from "./errors.js";
import { csvLine, formatNumber, parseNumber } from "./format.js";
import { studentTQuantile } from "./student-t.js";

/** Statistics of a paired difference. */
export interface PairedStats {
  readonly pairs: number;
  readonly unpaired: number;
  readonly meanA: number;
  readonly meanB: number;
  readonly meanDiff: number;
  readonly sdDiff: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly pAGreater: number;
  readonly pEqual: number;
}

/** Paired statistics of a and b: the values of path i of runs A and B at index i (same length). */
export function pairedStats(a: ArrayLike<number>, b: ArrayLike<number>): PairedStats {
  if (a.length !== b.length) throw new RangeError(`paired values of different lengths: ${a.length} and ${b.length}`);
  const xs: number[] = [];
  const ys: number[] = [];
  let unpaired = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const nx = Number.isNaN(x);
    const ny = Number.isNaN(y);
    if (nx || ny) {
      if (nx !== ny) unpaired++;
      continue;
    }
    xs.push(x);
    ys.push(y);
  }
  const n = xs.length;
  const d = xs.map((x, i) => x - ys[i]!);
  const meanDiff = n > 0 ? fsum(d) / n : NaN;
  const sdDiff = n > 1 ? Math.sqrt(fsum(d.map((v) => (v - meanDiff) * (v - meanDiff))) / (n - 1)) : NaN;
  const half = n > 1 ? (studentTQuantile(0.975, n - 1) * sdDiff) / Math.sqrt(n) : NaN;
  let greater = 0;
  let equal = 0;
  for (let i = 0; i < n; i++) {
    if (xs[i]! > ys[i]!) greater++;
    else if (xs[i] === ys[i]) equal++;
  }
  return {
    pairs: n,
    unpaired,
    meanA: n > 0 ? fsum(xs) / n : NaN,
    meanB: n > 0 ? fsum(ys) / n : NaN,
    meanDiff,
    sdDiff,
    ciLow: meanDiff - half,
    ciHigh: meanDiff + half,
    pAGreater: n > 0 ? greater / n : NaN,
    pEqual: n > 0 ? equal / n : NaN,
  };
}

/** One row of a comparison: run A (the baseline), run B, a metric, its paired statistics. */
export interface CompareRow extends PairedStats {
  readonly a: string;
  readonly b: string;
  readonly entity: string;
  readonly metric: string;
  readonly unit: string;
}

/** Columns of compare.csv. */
export const COMPARE_COLUMNS = [
  "a",
  "b",
  "entity",
  "metric",
  "unit",
  "pairs",
  "unpaired",
  "meanA",
  "meanB",
  "meanDiff",
  "sdDiff",
  "ciLow",
  "ciHigh",
  "pAGreater",
  "pEqual",
] as const;

/** compare.csv text (format.ts rules). */
export function compareCsv(rows: readonly CompareRow[]): string {
  const parts = [csvLine(COMPARE_COLUMNS)];
  for (const r of rows) {
    parts.push(
      csvLine([
        r.a,
        r.b,
        r.entity,
        r.metric,
        r.unit,
        ...[r.pairs, r.unpaired, r.meanA, r.meanB, r.meanDiff, r.sdDiff, r.ciLow, r.ciHigh, r.pAGreater, r.pEqual].map(formatNumber),
      ]),
    );
  }
  return parts.join("");
}

/** File name of a comparison in a folder (what `exodus report` reads). */
export const COMPARE_FILE = "compare.csv";

/**
 * Parses compare.csv text back into rows (numbers as written: {@link formatNumber}'s 10
 * significant digits). `where` names the file in errors (ResultError BAD_FORMAT: the CSV,
 * the header, a field count or a number, with its line).
 */
export function parseCompareCsv(text: string, where: string): CompareRow[] {
  return parseCsvTable(where, text, COMPARE_COLUMNS, (f) => {
    const n = f.slice(5).map(parseNumber);
    const [pairs, unpaired, meanA, meanB, meanDiff, sdDiff, ciLow, ciHigh, pAGreater, pEqual] = n as [number, number, number, number, number, number, number, number, number, number];
    return { a: f[0]!, b: f[1]!, entity: f[2]!, metric: f[3]!, unit: f[4]!, pairs, unpaired, meanA, meanB, meanDiff, sdDiff, ciLow, ciHigh, pAGreater, pEqual };
  });
}

/**
 * Reads `<dir>/compare.csv` ({@link parseCompareCsv}); a file that cannot be read is a
 * ResultError MISSING_FILE (absent) or BAD_FORMAT (any other read error).
 */
export async function readCompareCsv(dir: string): Promise<CompareRow[]> {
  const path = join(dir, COMPARE_FILE);
  return parseCompareCsv(await readResultText(path), path);
}

function short(x: number): string {
  if (Number.isNaN(x)) return "—";
  if (x === 0) return "0";
  const ax = Math.abs(x);
  return ax >= 1e6 || ax < 1e-3 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

/** A plain-text table of a comparison for a terminal (4 significant digits). */
export function compareTable(rows: readonly CompareRow[]): string {
  const header = ["metric", "pairs", "mean A", "mean B", "A − B", "95% interval", "P(A > B)"];
  const lines: string[][] = [];
  let pair = "";
  const out: string[] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)));
    const fmt = (l: readonly string[]): string => l.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  ");
    out.push(fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(fmt), "");
    lines.length = 0;
  };
  for (const r of rows) {
    const key = `A = ${r.a}\nB = ${r.b}`;
    if (key !== pair) {
      flush();
      out.push(key);
      pair = key;
    }
    lines.push([
      `${r.entity}.${r.metric} [${r.unit}]`,
      String(r.pairs),
      short(r.meanA),
      short(r.meanB),
      short(r.meanDiff),
      `[${short(r.ciLow)}, ${short(r.ciHigh)}]`,
      short(r.pAGreater),
    ]);
  }
  flush();
  return out.join("\n");
}
