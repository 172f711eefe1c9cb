/**
 * Compiling scenarios to the model's plan (src/scenario/compile.ts): left-out keys give the
 * model's defaults, each key reaches the plan field it names, dates become day indices,
 * miners and contracts merge by id, custom miners join the plan with the network total
 * kept, price CSVs are read relative to the scenario file with located errors, and model
 * RangeErrors come back as ScenarioErrors on the right key.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_AI_LEASE, DEFAULT_FEES, DEFAULT_FLEET_GROWTH, DEFAULT_FLEET_LAG } from "../../src/model/calibration.js";
import { dayIndexFromIso } from "../../src/model/market/index.js";
import { DAYS_PER_MONTH, DEFAULT_COLO_TERMS, DEFAULT_GPU_TERMS, PROFILES, RIOT } from "../../src/model/miners/index.js";
import { defaultModelPlan, initialNetworkEh } from "../../src/model/path/index.js";
import {
  ScenarioSchema,
  compileScenario,
  loadAndCompile,
  loadScenarioFromString,
  formatPath,
  locateModelError,
  modelDefaults,
  type CompiledScenario,
} from "../../src/scenario/index.js";
import { issueAt, positionOf, removeDir, scenarioError, tempFiles } from "./helpers.js";

const HEAD = "name: t\ndescription: a test scenario\n";
const START = modelDefaults().startDate;

function compile(body: string): CompiledScenario {
  return compileScenario(loadScenarioFromString(HEAD + body, ScenarioSchema, { file: "t.yaml" }));
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function files(f: Record<string, string>): string {
  const d = tempFiles(f);
  dirs.push(d);
  return d;
}

describe("compile: defaults and top-level keys", () => {
  it("a scenario with only a name and description is the model's default plan", () => {
    const c = compile("");
    expect(c.plan).toEqual(defaultModelPlan());
    expect(c.seed).toBeUndefined();
    expect(c.paths).toBeUndefined();
    expect(c.name).toBe("t");
  });

  it("top-level keys reach the plan exactly as the model's own options do", () => {
    const c = compile(
      "seed: 42\npaths: 300\nhorizonDate: 2029-06-30\nengine: reference\nexitSpeed: 2\ndecisionEveryDays: 14\noutput: { gridEveryDays: 28, minerSeries: false }\nswitches: { marketLeaseRates: false }\n",
    );
    expect(c.seed).toBe(42);
    expect(c.paths).toBe(300);
    expect(c.plan).toEqual(
      defaultModelPlan({
        horizonDate: "2029-06-30",
        engineMode: "reference",
        exitSpeed: 2,
        decisionEveryDays: 14,
        gridEveryDays: 28,
        switches: { minerSeries: false, marketLeaseRates: false },
      }),
    );
  });
});

describe("compile: market and network", () => {
  it("GBM parameters, shocks (dates → days), fees, AI lease and power peaks", () => {
    const c = compile(`market:
  price: { model: gbm, startPriceUSD: 60000, driftPerYear: 0.1, volCalmAnnual: 0.4, jumpMeanLog: -0.05, crashPct: -25, initialRegime: stressed }
  shocks:
    - { date: 2027-02-01, pct: -50, label: half }
  fees: { meanBTC: 0.05 }
  aiLease: { driftPerYear: -0.2, updateEveryDays: 7 }
  powerPeaks: { enabled: true, priceUSDPerMWh: 500 }
`);
    const price = c.plan.market.price;
    const m = price.model;
    expect(m.kind).toBe("gbm");
    if (m.kind !== "gbm") return;
    expect([m.s0, m.muPerYear, m.sigmaCalm, m.jumpMeanLog, m.initialRegime]).toEqual([60000, 0.1, 0.4, -0.05, "stressed"]);
    expect(m.crashLogSize).toBeCloseTo(Math.log(0.75), 14);
    expect(price.shocks).toEqual([{ day: dayIndexFromIso(START, "2027-02-01"), logReturn: Math.log(0.5), label: "half" }]);
    expect(c.plan.market.fees).toEqual({ ...DEFAULT_FEES, meanBtc: 0.05 });
    expect(c.plan.market.aiLease).toEqual({ ...DEFAULT_AI_LEASE, driftPerYear: -0.2, updateIntervalDays: 7 });
    expect(c.plan.market.powerPeaks.enabled).toBe(true);
    expect(c.plan.market.powerPeaks.peakPriceUsdPerMwh).toBe(500);
  });

  it("shocks without a price block apply to the default GBM", () => {
    const c = compile("market:\n  shocks: [{ date: 2026-03-02, pct: 10, label: up }]\n");
    expect(c.plan.market.price.model).toEqual(defaultModelPlan().market.price.model);
    expect(c.plan.market.price.shocks).toEqual([{ day: 1, logReturn: Math.log1p(10 / 100), label: "up" }]);
  });

  it("network: initial hashrate, lag, growth and dated events as day indices", () => {
    const c = compile(`network:
  initialHashrateEH: 1000
  lag: { downDays: 15 }
  growth: { buildRateMWPerMonth: 100, installLagMinDays: 60 }
  events:
    - { label: storm, date: 2027-01-10, shareOffline: 0.3, rampDownDays: 2, endDate: 2027-01-20, rampBackDays: 5 }
    - { label: gone, date: 2028-01-01, shareOffline: 0.1, permanent: true }
`);
    expect(initialNetworkEh(c.plan)).toBeCloseTo(1000, 9);
    expect(c.plan.fleet.lag).toEqual({ ...DEFAULT_FLEET_LAG, tauDownDays: 15 });
    expect(c.plan.fleet.growth).toEqual({ ...DEFAULT_FLEET_GROWTH, buildRateMwPerMonth: 100, installLagMinDays: 60 });
    expect(c.plan.fleet.events).toEqual([
      {
        label: "storm",
        startDay: dayIndexFromIso(START, "2027-01-10"),
        shareOffline: 0.3,
        rampDownDays: 2,
        endDay: dayIndexFromIso(START, "2027-01-20"),
        rampBackDays: 5,
      },
      { label: "gone", startDay: dayIndexFromIso(START, "2028-01-01"), shareOffline: 0.1, permanent: true },
    ]);
  });
});

describe("compile: named miners", () => {
  it("a list runs exactly the enabled miners, in order, with their overrides", () => {
    const c = compile(`miners:
  - id: iren
    strategy: exit
    exitSpeed: 3
    jPerTH: 14
  - id: mara
  - id: riot
    enabled: false
`);
    expect(c.plan.miners.map((m) => m.id)).toEqual(["iren", "mara"]);
    const iren = c.plan.miners[0]!;
    expect([iren.strategy.kind, iren.exitSpeed, iren.jPerTh]).toEqual(["exit", 3, 14]);
    expect(c.plan).toEqual(
      defaultModelPlan({ miners: ["iren", "mara"], minerOverrides: { iren: { strategy: "exit", exitSpeed: 3, jPerTh: 14 } } }),
    );
  });

  it("contracts merge into the profile's by id: change one, drop one, add one with its kind's default terms", () => {
    const c = compile(`miners:
  - id: riot
    contracts:
      - { id: riot-amd, itMW: 50, usdPerITMWYear: 1500000 }
      - { id: riot-corsicana, enabled: false }
      - { id: riot-gpu, kind: gpu, itMW: 20, energiseDate: 2028-01-01, source: new, status: planned }
`);
    const spec = c.plan.miners[0]!;
    expect(spec.contracts.map((k) => k.id)).toEqual(["riot-amd", "riot-gpu"]);
    const amdProfile = RIOT.contracts.find((k) => k.id === "riot-amd")!;
    const amd = spec.contracts[0]!;
    expect(amd.itMw).toBe(50);
    expect(amd.buildDays).toBeCloseTo(amdProfile.buildMonths * DAYS_PER_MONTH, 9); // unchanged field kept
    const gpu = spec.contracts[1]!;
    expect([gpu.kind, gpu.itMw, gpu.signed, gpu.margin, gpu.capexUsdPerItMw]).toEqual([
      "gpu",
      20,
      false,
      DEFAULT_GPU_TERMS.margin,
      DEFAULT_GPU_TERMS.capexUsdPerItMw,
    ]);
    expect(gpu.grossMw).toBeCloseTo(20 / DEFAULT_GPU_TERMS.itPerGross, 12);
  });

  it("a custom miner joins the plan in list order and the network total stays the scenario's", () => {
    const c = compile(`network: { initialHashrateEH: 1000 }
miners:
  - id: mara
  - id: own
    custom: true
    name: Own Mining
    powerMW: 150
    jPerTH: 15
    powerCostUSDPerMWh: 35
    strategy: threshold
    thresholdDays: 30
    contracts:
      - { id: own-ai, itMW: 30, energiseDate: 2027-06-30, source: mining }
  - id: riot
`);
    expect(c.plan.miners.map((m) => m.id)).toEqual(["mara", "own", "riot"]);
    const own = c.plan.miners[1]!;
    expect([own.name, own.miningMw, own.jPerTh, own.powerUsdPerMwh, own.strategy.kind, own.strategy.thresholdDays]).toEqual([
      "Own Mining",
      150,
      15,
      35,
      "threshold",
      30,
    ]);
    expect([own.treasuryBtc, own.holdFraction, own.interruptibleShare, own.drEnrolledShare]).toEqual([0, 0, 0, 0]);
    expect(own.contracts[0]!.grossMw).toBeCloseTo(30 / DEFAULT_COLO_TERMS.itPerGross, 12);
    expect(initialNetworkEh(c.plan)).toBeCloseTo(1000, 9);
    // The fleet runs the network less every named miner, custom ones included.
    const named = c.plan.miners.reduce((s, m) => s + m.miningMw / m.jPerTh, 0);
    expect(c.plan.fleet.initialRunningEh).toBeCloseTo(1000 - named, 9);
  });

  it("named miners running more than the network is a located error", () => {
    const body = "network: { initialHashrateEH: 100 }\nminers: all\n";
    const err = scenarioError(() => compile(body));
    const named = PROFILES.reduce((s, p) => s + p.miningMw / p.jPerTh, 0);
    const issue = issueAt(err, "network.initialHashrateEH");
    expect(issue.message).toContain(`${named.toFixed(1)} EH/s`);
    expect(issue.line).toBe(positionOf(HEAD + body, "100").line);
  });
});

describe("compile: price CSV files", () => {
  const csv = "date,btc_usd\n2026-02-27,68000\n2026-02-28,69000\n2026-03-01,70000\n2026-03-02,71000\n2026-03-03,70500\n2026-03-04,72000\n";

  it("bootstrap reads the CSV relative to the file that names it, also through extends from another folder", () => {
    const dir = files({
      "data/prices.csv": csv,
      "base.yaml": `${HEAD}market:\n  price: { model: bootstrap, csv: data/prices.csv, blockDays: 2, startPriceUSD: 65000 }\n`,
      "sub/child.yaml": "extends: ../base.yaml\nname: child\n",
    });
    const rows = csv.trim().split("\n").slice(1).map((l) => Number(l.split(",")[1]));
    const expected = rows.slice(1).map((p, i) => Math.log(p / rows[i]!));
    for (const file of ["base.yaml", "sub/child.yaml"]) {
      const m = loadAndCompile(join(dir, file)).base.plan.market.price.model;
      expect(m.kind).toBe("bootstrap");
      if (m.kind !== "bootstrap") continue;
      expect(Array.from(m.logReturns)).toEqual(expected);
      expect([m.s0, m.blockLengthDays, m.logDriftPerYear]).toEqual([65000, 2, null]);
    }
  });

  it("a fixed path takes the prices from the start date for the whole horizon", () => {
    const dir = files({
      "p.csv": csv,
      "s.yaml": `${HEAD}horizonDate: 2026-03-04\nmarket:\n  price: { model: fixed, csv: p.csv }\n`,
    });
    const m = loadAndCompile(join(dir, "s.yaml")).base.plan.market.price.model;
    expect(m.kind === "fixed" && Array.from(m.prices)).toEqual([70000, 71000, 70500, 72000]);
  });

  it("a fixed path shorter than the horizon is an error on the csv key", () => {
    const text = `${HEAD}horizonDate: 2026-03-10\nmarket:\n  price: { model: fixed, csv: p.csv }\n`;
    const dir = files({ "p.csv": csv, "s.yaml": text });
    const err = scenarioError(() => loadAndCompile(join(dir, "s.yaml")));
    const issue = issueAt(err, "market.price.csv");
    expect(issue.message).toMatch(/runs past the data/);
    expect(issue.line).toBe(positionOf(text, "p.csv").line);
  });

  it("a missing file names the csv key; a bad row names the CSV file and line", () => {
    const text = `${HEAD}market:\n  price: { model: bootstrap, csv: nope.csv, blockDays: 2 }\n`;
    const dir = files({ "s.yaml": text, "bad.csv": "date,btc_usd\n2026-03-01,70000\n2026-03-02,abc\n" });
    const missing = issueAt(scenarioError(() => loadAndCompile(join(dir, "s.yaml"))), "market.price.csv");
    expect(missing.message).toMatch(/cannot read the price file "nope.csv".*no such file/);
    expect([missing.line, missing.column]).toEqual([positionOf(text, "nope.csv").line, positionOf(text, "nope.csv").column]);

    writeFileSync(join(dir, "s.yaml"), text.replace("nope.csv", "bad.csv"));
    const bad = issueAt(scenarioError(() => loadAndCompile(join(dir, "s.yaml"))), "market.price.csv");
    expect(bad.file).toBe(join(dir, "bad.csv"));
    expect(bad.line).toBe(3);
    expect(bad.message).toMatch(/not a number: "abc"/);
  });
});

describe("compile: model errors come back located", () => {
  it("a start price the calibrated fleet cannot take names market.price.startPriceUSD", () => {
    const body = "market:\n  price: { model: gbm, startPriceUSD: 500000 }\n";
    const issue = issueAt(scenarioError(() => compile(body)), "market.price.startPriceUSD");
    expect(issue.message).toMatch(/^the model rejects this: /);
    expect(issue.message).toMatch(/use a lower start price/);
    expect(issue.line).toBe(positionOf(HEAD + body, "500000").line);
  });

  it("a bootstrap block longer than the sample names market.price.blockDays", () => {
    const dir = files({
      "p.csv": "date,btc_usd\n2026-03-01,70000\n2026-03-02,71000\n2026-03-03,72000\n",
      "s.yaml": `${HEAD}market:\n  price: { model: bootstrap, csv: p.csv, blockDays: 30 }\n`,
    });
    const issue = issueAt(scenarioError(() => loadAndCompile(join(dir, "s.yaml"))), "market.price.blockDays");
    expect(issue.message).toMatch(/a block of 30 days is longer than the 2 daily returns/);
  });

  it("the model's message for its own fields maps to the scenario key (locateModelError)", () => {
    const ctx = { minerIndexById: new Map([["riot", 3]]), planMinerIds: ["mara", "riot"], contractIndex: () => 1, priceModel: undefined };
    const at = (msg: string) => formatPath(locateModelError(msg, ctx).path);
    expect(at("model plan: decisionEveryDays must be an integer in [1, 365], got 0")).toBe("decisionEveryDays");
    expect(at("model plan: grid[3] must be after grid[2] (strictly increasing)")).toBe("output.gridEveryDays");
    expect(at("model plan: market is invalid: fee plan: meanBtc must be finite >= 0, got -1")).toBe("market.fees");
    expect(at("model plan: fleet is invalid: fleet plan: growth.intervalDays must be a finite number > 0, got 0")).toBe("network.growth");
    expect(at('model plan: fleet is invalid: hashrate event 2 ("x"): startDay must be finite')).toBe("network.events[2]");
    expect(at("model plan: miners[1].jPerTh must be finite > 0, got 0")).toBe("miners[3]");
    expect(at("miner riot/riot-amd: itMw must be > 0, got 0")).toBe("miners[3].contracts[1]");
    expect(at("something else entirely")).toBe("");
  });

  it("loadScenario alone does not read CSV files (compile does)", () => {
    const loaded = loadScenarioFromString(`${HEAD}market:\n  price: { model: fixed, csv: none.csv }\n`, ScenarioSchema);
    expect(loaded.scenario.market?.price?.model).toBe("fixed");
    expect(issueAt(scenarioError(() => compileScenario(loaded)), "market.price.csv").message).toMatch(/no such file/);
  });
});
