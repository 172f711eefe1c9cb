/**
 * Discretionary conversions and their preallocated slots (strategies/common.ts
 * conversionAmount, lifecycle.ts startDiscretionaryConversion, profile.ts extraSlots):
 * - every conversion but a miner's last is at least a block, so weekly decisions do not
 *   use up the slots: an `exit` over 18 months with weekly decisions converts everything
 *   its schedule frees, up to the AI-suitable MW, with no conversion dropped;
 * - no bundled profile under any strategy drops a conversion over 6.8 years of weekly
 *   decisions with the fast-exodus behaviour (70% AI-suitable, three times the build rate);
 * - the bundled scenarios, run through the full path with weekly decisions, record
 *   droppedConversionMw = 0 for every miner;
 * - a drop that does happen (a miner with no spare slot) is counted in MW and reported in
 *   the summary, not silent.
 */
import { describe, expect, it } from "vitest";
import type { MinerProfile, MinerState, StrategyKind } from "../../../src/model/miners/index.js";
import {
  AI,
  CONVERTING,
  CURTAILED,
  IDLE,
  MINING,
  PROFILES,
  STRATEGY_KINDS,
  checkCapacity,
  compileMinerSpec,
  createMinerState,
  createSummary,
  dayOfDate,
  freeIdleMw,
  resetMiner,
  summarize,
} from "../../../src/model/miners/index.js";
import { MINER_SCALARS, simulateModelPath } from "../../../src/model/path/index.js";
import { bundledScenariosDir, loadAndCompile, scenarioFiles } from "../../../src/scenario/index.js";
import { constRng, drive } from "./driver.js";

const START = "2026-03-01"; // CALIBRATION (1) "Start date"
const CALM = 0.99; // no slip, no default within the horizon (constRng)
const BLOCK = 50; // params.ts DEFAULT_BEHAVIOUR.minConversionBlockMw

/** A fast-exodus miner: 900 MW, 70% AI-suitable, 600 MW/yr, exit 2026-03-01 → 2027-09-01. */
function exodusMiner(over: Partial<MinerProfile> = {}, extraSlots?: number): MinerState {
  const profile: MinerProfile = {
    id: "exo",
    name: "exo",
    miningMw: 900,
    jPerTh: 17,
    powerUsdPerMwh: 45,
    treasuryBtc: 0,
    holdFraction: 0,
    interruptibleShare: 0,
    drEnrolledShare: 0,
    strategy: "exit",
    exitStartDate: "2026-03-01",
    exitEndDate: "2027-09-01",
    aiSuitableShare: 0.7,
    buildRateMwPerYr: 600,
    contracts: [],
    ...over,
  };
  const m = createMinerState(compileMinerSpec(profile, { startDate: START, ...(extraSlots !== undefined ? { extraSlots } : {}) }));
  resetMiner(m, constRng(CALM));
  return m;
}

/** Discretionary conversions started so far (slots in use beyond the announced contracts). */
function conversionsStarted(m: MinerState): number {
  return m.slotCount - m.spec.contracts.length;
}

