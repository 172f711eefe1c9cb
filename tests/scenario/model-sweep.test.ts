/**
 * `extends` and sweeps with the model's real schema: the bundled exit-speed sweep (5
 * variants that differ from their base only in exitSpeed, and whose plans differ only as
 * the model's exitSpeed option makes them), keyed miner lists merging by id through
 * extends, a sweep over a miner's key, and per-variant seeds.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DAYS_PER_MONTH } from "../../src/model/miners/index.js";
import { defaultModelPlan } from "../../src/model/path/index.js";
import {
  ScenarioSchema,
  compileSweep,
  expandSweep,
  loadAndCompile,
  loadScenario,
  variantSeed,
} from "../../src/scenario/index.js";
import { issueAt, positionOf, removeDir, scenarioError, tempFiles } from "./helpers.js";

const scenarios = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const SWEEP = join(scenarios, "sweeps/exit-speed.yaml");
const SPEEDS = [0.25, 0.5, 1, 2, 4];

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe("the bundled exit-speed sweep", () => {
  const loaded = loadScenario(SWEEP, ScenarioSchema);

  it("has 5 variants, each the base scenario with only exitSpeed set", () => {
    const variants = expandSweep(loaded);
    expect(variants.map((v) => v.scenario.exitSpeed)).toEqual(SPEEDS);
    expect(variants.map((v) => v.name)).toEqual(SPEEDS.map((s) => `exitSpeed=${s}`));
    for (const v of variants) {
      const { exitSpeed, ...rest } = v.scenario;
      expect(exitSpeed).toBeDefined();
      expect(rest).toEqual(loaded.scenario);
      expect(v.changedPaths).toEqual(["exitSpeed"]);
    }
  });

  it("compiles each variant to the plan the model builds with that exitSpeed, nothing else changed", () => {
    const file = loadAndCompile(SWEEP);
    expect(file.variants).toHaveLength(SPEEDS.length);
    for (const [i, v] of file.variants.entries()) {
      const s = SPEEDS[i]!;
      expect(v.plan.exitSpeed).toBe(s);
      expect(v.plan).toEqual(defaultModelPlan({ ...file.base.options, exitSpeed: s }));
      // What exitSpeed does (miners/contracts.ts compileContract): it scales what lies ahead
      // of day 0. Riot–AMD is under construction at the start (build began before day 0), so
      // the part built before day 0 stays and the rest scales: it energises on day e / s.
      const riot = v.plan.miners.find((m) => m.id === "riot")!;
      const amd = riot.contracts.find((c) => c.id === "riot-amd")!;
      const base = file.base.plan.miners.find((m) => m.id === "riot")!.contracts.find((c) => c.id === "riot-amd")!;
      expect(base.startDay).toBeLessThan(0);
      expect(base.contractualEnergiseDay).toBeGreaterThan(0);
      expect(amd.contractualEnergiseDay).toBeCloseTo(base.contractualEnergiseDay / s, 9);
      expect(amd.startDay).toBe(base.startDay);
      expect(riot.exitSpeed).toBe(s);
      // The market, fleet and grid are the same plan data in every variant.
      expect(v.plan.market).toEqual(file.base.plan.market);
      expect(v.plan.fleet).toEqual(file.base.plan.fleet);
      expect(v.plan.grid).toEqual(file.base.plan.grid);
    }
    // …and the base itself runs at the model's default exitSpeed.
    expect(file.base.plan.exitSpeed).toBe(defaultModelPlan().exitSpeed);
  });

  it("variants share the scenario's seed under common random numbers", () => {
    const file = loadAndCompile(SWEEP);
    for (const v of file.variants) {
      expect(v.commonRandomNumbers).toBe(true);
      expect(v.seed).toBe(file.base.seed);
    }
  });
});

describe("extends and sweeps with the model schema", () => {
  const parent = `name: parent
description: p
seed: 7
miners:
  - id: mara
  - id: riot
  - id: iren
`;

  it("a child changes one miner by id and drops one with enabled: false; the others stay in order", () => {
    const dir = tempFiles({
      "parent.yaml": parent,
      "child.yaml": "extends: parent.yaml\nname: child\nminers:\n  - id: riot\n    strategy: exit\n  - id: iren\n    enabled: false\n",
    });
    dirs.push(dir);
    const c = loadAndCompile(join(dir, "child.yaml")).base;
    expect(c.name).toBe("child");
    expect(c.description).toBe("p");
    expect(c.plan.miners.map((m) => [m.id, m.strategy.kind])).toEqual([
      ["mara", "hodl"],
      ["riot", "exit"],
    ]);
  });

  it("a sweep over a miner's key by id selector changes that miner only; seeds follow commonRandomNumbers", () => {
    const dir = tempFiles({
      "parent.yaml": parent,
      "sweep.yaml": `extends: parent.yaml
name: s
sweep:
  grid:
    miners[id=riot].strategy: [hodl, threshold]
  commonRandomNumbers: false
`,
    });
    dirs.push(dir);
    const loaded = loadScenario(join(dir, "sweep.yaml"), ScenarioSchema);
    const variants = compileSweep(loaded);
    expect(variants.map((v) => v.plan.miners.map((m) => m.strategy.kind))).toEqual([
      ["hodl", "hodl", "threshold"],
      ["hodl", "threshold", "threshold"],
    ]);
    expect(variants.map((v) => v.seed)).toEqual(variants.map((v) => variantSeed(7, { name: v.variant, commonRandomNumbers: false })));
    expect(new Set(variants.map((v) => v.seed)).size).toBe(2);
  });

  it("a sweep value the schema refuses is reported for its variant", () => {
    const dir = tempFiles({
      "parent.yaml": parent,
      "bad.yaml": "extends: parent.yaml\nsweep:\n  grid:\n    exitSpeed: [1, -2]\n",
    });
    dirs.push(dir);
    const err = scenarioError(() => loadAndCompile(join(dir, "bad.yaml")));
    const issue = issueAt(err, "exitSpeed");
    expect(issue.variant).toBe("exitSpeed=-2");
    expect(issue.message).toMatch(/> 0 and ≤ 100/);
  });

  it("a compile error in one variant names that variant and points at the sweep entry", () => {
    const text = "extends: parent.yaml\nsweep:\n  grid:\n    market.price:\n      - { model: gbm }\n      - { model: gbm, startPriceUSD: 900000 }\n";
    const dir = tempFiles({ "parent.yaml": parent, "bad.yaml": text });
    dirs.push(dir);
    const err = scenarioError(() => loadAndCompile(join(dir, "bad.yaml")));
    const issue = issueAt(err, "market.price.startPriceUSD");
    expect(issue.variant).toBe("price=v2");
    expect(issue.file).toBe(join(dir, "bad.yaml"));
    expect(issue.line).toBe(positionOf(text, "900000").line);
  });

  it("a CSV path set by a sweep value is read relative to the sweep file", () => {
    const csv = "date,btc_usd\n2026-03-01,70000\n2026-03-02,71000\n2026-03-03,70000\n";
    const dir = tempFiles({
      "base/parent.yaml": parent,
      "sweeps/data/a.csv": csv,
      "sweeps/s.yaml": "extends: ../base/parent.yaml\nsweep:\n  grid:\n    market.price:\n      - { model: bootstrap, csv: data/a.csv, blockDays: 1 }\n",
    });
    dirs.push(dir);
    const [v] = loadAndCompile(join(dir, "sweeps/s.yaml")).variants;
    const m = v!.plan.market.price.model;
    expect(m.kind === "bootstrap" && Array.from(m.logReturns)).toEqual([Math.log(71000 / 70000), Math.log(70000 / 71000)]);
  });

  it("the swept exitSpeed scales the build time still ahead at the start (DAYS_PER_MONTH × months)", () => {
    const file = loadAndCompile(SWEEP);
    const v4 = file.variants.find((v) => v.plan.exitSpeed === 4)!;
    const hut8 = v4.plan.miners.find((m) => m.id === "hut8")!;
    const rb = hut8.contracts.find((c) => c.id === "hut8-river-bend")!;
    // River Bend: 18 months (§e.1 "~18 months, greenfield", profiles.ts), begun before day 0:
    // what was built before day 0 stays, the remaining time until energisation runs 4x faster.
    const energise = rb.startDay + 18 * DAYS_PER_MONTH;
    expect(rb.startDay).toBeLessThan(0);
    expect(rb.contractualEnergiseDay).toBeCloseTo(energise / 4, 9);
    expect(rb.buildDays).toBeCloseTo(-rb.startDay + energise / 4, 9);
  });
});
