/**
 * The economic shutdown every strategy applies to its mining (strategies/common.ts
 * miningUneconomic; actions.ts; CALIBRATION (1) "Shutdown rule"):
 * - on crafted observations, every strategy switches mining off when the current and the
 *   trailing hashprice are both below the power-cost breakeven 0.024·e·c, and not when
 *   either is at or above it (switch-on at once, switch-off lagged);
 * - carried out on a miner, the whole mining fleet goes to CURTAILED (beyond the
 *   interruptible share, which bounds dispatch only) and comes back when mining pays;
 * - along driven paths, each strategy stops mining within the lag the trailing hashprice
 *   implies, mines nothing while off (no ERS either), resumes at the first decision above
 *   breakeven, and conserves MW throughout;
 * - `hodl` never converts, however long mining loses money: its machines are curtailed,
 *   not sold or converted;
 * - through the full path, a price collapse switches every named miner off, where before
 *   `hodl` miners kept mining at a loss.
 */
import { describe, expect, it } from "vitest";
import type { MinerProfile, MinerState, Observation, StrategyKind, StrategyParams } from "../../../src/model/miners/index.js";
import {
  AI,
  CONVERTING,
  CURTAILED,
  IDLE,
  MINING,
  STRATEGY_KINDS,
  applyActions,
  checkCapacity,
  compileMinerSpec,
  createActions,
  createMarketView,
  createMinerState,
  createObservation,
  miningMarginPerMwYear,
  miningUneconomic,
  observe,
  resetMiner,
  runStrategy,
} from "../../../src/model/miners/index.js";
import { shockFromPercent } from "../../../src/model/market/index.js";
import { defaultModelPlan, simulateModelPath } from "../../../src/model/path/index.js";
import { breakevenHashprice, revenuePerMwh } from "../../../src/model/units.js";
import { RecordReader, horizonDateAfter } from "../path/fixtures.js";
import { constRng, drive } from "./driver.js";

const START = "2026-03-01"; // CALIBRATION (1) "Start date"
const CALM = 0.99; // constRng: no slip, no default
const J = 17;
const C = 45;
const BE = breakevenHashprice(J, C); // 0.024 × 17 × 45 $/PH/day

function params(kind: StrategyKind): StrategyParams {
  return { kind, thresholdDays: 90, minConversionBlockMw: 50, exitStartDay: 0, exitEndDay: 2000 };
}

/** A mining-only observation: 400 MW mining, 17 J/TH, $45/MWh, hashprice `hp`, trailing `trail`. */
function obsAt(hp: number, trail: number): Observation {
  const o = createObservation();
  o.day = 100;
  o.mw[MINING] = 400;
  o.initialMiningMw = 400;
  o.jPerTh = J;
  o.powerUsdPerMwh = C;
  o.otherOpexUsdPerMwh = 10.5;
  o.hashpriceUsd = hp;
  o.revenuePerMwh = revenuePerMwh(hp, J);
  o.trailingHashpriceUsd = trail;
  o.trailingMiningMarginUsdPerMwYr = miningMarginPerMwYear(trail, J, C, 10.5);
  o.interruptibleMw = 200;
  o.exitSpeed = 1;
  o.btcPriceUsd = 70_000;
  return o;
}

function profile(kind: StrategyKind, over: Partial<MinerProfile> = {}): MinerProfile {
  return {
    id: "m",
    name: "m",
    miningMw: 500,
    jPerTh: J,
    powerUsdPerMwh: C,
    treasuryBtc: 0,
    holdFraction: 0,
    interruptibleShare: 0.5,
    drEnrolledShare: 0.5,
    strategy: kind,
    // A long wind-down, so that an exiting miner still has a fleet to switch off.
    exitStartDate: "2026-03-01",
    exitEndDate: "2031-03-01",
    aiSuitableShare: 0.3,
    contracts: [],
    ...over,
  };
}

function minerFor(kind: StrategyKind, over: Partial<MinerProfile> = {}): MinerState {
  const m = createMinerState(compileMinerSpec(profile(kind, over), { startDate: START }));
  resetMiner(m, constRng(CALM));
  return m;
}

const out = createActions(4);