describe("an exit over 18 months with weekly decisions", () => {
  it("converts everything its schedule frees, up to the AI-suitable MW, in blocks, and drops nothing", () => {
    const m = exodusMiner();
    const end = dayOfDate("2027-09-01", START);
    const suitable = 0.7 * 900;
    let decisions = 0;
    let minConversion = Infinity;
    let lastSuitable = m.aiSuitableMwRemaining;
    drive(m, constRng(CALM), {
      days: end + 120,
      decisionEvery: 7,
      hashprice: () => 40, // above the 0.024·17·45 = $18.4 breakeven: mining, no economic shutdown
      onDecision: (miner) => {
        decisions += 1;
        const started = lastSuitable - miner.aiSuitableMwRemaining;
        lastSuitable = miner.aiSuitableMwRemaining;
        if (started > 0 && miner.aiSuitableMwRemaining > 0) minConversion = Math.min(minConversion, started);
        // What the schedule has freed waits for less than a block, unless the budget or the
        // AI-suitable MW are what binds.
        const waiting = freeIdleMw(miner);
        const bound = miner.aiSuitableMwRemaining === 0 || miner.conversionBudgetMw < BLOCK || waiting < BLOCK;
        expect(bound, `day ${miner.ledger.lastDay}: ${waiting} MW idle, budget ${miner.conversionBudgetMw}`).toBe(true);
        expect(checkCapacity(miner)).toBeNull();
      },
    });
    expect(decisions).toBeGreaterThan(78); // weekly over the 18 months and after
    expect(m.ledger.droppedConversions).toBe(0);
    expect(m.ledger.droppedConversionMw).toBe(0);
    // Every conversion but the last is at least a block; their number fits the slots.
    expect(minConversion).toBeGreaterThanOrEqual(BLOCK);
    expect(conversionsStarted(m)).toBeLessThanOrEqual(Math.ceil(suitable / BLOCK));
    expect(conversionsStarted(m)).toBeLessThanOrEqual(m.spec.slotCapacity - m.spec.contracts.length);
    // Mining is gone; the AI-suitable 70% is converting or in AI; the rest is idle.
    expect(m.mw[MINING]! + m.mw[CURTAILED]!).toBe(0);
    expect(m.mw[AI]! + m.mw[CONVERTING]!).toBeCloseTo(suitable, 6);
    expect(m.mw[IDLE]).toBeCloseTo(900 - suitable, 6);
    const summary = summarize(m, 70_000, end + 120, createSummary());
    expect(summary.droppedConversionMw).toBe(0);
  });

  it("a drop that still happens is noted (count and MW left unconverted) and reported in the summary", () => {
    // One extra slot only: the first block converts, every later one is dropped.
    const m = exodusMiner({}, 1);
    drive(m, constRng(CALM), { days: 400, hashprice: () => 40 });
    expect(conversionsStarted(m)).toBe(1);
    const converted = m.mw[AI]! + m.mw[CONVERTING]!;
    expect(converted).toBeGreaterThanOrEqual(BLOCK);
    expect(m.ledger.droppedConversions).toBeGreaterThan(0);
    // The exit re-asks for all it could not convert: the largest failed request is what
    // is left of the AI-suitable MW (budget permitting), never more.
    expect(m.ledger.droppedConversionMw).toBeGreaterThanOrEqual(BLOCK);
    expect(m.ledger.droppedConversionMw).toBeLessThanOrEqual(m.aiSuitableMwRemaining + 1e-9);
    const summary = summarize(m, 70_000, 400, createSummary());
    expect(summary.droppedConversionMw).toBe(m.ledger.droppedConversionMw);
  });
});

describe("bundled profiles, every strategy, 6.8 years of weekly decisions", () => {
  it("drop no conversion with the fast-exodus behaviour (70% AI-suitable, 600 MW/yr), at exitSpeed 1 and 3", () => {
    const days = dayOfDate("2032-12-31", START);
    // A calm market, then a long slump that makes `threshold` convert (its margin falls
    // below the AI alternative) and switches mining off for a while.
    const paths: ((d: number) => number)[] = [() => 40, (d) => (d < 200 ? 45 : d < 900 ? 12 : 30)];
    let runs = 0;
    for (const profile of PROFILES) {
      for (const strategy of STRATEGY_KINDS as readonly StrategyKind[]) {
        for (const exitSpeed of [1, 3]) {
          for (const hashprice of paths) {
            const spec = compileMinerSpec(profile, {
              startDate: START,
              exitSpeed,
              behaviour: { aiSuitableShare: 0.7, buildRateMwPerYr: 600 },
              overrides: { strategy },
            });
            const m = createMinerState(spec);
            const rng = constRng(CALM);
            resetMiner(m, rng);
            drive(m, rng, { days, hashprice });
            const who = `${profile.id}/${strategy}/speed ${exitSpeed}`;
            expect(m.ledger.droppedConversionMw, who).toBe(0);
            expect(m.ledger.droppedConversions, who).toBe(0);
            expect(checkCapacity(m), who).toBeNull();
            runs++;
          }
        }
      }
    }
    expect(runs).toBe(PROFILES.length * STRATEGY_KINDS.length * 4);
  });
});

describe("bundled scenarios through the full path with weekly decisions", () => {
  it("record droppedConversionMw = 0 for every miner (1 path per scenario and sweep variant)", () => {
    const dir = bundledScenariosDir();
    let checked = 0;
    for (const file of scenarioFiles(dir)) {
      for (const v of loadAndCompile(file).variants) {
        const plan = { ...v.plan, decisionEveryDays: 7 };
        const { layout, record } = simulateModelPath(plan, "slots", 0);
        const base = layout.scalars.findIndex((f) => f.metric === "cumulativeEbitda");
        plan.miners.forEach((spec, i) => {
          const c = base + i * MINER_SCALARS.count + MINER_SCALARS.droppedConversionMw;
          expect(layout.scalars[c], `${file} ${v.variant}`).toMatchObject({ entity: spec.id, metric: "droppedConversionMw" });
          expect(record.scalars[c], `${file} ${v.variant} ${spec.id}`).toBe(0);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
