/**
 * The opt-in absolute build-rate cap of the "margin" growth rule (fleetGrowth.ts
 * capMarginOrderEh, growth.marginCapMwPerMonth): each order is at most C MW per month of
 * the interval, in the run and in the order-book rebuild; absent (or +Infinity) the rule is
 * the uncapped one bit for bit; the scenario key, the prior's capLogSd and the CLI refuse
 * bad values naming the key.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  NO_PRIOR,
  buildBacktestPlan,
  drawPathGrowth,
  initialOrderBook,
  parseBacktestScenario,
  runBacktest,
  validatePrior,
  type OrderBookStep,
} from "../../src/backtest/index.js";
import { DEFAULT_FEES, DEFAULT_FLEET_GROWTH, DEFAULT_NETWORK } from "../../src/model/calibration.js";
import {
  capMarginOrderEh,
  createFleetState,
  defaultFleetPlan,
  fleetGrowthUpdate,
  fleetPipelineEh,
  frontierOrder,
  validateFleetPlan,
  type FleetGrowthParams,
  type FrontierOrder,
} from "../../src/model/fleet/index.js";
import { revenuePerPhDayAtDifficulty } from "../../src/model/units.js";
import { createRng } from "../../src/random/index.js";
import { runBacktestCli } from "./cli-run.js";
import { DIFFICULTY_PATH, PRICES_PATH, loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();
const D0 = DEFAULT_NETWORK.initialDifficulty;
const SUBSIDY = DEFAULT_NETWORK.subsidyBtc;
const FEES = DEFAULT_FEES.meanBtc;
const priceFor = (hp: number): number => hp / revenuePerPhDayAtDifficulty(1, SUBSIDY + FEES, D0);
const DAYS_PER_MONTH = 365 / 12;
/** A margin plan with a fast rule (κ 8/yr) so that a cap of a few hundred MW/month binds at the default network. */
const margin = (extra: Partial<FleetGrowthParams> = {}) => defaultFleetPlan({ growth: { mode: "margin", marginGrowthPerYear: 8, ...extra } });

/** EH/s ordered at day 0 at hashprice `hp` under `plan`. */
function orderAt(plan: ReturnType<typeof margin>, hp: number): { eh: number; jPerTh: number; f: ReturnType<typeof createFleetState> } {
  const f = createFleetState(plan);
  fleetGrowthUpdate(f, 0, priceFor(hp), SUBSIDY, FEES, D0, Infinity, createRng("cap"));
  return { eh: fleetPipelineEh(f), jPerTh: f.pendingJPerTh[0]!, f };
}

describe("capMarginOrderEh", () => {
  it("is min(order, C·Δt/(365/12)/e): the capped order draws exactly C MW per month of the interval", () => {
    const capEh = (300 * 7) / DAYS_PER_MONTH / 20;
    expect(capMarginOrderEh(1e6, 300, 7, 20)).toBe(capEh);
    expect(capMarginOrderEh(1e6, 300, 7, 20) * 20).toBeCloseTo((300 * 7) / DAYS_PER_MONTH, 9); // MW
    expect(capMarginOrderEh(0.5 * capEh, 300, 7, 20)).toBe(0.5 * capEh); // below the cap: the order itself
    expect(capMarginOrderEh(0, 300, 7, 20)).toBe(0);
  });

  it("with no cap (undefined or +Infinity) returns the order itself", () => {
    for (const o of [0, 1.25, 1e9]) {
      expect(capMarginOrderEh(o, undefined, 7, 20)).toBe(o);
      expect(capMarginOrderEh(o, Infinity, 7, 20)).toBe(o);
    }
  });
});

