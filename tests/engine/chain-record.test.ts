/**
 * ChainRecord: one ArrayBuffer, aligned non-overlapping views, rebuilt from a moved
 * buffer, wiped by reset, and epoch overflow counted but not written.
 */
import { describe, expect, it } from "vitest";
import {
  CHAIN_RECORD_VERSION,
  ChainRecord,
  ChainScalar,
  CHAIN_SCALAR_COUNT,
  epochCapacityFor,
  chainRecordLayout,
  simulatePath,
} from "../../src/engine/index.js";
import { streamFor } from "../../src/random/index.js";
import { DAY, START_TIME, basePlan } from "./fixtures.js";

const columns = [
  "startTime",
  "firstBlockTime",
  "endTime",
  "difficulty",
  "adjustmentPct",
  "meanInterval",
  "halvingTime",
  "epochIndex",
  "startHeight",
  "blocks",
  "timespan",
  "bits",
  "halvingHeight",
] as const;

describe("ChainRecord", () => {
  it("lays every column out once, aligned, inside one buffer", () => {
    const r = new ChainRecord(7, 3);
    const L = chainRecordLayout(7, 3);
    expect(r.buffer.byteLength).toBe(L.byteLength);
    const spans: [number, number][] = [[r.scalars.byteOffset, r.scalars.byteOffset + r.scalars.byteLength]];
    expect(r.scalars.length).toBe(CHAIN_SCALAR_COUNT);
    for (const name of columns) {
      const view = r[name];
      expect(view.buffer).toBe(r.buffer);
      expect(view.byteOffset).toBe(L[name]);
      expect(view.byteOffset % view.BYTES_PER_ELEMENT).toBe(0);
      expect(view.length).toBe(name.startsWith("halving") ? 3 : 7);
      spans.push([view.byteOffset, view.byteOffset + view.byteLength]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    let covered = 0;
    for (const [from, to] of spans) {
      expect(from).toBe(covered); // contiguous, no overlap
      covered = to;
    }
    expect(covered).toBe(L.byteLength);
  });

  it("fromBuffer rebuilds the same views from a (moved) buffer", () => {
    const r = new ChainRecord(40, 2);
    simulatePath(basePlan({ horizon: START_TIME + 100 * DAY }), { chain: streamFor("record", 0, "chain") }, r);
    const copy = ChainRecord.fromBuffer(r.buffer.slice(0));
    expect(copy.epochCapacity).toBe(40);
    expect(copy.halvingCapacity).toBe(2);
    expect(copy.epochRows).toBe(r.epochRows);
    for (const name of columns) expect(Array.from(copy[name])).toEqual(Array.from(r[name]));
    expect(Array.from(copy.scalars)).toEqual(Array.from(r.scalars));
    const bad = r.buffer.slice(0);
    new Float64Array(bad, 0, 1)[0] = CHAIN_RECORD_VERSION + 1;
    expect(() => ChainRecord.fromBuffer(bad)).toThrow(/version/);
    expect(() => ChainRecord.fromBuffer(new ArrayBuffer(16))).toThrow(/too small/);
  });

  it("counts epochs beyond its capacity without writing them, and reset wipes old rows", () => {
    const small = new ChainRecord(3, 1);
    const plan = basePlan({ horizon: START_TIME + 100 * DAY });
    simulatePath(plan, { chain: streamFor("record", 1, "chain") }, small);
    expect(small.scalar(ChainScalar.epochsCompleted)).toBeGreaterThan(5);
    expect(small.epochRows).toBe(3);
    const big = new ChainRecord(20, 1);
    simulatePath(plan, { chain: streamFor("record", 1, "chain") }, big);
    expect(Array.from(small.endTime)).toEqual(Array.from(big.endTime.subarray(0, 3)));
    // A shorter path on the same record leaves no trace of the longer one.
    simulatePath(basePlan({ horizon: START_TIME + 20 * DAY }), { chain: streamFor("record", 1, "chain") }, big);
    const rows = big.epochRows;
    expect(rows).toBe(1);
    for (let i = rows; i < 20; i++) {
      expect(big.endTime[i]).toBeNaN();
      expect(big.bits[i]).toBe(0);
    }
  });

  it("epochCapacityFor covers epochs as short as 3.5 days, plus the two partial ones", () => {
    const plan = basePlan({ horizon: START_TIME + 700 * DAY });
    expect(epochCapacityFor(plan)).toBe(202);
    expect(epochCapacityFor(plan, 14 * DAY)).toBe(52);
  });

  it("rejects bad capacities and buffers", () => {
    expect(() => new ChainRecord(-1)).toThrow(RangeError);
    expect(() => new ChainRecord(1.5)).toThrow(RangeError);
    expect(() => new ChainRecord(4, 2, new ArrayBuffer(8))).toThrow(/bytes/);
  });
});
