/**
 * The opt-in hashprice-indexed ASIC price (fleetGrowth.ts asicUsdPerThAt, used by
 * fleetGrowthUpdate) and its CALIBRATION anchor (asicPriceIndex.ts): ε = 0 (or absent) is
 * the constant price bit for bit; the price moves with the hashprice as
 * p_ref · (HP/HP_ref)^ε; the per-path draw of ε is deterministic per seed and leaves the
 * other draws unchanged.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_FEES, DEFAULT_FLEET_GROWTH, DEFAULT_NETWORK } from "../../src/model/calibration.js";
import { capexPerPh, createFleetState, defaultFleetPlan, fleetGrowthUpdate, paybackDays, validateFleetPlan, type FleetGrowthParams } from "../../src/model/fleet/index.js";
import { asicUsdPerThAt } from "../../src/model/fleet/fleetGrowth.js";
import { createRng } from "../../src/random/index.js";
import { MWH_PER_PH_DAY_PER_J_PER_TH, revenuePerPhDayAtDifficulty } from "../../src/model/units.js";
import { difficultyFromBits } from "../../src/consensus/index.js";
import {
  BACKTEST_ASIC_REF_HASHPRICE,
  BACKTEST_ASIC_USD_PER_TH,
  BACKTEST_CALIBRATION_ASIC_ELASTICITY,
  BACKTEST_FEE_SHARE_OF_REWARD,
  BACKTEST_FITTED_ASIC_ELASTICITY,
  BACKTEST_FITTED_ELASTICITY_SD,
  CALIBRATION_ASIC_2022_USD_PER_TH,
  NO_PRIOR,
  buildBacktestPlan,
  calibrationAsicAnchor,
  drawPathGrowth,
  hashpriceOn,
  runBacktest,
  validatePrior,
} from "../../src/backtest/index.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();

const D0 = DEFAULT_NETWORK.initialDifficulty;
const SUBSIDY = DEFAULT_NETWORK.subsidyBtc;
const FEES = DEFAULT_FEES.meanBtc;
const REWARD = SUBSIDY + FEES;
const priceFor = (hp: number): number => hp / revenuePerPhDayAtDifficulty(1, REWARD, D0);
const margin = (extra: Partial<FleetGrowthParams> = {}) => defaultFleetPlan({ growth: { mode: "margin", marginGrowthPerYear: 2, ...extra } });

/** Every field of the fleet state after one growth event at hashprice `hp`. */
function afterOneEvent(plan: ReturnType<typeof margin>, hp: number, seed: string) {
  const f = createFleetState(plan);
  fleetGrowthUpdate(f, 0, priceFor(hp), SUBSIDY, FEES, D0, Infinity, createRng(seed));
  return { payback: f.lastPaybackDays, n: f.nPending, eh: Array.from(f.pendingEh), day: Array.from(f.pendingDay), ordered: f.orderedEh };
}