describe("fleetGrowthUpdate with marginCapMwPerMonth", () => {
  const hp = 150; // pays back well inside the hurdle: the uncapped order is large
  const free = orderAt(margin(), hp);

  it("caps the order at exactly C MW for the interval when the rule asks for more", () => {
    const g = DEFAULT_FLEET_GROWTH;
    const capMw = (0.5 * free.eh * free.jPerTh * DAYS_PER_MONTH) / g.intervalDays; // half of what the rule orders
    const capped = orderAt(margin({ marginCapMwPerMonth: capMw }), hp);
    expect(capped.f.nPending).toBe(1);
    expect(capped.jPerTh).toBe(free.jPerTh);
    expect(capped.eh).toBe((capMw * g.intervalDays) / DAYS_PER_MONTH / free.jPerTh);
    expect(capped.eh * capped.jPerTh).toBeCloseTo((capMw * g.intervalDays) / DAYS_PER_MONTH, 9);
    expect(capped.eh).toBeCloseTo(0.5 * free.eh, 9);
  });

  it("leaves an order below the cap, and a cap of +Infinity, bit-identical to no cap (same order, same arrival day)", () => {
    const capMw = (2 * free.eh * free.jPerTh * DAYS_PER_MONTH) / DEFAULT_FLEET_GROWTH.intervalDays;
    for (const cap of [capMw, Infinity]) {
      const o = orderAt(margin({ marginCapMwPerMonth: cap }), hp);
      expect(o.eh).toBe(free.eh);
      expect(o.f.pendingDay[0]).toBe(free.f.pendingDay[0]);
      expect(o.f.lastPaybackDays).toBe(free.f.lastPaybackDays);
    }
  });

  it("is not used in fixedRate mode (the default rule orders its build rate)", () => {
    const a = createFleetState(defaultFleetPlan());
    const b = createFleetState(defaultFleetPlan({ growth: { marginCapMwPerMonth: 1 } }));
    for (const f of [a, b]) fleetGrowthUpdate(f, 0, priceFor(60), SUBSIDY, FEES, D0, Infinity, createRng("d"));
    expect(fleetPipelineEh(b)).toBe(fleetPipelineEh(a));
    expect("marginCapMwPerMonth" in DEFAULT_FLEET_GROWTH).toBe(false);
  });

  it("validation: the cap must be > 0 (+Infinity allowed), in either mode", () => {
    for (const bad of [0, -5, NaN]) {
      expect(() => validateFleetPlan(margin({ marginCapMwPerMonth: bad }))).toThrow(/growth\.marginCapMwPerMonth must be > 0/);
      expect(() => validateFleetPlan(defaultFleetPlan({ growth: { marginCapMwPerMonth: bad } }))).toThrow(/growth\.marginCapMwPerMonth/);
    }
    expect(() => validateFleetPlan(margin({ marginCapMwPerMonth: Infinity }))).not.toThrow();
    expect(() => validateFleetPlan(margin({ marginCapMwPerMonth: 250 }))).not.toThrow();
  });
});

describe("the order book rebuilt with a cap", () => {
  const g: FleetGrowthParams = { ...DEFAULT_FLEET_GROWTH, mode: "margin", marginGrowthPerYear: 8, hurdlePaybackDays: 1000 };
  const steps: OrderBookStep[] = [-70, -63, -56, -49, -42, -35, -28, -21, -14, -7].map((day) => ({
    day,
    priceUsd: NaN,
    difficulty: 1e14,
    subsidyBtc: 3.125,
    feesBtcPerBlock: 0.05,
    hashpriceUsdPerPhDay: 400,
    daysToNextHalving: Infinity,
    installedEh: 800,
  }));

  it("places each rebuilt order at no more than C MW for its interval (frontierOrder applies the cap)", () => {
    const s = steps[0]!;
    const o: FrontierOrder = { eh: 0, jPerTh: NaN, paybackDays: NaN };
    frontierOrder(g, s.day, s.hashpriceUsdPerPhDay, s.subsidyBtc, s.feesBtcPerBlock, s.difficulty, s.daysToNextHalving, 0, s.installedEh, o);
    const freeMw = o.eh * o.jPerTh;
    const capMw = (0.25 * freeMw * DAYS_PER_MONTH) / g.intervalDays;
    const book = initialOrderBook({ ...g, marginCapMwPerMonth: capMw }, steps);
    expect(book.length).toBe(steps.length); // all within the minimum lag: whole orders
    for (const b of book) expect(b.eh * b.jPerTh).toBeLessThanOrEqual((capMw * g.intervalDays) / DAYS_PER_MONTH * (1 + 1e-12));
    expect(book[0]!.eh * book[0]!.jPerTh).toBeCloseTo((capMw * g.intervalDays) / DAYS_PER_MONTH, 9);
    expect(initialOrderBook({ ...g, marginCapMwPerMonth: Infinity }, steps)).toEqual(initialOrderBook(g, steps));
  });
});

describe("backtests with a cap", () => {
  const input = { epochs, prices, from: "2017-01-01", to: "2017-06-30" };
  const run = (growth: object) => runBacktest(buildBacktestPlan({ ...input, scenario: { growth, prior: NO_PRIOR } }), epochs, 4, "c");

  it("no cap (key absent) and an unreachable cap give the same rows; a tight cap lowers the median", () => {
    const free = run({});
    expect(run({ marginCapMwPerMonth: 1e9 }).rows).toEqual(free.rows);
    const tight = run({ marginCapMwPerMonth: 5 });
    const last = tight.rows.length - 1;
    expect(tight.rows[last]!.simMedian).toBeLessThan(free.rows[last]!.simMedian);
  });

  it("the plan carries the cap; the order book is rebuilt with it", () => {
    const bp = buildBacktestPlan({ ...input, scenario: { growth: { marginCapMwPerMonth: 5 } } });
    expect(bp.growth.marginCapMwPerMonth).toBe(5);
    expect(bp.plan.fleet.initialOrders ?? []).toEqual(initialOrderBook(bp.growth, bp.orderHistory));
  });
});

