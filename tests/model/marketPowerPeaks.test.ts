/** The seasonal power-peak profile: dated windows on summer weekdays, 4CP flags. */
import { describe, expect, it } from "vitest";
import { DEFAULT_POWER_PEAKS } from "../../src/model/calibration.js";
import {
  createPeakQuery,
  createPowerPeakState,
  epochDayFromIso,
  isoFromEpochDay,
  nextPeakDay,
  peakOnDay,
  resetPowerPeaks,
  validatePowerPeakPlan,
  weekdayOfEpochDay,
} from "../../src/model/market/index.js";
import type { PowerPeakPlan } from "../../src/model/market/index.js";
import { createRng } from "../../src/random/index.js";

const START = "2026-03-01";
const plan: PowerPeakPlan = { ...DEFAULT_POWER_PEAKS, enabled: true, startDate: START, horizonDays: 3 * 365 };

describe("power peaks", () => {
  it("puts peakHoursPerMonth hours on distinct summer weekdays, 15:00 windows, one 4CP interval a month", () => {
    const s = createPowerPeakState(plan);
    resetPowerPeaks(s, plan, createRng("peaks"));
    const start = epochDayFromIso(START);
    const byMonth = new Map<string, { hours: number; intervals: number; n: number }>();
    for (let i = 0; i < s.n; i++) {
      if (i > 0) expect(s.day[i]!).toBeGreaterThan(s.day[i - 1]!);
      const epochDay = start + s.day[i]!;
      const iso = isoFromEpochDay(epochDay);
      const month = Number(iso.slice(5, 7));
      expect(plan.months).toContain(month);
      const wd = weekdayOfEpochDay(epochDay);
      expect(wd >= 1 && wd <= 5).toBe(true);
      expect(s.startHour[i]).toBe(15);
      expect(s.price[i]).toBe(plan.peakPriceUsdPerMwh);
      const key = iso.slice(0, 7);
      const m = byMonth.get(key) ?? { hours: 0, intervals: 0, n: 0 };
      m.hours += s.hours[i]!;
      m.intervals += (s.flags[i]! & 2) !== 0 ? 1 : 0;
      m.n++;
      byMonth.set(key, m);
    }
    // Jun–Sep of 2026, 2027, 2028 (the horizon ends 2029-02-28).
    expect([...byMonth.keys()].sort()).toEqual([
      "2026-06", "2026-07", "2026-08", "2026-09",
      "2027-06", "2027-07", "2027-08", "2027-09",
      "2028-06", "2028-07", "2028-08", "2028-09",
    ]);
    for (const m of byMonth.values()) {
      expect(m.hours).toBeCloseTo(plan.peakHoursPerMonth, 12);
      expect(m.n).toBe(Math.ceil(plan.peakHoursPerMonth / plan.windowHours));
      expect(m.intervals).toBe(1);
    }
  });

  it("queries: peakOnDay matches the windows, nextPeakDay finds the next one", () => {
    const s = createPowerPeakState(plan);
    resetPowerPeaks(s, plan, createRng("q"));
    const q = createPeakQuery();
    let w = 0;
    for (let d = 0; d <= plan.horizonDays; d++) {
      const has = peakOnDay(s, d, q);
      expect(nextPeakDay(s, d)).toBe(w < s.n ? s.day[w]! : Infinity);
      if (w < s.n && s.day[w] === d) {
        expect(has).toBe(true);
        expect(q.hours).toBe(s.hours[w]);
        expect(q.fourCpCandidate).toBe(true);
        expect(q.fourCpInterval).toBe((s.flags[w]! & 2) !== 0);
        w++;
      } else {
        expect(has).toBe(false);
        expect(q.hours).toBe(0);
      }
    }
    expect(w).toBe(s.n);
  });

  it("chooses each weekday of a month with equal probability k/n (±5 sd)", () => {
    const short: PowerPeakPlan = { ...plan, horizonDays: 200 }; // covers Jun–Sep 2026
    const s = createPowerPeakState(short);
    const rng = createRng("uniform");
    const counts = new Map<number, number>();
    const resets = 4000;
    for (let r = 0; r < resets; r++) {
      resetPowerPeaks(s, short, rng);
      for (let i = 0; i < s.n; i++) {
        const iso = isoFromEpochDay(epochDayFromIso(START) + s.day[i]!);
        if (iso.startsWith("2026-07")) counts.set(s.day[i]!, (counts.get(s.day[i]!) ?? 0) + 1);
      }
    }
    const weekdays = 23; // July 2026 has 23 weekdays
    expect(counts.size).toBe(weekdays);
    const p = Math.ceil(short.peakHoursPerMonth / short.windowHours) / weekdays;
    const sd = Math.sqrt(resets * p * (1 - p));
    for (const c of counts.values()) expect(Math.abs(c - resets * p)).toBeLessThan(5 * sd);
  });

  it("disabled: no windows and no random draws", () => {
    const off: PowerPeakPlan = { ...plan, enabled: false };
    const s = createPowerPeakState(off);
    const rng = createRng("off");
    resetPowerPeaks(s, off, rng);
    expect(s.n).toBe(0);
    expect(nextPeakDay(s, 0)).toBe(Infinity);
    expect(rng.double()).toBe(createRng("off").double());
  });

  it("validates its plan", () => {
    expect(() => validatePowerPeakPlan({ ...plan, months: [13] })).toThrow(/months/);
    expect(() => validatePowerPeakPlan({ ...plan, windowStartHour: 22, windowHours: 3 })).toThrow(/within a day/);
    expect(() => validatePowerPeakPlan({ ...plan, startDate: "2026-02-30" })).toThrow(/2026-02-30/);
  });
});