describe("asicUsdPerThAt", () => {
  it("ε = 0 returns the base price itself, whatever the hashprice", () => {
    for (const hp of [0, 1, 57.3, 1e6]) expect(asicUsdPerThAt(38.8, hp, 114.3, 0)).toBe(38.8);
  });

  it("is base · (HP/HP_ref)^ε: the base at HP_ref, ×2^ε at twice HP_ref, rising with HP for ε > 0", () => {
    for (const e of [0.3, 0.625, 1.55, -0.4]) {
      expect(asicUsdPerThAt(40, 100, 100, e)).toBe(40);
      expect(asicUsdPerThAt(40, 200, 100, e)).toBeCloseTo(40 * 2 ** e, 12);
      expect(asicUsdPerThAt(40, 50, 100, e)).toBeCloseTo(40 * 0.5 ** e, 12);
    }
    let prev = 0;
    for (const hp of [20, 50, 100, 300, 1000]) {
      const p = asicUsdPerThAt(40, hp, 100, 0.625);
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
  });
});

describe("fleetGrowthUpdate with the indexed price", () => {
  it("ε = 0 (or absent) is bit-identical to the constant price", () => {
    for (const hp of [50, 80, 150]) {
      const base = afterOneEvent(margin(), hp, "e");
      expect(afterOneEvent(margin({ asicPriceElasticity: 0 }), hp, "e")).toEqual(base);
      expect(afterOneEvent(margin({ asicPriceElasticity: 0, asicRefHashprice: 7 }), hp, "e")).toEqual(base);
    }
  });

  it("prices the frontier at asicUsdPerTh · (HP/HP_ref)^ε: the payback is the one of that capex", () => {
    const g = DEFAULT_FLEET_GROWTH;
    const e = g.frontierJPerTh;
    const opex = MWH_PER_PH_DAY_PER_J_PER_TH * e * 0.5 * (g.newBuildPowerCostLo + g.newBuildPowerCostHi);
    const ref = 60;
    for (const hp of [40, 60, 120]) {
      const got = afterOneEvent(margin({ asicPriceElasticity: 0.8, asicRefHashprice: ref }), hp, "p").payback;
      const capex = capexPerPh(g.asicUsdPerTh * (hp / ref) ** 0.8, g.siteCapexUsdPerMw, e);
      expect(got).toBeCloseTo(paybackDays(capex, hp - opex, hp - opex, Infinity), 6);
    }
    // At HP_ref the price is the base price: the same payback as ε = 0.
    expect(afterOneEvent(margin({ asicPriceElasticity: 0.8, asicRefHashprice: 80 }), 80, "p").payback).toBeCloseTo(afterOneEvent(margin(), 80, "p").payback, 9);
  });

  it("a positive elasticity dampens entry in a boom: a higher hashprice raises the capex and the payback than at ε = 0", () => {
    const hi = 200;
    const ind = afterOneEvent(margin({ asicPriceElasticity: 0.8, asicRefHashprice: 60 }), hi, "b");
    const flat = afterOneEvent(margin(), hi, "b");
    expect(ind.payback).toBeGreaterThan(flat.payback);
    expect(ind.ordered).toBeLessThan(flat.ordered);
  });

  it("validation: ε must be finite, and a non-zero ε needs a positive reference hashprice", () => {
    expect(() => validateFleetPlan(margin({ asicPriceElasticity: NaN }))).toThrow(/growth\.asicPriceElasticity/);
    expect(() => validateFleetPlan(margin({ asicPriceElasticity: 0.5 }))).toThrow(/growth\.asicRefHashprice/);
    expect(() => validateFleetPlan(margin({ asicPriceElasticity: 0.5, asicRefHashprice: 0 }))).toThrow(/growth\.asicRefHashprice/);
    expect(() => validateFleetPlan(margin({ asicPriceElasticity: 0 }))).not.toThrow();
    expect(() => validateFleetPlan(margin({ asicPriceElasticity: 0.5, asicRefHashprice: 100 }))).not.toThrow();
  });
});

describe("the CALIBRATION anchor (asicPriceIndex.ts)", () => {
  it("hashpriceOn is the day's price at the difficulty of the last epoch started by 00:00 UTC", () => {
    const t = Date.parse("2022-06-15T00:00:00Z") / 1000;
    let r = -1;
    for (let i = 0; i < epochs.epoch.length; i++) if (epochs.startTime[i]! <= t) r = i;
    const day = Math.round(t / 86400);
    const price = prices.prices[day - prices.epochDays[0]!]!;
    expect(hashpriceOn(epochs, prices, "2022-06-15", 6.4)).toBe(revenuePerPhDayAtDifficulty(price, 6.4, difficultyFromBits(epochs.nbits[r]!)));
  });

  it("HP_ref is the geometric mean of Jan and Dec 2022; p_ref the backtest's constant price; ε_cal through both points", () => {
    const a = calibrationAsicAnchor(epochs, prices, BACKTEST_FEE_SHARE_OF_REWARD);
    expect(a.refHashprice).toBeCloseTo(Math.sqrt(a.hashpriceJan2022 * a.hashpriceDec2022), 9);
    expect(a.refUsdPerTh).toBe(BACKTEST_ASIC_USD_PER_TH);
    const [pHi, pLo] = CALIBRATION_ASIC_2022_USD_PER_TH;
    // The line through the anchor with ε_cal passes through both CALIBRATION points.
    expect(asicUsdPerThAt(a.refUsdPerTh, a.hashpriceJan2022, a.refHashprice, a.calibrationElasticity)).toBeCloseTo(pHi, 9);
    expect(asicUsdPerThAt(a.refUsdPerTh, a.hashpriceDec2022, a.refHashprice, a.calibrationElasticity)).toBeCloseTo(pLo, 9);
    // The frozen constants are these figures (derived, not typed in).
    expect(a.refHashprice).toBeCloseTo(BACKTEST_ASIC_REF_HASHPRICE, 9);
    expect(a.calibrationElasticity).toBeCloseTo(BACKTEST_CALIBRATION_ASIC_ELASTICITY, 12);
  });
});

describe("per-path draw of ε (paramPrior.ts)", () => {
  const g = { ...DEFAULT_FLEET_GROWTH, mode: "margin" as const, marginGrowthPerYear: 2, asicPriceElasticity: 0.6, asicRefHashprice: 100 };
  const prior = { growthLogSd: 0.4, hurdleLogSd: 0.1, elasticitySd: 0.3 };

  it("is deterministic per (seed, path), differs between paths and seeds, and leaves the rate and hurdle draws unchanged", () => {
    const a = drawPathGrowth(g, prior, "s", 5);
    expect(drawPathGrowth(g, prior, "s", 5)).toEqual(a);
    expect(drawPathGrowth(g, prior, "s", 6).asicPriceElasticity).not.toBe(a.asicPriceElasticity);
    expect(drawPathGrowth(g, prior, "t", 5).asicPriceElasticity).not.toBe(a.asicPriceElasticity);
    const without = drawPathGrowth(g, { growthLogSd: 0.4, hurdleLogSd: 0.1 }, "s", 5);
    expect(without.asicPriceElasticity).toBe(0.6);
    expect(without.marginGrowthPerYear).toBe(a.marginGrowthPerYear);
    expect(without.hurdlePaybackDays).toBe(a.hurdlePaybackDays);
    expect(drawPathGrowth(g, NO_PRIOR, "s", 5)).toEqual(g);
  });

  it("draws ε ~ N(ε_plan, sd²) (mean and sd within 4 standard errors)", () => {
    const n = 4000;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = drawPathGrowth(g, prior, "m", i).asicPriceElasticity! - 0.6;
      s1 += x;
      s2 += x * x;
    }
    const mean = s1 / n;
    const sd = Math.sqrt((s2 - n * mean * mean) / (n - 1));
    expect(Math.abs(mean)).toBeLessThan((4 * 0.3) / Math.sqrt(n));
    expect(Math.abs(sd - 0.3)).toBeLessThan((4 * 0.3) / Math.sqrt(2 * (n - 1)));
  });

  it("validatePrior refuses a negative or non-finite elasticitySd", () => {
    expect(() => validatePrior({ growthLogSd: 0, hurdleLogSd: 0, elasticitySd: -1 })).toThrow(/prior\.elasticitySd/);
    expect(() => validatePrior({ growthLogSd: 0, hurdleLogSd: 0, elasticitySd: Infinity })).toThrow(/prior\.elasticitySd/);
  });
});