describe("crafted observations", () => {
  it("every strategy switches mining off only when both the current and the trailing hashprice are below breakeven", () => {
    const below = BE * 0.99;
    const above = BE * 1.01;
    for (const kind of STRATEGY_KINDS) {
      const cases: [number, number, boolean][] = [
        [below, below, true],
        [BE, below, false], // at breakeven it runs
        [above, below, false], // switch-on: the current hashprice alone decides
        [below, above, false], // switch-off lags: a dip the trailing mean has not followed
        [0, 0, true],
        [above, above, false],
      ];
      for (const [hp, trail, off] of cases) {
        const o = obsAt(hp, trail);
        expect(miningUneconomic(o), `${kind} hp ${hp} trail ${trail}`).toBe(off);
        runStrategy(o, params(kind), out);
        expect(out.economicOff, `${kind} hp ${hp} trail ${trail}`).toBe(off);
      }
    }
  });

  it("the breakeven is the power cost alone: other opex is paid whether the fleet runs or not", () => {
    // Just above 0.024·e·c mining loses money once other opex is counted, but switching off
    // would not save that opex (accounting.ts charges it on mining + curtailed MW).
    const hp = BE * 1.001;
    expect(miningMarginPerMwYear(hp, J, C, 10.5)).toBeLessThan(0);
    runStrategy(obsAt(hp, hp), params("hodl"), out);
    expect(out.economicOff).toBe(false);
    // A zero power price never switches off (breakeven 0).
    const o = obsAt(0, 0);
    o.powerUsdPerMwh = 0;
    expect(miningUneconomic(o)).toBe(false);
  });

  it("carried out on a miner, every strategy curtails its whole mining fleet, beyond the interruptible share, and resumes", () => {
    const view = createMarketView();
    const obs = createObservation();
    for (const kind of STRATEGY_KINDS) {
      const m = minerFor(kind, { exitStartDate: "2030-01-01" }); // no wind-down yet
      const acts = createActions(m.spec.slotCapacity);
      const fleet = m.mw[MINING]! + m.mw[CURTAILED]!;
      view.day = 50;
      view.btcPriceUsd = 70_000;
      // Below breakeven, and long enough for the trailing mean to be below too.
      view.hashpriceUsdPerPhDay = BE * 0.5;
      m.trailingHashpriceUsd = BE * 0.5;
      observe(m, view, obs);
      runStrategy(obs, m.spec.strategy, acts);
      applyActions(m, obs, acts, constRng(CALM));
      expect(m.economicOff, kind).toBe(true);
      expect(m.mw[MINING], kind).toBe(0);
      expect(m.mw[CURTAILED], kind).toBeCloseTo(fleet, 9);
      expect(m.mw[CURTAILED]!, kind).toBeGreaterThan(m.spec.interruptibleShare * fleet);
      expect(checkCapacity(m), kind).toBeNull();
      // Above breakeven again: everything mines (no dispatch curtailment at this price).
      view.day = 57;
      view.hashpriceUsdPerPhDay = BE * 1.2;
      observe(m, view, obs);
      runStrategy(obs, m.spec.strategy, acts);
      applyActions(m, obs, acts, constRng(CALM));
      expect(m.economicOff, kind).toBe(false);
      expect(m.mw[CURTAILED], kind).toBe(0);
      expect(m.mw[MINING], kind).toBeCloseTo(fleet, 9);
      expect(checkCapacity(m), kind).toBeNull();
    }
  });
});

