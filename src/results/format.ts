/**
 * Text formatting of result files: numbers, dates and CSV fields. Every rule here is part
 * of the file formats (README "Result files"): the same values always give the same bytes,
 * on every platform, because each step is defined by ECMAScript (Number.prototype.toPrecision
 * and Number::toString), not by a locale or a C library.
 */

/** Significant digits of numbers in the CSV files. */
export const CSV_SIGNIFICANT_DIGITS = 10;

/**
 * A number as CSV text: NaN (no value: "not defined", "never happened", no path with a
 * value) is the empty field; otherwise the value rounded to {@link CSV_SIGNIFICANT_DIGITS}
 * significant digits (toPrecision: the decimal nearest to the exact binary value, ties
 * away from zero), written as the shortest decimal that reads back as that rounded value
 * (Number::toString: plain notation from 1e-6 up to 1e21, exponent form `1.5e-7`,
 * `2e+21` outside). −0 is written `0`; ±Infinity (never in a result: the machinery
 * refuses it) as `inf` / `-inf`. Integers below 1e10 (counts, unix dates) are exact. The
 * few values within 5e-10 of the largest double, whose rounding would overflow, are
 * written in full (shortest round-trip form).
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return "0";
  const rounded = Number(x.toPrecision(CSV_SIGNIFICANT_DIGITS));
  return String(Number.isFinite(rounded) ? rounded : x);
}

/** Parses a CSV number written by {@link formatNumber} ("" → NaN). Throws on anything else. */
export function parseNumber(text: string): number {
  if (text === "") return NaN;
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  const x = Number(text);
  if (Number.isNaN(x) || text.trim() !== text) throw new SyntaxError(`not a number: ${JSON.stringify(text)}`);
  return x;
}

const DAY = 86400;

/** Whether every time of `grid` (unix seconds) is a 00:00 UTC. */
export function allMidnights(grid: ArrayLike<number>): boolean {
  for (let g = 0; g < grid.length; g++) if (grid[g]! % DAY !== 0) return false;
  return true;
}

/**
 * Date labels of a calendar grid (unix seconds): ISO `yyyy-mm-dd` when every grid time
 * is 00:00 UTC (the model's grids are), else full ISO times `yyyy-mm-ddThh:mm:ssZ` (so
 * labels stay distinct).
 */
export function gridLabels(grid: ArrayLike<number>): string[] {
  const dateOnly = allMidnights(grid);
  const out: string[] = [];
  for (let g = 0; g < grid.length; g++) {
    const iso = new Date(grid[g]! * 1000).toISOString();
    out.push(dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`);
  }
  return out;
}

/** A CSV field (RFC 4180): quoted when it contains a comma, a double quote, CR or LF; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of fields, ending with "\n" (LF line ends, as every result file). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}

/**
 * Parses CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks;
 * LF or CRLF line ends; a final line end is optional) into rows of fields.
 * Throws a SyntaxError naming the line of an unterminated quote (where it opened) or a
 * stray quote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new SyntaxError(`CSV line ${line}: unexpected ${JSON.stringify(next)} after a closing quote`);
        }
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted) throw new SyntaxError(`CSV line ${line}: a quote inside an unquoted field`);
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new SyntaxError(`CSV line ${quoteLine}: unterminated quoted field`);
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * JSON text of result data: 2-space indented, keys in the order written, numbers in
 * JavaScript's shortest round-trip form (exact), NaN written as null; ends with "\n".
 */
export function resultJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? (Number.isNaN(v) ? null : String(v)) : v), 2)}\n`;
}