describe("backtests with the indexed price", () => {
  const input = { epochs, prices, from: "2019-01-01", to: "2019-12-31" };

  it("use the fitted ε and its prior by default; fixedRate keeps the constant price and no draw of ε", () => {
    const bp = buildBacktestPlan(input);
    expect(bp.growth.asicPriceElasticity).toBe(BACKTEST_FITTED_ASIC_ELASTICITY);
    expect(bp.growth.asicRefHashprice).toBe(BACKTEST_ASIC_REF_HASHPRICE);
    expect(bp.prior.elasticitySd).toBe(BACKTEST_FITTED_ELASTICITY_SD);
    const fr = buildBacktestPlan({ ...input, scenario: { growth: { mode: "fixedRate" } } });
    expect(fr.growth.asicPriceElasticity).toBe(0);
    expect(fr.prior.elasticitySd).toBe(0);
  });

  it("same seed, same rows; ε = 0 in a scenario gives other rows than the fitted ε", () => {
    const bp = buildBacktestPlan(input);
    const a = runBacktest(bp, epochs, 8, "d");
    expect(runBacktest(bp, epochs, 8, "d")).toEqual(a);
    const flat = runBacktest(buildBacktestPlan({ ...input, scenario: { growth: { asicPriceElasticity: 0 } } }), epochs, 8, "d");
    expect(flat.rows.map((r) => r.simMedian)).not.toEqual(a.rows.map((r) => r.simMedian));
  });
});
