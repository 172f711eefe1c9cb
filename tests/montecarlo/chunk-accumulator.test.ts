/**
 * ChunkAccumulator.foldChunk against a naive oracle written here: per cell, the values in
 * path order give the count, the sum (added in path order), the shifted second moment
 * (shift = the chunk's first finite value), min, max and one sketch count per value
 * (key of |x − origin| in the positive or negative store, or the zero bin). The fold must
 * match it bit for bit, including the cells it treats without a per-row loop (every row
 * the same finite value: zeros, −0 mixed with 0, negatives, a value equal to the origin)
 * and the cells whose column repeats the previous cell's (same moments and keys: reused).
 * A seeded random test draws adversarial columns (values over the whole double range, all
 * above the origin or not, repeats, NaN runs, ±0, subnormals, the edge 2^−1022, negatives,
 * constants, copies of the previous column) for the fold's special paths: its keys are a
 * copy of cubicKey's formula, and cells whose values are all above the origin take a
 * loop of their own (chunk-accumulator.ts sketchPositive).
 */
import { describe, expect, it } from "vitest";
import { ChunkAccumulator, foldKeyForTests, NonFiniteValueError } from "../../src/montecarlo/chunk-accumulator.js";
import { layoutShape, sketchMask, sketchOrigins, type RecordLayout } from "../../src/montecarlo/layout.js";
import { SketchBank } from "../../src/montecarlo/sketch-bank.js";
import { CubicMapping, cubicKey, MIN_INDEXABLE, SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";

const ROWS = 8;

/** Three series on two dates (one with an origin, one without sketch), two scalars, no epochs. */
const layout: RecordLayout = {
  grid: Float64Array.of(0, 86_400),
  series: [
    { entity: "a", metric: "x", unit: "1" },
    { entity: "a", metric: "y", unit: "1", origin: 5 },
    { entity: "a", metric: "z", unit: "1", quantiles: false },
  ],
  scalars: [
    { entity: "a", metric: "s", unit: "1" },
    { entity: "a", metric: "t", unit: "1", origin: -2 },
  ],
  epochFields: [],
  maxEpochs: 0,
  events: [{ name: "s > 1", scalar: { entity: "a", metric: "s" }, op: ">", threshold: 1 }],
};

/** Column patterns (one value per row), cycled over the layout's cells. */
const PATTERNS: readonly (readonly number[])[] = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [-0, 0, -0, 0, 0, -0, 0, 0],
  [5, 5, 5, 5, 5, 5, 5, 5], // equal to the origin of series y: all in the zero bin there
  [-3.25, -3.25, -3.25, -3.25, -3.25, -3.25, -3.25, -3.25],
  [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], // a sum of copies that rounds
  [1e-310, 1e-310, 1e-310, 1e-310, 1e-310, 1e-310, 1e-310, 1e-310], // subnormal: zero bin
  [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN],
  [NaN, 2, 2, 2, 2, 2, 2, 2], // constant but for an undefined row: the general loop
  [2, 2, 2, 2, 2, 2, 2, 2.000000000000001],
  [1, -1, 0, 7.5, -2e-9, 3, NaN, 1e12],
  [0.3, 0.7, 1.9, 0.3, 0.3, 4.4, 0.3, 0.3],
  [6, 7.5, 1e300, 2 ** -1022, 3, 3, 5.5, 1e-300], // all positive (above every origin but 5), the smallest exactly 2^−1022
  [9, 9, 6.25, 9, 1e15, 9, 5 + 2 ** -50, 11], // all above the origin 5 of series y
  [NaN, 8, NaN, 8, 0.5, NaN, 700, 8], // positive with NaN rows
];

/** Pairs of columns equal but for the sign of a zero (a fold reusing one for the other would get the extremes wrong). */
const SIGNED_ZEROS: readonly (readonly number[])[] = [
  [1, -0, 2, NaN, 0, 3, 1, 1],
  [1, 0, 2, NaN, 0, 3, 1, 1],
  [-0, 1, NaN, 2, 2, 2, 2, 2],
  [0, 1, NaN, 2, 2, 2, 2, 2],
];

/** Cell c gets pattern pick(c) of `patterns` (cycled). */
function fillRows(acc: ChunkAccumulator, shift: number, pick = (c: number) => c + shift, patterns = PATTERNS): void {
  const cells = acc.cells;
  for (let p = 0; p < ROWS; p++) {
    for (let c = 0; c < cells; c++) acc.rows[p * cells + c] = patterns[pick(c) % patterns.length]![p]!;
  }
}


