/**
 * A sweep folder's report data (src/api/sweep.ts writes the folder): `sweep.json` (keys,
 * and per variant its folder, seed, paths and overrides), `sweep.csv`, and one run folder
 * per variant. src/results reads and checks sweep.json (readSweepJson) and each variant's
 * folder (readRunFolder); here they become what the sweep report shows.
 */
import { join } from "node:path";
import { readRunFolder, readSweepJson } from "../results/index.js";
import type { RunReportData } from "./report-data.js";
import { runReportData } from "./run-folder-data.js";

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

/**
 * Reads a sweep folder: sweep.json (src/results readSweepJson), then every variant's run
 * folder (readRunFolder) into report data. ResultError on bad input, ReportError for run
 * data the report cannot draw.
 */
export async function readSweepData(dir: string, folderLabel: string = dir): Promise<SweepReportData> {
  const sweep = await readSweepJson(dir);
  const out: SweepVariant[] = [];
  for (const v of sweep.variants) {
    const run = runReportData(await readRunFolder(join(dir, v.folder)), join(folderLabel, v.folder));
    out.push({ name: v.variant, folder: v.folder, overrides: v.overrides, run });
  }
  return {
    name: sweep.name ?? out[0]!.run.meta.scenarioName ?? "sweep",
    scenarioFile: sweep.scenarioFile,
    folder: folderLabel,
    keys: sweep.keys,
    variants: out,
  };
}
