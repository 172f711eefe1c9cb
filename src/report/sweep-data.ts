/**
 * A sweep folder (src/api/sweep.ts): `sweep.json` (keys, and per variant its folder, seed,
 * paths and overrides), `sweep.csv`, and one run folder per variant. Each variant's folder
 * is read and checked by src/results readRunFolder; sweep.json is read here (no other
 * reader of it exists) and checked against its schema name and version.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SWEEP_SCHEMA, SWEEP_SCHEMA_VERSION } from "../api/sweep.js";
import { readRunFolder } from "../results/index.js";
import { ReportError } from "./errors.js";
import type { RunReportData } from "./report-data.js";
import { runReportData } from "./run-folder-data.js";

/** File names of a sweep folder. */
export const SWEEP_FILES = Object.freeze({ json: "sweep.json", csv: "sweep.csv" });

/** One variant of a sweep with its run's report data. */
export interface SweepVariant {
  readonly name: string;
  /** Its folder, relative to the sweep folder. */
  readonly folder: string;
  /** Swept key path as written → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly run: RunReportData;
}

/** What the sweep report shows. */
export interface SweepReportData {
  readonly name: string;
  readonly scenarioFile: string | null;
  /** The sweep folder as given. */
  readonly folder: string;
  /** Swept keys, in sweep order. */
  readonly keys: readonly string[];
  readonly variants: readonly SweepVariant[];
}

function bad(path: string, why: string): never {
  throw new ReportError(`${path}: ${why}`, true);
}

/** Reads a sweep folder: sweep.json and every variant's run folder (ResultError / ReportError on bad input). */
export async function readSweepData(dir: string, folderLabel: string = dir): Promise<SweepReportData> {
  const path = join(dir, SWEEP_FILES.json);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    bad(path, `cannot be read as JSON (${(err as Error).message})`);
  }
  const j = raw as Record<string, unknown> | null;
  if (j === null || typeof j !== "object" || j["schema"] !== SWEEP_SCHEMA) bad(path, "is not a hashrate-exodus sweep file");
  if (typeof j["schemaVersion"] !== "number" || j["schemaVersion"] > SWEEP_SCHEMA_VERSION) bad(path, `has sweep schema version ${String(j["schemaVersion"])}; this version reads up to ${SWEEP_SCHEMA_VERSION}`);
  const keys = j["keys"];
  const variants = j["variants"];
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === "string")) bad(path, "keys must be a list of strings");
  if (!Array.isArray(variants) || variants.length === 0) bad(path, "variants must be a non-empty list");
  const out: SweepVariant[] = [];
  for (const [i, v] of (variants as unknown[]).entries()) {
    const o = v as Record<string, unknown> | null;
    if (o === null || typeof o !== "object" || typeof o["variant"] !== "string" || typeof o["folder"] !== "string") bad(path, `variants[${i}] needs a variant name and a folder`);
    const folder = o["folder"] as string;
    if (folder.includes("/") || folder.includes("\\") || folder.startsWith(".")) bad(path, `variants[${i}].folder ${JSON.stringify(folder)} is not a folder of the sweep`);
    const overrides = o["overrides"];
    if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) bad(path, `variants[${i}].overrides must be an object`);
    const run = runReportData(await readRunFolder(join(dir, folder)), join(folderLabel, folder));
    out.push({ name: o["variant"] as string, folder, overrides: overrides as Record<string, unknown>, run });
  }
  return {
    name: typeof j["name"] === "string" ? j["name"] : (out[0]!.run.meta.scenarioName ?? "sweep"),
    scenarioFile: typeof j["scenarioFile"] === "string" ? j["scenarioFile"] : null,
    folder: folderLabel,
    keys: keys as string[],
    variants: out,
  };
}
