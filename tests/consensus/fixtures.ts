/**
 * Shared test fixtures for tests/consensus: the consensus vectors and the real-chain CSV
 * files of ../shared (resolved from this file's location, as CI clones the repo beside
 * a copy of shared/), read with the project's RFC 4180 parser (src/results parseCsv).
 */
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/results/index.js";

const SHARED = new URL("../../../shared/", import.meta.url);

/** One entry of ../shared/vectors/consensus.json (see its README.md). */
export interface Vector {
  readonly suite: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
  readonly source: string;
  readonly [key: string]: unknown;
}

/** All consensus vectors, in file order. */
export function loadVectors(): Vector[] {
  const text = readFileSync(new URL("vectors/consensus.json", SHARED), "utf8");
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error("consensus.json: expected a JSON array");
  return parsed as Vector[];
}

/** A CSV file of ../shared/data as objects keyed by the header; every row must have the header's width. */
export function loadCsv(fileName: string): Record<string, string>[] {
  const records = parseCsv(readFileSync(new URL(`data/${fileName}`, SHARED), "utf8"));
  const header = records[0];
  if (header === undefined) throw new Error(`${fileName}: empty`);
  return records.slice(1).map((cells, r) => {
    if (cells.length !== header.length) {
      throw new Error(`${fileName}: row ${r + 2} has ${cells.length} fields, header has ${header.length}`);
    }
    const row: Record<string, string> = {};
    header.forEach((name, c) => {
      row[name] = cells[c] ?? "";
    });
    return row;
  });
}

/** One row of btc_difficulty_epochs_2009_2022.csv (columns: ../shared/data/PROVENANCE.md). */
export interface EpochRow {
  readonly epoch: number;
  readonly startHeight: number;
  readonly endHeight: number;
  readonly nbitsHex: string;
  readonly nbits: number;
  readonly targetHex: string;
  readonly difficultyText: string;
  readonly workPerBlock: bigint;
  readonly startTime: number | null;
  readonly startTimeUtc: string;
  readonly endTime: number | null;
  readonly coreActualTimespan: number | null;
  readonly nextEpochStartTime: number | null;
  readonly epochDuration: number | null;
  readonly meanBlockInterval: number | null;
  readonly impliedHashrate: number | null;
  readonly chainworkAtStart: bigint | null;
  readonly startBlockHash: string;
  readonly endBlockHash: string;
}

/** A required integer cell (RangeError naming the cell if it is not a plain integer). */
function int(row: Record<string, string>, key: string): number {
  const text = row[key] ?? "";
  if (!/^-?\d+$/.test(text)) throw new RangeError(`column ${key}: "${text}" is not an integer`);
  return Number(text);
}

/** A required decimal integer cell of any size, as a bigint. */
function big(row: Record<string, string>, key: string): bigint {
  const text = row[key] ?? "";
  if (!/^\d+$/.test(text)) throw new RangeError(`column ${key}: "${text}" is not a non-negative integer`);
  return BigInt(text);
}

/** An optional integer cell: null when empty. */
function optInt(row: Record<string, string>, key: string): number | null {
  return (row[key] ?? "") === "" ? null : int(row, key);
}

/** An optional decimal cell: null when empty. */
function optNum(row: Record<string, string>, key: string): number | null {
  const text = row[key] ?? "";
  if (text === "") return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RangeError(`column ${key}: "${text}" is not a number`);
  return value;
}

