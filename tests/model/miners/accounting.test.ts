/**
 * Accounting (src/model/miners/accounting.ts) against CALIBRATION.md's economics:
 * - IREN's Microsoft GPU-cloud contract, fully energised: AI revenue ≈ $1.94B/yr at ~85%
 *   EBITDA margin (§d.2, §e.1; tolerance 1%);
 * - Hut 8's River Bend lease: $7.0B over the 15-year base term ≈ $1.9M per IT-MW-yr,
 *   3% annual escalator, NOI ~$454M/yr (§e.1; tolerance 1%);
 * - revenue per MW-yr: mining at HP $35, 17 J/TH ≈ $0.75M; GPU cloud ≈ 13× that (§e.3
 *   "~13×"; tolerance ±0.5);
 * - FPPS and the hold policy, power cost, NPV discounting, accrueTo, flip date.
 * All figures are computed by driving miners through accrue / advanceContracts.
 */
import { describe, expect, it } from "vitest";
import type { ContractTerms, MinerProfile, MinerState } from "../../../src/model/miners/index.js";
import {
  DEFAULT_COLO_TERMS,
  DEFAULT_GPU_TERMS,
  HUT8,
  IREN,
  SLOT_ACTIVE,
  accrue,
  accrueTo,
  advanceContracts,
  compileMinerSpec,
  createAccrualInterval,
  createMinerState,
  createSummary,
  dayOfDate,
  resetMiner,
  summarize,
} from "../../../src/model/miners/index.js";
import { miningRevenuePerMwYear } from "../../../src/model/units.js";
import { constRng, drive } from "./driver.js";

const START = "2026-03-01";
const CALM = constRng(0.99); // no slips, no defaults within centuries, no renewals
const iv = createAccrualInterval();

/** Accrue a miner from its ledger's last day to `to` at constant hashprice `hp` ($/PH/day) and BTC price `price`. */
function accrueConst(m: MinerState, to: number, hp = 35, price = 70_000): void {
  iv.fromDay = m.ledger.lastDay;
  iv.toDay = to;
  iv.hashpriceUsdIntegral = hp * (to - iv.fromDay);
  iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / price;
  iv.rtPowerUsdPerMwh = Number.NaN;
  accrue(m, iv);
}

function bare(over: Partial<MinerProfile>): MinerProfile {
  return {
    id: "b",
    name: "b",
    miningMw: 0,
    jPerTh: 17,
    powerUsdPerMwh: 45,
    treasuryBtc: 0,
    holdFraction: 0,
    interruptibleShare: 0,
    drEnrolledShare: 0,
    strategy: "contracted",
    contracts: [],
    ...over,
  };
}

