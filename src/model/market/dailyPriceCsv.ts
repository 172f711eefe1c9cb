/**
 * A small, strict parser of daily price CSV text (`date,btc_usd`), and the two things the
 * price models need from it: daily log returns (bootstrap) and a fixed path from a start
 * date (backtests). Pure functions on text: reading the file is the caller's job
 * (src/model does no I/O), and the caller passes the file name for error messages.
 *
 * Accepted format: a header line `date,btc_usd` (case-insensitive, surrounding spaces
 * ignored), then one row per day `YYYY-MM-DD,<positive decimal number>`, dates strictly
 * ascending. An optional UTF-8 byte-order mark, CRLF line ends and trailing empty lines
 * are accepted; quoting, extra columns, empty lines between rows, non-numeric or
 * non-positive prices are errors that name the file and the line (and the column, for a
 * bad date or price).
 */
import { epochDayFromIso, isoFromEpochDay, tryEpochDayFromIso } from "./isoDate.js";

/** A parsed daily series. Rows are in file order (strictly ascending dates). */
export interface DailyPriceSeries {
  /** File name (or other label) used in error messages. */
  readonly source: string;
  /** Days since 1970-01-01 of each row. */
  readonly epochDays: Int32Array;
  /** Price of each row, USD. */
  readonly prices: Float64Array;
  /** 1-based line number of each row in the text. */
  readonly lines: Int32Array;
}

/** A parse or content error, with the source and 1-based line (0 when not about a line). */
export class DailyPriceCsvError extends Error {
  readonly source: string;
  readonly line: number;
  constructor(source: string, line: number, message: string) {
    super(line > 0 ? `${source}:${line}: ${message}` : `${source}: ${message}`);
    this.name = "DailyPriceCsvError";
    this.source = source;
    this.line = line;
  }
}

const NUMBER_RE = /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The columns, as messages name them (file:line: then the column). */
const DATE_COLUMN = "date (column 1)";
const PRICE_COLUMN = "btc_usd (column 2)";

/** Parses `date,btc_usd` CSV text; throws {@link DailyPriceCsvError} on the first problem. */
export function parseDailyPriceCsv(text: string, source: string): DailyPriceSeries {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rawLines = body.split("\n");
  let last = rawLines.length;
  while (last > 0 && rawLines[last - 1]!.replace(/\r$/, "").trim() === "") last--;
  if (last === 0) throw new DailyPriceCsvError(source, 0, "empty file: expected a header line \"date,btc_usd\"");
  const header = rawLines[0]!.replace(/\r$/, "");
  const headerFields = header.split(",").map((f) => f.trim().toLowerCase());
  if (headerFields.length !== 2 || headerFields[0] !== "date" || headerFields[1] !== "btc_usd") {
    throw new DailyPriceCsvError(source, 1, `expected the header "date,btc_usd", got "${header}"`);
  }
  const n = last - 1;
  if (n === 0) throw new DailyPriceCsvError(source, 0, "no data rows after the header");
  const epochDays = new Int32Array(n);
  const prices = new Float64Array(n);
  const lines = new Int32Array(n);
  let prevDay = -Infinity;
  let prevDate = "";
  for (let r = 0; r < n; r++) {
    const lineNo = r + 2;
    const line = rawLines[r + 1]!.replace(/\r$/, "");
    if (line.trim() === "") throw new DailyPriceCsvError(source, lineNo, "empty line between data rows");
    if (line.includes('"')) throw new DailyPriceCsvError(source, lineNo, "quoted fields are not supported");
    const fields = line.split(",");
    if (fields.length !== 2) {
      throw new DailyPriceCsvError(source, lineNo, `expected 2 fields (date,btc_usd), got ${fields.length}: "${line}"`);
    }
    const dateText = fields[0]!.trim();
    const priceText = fields[1]!.trim();
    const day = tryEpochDayFromIso(dateText);
    if (Number.isNaN(day)) throw new DailyPriceCsvError(source, lineNo, `${DATE_COLUMN} is not a valid date YYYY-MM-DD: "${dateText}"`);
    if (!(day > prevDay)) {
      throw new DailyPriceCsvError(
        source,
        lineNo,
        `dates must be strictly ascending: ${dateText} comes after ${prevDate}`,
      );
    }
    // A signed number ("-5", "-0.1") is a number, just not a price: say what a price must be.
    if (!NUMBER_RE.test(priceText)) {
      const signed = priceText.startsWith("-") && NUMBER_RE.test(priceText.slice(1));
      throw new DailyPriceCsvError(source, lineNo, signed ? `${PRICE_COLUMN} must be a positive number, got "${priceText}"` : `${PRICE_COLUMN} is not a number: "${priceText}"`);
    }
    const price = Number(priceText);
    if (!(price > 0)) throw new DailyPriceCsvError(source, lineNo, `${PRICE_COLUMN} must be a positive number, got "${priceText}"`);
    if (!Number.isFinite(price)) throw new DailyPriceCsvError(source, lineNo, `${PRICE_COLUMN} must be a finite positive number, got "${priceText}"`);
    epochDays[r] = day;
    prices[r] = price;
    lines[r] = lineNo;
    prevDay = day;
    prevDate = dateText;
  }
  return { source, epochDays, prices, lines };
}