/** The epochs file, one typed row per 2016-block epoch, in file order. */
export function loadEpochs(): EpochRow[] {
  return loadCsv("btc_difficulty_epochs_2009_2022.csv").map((row) => ({
    epoch: int(row, "epoch"),
    startHeight: int(row, "start_height"),
    endHeight: int(row, "end_height"),
    nbitsHex: row["nbits_hex"] ?? "",
    nbits: int(row, "nbits"),
    targetHex: row["target_hex"] ?? "",
    difficultyText: row["difficulty"] ?? "",
    workPerBlock: big(row, "work_per_block"),
    startTime: optInt(row, "start_time"),
    startTimeUtc: row["start_time_utc"] ?? "",
    endTime: optInt(row, "end_time"),
    coreActualTimespan: optInt(row, "core_actual_timespan_s"),
    nextEpochStartTime: optInt(row, "next_epoch_start_time"),
    epochDuration: optInt(row, "epoch_duration_s"),
    meanBlockInterval: optNum(row, "mean_block_interval_s"),
    impliedHashrate: optNum(row, "implied_hashrate_hs"),
    chainworkAtStart: (row["chainwork_at_start"] ?? "") === "" ? null : big(row, "chainwork_at_start"),
    startBlockHash: row["start_block_hash"] ?? "",
    endBlockHash: row["end_block_hash"] ?? "",
  }));
}

/** Unix seconds as the ISO form the data files use: "2009-01-03T18:15:05Z". */
export function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
}

/** A "0x…" compact string from the vectors as a uint32 number (throws on anything else). */
export function bitsOf(text: unknown): number {
  if (typeof text !== "string" || !/^0x[0-9a-fA-F]{1,8}$/.test(text)) {
    throw new Error(`not a compact hex string: ${JSON.stringify(text)}`);
  }
  return Number.parseInt(text.slice(2), 16) >>> 0;
}

/** A hex ("0x…" or bare) or decimal string, or a safe integer, from the vectors, as a bigint. */
export function bigOf(value: unknown): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value !== "string") throw new Error(`not a number or string: ${JSON.stringify(value)}`);
  if (/^0x[0-9a-fA-F]+$/.test(value)) return BigInt(value);
  if (/^[0-9a-fA-F]{64}$/.test(value)) return BigInt(`0x${value}`);
  if (/^\d+$/.test(value)) return BigInt(value);
  throw new Error(`cannot read ${JSON.stringify(value)} as an integer`);
}

/**
 * Typed, tracked access to a vector's `inputs` or `expected` object. Every key must be
 * read or explicitly marked informational with {@link Fields.ignore}; the vector tests
 * assert {@link Fields.unused} is empty, so a field added to the file later cannot be
 * skipped silently.
 */
export class Fields {
  private readonly used = new Set<string>();

  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly label: string,
  ) {}

  has(key: string): boolean {
    return Object.hasOwn(this.obj, key);
  }

  get(key: string): unknown {
    if (!this.has(key)) throw new Error(`${this.label}: no field "${key}"`);
    this.used.add(key);
    return this.obj[key];
  }

  num(key: string): number {
    const value = this.get(key);
    if (typeof value !== "number") throw new Error(`${this.label}.${key}: not a number`);
    return value;
  }

  str(key: string): string {
    const value = this.get(key);
    if (typeof value !== "string") throw new Error(`${this.label}.${key}: not a string`);
    return value;
  }

  bool(key: string): boolean {
    const value = this.get(key);
    if (typeof value !== "boolean") throw new Error(`${this.label}.${key}: not a boolean`);
    return value;
  }

  bits(key: string): number {
    return bitsOf(this.get(key));
  }

  big(key: string): bigint {
    return bigOf(this.get(key));
  }

  /** Marks fields as informational: descriptions, notes, or facts no code here can compute. */
  ignore(...keys: string[]): void {
    for (const key of keys) this.used.add(key);
  }

  /** Keys neither read nor ignored. */
  unused(): string[] {
    return Object.keys(this.obj).filter((key) => !this.used.has(key));
  }
}

/**
 * fast-check settings for the property tests: a fixed seed so CI runs are reproducible
 * (override with the FC_SEED environment variable to explore other inputs; fast-check
 * prints the seed and the shrunk counterexample on failure).
 */
export function fcParams(numRuns: number): { seed: number; numRuns: number } {
  const text = process.env["FC_SEED"] ?? "";
  const fromEnv = Number(text);
  return { seed: text !== "" && Number.isInteger(fromEnv) ? fromEnv : 0x5eed_c0de, numRuns };
}
