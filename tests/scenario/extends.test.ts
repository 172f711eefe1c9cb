import { join, normalize, relative, dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, MAX_EXTENDS_DEPTH } from "../../src/scenario/index.js";
import { BASELINE_YAML, ExampleScenario } from "./exampleSchema.js";
import { issueAt, positionOf, removeDir, scenarioError, tempFiles } from "./helpers.js";

const QUANTILES_BASE = `${BASELINE_YAML}quantiles: [0.05, 0.25, 0.5, 0.75, 0.95]\n`;
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function files(f: Record<string, string>): string {
  const d = tempFiles(f);
  dirs.push(d);
  return d;
}

const baseDir = files({ "base.yaml": QUANTILES_BASE });
const base = loadScenario(join(baseDir, "base.yaml"), ExampleScenario).scenario;

function loadChild(childText: string, extra: Record<string, string> = {}) {
  const d = files({ "base.yaml": QUANTILES_BASE, "child.yaml": childText, ...extra });
  return { dir: d, load: () => loadScenario(join(d, "child.yaml"), ExampleScenario) };
}

describe("extends: merging", () => {
  it("overrides one nested key and keeps the rest of the block", () => {
    const { dir, load } = loadChild("extends: base.yaml\nnetwork:\n  exitSpeed: 2\n");
    const s = load();
    expect(s.scenario.network).toEqual({ ...base.network, exitSpeed: 2 });
    expect(s.scenario.miners).toEqual(base.miners);
    expect(s.files).toEqual([join(dir, "child.yaml"), join(dir, "base.yaml")]);
  });

  it("follows a chain; the nearest file wins", () => {
    const { dir, load } = loadChild("extends: mid.yaml\npaths: 20\nnetwork:\n  hashrateEHs: 500\n", {
      "mid.yaml": "extends: base.yaml\npaths: 10\nname: mid\n",
    });
    const s = load();
    expect(s.scenario.paths).toBe(20);
    expect(s.scenario.name).toBe("mid");
    expect(s.scenario.network.hashrateEHs).toBe(500);
    expect(s.files).toEqual(["child.yaml", "mid.yaml", "base.yaml"].map((f) => join(dir, f)));
  });

  it("merges list items by id, keeps the others in order, appends new ids", () => {
    const { load } = loadChild(
      "extends: base.yaml\nminers:\n  - id: RIOT\n    strategy: threshold\n" +
        "  - id: IREN\n    powerMW: 50\n    jPerTh: 20\n    powerPriceUsdPerMWh: 30\n",
    );
    const miners = load().scenario.miners;
    expect(miners.map((m) => m.id)).toEqual([...base.miners.map((m) => m.id), "IREN"]);
    const riot = base.miners.find((m) => m.id === "RIOT")!;
    expect(miners.find((m) => m.id === "RIOT")).toEqual({ ...riot, strategy: "threshold" });
    for (const m of base.miners.filter((x) => x.id !== "RIOT")) expect(miners.find((x) => x.id === m.id)).toEqual(m);
  });

  it("merges nested keyed lists (a miner's contract by id)", () => {
    const { load } = loadChild("extends: base.yaml\nminers:\n  - id: RIOT\n    contracts:\n      - id: riot-ai-1\n        itMW: 300\n");
    const riot = load().scenario.miners.find((m) => m.id === "RIOT")!;
    const baseRiot = base.miners.find((m) => m.id === "RIOT")!;
    expect(riot.contracts).toEqual([{ ...baseRiot.contracts[0]!, itMW: 300 }]);
  });

  it("replaces lists without ids as a whole", () => {
    const { load } = loadChild("extends: base.yaml\nquantiles: [0.1, 0.9]\n");
    expect(base.quantiles.length).toBeGreaterThan(2);
    expect(load().scenario.quantiles).toEqual([0.1, 0.9]);
  });

  it("an empty list clears the inherited one", () => {
    const { load } = loadChild("extends: base.yaml\nminers:\n  - id: RIOT\n    contracts: []\n");
    expect(load().scenario.miners.find((m) => m.id === "RIOT")!.contracts).toEqual([]);
  });

  it("null deletes an inherited key (RFC 7396)", () => {
    const { load } = loadChild("extends: base.yaml\nname: ~\n");
    expect(base.name).toBeDefined();
    expect(load().scenario).not.toHaveProperty("name");
  });

  it("replace: restates a whole keyed list", () => {
    const { load } = loadChild(
      "extends:\n  file: base.yaml\n  replace: [miners]\nminers:\n  - id: RIOT\n    powerMW: 10\n    jPerTh: 20\n    powerPriceUsdPerMWh: 30\n",
    );
    const miners = load().scenario.miners;
    expect(miners).toHaveLength(1);
    expect(miners[0]).toMatchObject({ id: "RIOT", powerMW: 10, contracts: [], strategy: "hodl" });
  });

  it("replace: with a selector replaces one item's list", () => {
    const child =
      "extends:\n  file: base.yaml\n  replace: ['miners[id=RIOT].contracts']\nminers:\n  - id: RIOT\n    contracts:\n" +
      "      - id: other\n        itMW: 5\n        leaseUsdPerMWYear: 1\n        startDate: 2028-01-01\n";
    const { load } = loadChild(child);
    expect(load().scenario.miners.find((m) => m.id === "RIOT")!.contracts.map((c) => c.id)).toEqual(["other"]);
    // Without the replace the contract lists merge by id.
    const merged = loadChild(child.replace("  replace: ['miners[id=RIOT].contracts']\n", "")).load();
    expect(merged.scenario.miners.find((m) => m.id === "RIOT")!.contracts.map((c) => c.id)).toEqual(["riot-ai-1", "other"]);
  });

  it("swapping a union member needs replace; without it the stale keys are named in the parent file", () => {
    const child = "extends: base.yaml\nmarket:\n  price:\n    model: fixed\n    priceUsd: 100000\n";
    const { dir, load } = loadChild(child);
    const err = scenarioError(load);
    const stale = issueAt(err, "market.price.startUsd");
    expect(stale.file).toBe(join(dir, "base.yaml"));
    expect(stale.line).toBe(positionOf(QUANTILES_BASE, "startUsd").line);
    const ok = loadChild(child.replace("extends: base.yaml\n", "extends:\n  file: base.yaml\n  replace: [market.price]\n")).load();
    expect(ok.scenario.market.price).toEqual({ model: "fixed", priceUsd: 100000 });
  });
});

