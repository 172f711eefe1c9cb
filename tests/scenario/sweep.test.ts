import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  expandSweep,
  formatPath,
  isPlainObject,
  loadScenario,
  loadScenarioFromString,
  MAX_SWEEP_VARIANTS,
  variantSeed,
  type PathSegment,
} from "../../src/scenario/index.js";
import { BASELINE_YAML, ExampleScenario } from "./exampleSchema.js";
import { issueAt, positionOf, removeDir, scenarioError, tempFiles } from "./helpers.js";

const FILE = "sweep.yaml";
const base = loadScenarioFromString(BASELINE_YAML, ExampleScenario, { file: FILE }).scenario;

function withSweep(sweep: string, options: { maxVariants?: number } = {}) {
  const text = `${BASELINE_YAML}sweep:\n${sweep}`;
  return { text, load: () => loadScenarioFromString(text, ExampleScenario, { file: FILE, ...options }) };
}

/** Concrete paths (formatted) at which two plain data trees differ. */
function diffPaths(a: unknown, b: unknown, path: PathSegment[] = []): string[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => diffPaths(x, b[i], [...path, i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffPaths(a[k], b[k], [...path, k]));
  }
  return Object.is(a, b) ? [] : [formatPath(path)];
}

/** The value of `data` at a concrete path given as text (test helper for simple paths). */
function at(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((cur, seg) => (cur as Record<string | number, unknown>)[seg], data);
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe("sweep: grid", () => {
  const exit = [0.25, 0.5, 1, 2, 4];
  const vol = [0.4, 0.8];
  const { load } = withSweep(
    `  grid:\n    network.exitSpeed: [${exit.join(", ")}]\n    market.price.volAnnual: [${vol.join(", ")}]\n`,
  );
  const variants = expandSweep(load());

  it("has one variant per combination (the product of the list lengths)", () => {
    expect(variants).toHaveLength(exit.length * vol.length);
    const combos = new Set(variants.map((v) => JSON.stringify([v.scenario.network.exitSpeed, (v.scenario.market.price as { volAnnual: number }).volAnnual])));
    expect(combos.size).toBe(exit.length * vol.length);
    for (const e of exit) for (const s of vol) expect(combos.has(JSON.stringify([e, s]))).toBe(true);
  });

  it("orders variants like nested loops, first key slowest", () => {
    variants.forEach((v, i) => {
      expect(v.index).toBe(i);
      expect(v.overrides).toEqual({
        "network.exitSpeed": exit[Math.floor(i / vol.length)],
        "market.price.volAnnual": vol[i % vol.length],
      });
    });
  });

  it("each variant differs from the base exactly at the keys it sets", () => {
    for (const v of variants) {
      expect(v.changedPaths).toEqual(["network.exitSpeed", "market.price.volAnnual"]);
      const changed = diffPaths(base, v.scenario);
      // A value equal to the base's (exitSpeed 1 is the default) changes nothing.
      const expected = v.changedPaths.filter((p) => {
        const segs = p.split(".");
        return !Object.is(at(base, segs), at(v.scenario, segs));
      });
      expect(changed.sort()).toEqual(expected.sort());
    }
  });

  it("derives stable, filename-safe names from the values", () => {
    expect(variants.map((v) => v.name)).toEqual(
      exit.flatMap((e) => vol.map((s) => `exitSpeed=${e}_volAnnual=${s}`)),
    );
    for (const v of variants) expect(v.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._=+-]*$/);
  });

  it("variants and their scenarios are deeply frozen; the base is unchanged", () => {
    const v = variants[0]!;
    expect(Object.isFrozen(v.scenario)).toBe(true);
    expect(Object.isFrozen(v.scenario.miners[1]!.contracts[0])).toBe(true);
    expect(Object.isFrozen(v.overrides)).toBe(true);
    const loaded = load();
    expandSweep(loaded);
    expect(loaded.scenario).toEqual(base);
  });

  it("shares path seeds across variants by default (common random numbers)", () => {
    expect(variants.every((v) => v.commonRandomNumbers)).toBe(true);
    expect(new Set(variants.map((v) => variantSeed(42, v)))).toEqual(new Set([42]));
  });
});

