/**
 * Strategies (src/model/miners/strategies/) on crafted observations, and along driven
 * paths (driver.ts) for the properties that involve time: `exit` reaches zero mining MW
 * on its schedule (exitSpeed scales it); `threshold` converts only after N days below the
 * AI alternative and never faster than its build rate; `contracted` energises on the
 * contract dates plus build time; `mullet` curtails on price spikes and DR/4CP events
 * and earns the credits.
 */
import { describe, expect, it } from "vitest";
import type { ContractSlot, ContractTerms, MinerProfile, Observation, StrategyParams } from "../../../src/model/miners/index.js";
import {
  AI,
  CONVERTING,
  CURTAILED,
  DAYS_PER_MONTH,
  DEFAULT_BEHAVIOUR,
  DEFAULT_COLO_TERMS,
  DEFAULT_ECONOMICS,
  IDLE,
  MINING,
  SLOT_ACTIVE,
  SLOT_PENDING,
  accrue,
  aiAlternativePerGrossMwYear,
  applyActions,
  compileContract,
  compileMinerSpec,
  createAccrualInterval,
  createActions,
  createContractSlot,
  createMarketView,
  createMinerState,
  createObservation,
  dayOfDate,
  exitMiningCap,
  loadSlotFromSpec,
  miningMarginPerMwYear,
  observe,
  resetMiner,
  runStrategy,
} from "../../../src/model/miners/index.js";
import { revenuePerMwh } from "../../../src/model/units.js";
import { constRng, drive } from "./driver.js";

const START = "2026-03-01";
const CALM = 0.99;

function params(kind: StrategyParams["kind"], over: Partial<StrategyParams> = {}): StrategyParams {
  return { kind, thresholdDays: 90, minConversionBlockMw: 50, exitStartDay: 0, exitEndDay: 365, ...over };
}

function slotFor(terms: Partial<ContractTerms>, energiseDay: number): ContractSlot {
  const t: ContractTerms = {
    ...DEFAULT_COLO_TERMS,
    id: "x",
    itMw: 75,
    energiseDate: "2027-01-01",
    source: "mining",
    status: "signed",
    ...terms,
  };
  const s = createContractSlot();
  loadSlotFromSpec(s, compileContract(t, energiseDay, 1, DEFAULT_ECONOMICS));
  return s;
}

/** A mining-only observation at `day` with 400 MW mining, 17 J/TH, $45/MWh, HP $35. */
function baseObs(day = 100): Observation {
  const o = createObservation();
  o.day = day;
  o.mw[MINING] = 400;
  o.initialMiningMw = 400;
  o.jPerTh = 17;
  o.powerUsdPerMwh = 45;
  o.otherOpexUsdPerMwh = 10.5;
  o.hashpriceUsd = 35;
  o.revenuePerMwh = revenuePerMwh(35, 17);
  o.trailingHashpriceUsd = 35;
  o.trailingMiningMarginUsdPerMwYr = miningMarginPerMwYear(35, 17, 45, 10.5);
  o.interruptibleMw = 200;
  o.drEnrolledMw = 100;
  o.conversionBudgetMw = 60;
  o.aiSuitableMwRemaining = 80;
  o.exitSpeed = 1;
  o.btcPriceUsd = 70_000;
  return o;
}

const out = createActions(4);

