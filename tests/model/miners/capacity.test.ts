/**
 * Property tests of the capacity state machine (src/model/miners/capacity.ts and its
 * drivers lifecycle.ts / actions.ts): over random miners, contracts, strategies, market
 * paths and random action sequences, at every step
 * - each state's MW is finite and ≥ 0, and the states sum to the miner's total MW;
 * - the total changes only by acquisitions (never below the day-0 mining MW);
 * - CONVERTING = Σ building slots + re-mining builds, AI = Σ active slots, reserved idle =
 *   Σ re-leasing slots (checkCapacity);
 * - curtailed MW ≤ interruptible share × mining fleet, unless the miner's economic
 *   shutdown is on (then the whole fleet may be curtailed; right after a decision that
 *   switched it on, nothing mines);
 * - the ledger has no NaN or infinity;
 * - discretionary conversions never exceed build rate × exitSpeed × elapsed days / 365.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streamFor } from "../../../src/random/index.js";
import type { ContractTerms, MinerProfile, StrategyKind } from "../../../src/model/miners/index.js";
import {
  CURTAILED,
  DEFAULT_COLO_TERMS,
  MINING,
  STRATEGY_KINDS,
  accrue,
  advanceContracts,
  applyActions,
  checkCapacity,
  clearActions,
  compileMinerSpec,
  createAccrualInterval,
  createActions,
  createMarketView,
  createMinerState,
  createObservation,
  curtailTo,
  moveMw,
  observe,
  resetMiner,
  runStrategy,
  shutdownMining,
} from "../../../src/model/miners/index.js";

const START = "2026-03-01";
const START_MS = Date.UTC(2026, 2, 1);

/**
 * A double uniform on [min, max] (plus the endpoints now and then). fc.double samples the
 * float bit pattern, so most of its draws are vanishingly small: hazards, durations and
 * amounts would all be ~0 and the interesting transitions would never happen.
 */
function num(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 1 << 30 }).map((i) => min + ((max - min) * i) / (1 << 30)) },
  );
}

function isoFromDay(day: number): string {
  return new Date(START_MS + Math.round(day) * 86_400_000).toISOString().slice(0, 10);
}

const contractArb = fc.record({
  itMw: num(0.5, 400),
  itPerGross: num(0.5, 1),
  usdPerItMwYr: num(0, 1.2e7),
  escalator: num(0, 0.06),
  margin: num(0, 1),
  termYears: num(0.2, 15),
  renewalOptions: fc.integer({ min: 0, max: 3 }),
  renewalYears: num(0.2, 5),
  renewalProb: num(0, 1),
  capexUsdPerItMw: num(0, 3.5e7),
  buildMonths: num(0, 24),
  energiseDay: fc.integer({ min: -900, max: 2000 }),
  kind: fc.constantFrom("colo" as const, "gpu" as const),
  counterparty: fc.constantFrom("hyperscaler" as const, "neocloud" as const),
  source: fc.constantFrom("mining" as const, "new" as const),
  status: fc.constantFrom("signed" as const, "planned" as const),
  terminationSlipMonths: fc.oneof(
    { weight: 1, arbitrary: fc.constant(Number.POSITIVE_INFINITY) },
    { weight: 3, arbitrary: num(0, 6) },
  ),
});