/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An adversarial column of `rows` values for a cell with sketch origin `origin`; `prev` is
 * the previous cell's column (copied by one kind, so that the fold reuses its keys).
 */
function randomColumn(u: () => number, rows: number, origin: number, prev: readonly number[] | null): number[] {
  const anyExponent = (): number => (1 + u()) * 2 ** (Math.floor(u() * 2046) - 1022); // 2^−1022 … < 2^1024
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)]!;
  const edge = [2 ** -1022, 2 ** -1022 - 2 ** -1074, 2 ** -1074, 1e-310, -(2 ** -1022), -1e-310, 0, -0];
  const col: number[] = [];
  const kind = Math.floor(u() * 9);
  const pool = [origin + anyExponent(), origin + 1 + u(), origin + u() * 1e6, origin + 2 ** -40];
  for (let p = 0; p < rows; p++) {
    let x: number;
    switch (kind) {
      case 0: // above the origin, anywhere in the double range (sums may overflow: not refused)
        x = origin + anyExponent();
        break;
      case 1: // above the origin, a few values repeated
        x = pick(pool);
        break;
      case 2: // above the origin, NaN runs
        x = p < rows / 3 || u() < 0.3 ? NaN : pick(pool);
        break;
      case 3: // everything mixed
        x = pick([NaN, 0, -0, origin, -anyExponent(), anyExponent(), pick(edge), pick(pool), -(1 + u())]);
        break;
      case 4: // edges of the zero bin (relative to 0, so also below an origin)
        x = pick(edge);
        break;
      case 5: // below the origin
        x = origin - 1 - u() * 1e3;
        break;
      case 6: // constant
        x = col.length > 0 ? col[0]! : pick([0, -0, origin, 1e-310, -3.5, pick(pool)]);
        break;
      case 7: // the previous cell's column
        x = prev === null ? pick(pool) : prev[p]!;
        break;
      default: // above the origin but for one value at it or below
        x = p === rows - 1 ? pick([origin, origin - 1, 0, 1e-310]) : pick(pool);
        break;
    }
    col.push(x);
  }
  return col;
}

interface Oracle {
  n: Float64Array;
  sum: Float64Array;
  m2: Float64Array;
  min: Float64Array;
  max: Float64Array;
  bank: SketchBank;
}

/** The naive fold of several chunks of `rowsUsed` rows, batch state carried over. */
function oracle(chunks: readonly Float64Array[], cells: number, rowsUsed: number): Oracle {
  const mapping = new CubicMapping(SKETCH_RELATIVE_ACCURACY);
  const mask = sketchMask(layout);
  const origins = sketchOrigins(layout);
  const o: Oracle = {
    n: new Float64Array(cells),
    sum: new Float64Array(cells),
    m2: new Float64Array(cells),
    min: new Float64Array(cells).fill(Infinity),
    max: new Float64Array(cells).fill(-Infinity),
    bank: new SketchBank(cells, mapping, 16),
  };
  for (const rows of chunks) {
    for (let c = 0; c < cells; c++) {
      const xs: number[] = [];
      for (let p = 0; p < rowsUsed; p++) {
        const x = rows[p * cells + c]!;
        if (!Number.isNaN(x)) xs.push(x);
      }
      let sum = 0;
      let s1 = 0;
      let s2 = 0;
      for (const x of xs) {
        sum += x;
        const d = x - xs[0]!;
        s1 += d;
        s2 += d * d;
        if (x < o.min[c]!) o.min[c] = x;
        if (x > o.max[c]!) o.max[c] = x;
        if (mask[c] !== 1) continue;
        const y = x - origins[c]!;
        if (Math.abs(y) < MIN_INDEXABLE) {
          o.bank.zero[c] = o.bank.zero[c]! + 1;
          continue;
        }
        const store = y > 0 ? 2 * c : 2 * c + 1;
        const k = mapping.key(Math.abs(y));
        const bins = o.bank.reserve(store, k, k);
        const i = k - o.bank.offsetOf(store);
        bins[i] = bins[i]! + 1;
      }
      const m2 = xs.length > 0 ? s2 - (s1 * s1) / xs.length : 0;
      o.n[c] = xs.length;
      o.sum[c] = sum;
      o.m2[c] = m2 > 0 ? m2 : 0;
    }
  }
  return o;
}

/** Index of the first entry where a and b differ (or of the shorter one's end), −1 when equal. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function bits(a: ArrayLike<number>): string[] {
  return Array.from(a, (x) => (Object.is(x, -0) ? "-0" : String(x)));
}

/** The next double above x > 0 (x finite). */
function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const b = new BigUint64Array(f.buffer);
  b[0] = b[0]! + 1n;
  return f[0]!;
}

