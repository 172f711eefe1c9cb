/**
 * SketchBank (src/montecarlo/sketch-bank.ts): merges are exact and order-free (identical
 * quantiles and identical canonical bytes for any merge order and grouping), and quantiles
 * are within the documented relative accuracy of the exact type-7 quantile computed from
 * the stored values; the order statistics agree with @datadog/sketches-js on the same data.
 */
import { DDSketch } from "@datadog/sketches-js";
import { CubicallyInterpolatedMapping } from "@datadog/sketches-js/dist/ddsketch/mapping/index.js";
import { describe, expect, it } from "vitest";
import { SketchBank, type SketchSections } from "../../src/montecarlo/sketch-bank.js";
import { CubicMapping, MIN_INDEXABLE, SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";
import { createRng, type Rng } from "../../src/random/rng.js";
import { type7 } from "./helpers.js";

const ALPHA = SKETCH_RELATIVE_ACCURACY;
const mapping = new CubicMapping(ALPHA);

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.double())) * Math.cos(2 * Math.PI * rng.double());
}

/** Inserts values into cell `cell` of a bank, one at a time (the slow path of the accumulator). */
function insert(bank: SketchBank, cell: number, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x >= MIN_INDEXABLE || x <= -MIN_INDEXABLE) {
      const store = 2 * cell + (x > 0 ? 0 : 1);
      const k = mapping.key(Math.abs(x));
      const b = bank.reserve(store, k, k);
      const at = k - bank.offsetOf(store);
      b[at] = b[at]! + 1;
    } else {
      bank.zero[cell] = bank.zero[cell]! + 1;
    }
  }
}

/** Three cells of test data: log-normal positives, mixed signs with exact zeros, a narrow band. */
function sample(n: number, seed: string): Float64Array[] {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = Math.exp(2 * normal(rng)) * 1e6;
    b[i] = rng.double() < 0.1 ? 0 : Math.round(50 * normal(rng)) / 7;
    c[i] = 1.7e9 + 1e5 * normal(rng);
  }
  return [a, b, c];
}

function bankOf(cols: Float64Array[], from: number, to: number): SketchBank {
  const bank = new SketchBank(cols.length, mapping);
  cols.forEach((col, cell) => insert(bank, cell, col.subarray(from, to)));
  return bank;
}

function bytesOf(s: SketchSections): Buffer {
  return Buffer.concat([s.zero, s.lo, s.len, s.counts].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
}

const LEVELS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];

function quantilesOf(bank: SketchBank, cols: Float64Array[]): number[] {
  const out: number[] = [];
  const q = new Float64Array(LEVELS.length);
  cols.forEach((col, cell) => {
    let min = Infinity;
    let max = -Infinity;
    for (const x of col) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    bank.quantiles(cell, LEVELS, min, max, q);
    out.push(...q);
  });
  return out;
}

