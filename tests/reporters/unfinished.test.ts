/** tests/reporters/unfinished.ts: names the files and tests that never finished, and only those. */
import { describe, expect, it } from "vitest";
import { unfinishedReport, type ModuleView } from "./unfinished.js";

function mod(id: string, state: string, tests: Array<[string, string]>): ModuleView {
  return {
    relativeModuleId: id,
    state: () => state,
    children: { allTests: () => tests.map(([fullName, s]) => ({ fullName, result: () => ({ state: s }) })) },
  };
}

describe("unfinishedReport", () => {
  it("says nothing when every file passed, failed or was skipped", () => {
    expect(unfinishedReport([mod("a.test.ts", "passed", [["a", "passed"]]), mod("b.test.ts", "failed", []), mod("c.test.ts", "skipped", [])])).toEqual([]);
  });

  it("names a file still running and its started-but-unfinished tests, and a queued file", () => {
    const lines = unfinishedReport([
      mod("ok.test.ts", "passed", [["ok", "passed"]]),
      mod("dead.test.ts", "pending", [
        ["dead > first", "passed"],
        ["dead > second", "pending"],
        ["dead > third", "skipped"],
      ]),
      mod("later.test.ts", "queued", []),
    ]);
    expect(lines[0]).toMatch(/never finished \(their process may have died/);
    expect(lines.slice(1)).toEqual(["  dead.test.ts (pending)", "    not reported finished: dead > second", "  later.test.ts (queued)"]);
    expect(unfinishedReport([mod("later.test.ts", "queued", [])], true)[0]).toMatch(/never finished \(the run was interrupted\)/);
  });
});
