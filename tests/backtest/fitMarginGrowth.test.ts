/**
 * The documented fit of the margin rule (fitMarginGrowth.ts): the grid, the refinement,
 * the per-year widths — and that the frozen constants are what the documented command
 * gives on 2016–2018 (so they are fitted, not typed in).
 */
import { describe, expect, it } from "vitest";
import {
  BACKTEST_FITTED_GROWTH_LOG_SD,
  BACKTEST_FITTED_HURDLE_PAYBACK_DAYS,
  BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR,
  buildBacktestPlan,
  fitMarginGrowth,
  logSd,
  parseDifficultyEpochCsv,
  runBacktest,
} from "../../src/backtest/index.js";
import { parseDailyPriceCsv } from "../../src/model/market/index.js";
import { DIFFICULTY_PATH, PRICES_PATH, readText } from "./data.js";

const epochs = parseDifficultyEpochCsv(readText(DIFFICULTY_PATH), "epochs.csv");
const prices = parseDailyPriceCsv(readText(PRICES_PATH), "prices.csv");

describe("logSd", () => {
  it("is the sample sd (n − 1) of the logs; NaN for fewer than two values", () => {
    expect(logSd([Math.E, Math.E ** 3])).toBeCloseTo(Math.SQRT2, 12);
    expect(logSd([5, 5, 5])).toBe(0);
    expect(logSd([2])).toBeNaN();
  });
});

describe("fitMarginGrowth (short window, coarse grid)", () => {
  const input = { epochs, prices, from: "2017-07-01", to: "2018-06-30" };
  const fit = fitMarginGrowth({ input, paths: 6, seed: "f", kLo: 1, kHi: 16, kRatio: 4, hLo: 365, hHi: 1460, hRatio: 4, refinements: 1 });

  it("evaluates the grid and one refinement, and returns the lowest MAPE", () => {
    const has = (k: number, h: number) => fit.evaluated.some((p) => Math.abs(p.marginGrowthPerYear - k) < 1e-9 && Math.abs(p.hurdlePaybackDays - h) < 1e-9);
    for (const k of [1, 4, 16]) for (const h of [365, 1460]) expect(has(k, h)).toBe(true);
    expect(fit.evaluated.length).toBeGreaterThan(6);
    expect(fit.evaluated.length).toBeLessThanOrEqual(6 + 8);
    expect(fit.best.mapeMedian).toBe(Math.min(...fit.evaluated.map((p) => p.mapeMedian)));
  });

  it("a point's score is the backtest's MAPE with those values and no prior (common random numbers)", () => {
    const p = fit.evaluated[2]!;
    const scenario = { growth: { mode: "margin" as const, marginGrowthPerYear: p.marginGrowthPerYear, hurdlePaybackDays: p.hurdlePaybackDays }, prior: { growthLogSd: 0, hurdleLogSd: 0 } };
    expect(runBacktest(buildBacktestPlan({ ...input, scenario }), epochs, 6, "f").summary.mapeMedian).toBe(p.mapeMedian);
  });

  it("fits each calendar year of the window at the fitted hurdle; the width is their logSd", () => {
    expect(fit.years.map((y) => [y.from, y.to])).toEqual([["2017-07-01", "2017-12-31"], ["2018-01-01", "2018-06-30"]]);
    expect(fit.growthLogSd).toBe(logSd(fit.years.map((y) => y.marginGrowthPerYear)));
  });
});

describe("the frozen backtest constants", () => {
  it("are what the documented fit gives on 2016-01-01 → 2018-12-31 (20 paths, seed \"fit\")", () => {
    const fit = fitMarginGrowth({ input: { epochs, prices, from: "2016-01-01", to: "2018-12-31" }, paths: 20, seed: "fit" });
    expect(fit.best.marginGrowthPerYear).toBe(BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR);
    expect(fit.best.hurdlePaybackDays).toBeCloseTo(BACKTEST_FITTED_HURDLE_PAYBACK_DAYS, 9);
    expect(fit.growthLogSd).toBeCloseTo(BACKTEST_FITTED_GROWTH_LOG_SD, 12);
  }, 60_000);
});
