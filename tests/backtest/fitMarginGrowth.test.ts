/**
 * The documented fit of the margin rule (fitMarginGrowth.ts): the grid, the refinement,
 * the per-year widths — and that the frozen constants are what the documented command
 * gives on 2016–2018 (so they are fitted, not typed in).
 */
import { describe, expect, it } from "vitest";
import {
  BACKTEST_CAP_FIT,
  BACKTEST_CAP_FIT_2016_2017,
  BACKTEST_CONSTANT_ASIC_FIT,
  BACKTEST_EMPTY_BOOK_FIT,
  BACKTEST_FITTED_ASIC_ELASTICITY,
  BACKTEST_FITTED_ELASTICITY_SD,
  BACKTEST_FITTED_GROWTH_LOG_SD,
  BACKTEST_FITTED_HURDLE_PAYBACK_DAYS,
  BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR,
  buildBacktestPlan,
  fitMarginGrowth,
  logSd,
  runBacktest,
  sampleSd,
} from "../../src/backtest/index.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();

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
    const scenario = {
      growth: { mode: "margin" as const, marginGrowthPerYear: p.marginGrowthPerYear, hurdlePaybackDays: p.hurdlePaybackDays, asicPriceElasticity: p.asicPriceElasticity },
      prior: { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 },
    };
    expect(p.asicPriceElasticity).toBe(0); // ε held at 0 without fitElasticity
    expect(runBacktest(buildBacktestPlan({ ...input, scenario }), epochs, 6, "f").summary.mapeMedian).toBe(p.mapeMedian);
  });

  it("fits each calendar year of the window at the fitted hurdle; the width is their logSd", () => {
    expect(fit.years.map((y) => [y.from, y.to])).toEqual([["2017-07-01", "2017-12-31"], ["2018-01-01", "2018-06-30"]]);
    expect(fit.growthLogSd).toBe(logSd(fit.years.map((y) => y.marginGrowthPerYear)));
  });
});

describe("fitMarginGrowth with fitElasticity (short window, coarse grid)", () => {
  const input = { epochs, prices, from: "2017-07-01", to: "2018-06-30" };
  const fit = fitMarginGrowth({ input, paths: 4, seed: "f", kLo: 2, kHi: 8, kRatio: 4, hLo: 365, hHi: 730, hRatio: 2, eLo: 0, eHi: 1, eStep: 1, refinements: 1, fitElasticity: true });

  it("evaluates the 3-D grid and the 26 neighbours of the best point; ε is scored as the backtest with it", () => {
    for (const k of [2, 8]) for (const h of [365, 730]) for (const e of [0, 1]) {
      expect(fit.evaluated.some((p) => p.marginGrowthPerYear === k && p.hurdlePaybackDays === h && p.asicPriceElasticity === e)).toBe(true);
    }
    expect(fit.evaluated.length).toBeGreaterThan(8);
    expect(fit.evaluated.length).toBeLessThanOrEqual(8 + 26);
    expect(fit.best.mapeMedian).toBe(Math.min(...fit.evaluated.map((p) => p.mapeMedian)));
    const p = fit.evaluated.find((q) => q.asicPriceElasticity === 1)!;
    const scenario = {
      growth: { mode: "margin" as const, marginGrowthPerYear: p.marginGrowthPerYear, hurdlePaybackDays: p.hurdlePaybackDays, asicPriceElasticity: 1 },
      prior: { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 },
    };
    expect(runBacktest(buildBacktestPlan({ ...input, scenario }), epochs, 4, "f").summary.mapeMedian).toBe(p.mapeMedian);
  });

  it("fits ε alone on each year; elasticitySd is the sample sd of the yearly ε", () => {
    expect(fit.years.length).toBe(2);
    for (const y of fit.years) expect(typeof y.asicPriceElasticity).toBe("number");
    expect(fit.elasticitySd).toBe(sampleSd(fit.years.map((y) => y.asicPriceElasticity!)));
  });
});