describe("IREN–Microsoft GPU cloud", () => {
  it("once all 200 IT-MW are energised, earns ≈ $1.94B/yr at ≈ 85% EBITDA margin", () => {
    const m = createMinerState(compileMinerSpec(IREN, { startDate: START }));
    resetMiner(m, CALM);
    const last = Math.max(...m.slots.filter((s) => s.id.startsWith("iren-msft")).map((s) => s.energiseDay));
    accrueConst(m, last);
    advanceContracts(m, last, CALM);
    const msft = m.slots.filter((s) => s.id.startsWith("iren-msft"));
    expect(msft).toHaveLength(4);
    expect(msft.every((s) => s.state === SLOT_ACTIVE)).toBe(true);
    const before = { rev: m.ledger.gpuRevenueUsd, opex: m.ledger.aiOpexUsd };
    accrueConst(m, last + 365);
    const rev = m.ledger.gpuRevenueUsd - before.rev;
    const margin = (rev - (m.ledger.aiOpexUsd - before.opex)) / rev;
    // CALIBRATION §d.2: "~$1.94B ARR; ~85% project EBITDA".
    expect(Math.abs(rev / 1.94e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(margin - 0.85)).toBeLessThan(0.01);
  });
});

describe("Hut 8 River Bend lease", () => {
  it("earns $7.0B over the 15-year base term ≈ $1.9M per IT-MW-yr, escalating 3% a year, NOI ≈ $454M/yr", () => {
    const m = createMinerState(compileMinerSpec(HUT8, { startDate: START }));
    resetMiner(m, CALM);
    const slot = m.slots[0]!;
    expect(slot.id).toBe("hut8-river-bend");
    const e = slot.energiseDay;
    expect(e).toBe(dayOfDate("2027-06-30", START)); // §e.1 "First hall Q2 2027"
    accrueConst(m, e);
    advanceContracts(m, e, CALM);
    expect(slot.state).toBe(SLOT_ACTIVE);
    const yearly: number[] = [];
    let prev = m.ledger.coloRevenueUsd;
    for (let y = 1; y <= 15; y++) {
      accrueConst(m, e + 365 * y);
      yearly.push(m.ledger.coloRevenueUsd - prev);
      prev = m.ledger.coloRevenueUsd;
    }
    const total = yearly.reduce((a, b) => a + b, 0);
    // §e.1: "$7.0B" base value, "~$1.9M" per MW-yr, "3% annual escalator", "NOI ~$454M/yr".
    expect(Math.abs(total / 7.0e9 - 1)).toBeLessThan(0.01);
    const s = summarize(m, 70_000, e + 15 * 365, createSummary());
    expect(Math.abs(s.coloRevenuePerItMwYr / 1.9e6 - 1)).toBeLessThan(0.01);
    for (let y = 1; y < 15; y++) expect(yearly[y]! / yearly[y - 1]!).toBeCloseTo(1.03, 9);
    const noiPerYear = (total - m.ledger.aiOpexUsd) / 15;
    expect(Math.abs(noiPerYear / 454e6 - 1)).toBeLessThan(0.01);
    // The lease then lapses (no renewal at u = 0.99): the 330 gross MW go idle.
    advanceContracts(m, e + 15 * 365, CALM);
    expect(m.ledger.leaseEnds).toBe(1);
  });
});

describe("revenue per MW per year by use", () => {
  it("mining at HP $35 and 17 J/TH ≈ $0.75M/MW-yr; GPU cloud ≈ 13× that; colocation $1.8M per IT-MW", () => {
    const gpu: ContractTerms = {
      ...DEFAULT_GPU_TERMS,
      id: "gpu",
      itMw: 1,
      energiseDate: "2026-01-01",
      source: "new",
      status: "signed",
    };
    const colo: ContractTerms = { ...DEFAULT_COLO_TERMS, escalator: 0, id: "colo", itMw: 1, energiseDate: "2026-01-01", source: "new", status: "signed" };
    const m = createMinerState(compileMinerSpec(bare({ miningMw: 1, contracts: [gpu, colo] }), { startDate: START }));
    resetMiner(m, CALM);
    accrueConst(m, 365, 35);
    const s = summarize(m, 70_000, 365, createSummary());
    // §e.3: 1000/17 = 58.8 PH/s → $2,059/day → $0.75M.
    expect(Math.abs(s.miningRevenuePerMwYr / 0.75e6 - 1)).toBeLessThan(0.01);
    expect(s.miningRevenuePerMwYr).toBeCloseTo(miningRevenuePerMwYear(35, 17), 3);
    const ratio = s.gpuRevenuePerItMwYr / s.miningRevenuePerMwYr;
    expect(Math.abs(ratio - 13)).toBeLessThan(0.5); // §e.3 "~13× mining revenue per MW"
    expect(s.coloRevenuePerItMwYr).toBeCloseTo(1.8e6, 0); // (3) $1.8M per IT-MW-yr
    // Power-only margin at $45/MWh ≈ 48% (§e.3 "$0.39M → ~48%").
    const powerMargin = 1 - m.ledger.powerCostUsd / m.ledger.miningRevenueUsd;
    expect(Math.abs(powerMargin - 0.48)).toBeLessThan(0.01);
  });
});

describe("FPPS, hold policy, power and NPV", () => {
  it("splits mined BTC between treasury and sales by the hold fraction and charges power on mining MWh", () => {
    const m = createMinerState(compileMinerSpec(bare({ miningMw: 100, jPerTh: 20, holdFraction: 0.4, treasuryBtc: 5 }), { startDate: START }));
    resetMiner(m, CALM);
    accrueConst(m, 10, 40, 80_000);
    const ph = (100 * 1000) / 20; // 5,000 PH/s
    expect(m.ledger.miningRevenueUsd).toBeCloseTo(ph * 40 * 10, 6);
    expect(m.ledger.btcMined).toBeCloseTo((ph * 40 * 10) / 80_000, 9);
    expect(m.treasuryBtc).toBeCloseTo(5 + 0.4 * m.ledger.btcMined, 9);
    expect(m.ledger.salesUsd).toBeCloseTo(0.6 * m.ledger.miningRevenueUsd, 6);
    expect(m.ledger.powerCostUsd).toBeCloseTo(45 * 100 * 24 * 10, 6);
    expect(m.ledger.otherOpexUsd).toBeCloseTo((55.5 - 45) * 100 * 24 * 10, 6);
  });

  it("accrueTo over running sums equals accrue over the differences", () => {
    const make = () => {
      const m = createMinerState(compileMinerSpec(bare({ miningMw: 100, holdFraction: 0.3 }), { startDate: START }));
      resetMiner(m, CALM);
      return m;
    };
    const a = make();
    const b = make();
    const scratch = createAccrualInterval();
    let cumUsd = 0;
    let cumBtc = 0;
    const days = [3, 7.5, 14, 30];
    let last = 0;
    for (const [i, d] of days.entries()) {
      const hp = 30 + 5 * i;
      cumUsd += hp * (d - last);
      cumBtc += (hp * (d - last)) / 60_000;
      accrueTo(a, d, cumUsd, cumBtc, Number.NaN, scratch);
      accrueConst(b, d, hp, 60_000);
      last = d;
    }
    expect(a.ledger.miningRevenueUsd).toBeCloseTo(b.ledger.miningRevenueUsd, 6);
    expect(a.ledger.btcMined).toBeCloseTo(b.ledger.btcMined, 12);
    expect(a.ledger.pvCashUsd).toBeCloseTo(b.ledger.pvCashUsd, 6);
  });

  it("NPV discounts cash flows at (1+r)^(−t/365): weekly accruals match the continuous integral", () => {
    // 100 MW, sells everything: cash per day = c = (HP·PH − power − other) constant.
    const m = createMinerState(compileMinerSpec(bare({ miningMw: 100 }), { startDate: START }));
    resetMiner(m, CALM);
    for (let d = 7; d <= 3 * 365; d += 7) accrueConst(m, d, 50);
    const T = m.ledger.lastDay;
    const perDay = (100_000 / 17) * 50 - (45 + 10.5) * 100 * 24;
    const r = 0.1;
    const k = Math.log(1 + r) / 365;
    const exact = (perDay * (1 - Math.exp(-k * T))) / k;
    expect(Math.abs(m.ledger.pvCashUsd / exact - 1)).toBeLessThan(1e-5);
    // The treasury's change since day 0 is valued at the horizon price, discounted.
    const h = createMinerState(compileMinerSpec(bare({ miningMw: 100, holdFraction: 1 }), { startDate: START }));
    resetMiner(h, CALM);
    accrueConst(h, 365, 50, 80_000);
    const s = summarize(h, 100_000, 365, createSummary());
    const retainedValue = h.ledger.btcMined * 100_000 * Math.pow(1.1, -1);
    expect(s.npvUsd).toBeCloseTo(h.ledger.pvCashUsd + retainedValue, 3);
  });

  it("the flip date is when AI revenue's trailing mean first exceeds mining's (EWMA, time constant window/2)", () => {
    // 100 MW mining at HP $35 (≈ $20.6k/day); a colocation lease of 60 IT-MW at $1.8M
    // (≈ $29.6k/day) energises on day 200.
    const lease: ContractTerms = { ...DEFAULT_COLO_TERMS, escalator: 0, id: "l", itMw: 60, energiseDate: "2026-09-17", source: "new", status: "signed", buildMonths: 1 };
    const m = createMinerState(compileMinerSpec(bare({ miningMw: 100, contracts: [lease] }), { startDate: START }));
    resetMiner(m, CALM);
    const e = dayOfDate("2026-09-17", START);
    // Weekly decisions plus the miner's own events (build start, energisation); `contracted`
    // starts the build on its date.
    drive(m, CALM, { days: 400, hashprice: () => 35 });
    expect(m.slots[0]!.energiseDay).toBe(e);
    const mining = (100_000 / 17) * 35;
    const ai = (60 * 1.8e6) / 365;
    const tau = 15; // flipWindowDays 30 / 2
    const crossing = e - tau * Math.log(1 - mining / ai);
    expect(m.ledger.flipDay).toBeGreaterThanOrEqual(crossing);
    expect(m.ledger.flipDay).toBeLessThan(crossing + 7);
  });
});
