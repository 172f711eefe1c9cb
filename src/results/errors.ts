/**
 * Errors of the result files, each with a stable `code` so that callers (the CLI, tests)
 * tell the cases apart without parsing messages. The CLI maps every code but WRITE_FAILED
 * to exit status 2 (bad input).
 */

import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { formatPath } from "../scenario/path.js";
import { scenarioErrorMap } from "../scenario/validate.js";

/** Why a result folder or file could not be written or read. */
export type ResultErrorCode =
  /** The target folder (or file) exists and `force` was not given. */
  | "EXISTS"
  /** The folder is not a result folder: no manifest.json, or a manifest of something else. */
  | "NOT_A_RUN"
  /** A file the format requires is absent. */
  | "MISSING_FILE"
  /** A file is not what its format says (bad JSON, bad CSV header, bad magic, wrong type). */
  | "BAD_FORMAT"
  /** Written by a schema version this code does not read. */
  | "UNSUPPORTED_VERSION"
  /** A file's bytes do not hash to the value recorded for it (corrupted or edited). */
  | "CHECKSUM_MISMATCH"
  /** The files of one folder disagree (layout, plan, seed, path count...). */
  | "INCONSISTENT"
  /** A shard partial where a whole run was expected, or the reverse. */
  | "WRONG_KIND"
  /** Requested output too large (paths.parquet row cap). */
  | "TOO_LARGE"
  /** Runs that cannot be compared or merged (different seed, paths, grid, shards of other runs). */
  | "INCOMPATIBLE"
  /** Bad options (a shard spec, a missing environment variable...). */
  | "BAD_OPTIONS"
  /** A folder's manifest names a model other than the built-in one, and it was not trusted (trustModel, --trust-model). */
  | "UNTRUSTED_MODEL";

/** A result folder or file that cannot be written or read; `code` says why. */
export class ResultError extends Error {
  override readonly name = "ResultError";
  constructor(
    readonly code: ResultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A result file that could not be read, as a ResultError naming it: MISSING_FILE when it
 * does not exist, BAD_FORMAT for any other read error (a folder where the file should be,
 * no permission, …), so that the CLI reports it as bad input (exit 2) without a stack
 * trace. Message: `<path>: cannot be read (<why>)`.
 */
export function unreadableFile(path: string, err: unknown): ResultError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === "EISDIR" ? "it is a folder, not a file" : code === "EACCES" || code === "EPERM" ? `no permission: ${code}` : (err as Error).message;
  return new ResultError(code === "ENOENT" ? "MISSING_FILE" : "BAD_FORMAT", `${path}: cannot be read (${why})`, { cause: err });
}

/** JSON.parse of a result file's text; BAD_FORMAT `<where>: cannot be read as JSON (…)` if it is not JSON. */
export function parseResultJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ResultError("BAD_FORMAT", `${where}: cannot be read as JSON (${(err as Error).message})`);
  }
}

/** The text of a result file; {@link unreadableFile}'s ResultError when it cannot be read. */
export async function readResultText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw unreadableFile(path, err);
  }
}

/**
 * `data` checked against `schema` (the scenario wording: `expected …, found …`), or a
 * BAD_FORMAT ResultError `<where>: <lead><label><key>: <problem>; …` with the first three
 * problems and a count of the others, each naming its key (e.g. `rows[3].simMedian`).
 */
export function checkedResult<S extends z.ZodType>(schema: S, data: unknown, where: string, lead: string, label: string): z.output<S> {
  const parsed = schema.safeParse(data, { reportInput: true, error: scenarioErrorMap });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 3).map((iss) => `${label}${formatPath(iss.path as (string | number)[]) || "(top level)"}: ${iss.message}`);
  const more = issues.length - shown.length;
  throw new ResultError("BAD_FORMAT", `${where}: ${lead}${shown.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}`);
}