describe("fitMarginGrowth with fitCap (short window, coarse grid)", () => {
  const input = { epochs, prices, from: "2017-07-01", to: "2018-06-30" };
  const fit = fitMarginGrowth({ input, paths: 4, seed: "f", kLo: 4, kHi: 16, kRatio: 4, hLo: 730, hHi: 1460, hRatio: 2, eLo: 1, eHi: 1, eStep: 1, cLo: 100, cHi: 400, cRatio: 4, refinements: 1, fitElasticity: true, fitCap: true });

  it("scores every grid point with each C and with no cap (+Infinity), then refines; the best is the lowest MAPE", () => {
    for (const k of [4, 16]) for (const h of [730, 1460]) for (const c of [100, 400, Infinity]) {
      expect(fit.evaluated.some((p) => p.marginGrowthPerYear === k && p.hurdlePaybackDays === h && p.asicPriceElasticity === 1 && p.marginCapMwPerMonth === c)).toBe(true);
    }
    expect(fit.evaluated.length).toBeGreaterThan(12);
    expect(fit.evaluated.length).toBeLessThanOrEqual(12 + 26); // ε held (one grid value): κ, h, C neighbours
    expect(fit.best.mapeMedian).toBe(Math.min(...fit.evaluated.map((p) => p.mapeMedian)));
  });

  it("a point with a cap scores as the backtest with growth.marginCapMwPerMonth; \"no cap\" as the backtest without the key", () => {
    for (const c of [100, Infinity]) {
      const p = fit.evaluated.find((q) => q.marginCapMwPerMonth === c)!;
      const growth = { mode: "margin" as const, marginGrowthPerYear: p.marginGrowthPerYear, hurdlePaybackDays: p.hurdlePaybackDays, asicPriceElasticity: 1, ...(c === Infinity ? {} : { marginCapMwPerMonth: c }) };
      const scenario = { growth, prior: { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 } };
      expect(runBacktest(buildBacktestPlan({ ...input, scenario }), epochs, 4, "f").summary.mapeMedian).toBe(p.mapeMedian);
    }
  });

  it("fits C alone on each year; capLogSd is the logSd of the yearly C (NaN when a year's best is no cap)", () => {
    expect(fit.years.length).toBe(2);
    for (const y of fit.years) expect(typeof y.marginCapMwPerMonth).toBe("number");
    const cs = fit.years.map((y) => y.marginCapMwPerMonth!);
    if (cs.every(Number.isFinite)) expect(fit.capLogSd).toBe(logSd(cs));
    else expect(fit.capLogSd).toBeNaN();
  });

  it("without fitCap every point has no cap and capLogSd is 0", () => {
    const plain = fitMarginGrowth({ input, paths: 2, seed: "f", kLo: 4, kHi: 16, kRatio: 4, hLo: 730, hHi: 730, refinements: 0, perYear: false });
    for (const p of plain.evaluated) expect(p.marginCapMwPerMonth).toBe(Infinity);
    expect(plain.capLogSd).toBe(0);
  });
});

describe("the frozen backtest constants", () => {
  const input = { epochs, prices, from: "2016-01-01", to: "2018-12-31" };
  const empty = { ...input, scenario: { orderBook: "empty" as const } };

  it("of the chosen rule (indexed ASIC price, order book from history) are what `--fit --fit-elasticity` gives on 2016-01-01 → 2018-12-31 (20 paths, seed \"fit\")", () => {
    const fit = fitMarginGrowth({ input, paths: 20, seed: "fit", fitElasticity: true });
    expect(fit.best.marginGrowthPerYear).toBeCloseTo(BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR, 12);
    expect(fit.best.hurdlePaybackDays).toBeCloseTo(BACKTEST_FITTED_HURDLE_PAYBACK_DAYS, 9);
    expect(fit.best.asicPriceElasticity).toBe(BACKTEST_FITTED_ASIC_ELASTICITY);
    expect(fit.growthLogSd).toBeCloseTo(BACKTEST_FITTED_GROWTH_LOG_SD, 12);
    expect(fit.elasticitySd).toBeCloseTo(BACKTEST_FITTED_ELASTICITY_SD, 12);
  }, 120_000);

  it("of the previous default (same rule, empty order book) are what the same fit gives with orderBook \"empty\"", () => {
    const fit = fitMarginGrowth({ input: empty, paths: 20, seed: "fit", fitElasticity: true });
    expect(fit.best.marginGrowthPerYear).toBeCloseTo(BACKTEST_EMPTY_BOOK_FIT.marginGrowthPerYear, 12);
    expect(fit.best.hurdlePaybackDays).toBeCloseTo(BACKTEST_EMPTY_BOOK_FIT.hurdlePaybackDays, 9);
    expect(fit.best.asicPriceElasticity).toBe(BACKTEST_EMPTY_BOOK_FIT.asicPriceElasticity);
    expect(fit.growthLogSd).toBeCloseTo(BACKTEST_EMPTY_BOOK_FIT.growthLogSd, 12);
    expect(fit.elasticitySd).toBeCloseTo(BACKTEST_EMPTY_BOOK_FIT.elasticitySd, 12);
  }, 120_000);

  it("of the constant-price rule are what `--fit` gives on the same window (empty order book)", () => {
    const fit = fitMarginGrowth({ input: empty, paths: 20, seed: "fit" });
    expect(fit.best.marginGrowthPerYear).toBe(BACKTEST_CONSTANT_ASIC_FIT.marginGrowthPerYear);
    expect(fit.best.hurdlePaybackDays).toBeCloseTo(BACKTEST_CONSTANT_ASIC_FIT.hurdlePaybackDays, 9);
    expect(fit.growthLogSd).toBeCloseTo(BACKTEST_CONSTANT_ASIC_FIT.growthLogSd, 12);
  }, 120_000);
});

