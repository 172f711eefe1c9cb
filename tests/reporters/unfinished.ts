/**
 * A vitest reporter that names the test files and tests that never finished. When a test
 * process dies (a native crash, an out-of-memory kill), vitest reports only "Worker exited
 * unexpectedly", without the file it was running; CI keeps the tail of the output, so this
 * prints, last, which files were still running and which of their tests had not reported a
 * result (results are sent in batches, so a test that passed just before the crash may be
 * listed too). Prints nothing when every file finished.
 */
import type { Reporter, TestModule, TestRunEndReason } from "vitest/node";

/** The minimal view of a test module this reporter reads (vitest's TestModule satisfies it). */
export interface ModuleView {
  readonly relativeModuleId: string;
  state(): string;
  readonly children: { allTests(): Iterable<{ readonly fullName: string; result(): { readonly state: string } }> };
}

/**
 * Lines naming every module that did not finish (passed, failed or skipped), or [] if all did.
 * `interrupted`: the run was stopped (Ctrl-C, --bail), so unfinished files are expected.
 */
export function unfinishedReport(modules: readonly ModuleView[], interrupted = false): string[] {
  const lines: string[] = [];
  for (const m of modules) {
    const state = m.state();
    if (state === "passed" || state === "failed" || state === "skipped") continue;
    lines.push(`  ${m.relativeModuleId} (${state})`);
    for (const t of m.children.allTests()) {
      if (t.result().state === "pending") lines.push(`    not reported finished: ${t.fullName}`);
    }
  }
  if (lines.length === 0) return [];
  const why = interrupted ? "the run was interrupted" : "their process may have died; see 'Worker exited unexpectedly' above";
  return [`test files that never finished (${why}):`, ...lines];
}

export default class UnfinishedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    const lines = unfinishedReport(testModules, reason === "interrupted");
    if (lines.length > 0) process.stderr.write(`\n${lines.join("\n")}\n`);
  }
}