describe("SketchBank merge", () => {
  const N = 6000;
  const cols = sample(N, "bank-merge");
  const cuts = [0, 700, 1900, 2000, 4100, 6000];
  const parts = () => cuts.slice(1).map((to, i) => bankOf(cols, cuts[i]!, to));

  it("gives identical bytes and quantiles for every merge order and grouping", () => {
    const whole = bankOf(cols, 0, N);
    const reference = bytesOf(whole.encode());
    const refQ = quantilesOf(whole, cols);
    // Left fold in order, right fold in reverse order, and a tree grouping ((0+1)+(2+(3+4))).
    const inOrder = new SketchBank(3, mapping);
    for (const p of parts()) inOrder.add(p.encode());
    const reversed = new SketchBank(3, mapping);
    for (const p of parts().reverse()) reversed.add(p.encode());
    const [p0, p1, p2, p3, p4] = parts();
    p0!.add(p1!.encode());
    p3!.add(p4!.encode());
    p2!.add(p3!.encode());
    p0!.add(p2!.encode());
    for (const merged of [inOrder, reversed, p0!]) {
      expect(bytesOf(merged.encode()).equals(reference)).toBe(true);
      expect(quantilesOf(merged, cols)).toEqual(refQ);
    }
  });

  it("encodes canonically: the same counts reached through different bin windows give the same bytes", () => {
    const rising = new SketchBank(1, mapping);
    const falling = new SketchBank(1, mapping);
    const sorted = Float64Array.from(cols[0]!).sort();
    insert(rising, 0, sorted);
    insert(falling, 0, sorted.slice().reverse());
    // The bin windows depend on the insertion history...
    expect([rising.windowKeyOf(0), rising.binsOf(0).length]).not.toEqual([falling.windowKeyOf(0), falling.binsOf(0).length]);
    // ...the encoding does not.
    expect(bytesOf(rising.encode()).equals(bytesOf(falling.encode()))).toBe(true);
    expect(rising.total(0)).toBe(N);
  });

  it("a 16-bit bank and a view give the same canonical bytes as a 32-bit bank's encode()", () => {
    const wide = bankOf(cols, 0, N);
    const narrow = new SketchBank(3, mapping, 16);
    cols.forEach((col, cell) => insert(narrow, cell, col));
    const reference = bytesOf(wide.encode());
    const asUint32 = (s: SketchSections): SketchSections => ({ ...s, counts: Uint32Array.from(s.counts) });
    expect(narrow.encode().counts).toBeInstanceOf(Uint16Array);
    expect(bytesOf(asUint32(narrow.encode())).equals(reference)).toBe(true);
    expect(bytesOf(asUint32(narrow.view())).equals(reference)).toBe(true);
    expect(bytesOf(wide.view()).equals(reference)).toBe(true);
    const view = wide.view();
    expect(view.countsLength).toBe(wide.encode().counts.length);
    expect(view.fitsUint16).toBe(true);
  });

  it("a view tells whether a 32-bit bank's counts fit 16 bits", () => {
    const bank = bankOf(cols, 0, N);
    expect(bank.view().fitsUint16).toBe(true);
    const key = mapping.key(3);
    const bins = bank.reserve(4, key, key); // cell 2, positive store
    bins[key - bank.offsetOf(4)] = bins[key - bank.offsetOf(4)]! + 0x10000;
    expect(Math.max(...bank.encode().counts)).toBeGreaterThan(0xffff);
    expect(bank.view().fitsUint16).toBe(false);
    expect(bank.view().counts).toBeInstanceOf(Uint32Array);
  });

  it("clear() empties counts but keeps working", () => {
    const bank = bankOf(cols, 0, 100);
    bank.clear();
    expect([0, 1, 2].map((c) => bank.total(c))).toEqual([0, 0, 0]);
    insert(bank, 1, cols[1]!.subarray(0, 10));
    expect(bank.total(1)).toBe(10);
  });

  it("after clear(), encode() and view() are those of a fresh bank with the same counts", () => {
    // clear() and view() read only the keys reserved since the last clear: a reused bank's
    // wider windows must not show.
    for (const bits of [16, 32] as const) {
      const reused = new SketchBank(3, mapping, bits);
      cols.forEach((col, cell) => insert(reused, cell, col));
      reused.clear();
      const fresh = new SketchBank(3, mapping, bits);
      cols.forEach((col, cell) => {
        insert(reused, cell, col.subarray(40, 50));
        insert(fresh, cell, col.subarray(40, 50));
      });
      expect(bytesOf(reused.encode()).equals(bytesOf(fresh.encode()))).toBe(true);
      expect(bytesOf(reused.view()).equals(bytesOf(fresh.encode()))).toBe(true);
      expect(reused.view().fitsUint16).toBe(fresh.view().fitsUint16);
      reused.clear();
      expect(reused.view().countsLength).toBe(0);
    }
  });
});

describe("SketchBank storage", () => {
  /** Counts by "store:key" from an encoding (the naive form of a bank's contents). */
  function tallyOf(s: SketchSections): Map<string, number> {
    const out = new Map<string, number>();
    let at = 0;
    for (let store = 0; store < s.len.length; store++) {
      for (let j = 0; j < s.len[store]!; j++, at++) if (s.counts[at]! > 0) out.set(`${store}:${s.lo[store]! + j}`, s.counts[at]!);
    }
    return out;
  }

  it("keeps every count when windows grow and the arena is compacted, in 16 and 32 bits", () => {
    // 300 cells whose values spread wider in every round: each store's window grows again and
    // again, far past the arena's first 65,536 bins, so dead windows are reclaimed several
    // times while live ones move. The counts must be exactly those inserted.
    const cells = 300;
    const rng = createRng("bank-arena");
    for (const bits of [16, 32] as const) {
      const bank = new SketchBank(cells, mapping, bits);
      const want = new Map<string, number>();
      for (let round = 1; round <= 12; round++) {
        for (let cell = 0; cell < cells; cell++) {
          const values = Float64Array.from({ length: 20 }, () => (rng.double() < 0.5 ? -1 : 1) * Math.exp(round * normal(rng)));
          insert(bank, cell, values);
          for (const x of values) {
            const key = `${2 * cell + (x > 0 ? 0 : 1)}:${mapping.key(Math.abs(x))}`;
            want.set(key, (want.get(key) ?? 0) + 1);
          }
        }
      }
      const got = bank.encode();
      expect(tallyOf(got)).toEqual(want);
      expect(Array.from({ length: cells }, (_, c) => bank.total(c))).toEqual(new Array(cells).fill(12 * 20));
      // After a clear, the same windows serve a new batch like a fresh bank's.
      bank.clear();
      const fresh = new SketchBank(cells, mapping, bits);
      for (let cell = 0; cell < cells; cell++) {
        const values = Float64Array.from({ length: 5 }, () => Math.exp(20 * normal(rng)));
        insert(bank, cell, values);
        insert(fresh, cell, values);
      }
      expect(bytesOf(bank.encode()).equals(bytesOf(fresh.encode()))).toBe(true);
    }
  });
});

