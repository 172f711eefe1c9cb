import { describe, expect, it } from "vitest";
import {
  BACKTEST_FITTED_BUILD_RATE_MW_PER_MONTH,
  BACKTEST_FITTED_HURDLE_PAYBACK_DAYS,
  BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR,
  DECLARED_EVENTS_2019_2022,
  buildBacktestPlan,
  eventsInWindow,
  FRONTIER_POINTS,
  MIX_VINTAGES,
  VINTAGE_GROWTH_PER_YEAR,
  backtestGrowthDefaults,
  defaultFleetMixAt,
  frontierLogLinearJPerTh,
  frontierStepJPerTh,
  parseBacktestScenario,
  toHashrateEvents,
} from "../../src/backtest/index.js";
import { DEFAULT_FLEET_GROWTH } from "../../src/model/calibration.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();

describe("frontier by date", () => {
  it("step and log-linear readings agree at the table's points and bracket between them", () => {
    for (const p of FRONTIER_POINTS) {
      expect(frontierStepJPerTh(p.date)).toBe(p.jPerTh);
      expect(frontierLogLinearJPerTh(p.date)).toBeCloseTo(p.jPerTh, 9);
    }
    const a = FRONTIER_POINTS[1]!;
    const b = FRONTIER_POINTS[2]!;
    const mid = "2019-12-01";
    expect(frontierStepJPerTh(mid)).toBe(a.jPerTh);
    expect(frontierLogLinearJPerTh(mid)).toBeLessThan(a.jPerTh);
    expect(frontierLogLinearJPerTh(mid)).toBeGreaterThan(b.jPerTh);
    expect(frontierStepJPerTh("2010-01-01")).toBe(FRONTIER_POINTS[0]!.jPerTh);
  });

  it("the default mix: vintages weighted by (1+g)^-j, J/TH from the table", () => {
    for (const iso of ["2016-01-01", "2019-01-01", "2021-06-01", "2022-12-31"]) {
      const mix = defaultFleetMixAt(iso);
      expect(mix.reduce((s, c) => s + c.runningShare, 0)).toBeCloseTo(1, 12);
      for (const c of mix) expect(FRONTIER_POINTS.some((p) => p.jPerTh === c.jPerTh)).toBe(true);
    }
    // 2019-01-01: vintages mid-2018, mid-2017, mid-2016 are all S9-class.
    expect(defaultFleetMixAt("2019-01-01")).toEqual([{ jPerTh: 98, runningShare: 1 }]);
    // 2022-06-01: vintages at 2021-11-30 and 2020-11-30 → S19 Pro; 2019-11-30 → S17 Pro.
    const w = [0, 1, 2].map((j) => Math.pow(1 + VINTAGE_GROWTH_PER_YEAR, -j));
    const total = w.reduce((s, x) => s + x, 0);
    expect(MIX_VINTAGES).toBe(3);
    expect(defaultFleetMixAt("2022-06-01")).toEqual([
      { jPerTh: 29.5, runningShare: (w[0]! + w[1]!) / total },
      { jPerTh: 39.5, runningShare: w[2]! / total },
    ]);
  });

  it("growth defaults follow the log-linear frontier over the window", () => {
    const g = backtestGrowthDefaults("2019-01-01", "2022-12-31");
    expect(g.frontierJPerTh).toBe(frontierLogLinearJPerTh("2019-01-01"));
    const days = (Date.parse("2022-12-31") - Date.parse("2019-01-01")) / 86_400_000;
    const end = g.frontierJPerTh * Math.pow(1 - g.frontierImprovementPerYear, days / 365);
    expect(end).toBeCloseTo(frontierLogLinearJPerTh("2022-12-31"), 9);
  });

  it("growth defaults use the fitted margin rule; a fixedRate scenario gets the fixed-rate fit and the default hurdle", () => {
    const g = backtestGrowthDefaults("2019-01-01", "2022-12-31");
    expect(g.mode).toBe("margin");
    expect(g.marginGrowthPerYear).toBe(BACKTEST_FITTED_MARGIN_GROWTH_PER_YEAR);
    expect(g.hurdlePaybackDays).toBe(BACKTEST_FITTED_HURDLE_PAYBACK_DAYS);
    const bp = buildBacktestPlan({ epochs, prices, from: "2019-01-01", to: "2019-06-30", scenario: { growth: { mode: "fixedRate" } } });
    expect(bp.growth.mode).toBe("fixedRate");
    expect(bp.growth.buildRateMwPerMonth).toBe(BACKTEST_FITTED_BUILD_RATE_MW_PER_MONTH);
    expect(bp.growth.hurdlePaybackDays).toBe(DEFAULT_FLEET_GROWTH.hurdlePaybackDays);
  });
});

