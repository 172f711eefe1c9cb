/**
 * The BTC/USD price models: statistical checks of the regime-switching GBM with jumps
 * (fixed seeds, tolerances of k standard errors with k = 5 unless stated, so a test
 * fails with probability ~6e-7 under the model and catches errors of a few SE), the
 * block bootstrap, the fixed path and scheduled shocks.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createPriceState,
  dailyLogReturns,
  defaultGbmPriceModel,
  fixedPricePath,
  parseDailyPriceCsv,
  resetPrice,
  shockFromPercent,
  stepPriceDay,
  validatePricePlan,
} from "../../src/model/market/index.js";
import type { GbmPriceModel, PricePlan, PriceState } from "../../src/model/market/index.js";
import { createRng } from "../../src/random/index.js";
import type { Rng } from "../../src/random/index.js";
import { mean, variance } from "../helpers/stats.js";

const K = 5;

/**
 * Calm-only GBM: no switching, no jumps, unless overridden. The arithmetic convention
 * unless overridden (the tests of the "log" convention, the default, say so).
 */
function gbm(over: Partial<GbmPriceModel>): GbmPriceModel {
  return {
    ...defaultGbmPriceModel(),
    driftConvention: "arithmetic",
    calmToStressedPerYear: 0,
    stressedToCalmPerYear: 0,
    jumpRateCalmPerYear: 0,
    jumpRateStressedPerYear: 0,
    crashRatePerYear: 0,
    ...over,
  };
}

function start(plan: PricePlan, seed: string): { s: PriceState; rng: Rng } {
  const s = createPriceState(plan);
  const rng = createRng(seed);
  resetPrice(s, plan, rng);
  return { s, rng };
}

/** n consecutive daily log returns of one path. */
function dailyReturns(plan: PricePlan, seed: string, n: number): { r: Float64Array; s: PriceState } {
  const { s, rng } = start(plan, seed);
  const r = new Float64Array(n);
  let prev = s.logPrice;
  for (let i = 0; i < n; i++) {
    stepPriceDay(s, rng);
    r[i] = s.logPrice - prev;
    prev = s.logPrice;
  }
  return { r, s };
}

describe("GBM, one regime (switching and jumps off)", () => {
  for (const [regime, sigma] of [
    ["calm", 0.5],
    ["stressed", 0.8],
  ] as const) {
    it(`${regime}: daily log returns have mean (μ − σ²/2)/365 and variance σ²/365`, () => {
      const mu = 0.1;
      const n = 200_000;
      const { r } = dailyReturns({ model: gbm({ muPerYear: mu, initialRegime: regime }), shocks: [] }, `gbm-${regime}`, n);
      const sd = sigma / Math.sqrt(365);
      const m = mean(r);
      const v = variance(r);
      expect(Math.abs(m - (mu - 0.5 * sigma * sigma) / 365)).toBeLessThan((K * sd) / Math.sqrt(n));
      // SE of a normal sample variance: σ_d²·√(2/(n−1)).
      expect(Math.abs(v - sd * sd)).toBeLessThan(K * sd * sd * Math.sqrt(2 / (n - 1)));
    });
  }
});

describe("GBM drift conventions with jumps and crashes", () => {
  const withJumps = {
    sigmaCalm: 0.5,
    jumpRateCalmPerYear: 4,
    jumpMeanLog: -0.04,
    jumpSdLog: 0.08,
    crashRatePerYear: 0.25,
    crashLogSize: Math.log(0.7),
  };

  it('"arithmetic": E[S_T/S_0] = e^{μT} (Itô and jump compensation)', () => {
    const mu = 0.2;
    const plan: PricePlan = { model: gbm({ ...withJumps, muPerYear: mu }), shocks: [] };
    const paths = 20_000;
    const days = 365;
    const s = createPriceState(plan);
    const rng = createRng("arith");
    const ratio = new Float64Array(paths);
    for (let p = 0; p < paths; p++) {
      resetPrice(s, plan, rng);
      for (let d = 0; d < days; d++) stepPriceDay(s, rng);
      ratio[p] = Math.exp(s.logPrice - Math.log((plan.model as GbmPriceModel).s0));
    }
    const se = Math.sqrt(variance(ratio) / paths);
    expect(Math.abs(mean(ratio) - Math.exp(mu))).toBeLessThan(K * se);
    // The test has power: dropping the Itô term alone (σ²/2 = 0.125) would move the mean
    // by ~13%, far more than the tolerance.
    expect(K * se).toBeLessThan(0.05 * Math.exp(mu));
  });

  it('"log": E[ln S_T/S_0] = μT including jumps', () => {
    const mu = -0.3;
    const n = 400_000;
    const { r } = dailyReturns({ model: gbm({ ...withJumps, muPerYear: mu, driftConvention: "log" }), shocks: [] }, "logconv", n);
    const se = Math.sqrt(variance(r) / n);
    expect(Math.abs(mean(r) - mu / 365)).toBeLessThan(K * se);
  });
});

