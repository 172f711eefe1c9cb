/** Helpers for the scenario tests: temp dirs, catching ScenarioErrors, finding text positions. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { ScenarioError, type ScenarioIssue } from "../../src/scenario/index.js";

/** Runs `fn`, which must throw a ScenarioError; returns it. */
export function scenarioError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error("expected a ScenarioError, but nothing was thrown");
}

/** The one issue at `path` (fails the test if there is not exactly one). */
export function issueAt(err: ScenarioError, path: string): ScenarioIssue {
  const found = err.issues.filter((i) => i.path === path);
  expect(found, `issues at ${path} in:\n${err.format()}`).toHaveLength(1);
  return found[0] as ScenarioIssue;
}

/**
 * 1-based line and column of the `occurrence`-th (0-based) appearance of `needle` in
 * `text`, so tests compute expected positions instead of typing them in.
 */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  return { line, column };
}

/** A fresh temp directory with the given files (paths relative to it); returns its path. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "exodus-scenario-"));
  for (const [name, text] of Object.entries(files)) {
    const full = join(dir, name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** Removes a temp directory made by {@link tempFiles}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
