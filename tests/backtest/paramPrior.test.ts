/**
 * Per-path parameter draws of backtests (paramPrior.ts): deterministic per seed and path,
 * from their own stream, lognormal with the stated width, and they widen the bands.
 */
import { describe, expect, it } from "vitest";
import {
  BACKTEST_DEFAULT_PRIOR,
  BACKTEST_FITTED_GROWTH_LOG_SD,
  NO_PRIOR,
  buildBacktestPlan,
  drawPathGrowth,
  pathPlan,
  runBacktest,
  validatePrior,
} from "../../src/backtest/index.js";
import { DEFAULT_FLEET_GROWTH } from "../../src/model/calibration.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();
const marginGrowth = { ...DEFAULT_FLEET_GROWTH, mode: "margin" as const, marginGrowthPerYear: 2 };

describe("drawPathGrowth", () => {
  const prior = { growthLogSd: 0.5, hurdleLogSd: 0.2 };

  it("is deterministic in (seed, path) and differs between paths and seeds", () => {
    const a = drawPathGrowth(marginGrowth, prior, "s", 3);
    expect(drawPathGrowth(marginGrowth, prior, "s", 3)).toEqual(a);
    expect(drawPathGrowth(marginGrowth, prior, "s", 4).marginGrowthPerYear).not.toBe(a.marginGrowthPerYear);
    expect(drawPathGrowth(marginGrowth, prior, "t", 3).marginGrowthPerYear).not.toBe(a.marginGrowthPerYear);
  });

  it("changes only the rate and the hurdle; a zero prior returns the plan's values", () => {
    const a = drawPathGrowth(marginGrowth, prior, "s", 0);
    expect({ ...a, marginGrowthPerYear: 0, hurdlePaybackDays: 0 }).toEqual({ ...marginGrowth, marginGrowthPerYear: 0, hurdlePaybackDays: 0 });
    expect(drawPathGrowth(marginGrowth, NO_PRIOR, "s", 0)).toEqual(marginGrowth);
    // fixedRate: the build rate is the drawn rate.
    const f = drawPathGrowth(DEFAULT_FLEET_GROWTH, { growthLogSd: 0.5, hurdleLogSd: 0 }, "s", 0);
    expect(f.buildRateMwPerMonth).not.toBe(DEFAULT_FLEET_GROWTH.buildRateMwPerMonth);
    expect(f.hurdlePaybackDays).toBe(DEFAULT_FLEET_GROWTH.hurdlePaybackDays);
  });

  it("draws ln(rate/median) ~ N(0, σ²) and ln(hurdle/median) ~ N(0, τ²) (moments within 4 standard errors)", () => {
    const n = 4000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = drawPathGrowth(marginGrowth, prior, "moments", i);
      x[i] = Math.log(g.marginGrowthPerYear! / 2);
      y[i] = Math.log(g.hurdlePaybackDays / marginGrowth.hurdlePaybackDays);
    }
    for (const [v, sd] of [[x, prior.growthLogSd], [y, prior.hurdleLogSd]] as const) {
      const mean = v.reduce((s, t) => s + t, 0) / n;
      const s2 = v.reduce((s, t) => s + (t - mean) ** 2, 0) / (n - 1);
      // se(mean) = σ/√n; se(s) ≈ σ/√(2(n − 1)) for a normal sample.
      expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(n));
      expect(Math.abs(Math.sqrt(s2) - sd)).toBeLessThan((4 * sd) / Math.sqrt(2 * (n - 1)));
    }
    // Independent draws: correlation within 4/√n of 0.
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += x[i]! * y[i]!;
    expect(Math.abs(sxy / n / (prior.growthLogSd * prior.hurdleLogSd))).toBeLessThan(4 / Math.sqrt(n));
  });

  it("validatePrior refuses negative or non-finite widths", () => {
    expect(() => validatePrior({ growthLogSd: -0.1, hurdleLogSd: 0 })).toThrow(/prior\.growthLogSd/);
    expect(() => validatePrior({ growthLogSd: 0, hurdleLogSd: NaN })).toThrow(/prior\.hurdleLogSd/);
  });
});

describe("runBacktest with the prior", () => {
  const input = { epochs, prices, from: "2019-01-01", to: "2019-12-31" };
  const withPrior = buildBacktestPlan(input);
  const without = buildBacktestPlan({ ...input, scenario: { prior: NO_PRIOR } });

  it("backtests draw by default with the fitted width", () => {
    expect(withPrior.prior).toEqual(BACKTEST_DEFAULT_PRIOR);
    expect(withPrior.prior.growthLogSd).toBe(BACKTEST_FITTED_GROWTH_LOG_SD);
    expect(withPrior.growth.mode).toBe("margin");
  });

  it("same seed, same rows; each path runs its own drawn plan", () => {
    const a = runBacktest(withPrior, epochs, 12, "p");
    expect(runBacktest(withPrior, epochs, 12, "p")).toEqual(a);
    const p0 = pathPlan(withPrior, "p", 0);
    expect(p0.fleet.growth).toEqual(drawPathGrowth(withPrior.plan.fleet.growth, withPrior.prior, "p", 0));
    expect({ ...p0, fleet: withPrior.plan.fleet }).toEqual(withPrior.plan);
  });

  it("widens the 90% band at the end of the window (common random numbers otherwise)", () => {
    const a = runBacktest(withPrior, epochs, 40, "w");
    const b = runBacktest(without, epochs, 40, "w");
    const last = (r: typeof a) => r.rows[r.rows.length - 1]!;
    const width = (r: typeof a) => Math.log(last(r).simP95 / last(r).simP05);
    expect(width(a)).toBeGreaterThan(width(b));
  });
});
