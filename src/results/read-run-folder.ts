/**
 * Reading result folders back: a whole run ({@link readRunFolder}: used by compare and the
 * report) or a shard partial ({@link readShardFolder}: used by merge). Every file read is
 * checked against the SHA-256 the manifest records for it, and every format against its
 * version, with specific errors (ResultError codes).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeAggregate, layoutFromJson, layoutHash, type AggregateParts, type LayoutJson, type RecordLayout } from "../montecarlo/index.js";
import { parseCsvTable } from "./csv-table.js";
import { ResultError, unreadableFile } from "./errors.js";
import { parseNumber } from "./format.js";
import { parseManifest, type Manifest } from "./manifest.js";
import { planFromJson } from "./plan-file.js";
import { RESULT_FILES } from "./run-folder.js";
import { decodeScalars, type ScalarsTable } from "./scalars-file.js";
import { EPOCHS_COLUMNS, SERIES_COLUMNS, SUMMARY_SCHEMA, SUMMARY_SCHEMA_VERSION, type SummaryJson } from "./summary-files.js";

/** Statistics of one row of series.csv / epochs.csv (NaN where the field is empty). */
export interface RowStats {
  readonly count: number;
  readonly mean: number;
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/** A row of series.csv. */
export interface SeriesRow extends RowStats {
  readonly date: string;
  readonly entity: string;
  readonly metric: string;
  readonly unit: string;
}

/** A row of epochs.csv. */
export interface EpochRow extends RowStats {
  readonly epoch: number;
  readonly entity: string;
  readonly metric: string;
  readonly unit: string;
}

/** A whole run's folder, read back. */
export interface RunFolder {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly layout: RecordLayout;
  /** summary.json (scalars' statistics and events; NaN where the file has null). */
  readonly summary: SummaryJson;
  /** series.csv rows, in file order. */
  readonly series: readonly SeriesRow[];
  /** epochs.csv rows, in file order. */
  readonly epochs: readonly EpochRow[];
  /** Whether the folder has scalars.bin / paths.parquet. */
  readonly hasScalars: boolean;
  readonly hasPaths: boolean;
}

async function readChecked(dir: string, manifest: Manifest, name: string): Promise<Buffer> {
  const expected = manifest.files[name];
  if (expected === undefined) throw new ResultError("MISSING_FILE", `${join(dir, name)}: the manifest lists no such file`);
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new ResultError("MISSING_FILE", `${join(dir, name)} is missing`);
    throw unreadableFile(join(dir, name), err);
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== expected) {
    throw new ResultError("CHECKSUM_MISMATCH", `${join(dir, name)} does not match the SHA-256 in its manifest (edited or corrupted)`);
  }
  return bytes;
}

/** Reads and checks a folder's manifest.json (ResultError NOT_A_RUN when there is none). */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, RESULT_FILES.manifest);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ResultError("NOT_A_RUN", `${dir} is not a result folder (no ${RESULT_FILES.manifest}; an unfinished or killed run leaves none)`);
    }
    if ((err as NodeJS.ErrnoException).code === "ENOTDIR") throw new ResultError("NOT_A_RUN", `${dir} is not a result folder (it is a file, not a folder)`);
    throw unreadableFile(path, err);
  }
  return parseManifest(text, path);
}

async function readLayout(dir: string, manifest: Manifest): Promise<RecordLayout> {
  const text = (await readChecked(dir, manifest, RESULT_FILES.layout)).toString("utf8");
  let layout: RecordLayout;
  try {
    layout = layoutFromJson(JSON.parse(text) as LayoutJson);
  } catch (err) {
    throw new ResultError("BAD_FORMAT", `${join(dir, RESULT_FILES.layout)}: ${(err as Error).message}`);
  }
  if (layoutHash(layout) !== manifest.layoutHash) {
    throw new ResultError("INCONSISTENT", `${join(dir, RESULT_FILES.layout)} hashes to ${layoutHash(layout)}, the manifest says ${manifest.layoutHash}`);
  }
  return layout;
}

/** Reads and checks the exact plan of a folder (plan.json, verified against the manifest's scenario.sha256). */
export async function readPlan(dir: string, manifest?: Manifest): Promise<unknown> {
  const m = manifest ?? (await readManifest(dir));
  const text = (await readChecked(dir, m, RESULT_FILES.plan)).toString("utf8");
  return planFromJson(text, m.scenario.sha256);
}

function nanFromNull(value: unknown): unknown {
  if (value === null) return NaN;
  if (Array.isArray(value)) return value.map(nanFromNull);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = nanFromNull(v);
    return out;
  }
  return value;
}

function stats(f: readonly string[], from: number): RowStats {
  return {
    count: parseNumber(f[from]!),
    mean: parseNumber(f[from + 1]!),
    p05: parseNumber(f[from + 2]!),
    p25: parseNumber(f[from + 3]!),
    p50: parseNumber(f[from + 4]!),
    p75: parseNumber(f[from + 5]!),
    p95: parseNumber(f[from + 6]!),
  };
}

/**
 * Reads a whole run's folder: manifest, layout, summary.json, series.csv and epochs.csv,
 * each checked (ResultError NOT_A_RUN, WRONG_KIND for a shard partial, MISSING_FILE,
 * CHECKSUM_MISMATCH, BAD_FORMAT, UNSUPPORTED_VERSION, INCONSISTENT).
 */