describe("sweep: zip and grid × zip", () => {
  it("zip matches lists item by item", () => {
    const { load } = withSweep(
      "  zip:\n    miners[id=MARA].strategy: [hodl, exit, threshold]\n    miners[id=MARA].powerMW: [1700, 900, 1200]\n",
    );
    const vs = expandSweep(load());
    expect(vs.map((v) => [v.scenario.miners[0]!.strategy, v.scenario.miners[0]!.powerMW])).toEqual([
      ["hodl", 1700],
      ["exit", 900],
      ["threshold", 1200],
    ]);
    expect(vs[1]!.changedPaths).toEqual(["miners[0].strategy", "miners[0].powerMW"]);
    expect(vs.map((v) => v.name)).toEqual(["strategy=hodl_powerMW=1700", "strategy=exit_powerMW=900", "strategy=threshold_powerMW=1200"]);
  });

  it("zip lists of different lengths are an error naming the key", () => {
    const { text, load } = withSweep("  zip:\n    network.exitSpeed: [1, 2, 3]\n    paths: [10, 20]\n");
    const issue = issueAt(scenarioError(load), "sweep.zip.paths");
    expect(issue.message).toBe('zip lists must have the same length: "paths" has 2 values, "network.exitSpeed" has 3');
    expect(issue.line).toBe(positionOf(text, "paths: [10").line);
  });

  it("grid × zip: the zip is one more axis (varying fastest)", () => {
    const { load } = withSweep(
      "  grid:\n    network.exitSpeed: [0.5, 2]\n  zip:\n    miners[id=MARA].strategy: [hodl, exit, threshold]\n    miners[id=RIOT].strategy: [mullet, exit, hodl]\n",
    );
    const vs = expandSweep(load());
    expect(vs).toHaveLength(2 * 3);
    const rows = vs.map((v) => [v.scenario.network.exitSpeed, v.scenario.miners[0]!.strategy, v.scenario.miners[1]!.strategy]);
    expect(rows).toEqual([
      [0.5, "hodl", "mullet"],
      [0.5, "exit", "exit"],
      [0.5, "threshold", "hodl"],
      [2, "hodl", "mullet"],
      [2, "exit", "exit"],
      [2, "threshold", "hodl"],
    ]);
    // Two keys ending in "strategy": the labels take one more step to stay distinct.
    expect(vs[0]!.name).toBe("exitSpeed=0.5_MARA.strategy=hodl_RIOT.strategy=mullet");
  });
});

describe("sweep: names", () => {
  it("uses given names", () => {
    const { load } = withSweep("  grid:\n    network.exitSpeed: [0.5, 2]\n  names: [slow, fast]\n");
    expect(expandSweep(load()).map((v) => v.name)).toEqual(["slow", "fast"]);
  });

  it("wrong number, repeated or unsafe names are errors", () => {
    expect(issueAt(scenarioError(withSweep("  grid:\n    paths: [1, 2]\n  names: [a]\n").load), "sweep.names").message).toBe(
      "expected 2 names (one per variant), found 1",
    );
    const dup = scenarioError(withSweep("  grid:\n    paths: [1, 2]\n  names: [a, a]\n").load);
    expect(issueAt(dup, "sweep.names[1]").message).toBe('variant name "a" is used twice (also names[0])');
    const unsafe = scenarioError(withSweep("  grid:\n    paths: [1, 2]\n  names: [a, 'b/c']\n").load);
    expect(issueAt(unsafe, "sweep.names[1]").message).toMatch(/^variant name "b\/c" is not filename-safe/);
  });

  it("labels strings, maps and lists safely; collisions get the variant number", () => {
    const { load } = withSweep(
      "  grid:\n    name: ['a b', 'a/b']\n    market.price:\n      - {model: fixed, priceUsd: 1}\n      - {model: fixed, priceUsd: 2}\n",
    );
    expect(expandSweep(load()).map((v) => v.name)).toEqual([
      "name=a-b_price=v1_1",
      "name=a-b_price=v2_2",
      "name=a-b_price=v1_3",
      "name=a-b_price=v2_4",
    ]);
  });
});