describe("SketchBank quantiles", () => {
  it("are within α of the exact type-7 quantile (relative to the bracketing order statistics)", () => {
    for (const [n, seed] of [
      [1, "q1"],
      [2, "q2"],
      [17, "q17"],
      [1000, "q1000"],
      [20_000, "q20000"],
    ] as const) {
      const cols = sample(n, seed);
      const bank = bankOf(cols, 0, n);
      const got = quantilesOf(bank, cols);
      cols.forEach((col, cell) => {
        const sorted = Float64Array.from(col).sort();
        LEVELS.forEach((q, l) => {
          const exact = type7(sorted, q);
          const bound = ALPHA * ((1 - exact.f) * Math.abs(exact.lo) + exact.f * Math.abs(exact.hi)) * (1 + 1e-12) + 1e-300;
          const est = got[cell * LEVELS.length + l]!;
          if (!(Math.abs(est - exact.value) <= bound)) {
            throw new Error(`n=${n} cell ${cell} q=${q}: sketch ${est}, exact ${exact.value}, bound ${bound}`);
          }
        });
        // The extremes are exact.
        expect(got[cell * LEVELS.length]).toBe(sorted[0]);
        expect(got[cell * LEVELS.length + LEVELS.length - 1]).toBe(sorted[n - 1]);
      });
    }
  });

  it("returns the same order statistics as @datadog/sketches-js with the cubic mapping (positive data)", () => {
    const n = 5000;
    const col = sample(n, "vs-library")[0]!;
    const bank = bankOf([col], 0, n);
    const lib = new DDSketch({ relativeAccuracy: ALPHA });
    // The library's DDSketch constructor fixes the logarithmic mapping; swap in its cubic one.
    (lib as unknown as { mapping: unknown }).mapping = new CubicallyInterpolatedMapping(ALPHA);
    for (const x of col) lib.accept(x);
    const ranks = Float64Array.from([0, 1, 7, 250, 1234, 2500, 3333, 4750, 4998, 4999]);
    const ours = new Float64Array(ranks.length);
    // Unclamped comparison: pass ±Infinity as the extremes.
    bank.orderStatistics(0, ranks, -Infinity, Infinity, ours);
    ranks.forEach((r, i) => {
      if (r === 0 || r === n - 1) return; // ours are exact there by design
      // rank r + 0.5 selects the bin of order statistic r in the library (no rounding edge).
      expect(ours[i]).toBe(lib.getValueAtQuantile((r + 0.5) / (n - 1)));
    });
  });

  it("with `integer`, rounds the order statistics before interpolating: exact type 7 rounded, below ~99", () => {
    // Cells [0, a, a + 1, 200]: levels put h between the order statistics a and a + 1, so the
    // exact quantile is a + f. Rounding only the interpolated sketch value would turn a + 0.49
    // into a + 1 where the sketch overestimates a and a + 1 (and a + 0.51 into a where it
    // underestimates); rounding each order statistic first is exact.
    const fractions = [0.25, 0.49, 0.5, 0.51, 0.75];
    const levels = fractions.map((f) => (1 + f) / 3);
    const out = new Float64Array(levels.length);
    const plain = new Float64Array(levels.length);
    let naiveWrong = 0;
    for (let a = 1; a <= 98; a++) {
      const data = [0, a, a + 1, 200];
      const bank = new SketchBank(1, mapping);
      insert(bank, 0, data);
      bank.quantiles(0, levels, 0, 200, out, true);
      bank.quantiles(0, levels, 0, 200, plain);
      levels.forEach((q, l) => {
        const exact = type7(data, q);
        expect([exact.lo, exact.hi]).toEqual([a, a + 1]);
        expect(out[l], `a = ${a}, q = ${q}`).toBe(Math.round(exact.value));
        if (Math.round(plain[l]!) !== out[l]) naiveWrong++;
      });
    }
    // The case the two-step rounding is for does occur (the test can tell them apart).
    expect(naiveWrong).toBeGreaterThan(0);
  });

  it("gives NaN for an empty cell and refuses levels outside [0, 1]", () => {
    const bank = new SketchBank(1, mapping);
    const out = new Float64Array(2);
    bank.quantiles(0, [0.5, 0.9], 0, 0, out);
    expect(Number.isNaN(out[0]) && Number.isNaN(out[1])).toBe(true);
    insert(bank, 0, [1, 2, 3]);
    expect(() => bank.quantiles(0, [1.5], 1, 3, out)).toThrow(RangeError);
  });
});
