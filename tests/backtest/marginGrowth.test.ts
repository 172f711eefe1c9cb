/**
 * The opt-in "margin" (free-entry) growth rule of the fleet (fleetGrowth.ts
 * marginOrderEh): orders scale with the installed hashrate and the frontier's
 * profitability, are zero when entry does not pay, and are deterministic per seed; the
 * default ("fixedRate", mode absent) is untouched.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_FEES, DEFAULT_FLEET_GROWTH, DEFAULT_NETWORK } from "../../src/model/calibration.js";
import {
  capexPerPh,
  createFleetState,
  defaultFleetPlan,
  fleetGrowthUpdate,
  fleetInstalledEh,
  fleetPipelineEh,
  marginOrderEh,
  paybackDays,
  validateFleetPlan,
  type FleetGrowthParams,
} from "../../src/model/fleet/index.js";
import { createRng } from "../../src/random/index.js";
import { MWH_PER_PH_DAY_PER_J_PER_TH, revenuePerPhDayAtDifficulty } from "../../src/model/units.js";

const D0 = DEFAULT_NETWORK.initialDifficulty;
const SUBSIDY = DEFAULT_NETWORK.subsidyBtc;
const FEES = DEFAULT_FEES.meanBtc;
const REWARD = SUBSIDY + FEES;
const KAPPA = 2;
const margin = (extra: Partial<FleetGrowthParams> = {}) => defaultFleetPlan({ growth: { mode: "margin", marginGrowthPerYear: KAPPA, ...extra } });
const priceFor = (hp: number): number => hp / revenuePerPhDayAtDifficulty(1, REWARD, D0);

/** The payback the fleet computes at day 0 with an empty order book and no halving in reach. */
function payback0(hp: number): number {
  const g = DEFAULT_FLEET_GROWTH;
  const e = g.frontierJPerTh;
  const opex = MWH_PER_PH_DAY_PER_J_PER_TH * e * 0.5 * (g.newBuildPowerCostLo + g.newBuildPowerCostHi);
  return paybackDays(capexPerPh(g.asicUsdPerTh, g.siteCapexUsdPerMw, e), hp - opex, hp - opex, Infinity);
}

describe("marginOrderEh", () => {
  it("is κ·Δt/365·installed·(1 − payback/hurdle), linear in κ and in the installed hashrate", () => {
    const o = marginOrderEh(3, 7, 500, 200, 800);
    expect(o).toBeCloseTo(((3 * 7) / 365) * 500 * (1 - 200 / 800), 12);
    expect(marginOrderEh(6, 7, 500, 200, 800)).toBeCloseTo(2 * o, 12);
    expect(marginOrderEh(3, 7, 1000, 200, 800)).toBeCloseTo(2 * o, 12);
  });

  it("rises as payback shortens and tends to the ceiling κ·Δt/365·installed", () => {
    let prev = 0;
    for (const p of [799, 600, 400, 200, 50, 1]) {
      const o = marginOrderEh(3, 7, 500, p, 800);
      expect(o).toBeGreaterThan(prev);
      prev = o;
    }
    expect(prev).toBeLessThan(((3 * 7) / 365) * 500);
  });

  it("is zero when entry does not pay (payback ≥ hurdle or never), with nothing installed, or κ = 0", () => {
    expect(marginOrderEh(3, 7, 500, 800, 800)).toBe(0);
    expect(marginOrderEh(3, 7, 500, 5000, 800)).toBe(0);
    expect(marginOrderEh(3, 7, 500, Infinity, 800)).toBe(0);
    expect(marginOrderEh(3, 7, 500, NaN, 800)).toBe(0);
    expect(marginOrderEh(3, 7, 0, 100, 800)).toBe(0);
    expect(marginOrderEh(0, 7, 500, 100, 800)).toBe(0);
  });
});

