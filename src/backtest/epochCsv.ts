/**
 * A strict parser of the difficulty-epochs CSV (the columns of
 * ../shared/data/btc_difficulty_epochs_2009_2022.csv, PROVENANCE.md "Columns of the epochs
 * file"): one row per 2016-block epoch. Pure function on text; the caller reads the file
 * and passes its name for error messages, which name the file and the 1-based line.
 *
 * Required columns (any order, other columns ignored): `epoch`, `start_height`,
 * `nbits_hex`, `difficulty`, `start_time`. Optional: `end_time` (timestamp of the epoch's
 * last block, needed for the exact replay) and `implied_hashrate_hs`. Empty cells of
 * start_time / end_time / implied_hashrate_hs mean "unknown" (NaN). Rows must be
 * consecutive epochs (epoch k+1 after k) with start_height = 2016·epoch.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL, difficultyFromBits } from "../consensus/index.js";
import { HS_PER_EH, impliedHashrateHs } from "../model/units.js";

/** Parsed epochs, one entry per row, in file order (consecutive epoch numbers). */
export interface DifficultyEpochs {
  /** File name (or label) used in messages. */
  readonly source: string;
  readonly epoch: Int32Array;
  readonly startHeight: Int32Array;
  /** nBits of the epoch (uint32). */
  readonly nbits: Uint32Array;
  /** Core GetDifficulty of the epoch, as given in the file. */
  readonly difficulty: Float64Array;
  /** Header time of block 2016k, unix s; NaN when unknown. */
  readonly startTime: Float64Array;
  /** Header time of block 2016k+2015, unix s; NaN when unknown. */
  readonly endTime: Float64Array;
  /** 2016·work/epoch duration, H/s (a derived estimate); NaN when unknown or absent. */
  readonly impliedHashrateHs: Float64Array;
  /** 1-based line of each row. */
  readonly lines: Int32Array;
}

/** A parse or content error naming the file and the 1-based line (0: not about one line). */
export class BacktestCsvError extends Error {
  readonly source: string;
  readonly line: number;
  constructor(source: string, line: number, message: string) {
    super(line > 0 ? `${source}:${line}: ${message}` : `${source}: ${message}`);
    this.name = "BacktestCsvError";
    this.source = source;
    this.line = line;
  }
}