describe("driven paths: hashprice 40 → 5 (day 98) → 40 (day 308)", () => {
  const DROP = 98; // a weekly decision day (14 × 7)
  const RISE = 308; // 44 × 7
  const LOW = 5;
  const HIGH = 40;
  const hp = (d: number) => (d >= DROP && d < RISE ? LOW : HIGH);
  // The trailing hashprice (EWMA, τ = trailingDays = 30) is exactly LOW + (HIGH − LOW)·e^{−(t−DROP)/30}
  // after the drop (constant hashprice within every accrual interval), so it crosses the
  // breakeven at tStar; the miner switches off at its first event on or after tStar.
  const tStar = DROP + 30 * Math.log((HIGH - LOW) / (BE - LOW));
  const firstWeeklyAfter = Math.ceil(tStar / 7) * 7;

  for (const kind of STRATEGY_KINDS) {
    it(`${kind}: mines until the lag has run, nothing while off (no ERS), everything again at the first decision above breakeven`, () => {
      const m = minerFor(kind);
      const rng = constRng(CALM);
      let offDay = Number.NaN;
      let onDay = Number.NaN;
      let ersAtOff = Number.NaN;
      let ersAtOn = Number.NaN;
      drive(m, rng, {
        days: 500,
        hashprice: hp,
        onDecision: (miner, obs) => {
          const t = obs.day;
          const fleet = miner.mw[MINING]! + miner.mw[CURTAILED]!;
          expect(checkCapacity(miner), `${kind} day ${t}`).toBeNull();
          if (t < tStar) {
            expect(miner.economicOff, `${kind} day ${t}`).toBe(false);
            expect(miner.mw[MINING]!, `${kind} day ${t}`).toBeGreaterThan(0);
            // Only mullet dispatches against its power price (p = c > HP/(0.024·e) after the drop), within its interruptible MW.
            const dispatched = kind === "mullet" && t >= DROP ? m.spec.interruptibleShare * fleet : 0;
            expect(miner.mw[CURTAILED]!, `${kind} day ${t}`).toBeCloseTo(dispatched, 9);
          } else if (t < RISE) {
            if (Number.isNaN(offDay)) {
              offDay = t;
              ersAtOff = miner.ledger.ersCreditUsd;
            }
            expect(miner.economicOff, `${kind} day ${t}`).toBe(true);
            expect(miner.mw[MINING], `${kind} day ${t}`).toBe(0);
            expect(fleet, `${kind} day ${t}`).toBeGreaterThan(0);
            expect(miner.mw[CURTAILED]!, `${kind} day ${t}`).toBeCloseTo(fleet, 9);
          } else {
            if (Number.isNaN(onDay)) {
              onDay = t;
              ersAtOn = miner.ledger.ersCreditUsd;
            }
            expect(miner.economicOff, `${kind} day ${t}`).toBe(false);
            expect(miner.mw[CURTAILED], `${kind} day ${t}`).toBe(0);
            expect(miner.mw[MINING]!, `${kind} day ${t}`).toBeCloseTo(fleet, 9);
          }
        },
      });
      expect(offDay).toBeGreaterThanOrEqual(tStar);
      expect(offDay).toBeLessThanOrEqual(firstWeeklyAfter);
      expect(onDay).toBe(RISE);
      // ERS accrues before and after the shutdown, not during it.
      expect(ersAtOff).toBeGreaterThan(0);
      expect(ersAtOn).toBe(ersAtOff);
      expect(m.ledger.ersCreditUsd).toBeGreaterThan(ersAtOn);
      // The off period shows in the ledger as curtailed MW-days.
      expect(m.ledger.mwDays[CURTAILED]!).toBeGreaterThan(0);
    });
  }
});

describe("hodl means no conversion, not mining at a loss", () => {
  it("over three years of hashprice at a fifth of breakeven it curtails, never converts, sells or idles a MW, and mines again after", () => {
    const m = minerFor("hodl", { aiSuitableShare: 1 });
    const suitable = m.aiSuitableMwRemaining;
    const slots = m.slotCount;
    const END = 3 * 365;
    drive(m, constRng(CALM), {
      days: END + 70,
      hashprice: (d) => (d < END ? BE / 5 : 2 * BE),
      onDecision: (miner, obs) => {
        expect(miner.mw[AI]! + miner.mw[CONVERTING]! + miner.mw[IDLE]!).toBe(0);
        if (obs.day > 60 && obs.day < END) expect(miner.mw[MINING]).toBe(0);
      },
    });
    expect(m.aiSuitableMwRemaining).toBe(suitable);
    expect(m.slotCount).toBe(slots);
    expect(m.ledger.capexUsd).toBe(0);
    expect(m.mw[MINING]).toBe(500);
    expect(m.mw[CURTAILED]).toBe(0);
  });
});

describe("through the full path", () => {
  it("a price collapse (−99.999% on day 30) switches every named miner's mining off within the lag", () => {
    const plan = defaultModelPlan({ horizonDate: horizonDateAfter(365), shocks: [shockFromPercent(30, -0.99999, "collapse")] });
    // The lowest breakeven among the miners bounds the lag: hashprice falls from ~$33 to
    // ~0 on day 30, so the trailing mean is below the breakeven b after 30·ln(33/b) days.
    let minBe = Infinity;
    for (const s of plan.miners) minBe = Math.min(minBe, breakevenHashprice(s.jPerTh, s.powerUsdPerMwh));
    const lag = 30 * Math.log(40 / minBe); // $40 bounds the pre-collapse hashprice from above
    for (let path = 0; path < 2; path++) {
      const { layout, record } = simulateModelPath(plan, "collapse", path);
      const r = new RecordReader(layout, record);
      const hp = r.series("network", "hashprice");
      expect(Math.max(...hp.subarray(0, 4))).toBeLessThan(40);
      const mining = r.series("named", "mwMining");
      const curtailed = r.series("named", "mwCurtailed");
      expect(mining[0]!).toBeGreaterThan(1000);
      for (let g = Math.ceil((30 + lag) / 7) + 1; g < mining.length; g++) {
        expect(mining[g], `path ${path} week ${g}`).toBe(0);
        expect(curtailed[g]!, `path ${path} week ${g}`).toBeGreaterThan(0);
      }
      // Nobody keeps the chain going: the drawdown is (nearly) total.
      expect(r.scalar("network", "hashrateDrawdown")).toBeGreaterThan(0.99);
    }
  });
});