describe("dated events", () => {
  it("convert to day offsets and drop events outside the window", () => {
    const ev = toHashrateEvents(DECLARED_EVENTS_2019_2022, "2021-01-01", 365);
    const ban = ev.find((e) => e.label.startsWith("China"))!;
    expect(ban.startDay).toBe(140); // 2021-05-21 − 2021-01-01
    expect(ban.endDay).toBe(195); // 2021-07-15
    expect(ev.some((e) => e.label.startsWith("Winter Storm Elliott"))).toBe(false);
    expect(toHashrateEvents(DECLARED_EVENTS_2019_2022, "2019-01-01", 90)).toEqual([]);
    expect(toHashrateEvents(DECLARED_EVENTS_2019_2022, "2023-01-01", 90)).toEqual([]);
    expect(eventsInWindow(DECLARED_EVENTS_2019_2022, "2021-01-01", 365).map((e) => e.label)).toEqual(ev.map((e) => e.label));
    expect(ev.length).toBe(2); // the China ban and the Xinjiang blackout fall in 2021; Elliott (Dec 2022) does not
    // A temporary event still ramping back at day 0 overlaps the window; one fully over does not.
    expect(eventsInWindow(DECLARED_EVENTS_2019_2022, "2021-09-01", 30).map((e) => e.label)).toEqual([DECLARED_EVENTS_2019_2022[0]!.label]);
    expect(eventsInWindow(DECLARED_EVENTS_2019_2022, "2022-02-01", 30)).toEqual([]);
  });
});

describe("parseBacktestScenario", () => {
  it("reads overrides", () => {
    const s = parseBacktestScenario(
      JSON.stringify({ fleetMix: [{ jPerTh: 50, runningShare: 1 }], growth: { buildRateMwPerMonth: 123 }, events: [], feeShareOfReward: 0.05 }),
      "s.json",
    );
    expect(s.fleetMix).toEqual([{ jPerTh: 50, runningShare: 1 }]);
    expect(s.growth).toEqual({ buildRateMwPerMonth: 123 });
    expect(s.events).toEqual([]);
    expect(s.feeShareOfReward).toBe(0.05);
  });

  it("reads the growth mode and the prior", () => {
    const s = parseBacktestScenario(JSON.stringify({ growth: { mode: "fixedRate", buildRateMwPerMonth: 5 }, prior: { growthLogSd: 0 } }), "s.json");
    expect(s.growth).toEqual({ mode: "fixedRate", buildRateMwPerMonth: 5 });
    expect(s.prior).toEqual({ growthLogSd: 0 });
    expect(() => parseBacktestScenario('{"growth":{"mode":"linear"}}', "s.json")).toThrow(/^s\.json: growth\.mode must be "fixedRate" or "margin"/);
    expect(() => parseBacktestScenario('{"prior":{"sigma":1}}', "s.json")).toThrow(/^s\.json: prior\.sigma is not a known key/);
  });

  it("names the file and the field of each error", () => {
    expect(() => parseBacktestScenario("{", "s.json")).toThrow(/^s\.json: not valid JSON/);
    expect(() => parseBacktestScenario('{"foo":1}', "s.json")).toThrow(/^s\.json: foo is not a known key/);
    expect(() => parseBacktestScenario('{"fleetMix":[{"jPerTh":50,"runningShare":0.5}]}', "s.json")).toThrow(/^s\.json: fleetMix running shares must sum to 1/);
    expect(() => parseBacktestScenario('{"growth":{"buildRateMwPerMonth":"x"}}', "s.json")).toThrow(/^s\.json: growth\.buildRateMwPerMonth must be a number/);
    // Nested keys too: a misspelt growth, lag or powerCost key would otherwise be ignored.
    expect(() => parseBacktestScenario('{"growth":{"marginGrowthPerYr":3}}', "s.json")).toThrow(/^s\.json: growth\.marginGrowthPerYr is not a known key \(known: mode, marginGrowthPerYear, /);
    expect(() => parseBacktestScenario('{"growth":{"hurdlePaybackDays":true}}', "s.json")).toThrow(/^s\.json: growth\.hurdlePaybackDays must be a number, got true/);
    expect(() => parseBacktestScenario('{"growth":{"enabled":0}}', "s.json")).toThrow(/^s\.json: growth\.enabled must be a boolean, got 0/);
    expect(parseBacktestScenario('{"growth":{"enabled":false}}', "s.json").growth).toEqual({ enabled: false });
    expect(() => parseBacktestScenario('{"lag":{"tauDown":5}}', "s.json")).toThrow(/^s\.json: lag\.tauDown is not a known key \(known: tauDownDays, tauUpDays\)/);
    expect(() => parseBacktestScenario('{"powerCost":{"medianUsdPerMwh":45,"p10UsdPerMwh":30,"p90UsdPerMwh":70,"p50":1}}', "s.json")).toThrow(/^s\.json: powerCost\.p50 is not a known key/);
    expect(() => parseBacktestScenario('{"events":[{"label":"a","startDate":"2021-13-01","shareOffline":0.1,"source":""}]}', "s.json")).toThrow(
      /^s\.json: events\[0\]\.startDate: must be an ISO date/,
    );
  });
});
