/**
 * The Engine API the model uses: handlers and their order, daily ticks, the horizon,
 * chain observers, re-planning on setHashrate (checked exactly against a hand
 * computation from the same random stream), partial first epochs, consensus-valid
 * retargets, run(until) in pieces, and input validation.
 */
import { describe, expect, it } from "vitest";
import {
  calculateNextWorkRequired,
  difficultyFromBits,
  permittedDifficultyTransition,
} from "../../src/consensus/index.js";
import {
  EVENT_HASHRATE_SCHEDULE,
  EVENT_HORIZON,
  Engine,
  FIRST_MODEL_EVENT_KIND,
  ChainRecord,
  ChainScalar,
  type EngineMode,
  type EnginePlan,
} from "../../src/engine/index.js";
import { exponentialVariate, gammaVariate, streamFor } from "../../src/random/index.js";
import { DAY, EPOCH_START_TIP, H600, START_BITS, START_TIME, basePlan, runPaths, schedule } from "./fixtures.js";

const KIND_A = FIRST_MODEL_EVENT_KIND;
const KIND_B = FIRST_MODEL_EVENT_KIND + 1;
const modes: EngineMode[] = ["fast", "reference"];
const chain = (i = 0): { chain: ReturnType<typeof streamFor> } => ({ chain: streamFor("engine-api", i, "chain") });

