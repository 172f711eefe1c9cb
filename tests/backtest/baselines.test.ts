/** The naive forecasts a backtest reports beside the model (backtest/baselines.ts). */
import { describe, expect, it } from "vitest";
import { TREND_EPOCHS, naiveBaselines, type BacktestEpochRow, type DifficultyEpochs } from "../../src/backtest/index.js";

/** Epochs whose difficulty grows by `g` per epoch from 1e12 (only the difficulty column is read). */
function growing(count: number, g: number): DifficultyEpochs {
  const difficulty = Float64Array.from({ length: count }, (_, i) => 1e12 * (1 + g) ** i);
  return { difficulty } as unknown as DifficultyEpochs;
}

function rows(epochs: DifficultyEpochs, startRow: number, compared: number, actualGrowth: number): BacktestEpochRow[] {
  const d0 = epochs.difficulty[startRow]! / 1e12;
  return Array.from({ length: compared + 1 }, (_, k) => ({
    slot: k,
    epoch: startRow + k,
    startHeight: 2016 * (startRow + k),
    actualStart: "",
    actualDifficultyT: d0 * (1 + actualGrowth) ** k,
    simP05: NaN,
    simP25: NaN,
    simMedian: NaN,
    simP75: NaN,
    simP95: NaN,
    pathsReached: 0,
    input: k === 0,
  }));
}

describe("naiveBaselines", () => {
  it("trend: the growth per epoch of the 26 epochs before the start, continued; exact when growth does not change", () => {
    const e = growing(60, 0.02);
    const b = naiveBaselines(e, 40, rows(e, 40, 10, 0.02));
    expect(b.trend.growthPerEpoch).toBeCloseTo(0.02, 12);
    expect(b.trend.mapeMedian).toBeLessThan(1e-12);
    expect(Math.abs(b.trend.meanBias)).toBeLessThan(1e-12);
  });

  it("persistence: the start epoch's difficulty for every compared epoch (input row left out)", () => {
    const e = growing(60, 0.02);
    const b = naiveBaselines(e, 40, rows(e, 40, 4, 0.1));
    // actual = d0·1.1^k, forecast d0: relative error 1/1.1^k − 1 for k = 1..4.
    const errs = [1, 2, 3, 4].map((k) => 1 / 1.1 ** k - 1);
    expect(b.persistence.meanBias).toBeCloseTo(errs.reduce((s, x) => s + x, 0) / 4, 12);
    expect(b.persistence.mapeMedian).toBeCloseTo(-b.persistence.meanBias, 12);
    // The trend forecast (2%/epoch) under-shoots a 10%/epoch actual: negative bias, smaller than persistence's.
    expect(b.trend.meanBias).toBeLessThan(0);
    expect(b.trend.mapeMedian).toBeLessThan(b.persistence.mapeMedian);
  });

  it("trend is NaN when the data start fewer than 26 epochs before the start", () => {
    const e = growing(60, 0.02);
    const b = naiveBaselines(e, TREND_EPOCHS - 1, rows(e, TREND_EPOCHS - 1, 3, 0.02));
    expect(b.trend.growthPerEpoch).toBeNaN();
    expect(b.trend.mapeMedian).toBeNaN();
    expect(Number.isFinite(b.persistence.mapeMedian)).toBe(true);
    expect(naiveBaselines(e, TREND_EPOCHS, rows(e, TREND_EPOCHS, 3, 0.02)).trend.growthPerEpoch).toBeCloseTo(0.02, 12);
  });
});
