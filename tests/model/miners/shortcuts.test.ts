/**
 * The path loop's shortcuts change nothing: a miner driven with them (advanceContracts
 * skipped on days before `miner.contractsDueDay`, nextMinerEventDay's last result taken
 * while no slot changed and it is still ahead, and the mining MW re-read only when
 * `miningMwChanged` is set, as src/model/path/kernel.ts does) ends
 * every event in exactly the same state, bit for bit, as the same miner driven the
 * reference way (driver.ts: advanceContracts at every event), for every profile of
 * CALIBRATION.md (2) and a hashprice path that crosses the miners' breakevens.
 */
import { describe, expect, it } from "vitest";
import type { MinerState } from "../../../src/model/miners/index.js";
import {
  AI,
  MINING,
  PROFILES,
  accrue,
  advanceContracts,
  applyActions,
  compileMinerSpec,
  createAccrualInterval,
  createActions,
  createMarketView,
  createMinerState,
  createObservation,
  nextMinerEventDay,
  observe,
  resetMiner,
  runStrategy,
} from "../../../src/model/miners/index.js";
import { streamFor } from "../../../src/random/index.js";
import { integrate } from "./driver.js";

const START = "2026-03-01";
const DAYS = 6 * 365;
const PRICE = 70_000;

/** Hashprice $/PH/day, constant on integer days: swings from ~$15 to ~$90 over a few years. */
function hashprice(day: number): number {
  return 38 * Math.exp(0.85 * Math.sin(day / 170) + 0.25 * Math.sin(day / 23));
}

interface Run {
  readonly states: number[][];
  /** Events at which advanceContracts was skipped (shortcut run only). */
  skipped: number;
  /** Events that took the cached next event day (shortcut run only). */
  cachedNext: number;
  /** AI MW-days over the path (contracts energised through advanceContracts). */
  aiMwDays: number;
  /** Events after which miningMwChanged was set (and cleared, as the kernel does). */
  miningChanges: number;
  /** Events whose mining MW differed from the last one read although the flag was not set. */
  unflagged: number;
}

/** Every number of the miner's state that an event can change. */
function snapshot(m: MinerState): number[] {
  const l = m.ledger as unknown as Record<string, unknown>;
  const out: number[] = [m.treasuryBtc, m.holdFraction, m.conversionBudgetMw, m.aiSuitableMwRemaining, m.idleReservedMw, m.totalMw];
  for (let s = 0; s < m.mw.length; s++) out.push(m.mw[s]!);
  for (const k of Object.keys(l)) {
    const v = l[k];
    if (typeof v === "number") out.push(v);
    else if (typeof v === "boolean") out.push(v ? 1 : 0);
    else if (v instanceof Float64Array) out.push(...v);
  }
  for (let i = 0; i < m.slotCount; i++) {
    const s = m.slots[i]!;
    out.push(s.state, s.energiseDay, s.endDay, s.defaultDay, s.releaseDay, s.baseRate, s.renewalOptionsLeft);
  }
  return out;
}