describe("crafted observations", () => {
  it("every strategy starts a signed contract on its start day; only hodl skips planned pipeline", () => {
    const o = baseObs(200);
    // slot 0 signed, due; slot 1 planned, due; slot 2 signed, not yet due.
    const s0 = slotFor({}, 200 + 12 * DAYS_PER_MONTH);
    const s1 = slotFor({ status: "planned" }, 150 + 12 * DAYS_PER_MONTH);
    const s2 = slotFor({}, 201 + 12 * DAYS_PER_MONTH);
    o.slots = [s0, s1, s2];
    o.slotCount = 3;
    for (const kind of ["hodl", "mullet", "exit", "threshold", "contracted"] as const) {
      runStrategy(o, params(kind, { exitStartDay: 1e9 }), out);
      expect(out.startContract[0], kind).toBe(1);
      expect(out.startContract[1], kind).toBe(kind === "hodl" ? 0 : 1);
      expect(out.startContract[2], kind).toBe(0);
    }
  });

  it("hodl mines everything, curtails only a DR obligation, and re-mines free idle MW while mining pays", () => {
    const o = baseObs();
    runStrategy(o, params("hodl"), out);
    expect(out.curtailTargetMw).toBe(0);
    expect(out.convertMw).toBe(0);
    o.drEvent = true;
    runStrategy(o, params("hodl"), out);
    expect(out.curtailTargetMw).toBe(100); // enrolled MW only
    o.drEvent = false;
    o.idleFreeMw = 30;
    runStrategy(o, params("hodl"), out);
    expect(out.remineMw).toBe(30);
    o.trailingMiningMarginUsdPerMwYr = -1;
    runStrategy(o, params("hodl"), out);
    expect(out.remineMw).toBe(0);
  });

  it("mullet curtails all interruptible MW when power is worth more than mining it, or on DR / 4CP events", () => {
    const o = baseObs();
    const value = o.revenuePerMwh; // HP/(0.024·e) = 35/(0.408) ≈ $85.8/MWh
    o.rtPowerUsdPerMwh = value * 0.99;
    runStrategy(o, params("mullet"), out);
    expect(out.curtailTargetMw).toBe(0);
    o.rtPowerUsdPerMwh = value * 1.01;
    runStrategy(o, params("mullet"), out);
    expect(out.curtailTargetMw).toBe(200);
    // No real-time price: the contracted price decides (mining at a loss is switched off).
    o.rtPowerUsdPerMwh = Number.NaN;
    o.powerUsdPerMwh = value + 1;
    runStrategy(o, params("mullet"), out);
    expect(out.curtailTargetMw).toBe(200);
    o.powerUsdPerMwh = 45;
    o.fourCpEvent = true;
    runStrategy(o, params("mullet"), out);
    expect(out.curtailTargetMw).toBe(200);
    o.fourCpEvent = false;
    o.drEvent = true;
    runStrategy(o, params("mullet"), out);
    expect(out.curtailTargetMw).toBe(200);
  });

  it("exit caps the mining fleet on a straight line to zero and converts what budget and suitability allow", () => {
    const p = params("exit", { exitStartDay: 0, exitEndDay: 400 });
    const o = baseObs(100); // a quarter of the way: cap 300, excess 100
    runStrategy(o, p, out);
    expect(out.miningCapMw).toBeCloseTo(300, 9);
    expect(out.convertMw).toBe(60); // min(excess 100, suitable 80, budget 60) ≥ block 50
    o.conversionBudgetMw = 40; // below a block: wait, shut down instead
    runStrategy(o, p, out);
    expect(out.convertMw).toBe(0);
    expect(out.miningCapMw).toBeCloseTo(300, 9);
    o.aiSuitableMwRemaining = 30; // what is left is smaller than a block: convert it
    runStrategy(o, p, out);
    expect(out.convertMw).toBe(30);
    // exitSpeed 2 halves the wind-down: at day 100 of 200 the cap is 200.
    o.exitSpeed = 2;
    runStrategy(o, p, out);
    expect(out.miningCapMw).toBeCloseTo(200, 9);
    expect(exitMiningCap(400, 250, 0, 400, 2)).toBe(0);
    expect(exitMiningCap(400, -5, 0, 400, 1)).toBe(400);
  });

  it("threshold converts only once the margin has been below the AI alternative for N days", () => {
    const p = params("threshold", { thresholdDays: 90 });
    const o = baseObs();
    o.daysMarginBelowAi = 89.9;
    runStrategy(o, p, out);
    expect(out.convertMw).toBe(0);
    o.daysMarginBelowAi = 90;
    runStrategy(o, p, out);
    expect(out.convertMw).toBe(60); // min(fleet 400, suitable 80, budget 60)
    o.conversionBudgetMw = 49;
    runStrategy(o, p, out);
    expect(out.convertMw).toBe(0);
  });

  it("contracted builds announced contracts and curtails only DR obligations", () => {
    const o = baseObs();
    o.rtPowerUsdPerMwh = 5000;
    runStrategy(o, params("contracted"), out);
    expect(out.curtailTargetMw).toBe(0);
    expect(out.convertMw).toBe(0);
    expect(out.miningCapMw).toBeNaN();
  });
});

function profile(over: Partial<MinerProfile>): MinerProfile {
  return {
    id: "m",
    name: "m",
    miningMw: 500,
    jPerTh: 17,
    powerUsdPerMwh: 45,
    treasuryBtc: 0,
    holdFraction: 0,
    interruptibleShare: 0.5,
    drEnrolledShare: 0.5,
    strategy: "hodl",
    contracts: [],
    ...over,
  };
}

