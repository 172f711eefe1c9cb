import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashrateFromDifficulty } from "../../src/consensus/index.js";
import {
  NOMINAL_BLOCKS_PER_DAY,
  breakevenHashprice,
  ehToHs,
  hashpriceUsdPerPhDay,
  hsToEh,
  hsToPh,
  impliedDifficulty,
  impliedHashrateHs,
  miningRevenuePerMwYear,
  phToHs,
  powerMwFromEh,
  ehFromPowerMw,
  revenuePerMwh,
  revenuePerPhDayAtDifficulty,
} from "../../src/model/units.js";

describe("hashprice identities (CALIBRATION.md 'Useful identities')", () => {
  it("reproduces Luxor's 12 Jan 2026 revenue per MWh from hashprice $39.53/PH/day", () => {
    // Hashrate Index roundup, 12 Jan 2026 (CALIBRATION.md §c.1): HP $39.53 → $97/MWh for
    // a 17 J/TH fleet and $75/MWh for 22 J/TH (Luxor publishes whole dollars).
    expect(Math.round(revenuePerMwh(39.53, 17))).toBe(97);
    expect(Math.round(revenuePerMwh(39.53, 22))).toBe(75);
    // And not by accident of rounding: a 10% different efficiency misses.
    expect(Math.round(revenuePerMwh(39.53, 17 * 1.1))).not.toBe(97);
  });

  it("gives the §c.1 consistency check: $70k, 950 EH/s, 3.15 BTC/block → ~$33.4/PH/day", () => {
    // CALIBRATION.md §c.1: HP = 144·3.15·70,000 / 950,000 = $33.4/PH/day.
    const hp = hashpriceUsdPerPhDay(70_000, 3.125, 0.025, ehToHs(950));
    expect(hp).toBeCloseTo(33.4, 1);
  });

  it("144 nominal blocks a day", () => {
    expect(NOMINAL_BLOCKS_PER_DAY).toBe(144);
  });

  it("implied hashrate: D = 136.6 T gives 0.978 ZH/s (CALIBRATION.md example)", () => {
    expect(impliedHashrateHs(136.6e12) / 1e21).toBeCloseTo(0.978, 3);
  });

  it("agrees with the consensus module's hashrateFromDifficulty at 600 s", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e16, noNaN: true }), (d) => {
        const a = impliedHashrateHs(d);
        const b = hashrateFromDifficulty(d, 600);
        return Math.abs(a - b) <= 1e-12 * b;
      }),
    );
  });

  it("impliedDifficulty inverts impliedHashrateHs", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e16, noNaN: true }), (d) => {
        return Math.abs(impliedDifficulty(impliedHashrateHs(d)) - d) <= 1e-12 * d;
      }),
    );
  });

  it("revenue per PH at difficulty D equals hashprice at the D-implied hashrate", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 50, noNaN: true }),
        fc.double({ min: 1e6, max: 1e15, noNaN: true }),
        (price, reward, d) => {
          const a = revenuePerPhDayAtDifficulty(price, reward, d);
          const b = hashpriceUsdPerPhDay(price, reward, 0, impliedHashrateHs(d));
          return Math.abs(a - b) <= 1e-12 * b;
        },
      ),
    );
  });

  it("breakeven hashprice and revenue per MWh are inverse: HP/(0.024·e) at HP = 0.024·e·c is c", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 200, noNaN: true }), fc.double({ min: 1, max: 500, noNaN: true }), (e, c) => {
        return Math.abs(revenuePerMwh(breakevenHashprice(e, c), e) - c) <= 1e-12 * c;
      }),
    );
  });

  it("breakeven from first principles: 1 PH/s at e J/TH for a day, at c $/MWh", () => {
    // 1e15 H/s × e·1e-12 J/H = 1e3·e W; × 86,400 s = J per day; / 3.6e9 J per MWh.
    const e = 29.5;
    const c = 45;
    const mwhPerDay = (1e15 * e * 1e-12 * 86_400) / 3.6e9;
    expect(breakevenHashprice(e, c)).toBeCloseTo(mwhPerDay * c, 10);
  });

  it("mining revenue per MW-yr: §e.3 17 J/TH at HP $35 → ~$0.75M, and equals $/MWh × 8,760 h", () => {
    // CALIBRATION.md §e.3: 1000/17 = 58.8 PH/s → $2,059/day → $0.75M per MW-yr.
    expect(miningRevenuePerMwYear(35, 17) / 1e6).toBeCloseTo(0.75, 2);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 500, noNaN: true }), fc.double({ min: 5, max: 100, noNaN: true }), (hp, e) => {
        const a = miningRevenuePerMwYear(hp, e);
        const b = revenuePerMwh(hp, e) * 24 * 365;
        return Math.abs(a - b) <= 1e-12 * b;
      }),
    );
  });

  it("1 EH/s at e J/TH draws e MW, from base units", () => {
    const e = 16.5;
    const watts = 1e18 * e * 1e-12; // H/s × J/H
    expect(powerMwFromEh(1, e)).toBeCloseTo(watts / 1e6, 9);
    expect(ehFromPowerMw(powerMwFromEh(3.2, e), e)).toBeCloseTo(3.2, 12);
  });

  it("hashrate unit conversions round-trip", () => {
    expect(hsToEh(ehToHs(950))).toBeCloseTo(950, 9);
    expect(hsToPh(phToHs(1234.5))).toBeCloseTo(1234.5, 9);
    expect(ehToHs(1)).toBe(1e18);
    expect(phToHs(1)).toBe(1e15);
  });
});
