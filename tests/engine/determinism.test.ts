/**
 * Determinism and stream separation (DESIGN.md §4): the same (seed, path) gives a
 * byte-identical record whatever ran before on the same engine and record; different
 * paths differ; the chain draws only from its own stream, so a model component drawing
 * from another stream (here "market", a varying number of draws per day) changes
 * nothing in the chain record, and sees the same draws whichever engine runs the chain.
 */
import { describe, expect, it } from "vitest";
import {
  Engine,
  FIRST_MODEL_EVENT_KIND,
  ChainRecord,
  epochCapacityFor,
  replayPath,
  simulatePath,
  type EngineMode,
} from "../../src/engine/index.js";
import { streamFor, type Rng } from "../../src/random/index.js";
import { DAY, H600, START_TIME, basePlan, schedule, simulators } from "./fixtures.js";

const plan = basePlan({
  horizon: START_TIME + 120 * DAY,
  schedule: schedule([START_TIME + 9.5 * DAY, START_TIME + 40 * DAY], [H600 * 1.4, H600 * 0.8]),
});

function bytes(record: ChainRecord): Uint8Array {
  return new Uint8Array(record.buffer.slice(0));
}

describe("determinism", () => {
  it.each<EngineMode>(["fast", "reference"])("%s: same seed and path → identical bytes; other paths differ", (mode) => {
    const simulate = simulators[mode];
    const out = new ChainRecord(32);
    simulate(plan, { chain: streamFor("det", 4, "chain") }, out);
    const first = bytes(out);
    for (let i = 0; i < 5; i++) simulate(plan, { chain: streamFor("det", i === 4 ? 5 : i, "chain") }, out);
    const other = bytes(out);
    simulate(plan, { chain: streamFor("det", 4, "chain") }, out);
    expect(bytes(out)).toEqual(first);
    expect(other).not.toEqual(first);
    // A fresh record gives the same bytes as the reused one.
    const fresh = new ChainRecord(32);
    simulate(plan, { chain: streamFor("det", 4, "chain") }, fresh);
    expect(bytes(fresh)).toEqual(first);
  });

  it("replayPath reproduces the run's record", () => {
    const out = new ChainRecord(epochCapacityFor(plan));
    simulatePath(plan, { chain: streamFor("det", 2, "chain") }, out);
    const lines: string[] = [];
    const replayed = replayPath(plan, "det", 2, { write: (l) => lines.push(l) });
    expect(bytes(replayed)).toEqual(bytes(out));
    expect(lines.length).toBeGreaterThan(10);
  });

  const KIND_DAY = FIRST_MODEL_EVENT_KIND;
  /** A model stand-in: daily, draws 1–5 market numbers and sets H from the date only. */
  function runWithMarket(mode: EngineMode, drawMarket: boolean, market: Rng, seen: number[]): Uint8Array {
    const engine = new Engine({ mode });
    engine.on(KIND_DAY, (e) => {
      if (drawMarket) {
        const n = 1 + Math.floor(market.double() * 5);
        for (let j = 0; j < n; j++) seen.push(market.double());
      }
      const day = Math.round((e.now - START_TIME) / DAY);
      e.setHashrate(H600 * (1 + 0.3 * Math.sin(day / 9)));
    });
    const out = new ChainRecord(32);
    engine.begin(basePlan({ horizon: START_TIME + 120 * DAY }), { chain: streamFor("det", 9, "chain") }, out);
    engine.scheduleDaily(KIND_DAY);
    engine.run();
    return bytes(out);
  }

  it("another component's draws do not move the chain, and the chain does not move them", () => {
    const seenFast: number[] = [];
    const seenReference: number[] = [];
    const withMarket = runWithMarket("fast", true, streamFor("det", 9, "market"), seenFast);
    const withoutMarket = runWithMarket("fast", false, streamFor("det", 9, "market"), []);
    expect(withMarket).toEqual(withoutMarket);
    const refWith = runWithMarket("reference", true, streamFor("det", 9, "market"), seenReference);
    const refWithout = runWithMarket("reference", false, streamFor("det", 9, "market"), []);
    expect(refWith).toEqual(refWithout);
    expect(seenFast.length).toBeGreaterThan(120);
    expect(seenReference).toEqual(seenFast);
  });
});