describe("driven paths", () => {
  it("exit reaches zero mining MW on its schedule, never above the line before; exitSpeed 2 halves it", () => {
    for (const speed of [1, 2]) {
      const spec = compileMinerSpec(
        profile({ strategy: "exit", exitStartDate: "2026-06-01", exitEndDate: "2027-06-01", aiSuitableShare: 0.3 }),
        { startDate: START, exitSpeed: speed },
      );
      const m = createMinerState(spec);
      const rng = constRng(CALM);
      resetMiner(m, rng);
      const start = dayOfDate("2026-06-01", START);
      const endAtSpeed1 = dayOfDate("2027-06-01", START);
      const end = start + (endAtSpeed1 - start) / speed;
      let zeroAt = Number.NaN;
      drive(m, rng, {
        days: 800,
        hashprice: () => 40,
        onDecision: (miner, obs) => {
          const fleet = miner.mw[MINING]! + miner.mw[CURTAILED]!;
          expect(fleet).toBeLessThanOrEqual(exitMiningCap(500, obs.day, start, endAtSpeed1, speed) + 1e-9);
          if (Number.isNaN(zeroAt) && fleet === 0) zeroAt = obs.day;
        },
      });
      // Zero at the first decision on or after the end of the schedule (weekly decisions).
      expect(zeroAt).toBeGreaterThanOrEqual(end);
      expect(zeroAt).toBeLessThan(end + 7);
      expect(m.mw[MINING]).toBe(0);
      // The AI-suitable 30% went to AI (through conversion); the rest is idle.
      expect(m.mw[AI]! + m.mw[CONVERTING]!).toBeCloseTo(150, 6);
      expect(m.mw[IDLE]).toBeCloseTo(350, 6);
    }
  });

  it("threshold converts only after N days below the AI alternative and never faster than its build rate", () => {
    const spec = compileMinerSpec(profile({ strategy: "threshold", aiSuitableShare: 1, buildRateMwPerYr: 200 }), {
      startDate: START,
    });
    const alt = aiAlternativePerGrossMwYear(spec.conversionTerms, spec.conversionTerms.usdPerItMwYr, spec.discountRate);
    const m = createMinerState(spec);
    const rng = constRng(CALM);
    resetMiner(m, rng);
    // HP $60 (margin well above the alternative) until day 100, then $20 (well below).
    const hp = (d: number) => (d < 100 ? 60 : 20);
    let firstBelow = Number.NaN;
    let firstConversion = Number.NaN;
    let converted = 0;
    drive(m, rng, {
      days: 1500,
      hashprice: hp,
      onDecision: (_miner, obs, actions) => {
        if (Number.isNaN(firstBelow) && obs.trailingMiningMarginUsdPerMwYr < alt) firstBelow = obs.day;
        if (actions.convertMw > 0) {
          if (Number.isNaN(firstConversion)) firstConversion = obs.day;
          converted += actions.convertMw;
          expect(obs.day - firstBelow).toBeGreaterThanOrEqual(DEFAULT_BEHAVIOUR.thresholdDays);
        }
        // Cumulative conversions ≤ build rate × elapsed (budget starts at 0 on day 0).
        expect(converted).toBeLessThanOrEqual((200 * obs.day) / 365 + 1e-9);
      },
    });
    expect(firstBelow).toBeGreaterThan(100); // the trailing margin lags the drop
    expect(firstConversion).toBeGreaterThanOrEqual(firstBelow + 90);
    expect(firstConversion).toBeLessThan(firstBelow + 90 + 7);
    // It keeps converting at the build rate until the fleet is gone (500 MW at 200 MW/yr).
    expect(m.mw[MINING]).toBe(0);
    expect(converted).toBeCloseTo(500, 6);
  });

  it("contracted energises each announced contract on its date plus build time (exitSpeed 2: half the build)", () => {
    const terms: ContractTerms = {
      ...DEFAULT_COLO_TERMS,
      id: "lease",
      itMw: 150,
      energiseDate: "2028-01-01",
      buildMonths: 12,
      source: "mining",
      status: "planned",
    };
    for (const speed of [1, 2]) {
      const spec = compileMinerSpec(profile({ strategy: "contracted", contracts: [terms] }), {
        startDate: START,
        exitSpeed: speed,
      });
      const m = createMinerState(spec);
      const rng = constRng(CALM);
      resetMiner(m, rng);
      const startDay = dayOfDate("2028-01-01", START) - 12 * DAYS_PER_MONTH;
      const energise = startDay + (12 * DAYS_PER_MONTH) / speed;
      let buildSeen = Number.NaN;
      let activeSeen = Number.NaN;
      drive(m, rng, {
        days: 1200,
        hashprice: () => 40,
        onDecision: (miner, obs) => {
          const st = miner.slots[0]!.state;
          if (Number.isNaN(buildSeen) && st !== SLOT_PENDING) buildSeen = obs.day;
          if (Number.isNaN(activeSeen) && st === SLOT_ACTIVE) activeSeen = obs.day;
        },
      });
      // The driver gives the miner events exactly at these days (nextMinerEventDay).
      expect(buildSeen).toBeCloseTo(startDay, 9);
      expect(activeSeen).toBeCloseTo(energise, 9);
      expect(m.mw[AI]).toBeCloseTo(200, 9);
      expect(m.mw[MINING]).toBeCloseTo(300, 9);
    }
  });

  it("mullet curtails in a price spike and earns resale, 4CP and ERS credits; a hodl twin earns less", () => {
    const make = (kind: "mullet" | "hodl") => {
      const m = createMinerState(compileMinerSpec(profile({ strategy: kind }), { startDate: START }));
      resetMiner(m, constRng(CALM));
      return m;
    };
    const mullet = make("mullet");
    const hodl = make("hodl");
    const view = createMarketView();
    const obs = createObservation();
    const acts = createActions(mullet.spec.slotCapacity);
    const iv = createAccrualInterval();
    const hp = 35;
    const rt = 1000; // $/MWh spike, far above HP/(0.024·17) ≈ $85.8
    for (const m of [mullet, hodl]) {
      // Day 10: a 4CP interval inside a 2-day price window.
      iv.fromDay = 0;
      iv.toDay = 10;
      iv.hashpriceUsdIntegral = hp * 10;
      iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / 70_000;
      iv.rtPowerUsdPerMwh = Number.NaN;
      accrue(m, iv);
      view.day = 10;
      view.hashpriceUsdPerPhDay = hp;
      view.btcPriceUsd = 70_000;
      view.rtPowerUsdPerMwh = rt;
      view.fourCpEvent = true;
      observe(m, view, obs);
      runStrategy(obs, m.spec.strategy, acts);
      applyActions(m, obs, acts, constRng(CALM));
      iv.fromDay = 10;
      iv.toDay = 12;
      iv.hashpriceUsdIntegral = hp * 2;
      iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / 70_000;
      iv.rtPowerUsdPerMwh = rt;
      accrue(m, iv);
    }
    expect(mullet.mw[CURTAILED]).toBe(250); // interruptible share 0.5 × 500
    expect(hodl.mw[CURTAILED]).toBe(0);
    const l = mullet.ledger;
    expect(l.resaleCreditUsd).toBeCloseTo((rt - 45) * 250 * 48, 3);
    expect(l.fourCpCreditUsd).toBeCloseTo(0.25 * 80_000 * 250, 6);
    expect(hodl.ledger.fourCpCreditUsd).toBe(0);
    // ERS: $60k/MW-yr on enrolled MW = 0.5 × 0.5 × 500 for 12 days, both miners.
    expect(l.ersCreditUsd).toBeCloseTo((60_000 * 125 * 12) / 365, 6);
    expect(hodl.ledger.ersCreditUsd).toBeCloseTo(l.ersCreditUsd, 9);
    expect(l.curtailedMwh).toBeCloseTo(250 * 48, 9);
    // Over the spike, curtailing beats mining: EBITDA(mullet) − EBITDA(hodl) =
    // 250 MW × 48 h × (rt − HP/(0.024·e)) + 4CP credit.
    const ebitda = (x: typeof l) =>
      x.miningRevenueUsd + x.coloRevenueUsd + x.gpuRevenueUsd + x.ersCreditUsd + x.fourCpCreditUsd + x.resaleCreditUsd - x.powerCostUsd - x.otherOpexUsd - x.aiOpexUsd;
    const gain = 250 * 48 * (rt - revenuePerMwh(hp, 17)) + 0.25 * 80_000 * 250;
    expect(ebitda(l) - ebitda(hodl.ledger)).toBeCloseTo(gain, 3);
  });
});
