/**
 * The model's scenario schema (src/scenario/model-schema.ts): what it accepts, each guard
 * rail and cross-field check with the key path and position of its message, and the
 * editor annotations read from the model's constants.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_FEES, DEFAULT_NETWORK, DEFAULT_PRICE } from "../../src/model/calibration.js";
import { DEFAULT_BEHAVIOUR, DEFAULT_COLO_TERMS, PROFILES, RIOT } from "../../src/model/miners/index.js";
import {
  BUNDLED_MINER_IDS,
  MAX_HORIZON_YEARS,
  MAX_MINERS,
  MAX_PATHS,
  ScenarioSchema,
  loadScenarioFromString,
  modelDefaults,
  scenarioJsonSchema,
} from "../../src/scenario/index.js";
import { issueAt, positionOf, scenarioError } from "./helpers.js";

const HEAD = "name: t\ndescription: a test scenario\n";

function load(body: string) {
  return loadScenarioFromString(HEAD + body, ScenarioSchema, { file: "t.yaml" });
}

/** The one issue of `body` at `path`, checked to sit at `needle`'s line (and column if given). */
function expectIssue(body: string, path: string, needle: string, pattern: RegExp) {
  const err = scenarioError(() => load(body));
  const issue = issueAt(err, path);
  const pos = positionOf(HEAD + body, needle);
  expect(issue.line, err.format()).toBe(pos.line);
  expect(issue.message).toMatch(pattern);
  return issue;
}

describe("model scenario schema: valid files", () => {
  it("accepts the smallest file (name and description) and leaves every other key out", () => {
    const s = load("").scenario;
    expect(s.name).toBe("t");
    expect(Object.keys(s).sort()).toEqual(["description", "name"]);
  });

  it("accepts a file using every block", () => {
    const s = load(`seed: abc
paths: 500
start: ${DEFAULT_NETWORK.startDate}
horizonDate: 2030-12-31
engine: fast
exitSpeed: 2
decisionEveryDays: 14
output: { gridEveryDays: 14, minerSeries: false }
network:
  initialHashrateEH: 1000
  lag: { downDays: 20, upDays: 5 }
  growth: { enabled: false, installLagMinDays: 60, installLagMaxDays: 120 }
  events:
    - { label: storm, date: 2027-01-10, shareOffline: 0.2, rampDownDays: 1, endDate: 2027-01-15, rampBackDays: 3 }
    - { label: ban, date: 2028-05-01, shareOffline: 0.1, permanent: true }
market:
  price: { model: gbm, startPriceUSD: 65000, volCalmAnnual: 0.45, crashPct: -25 }
  shocks: [{ date: 2027-06-01, pct: -40, label: crash }]
  fees: { meanBTC: 0.03 }
  aiLease: { driftPerYear: -0.1 }
  powerPeaks: { enabled: true, months: [7, 8] }
economics: { hazardNeocloudPerYear: 0.1 }
behaviour: { thresholdDays: 60 }
switches: { marketLeaseRates: false }
miners:
  - id: riot
    strategy: exit
    exitStartDate: 2026-06-01
    exitEndDate: 2027-06-01
    contracts:
      - { id: riot-amd, itMW: 50 }
      - { id: riot-corsicana, enabled: false }
      - { id: riot-new, itMW: 100, energiseDate: 2028-01-01, source: new }
  - id: own
    custom: true
    powerMW: 100
    jPerTH: 15
    powerCostUSDPerMWh: 40
    strategy: hodl
`).scenario;
    expect(s.miners).not.toBe("all");
    expect(Array.isArray(s.miners) && s.miners.map((m) => m.id)).toEqual(["riot", "own"]);
    expect(s.market?.price?.model).toBe("gbm");
  });

  it("miners: all is the bundled profiles; the schema lists their ids", () => {
    expect(load("miners: all").scenario.miners).toBe("all");
    expect(BUNDLED_MINER_IDS).toEqual(PROFILES.map((p) => p.id));
  });
});