describe("waiting-time jumps and regime switches", () => {
  it("jump count ≈ λ·T (Poisson, ±5 sd)", () => {
    const lambda = 4;
    const n = 100_000; // days
    const { s } = dailyReturns({ model: gbm({ jumpRateCalmPerYear: lambda }), shocks: [] }, "jumps", n);
    const expected = (lambda * n) / 365;
    expect(Math.abs(s.jumpCount - expected)).toBeLessThan(K * Math.sqrt(expected));
    expect(s.crashCount).toBe(0);
  });

  it("regime occupancy ≈ a/(a+b); jumps follow the regime's rate", () => {
    const a = 2; // calm → stressed per year
    const b = 6; // stressed → calm per year
    const years = 2000;
    const n = years * 365;
    const model = gbm({
      calmToStressedPerYear: a,
      stressedToCalmPerYear: b,
      jumpRateCalmPerYear: 2,
      jumpRateStressedPerYear: 20,
    });
    const { s } = dailyReturns({ model, shocks: [] }, "regimes", n);
    const frac = s.stressedDays / n;
    const pi1 = a / (a + b);
    // Var of the time fraction of a two-state chain over T years: 2·π0·π1/((a+b)·T).
    const sd = Math.sqrt((2 * (1 - pi1) * pi1) / ((a + b) * years));
    expect(Math.abs(frac - pi1)).toBeLessThan(K * sd);
    // Switches: 2·a·π0 per year on average (each calm spell gives two switches); loose check (±10%).
    expect(Math.abs(s.switchCount / years - 2 * a * (1 - pi1)) / (2 * a * (1 - pi1))).toBeLessThan(0.1);
    // Jumps: a Poisson count with mean Σ λ_r · (time in r), given the regime path.
    const expJumps = (2 * (n - s.stressedDays) + 20 * s.stressedDays) / 365;
    expect(Math.abs(s.jumpCount - expJumps)).toBeLessThan(K * Math.sqrt(expJumps));
  });

  it("the stationary initial regime is drawn with probability a/(a+b)", () => {
    const model = gbm({ calmToStressedPerYear: 1, stressedToCalmPerYear: 3, initialRegime: "stationary" });
    const plan: PricePlan = { model, shocks: [] };
    const s = createPriceState(plan);
    const rng = createRng("stationary");
    const n = 40_000;
    let stressed = 0;
    for (let i = 0; i < n; i++) {
      resetPrice(s, plan, rng);
      stressed += s.regime;
    }
    const p = 0.25;
    expect(Math.abs(stressed / n - p)).toBeLessThan(K * Math.sqrt((p * (1 - p)) / n));
  });
});

describe("scheduled shocks", () => {
  it("a −30% shock on day 5 multiplies the price on that day exactly, once", () => {
    const model = gbm({ sigmaCalm: 0, muPerYear: 0 });
    const plan: PricePlan = { model, shocks: [shockFromPercent(5, -0.3, "gap")] };
    const { s, rng } = start(plan, "shock");
    const prices = [s.price];
    for (let d = 1; d <= 10; d++) prices.push(stepPriceDay(s, rng));
    for (let d = 0; d < 5; d++) expect(prices[d]).toBeCloseTo(model.s0, 8);
    for (let d = 5; d <= 10; d++) expect(prices[d]! / model.s0).toBeCloseTo(0.7, 12);
  });

  it("several shocks (unsorted, two on one day, one after the horizon): every day's price bit for bit as adding them by hand", () => {
    // applyDayReturn tests only nextShockDay and leaves the loop to addShocks; the
    // reference steps the same path without shocks (shocks draw nothing) and adds each
    // day's shocks, in day order and input order within a day, to its log return.
    const model = gbm({ jumpRateCalmPerYear: 4, calmToStressedPerYear: 2, stressedToCalmPerYear: 6 });
    const shocks = [shockFromPercent(9, 0.2, "b"), shockFromPercent(3, -0.3, "a"), shockFromPercent(9, -0.1, "c"), shockFromPercent(400, -0.5, "late")];
    const { s, rng } = start({ model, shocks }, "shocks-by-hand");
    const ref = start({ model, shocks: [] }, "shocks-by-hand");
    const sorted = [...shocks].sort((x, y) => x.day - y.day);
    let logPrice = ref.s.logPrice;
    let applied = 0;
    for (let d = 1; d <= 30; d++) {
      stepPriceDay(s, rng);
      stepPriceDay(ref.s, ref.rng);
      let ret = ref.s.dayReturn;
      for (const sh of sorted) if (sh.day === d) ret += sh.logReturn;
      for (const sh of sorted) if (sh.day === d) applied++;
      logPrice += ret;
      expect(s.logPrice).toBe(logPrice);
      expect(s.price).toBe(Math.exp(logPrice));
      expect(s.nextShock).toBe(applied);
    }
    expect(applied).toBe(3);
    expect(s.nextShockDay).toBe(400);
  });

  it("rejects shocks on day 0 and shocks on a fixed path", () => {
    expect(() => validatePricePlan({ model: gbm({}), shocks: [{ day: 0, logReturn: -0.1, label: "d0" }] })).toThrow(/"d0"/);
    expect(() =>
      validatePricePlan({ model: { kind: "fixed", prices: new Float64Array([1, 2]) }, shocks: [shockFromPercent(1, -0.1, "f")] }),
    ).toThrow(/fixed/);
  });
});