describe("prior.capLogSd", () => {
  const g: FleetGrowthParams = { ...DEFAULT_FLEET_GROWTH, mode: "margin", marginGrowthPerYear: 4, marginCapMwPerMonth: 200 };
  const prior = { growthLogSd: 0.3, hurdleLogSd: 0, elasticitySd: 0.1 };

  it("draws C lognormally after κ, h, ε (their draws unchanged); no draw without a finite cap", () => {
    const base = drawPathGrowth(g, prior, "p", 5);
    const withCap = drawPathGrowth(g, { ...prior, capLogSd: 0.5 }, "p", 5);
    expect(withCap.marginGrowthPerYear).toBe(base.marginGrowthPerYear);
    expect(withCap.asicPriceElasticity).toBe(base.asicPriceElasticity);
    expect(base.marginCapMwPerMonth).toBe(200);
    expect(withCap.marginCapMwPerMonth).not.toBe(200);
    const { marginCapMwPerMonth: _unused, ...noCap } = g;
    void _unused;
    expect(drawPathGrowth(noCap, { ...prior, capLogSd: 0.5 }, "p", 5)).toEqual(drawPathGrowth(noCap, prior, "p", 5));
  });

  it("draws ln(C/median) ~ N(0, σ²) (moments within 4 standard errors)", () => {
    const n = 4000;
    const sd = 0.4;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.log(drawPathGrowth(g, { growthLogSd: 0, hurdleLogSd: 0, capLogSd: sd }, "m", i).marginCapMwPerMonth! / 200);
    const mean = x.reduce((s, t) => s + t, 0) / n;
    const s2 = x.reduce((s, t) => s + (t - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(n));
    expect(Math.abs(Math.sqrt(s2) - sd)).toBeLessThan((4 * sd) / Math.sqrt(2 * (n - 1)));
  });

  it("validatePrior refuses a negative or non-finite capLogSd", () => {
    expect(() => validatePrior({ growthLogSd: 0, hurdleLogSd: 0, capLogSd: -1 })).toThrow(/prior\.capLogSd/);
    expect(() => validatePrior({ growthLogSd: 0, hurdleLogSd: 0, capLogSd: Infinity })).toThrow(/prior\.capLogSd/);
  });
});

describe("the scenario keys", () => {
  it("reads growth.marginCapMwPerMonth and prior.capLogSd; misspelt keys and non-numbers are errors naming the key", () => {
    const s = parseBacktestScenario('{"growth":{"marginCapMwPerMonth":250},"prior":{"capLogSd":0.2}}', "s.json");
    expect(s.growth).toEqual({ marginCapMwPerMonth: 250 });
    expect(s.prior).toEqual({ capLogSd: 0.2 });
    expect(() => parseBacktestScenario('{"growth":{"marginCapMW":250}}', "s.json")).toThrow(/^s\.json: growth\.marginCapMW is not a known key \(known: .*marginCapMwPerMonth/);
    expect(() => parseBacktestScenario('{"prior":{"capSd":0.2}}', "s.json")).toThrow(/^s\.json: prior\.capSd is not a known key \(known: .*capLogSd/);
    expect(() => parseBacktestScenario('{"growth":{"marginCapMwPerMonth":"250"}}', "s.json")).toThrow(/^s\.json: growth\.marginCapMwPerMonth must be a number/);
  });
});

describe("exodus backtest with a bad cap", () => {
  const dir = mkdtempSync(join(tmpdir(), "exodus-cap-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = runBacktestCli;

  for (const [name, json, key] of [
    ["a negative cap", '{"growth":{"marginCapMwPerMonth":-100}}', "growth.marginCapMwPerMonth"],
    ["a zero cap", '{"growth":{"marginCapMwPerMonth":0}}', "growth.marginCapMwPerMonth"],
    ["a negative capLogSd", '{"prior":{"capLogSd":-0.1}}', "prior.capLogSd"],
    ["an unknown key", '{"growth":{"marginCap":100}}', "growth.marginCap"],
  ] as const) {
    it(`exits 2 naming the key on ${name}`, async () => {
      const file = join(dir, `${key}.json`);
      writeFileSync(file, json);
      const r = await run(["--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--from", "2019-01-01", "--to", "2019-03-31", "-n", "2", "-q", "-o", join(dir, "out"), "--scenario", file]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(key);
    });
  }
});