describe("model scenario schema: guard rails", () => {
  const minerList = "miners:\n  - id: mara\n  - id: riot\n    powerMW: ";

  it("a miner's MW out of range names miners[1].powerMW, with range and unit", () => {
    expectIssue(`${minerList}-5\n`, "miners[1].powerMW", "-5", /between 0 and 100000 \(MW\), found -5/);
    expectIssue(`${minerList}250000\n`, "miners[1].powerMW", "250000", /found 250000/);
  });

  it("paths above the limit and a horizon longer than the limit are refused", () => {
    expectIssue(`paths: ${MAX_PATHS + 1}\n`, "paths", "paths:", new RegExp(`between 1 and ${MAX_PATHS}`));
    const far = `${Number(DEFAULT_NETWORK.startDate.slice(0, 4)) + MAX_HORIZON_YEARS + 1}-01-01`;
    expectIssue(`horizonDate: ${far}\n`, "horizonDate", far, new RegExp(`longer than the limit of ${MAX_HORIZON_YEARS} years`));
    expectIssue("horizonDate: 2020-01-01\n", "horizonDate", "2020-01-01", /after the start/);
  });

  it("more than the maximum number of miners is refused", () => {
    const many = Array.from({ length: MAX_MINERS + 1 }, (_, i) => `  - { id: m${i}, custom: true, powerMW: 1, jPerTH: 20, powerCostUSDPerMWh: 40, strategy: hodl }`);
    const err = scenarioError(() => load(`miners:\n${many.join("\n")}\n`));
    expect(err.format()).toMatch(new RegExp(`miners: .*at most ${MAX_MINERS} items`));
  });

  it("the only supported start date is the model's", () => {
    expectIssue("start: 2026-04-01\n", "start", "2026-04-01", new RegExp(`expected ${modelDefaults().startDate}`));
  });

  it("an unknown miner id gets a suggestion; custom: true on a bundled id is refused", () => {
    const i = expectIssue("miners:\n  - id: maraa\n", "miners[0].id", "maraa", /unknown miner "maraa" \(did you mean "mara"\?\)/);
    expect(i.message).toContain("custom: true");
    expectIssue("miners:\n  - id: riot\n    custom: true\n", "miners[0].custom", "custom: true", /is a bundled profile/);
  });

  it("a custom miner must give powerMW, jPerTH, powerCostUSDPerMWh and strategy", () => {
    const err = scenarioError(() => load("miners:\n  - id: own\n    custom: true\n    powerMW: 10\n"));
    for (const key of ["jPerTH", "powerCostUSDPerMWh", "strategy"]) {
      expect(issueAt(err, `miners[0].${key}`).message).toContain(`a custom miner needs ${key}`);
    }
    expect(err.issues.some((i) => i.path === "miners[0].powerMW")).toBe(false);
  });

  it("contracts converting more mining MW than the miner has are refused on the contracts key", () => {
    // A source: mining contract whose build starts after the start converts the miner's own MW.
    const riotMw = RIOT.miningMw;
    const itMw = Math.ceil(riotMw * DEFAULT_COLO_TERMS.itPerGross) + 10; // > riotMw of site power
    const body = `miners:\n  - id: riot\n    contracts:\n      - { id: big, itMW: ${itMw}, energiseDate: 2028-06-30, source: mining }\n`;
    // The issue is on the list (its value starts at the first item).
    const issue = expectIssue(body, "miners[0].contracts", "{ id: big", /more than its powerMW/);
    expect(issue.message).toContain(`${riotMw} MW`);
    // The same contract on a new site is fine, and so is a smaller one.
    expect(() => load(body.replace("source: mining", "source: new"))).not.toThrow();
    expect(() => load(body.replace(`itMW: ${itMw}`, "itMW: 100"))).not.toThrow();
  });

  it("a custom miner's mining-sourced contracts are checked against its own powerMW", () => {
    const body = `miners:\n  - id: own\n    custom: true\n    powerMW: 50\n    jPerTH: 20\n    powerCostUSDPerMWh: 40\n    strategy: exit\n    contracts:\n      - { id: c, itMW: 60, energiseDate: 2028-01-01, source: mining }\n`;
    expectIssue(body, "miners[0].contracts", "{ id: c,", /need 80\.0 MW of site power/);
  });

  it("a new contract must give itMW, energiseDate and source; a near-miss id of the profile's is suggested", () => {
    const err = scenarioError(() => load("miners:\n  - id: riot\n    contracts:\n      - { id: brand-new, itMW: 10 }\n"));
    expect(issueAt(err, "miners[0].contracts[0].energiseDate").message).toMatch(/needs energiseDate/);
    expect(issueAt(err, "miners[0].contracts[0].source").message).toMatch(/needs source/);
    expectIssue("miners:\n  - id: riot\n    contracts:\n      - { id: riot-amdd, itMW: 10 }\n", "miners[0].contracts[0].id", "riot-amdd", /did you mean "riot-amd"/);
  });

  it("dates in order: exit end before start, event end before start, shocks outside the horizon", () => {
    expectIssue(
      "miners:\n  - id: riot\n    exitStartDate: 2027-01-01\n    exitEndDate: 2026-06-01\n",
      "miners[0].exitEndDate",
      "2026-06-01",
      /on or after exitStartDate/,
    );
    expectIssue(
      "network:\n  events:\n    - { label: x, date: 2027-01-10, shareOffline: 0.2, endDate: 2027-01-01 }\n",
      "network.events[0].endDate",
      "endDate",
      /on or after date/,
    );
    expectIssue(
      "network:\n  events:\n    - { label: x, date: 2027-01-10, shareOffline: 0.2 }\n",
      "network.events[0].endDate",
      "label: x",
      /temporary event needs an endDate/,
    );
    expectIssue(
      "horizonDate: 2028-12-31\nmarket:\n  shocks:\n    - { date: 2029-01-01, pct: -50, label: late }\n",
      "market.shocks[0].date",
      "2029-01-01",
      /on or before the horizon \(2028-12-31\)/,
    );
    // Without horizonDate, the model's default horizon is the limit.
    const after = `${Number(modelDefaults().horizonDate.slice(0, 4)) + 1}-01-01`;
    expectIssue(`market:\n  shocks:\n    - { date: ${after}, pct: -50, label: late }\n`, "market.shocks[0].date", after, /horizon/);
  });

  it("shocks do not apply to a fixed price path", () => {
    expectIssue(
      "market:\n  price: { model: fixed, csv: p.csv }\n  shocks: [{ date: 2027-01-01, pct: -10, label: x }]\n",
      "market.shocks",
      "shocks:",
      /do not apply to a fixed price path/,
    );
  });

  it("the price model is a discriminated union with a suggestion for a typo; bootstrap needs csv and blockDays", () => {
    expectIssue("market:\n  price: { model: gmb }\n", "market.price.model", "gmb", /did you mean "gbm"|expected one of/);
    const err = scenarioError(() => load("market:\n  price: { model: bootstrap }\n"));
    expect(issueAt(err, "market.price.csv").message).toMatch(/required key is missing/);
    expect(issueAt(err, "market.price.blockDays").message).toMatch(/required key is missing/);
  });

  it("a shock of −100% or less is refused (the price must stay positive)", () => {
    expectIssue("market:\n  shocks: [{ date: 2027-01-01, pct: -100, label: x }]\n", "market.shocks[0].pct", "-100", /> -100/);
  });

  it("ordered pairs: install lags, slip months, a peak window past midnight", () => {
    expectIssue(
      "network:\n  growth: { installLagMinDays: 200, installLagMaxDays: 100 }\n",
      "network.growth.installLagMaxDays",
      "growth",
      /must be ≥ installLagMinDays/,
    );
    expectIssue("economics: { slipMinMonths: 9, slipMaxMonths: 2 }\n", "economics.slipMaxMonths", "economics", /must be ≥ slipMinMonths/);
    expectIssue("market:\n  powerPeaks: { windowStartHour: 22, windowHours: 4 }\n", "market.powerPeaks.windowHours", "powerPeaks", /past midnight/);
  });

  it("unknown keys anywhere get a did-you-mean", () => {
    const i = expectIssue("exitSpeeed: 2\n", "exitSpeeed", "exitSpeeed", /unknown key "exitSpeeed"/);
    expect(i.suggestion).toBe("exitSpeed");
    const j = expectIssue("market:\n  price: { model: gbm, volCalmAnual: 0.4 }\n", "market.price.volCalmAnual", "volCalmAnual", /unknown key/);
    expect(j.suggestion).toBe("volCalmAnnual");
  });
});