describe("extends: errors point to the file that set the key", () => {
  it("a bad value set by the child names the child; one set by the parent names the parent", () => {
    const badBase = QUANTILES_BASE.replace("jPerTh: 16", "jPerTh: 300");
    const child = "extends: base.yaml\nminers:\n  - id: MARA\n    powerMW: -5\n";
    const { dir, load } = loadChild(child, { "base.yaml": badBase });
    const err = scenarioError(load);
    const inChild = issueAt(err, "miners[0].powerMW");
    expect(inChild).toMatchObject({ file: join(dir, "child.yaml"), ...positionOf(child, "-5") });
    const inParent = issueAt(err, "miners[2].jPerTh");
    expect(inParent).toMatchObject({ file: join(dir, "base.yaml"), ...positionOf(badBase, "300") });
    expect(err.issues, err.format()).toHaveLength(2);
  });

  it("a YAML error in a parent names the parent", () => {
    const { dir, load } = loadChild("extends: base.yaml\n", { "base.yaml": "a: [1\n" });
    const err = scenarioError(load);
    expect(err.issues.every((i) => i.file === join(dir, "base.yaml"))).toBe(true);
  });

  it("a missing parent is named at the child's extends line", () => {
    const child = "paths: 3\nextends: nope.yaml\n";
    const { dir, load } = loadChild(child);
    const issue = issueAt(scenarioError(load), "extends");
    expect(issue).toMatchObject({ file: join(dir, "child.yaml"), ...positionOf(child, "nope.yaml") });
    expect(issue.message).toBe(`cannot extend "nope.yaml" (${join(dir, "nope.yaml")}): no such file`);
  });

  it("a cycle is reported with the chain", () => {
    const d = files({ "a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n" });
    const issue = issueAt(scenarioError(() => loadScenario(join(d, "a.yaml"), ExampleScenario)), "extends");
    expect(issue.message).toBe(`extends cycle: ${[join(d, "a.yaml"), join(d, "b.yaml"), join(d, "a.yaml")].join(" → ")}`);
    expect(issue.file).toBe(join(d, "b.yaml"));
  });

  it("a file extending itself is a cycle", () => {
    const d = files({ "a.yaml": "extends: ./a.yaml\n" });
    const issue = issueAt(scenarioError(() => loadScenario(join(d, "a.yaml"), ExampleScenario)), "extends");
    expect(issue.message).toBe(`extends cycle: ${join(d, "a.yaml")} → ${join(d, "a.yaml")}`);
  });

  it(`a chain longer than ${MAX_EXTENDS_DEPTH} files is refused; the limit is an option`, () => {
    const n = MAX_EXTENDS_DEPTH + 1;
    const f: Record<string, string> = { "base.yaml": QUANTILES_BASE };
    for (let i = 0; i < n - 1; i++) f[`l${i}.yaml`] = `extends: ${i === n - 2 ? "base" : `l${i + 1}`}.yaml\n`;
    const d = files(f);
    const err = scenarioError(() => loadScenario(join(d, "l0.yaml"), ExampleScenario));
    expect(issueAt(err, "extends").message).toMatch(new RegExp(`^extends chain is longer than ${MAX_EXTENDS_DEPTH} files: `));
    const ok = loadScenario(join(d, "l0.yaml"), ExampleScenario, { maxExtendsDepth: n });
    expect(ok.files).toHaveLength(n);
  });

  it("a replace path that names nothing in the child is an error", () => {
    const child = "extends:\n  file: base.yaml\n  replace: [minors]\npaths: 5\n";
    const { load } = loadChild(child);
    const issue = issueAt(scenarioError(load), "extends.replace[0]");
    expect(issue.message).toBe('"minors" names nothing set in this file, so there is nothing to replace with');
    expect(issue.line).toBe(positionOf(child, "minors").line);
  });

  it("duplicate ids in a child's keyed list are errors", () => {
    const child = "extends: base.yaml\nminers:\n  - id: RIOT\n    powerMW: 1\n  - id: RIOT\n    powerMW: 2\n";
    const { load } = loadChild(child);
    const issue = issueAt(scenarioError(load), "miners[1].id");
    expect(issue.message).toBe('duplicate id "RIOT" (also item 0); items of a list merged by id must have distinct ids');
    expect(issue.line).toBe(positionOf(child, "id: RIOT", 1).line);
  });

  it("a malformed extends value is an error naming extends", () => {
    const { load } = loadChild("extends: 5\n");
    const err = scenarioError(load);
    expect(err.issues[0]?.path).toBe("extends");
    expect(err.issues[0]?.message).toContain("found 5");
  });

  it("parent paths are relative to the extending file; messages keep the caller's relative naming", () => {
    const d = files({ "base.yaml": QUANTILES_BASE, "sub/child.yaml": "extends: ../base.yaml\npaths: -1\n" });
    const rel = relative(process.cwd(), join(d, "sub/child.yaml"));
    const s = scenarioError(() => loadScenario(rel, ExampleScenario));
    expect(issueAt(s, "paths").file).toBe(rel);
    const okDir = files({ "base.yaml": QUANTILES_BASE, "sub/child.yaml": "extends: ../base.yaml\n" });
    const okRel = relative(process.cwd(), join(okDir, "sub/child.yaml"));
    expect(loadScenario(okRel, ExampleScenario).files).toEqual([okRel, normalize(join(dirname(okRel), "../base.yaml"))]);
  });
});