describe("sweep: paths", () => {
  it("can set keys the file leaves to defaults, and initial-state keys", () => {
    const { load } = withSweep("  grid:\n    network.hashrateEHs: [500, 1500]\n    miners[2].strategy: [exit]\n");
    const vs = expandSweep(load());
    expect(base.miners[2]!.strategy).toBe("hodl"); // from the schema's default
    expect(vs.map((v) => [v.scenario.network.hashrateEHs, v.scenario.miners[2]!.strategy])).toEqual([
      [500, "exit"],
      [1500, "exit"],
    ]);
  });

  it("an unknown key is an error naming the path, with a suggestion", () => {
    const { text, load } = withSweep("  grid:\n    network.exitSpeeed: [1, 2]\n");
    const issue = issueAt(scenarioError(load), 'sweep.grid["network.exitSpeeed"]');
    expect(issue.message).toBe('sweep path "network.exitSpeeed": unknown key "exitSpeeed" under network');
    expect(issue.suggestion).toBe("exitSpeed");
    expect(issue).toMatchObject(positionOf(text, "network.exitSpeeed"));
  });

  it("a selector that matches nothing is an error listing the ids", () => {
    const issue = issueAt(scenarioError(withSweep("  grid:\n    miners[id=MARX].powerMW: [1]\n").load), 'sweep.grid["miners[id=MARX].powerMW"]');
    expect(issue.message).toBe('sweep path "miners[id=MARX].powerMW": no item of miners has id=MARX (ids: MARA, RIOT, CLSK)');
    expect(issue.suggestion).toBe("MARA");
  });

  it("an index out of range, bad syntax and overlapping paths are errors", () => {
    const err = scenarioError(
      withSweep("  grid:\n    miners[5].powerMW: [1]\n    network..x: [1]\n    network: [{}]\n    network.exitSpeed: [1]\n").load,
    );
    expect(issueAt(err, 'sweep.grid["miners[5].powerMW"]').message).toBe(
      'sweep path "miners[5].powerMW": index 5 is out of range: miners has 3 items',
    );
    expect(issueAt(err, 'sweep.grid["network..x"]').message).toContain("empty key");
    expect(issueAt(err, 'sweep.grid["network.exitSpeed"]').message).toContain('overlaps "network"');
  });

  it("a sweep without keys, with empty lists or over the variant cap is an error", () => {
    expect(issueAt(scenarioError(withSweep("  commonRandomNumbers: false\n").load), "sweep").message).toBe(
      "a sweep needs at least one key under grid or zip",
    );
    expect(issueAt(scenarioError(withSweep("  grid:\n    paths: []\n").load), "sweep.grid.paths").message).toContain(
      "at least 1 item",
    );
    const big = Array.from({ length: 11 }, (_, i) => i + 1);
    const sweep = `  grid:\n    paths: [${big.join(",")}]\n    network.hashrateEHs: [${big.join(",")}]\n`;
    expect(issueAt(scenarioError(withSweep(sweep, { maxVariants: 100 }).load), "sweep").message).toBe(
      "the sweep has more than 100 variants (11 × 11), over the limit of 100",
    );
    expect(expandSweep(withSweep(sweep, { maxVariants: 121 }).load())).toHaveLength(121);
    expect(MAX_SWEEP_VARIANTS).toBeGreaterThanOrEqual(121);
  });
});

describe("sweep: validation of each variant", () => {
  it("a bad value names the variant, the key and the sweep entry that set it", () => {
    const { text, load } = withSweep("  grid:\n    network.exitSpeed: [1, 99]\n    paths: [10, 20]\n");
    const loaded = load(); // the base with its sweep block is valid
    const err = scenarioError(() => expandSweep(loaded));
    // 99 is wrong in two variants; reported once, for the first.
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({
      file: FILE,
      variant: "exitSpeed=99_paths=10",
      path: "network.exitSpeed",
      message: "expected a number between 0 and 10, found 99",
      ...positionOf(text, "99"),
    });
  });

  it("commonRandomNumbers: false gives each variant its own seed", () => {
    const vs = expandSweep(withSweep("  grid:\n    paths: [1, 2, 3]\n  commonRandomNumbers: false\n").load());
    const seeds = vs.map((v) => variantSeed("s", v));
    expect(new Set(seeds).size).toBe(3);
    expect(seeds[0]).toBe(`s#${vs[0]!.name}`);
  });

  it("without a sweep block there is one variant, the scenario itself", () => {
    const loaded = loadScenarioFromString(BASELINE_YAML, ExampleScenario);
    const [only, ...rest] = expandSweep(loaded);
    expect(rest).toHaveLength(0);
    expect(only).toMatchObject({ name: "base", overrides: {}, changedPaths: [] });
    expect(only!.scenario).toBe(loaded.scenario);
  });

  it("a sweep inherited through extends applies to the child's data and locates errors in the parent", () => {
    const parent = (values: string) => `${BASELINE_YAML}sweep:\n  grid:\n    miners[id=RIOT].powerMW: [${values}]\n`;
    const child = "extends: parent.yaml\nminers:\n  - id: RIOT\n    strategy: exit\n";
    const good = tempFiles({ "parent.yaml": parent("300, 1500"), "child.yaml": child });
    const badParent = parent("300, 250000");
    const bad = tempFiles({ "parent.yaml": badParent, "child.yaml": child });
    dirs.push(good, bad);
    const vs = expandSweep(loadScenario(join(good, "child.yaml"), ExampleScenario));
    expect(vs.map((v) => [v.scenario.miners[1]!.strategy, v.scenario.miners[1]!.powerMW])).toEqual([
      ["exit", 300],
      ["exit", 1500],
    ]);
    const err = scenarioError(() => expandSweep(loadScenario(join(bad, "child.yaml"), ExampleScenario)));
    expect(issueAt(err, "miners[1].powerMW")).toMatchObject({
      file: join(bad, "parent.yaml"),
      variant: "powerMW=250000",
      ...positionOf(badParent, "250000"),
    });
  });
});
