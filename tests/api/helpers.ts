/**
 * Shared helpers of the API and result-file tests: the drift model fixture, a temporary
 * folder per test file, and the data files of a result folder for byte comparisons.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunInput } from "../../src/api/index.js";

/** The drift path model (plain JS, importable by worker threads). */
export const DRIFT_URL = new URL("./fixtures/drift-model.js", import.meta.url).href;

/**
 * The data files of a whole run folder: every file but manifest.json, whose timing and
 * provenance fields legitimately differ between runs with identical results.
 */
export const DATA_FILES = ["series.csv", "epochs.csv", "summary.csv", "events.csv", "summary.json", "plan.json", "layout.json"] as const;

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempRoot(prefix: string): { readonly root: string; readonly cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** name → bytes (as latin1 text, for readable diffs) of the data files present in `dir`. */
export function dataFiles(dir: string, names: readonly string[] = DATA_FILES): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const p = join(dir, n);
    out[n] = existsSync(p) ? readFileSync(p).toString("latin1") : "<missing>";
  }
  return out;
}

/** Entries of `dir` (sorted), to check that nothing else (temporary folders) was left. */
export function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A drift-model run input. */
export function driftInput(plan: Record<string, unknown>, seed: string | number, paths: number): RunInput {
  return { plan, seed, paths, name: "drift", description: "drift model fixture", model: DRIFT_URL };
}