describe("model scenario schema: editor JSON Schema", () => {
  type Node = { properties?: Record<string, Node>; default?: unknown; description?: string; anyOf?: Node[]; oneOf?: Node[]; items?: Node };
  const full = (scenarioJsonSchema() as { else: Node }).else;

  it("shows the model's defaults, read from its constants", () => {
    const props = full.properties!;
    expect(props["network"]!.properties!["initialHashrateEH"]!.default).toBe(DEFAULT_NETWORK.initialHashrateEh);
    expect(props["market"]!.properties!["fees"]!.properties!["meanBTC"]!.default).toBe(DEFAULT_FEES.meanBtc);
    expect(props["behaviour"]!.properties!["thresholdDays"]!.default).toBe(DEFAULT_BEHAVIOUR.thresholdDays);
    expect(props["horizonDate"]!.default).toBe(modelDefaults().horizonDate);
    const gbm = props["market"]!.properties!["price"]!.oneOf!.find((o) => o.properties?.["volCalmAnnual"] !== undefined)!;
    expect(gbm.properties!["startPriceUSD"]!.default).toBe(DEFAULT_PRICE.s0);
    expect(gbm.properties!["crashPct"]!.default).toBeCloseTo(Math.expm1(DEFAULT_PRICE.crashLogSize) * 100, 6);
  });

  it("every leaf key has a description (units included for numbers)", () => {
    const missing: string[] = [];
    let visited = 0;
    const walk = (n: Node, path: string) => {
      for (const [k, v] of Object.entries(n.properties ?? {})) {
        const p = `${path}.${k}`;
        visited++;
        if (v.properties === undefined && v.oneOf === undefined && v.description === undefined) missing.push(p);
        walk(v, p);
        for (const alt of [...(v.oneOf ?? []), ...(v.anyOf ?? []), ...(v.items !== undefined ? [v.items] : [])]) {
          walk(alt, p);
          for (const alt2 of [...(alt.anyOf ?? []), ...(alt.items !== undefined ? [alt.items] : [])]) walk(alt2, p);
        }
      }
    };
    walk(full, "");
    expect(missing).toEqual([]);
    expect(visited).toBeGreaterThan(170); // the walk reached the nested blocks, miners and contracts included
  });
});
