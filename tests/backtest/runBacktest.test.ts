import { describe, expect, it } from "vitest";
import {
  backtestCsv,
  backtestJson,
  backtestSvg,
  bandCoverage,
  buildBacktestPlan,
  exactReplay,
  mape,
  meanRelativeBias,
  runBacktest,
  summarise,
  summariseByYear,
  naiveBaselines,
  type BacktestEpochRow,
} from "../../src/backtest/index.js";
import { difficultyFromBits } from "../../src/consensus/index.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();
const FROM = "2019-01-01";
const TO = "2019-03-31";
const PATHS = 20;

describe("a short backtest (Q1 2019, 20 paths)", () => {
  const bp = buildBacktestPlan({ epochs, prices, from: FROM, to: TO });
  const result = runBacktest(bp, epochs, PATHS, "t1");

  it("starts from the actual state at --from", () => {
    const r = bp.startRow;
    const t0 = Date.parse(`${FROM}T00:00:00Z`) / 1000;
    expect(epochs.startTime[r]!).toBeLessThanOrEqual(t0);
    expect(epochs.startTime[r + 1]!).toBeGreaterThan(t0);
    expect(bp.chain.startBits).toBe(epochs.nbits[r]);
    expect(bp.initialHashrateEh).toBeCloseTo(epochs.impliedHashrateHs[r - 1]! / 1e18, 12);
    // The price file's row for --from.
    const day = Math.round(t0 / 86400);
    const i = prices.epochDays.indexOf(day);
    expect(bp.startPriceUsd).toBe(prices.prices[i]);
    expect(bp.events).toEqual([]); // no declared event overlaps Q1 2019
  });

  it("produces one row per actual epoch in the window, actual difficulty against bands", () => {
    const rows = result.rows;
    const t1 = Date.parse(`${TO}T00:00:00Z`) / 1000 + 86400;
    let expected = 0;
    for (let r = bp.startRow; r < epochs.epoch.length && (r === bp.startRow || epochs.startTime[r]! < t1); r++) expected++;
    expect(rows.length).toBe(expected);
    expect(rows.length).toBeGreaterThanOrEqual(6); // ~13 weeks of 2-week epochs
    rows.forEach((row, k) => {
      expect(row.slot).toBe(k);
      expect(row.epoch).toBe(bp.startEpoch + k);
      const r = bp.startRow + k;
      expect(row.actualDifficultyT).toBe(epochs.difficulty[r]! / 1e12);
      expect(row.pathsReached).toBe(PATHS);
      expect(row.simP05).toBeLessThanOrEqual(row.simP25);
      expect(row.simP25).toBeLessThanOrEqual(row.simMedian);
      expect(row.simMedian).toBeLessThanOrEqual(row.simP75);
      expect(row.simP75).toBeLessThanOrEqual(row.simP95);
    });
    // Slot 0 is the given epoch: every path has its exact difficulty.
    expect(rows[0]!.input).toBe(true);
    expect(rows[0]!.simP05).toBeCloseTo(difficultyFromBits(bp.chain.startBits) / 1e12, 12);
    expect(rows[0]!.simP95).toBeCloseTo(difficultyFromBits(bp.chain.startBits) / 1e12, 12);
    // Simulated retargets differ between paths (chain luck), so the bands are not degenerate.
    expect(rows[1]!.simP95).toBeGreaterThan(rows[1]!.simP05);
  });

  it("summary figures are the metric functions over the non-input rows", () => {
    const cmp = result.rows.filter((r) => !r.input);
    const a = cmp.map((r) => r.actualDifficultyT);
    expect(result.summary.epochsCompared).toBe(cmp.length);
    expect(result.summary.mapeMedian).toBe(mape(a, cmp.map((r) => r.simMedian)));
    expect(result.summary.meanBias).toBe(meanRelativeBias(a, cmp.map((r) => r.simMedian)));
    expect(result.summary.coverage50).toBe(bandCoverage(a, cmp.map((r) => r.simP25), cmp.map((r) => r.simP75)));
    expect(result.summary.coverage90).toBe(bandCoverage(a, cmp.map((r) => r.simP05), cmp.map((r) => r.simP95)));
    expect(Number.isFinite(result.summary.mapeMedian)).toBe(true);
  });

  it("per calendar year: the same figures over the rows of that year, in year order", () => {
    // Q1 2019 lies in one year: its summary is the whole window's.
    expect(result.byYear).toEqual([{ year: 2019, summary: result.summary }]);
    // Rows across a year end split by the year of their actual start; input rows are left out.
    const row = (start: string, actual: number, median: number, input = false): BacktestEpochRow => ({
      slot: 0,
      epoch: 0,
      startHeight: 0,
      actualStart: start,
      actualDifficultyT: actual,
      simP05: median * 0.8,
      simP25: median * 0.9,
      simMedian: median,
      simP75: median * 1.1,
      simP95: median * 1.2,
      pathsReached: 1,
      input,
    });
    const rows = [row("2020-12-20T00:00:00Z", 9, 9, true), row("2020-12-30T01:02:03Z", 10, 11), row("2021-01-12T00:00:00Z", 10, 8), row("2021-01-26T00:00:00Z", 10, 10)];
    const years = summariseByYear(rows);
    expect(years.map((y) => y.year)).toEqual([2020, 2021]);
    expect(years[0]!.summary).toEqual(summarise(rows.slice(0, 2)));
    expect(years[1]!.summary).toEqual(summarise(rows.slice(2)));
    expect(years[0]!.summary.epochsCompared + years[1]!.summary.epochsCompared).toBe(3);
    expect(years[1]!.summary.mapeMedian).toBeCloseTo(0.1, 12); // |8 − 10|/10 and 0, averaged
  });

  it("is deterministic in the seed", () => {
    expect(runBacktest(bp, epochs, PATHS, "t1").rows).toEqual(result.rows);
    expect(runBacktest(bp, epochs, PATHS, "t2").rows).not.toEqual(result.rows);
  });

  it("writes CSV, JSON and SVG", () => {
    const csv = backtestCsv(result.rows).trimEnd().split("\n");
    expect(csv[0]).toBe("slot,epoch,start_height,actual_start,actual_difficulty_t,sim_p05_t,sim_p25_t,sim_median_t,sim_p75_t,sim_p95_t,paths_reached,input");
    expect(csv.length).toBe(result.rows.length + 1);
    expect(Number(csv[2]!.split(",")[4])).toBe(result.rows[1]!.actualDifficultyT);
    const doc = JSON.parse(backtestJson(bp, result, exactReplay(epochs)));
    expect(doc.summary).toEqual(result.summary);
    expect(doc.summaryByYear).toEqual(result.byYear);
    expect(doc.baselines).toEqual(JSON.parse(JSON.stringify(result.baselines)));
    expect(result.baselines).toEqual(naiveBaselines(epochs, bp.startRow, result.rows));
    expect(doc.rows.length).toBe(result.rows.length);
    expect(doc.exactReplay.checked).toBeGreaterThan(0);
    expect(doc.exactReplay.matched).toBe(doc.exactReplay.checked);
    expect(doc.inputs.events).toEqual([]);
    const svg = backtestSvg(result, "t");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("refuses a window outside the price data", () => {
    expect(() => buildBacktestPlan({ epochs, prices, from: "2022-06-01", to: "2023-03-01" })).toThrow(/prices\.csv ends on 2022-12-31, before --to 2023-03-01/);
    expect(() => buildBacktestPlan({ epochs, prices, from: "2019-02-01", to: "2019-01-01" })).toThrow(/must be after --from/);
  });

  it("holds the last price flat only in the tail after the data", () => {
    const late = buildBacktestPlan({ epochs, prices, from: "2022-10-01", to: "2022-12-31" });
    expect(late.priceHeldFlatDays).toBe(42);
    expect(bp.priceHeldFlatDays).toBe(0);
  });
});