export async function readRunFolder(dir: string): Promise<RunFolder> {
  const manifest = await readManifest(dir);
  if (manifest.kind !== "run") {
    throw new ResultError("WRONG_KIND", `${dir} is shard partial ${manifest.shard?.index}/${manifest.shard?.count}, not a whole run: merge the shards first (exodus merge)`);
  }
  const layout = await readLayout(dir, manifest);
  const summaryPath = join(dir, RESULT_FILES.summaryJson);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse((await readChecked(dir, manifest, RESULT_FILES.summaryJson)).toString("utf8")) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof ResultError) throw err;
    throw new ResultError("BAD_FORMAT", `${summaryPath} is not JSON: ${(err as Error).message}`);
  }
  if (raw === null || typeof raw !== "object" || raw["schema"] !== SUMMARY_SCHEMA) throw new ResultError("BAD_FORMAT", `${summaryPath} is not a hashrate-exodus summary`);
  const version = raw["schemaVersion"];
  if (typeof version !== "number" || version > SUMMARY_SCHEMA_VERSION || version < 1) {
    throw new ResultError("UNSUPPORTED_VERSION", `${summaryPath} has summary schema version ${String(version)}; this hashrate-exodus reads up to ${SUMMARY_SCHEMA_VERSION}`);
  }
  if (!Array.isArray(raw["scalars"]) || !Array.isArray(raw["events"])) throw new ResultError("BAD_FORMAT", `${summaryPath}: scalars and events must be arrays`);
  const summary = { ...raw, scalars: nanFromNull(raw["scalars"]), events: raw["events"] } as unknown as SummaryJson;
  if (summary.layoutHash !== manifest.layoutHash || summary.planHash !== manifest.scenario.sha256 || summary.paths !== manifest.paths || summary.seed !== manifest.seed) {
    throw new ResultError("INCONSISTENT", `${summaryPath} belongs to another run than its manifest (layout, plan, paths or seed differ)`);
  }
  const seriesText = (await readChecked(dir, manifest, RESULT_FILES.series)).toString("utf8");
  const series = parseCsvTable(join(dir, RESULT_FILES.series), seriesText, SERIES_COLUMNS, (f) => ({ date: f[0]!, entity: f[1]!, metric: f[2]!, unit: f[3]!, ...stats(f, 4) }));
  const epochsText = (await readChecked(dir, manifest, RESULT_FILES.epochs)).toString("utf8");
  const epochs = parseCsvTable(join(dir, RESULT_FILES.epochs), epochsText, EPOCHS_COLUMNS, (f) => ({ epoch: Number(f[0]!), entity: f[1]!, metric: f[2]!, unit: f[3]!, ...stats(f, 4) }));
  return {
    dir,
    manifest,
    layout,
    summary,
    series,
    epochs,
    hasScalars: manifest.files[RESULT_FILES.scalars] !== undefined,
    hasPaths: manifest.files[RESULT_FILES.paths] !== undefined,
  };
}

/** Reads a run's scalars.bin (checked against the manifest and the run's identity). */
export async function readScalarsFile(dir: string, manifest: Manifest): Promise<ScalarsTable> {
  const bytes = await readChecked(dir, manifest, RESULT_FILES.scalars);
  const table = decodeScalars(bytes, join(dir, RESULT_FILES.scalars));
  const h = table.header;
  if (h.layoutHash !== manifest.layoutHash || h.planHash !== manifest.scenario.sha256 || h.seed !== manifest.seed || h.paths !== manifest.paths) {
    throw new ResultError("INCONSISTENT", `${join(dir, RESULT_FILES.scalars)} belongs to another run than its manifest`);
  }
  return table;
}

/** A shard partial's folder, read back. */
export interface ShardFolder {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly layout: RecordLayout;
  readonly parts: AggregateParts;
}

/**
 * Reads a shard partial's folder: manifest and aggregate.hxagg (checksums, format version,
 * and that the aggregate is the shard the manifest says).
 */
export async function readShardFolder(dir: string): Promise<ShardFolder> {
  const manifest = await readManifest(dir);
  if (manifest.kind !== "shard" || manifest.shard === null) throw new ResultError("WRONG_KIND", `${dir} is a whole run, not a shard partial`);
  const layout = await readLayout(dir, manifest);
  const bytes = await readChecked(dir, manifest, RESULT_FILES.aggregate);
  let parts: AggregateParts;
  try {
    parts = decodeAggregate(bytes).parts;
  } catch (err) {
    throw new ResultError("BAD_FORMAT", `${join(dir, RESULT_FILES.aggregate)}: ${(err as Error).message}`, { cause: err });
  }
  const s = parts.spec;
  if (
    s.layoutHash !== manifest.layoutHash ||
    s.planHash !== manifest.scenario.sha256 ||
    s.seed !== manifest.seed ||
    s.paths !== manifest.paths ||
    s.shard?.index !== manifest.shard.index ||
    s.shard.count !== manifest.shard.count
  ) {
    throw new ResultError("INCONSISTENT", `${join(dir, RESULT_FILES.aggregate)} is not the shard its manifest describes`);
  }
  return { dir, manifest, layout, parts };
}
