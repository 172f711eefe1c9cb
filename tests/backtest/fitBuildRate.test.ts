import { describe, expect, it } from "vitest";
import { buildBacktestPlan, fitBuildRate, runBacktest } from "../../src/backtest/index.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();

describe("fitBuildRate (short window, coarse grid)", () => {
  const input = { epochs, prices, from: "2018-01-01", to: "2018-06-30" };
  const fit = fitBuildRate({ input, paths: 8, seed: "f", lo: 50, hi: 800, ratio: 4, refinements: 2 });

  it("evaluates the grid and the refinements, and returns the best point", () => {
    const rates = fit.evaluated.map((p) => p.buildRateMwPerMonth);
    for (const r of [50, 200, 800]) expect(rates.some((x) => Math.abs(x - r) < 1e-9)).toBe(true);
    expect(fit.evaluated.length).toBe(3 + 2 * 2);
    const min = Math.min(...fit.evaluated.map((p) => p.mapeMedian));
    expect(fit.best.mapeMedian).toBe(min);
  });

  it("each point's score is the backtest's MAPE at that rate (common random numbers)", () => {
    const p = fit.evaluated[1]!;
    const bp = buildBacktestPlan({ ...input, scenario: { growth: { mode: "fixedRate", buildRateMwPerMonth: p.buildRateMwPerMonth }, prior: { growthLogSd: 0, hurdleLogSd: 0 } } });
    expect(runBacktest(bp, epochs, 8, "f").summary.mapeMedian).toBe(p.mapeMedian);
  });
});
