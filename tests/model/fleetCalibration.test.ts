/**
 * The default calibration at its start date (2026-03-01) against CALIBRATION.md's
 * early-2026 values: implied hashrate, difficulty, hashprice, fleet efficiency, and the
 * self-consistency of the initial fleet (running at the start hashprice = the target).
 */
import { describe, expect, it } from "vitest";
import { blockSubsidy, COIN } from "../../src/consensus/index.js";
import { DEFAULT_FEES, DEFAULT_FLEET_GROWTH, DEFAULT_FLEET_MIX, DEFAULT_NETWORK, DEFAULT_POWER_COST, DEFAULT_PRICE } from "../../src/model/calibration.js";
import {
  buildInitialCohorts,
  capexPerPh,
  createFleetState,
  defaultFleetPlan,
  defaultStartHashprice,
  fleetDailyUpdate,
  fleetInstalledEh,
  fleetRunningJPerTh,
  fleetTargetEhAt,
  lognormalSigmaFromP10P90,
  normalCdf,
} from "../../src/model/fleet/index.js";
import { hashpriceUsdPerPhDay, impliedHashrateHs } from "../../src/model/units.js";

/** Relative difference. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("default calibration at 2026-03-01", () => {
  it("difficulty 133 T implies ~950 EH/s (CALIBRATION.md (1) Initial hashrate / difficulty)", () => {
    const h = impliedHashrateHs(DEFAULT_NETWORK.initialDifficulty) / 1e18;
    expect(rel(h, DEFAULT_NETWORK.initialHashrateEh)).toBeLessThan(0.01);
    // Mar 2026 prints (§b.1): 133.79 T and 903–948 EH/s.
    expect(rel(DEFAULT_NETWORK.initialDifficulty, 133.79e12)).toBeLessThan(0.01);
  });

  it("the subsidy at the start is Core's 3.125 BTC (block 938,343, 2026-02-25, data/btc_chain_anchors.csv)", () => {
    expect(Number(blockSubsidy(938_343)) / Number(COIN)).toBe(DEFAULT_NETWORK.subsidyBtc);
  });

  it("start hashprice is within a few percent of the March 2026 print (~$33.3/PH/day, §c.1)", () => {
    const hp = defaultStartHashprice();
    expect(rel(hp, 33.3)).toBeLessThan(0.03);
    // Same as the published-style hashprice at the difficulty-implied network hashrate.
    const published = hashpriceUsdPerPhDay(
      DEFAULT_PRICE.s0,
      DEFAULT_NETWORK.subsidyBtc,
      DEFAULT_FEES.meanBtc,
      impliedHashrateHs(DEFAULT_NETWORK.initialDifficulty),
    );
    expect(rel(hp, published)).toBeLessThan(1e-12);
  });

  it("the default fleet runs 950 EH/s at the start hashprice and averages ~19.5 J/TH", () => {
    const plan = defaultFleetPlan();
    const f = createFleetState(plan);
    const hs = fleetDailyUpdate(
      f,
      0,
      DEFAULT_PRICE.s0,
      DEFAULT_NETWORK.subsidyBtc + DEFAULT_FEES.meanBtc,
      DEFAULT_NETWORK.initialDifficulty,
    );
    expect(rel(hs / 1e18, DEFAULT_NETWORK.initialHashrateEh)).toBeLessThan(1e-9);
    expect(rel(f.targetEh, DEFAULT_NETWORK.initialHashrateEh)).toBeLessThan(1e-9);
    // (1) "Fleet mix … → network ≈ 19.5 J/TH": the mix's EH-weighted mean.
    const mixMean = DEFAULT_FLEET_MIX.reduce((s, c) => s + c.jPerTh * c.runningShare, 0);
    expect(rel(fleetRunningJPerTh(f), mixMean)).toBeLessThan(1e-6);
    expect(rel(fleetRunningJPerTh(f), 19.5)).toBeLessThan(0.02);
    // A day later at the same inputs nothing moves (the initial state is an equilibrium).
    const hs1 = fleetDailyUpdate(f, 1, DEFAULT_PRICE.s0, DEFAULT_NETWORK.subsidyBtc + DEFAULT_FEES.meanBtc, DEFAULT_NETWORK.initialDifficulty);
    expect(rel(hs1, hs)).toBeLessThan(1e-9);
  });

  it("installed hashrate ≈ the Jan 2026 network (all of it covered power at Jan's $39.53 hashprice)", () => {
    const f = createFleetState(defaultFleetPlan());
    const installed = fleetInstalledEh(f);
    // §b.1, 8 Jan 2026: difficulty 148.26 T; 30-day hashrate 1,052 EH/s.
    expect(rel(installed, 1052)).toBeLessThan(0.05);
    expect(rel(installed, impliedHashrateHs(148.26e12) / 1e18)).toBeLessThan(0.05);
    // Everything installed runs at the ceiling hashprice, and some is idle at the start.
    expect(rel(fleetTargetEhAt(f, DEFAULT_POWER_COST.installedCeilingHashprice), installed)).toBeLessThan(1e-9);
    expect(installed).toBeGreaterThan(DEFAULT_NETWORK.initialHashrateEh);
  });

  it("least efficient class is the marginal one at the start: its breakeven at median power is near the start hashprice", () => {
    // The arithmetic: 29.5 J/TH × 0.024 × $45 = $31.9, just under ~$33.3.
    const hp = defaultStartHashprice();
    const be = 0.024 * 29.5 * DEFAULT_POWER_COST.medianUsdPerMwh;
    expect(be).toBeLessThan(hp);
    expect(be / hp).toBeGreaterThan(0.9);
    const init = buildInitialCohorts({
      runningEh: 950,
      startHashprice: hp,
      classes: DEFAULT_FLEET_MIX,
      powerCost: DEFAULT_POWER_COST,
      bandsPerClass: DEFAULT_POWER_COST.bandsPerClass,
      tailProbability: DEFAULT_POWER_COST.tailProbability,
      installedCeilingHashprice: DEFAULT_POWER_COST.installedCeilingHashprice,
    });
    // Running fractions grow with efficiency, and the S19 class's is close to the exact
    // lognormal probability of a power cost below its breakeven cost, renormalised to the
    // truncated range (the bands are uniform inside, so only approximately).
    const [f19, f16, f12] = init.classRunningFraction as [number, number, number];
    expect(f19).toBeLessThan(f16);
    expect(f16).toBeLessThanOrEqual(f12);
    const sigma = lognormalSigmaFromP10P90(30, 75);
    const cdf = (c: number): number => normalCdf(Math.log(c / 45) / sigma);
    const pLo = DEFAULT_POWER_COST.tailProbability;
    const pHi = cdf(DEFAULT_POWER_COST.installedCeilingHashprice / (0.024 * 29.5));
    const exact = (cdf(hp / (0.024 * 29.5)) - pLo) / (pHi - pLo);
    expect(Math.abs(f19 - exact)).toBeLessThan(0.02);
  });

  it("the entry hurdle is set so the frontier is ordered exactly above the $44 all-in hashcost ((1) Entry)", () => {
    const g = DEFAULT_FLEET_GROWTH;
    const capex = capexPerPh(g.asicUsdPerTh, g.siteCapexUsdPerMw, g.frontierJPerTh);
    const opex = 0.024 * g.frontierJPerTh * 0.5 * (g.newBuildPowerCostLo + g.newBuildPowerCostHi);
    expect(capex / (44 - opex)).toBeCloseTo(g.hurdlePaybackDays, 9);
    // At the start hashprice the payback is > 1,000 days (§c.2, Dec 2025 Miner Weekly).
    expect(capex / (defaultStartHashprice() - opex)).toBeGreaterThan(1000);
  });
});
