/**
 * EventQueue: pops in (time, priority, seq) order — equal time and priority in insertion
 * order — checked against a sort-based oracle on seeded random workloads with heavy ties,
 * interleaved pushes and pops, and growth past the initial capacity.
 */
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/index.js";
import { streamFor } from "../../src/random/index.js";

interface Entry {
  time: number;
  priority: number;
  seq: number;
  kind: number;
  intArg: number;
  floatArg: number;
  period: number;
}

function byKey(a: Entry, b: Entry): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}

describe("EventQueue", () => {
  it("is empty at first: peekTime is +Infinity and pop returns false", () => {
    const q = new EventQueue(2);
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(false);
  });

  it("runs equal (time, priority) events in insertion order (FIFO ties)", () => {
    const q = new EventQueue(1);
    for (let i = 0; i < 50; i++) q.push(100, 7, 0, i, 0, 0);
    const got: number[] = [];
    while (q.pop()) got.push(q.intArg);
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("orders by time, then priority, then insertion, and keeps every payload (random, vs a sort oracle)", () => {
    const rng = streamFor("engine-tests", 0, "queue");
    const q = new EventQueue(4);
    const pending: Entry[] = [];
    const popped: Entry[] = [];
    const expected: Entry[] = [];
    let seq = 0;
    for (let step = 0; step < 20_000; step++) {
      if (rng.double() < 0.6 || pending.length === 0) {
        // Few distinct times and priorities, so that ties are frequent.
        const e: Entry = {
          time: Math.floor(rng.double() * 20) * 0.5,
          priority: Math.floor(rng.double() * 3) - 1,
          seq: seq++,
          kind: Math.floor(rng.double() * 64),
          intArg: Math.floor(rng.double() * 2 ** 31) - 2 ** 30,
          floatArg: rng.double() * 1e9,
          period: rng.double() < 0.5 ? 0 : 86400,
        };
        q.push(e.time, e.kind, e.priority, e.intArg, e.floatArg, e.period);
        pending.push(e);
      } else {
        pending.sort(byKey);
        expected.push(pending.shift() as Entry);
        expect(q.pop()).toBe(true);
        popped.push({
          time: q.time,
          priority: q.priority,
          seq: q.seq,
          kind: q.kind,
          intArg: q.intArg,
          floatArg: q.floatArg,
          period: q.period,
        });
      }
      expect(q.size).toBe(pending.length);
    }
    expect(popped.length).toBeGreaterThan(5000);
    expect(popped).toEqual(expected);
    expect(q.capacity).toBeGreaterThan(4); // it grew
  });

  it("does not grow once it has reached its steady-state size", () => {
    const q = new EventQueue(8);
    for (let i = 0; i < 8; i++) q.push(i, 1, 0, 0, 0, 0);
    const capacity = q.capacity;
    for (let i = 0; i < 100_000; i++) {
      q.pop();
      q.push(q.time + 8, 1, 0, 0, 0, 0);
    }
    expect(q.capacity).toBe(capacity);
    expect(q.size).toBe(8);
  });

  it("clear() empties the queue and restarts the sequence", () => {
    const q = new EventQueue();
    q.push(1, 1, 0, 0, 0, 0);
    q.push(2, 1, 0, 0, 0, 0);
    q.clear();
    expect(q.size).toBe(0);
    q.push(5, 3, 0, 0, 0, 0);
    expect(q.pop()).toBe(true);
    expect(q.seq).toBe(0);
    expect(q.time).toBe(5);
  });
});