/** The next double below x > 0. */
function nextDown(x: number): number {
  const f = new Float64Array([x]);
  const b = new BigUint64Array(f.buffer);
  b[0] = b[0]! - 1n;
  return f[0]!;
}

describe("the fold's copy of cubicKey", () => {
  it("gives cubicKey's key bit for bit: random values over the whole range, bin edges and their neighbours", () => {
    const mapping = new CubicMapping(SKETCH_RELATIVE_ACCURACY);
    const m = mapping.multiplier;
    const u = random(7);
    const xs: number[] = [MIN_INDEXABLE, nextUp(MIN_INDEXABLE), Number.MAX_VALUE, 1, nextDown(1), nextUp(1), 2, 0.5];
    for (let i = 0; i < 20_000; i++) xs.push((1 + u()) * 2 ** (Math.floor(u() * 2046) - 1022));
    // The upper bounds of bins (where the key changes) and the doubles next to them, where a
    // formula that differs in the last bit would give another key.
    for (let i = 0; i < 4_000; i++) {
      const k = Math.floor((u() * 2 - 1) * 100_000);
      const edge = mapping.upperBound(k);
      if (!(edge >= MIN_INDEXABLE && edge < Number.MAX_VALUE)) continue;
      xs.push(edge, nextUp(edge), nextDown(edge), nextUp(nextUp(edge)), nextDown(nextDown(edge)));
    }
    let differ = 0;
    for (const x of xs) if (foldKeyForTests(x, m) !== cubicKey(x, m)) differ++;
    expect(differ).toBe(0);
    expect(xs.length).toBeGreaterThan(30_000);
  });
});

