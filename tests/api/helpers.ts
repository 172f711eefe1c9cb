/**
 * Shared helpers of the API and result-file tests: the drift model fixture, a temporary
 * folder per test file, and the data files of a result folder for byte comparisons.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, vi } from "vitest";
import type { RunInput } from "../../src/api/index.js";
import { main } from "../../src/cli/program.js";

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

/** Runs main() (the `exodus` CLI) on args in process: its exit code and captured output. */
export async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A copy of the run folder `from` at `to` (its files; run folders have no subfolders). */
export function copyRunFolder(from: string, to: string): string {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) writeFileSync(join(to, f), readFileSync(join(from, f)));
  return to;
}

/** The golden scenario (full model, network only, short horizon). */
export const GOLDEN_SCENARIO = fileURLToPath(new URL("../results/fixtures/golden-scenario.yaml", import.meta.url));

/**
 * A 64-path run of the golden scenario and its two shards (1/2, 2/2) under `root`, made with
 * the CLI (a test file's beforeAll).
 */
export async function goldenRunAndShards(root: string): Promise<{ run: string; shard1: string; shard2: string }> {
  const paths = { run: join(root, "run"), shard1: join(root, "shard1"), shard2: join(root, "shard2") };
  const small = ["--paths", "64", "--workers", "0", "--quiet", "--no-report"];
  for (const args of [
    ["run", GOLDEN_SCENARIO, "--out", paths.run, ...small],
    ["run", GOLDEN_SCENARIO, "--out", paths.shard1, "--shard", "1/2", ...small],
    ["run", GOLDEN_SCENARIO, "--out", paths.shard2, "--shard", "2/2", ...small],
  ]) {
    const r = await runMain(args);
    expect(r.code, r.stderr).toBe(0);
  }
  return paths;
}