describe("block bootstrap", () => {
  it("uses blocks of L consecutive historical returns starting anywhere in [0, n − L]", () => {
    const n = 50;
    const L = 7;
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = (i + 1) * 1e-3; // return i is identifiable
    const plan: PricePlan = { model: { kind: "bootstrap", s0: 100, logReturns: data, blockLengthDays: L, logDriftPerYear: null }, shocks: [] };
    const { r } = dailyReturns(plan, "boot", L * 3000);
    const startsSeen = new Set<number>();
    let bad = 0;
    for (let b = 0; b < 3000; b++) {
      const first = Math.round(r[b * L]! * 1e3) - 1;
      if (first < 0 || first > n - L) bad++;
      startsSeen.add(first);
      for (let k = 1; k < L; k++) if (Math.round(r[b * L + k]! * 1e3) - 1 !== first + k) bad++;
    }
    expect(bad).toBe(0);
    // 3000 uniform draws over 44 offsets: every offset appears (P(miss) < 44·(43/44)^3000).
    expect(startsSeen.size).toBe(n - L + 1);
  });

  it("on BTC/USD 2012–2022 re-centred to zero drift, the mean daily log return is ~0 (SE from block sums)", () => {
    const text = readFileSync(new URL("../../../shared/data/btc_usd_daily_2012_2022.csv", import.meta.url), "utf8");
    const series = parseDailyPriceCsv(text, "btc_usd_daily_2012_2022.csv");
    const hist = dailyLogReturns(series);
    expect(hist.length).toBe(series.prices.length - 1);
    expect(mean(hist) * 365).toBeGreaterThan(0.3); // the raw sample drifts up strongly
    const L = 30;
    const n = 300_000;
    const { r } = dailyReturns({ model: { kind: "bootstrap", s0: 70_000, logReturns: hist, blockLengthDays: L, logDriftPerYear: 0 }, shocks: [] }, "boot-btc", n);
    // Var of the mean of n/L independent blocks: Var(block sum)/(L·n), from all block sums.
    const sums = new Float64Array(hist.length - L + 1);
    for (let i = 0; i < sums.length; i++) {
      let s = 0;
      for (let k = 0; k < L; k++) s += hist[i + k]!;
      sums[i] = s;
    }
    const se = Math.sqrt(variance(sums) / (L * n));
    expect(Math.abs(mean(r))).toBeLessThan(K * se);
  });
});

describe("fixed path", () => {
  it("replays the CSV prices from the start date and throws past its end", () => {
    const text = readFileSync(new URL("../../../shared/data/btc_usd_daily_2012_2022.csv", import.meta.url), "utf8");
    const series = parseDailyPriceCsv(text, "btc_usd_daily_2012_2022.csv");
    const path = fixedPricePath(series, "2021-05-01", 30);
    const i0 = Array.from(series.epochDays).indexOf(Date.UTC(2021, 4, 1) / 86_400_000);
    const { s, rng } = start({ model: { kind: "fixed", prices: path }, shocks: [] }, "fixed");
    expect(s.price).toBe(series.prices[i0]);
    for (let d = 1; d <= 30; d++) expect(stepPriceDay(s, rng)).toBe(series.prices[i0 + d]);
    expect(() => stepPriceDay(s, rng)).toThrow(/no price for day 31/);
    expect(() => fixedPricePath(series, "2022-12-01", 31)).toThrow(/runs past the data.*2022-12-31/);
  });
});

describe("determinism", () => {
  it("same seed, same path; reset reuses the state", () => {
    const plan: PricePlan = { model: defaultGbmPriceModel(), shocks: [shockFromPercent(100, -0.3, "gap")] };
    const run = (s: PriceState, seed: string): number[] => {
      const rng = createRng(seed);
      resetPrice(s, plan, rng);
      const out: number[] = [];
      for (let d = 0; d < 1000; d++) out.push(stepPriceDay(s, rng));
      return out;
    };
    const s = createPriceState(plan);
    const a = run(s, "det");
    run(s, "other");
    expect(run(s, "det")).toEqual(a);
    expect(run(createPriceState(plan), "det2")).not.toEqual(a);
    for (const p of a) expect(Number.isFinite(p) && p > 0).toBe(true);
  });
});