describe("fleetGrowthUpdate in margin mode", () => {
  it("orders scale with the margin: a higher hashprice orders more, as the formula says", () => {
    const hurdle = DEFAULT_FLEET_GROWTH.hurdlePaybackDays;
    const orders = [50, 80, 150].map((hp) => {
      const f = createFleetState(margin());
      fleetGrowthUpdate(f, 0, priceFor(hp), SUBSIDY, FEES, D0, Infinity, createRng("m"));
      expect(f.nPending).toBe(1);
      expect(f.lastPaybackDays).toBeCloseTo(payback0(hp), 6);
      const expected = ((KAPPA * DEFAULT_FLEET_GROWTH.intervalDays) / 365) * fleetInstalledEh(f) * (1 - payback0(hp) / hurdle);
      expect(fleetPipelineEh(f)).toBeCloseTo(expected, 9);
      return fleetPipelineEh(f);
    });
    expect(orders[1]).toBeGreaterThan(orders[0]!);
    expect(orders[2]).toBeGreaterThan(orders[1]!);
  });

  it("orders nothing (and draws nothing) when the frontier does not pay back within the hurdle", () => {
    const f = createFleetState(margin());
    const rng = createRng("z");
    const twin = createRng("z");
    fleetGrowthUpdate(f, 0, priceFor(30), SUBSIDY, FEES, D0, Infinity, rng);
    expect(f.lastPaybackDays).toBeGreaterThan(DEFAULT_FLEET_GROWTH.hurdlePaybackDays);
    expect(f.nPending).toBe(0);
    expect(rng.double()).toBe(twin.double());
  });

  it("is deterministic per seed: same seed, same order and arrival day; another seed, another day", () => {
    const run = (seed: string) => {
      const f = createFleetState(margin());
      fleetGrowthUpdate(f, 0, priceFor(100), SUBSIDY, FEES, D0, Infinity, createRng(seed));
      return [f.pendingEh[0], f.pendingDay[0]];
    };
    expect(run("a")).toEqual(run("a"));
    expect(run("a")[0]).toBe(run("b")[0]);
    expect(run("a")[1]).not.toBe(run("b")[1]);
  });

  it("ignores buildRateMwPerMonth, which the fixed-rate default uses", () => {
    const a = createFleetState(margin({ buildRateMwPerMonth: 1 }));
    const b = createFleetState(margin({ buildRateMwPerMonth: 10_000 }));
    for (const f of [a, b]) fleetGrowthUpdate(f, 0, priceFor(100), SUBSIDY, FEES, D0, Infinity, createRng("i"));
    expect(fleetPipelineEh(a)).toBe(fleetPipelineEh(b));
  });
});

describe("the default stays fixed-rate", () => {
  it("DEFAULT_FLEET_GROWTH has no mode; mode \"fixedRate\" and no mode order the same build rate", () => {
    expect("mode" in DEFAULT_FLEET_GROWTH).toBe(false);
    const eh = [defaultFleetPlan(), defaultFleetPlan({ growth: { mode: "fixedRate" } })].map((plan) => {
      const f = createFleetState(plan);
      fleetGrowthUpdate(f, 0, priceFor(60), SUBSIDY, FEES, D0, Infinity, createRng("d"));
      return fleetPipelineEh(f);
    });
    const g = DEFAULT_FLEET_GROWTH;
    expect(eh[0]).toBe((g.buildRateMwPerMonth * g.intervalDays) / (365 / 12) / g.frontierJPerTh);
    expect(eh[1]).toBe(eh[0]);
  });
});

describe("asicUsdPerWatt (optional)", () => {
  it("prices the frontier at $/W × J/TH per TH instead of asicUsdPerTh", () => {
    const g = DEFAULT_FLEET_GROWTH;
    const e = g.frontierJPerTh;
    const w = 3;
    const f = createFleetState(defaultFleetPlan({ growth: { asicUsdPerWatt: w } }));
    const hp = 80;
    fleetGrowthUpdate(f, 0, priceFor(hp), SUBSIDY, FEES, D0, Infinity, createRng("w"));
    const opex = MWH_PER_PH_DAY_PER_J_PER_TH * e * 0.5 * (g.newBuildPowerCostLo + g.newBuildPowerCostHi);
    expect(f.lastPaybackDays).toBeCloseTo(paybackDays(capexPerPh(w * e, g.siteCapexUsdPerMw, e), hp - opex, hp - opex, Infinity), 6);
    expect(f.lastPaybackDays).not.toBeCloseTo(payback0(hp), 0);
    expect(() => validateFleetPlan(defaultFleetPlan({ growth: { asicUsdPerWatt: -1 } }))).toThrow(/growth\.asicUsdPerWatt/);
  });
});

describe("validation of the growth mode", () => {
  it("margin mode needs marginGrowthPerYear >= 0 and a positive hurdle; an unknown mode is refused", () => {
    expect(() => validateFleetPlan(defaultFleetPlan({ growth: { mode: "margin" } }))).toThrow(/growth\.marginGrowthPerYear/);
    expect(() => validateFleetPlan(margin({ marginGrowthPerYear: -1 }))).toThrow(/growth\.marginGrowthPerYear/);
    expect(() => validateFleetPlan(margin({ hurdlePaybackDays: 0 }))).toThrow(/hurdlePaybackDays/);
    expect(() => validateFleetPlan(defaultFleetPlan({ growth: { mode: "other" as never } }))).toThrow(/growth\.mode/);
    expect(() => validateFleetPlan(margin())).not.toThrow();
  });
});