describe("the in-window selections (README Backtest): fit on 2016–2017, validate on 2018", () => {
  type Fitted = { marginGrowthPerYear: number; hurdlePaybackDays: number; asicPriceElasticity: number };
  const fitIn = { epochs, prices, from: "2016-01-01", to: "2017-12-31" };
  const validate = (p: Fitted, orderBook: "history" | "empty"): number => {
    const scenario = { orderBook, growth: { mode: "margin" as const, ...p }, prior: { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 } };
    return runBacktest(buildBacktestPlan({ epochs, prices, from: "2018-01-01", to: "2018-12-31", scenario }), epochs, 20, "fit").summary.mapeMedian;
  };

  it("with an empty book, the indexed price has the lower 2018 MAPE (20 paths, seed \"fit\", no prior); then the history book beats it", () => {
    const emptyIn = { ...fitIn, scenario: { orderBook: "empty" as const } };
    const a = fitMarginGrowth({ input: emptyIn, paths: 20, seed: "fit", perYear: false }).best;
    const b = fitMarginGrowth({ input: emptyIn, paths: 20, seed: "fit", perYear: false, fitElasticity: true }).best;
    expect(b.asicPriceElasticity).not.toBe(0);
    const bEmpty = validate(b, "empty");
    expect(bEmpty).toBeLessThan(validate(a, "empty"));
    const h = fitMarginGrowth({ input: { ...fitIn, scenario: { orderBook: "history" as const } }, paths: 20, seed: "fit", perYear: false, fitElasticity: true }).best;
    expect(validate(h, "history")).toBeLessThan(bEmpty);
  }, 180_000);
});

describe("the cap variant (README Backtest; rejected on 2018)", () => {
  // The full four-dimensional fits (1,545 backtests each: ~40 s on 2016–2017, ~60 s on
  // 2016–2018 on an idle machine, twice that under load) are not re-run here, to keep this
  // file's runtime; `--fit --fit-elasticity --fit-cap` on those windows reproduces
  // BACKTEST_CAP_FIT_2016_2017 and BACKTEST_CAP_FIT. Checked here at full resolution: the
  // selection's two facts, and the per-year fits that give BACKTEST_CAP_FIT's widths.
  const noPrior = { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 };
  const score = (from: string, to: string, p: { marginGrowthPerYear: number; hurdlePaybackDays: number; asicPriceElasticity: number }, cap: number): number => {
    const growth = { mode: "margin" as const, marginGrowthPerYear: p.marginGrowthPerYear, hurdlePaybackDays: p.hurdlePaybackDays, asicPriceElasticity: p.asicPriceElasticity, ...(cap === Infinity ? {} : { marginCapMwPerMonth: cap }) };
    return runBacktest(buildBacktestPlan({ epochs, prices, from, to, scenario: { orderBook: "history", growth, prior: noPrior } }), epochs, 20, "fit").summary.mapeMedian;
  };

  it("BACKTEST_CAP_FIT_2016_2017: its C ties with no cap on 2016–2017 (not identified) and raises the 2018 MAPE (20 paths, seed \"fit\")", () => {
    const b = BACKTEST_CAP_FIT_2016_2017;
    expect(score("2016-01-01", "2017-12-31", b, Infinity)).toBe(score("2016-01-01", "2017-12-31", b, b.marginCapMwPerMonth));
    expect(score("2018-01-01", "2018-12-31", b, b.marginCapMwPerMonth)).toBeGreaterThan(score("2018-01-01", "2018-12-31", b, Infinity));
  });

  it("BACKTEST_CAP_FIT's prior widths are the spreads of κ, ε and C fitted alone on 2016, 2017, 2018 (the others at its values)", () => {
    const c = BACKTEST_CAP_FIT;
    const held = { hLo: c.hurdlePaybackDays, hHi: c.hurdlePaybackDays, perYear: false, paths: 20, seed: "fit" } as const;
    const ks: number[] = [];
    const es: number[] = [];
    const cs: number[] = [];
    for (const y of [2016, 2017, 2018]) {
      const input = { epochs, prices, from: `${y}-01-01`, to: `${y}-12-31` };
      const withCap = { ...input, scenario: { orderBook: "history" as const, growth: { marginCapMwPerMonth: c.marginCapMwPerMonth } } };
      ks.push(fitMarginGrowth({ ...held, input: withCap, fitElasticity: true, eLo: 1, eHi: 1 }).best.marginGrowthPerYear);
      es.push(fitMarginGrowth({ ...held, input: withCap, fitElasticity: true, kLo: c.marginGrowthPerYear, kHi: c.marginGrowthPerYear }).best.asicPriceElasticity);
      cs.push(fitMarginGrowth({ ...held, input, fitElasticity: true, eLo: 1, eHi: 1, kLo: c.marginGrowthPerYear, kHi: c.marginGrowthPerYear, fitCap: true }).best.marginCapMwPerMonth);
    }
    expect(logSd(ks)).toBeCloseTo(c.growthLogSd, 12);
    expect(sampleSd(es)).toBeCloseTo(c.elasticitySd, 12);
    expect(logSd(cs)).toBeCloseTo(c.capLogSd, 12);
  }, 120_000);
});