describe("Engine: events", () => {
  it.each(modes)("%s: runs handlers in (time, priority, seq) order with their payloads; none at or after the horizon", (mode) => {
    const engine = new Engine({ mode });
    const seen: string[] = [];
    engine.on(KIND_A, (e, kind, i, f) => seen.push(`A t=${e.now - START_TIME} k=${kind} i=${i} f=${f}`));
    engine.on(KIND_B, (e, _kind, i) => {
      seen.push(`B t=${e.now - START_TIME} i=${i}`);
      // Same instant, priority 0: after the priority-0 events queued before it, before priority 1.
      if (i === 1) e.schedule(e.now, KIND_A, 99, 0.5);
    });
    let horizonCalls = 0;
    engine.on(EVENT_HORIZON, (e) => {
      horizonCalls++;
      expect(e.now).toBe(e.horizon);
      expect(e.finished).toBe(true);
      expect(e.record.scalar(ChainScalar.complete)).toBe(1);
    });
    const plan = basePlan({ horizon: START_TIME + 10 });
    engine.begin(plan, chain(), new ChainRecord(4));
    engine.schedule(START_TIME + 5, KIND_A, 1, 1.5, 1);
    engine.schedule(START_TIME + 5, KIND_B, 1, 0, 0);
    engine.schedule(START_TIME + 5, KIND_A, 2, 2.5, 0);
    engine.schedule(START_TIME + 2, KIND_A, 3, 0, 7);
    engine.schedule(START_TIME + 10, KIND_A, 4); // at the horizon: never runs
    engine.schedule(START_TIME + 11, KIND_A, 5); // after it: never runs
    engine.run();
    expect(seen).toEqual([
      "A t=2 k=8 i=3 f=0",
      "B t=5 i=1",
      "A t=5 k=8 i=2 f=2.5",
      "A t=5 k=8 i=99 f=0.5",
      "A t=5 k=8 i=1 f=1.5",
    ]);
    expect(horizonCalls).toBe(1);
    expect(engine.step()).toBe(false);
    expect(horizonCalls).toBe(1);
  });

  it.each(modes)(
    "%s: recurring events (the first held outside the heap) order with one-shots by (time, priority, seq)",
    (mode) => {
      // Reference order: every event with its (time, priority, seq), seq counting every
      // push (a recurring event is pushed again when it runs), sorted.
      const engine = new Engine({ mode });
      const seen: string[] = [];
      engine.on(KIND_A, (e, _kind, i) => {
        seen.push(`A${i}@${e.now - START_TIME}`);
        // Same-instant one-shots from inside a handler: priority 0 runs after the recurring
        // priority-0 events already queued for this instant, priority −1 before them.
        if (i === 0 && e.now - START_TIME === 20) {
          e.schedule(e.now, KIND_B, 7, 0, 0);
          e.schedule(e.now, KIND_B, 8, 0, -1);
        }
      });
      engine.on(KIND_B, (e, _kind, i) => seen.push(`B${i}@${e.now - START_TIME}`));
      engine.begin(basePlan({ horizon: START_TIME + 45 }), chain(), new ChainRecord(4));
      engine.schedule(START_TIME + 10, KIND_B, 1, 0, 0); // seq 0: before the recurring ones at 10
      engine.scheduleEvery(START_TIME + 10, 10, KIND_A, 0, 0, 0); // the cadence slot
      engine.scheduleEvery(START_TIME + 10, 10, KIND_A, 1, 0, 0); // in the heap
      engine.scheduleEvery(START_TIME + 5, 10, KIND_A, 2, 0, -1); // in the heap, priority −1
      engine.schedule(START_TIME + 30, KIND_B, 2, 0, 0); // seq 4: before both re-pushes for 30 (seq ≥ 5)
      engine.schedule(START_TIME + 40, KIND_B, 3, 0, 1); // priority 1: after them
      engine.run();
      expect(seen).toEqual([
        "A2@5",
        "B1@10",
        "A0@10",
        "A1@10",
        "A2@15",
        "A0@20",
        "B8@20",
        "A1@20",
        "B7@20",
        "A2@25",
        "B2@30",
        "A0@30",
        "A1@30",
        "A2@35",
        "A0@40",
        "A1@40",
        "B3@40",
      ]);
    },
  );

  it("scheduleDaily ticks at 00:00 UTC of every day before the horizon", () => {
    const engine = new Engine();
    const ticks: number[] = [];
    engine.on(KIND_A, (e) => ticks.push(e.now));
    const start = START_TIME + 3600 * 5.5; // 05:30 UTC
    engine.begin(basePlan({ startTime: start, horizon: START_TIME + 10 * DAY + 1 }), chain(), new ChainRecord(4));
    engine.scheduleDaily(KIND_A);
    engine.run();
    expect(ticks).toEqual(Array.from({ length: 10 }, (_, d) => START_TIME + (d + 1) * DAY));
    for (const t of ticks) expect(new Date(t * 1000).toISOString().endsWith("T00:00:00.000Z")).toBe(true);
  });

  it("guards against a handler that reschedules itself forever", () => {
    const engine = new Engine({ maxEvents: 1000 });
    engine.on(KIND_A, (e) => e.schedule(e.now, KIND_A));
    engine.begin(basePlan({ horizon: START_TIME + DAY }), chain(), new ChainRecord(4));
    engine.schedule(START_TIME + 1, KIND_A);
    expect(() => engine.run()).toThrow(/more than 1000 events/);
  });

  it("rejects bad kinds, times, payloads, periods and hashrates", () => {
    const engine = new Engine();
    expect(() => engine.on(EVENT_HASHRATE_SCHEDULE, () => {})).toThrow(/reserved/);
    expect(() => engine.on(3, () => {})).toThrow(/reserved/);
    expect(() => engine.on(64, () => {})).toThrow(RangeError);
    engine.on(KIND_A, () => {});
    expect(() => engine.setHashrate(1)).toThrow(/outside a running path/);
    engine.begin(basePlan({ horizon: START_TIME + DAY }), chain(), new ChainRecord(4));
    expect(() => engine.schedule(START_TIME + 1, KIND_B)).toThrow(/no handler/);
    expect(() => engine.schedule(START_TIME + 1, EVENT_HORIZON)).toThrow(/no handler/);
    expect(() => engine.schedule(START_TIME - 1, KIND_A)).toThrow(/before now/);
    expect(() => engine.schedule(NaN, KIND_A)).toThrow(/before now/);
    expect(() => engine.schedule(START_TIME + 1, KIND_A, 1.5)).toThrow(/int32/);
    expect(() => engine.scheduleEvery(START_TIME, 0.5, KIND_A)).toThrow(/period/);
    expect(() => engine.setHashrate(-1)).toThrow(RangeError);
    expect(() => engine.setHashrate(Infinity)).toThrow(RangeError);
    expect(() => engine.setHashrate(NaN)).toThrow(RangeError);
    engine.run();
    expect(() => engine.setHashrate(1)).toThrow(/outside a running path/);
    expect(() => engine.schedule(START_TIME + 2 * DAY, KIND_A)).toThrow(/outside a running path/);
  });
});