const minerArb = fc.record({
  miningMw: num(0, 3000),
  jPerTh: num(8, 40),
  powerUsdPerMwh: num(0, 120),
  holdFraction: num(0, 1),
  interruptibleShare: num(0, 1),
  drEnrolledShare: num(0, 1),
  aiSuitableShare: num(0, 1),
  buildRateMwPerYr: num(0, 1500),
  strategy: fc.constantFrom(...STRATEGY_KINDS),
  exitSpeed: num(0.25, 4),
  exitStart: fc.integer({ min: -100, max: 600 }),
  exitLength: fc.integer({ min: 0, max: 1200 }),
  contracts: fc.array(contractArb, { maxLength: 6 }),
  // Large hazards and short delays so that defaults, re-leases and terminations happen.
  hazard: num(0, 3),
  releaseDelayDays: num(0, 400),
  slipProbability: num(0, 1),
  extraSlots: fc.integer({ min: 0, max: 6 }),
  remineCapacity: fc.integer({ min: 0, max: 3 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

const stepArb = fc.record({
  dt: fc.oneof(fc.constant(0), num(0, 120)),
  hashprice: num(0, 200),
  rt: fc.oneof(fc.constant(Number.NaN), num(-50, 5000)),
  drEvent: fc.boolean(),
  fourCpEvent: fc.boolean(),
  lease: fc.oneof(fc.constant(Number.NaN), num(0, 1e7)),
  useStrategy: fc.boolean(),
  // random actions
  startMask: fc.integer({ min: 0, max: 0xfff }),
  convertMw: num(0, 2000),
  miningCapMw: fc.oneof(fc.constant(Number.NaN), num(0, 3000)),
  remineMw: num(0, 1000),
  curtailTargetMw: fc.oneof(fc.constant(Number.NaN), num(-10, 4000)),
  economicOff: fc.boolean(),
  holdFraction: fc.oneof(fc.constant(Number.NaN), num(-0.5, 1.5)),
  sellTreasuryBtc: num(0, 100),
  // direct transitions
  directMove: fc.integer({ min: 0, max: 3 }),
  directMw: num(0, 3000),
});

type MinerDraw = typeof minerArb extends fc.Arbitrary<infer T> ? T : never;

function buildProfile(m: MinerDraw): MinerProfile {
  const contracts: ContractTerms[] = m.contracts.map((c, i) => ({
    ...DEFAULT_COLO_TERMS,
    id: `c${i}`,
    kind: c.kind,
    itMw: c.itMw,
    itPerGross: c.itPerGross,
    usdPerItMwYr: c.usdPerItMwYr,
    escalator: c.escalator,
    margin: c.margin,
    termYears: c.termYears,
    renewalOptions: c.renewalOptions,
    renewalYears: c.renewalYears,
    renewalProb: c.renewalProb,
    capexUsdPerItMw: c.capexUsdPerItMw,
    buildMonths: c.buildMonths,
    energiseDate: isoFromDay(c.energiseDay),
    counterparty: c.counterparty,
    source: c.source,
    status: c.status,
    terminationSlipMonths: c.terminationSlipMonths,
  }));
  return {
    id: "prop",
    name: "prop",
    miningMw: m.miningMw,
    jPerTh: m.jPerTh,
    powerUsdPerMwh: m.powerUsdPerMwh,
    treasuryBtc: 50,
    holdFraction: m.holdFraction,
    interruptibleShare: m.interruptibleShare,
    drEnrolledShare: m.drEnrolledShare,
    strategy: m.strategy as StrategyKind,
    exitStartDate: isoFromDay(m.exitStart),
    exitEndDate: isoFromDay(m.exitStart + m.exitLength),
    contracts,
    aiSuitableShare: m.aiSuitableShare,
    buildRateMwPerYr: m.buildRateMwPerYr,
  };
}

function ledgerFinite(miner: ReturnType<typeof createMinerState>): string | null {
  for (const [k, v] of Object.entries(miner.ledger)) {
    if (typeof v === "number" && k !== "flipDay" && !Number.isFinite(v)) return `ledger.${k} = ${v}`;
  }
  for (const v of miner.ledger.mwDays) if (!Number.isFinite(v)) return "ledger.mwDays not finite";
  if (!Number.isFinite(miner.treasuryBtc) || miner.treasuryBtc < 0) return `treasury ${miner.treasuryBtc}`;
  if (!(miner.holdFraction >= 0 && miner.holdFraction <= 1)) return `hold ${miner.holdFraction}`;
  return null;
}

describe("capacity state machine (property)", () => {
  it("conserves MW, never goes negative and never produces NaN over random miners and action sequences", () => {
    // How often each transition was reached, summed over runs: the property is only
    // meaningful if the random runs exercise all of them.
    const reached = { defaults: 0, releases: 0, terminations: 0, renewals: 0, leaseEnds: 0, remined: 0, converted: 0, economicOff: 0 };
    fc.assert(
      fc.property(minerArb, fc.array(stepArb, { minLength: 1, maxLength: 50 }), (m, steps) => {
        const spec = compileMinerSpec(buildProfile(m), {
          startDate: START,
          exitSpeed: m.exitSpeed,
          economics: {
            hazardHyperscalerPerYr: m.hazard,
            hazardNeocloudPerYr: m.hazard,
            releaseDelayDays: m.releaseDelayDays,
            slipProbability: m.slipProbability,
          },
          extraSlots: m.extraSlots,
          remineCapacity: m.remineCapacity,
        });
        const miner = createMinerState(spec);
        const rng = streamFor(m.seed, 0, "miner:prop");
        resetMiner(miner, rng);
        const fail = (where: string): string | null => {
          const c = checkCapacity(miner) ?? ledgerFinite(miner);
          if (c !== null) return `${where}: ${c}`;
          if (miner.totalMw < spec.miningMw * (1 - 1e-12)) return `${where}: total ${miner.totalMw} < initial`;
          // Dispatch curtailment never exceeds the interruptible share of the mining fleet;
          // only an economic shutdown switches off more.
          const fleet = miner.mw[MINING]! + miner.mw[CURTAILED]!;
          if (!miner.economicOff && miner.mw[CURTAILED]! > spec.interruptibleShare * fleet + 1e-9 * (1 + fleet))
            return `${where}: curtailed ${miner.mw[CURTAILED]} > ${spec.interruptibleShare} × fleet ${fleet}`;
          return null;
        };
        expect(fail("reset")).toBeNull();
        const iv = createAccrualInterval();
        const view = createMarketView();
        const obs = createObservation();
        const actions = createActions(spec.slotCapacity);
        const suitable0 = miner.aiSuitableMwRemaining;
        let t = 0;
        let rt = Number.NaN;
        for (const s of steps) {
          const prevTotal = miner.totalMw;
          t += s.dt;
          iv.fromDay = miner.ledger.lastDay;
          iv.toDay = t;
          iv.hashpriceUsdIntegral = s.hashprice * (t - iv.fromDay);
          iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / 70_000;
          iv.rtPowerUsdPerMwh = rt;
          accrue(miner, iv);
          expect(fail(`accrue@${t}`)).toBeNull();
          advanceContracts(miner, t, rng);
          expect(fail(`advance@${t}`)).toBeNull();
          rt = s.rt;
          view.day = t;
          view.hashpriceUsdPerPhDay = s.hashprice;
          view.btcPriceUsd = 70_000;
          view.rtPowerUsdPerMwh = s.rt;
          view.drEvent = s.drEvent;
          view.fourCpEvent = s.fourCpEvent;
          view.aiLeaseUsdPerItMwYr = s.lease;
          observe(miner, view, obs);
          if (s.useStrategy) {
            runStrategy(obs, spec.strategy, actions);
          } else {
            clearActions(actions);
            for (let i = 0; i < actions.startContract.length && i < 12; i++) {
              actions.startContract[i] = (s.startMask >> i) & 1;
            }
            actions.convertMw = s.convertMw;
            actions.miningCapMw = s.miningCapMw;
            actions.remineMw = s.remineMw;
            actions.curtailTargetMw = s.curtailTargetMw;
            actions.economicOff = s.economicOff;
            actions.holdFraction = s.holdFraction;
            actions.sellTreasuryBtc = s.sellTreasuryBtc;
          }
          applyActions(miner, obs, actions, rng);
          expect(fail(`apply@${t}`)).toBeNull();
          expect(miner.economicOff).toBe(actions.economicOff);
          if (actions.economicOff) {
            expect(miner.mw[MINING]).toBe(0);
            reached.economicOff += 1;
          }
          // Direct transitions on top (the conserving moves a strategy cannot express).
          if (s.directMove === 1) curtailTo(miner, s.directMw);
          else if (s.directMove === 2) shutdownMining(miner, s.directMw);
          else if (s.directMove === 3) moveMw(miner, CURTAILED, MINING, s.directMw); // un-curtail
          expect(fail(`direct@${t}`)).toBeNull();
          // Only acquisitions (contract starts) raise the total; nothing lowers it.
          expect(miner.totalMw).toBeGreaterThanOrEqual(prevTotal * (1 - 1e-12));
          // Build-rate limit on discretionary conversions (budget starts at 0 on day 0).
          const converted = suitable0 - miner.aiSuitableMwRemaining;
          expect(converted).toBeLessThanOrEqual((spec.buildRateMwPerYr * spec.exitSpeed * t) / 365 + 1e-6);
          if (miner.remine.some((r) => r.active)) reached.remined += 1;
        }
        const l = miner.ledger;
        reached.defaults += l.defaults;
        reached.releases += l.releases;
        reached.terminations += l.terminations;
        reached.renewals += l.renewals;
        reached.leaseEnds += l.leaseEnds;
        if (miner.aiSuitableMwRemaining < suitable0) reached.converted += 1;
      }),
      { numRuns: 500, seed: 20260301 },
    );
    for (const [name, count] of Object.entries(reached)) expect(count, name).toBeGreaterThan(10);
  });
});
