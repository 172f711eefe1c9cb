/**
 * Contracts (src/model/miners/contracts.ts) and their life along a path (lifecycle.ts):
 * escalator arithmetic, build → energise timing with exitSpeed, delivery slips and
 * termination, counterparty default → idle → re-lease at −20%, renewals and lapses,
 * next-event days. Crafted generators (constRng / seqRng) make each draw explicit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractTerms, MinerProfile } from "../../../src/model/miners/index.js";
import {
  AI,
  CONVERTING,
  DAYS_PER_MONTH,
  DEFAULT_COLO_TERMS,
  DEFAULT_ECONOMICS,
  IDLE,
  MINING,
  SLOT_ACTIVE,
  SLOT_BUILDING,
  SLOT_EMPTY,
  SLOT_PENDING,
  SLOT_RELEASING,
  accrue,
  advanceContracts,
  checkCapacity,
  compileContract,
  compileMinerSpec,
  createAccrualInterval,
  createMinerState,
  dayOfDate,
  escalatedRate,
  escalatedRevenuePerItMw,
  escalatorSum,
  nextMinerEventDay,
  resetMiner,
  startContract,
  startRemining,
  year1Rate,
} from "../../../src/model/miners/index.js";
import { constRng, seqRng } from "./driver.js";

const START = "2026-03-01";
/** u = 0.99: no slip (0.99 ≥ 0.25), default waiting time −ln(0.01)/h years (2,303 yr at 0.2%/yr), no renewal (0.99 ≥ 0.6). */
const CALM = 0.99;

function lease(fields: Partial<ContractTerms>): ContractTerms {
  return {
    ...DEFAULT_COLO_TERMS,
    id: "c",
    itMw: 75,
    energiseDate: "2027-09-01", // build (12 months) starts 2026-09-01, after day 0
    source: "mining",
    status: "signed",
    ...fields,
  };
}

/** Accrue from the ledger's last day to `to` at a flat hashprice (contracts as they stand). */
function accrueFlat(m: ReturnType<typeof createMinerState>, to: number): void {
  const iv = createAccrualInterval();
  iv.fromDay = m.ledger.lastDay;
  iv.toDay = to;
  iv.hashpriceUsdIntegral = 35 * (to - iv.fromDay);
  iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / 70_000;
  accrue(m, iv);
}

function minerWith(contracts: ContractTerms[], extra: Partial<MinerProfile> = {}, exitSpeed = 1) {
  const profile: MinerProfile = {
    id: "t",
    name: "t",
    miningMw: 500,
    jPerTh: 17,
    powerUsdPerMwh: 45,
    treasuryBtc: 0,
    holdFraction: 0,
    interruptibleShare: 0.5,
    drEnrolledShare: 0,
    strategy: "contracted",
    contracts,
    ...extra,
  };
  return createMinerState(compileMinerSpec(profile, { startDate: START, exitSpeed }));
}