describe("Engine: plan validation", () => {
  const ok = basePlan({ horizon: START_TIME + DAY });
  const bad: [string, EnginePlan, RegExp][] = [
    ["horizon before start", { ...ok, horizon: START_TIME }, /horizon/],
    ["horizon after 2106 (uint32 nTime)", { ...ok, horizon: 2 ** 32 }, /horizon/],
    ["negative start time", { ...ok, startTime: -1, horizon: 10 }, /startTime/],
    ["non-canonical bits", { ...ok, startBits: 0x1d00ffff + 1 }, /startBits/], // above powLimit
    ["negative bits", { ...ok, startBits: 0x04923456 }, /startBits/],
    ["zero bits", { ...ok, startBits: 0 }, /startBits/],
    ["fractional height", { ...ok, startHeight: 1.5 }, /startHeight/],
    ["negative hashrate", { ...ok, initialHashrate: -1 }, /initialHashrate/],
    ["mid-epoch without first block time", { ...ok, startHeight: EPOCH_START_TIP + 10 }, /epochFirstBlockTime/],
    ["first block after start", { ...ok, startHeight: EPOCH_START_TIP + 10, epochFirstBlockTime: START_TIME + 5 }, /epochFirstBlockTime/],
    ["schedule going back", { ...ok, schedule: schedule([START_TIME + 5, START_TIME + 4], [1, 2]) }, /non-decreasing/],
    ["schedule lengths", { ...ok, schedule: { times: new Float64Array(2), hashrates: new Float64Array(1) } }, /length/],
    ["schedule NaN rate", { ...ok, schedule: schedule([START_TIME + 5], [NaN]) }, /hashrates\[0\]/],
    ["negative stall threshold", { ...ok, stallSeconds: -1 }, /stallSeconds/],
  ];
  it.each(bad)("rejects %s", (_name, plan, message) => {
    const engine = new Engine();
    expect(() => engine.begin(plan, chain(), new ChainRecord(4))).toThrow(message);
  });
});