function run(miner: MinerState, seed: number, shortcut: boolean): Run {
  const rng = streamFor(seed, 0, `miner:${miner.spec.id}`);
  resetMiner(miner, rng);
  const iv = createAccrualInterval();
  const view = createMarketView();
  const obs = createObservation();
  const actions = createActions(miner.spec.slotCapacity);
  const result: Run = { states: [], skipped: 0, cachedNext: 0, aiMwDays: 0, miningChanges: 0, unflagged: 0 };
  // The kernel's third shortcut: the mining MW (its hashrate) read again only when flagged.
  miner.miningMwChanged = false;
  let miningRead = miner.mw[MINING]!;
  let t = 0;
  let nextRoutine = 0;
  // After each event (the last one included): was every change of the mining MW flagged?
  const checkMiningFlag = (): void => {
    if (miner.miningMwChanged) {
      miner.miningMwChanged = false;
      miningRead = miner.mw[MINING]!;
      result.miningChanges += 1;
    } else if (!Object.is(miner.mw[MINING], miningRead)) result.unflagged += 1;
  };
  for (;;) {
    iv.fromDay = miner.ledger.lastDay;
    iv.toDay = t;
    iv.hashpriceUsdIntegral = integrate(hashprice, iv.fromDay, t);
    iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / PRICE;
    iv.rtPowerUsdPerMwh = Number.NaN;
    accrue(miner, iv);
    if (!shortcut || t >= miner.contractsDueDay) advanceContracts(miner, t, rng);
    else result.skipped += 1;
    if (t >= DAYS) {
      checkMiningFlag();
      break;
    }
    view.day = t;
    view.hashpriceUsdPerPhDay = hashprice(Math.floor(t));
    view.btcPriceUsd = PRICE;
    view.rtPowerUsdPerMwh = Number.NaN;
    view.drEvent = false;
    view.fourCpEvent = false;
    view.aiLeaseUsdPerItMwYr = Number.NaN;
    observe(miner, view, obs);
    runStrategy(obs, miner.spec.strategy, actions);
    applyActions(miner, obs, actions, rng);
    checkMiningFlag();
    result.states.push(snapshot(miner));
    if (t >= nextRoutine) nextRoutine = t + 7;
    // The kernel's second shortcut: nextMinerEventDay's last result while no slot changed.
    let next: number;
    if (shortcut && miner.slotVersion === miner.nextEventVersion && miner.nextEventDay > t) {
      next = miner.nextEventDay;
      result.cachedNext += 1;
    } else next = nextMinerEventDay(miner, t);
    t = Math.min(nextRoutine, next, DAYS);
  }
  result.states.push(snapshot(miner));
  result.aiMwDays = miner.ledger.mwDays[AI]!;
  return result;
}

describe("path-loop shortcuts", () => {
  it("skipping advanceContracts before contractsDueDay and reusing the next event day leave every event's state bit-identical", () => {
    let skipped = 0;
    let cachedNext = 0;
    let events = 0;
    let aiMwDays = 0;
    for (const profile of PROFILES) {
      for (const exitSpeed of [1, 2]) {
        const spec = compileMinerSpec(profile, { startDate: START, exitSpeed });
        for (const seed of [1, 2, 3]) {
          const ref = run(createMinerState(spec), seed, false);
          const fast = run(createMinerState(spec), seed, true);
          expect(fast.states.length).toBe(ref.states.length);
          for (let k = 0; k < ref.states.length; k++) {
            const a = ref.states[k]!;
            const b = fast.states[k]!;
            expect(b.length).toBe(a.length);
            for (let j = 0; j < a.length; j++) {
              if (!Object.is(a[j], b[j])) throw new Error(`${profile.id} speed ${exitSpeed} seed ${seed}: event ${k}, value ${j}: ${b[j]} ≠ ${a[j]}`);
            }
          }
          skipped += fast.skipped;
          cachedNext += fast.cachedNext;
          events += ref.states.length;
          aiMwDays += fast.aiMwDays;
        }
      }
    }
    // Not vacuous: the shortcuts were taken at most events, and contracts did energise.
    expect(skipped).toBeGreaterThan(events / 2);
    expect(cachedNext).toBeGreaterThan(events / 2);
    expect(aiMwDays).toBeGreaterThan(0);
  });

  it("miningMwChanged is set whenever an event changes the mining MW", () => {
    let changes = 0;
    let events = 0;
    for (const profile of PROFILES) {
      const spec = compileMinerSpec(profile, { startDate: START, exitSpeed: 1 });
      for (const seed of [1, 2, 3]) {
        const r = run(createMinerState(spec), seed, true);
        if (r.unflagged !== 0) throw new Error(`${profile.id} seed ${seed}: mining MW changed unflagged at ${r.unflagged} events`);
        changes += r.miningChanges;
        events += r.states.length;
      }
    }
    // Not vacuous: the mining MW did change at some events, and most left it alone.
    expect(changes).toBeGreaterThan(0);
    expect(changes).toBeLessThan(events / 2);
  });
});
