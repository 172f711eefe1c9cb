import { describe, expect, it } from "vitest";
import { bandCoverage, mape, meanRelativeBias, sortedQuantile } from "../../src/backtest/index.js";

describe("metrics", () => {
  it("MAPE and bias on crafted data", () => {
    const actual = [100, 200, 50, 80];
    const pred = [110, 180, 60, 80];
    // |10|/100, |20|/200, |10|/50, 0 → 0.1, 0.1, 0.2, 0
    expect(mape(actual, pred)).toBeCloseTo((0.1 + 0.1 + 0.2 + 0) / 4, 15);
    // +0.1, −0.1, +0.2, 0
    expect(meanRelativeBias(actual, pred)).toBeCloseTo((0.1 - 0.1 + 0.2) / 4, 15);
    expect(mape(actual, actual)).toBe(0);
  });

  it("skips NaN epochs and returns NaN when none is usable", () => {
    expect(mape([100, NaN, 100], [150, 1, NaN])).toBeCloseTo(0.5, 15);
    expect(mape([NaN], [1])).toBeNaN();
    expect(meanRelativeBias([100, 100], [NaN, 90])).toBeCloseTo(-0.1, 15);
    expect(() => mape([1, 2], [1])).toThrow(/differ in length/);
    expect(() => mape([0], [1])).toThrow(/actual\[0\] is 0/);
  });

  it("band coverage counts inclusive hits", () => {
    const actual = [1, 2, 3, 4, 5];
    const lo = [0, 2, 3.5, 0, NaN];
    const hi = [1, 3, 4, 3.9, 9];
    // 1∈[0,1] yes; 2∈[2,3] yes; 3∉[3.5,4]; 4∉[0,3.9]; 5 skipped (NaN band)
    expect(bandCoverage(actual, lo, hi)).toBe(2 / 4);
  });

  it("type-7 quantiles match the definition on a small sample", () => {
    const s = [1, 2, 4, 8, 16];
    expect(sortedQuantile(s, 5, 0)).toBe(1);
    expect(sortedQuantile(s, 5, 1)).toBe(16);
    expect(sortedQuantile(s, 5, 0.5)).toBe(4);
    // h = (n−1)p = 4·0.3 = 1.2 → 2 + 0.2·(4 − 2)
    expect(sortedQuantile(s, 5, 0.3)).toBeCloseTo(2.4, 15);
    expect(sortedQuantile(s, 0, 0.5)).toBeNaN();
    expect(() => sortedQuantile(s, 5, 1.5)).toThrow();
  });
});