/** Row index of the first row on or after `epochDay`, or the row count. */
function lowerBound(series: DailyPriceSeries, epochDay: number): number {
  let lo = 0;
  let hi = series.epochDays.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (series.epochDays[mid]! < epochDay) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Price of the row for `epochDay` (days since 1970-01-01), NaN if the series has none. */
export function priceOnDay(series: DailyPriceSeries, epochDay: number): number {
  const i = lowerBound(series, epochDay);
  return i < series.epochDays.length && series.epochDays[i] === epochDay ? series.prices[i]! : NaN;
}

/**
 * Daily log returns ln(P[d+1]/P[d]) of the rows with dates in [fromIso, toIso]
 * (inclusive; defaults: the whole series). The rows must be consecutive calendar days:
 * a gap throws, naming both lines. Needs at least two rows in range.
 */
export function dailyLogReturns(series: DailyPriceSeries, fromIso?: string, toIso?: string): Float64Array {
  const n = series.epochDays.length;
  const i0 = fromIso === undefined ? 0 : lowerBound(series, epochDayFromIso(fromIso));
  const i1 = toIso === undefined ? n : lowerBound(series, epochDayFromIso(toIso) + 1);
  if (i1 - i0 < 2) {
    throw new DailyPriceCsvError(series.source, 0, `need at least 2 rows between ${fromIso ?? "start"} and ${toIso ?? "end"}, got ${Math.max(0, i1 - i0)}`);
  }
  const out = new Float64Array(i1 - i0 - 1);
  for (let i = i0; i < i1 - 1; i++) {
    if (series.epochDays[i + 1]! !== series.epochDays[i]! + 1) {
      throw new DailyPriceCsvError(
        series.source,
        series.lines[i + 1]!,
        `gap in daily data: ${isoFromEpochDay(series.epochDays[i]!)} (line ${series.lines[i]!}) is followed by ${isoFromEpochDay(series.epochDays[i + 1]!)}`,
      );
    }
    out[i - i0] = Math.log(series.prices[i + 1]! / series.prices[i]!);
  }
  return out;
}

/**
 * The fixed price path for a backtest: prices for day 0 (= startIso) to day horizonDays
 * inclusive. Throws if the start date is not in the data, if a day is missing, or if the
 * horizon runs past the data (naming the last date available).
 */
export function fixedPricePath(series: DailyPriceSeries, startIso: string, horizonDays: number): Float64Array {
  if (!(Number.isInteger(horizonDays) && horizonDays >= 0)) {
    throw new RangeError(`horizonDays must be an integer >= 0, got ${horizonDays}`);
  }
  const start = epochDayFromIso(startIso);
  const i0 = lowerBound(series, start);
  const n = series.epochDays.length;
  if (i0 >= n || series.epochDays[i0] !== start) {
    throw new DailyPriceCsvError(series.source, 0, `no row for the start date ${startIso}`);
  }
  const lastDay = series.epochDays[n - 1]!;
  if (start + horizonDays > lastDay) {
    throw new DailyPriceCsvError(
      series.source,
      0,
      `the horizon runs past the data: ${startIso} + ${horizonDays} days is ${isoFromEpochDay(start + horizonDays)}, but the last row is ${isoFromEpochDay(lastDay)}`,
    );
  }
  const out = new Float64Array(horizonDays + 1);
  for (let d = 0; d <= horizonDays; d++) {
    const i = i0 + d;
    if (series.epochDays[i] !== start + d) {
      throw new DailyPriceCsvError(
        series.source,
        series.lines[i] ?? 0,
        `gap in daily data: no row for ${isoFromEpochDay(start + d)}`,
      );
    }
    out[d] = series.prices[i]!;
  }
  return out;
}