describe("ChunkAccumulator.foldChunk", () => {
  const cells = layoutShape(layout).cells;

  /** The accumulator after folding `chunks` (full chunks, in order) equals the naive fold bit for bit: the leaf holds the last chunk's moments; extremes and sketches the whole batch's. */
  function expectNaiveFold(acc: ChunkAccumulator, chunks: Float64Array[]): void {
    const last = oracle(chunks.slice(-1), cells, ROWS);
    const all = oracle(chunks, cells, ROWS);
    expect(bits(acc.leaf.n)).toEqual(bits(last.n));
    expect(bits(acc.leaf.sum)).toEqual(bits(last.sum));
    expect(bits(acc.leaf.m2)).toEqual(bits(last.m2));
    expect(bits(acc.min)).toEqual(bits(all.min));
    expect(bits(acc.max)).toEqual(bits(all.max));
    const got = acc.sketch.encode();
    const want = all.bank.encode();
    expect(bits(got.zero)).toEqual(bits(want.zero));
    expect(Array.from(got.lo)).toEqual(Array.from(want.lo));
    expect(Array.from(got.len)).toEqual(Array.from(want.len));
    // The first differing count (−1: none); windows over the whole double range hold ~10^5 counts, too many for toEqual's diff.
    expect(firstDifference(got.counts, want.counts)).toBe(-1);
  }

  it("matches the naive fold bit for bit, constant columns included, over several chunks", () => {
    // Every pattern lands on every kind of cell (sketched or not, with or without origin).
    for (let shift = 0; shift < PATTERNS.length; shift++) {
      const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
      const chunks: Float64Array[] = [];
      for (let j = 0; j < 3; j++) {
        fillRows(acc, shift + j);
        chunks.push(Float64Array.from(acc.rows));
        acc.foldChunk(ROWS);
      }
      expectNaiveFold(acc, chunks);
    }
  });

  it("matches the naive fold when cells repeat the previous cell's column, across fields too", () => {
    // Runs of 2 or 3 equal columns: within a series (the next date), from one field to the
    // next (another origin, a field without sketch, a scalar), and columns that differ only
    // in the sign of a zero.
    for (const patterns of [PATTERNS, SIGNED_ZEROS]) {
      for (const run of [2, 3]) {
        for (let shift = 0; shift < run * patterns.length; shift++) {
          const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
          const chunks: Float64Array[] = [];
          for (let j = 0; j < 2; j++) {
            fillRows(acc, 0, (c) => Math.floor((c + shift + j) / run), patterns);
            chunks.push(Float64Array.from(acc.rows));
            acc.foldChunk(ROWS);
          }
          expectNaiveFold(acc, chunks);
        }
      }
    }
  });

  it("matches the naive fold bit for bit on random adversarial columns", () => {
    const origins = sketchOrigins(layout);
    for (let seed = 1; seed <= 100; seed++) {
      const u = random(seed);
      const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
      const chunks: Float64Array[] = [];
      for (let j = 0; j < 3; j++) {
        let prev: number[] | null = null;
        for (let c = 0; c < cells; c++) {
          const col = randomColumn(u, ROWS, origins[c]!, prev);
          for (let p = 0; p < ROWS; p++) acc.rows[p * cells + c] = col[p]!;
          prev = col;
        }
        chunks.push(Float64Array.from(acc.rows));
        acc.foldChunk(ROWS);
      }
      expectNaiveFold(acc, chunks);
    }
  });

  it("folds only the rows used, and a one-row chunk", () => {
    for (const used of [1, 3]) {
      const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
      fillRows(acc, 0);
      const rows = Float64Array.from(acc.rows);
      acc.foldChunk(used);
      const want = oracle([rows], cells, used);
      expect(bits(acc.leaf.n)).toEqual(bits(want.n));
      expect(bits(acc.leaf.sum)).toEqual(bits(want.sum));
      expect(bits(acc.min)).toEqual(bits(want.min));
      expect(Array.from(acc.sketch.encode().counts)).toEqual(Array.from(want.bank.encode().counts));
    }
  });

  it("refuses ±Infinity, also in a column that is otherwise constant", () => {
    const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
    acc.rows.fill(0);
    acc.rows[3 * cells + 2] = Infinity;
    expect(() => acc.foldChunk(ROWS)).toThrow(NonFiniteValueError);
    const all = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
    all.rows.fill(-Infinity);
    expect(() => all.foldChunk(ROWS)).toThrow(NonFiniteValueError);
  });

  it("names the first row holding ±Infinity, with NaN and finite values around it, and leaves the cell's batch state alone", () => {
    // The cell's batch state after the refusal: extremes, sketch total and leaf count untouched.
    const untouched = { min: Infinity, max: -Infinity, total: 0, n: 0 };
    const refused = (fill: (acc: ChunkAccumulator) => void): { row: number; cell: number; value: number } & typeof untouched => {
      const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
      for (let p = 0; p < ROWS; p++) acc.rows[p * cells + 2] = p; // a non-constant column
      fill(acc);
      try {
        acc.foldChunk(ROWS);
      } catch (err) {
        if (!(err instanceof NonFiniteValueError)) throw err;
        return { row: err.row, cell: err.cell, value: err.value, min: acc.min[2]!, max: acc.max[2]!, total: acc.sketch.total(2), n: acc.leaf.n[2]! };
      }
      throw new Error("not refused");
    };
    const at = (acc: ChunkAccumulator, p: number, x: number): void => {
      acc.rows[p * cells + 2] = x;
    };
    // +∞ then −∞ (the sum is NaN); the first of them is named.
    expect(refused((a) => (at(a, 5, Infinity), at(a, 9, -Infinity)))).toEqual({ row: 5, cell: 2, value: Infinity, ...untouched });
    // −∞ in the first row after NaN rows.
    expect(refused((a) => (at(a, 0, NaN), at(a, 1, NaN), at(a, 2, -Infinity)))).toEqual({ row: 2, cell: 2, value: -Infinity, ...untouched });
    // In the last row, after values whose sum would overflow by itself.
    expect(refused((a) => (at(a, 0, 1.7e308), at(a, 1, 1.7e308), at(a, ROWS - 1, Infinity)))).toEqual({
      row: ROWS - 1,
      cell: 2,
      value: Infinity,
      ...untouched,
    });
    // In a column whose other values are all above the cell's origin (5).
    expect(refused((a) => { for (let p = 0; p < ROWS; p++) at(a, p, 6 + p); at(a, 4, Infinity); })).toEqual({ row: 4, cell: 2, value: Infinity, ...untouched });
    // Finite values whose sum overflows are not refused (the sum is +Infinity, as before).
    const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
    for (let p = 0; p < ROWS; p++) acc.rows[p * cells + 2] = p < 2 ? 1.7e308 : 1;
    acc.foldChunk(ROWS);
    expect(acc.leaf.sum[2]).toBe(Infinity);
    expect(acc.max[2]).toBe(1.7e308);
  });

  it("counts events per row", () => {
    const acc = new ChunkAccumulator(layout, ROWS, SKETCH_RELATIVE_ACCURACY, 16);
    fillRows(acc, 3); // the scalar s gets the mixed pattern [1, −1, 0, 7.5, …]
    const s = layoutShape(layout).scalarOffset;
    let want = 0;
    for (let p = 0; p < ROWS; p++) if (acc.rows[p * cells + s]! > 1) want++;
    expect(want).toBeGreaterThan(0);
    acc.foldChunk(ROWS);
    expect(acc.events[0]).toBe(want);
  });
});
