import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, loadScenarioFromString, locatedIssue } from "../../src/scenario/index.js";
import { BASELINE_YAML, ExampleScenario } from "./exampleSchema.js";
import { positionOf, removeDir, scenarioError, tempFiles } from "./helpers.js";

const dir = tempFiles({ "base.yaml": BASELINE_YAML });
afterAll(() => removeDir(dir));

describe("loadScenario", () => {
  const loaded = loadScenario(join(dir, "base.yaml"), ExampleScenario);

  it("returns the typed scenario with defaults applied and dates as strings", () => {
    expect(loaded.scenario.network.exitSpeed).toBe(1);
    expect(loaded.scenario.quantiles).toEqual([0.05, 0.5, 0.95]);
    expect(loaded.scenario.miners[0]!.contracts).toEqual([]);
    expect(loaded.scenario.network.startDate).toBe("2026-03-01");
    expect(loaded.sweep).toBeUndefined();
    expect(loaded.files).toEqual([join(dir, "base.yaml")]);
  });

  it("is deeply immutable", () => {
    const s = loaded.scenario;
    for (const o of [s, s.network, s.market.price, s.miners, s.miners[1], s.miners[1]!.contracts, s.miners[1]!.contracts[0], s.quantiles]) {
      expect(Object.isFrozen(o)).toBe(true);
    }
    expect(() => {
      (s.network as { exitSpeed: number }).exitSpeed = 5;
    }).toThrow(TypeError);
    expect(Object.isFrozen(loaded.input)).toBe(true);
  });

  it("keeps provenance for every key of the input", () => {
    const loc = loaded.provenance.locate(["miners", 1, "contracts", 0, "itMW"]);
    const key = positionOf(BASELINE_YAML, "itMW: 200");
    expect(loc).toEqual({ file: join(dir, "base.yaml"), line: key.line, column: key.column + "itMW: ".length });
  });

  it("locatedIssue reports a later problem at the key's place", () => {
    const issue = locatedIssue(loaded.provenance, ["miners", 2, "jPerTh"], "too efficient for its vintage");
    const key = positionOf(BASELINE_YAML, "jPerTh: 16");
    expect(issue).toEqual({
      file: join(dir, "base.yaml"),
      line: key.line,
      column: key.column + "jPerTh: ".length,
      path: "miners[2].jPerTh",
      message: "too efficient for its vintage",
    });
  });

  it("from a string, with extends looked up in baseDir", () => {
    const s = loadScenarioFromString("extends: base.yaml\npaths: 7\n", ExampleScenario, { baseDir: dir, file: "nb.yaml" });
    expect(s.scenario.paths).toBe(7);
    expect(s.files).toEqual(["nb.yaml", "base.yaml"]);
  });

  it("a missing file is a ScenarioError naming it", () => {
    const err = scenarioError(() => loadScenario(join(dir, "nope.yaml"), ExampleScenario));
    expect(err.issues).toEqual([{ file: join(dir, "nope.yaml"), path: "", message: "cannot load: no such file" }]);
  });

  it("an empty file is a clear error", () => {
    const err = scenarioError(() => loadScenarioFromString("", ExampleScenario, { file: "e.yaml" }));
    expect(err.issues[0]?.message).toBe('a scenario file must be a map of keys (like "network: ..."), found null (an empty value)');
  });
});