const REQUIRED = ["epoch", "start_height", "nbits_hex", "difficulty", "start_time"] as const;
const INT_RE = /^\d+$/;
const NUM_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses the epochs CSV; throws {@link BacktestCsvError} on the first problem. */
export function parseDifficultyEpochCsv(text: string, source: string): DifficultyEpochs {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = body.split("\n").map((l) => l.replace(/\r$/, ""));
  let last = raw.length;
  while (last > 0 && raw[last - 1]!.trim() === "") last--;
  if (last === 0) throw new BacktestCsvError(source, 0, "empty file: expected a header line");
  const header = raw[0]!.split(",").map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  for (const name of REQUIRED) {
    if (col(name) < 0) throw new BacktestCsvError(source, 1, `missing column "${name}" (need ${REQUIRED.join(", ")})`);
  }
  const n = last - 1;
  if (n === 0) throw new BacktestCsvError(source, 0, "no data rows after the header");
  const out = {
    source,
    epoch: new Int32Array(n),
    startHeight: new Int32Array(n),
    nbits: new Uint32Array(n),
    difficulty: new Float64Array(n),
    startTime: new Float64Array(n),
    endTime: new Float64Array(n),
    impliedHashrateHs: new Float64Array(n),
    lines: new Int32Array(n),
  };
  const cEpoch = col("epoch");
  const cHeight = col("start_height");
  const cBits = col("nbits_hex");
  const cDiff = col("difficulty");
  const cStart = col("start_time");
  const cEnd = col("end_time");
  const cHash = col("implied_hashrate_hs");
  for (let r = 0; r < n; r++) {
    const lineNo = r + 2;
    const line = raw[r + 1]!;
    const fail = (msg: string): never => {
      throw new BacktestCsvError(source, lineNo, msg);
    };
    if (line.trim() === "") fail("empty line between data rows");
    if (line.includes('"')) fail("quoted fields are not supported");
    const f = line.split(",");
    if (f.length !== header.length) fail(`expected ${header.length} fields, got ${f.length}`);
    const cell = (c: number): string => (c < 0 ? "" : f[c]!.trim());
    const intCell = (c: number, name: string): number => {
      const s = cell(c);
      if (!INT_RE.test(s)) fail(`${name} must be a non-negative integer, got "${s}"`);
      const v = Number(s);
      if (!Number.isSafeInteger(v)) fail(`${name} is too large: "${s}"`);
      return v;
    };
    const optNum = (c: number, name: string, integer: boolean): number => {
      const s = cell(c);
      if (s === "") return NaN;
      if (!(integer ? INT_RE : NUM_RE).test(s)) fail(`${name} must be ${integer ? "an integer" : "a number"} or empty, got "${s}"`);
      return Number(s);
    };
    const epoch = intCell(cEpoch, "epoch");
    if (r > 0 && epoch !== out.epoch[r - 1]! + 1) fail(`epochs must be consecutive: ${epoch} after ${out.epoch[r - 1]!}`);
    const height = intCell(cHeight, "start_height");
    if (height !== epoch * DIFFICULTY_ADJUSTMENT_INTERVAL) {
      fail(`start_height must be ${DIFFICULTY_ADJUSTMENT_INTERVAL}·epoch = ${epoch * DIFFICULTY_ADJUSTMENT_INTERVAL}, got ${height}`);
    }
    const bitsText = cell(cBits);
    if (!/^0x[0-9a-fA-F]{1,8}$/.test(bitsText)) fail(`nbits_hex must be 0x followed by up to 8 hex digits, got "${bitsText}"`);
    const diffText = cell(cDiff);
    if (!NUM_RE.test(diffText) || !(Number(diffText) > 0)) fail(`difficulty must be a number > 0, got "${diffText}"`);
    out.epoch[r] = epoch;
    out.startHeight[r] = height;
    out.nbits[r] = Number.parseInt(bitsText.slice(2), 16);
    out.difficulty[r] = Number(diffText);
    out.startTime[r] = optNum(cStart, "start_time", true);
    out.endTime[r] = optNum(cEnd, "end_time", true);
    out.impliedHashrateHs[r] = optNum(cHash, "implied_hashrate_hs", false);
    out.lines[r] = lineNo;
  }
  return out;
}

/** Row index of `epoch` in `e`, or −1. */
export function epochRow(e: DifficultyEpochs, epoch: number): number {
  const r = epoch - (e.epoch[0] ?? 0);
  return r >= 0 && r < e.epoch.length ? r : -1;
}

/**
 * Row of the last epoch started by unix time `t` (startTime[r] ≤ t), or −1: the epoch open
 * at t, including the data's last epoch, whose end is not known. Hashprice on a day reads
 * the difficulty here.
 */
export function epochStartedBy(e: DifficultyEpochs, t: number): number {
  let r = -1;
  for (let i = 0; i < e.epoch.length; i++) if (e.startTime[i]! <= t) r = i;
  return r;
}

/**
 * Row of the epoch open at unix time `t`: startTime[r] ≤ t < startTime[r + 1] (both start
 * times known), or −1. A backtest's start and the order book before it read the chain here.
 */
export function epochOpenAt(e: DifficultyEpochs, t: number): number {
  for (let i = 0; i + 1 < e.epoch.length; i++) {
    if (e.startTime[i]! <= t && t < e.startTime[i + 1]!) return i;
  }
  return -1;
}

/**
 * Hashrate while epoch row `r` is open, EH/s: the data's implied hashrate of the last
 * complete epoch (r − 1), falling back to D·2^32/600 of epoch r when it is missing.
 */
export function hashrateBeforeEh(e: DifficultyEpochs, r: number): number {
  const prevHs = r > 0 ? e.impliedHashrateHs[r - 1]! : NaN;
  return (prevHs === prevHs ? prevHs : impliedHashrateHs(difficultyFromBits(e.nbits[r]!))) / HS_PER_EH;
}
