/**
 * Daily price CSV files named by a scenario (`market.price.csv`): the path is relative to
 * the scenario file that wrote the key (after `extends`, the parent's own directory), read
 * with a size cap and parsed by the market module's strict parser. Every failure is a
 * {@link ScenarioError}: a missing or unreadable file points at the `csv` key of the
 * scenario (file, line, column); a bad row points at the CSV file and its line.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";
import { DailyPriceCsvError, parseDailyPriceCsv, type DailyPriceSeries } from "../model/market/index.js";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { formatPath, type PathSegment } from "./path.js";
import type { Provenance } from "./provenance.js";
import { locatedIssue } from "./validate.js";

/** Largest price file read, bytes (60 years of daily rows are ~1 MB). */
export const MAX_PRICE_CSV_BYTES = 64 * 1024 * 1024;

/** A CSV file named by a scenario key: where it is, and how messages name it. */
export interface ScenarioFileRef {
  /** Absolute path. */
  readonly abs: string;
  /** The path as messages show it (relative to the current directory when the scenario's was). */
  readonly display: string;
}

/** Options for resolving files named in scenarios given as text (no file of their own). */
export interface ScenarioFileOptions {
  /** Directory that relative paths in a scenario without a file are resolved against (default: cwd). */
  readonly baseDir?: string;
}

/**
 * Resolves `relPath`, written at `keyPath` of a loaded scenario, against the directory of
 * the file that wrote that key (provenance), or `baseDir` for text scenarios (`<string>`).
 */
export function resolveScenarioFile(
  provenance: Provenance,
  keyPath: readonly PathSegment[],
  relPath: string,
  options: ScenarioFileOptions = {},
): ScenarioFileRef {
  if (isAbsolute(relPath)) return { abs: relPath, display: relPath };
  const sourceFile = provenance.resolve(keyPath).source.file;
  const virtual = sourceFile.startsWith("<");
  const dir = virtual ? (options.baseDir ?? ".") : dirname(sourceFile);
  const display = normalize(join(dir, relPath));
  return { abs: resolve(display), display };
}

/** Options of {@link readPriceCsv}. */
export interface ReadPriceCsvOptions extends ScenarioFileOptions {
  /** Parsed files by absolute path, shared by the variants of a sweep. */
  readonly cache?: Map<string, DailyPriceSeries>;
  /** Sweep variant, for messages. */
  readonly variant?: string;
}

/** An issue for a CSV problem: at the CSV line when there is one, else at the scenario key. */
export function priceCsvIssue(
  err: DailyPriceCsvError,
  ref: ScenarioFileRef,
  provenance: Provenance,
  keyPath: readonly PathSegment[],
  variant?: string,
): ScenarioIssue {
  const prefix = err.line > 0 ? `${err.source}:${err.line}: ` : `${err.source}: `;
  const text = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  if (err.line > 0) {
    return {
      file: ref.display,
      line: err.line,
      path: formatPath(keyPath),
      message: text,
      ...(variant !== undefined ? { variant } : {}),
    };
  }
  return locatedIssue(provenance, keyPath, `${ref.display}: ${text}`, variant !== undefined ? { variant } : {});
}

/**
 * Reads and parses the daily price CSV named `relPath` at `keyPath` of a loaded scenario.
 * Throws a {@link ScenarioError} (see the module comment).
 */
export function readPriceCsv(
  provenance: Provenance,
  keyPath: readonly PathSegment[],
  relPath: string,
  options: ReadPriceCsvOptions = {},
): { readonly series: DailyPriceSeries; readonly ref: ScenarioFileRef } {
  const ref = resolveScenarioFile(provenance, keyPath, relPath, options);
  const cached = options.cache?.get(ref.abs);
  if (cached !== undefined) return { series: cached, ref };
  const variant = options.variant !== undefined ? { variant: options.variant } : {};
  const fail = (message: string): never => {
    throw new ScenarioError([locatedIssue(provenance, keyPath, message, variant)]);
  };
  let size: number;
  try {
    const st = statSync(ref.abs);
    if (!st.isFile()) fail(`"${relPath}" (${ref.display}) is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`cannot read the price file "${relPath}" (${ref.display}): ${code === "ENOENT" ? "no such file" : String(code ?? err)}`);
  }
  if (size > MAX_PRICE_CSV_BYTES) fail(`the price file ${ref.display} is larger than ${MAX_PRICE_CSV_BYTES} bytes`);
  let text: string;
  try {
    text = readFileSync(ref.abs, "utf8");
  } catch (err) {
    return fail(`cannot read the price file ${ref.display}: ${(err as Error).message}`);
  }
  try {
    const series = parseDailyPriceCsv(text, ref.display);
    options.cache?.set(ref.abs, series);
    return { series, ref };
  } catch (err) {
    if (err instanceof DailyPriceCsvError) throw new ScenarioError([priceCsvIssue(err, ref, provenance, keyPath, options.variant)]);
    throw err;
  }
}
