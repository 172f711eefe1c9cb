/**
 * sweep.json: the description of a sweep folder (src/api/sweep.ts writes it beside
 * sweep.csv and one run folder per variant): schema name and version, the scenario's name
 * and file, the swept keys in sweep order, and per variant its name, its folder (a folder
 * directly under the sweep folder), seed, paths, overrides and plan SHA-256.
 *
 * Written by {@link sweepJson}, read back ({@link readSweepJson}) with an error naming the file, the key and the fault
 * (ResultError BAD_FORMAT, UNSUPPORTED_VERSION for a newer schema, MISSING_FILE). The
 * reader checks and returns what locates and labels the variants; each variant's seed,
 * paths and plan are checked by reading its run folder (read-run-folder.ts).
 */
import { join } from "node:path";
import { parseResultJson, readResultText, ResultError, type ResultErrorCode } from "./errors.js";
import { resultJson } from "./format.js";

/** Schema name and version of sweep.json. */
export const SWEEP_SCHEMA = "hashrate-exodus/sweep";
export const SWEEP_SCHEMA_VERSION = 1;

/** File names of a sweep folder. */
export const SWEEP_FILES = Object.freeze({ json: "sweep.json", csv: "sweep.csv" });

/** A variant of sweep.json, as read back. */
export interface SweepJsonVariant {
  readonly variant: string;
  /** Its run folder, relative to the sweep folder (one name, no path). */
  readonly folder: string;
  /** Swept key path as written → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
}

/** sweep.json, as read back. */
export interface SweepJson {
  /** The scenario's name, or null when the file has none. */
  readonly name: string | null;
  readonly scenarioFile: string | null;
  /** Swept keys, in sweep order. */
  readonly keys: readonly string[];
  /** At least one. */
  readonly variants: readonly SweepJsonVariant[];
}

/** What sweep.json records of a variant. */
export interface SweepJsonVariantRecord extends SweepJsonVariant {
  readonly seed: string | number;
  readonly paths: number;
  /** SHA-256 of the variant's compiled plan (its manifest's scenario.sha256). */
  readonly planSha256: string;
}

/** What sweep.json records. */
export interface SweepJsonRecord extends Omit<SweepJson, "variants"> {
  readonly variants: readonly SweepJsonVariantRecord[];
}

/** sweep.json text (format.ts resultJson; keys in the order listed at the top of this file). */
export function sweepJson(sweep: SweepJsonRecord): string {
  return resultJson({
    schema: SWEEP_SCHEMA,
    schemaVersion: SWEEP_SCHEMA_VERSION,
    name: sweep.name,
    scenarioFile: sweep.scenarioFile,
    keys: sweep.keys,
    variants: sweep.variants.map((v) => ({ variant: v.variant, folder: v.folder, seed: v.seed, paths: v.paths, overrides: v.overrides, planSha256: v.planSha256 })),
  });
}

function bad(path: string, why: string, code: ResultErrorCode = "BAD_FORMAT"): never {
  throw new ResultError(code, `${path}: ${why}`);
}

/** Parses sweep.json text; `where` names the file in errors (see the top of this file). */
export function parseSweepJson(text: string, where: string): SweepJson {
  const j = parseResultJson(text, where) as Record<string, unknown> | null;
  if (j === null || typeof j !== "object" || j["schema"] !== SWEEP_SCHEMA) bad(where, "is not a hashrate-exodus sweep file");
  if (typeof j["schemaVersion"] !== "number" || j["schemaVersion"] > SWEEP_SCHEMA_VERSION) {
    bad(where, `has sweep schema version ${String(j["schemaVersion"])}; this version reads up to ${SWEEP_SCHEMA_VERSION}`, "UNSUPPORTED_VERSION");
  }
  const keys = j["keys"];
  const variants = j["variants"];
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === "string")) bad(where, "keys must be a list of strings");
  if (!Array.isArray(variants) || variants.length === 0) bad(where, "variants must be a non-empty list");
  const out: SweepJsonVariant[] = [];
  for (const [i, v] of (variants as unknown[]).entries()) {
    const o = v as Record<string, unknown> | null;
    if (o === null || typeof o !== "object" || typeof o["variant"] !== "string" || typeof o["folder"] !== "string") bad(where, `variants[${i}] needs a variant name and a folder`);
    const folder = o["folder"] as string;
    if (folder === "" || folder.includes("/") || folder.includes("\\") || folder.startsWith(".")) bad(where, `variants[${i}].folder ${JSON.stringify(folder)} is not a folder of the sweep`);
    const overrides = o["overrides"];
    if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) bad(where, `variants[${i}].overrides must be an object`);
    out.push({ variant: o["variant"] as string, folder, overrides: overrides as Record<string, unknown> });
  }
  return {
    name: typeof j["name"] === "string" ? j["name"] : null,
    scenarioFile: typeof j["scenarioFile"] === "string" ? j["scenarioFile"] : null,
    keys: keys as string[],
    variants: out,
  };
}

/** Reads `<dir>/sweep.json` ({@link parseSweepJson}). */
export async function readSweepJson(dir: string): Promise<SweepJson> {
  const path = join(dir, SWEEP_FILES.json);
  return parseSweepJson(await readResultText(path), path);
}