describe("escalator arithmetic", () => {
  it("escalatorSum is Σ(1+g)^k over the term, and T when g = 0", () => {
    let s = 0;
    for (let k = 0; k < 15; k++) s += Math.pow(1.03, k);
    expect(escalatorSum(0.03, 15)).toBeCloseTo(s, 10);
    expect(escalatorSum(0, 7.5)).toBe(7.5);
    // A fractional last year counts pro rata at its escalated rate.
    expect(escalatorSum(0.03, 2.5)).toBeCloseTo(1 + 1.03 + 0.5 * 1.03 * 1.03, 12);
  });

  it("year1Rate makes the base term earn average × term", () => {
    const r0 = year1Rate(1.9e6, 0.03, 15);
    let total = 0;
    for (let k = 0; k < 15; k++) total += r0 * Math.pow(1.03, k);
    expect(total).toBeCloseTo(1.9e6 * 15, 3);
    expect(year1Rate(1.8e6, 0, 10)).toBe(1.8e6);
  });

  it("escalatedRevenuePerItMw integrates the annual step function exactly", () => {
    const base = 1_000_000;
    // Brute force with 0.01-day steps (exact for a step function whose steps fall on the grid).
    const brute = (a: number, b: number, g: number, base0: number): number => {
      let tot = 0;
      for (let t = a; t < b - 1e-9; t += 0.01) tot += (escalatedRate(base, g, base0, t + 0.005) * 0.01) / 365;
      return tot;
    };
    expect(escalatedRevenuePerItMw(base, 0.03, 0, 0, 365)).toBeCloseTo(base, 6);
    expect(escalatedRevenuePerItMw(base, 0.03, 0, 365, 730)).toBeCloseTo(base * 1.03, 6);
    expect(escalatedRevenuePerItMw(base, 0.03, 10, 300, 1200)).toBeCloseTo(brute(300, 1200, 0.03, 10), 0);
    // Days before the escalation base earn the year-1 rate.
    expect(escalatedRevenuePerItMw(base, 0.05, 100, 0, 50)).toBeCloseTo((base * 50) / 365, 6);
  });

  it("is additive over adjacent intervals (property)", () => {
    const int = (lo: number, hi: number) => fc.integer({ min: lo * 100, max: hi * 100 }).map((x) => x / 100);
    fc.assert(
      fc.property(int(0, 3000), int(0, 3000), int(0, 3000), int(-500, 500), int(0, 10), (x, y, z, b0, gPct) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const g = gPct / 100;
        const whole = escalatedRevenuePerItMw(1e6, g, b0, a, c);
        const parts = escalatedRevenuePerItMw(1e6, g, b0, a, b) + escalatedRevenuePerItMw(1e6, g, b0, b, c);
        expect(Math.abs(whole - parts)).toBeLessThanOrEqual(1e-6 * (1 + whole));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("build and energisation", () => {
  it("a contract's build starts on its date and energises build months later; exitSpeed divides the build time", () => {
    const terms = lease({ energiseDate: "2027-03-01", buildMonths: 10 });
    const energise = dayOfDate("2027-03-01", START);
    for (const speed of [1, 2, 0.5]) {
      const m = minerWith([terms], {}, speed);
      const rng = constRng(CALM);
      resetMiner(m, rng);
      const slot = m.slots[0]!;
      const start = energise - 10 * DAYS_PER_MONTH;
      expect(slot.state).toBe(SLOT_PENDING);
      expect(slot.startDay).toBeCloseTo(start, 9);
      expect(nextMinerEventDay(m, 0)).toBeCloseTo(start, 9);
      startContract(m, slot, start, rng);
      expect(slot.state).toBe(SLOT_BUILDING);
      expect(m.mw[CONVERTING]).toBeCloseTo(100, 9); // 75 IT / 0.75
      expect(m.mw[MINING]).toBeCloseTo(400, 9); // source "mining"
      expect(m.ledger.capexUsd).toBeCloseTo(75 * DEFAULT_COLO_TERMS.capexUsdPerItMw, 0);
      const due = start + (10 * DAYS_PER_MONTH) / speed;
      expect(nextMinerEventDay(m, start)).toBeCloseTo(due, 9);
      advanceContracts(m, due - 1e-6, rng);
      expect(slot.state).toBe(SLOT_BUILDING);
      advanceContracts(m, due, rng);
      expect(slot.state).toBe(SLOT_ACTIVE);
      expect(m.mw[AI]).toBeCloseTo(100, 9);
      expect(m.mw[CONVERTING]).toBe(0);
      if (speed === 1) expect(slot.energiseDay).toBeCloseTo(energise, 9);
      expect(checkCapacity(m)).toBeNull();
    }
  });

  it("a new-site contract adds its MW to the miner; a mining-site contract takes idle, then curtailed, then mining MW", () => {
    const m = minerWith([lease({ source: "new" }), lease({ id: "d", source: "mining" })]);
    const rng = constRng(CALM);
    resetMiner(m, rng);
    startContract(m, m.slots[0]!, 0, rng);
    expect(m.totalMw).toBeCloseTo(600, 9);
    expect(m.mw[MINING]).toBe(500);
    // 30 MW idle, 20 curtailed: the mining-site contract (100 gross) takes 30 + 20 + 50.
    m.mw[MINING] = 450;
    m.mw[IDLE] = 30;
    m.mw[1] = 20;
    startContract(m, m.slots[1]!, 0, rng);
    expect(m.mw[IDLE]).toBe(0);
    expect(m.mw[1]).toBe(0);
    expect(m.mw[MINING]).toBeCloseTo(400, 9);
    expect(m.totalMw).toBeCloseTo(600, 9);
  });

  it("contracts begun before day 0 are under way at reset (new capacity, capex sunk); energised ones are active", () => {
    const m = minerWith([
      lease({ id: "live", energiseDate: "2026-01-01", buildMonths: 6 }),
      lease({ id: "building", energiseDate: "2026-06-01", buildMonths: 12 }),
    ]);
    resetMiner(m, constRng(CALM));
    expect(m.slots[0]!.state).toBe(SLOT_ACTIVE);
    expect(m.slots[1]!.state).toBe(SLOT_BUILDING);
    expect(m.mw[MINING]).toBe(500);
    expect(m.totalMw).toBeCloseTo(700, 9);
    expect(m.ledger.capexUsd).toBe(0);
    // Escalation counts from the actual energisation, before day 0.
    expect(m.slots[0]!.escalationBaseDay).toBe(dayOfDate("2026-01-01", START));
  });
});

describe("delivery slip and termination", () => {
  it("a slip (Bernoulli p = 0.25) delays energisation by 3 + 3u months", () => {
    const m = minerWith([lease({})]);
    // Draws at build start: Bernoulli u = 0.1 (< 0.25: slip), slip length u = 0.5 → 4.5 months.
    const rng = seqRng([0.1, 0.5], CALM);
    resetMiner(m, constRng(CALM));
    const slot = m.slots[0]!;
    startContract(m, slot, slot.startDay, rng);
    expect(slot.slipDays).toBeCloseTo(4.5 * DAYS_PER_MONTH, 9);
    expect(slot.energiseDay).toBeCloseTo(slot.contractualEnergiseDay + 4.5 * DAYS_PER_MONTH, 9);
    // u = 0.3 ≥ 0.25: no slip (the length draw is still consumed).
    const m2 = minerWith([lease({})]);
    resetMiner(m2, constRng(CALM));
    const rng2 = seqRng([0.3, 0.5, 0.123], CALM);
    startContract(m2, m2.slots[0]!, m2.slots[0]!.startDay, rng2);
    expect(m2.slots[0]!.slipDays).toBe(0);
    expect(rng2.double()).toBe(0.123);
  });

  it("the tenant terminates a build that slips past its termination right: MW to idle, capex sunk", () => {
    const m = minerWith([lease({ terminationSlipMonths: 3 })]);
    resetMiner(m, constRng(CALM));
    const slot = m.slots[0]!;
    startContract(m, slot, slot.startDay, seqRng([0.1, 0.5], CALM)); // 4.5-month slip > 3
    const terminate = slot.contractualEnergiseDay + 3 * DAYS_PER_MONTH;
    expect(nextMinerEventDay(m, slot.startDay)).toBeCloseTo(terminate, 9);
    advanceContracts(m, terminate, constRng(CALM));
    expect(slot.state).toBe(SLOT_EMPTY);
    expect(m.mw[CONVERTING]).toBe(0);
    expect(m.mw[IDLE]).toBeCloseTo(100, 9);
    expect(m.mw[AI]).toBe(0);
    expect(m.ledger.terminations).toBe(1);
    expect(m.ledger.capexUsd).toBeGreaterThan(0);
    expect(checkCapacity(m)).toBeNull();
  });
});

describe("counterparty default, re-lease, renewal", () => {
  it("a default returns the MW to idle, and they are re-leased at −20% after the delay", () => {
    const m = minerWith([lease({ counterparty: "neocloud", escalator: 0.025 })]);
    resetMiner(m, constRng(CALM));
    const slot = m.slots[0]!;
    // Build start: no slip (0.99, then 0.5). Energisation: exponential E = −ln(1 − u);
    // choose E so that the default comes 2.25 years after energisation at 4%/yr: E = 0.09
    // (off an anniversary, so the re-lease falls inside the old lease's third year).
    const uDefault = 1 - Math.exp(-0.09);
    const rng = seqRng([CALM, 0.5, uDefault], CALM);
    startContract(m, slot, slot.startDay, rng);
    advanceContracts(m, slot.energiseDay, rng);
    expect(slot.state).toBe(SLOT_ACTIVE);
    expect(slot.defaultDay).toBeCloseTo(slot.energiseDay + (0.09 / DEFAULT_ECONOMICS.hazardNeocloudPerYr) * 365, 6);
    const defaultDay = slot.defaultDay;
    expect(nextMinerEventDay(m, slot.energiseDay)).toBeCloseTo(defaultDay, 6);
    const rateAtDefault = escalatedRate(slot.baseRate, 0.025, slot.escalationBaseDay, defaultDay);
    // Accrue up to the event first, then advance (the path loop's order).
    accrueFlat(m, defaultDay);
    expect(m.ledger.coloRevenueUsd).toBeGreaterThan(0);
    advanceContracts(m, defaultDay, rng);
    expect(slot.state).toBe(SLOT_RELEASING);
    expect(m.mw[AI]).toBe(0);
    expect(m.mw[IDLE]).toBeCloseTo(100, 9);
    expect(m.idleReservedMw).toBeCloseTo(100, 9);
    expect(m.ledger.defaults).toBe(1);
    expect(checkCapacity(m)).toBeNull();
    // Re-mining cannot take MW reserved for the re-lease.
    expect(startRemining(m, 100, defaultDay)).toBe(0);
    const releaseDay = defaultDay + DEFAULT_ECONOMICS.releaseDelayDays;
    expect(nextMinerEventDay(m, defaultDay)).toBeCloseTo(releaseDay, 6);
    // While the site waits for a new tenant it earns nothing.
    const coloAtDefault = m.ledger.coloRevenueUsd;
    accrueFlat(m, releaseDay);
    expect(m.ledger.coloRevenueUsd).toBe(coloAtDefault);
    advanceContracts(m, releaseDay, rng);
    expect(slot.state).toBe(SLOT_ACTIVE);
    expect(m.mw[AI]).toBeCloseTo(100, 9);
    expect(m.idleReservedMw).toBe(0);
    expect(slot.baseRate).toBeCloseTo(rateAtDefault * (1 - 0.2), 6);
    expect(slot.endDay).toBeCloseTo(releaseDay + 10 * 365, 6);
    expect(m.ledger.releases).toBe(1);
    expect(checkCapacity(m)).toBeNull();
    // The new lease's first year earns the discounted rate on the 75 IT-MW (through accrue,
    // weekly as the path loop would).
    const before = m.ledger.coloRevenueUsd;
    for (let w = 1; w <= 52; w++) accrueFlat(m, releaseDay + 7 * w);
    accrueFlat(m, releaseDay + 365);
    expect(m.ledger.coloRevenueUsd - before).toBeCloseTo(rateAtDefault * 0.8 * 75, 3);
  });

  it("at term end an option renews with probability p, else the lease lapses and the MW go idle", () => {
    const m = minerWith([lease({ renewalOptions: 2, renewalYears: 5, renewalProb: 0.6 })]);
    resetMiner(m, constRng(CALM));
    const slot = m.slots[0]!;
    // Build: no slip; energise: no default; first term end: u = 0.5 < 0.6 renews;
    // second: u = 0.7 ≥ 0.6 lapses.
    const rng = seqRng([CALM, 0.5, CALM, 0.5, 0.7], CALM);
    startContract(m, slot, slot.startDay, rng);
    advanceContracts(m, slot.energiseDay, rng);
    const end1 = slot.energiseDay + 10 * 365;
    advanceContracts(m, end1, rng);
    expect(slot.state).toBe(SLOT_ACTIVE);
    expect(slot.endDay).toBeCloseTo(end1 + 5 * 365, 6);
    expect(m.ledger.renewals).toBe(1);
    advanceContracts(m, end1 + 5 * 365, rng);
    expect(slot.state).toBe(SLOT_EMPTY);
    expect(m.mw[AI]).toBe(0);
    expect(m.mw[IDLE]).toBeCloseTo(100, 9);
    expect(m.idleReservedMw).toBe(0);
    expect(m.ledger.leaseEnds).toBe(1);
    expect(checkCapacity(m)).toBeNull();
  });

  it("re-mining idle MW costs capex and time: converting until done, then mining", () => {
    const m = minerWith([]);
    resetMiner(m, constRng(CALM));
    m.mw[MINING] = 400;
    m.mw[IDLE] = 100;
    const started = startRemining(m, 150, 10);
    expect(started).toBe(100);
    expect(m.mw[CONVERTING]).toBe(100);
    expect(m.ledger.capexUsd).toBeCloseTo(100 * (DEFAULT_ECONOMICS.remineFacilityUsdPerMw + (1e6 / 17) * DEFAULT_ECONOMICS.asicUsdPerTh), 0); // facility + ASICs per MW at 17 J/TH
    const done = 10 + DEFAULT_ECONOMICS.remineDays;
    expect(nextMinerEventDay(m, 10)).toBe(done);
    advanceContracts(m, done - 1, constRng(CALM));
    expect(m.mw[MINING]).toBe(400);
    advanceContracts(m, done, constRng(CALM));
    expect(m.mw[MINING]).toBe(500);
    expect(m.mw[CONVERTING]).toBe(0);
  });
});

describe("exitSpeed scales the future, never history", () => {
  const build = 12 * DAYS_PER_MONTH;
  const terms = (energiseDate: string): ContractTerms => lease({ energiseDate, buildMonths: 12 });
  const day = (iso: string): number => dayOfDate(iso, START);

  it("a contract already energised at the start keeps its date at any exitSpeed", () => {
    for (const s of [0.25, 1, 4]) {
      const c = compileContract(terms("2026-02-01"), day("2026-02-01"), s, DEFAULT_ECONOMICS);
      expect(c.contractualEnergiseDay).toBe(day("2026-02-01"));
      expect(c.startDay).toBe(day("2026-02-01") - build);
    }
  });

  it("a contract under construction at the start scales only the part after day 0", () => {
    const e = day("2026-07-01"); // build started 2025-07-01
    for (const s of [0.25, 1, 4]) {
      const c = compileContract(terms("2026-07-01"), e, s, DEFAULT_ECONOMICS);
      expect(c.contractualEnergiseDay).toBeCloseTo(e / s, 9);
      expect(c.startDay).toBe(e - build);
    }
  });

  it("a build that starts after day 0 scales whole", () => {
    const e = day("2027-09-01");
    const c = compileContract(terms("2027-09-01"), e, 2, DEFAULT_ECONOMICS);
    expect(c.buildDays).toBeCloseTo(build / 2, 9);
    expect(c.contractualEnergiseDay).toBeCloseTo(e - build + build / 2, 9);
  });
});