describe("Engine: chain", () => {
  it("re-plans exactly on a hashrate change: keeps the Gamma draw and carries the integral (fast)", () => {
    // Hashrate: H until day 3, 2H until day 5, 0 until day 6, then H/2.
    const plan = basePlan({
      horizon: START_TIME + 60 * DAY,
      schedule: schedule([START_TIME + 3 * DAY, START_TIME + 5 * DAY, START_TIME + 6 * DAY], [2 * H600, 0, H600 / 2]),
    });
    const out = new ChainRecord(8);
    const engine = new Engine({ mode: "fast" });
    engine.begin(plan, chain(7), out);
    engine.run();
    // The same draws by hand: block 2016n is 1 block ahead (Exp), then 2015 blocks (Gamma).
    const rng = streamFor("engine-api", 7, "chain");
    const e1 = exponentialVariate(rng);
    const e2 = gammaVariate(rng, 2015);
    const lambda = 1 / 600; // blocks per second at H (H600 is defined by it)
    const first = START_TIME + e1 / lambda;
    expect(first).toBeLessThan(START_TIME + 3 * DAY);
    expect(out.firstBlockTime[0]).toBeCloseTo(first, 6);
    // Integrate λ from the first block: segments [first, 3d) λ, [3d, 5d) 2λ, [5d, 6d) 0, then λ/2.
    const pieces: [number, number][] = [
      [START_TIME + 3 * DAY, lambda],
      [START_TIME + 5 * DAY, 2 * lambda],
      [START_TIME + 6 * DAY, 0],
      [Infinity, lambda / 2],
    ];
    let t = first;
    let remaining = e2;
    let end = NaN;
    for (const [until, rate] of pieces) {
      if (rate > 0 && t + remaining / rate <= until) {
        end = t + remaining / rate;
        break;
      }
      remaining -= rate * (until - t);
      t = until;
    }
    expect(Number.isFinite(end)).toBe(true);
    expect(out.endTime[0]).toBeCloseTo(end, 5);
  });

  it.each(modes)("%s: observers see each boundary with the chain state already updated", (mode) => {
    const engine = new Engine({ mode });
    const retargets: number[][] = [];
    const firsts: number[] = [];
    const subsidy: number[][] = [];
    const halvings: number[][] = [];
    engine.addChainObserver({
      onEpochFirstBlock: (e, height) => firsts.push(height, e.epochIndex),
      onRetarget: (e, height, time) => {
        expect(e.now).toBe(time);
        expect(e.lastBoundaryTime).toBe(time);
        expect(e.lastBoundaryHeight).toBe(height);
        retargets.push([height, time, e.previousBits, e.bits, e.difficulty, e.epochIndex]);
      },
      onSubsidyChange: (e, height, time) => subsidy.push([height, e.subsidySats, e.subsidyEra, time]),
      onHalving: (e, height, time) => halvings.push([height, time, e.subsidySats]),
    });
    const out = new ChainRecord(16);
    const tip = 1_050_000 - 2016 * 3 + 500; // inside epoch 518; the halving comes ~3 epochs later
    const plan: EnginePlan = basePlan({
      startHeight: tip,
      epochFirstBlockTime: START_TIME - 500 * 600,
      horizon: START_TIME + 60 * DAY,
    });
    engine.begin(plan, chain(1), out);
    expect(engine.subsidySats).toBe(312_500_000);
    expect(engine.subsidyEra).toBe(4);
    engine.run();
    const rows = out.epochRows;
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(retargets.length).toBe(rows);
    for (let i = 0; i < rows; i++) {
      const [height, time, previousBits, bits, difficulty, epochAfter] = retargets[i] as number[];
      expect(height).toBe((out.startHeight[i] as number) + 2015);
      expect(time).toBe(out.endTime[i]);
      expect(previousBits).toBe(out.bits[i]);
      expect(difficulty).toBe(difficultyFromBits(bits as number));
      expect(epochAfter).toBe((out.epochIndex[i] as number) + 1);
      if (i + 1 < rows) expect(bits).toBe(out.bits[i + 1]);
      else expect(bits).toBe(out.scalar(ChainScalar.finalBits));
    }
    // First blocks: every epoch after the partial first one.
    const firstEpoch = Math.floor(tip / 2016) + 1;
    expect(firsts.length / 2).toBeGreaterThanOrEqual(rows - 1);
    for (let j = 0; j < firsts.length; j += 2) {
      expect(firsts[j]).toBe(2016 * (firstEpoch + j / 2)); // height
      expect(firsts[j + 1]).toBe(firstEpoch + j / 2); // engine.epochIndex there
    }
    expect(subsidy.length).toBe(1);
    expect(subsidy[0]?.slice(0, 3)).toEqual([1_049_999, 156_250_000, 5]);
    expect(subsidy[0]?.[3]).toBeLessThan(out.halvingTime[0] as number); // block 1,049,999 before 1,050,000
    expect(halvings.length).toBe(1);
    expect(halvings[0]).toEqual([1_050_000, out.halvingTime[0], 156_250_000]);
    expect(out.halvingHeight[0]).toBe(1_050_000);
  });

  it.each(modes)("%s: a partial first epoch uses the plan's first-block time and counts only simulated blocks", (mode) => {
    const done = 700;
    const firstHeader = Math.floor(START_TIME - done * 600);
    const plan = basePlan({ startHeight: 2016 * 467 + done, epochFirstBlockTime: firstHeader, horizon: START_TIME + 20 * DAY });
    runPaths(mode, plan, "partial-epoch", 3, 8, (r) => {
      expect(r.epochRows).toBeGreaterThanOrEqual(1);
      expect(r.epochIndex[0]).toBe(467);
      expect(r.startHeight[0]).toBe(2016 * 467);
      expect(r.blocks[0]).toBe(2015 - done);
      expect(r.firstBlockTime[0]).toBe(firstHeader);
      expect(r.startTime[0]).toBe(START_TIME);
      expect(r.timespan[0]).toBe(Math.floor(r.endTime[0] as number) - firstHeader);
      expect(r.meanInterval[0]).toBeCloseTo(((r.endTime[0] as number) - START_TIME) / (2015 - done), 9);
      expect(calculateNextWorkRequired(START_BITS, firstHeader, Math.floor(r.endTime[0] as number))).toBe(
        r.epochRows > 1 ? r.bits[1] : r.scalar(ChainScalar.finalBits),
      );
    });
  });

  it.each(modes)("%s: every retarget is Core's, and a permitted transition", (mode) => {
    const plan = basePlan({
      horizon: START_TIME + 200 * DAY,
      schedule: schedule([START_TIME + 20 * DAY, START_TIME + 70 * DAY, START_TIME + 71 * DAY], [H600 * 3, H600 * 0.2, H600 * 5]),
    });
    runPaths(mode, plan, "retarget-rules", 20, 40, (r) => {
      const rows = r.epochRows;
      expect(rows).toBeGreaterThan(5);
      for (let i = 0; i < rows; i++) {
        const next = i + 1 < rows ? (r.bits[i + 1] as number) : r.scalar(ChainScalar.finalBits);
        const first = Math.floor(r.firstBlockTime[i] as number);
        const last = Math.floor(r.endTime[i] as number);
        expect(r.timespan[i]).toBe(last - first);
        expect(next).toBe(calculateNextWorkRequired(r.bits[i] as number, first, last));
        expect(permittedDifficultyTransition((r.startHeight[i] as number) + 2016, r.bits[i] as number, next)).toBe(true);
        expect(r.adjustmentPct[i]).toBeCloseTo(100 * (difficultyFromBits(next) / (r.difficulty[i] as number) - 1), 10);
        expect(r.meanInterval[i]).toBeCloseTo(((r.endTime[i] as number) - (r.startTime[i] as number)) / 2016, 9);
        if (i > 0) expect(r.startTime[i]).toBe(r.endTime[i - 1]);
      }
    });
  });

  it.each(modes)("%s: run(until) in pieces gives the same record as one run", (mode) => {
    const plan = basePlan({
      horizon: START_TIME + 90 * DAY,
      schedule: schedule([START_TIME + 10.3 * DAY, START_TIME + 33 * DAY], [H600 * 1.5, H600 * 0.7]),
    });
    const whole = new ChainRecord(16);
    const pieces = new ChainRecord(16);
    const engine = new Engine({ mode });
    engine.on(KIND_A, (e) => e.setHashrate(e.hashrate * 1.01));
    engine.begin(plan, chain(3), whole);
    engine.scheduleDaily(KIND_A);
    engine.run();
    engine.begin(plan, chain(3), pieces);
    engine.scheduleDaily(KIND_A);
    for (let d = 1; d < 90; d += 7.7) engine.run(START_TIME + d * DAY);
    expect(engine.finished).toBe(false);
    engine.run();
    expect(engine.finished).toBe(true);
    expect(new Uint8Array(pieces.buffer)).toEqual(new Uint8Array(whole.buffer));
  });

  it.each(modes)("%s: run() (with its shortcut for the daily tick) and a step() loop run the same events in the same order", (mode) => {
    // run() takes the daily cadence event without advance() when it comes strictly first;
    // ties with heap events, the hashrate schedule and chain boundaries go through advance().
    // A step() loop always goes through advance(): both must give the same events, the same
    // order and the same chain record, bit for bit.
    const plan = basePlan({
      horizon: START_TIME + 60 * DAY,
      schedule: schedule([START_TIME + 10 * DAY, START_TIME + 21.5 * DAY], [H600 * 1.5, H600 * 0.8]),
    });
    const trace = (drive: (e: Engine) => void): { events: string[]; record: Uint8Array } => {
      const engine = new Engine({ mode });
      const events: string[] = [];
      engine.on(KIND_A, (e, _kind, i) => {
        events.push(`${e.now - START_TIME} A${i} h=${e.lastBoundaryHeight} d=${e.difficulty}`);
        e.setHashrate(e.hashrate * (i % 2 === 0 ? 1.013 : 0.991));
        // Every third day, a heap event two midnights ahead: a tie with that day's tick, and
        // queued before the tick's occurrence takes its sequence number (at the day before),
        // so it runs first (same priority, lower seq).
        if (i === 0 && Math.round((e.now - START_TIME) / DAY) % 3 === 0) e.schedule(e.now + 2 * DAY, KIND_B, 7);
      });
      engine.on(KIND_B, (e, _kind, i) => events.push(`${e.now - START_TIME} B${i} h=${e.lastBoundaryHeight} d=${e.difficulty}`));
      // An observer that schedules at a retarget (a heap event at a chain boundary's time).
      engine.addChainObserver({ onRetarget: (e) => e.schedule(e.now, KIND_B, 1) });
      const out = new ChainRecord(16);
      engine.begin(plan, chain(7), out);
      engine.scheduleDaily(KIND_A, 0);
      engine.scheduleEvery(START_TIME + 2 * DAY, 7 * DAY, KIND_A, 1, 0, 1); // weekly, at midnights
      drive(engine);
      return { events, record: new Uint8Array(out.buffer) };
    };
    const ran = trace((e) => e.run());
    const stepped = trace((e) => {
      while (e.step());
    });
    expect(ran.events.length).toBeGreaterThan(60 + 8);
    expect(ran.events.filter((x) => x.includes(" B7 "))).not.toHaveLength(0);
    expect(ran.events.filter((x) => x.includes(" B1 "))).not.toHaveLength(0);
    expect(stepped.events).toEqual(ran.events);
    expect(stepped.record).toEqual(ran.record);
  });

  it.each(modes)("%s: an observer can change the hashrate at a retarget", (mode) => {
    const engine = new Engine({ mode });
    engine.addChainObserver({ onRetarget: (e) => e.setHashrate(e.hashrate / 2) });
    const out = new ChainRecord(16);
    engine.begin(basePlan({ horizon: START_TIME + 80 * DAY }), chain(5), out);
    engine.run();
    const n = out.scalar(ChainScalar.epochsCompleted);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(out.scalar(ChainScalar.finalHashrate)).toBe(H600 / 2 ** n);
    // Each halving of the hashrate roughly doubles the next epoch's length.
    expect(out.meanInterval[1]).toBeGreaterThan(1.5 * (out.meanInterval[0] as number));
  });
});
