/**
 * The worker's hot loop: folds one chunk of path records into moments, extremes, event
 * counts and quantile sketches.
 *
 * The path function writes each path of a chunk into its own row of a chunk-sized buffer
 * (rows × cells float64, reused). After the chunk, one pass per cell reads that cell down
 * the rows in path order: the running sums live in registers (no array traffic per value),
 * the rows of neighbouring cells share cache lines, and the cell's sketch keys go to a
 * small scratch array that is then counted into the cell's bins in one tight loop. The
 * per-path alternative (update 35,000 accumulators and bin arrays after each path) measured
 * ~100 ns per cell here, 3–5× slower: each path touches every cell's bins, a cache miss each.
 *
 * Measured cost (Node 20, this 2-vCPU machine, CPU time, a 35,850-cell layout of
 * 100 series × 350 dates + 50 scalars + 5 × 160 epoch cells): ~7–8 ns per cell and path for
 * count, sums and extremes; ~20–25 ns for a cell with a quantile sketch (the key alone is
 * ~4–7 ns; reading down the rows and the bookkeeping take the rest). Blocked transposes
 * made no measurable difference. Memory: the rows buffer is chunkSize × cells float64
 * (18 MB for 64 × 35,850), plus the sketches' bin windows.
 *
 * Later (fourth session, the baseline's 48,292-cell layout, instruction counts under
 * valgrind, which the machine's load does not move): 148 instructions per cell and path
 * before, 125.5 after two changes. (1) A column whose rows all hold one finite value (29%
 * of the baseline's cells over 256 paths: mostly zeros of miners without AI, DR or
 * curtailment) is folded without a key per row ({@link ChunkAccumulator.foldConstant}).
 * (2) The sketch keys are computed in a second, short loop over the cell's values with the
 * key's module constant and multiplier read once as unboxed numbers: V8's optimised code
 * had re-checked both for every value (two passes alone changed nothing measurable). Bench
 * fold.mjs, alternating builds on the loaded machine: 22.5–25.2 → 17.3–21.9 ns per cell and
 * path.
 *
 * Tried and dropped (fifth session, same records; the keys and counts were identical):
 * a one-entry key cache in {@link ChunkAccumulator.sketchValues} (a value equal to the
 * previous non-zero value of the cell reuses its key: 27% of the non-zero values of
 * non-constant sketched cells over 512 paths) counted 124.1 → 125.8 instructions per cell and
 * path and measured no faster (fold.mjs-style A/B, 0.998); counting a key straight into the
 * window when it falls inside (deferring only the others until reserve) measured 8% slower
 * in the same A/B (21.8 → 23.6 ns, every round), presumably because the bin increments'
 * cache misses then stall the key loop; touching the next cells' bins ahead of their fold
 * (a software prefetch) gave 0.94–1.06, noise.
 *
 * Sixth session: a column equal, row for row, to the previous cell's (15.7% of the
 * baseline's non-constant, not-all-NaN sketched cells of a 64-path chunk: step series such
 * as MW by state, the same series on the previous grid date) reuses that cell's moments,
 * extremes and sketch keys ({@link ChunkAccumulator.sameAsPrevious}); only the counting
 * into its own stores remains. Instructions under valgrind (the fold, clearRow, the copy of
 * the rows and the batch end, 8 distinct chunks of the baseline, 16-bit bank): 131.0 →
 * 125.9 per cell and path. (The key state first went to number fields; their empty
 * ranges ±0x7fffffff are not small integers for V8 and the fold measured 1.37× slower, so
 * it lives in an Int32Array.)
 *
 * Seventh session: pass 1 finds the shift before its loop and checks for ±Infinity once per
 * cell, on the sum ({@link ChunkAccumulator.refuseNonFinite}), instead of two tests per
 * value: 373.3 → 353.3 M instructions per fold of a 64-path baseline chunk (valgrind, 16-bit
 * bank, rows copy included). The sketch bank's windows moved into one arena (sketch-bank.ts
 * reserve), which took the window allocations out of the fold's first batches. Tried and
 * dropped: keys by table lookup (a byte per 2^−12 of each binade's significand, exact where
 * a bucket's values all share one key, the formula elsewhere; the keys were identical):
 * 371.3 → 402.2 M instructions per fold (+8%; V8 inlined the fallback into the key loop),
 * and no faster in CPU time on the loaded machine.
 *
 * Eighth session (CPU time: the machine was shared, so alternating rounds of the fold on
 * baseline records in one process, bench/fold.mjs-style): (1) the fold computes its keys
 * with {@link sketchKey}, a module-local copy of cubicKey: V8's optimised code read the
 * imported function from its module cell, with a hole check and an identity check, at every
 * value. (2) A cell whose values are all ≥ 2^−1022 above its origin (54% of the values of
 * the baseline's general cells) takes {@link ChunkAccumulator.sketchPositive}, a key loop
 * with no sign or zero branches and half the live variables. Paired rounds against the
 * session's start: 0.90–0.96 (median 0.95). Ablations on the same records (not kept; they
 * show where the time goes): no sketch at all ~0.45 of the fold, keys without counting
 * ~0.80–0.89, counting into a 2,048-entry L1 table instead of the arena 0.97 (so the
 * arena's cache misses cost little: the count loop's instructions do). Tried and dropped,
 * same A/B: a one-entry key cache (0.96–0.97, no better than without it once the key is
 * inlined); the keys in pass 1's loop (one loop for moments and keys: 0.98, noise);
 * counting straight into the arena in the key loop, the window reserved from the keys of
 * the cell's extremes (1.02); counting runs of equal keys as one increment (1.03–1.08).
 *
 * Order matters only for the sums: within a chunk they are added in path order, which is
 * what makes the chunk's moments a function of the chunk alone (see summation-tree.ts).
 */
import { SketchBank } from "./sketch-bank.js";
import { CUBIC_KEY_PARTS, CubicMapping, MIN_INDEXABLE } from "./sketch-mapping.js";
import { compileEvents, eventHolds, layoutShape, sketchMask, sketchOrigins, type CompiledEvents, type PathRecord, type RecordLayout } from "./layout.js";
import { emptyMoments, type Moments } from "./moments.js";

/** Smallest |value − origin| with a key of its own (sketch-mapping.ts MIN_INDEXABLE), module-local: see {@link sketchKey}. */
const MIN_KEYED = MIN_INDEXABLE;

// The scratch and constants of sketchKey: cubicKey's own (sketch-mapping.ts), read once
// into module-local consts, which V8 folds into the optimised code.
const { f64: KEY_F64, u32: KEY_U32, hi: KEY_HI, invPow2: KEY_INV_POW2, a: KEY_A, b: KEY_B, c: KEY_C } = CUBIC_KEY_PARTS;

/**
 * sketch-mapping.ts's cubicKey, the same operations in the same order (so the same key, bit
 * for bit: the oracle tests fold values over the whole double range against cubicKey). A
 * copy because V8's optimised fold read the imported function from its module cell and
 * checked it (a hole check and an identity check) at every value, inside the key loop; a
 * module-local function is inlined without them.
 */
function sketchKey(x: number, multiplier: number): number {
  KEY_F64[0] = x;
  const biased = KEY_U32[KEY_HI]! >>> 20;
  const s = x * KEY_INV_POW2[biased]! - 1;
  return Math.ceil((((KEY_A * s + KEY_B) * s + KEY_C) * s + (biased - 1023)) * multiplier) | 0;
}

/**
 * {@link sketchKey} for the tests (which check it against cubicKey). A wrapper rather than
 * exporting sketchKey itself: an exported binding lives in a module cell, which is what
 * sketchKey avoids.
 */
export function foldKeyForTests(x: number, multiplier: number): number {
  return sketchKey(x, multiplier);
}

/** A path wrote ±Infinity: not a value and not "undefined" (NaN). Carries row and cell. */
export class NonFiniteValueError extends Error {
  override readonly name = "NonFiniteValueError";
  constructor(
    readonly row: number,
    readonly cell: number,
    readonly value: number,
  ) {
    super(`value ${value} in row ${row}, cell ${cell}`);
  }
}

export class ChunkAccumulator {
  readonly cells: number;
  /** Row p holds the record of the chunk's p-th path: cells values, NaN where undefined. */
  readonly rows: Float64Array;
  /** Views on each row, in the layout's blocks (series, scalars, epochs). */
  readonly records: readonly PathRecord[];
  /** Moments of the last folded chunk (overwritten by the next {@link foldChunk}). */
  readonly leaf: Moments;
  /** Batch minimum per cell, +Infinity where no value yet. */
  readonly min: Float64Array;
  /** Batch maximum per cell, −Infinity where no value yet. */
  readonly max: Float64Array;
  /** Batch count of paths satisfying each named event. */
  readonly events: Float64Array;
  /** Batch sketches. */
  readonly sketch: SketchBank;
  private readonly mask: Uint8Array;
  /** Sketch origin per cell (FieldSpec.origin): the sketch holds value − origin. */
  private readonly origins: Float64Array;
  private readonly multiplier: number;
  /** The finite values of the cell being folded, in path order (pass 1 → pass 2). */
  private readonly values: Float64Array;
  private readonly posKeys: Int32Array;
  private readonly negKeys: Int32Array;
  private readonly compiled: CompiledEvents;
  /**
   * Of the last {@link sketchValues} (or {@link sketchPositive}): np, nn (posKeys[0, np), negKeys[0, nn) hold its keys),
   * zeros, and the key ranges pMin, pMax, nMin, nMax. (An Int32Array: the ranges' empty
   * values ±0x7fffffff are no small integers for V8, and fields holding them changed
   * representation.)
   */
  private readonly keyState = new Int32Array(7);

  constructor(
    layout: RecordLayout,
    readonly chunkSize: number,
    relativeAccuracy: number,
    /** Width of the sketch counts: 16 when a batch never exceeds 65,535 paths (SketchBank). */
    countBits: 16 | 32 = 32,
  ) {
    const shape = layoutShape(layout);
    const cells = shape.cells;
    this.cells = cells;
    this.rows = new Float64Array(chunkSize * cells).fill(NaN);
    const records: PathRecord[] = [];
    for (let p = 0; p < chunkSize; p++) {
      const row = this.rows.subarray(p * cells, (p + 1) * cells);
      records.push({
        grid: layout.grid,
        series: row.subarray(0, shape.scalarOffset),
        scalars: row.subarray(shape.scalarOffset, shape.epochOffset),
        epochs: row.subarray(shape.epochOffset, cells),
      });
    }
    this.records = records;
    this.leaf = emptyMoments(cells);
    this.min = new Float64Array(cells);
    this.max = new Float64Array(cells);
    this.events = new Float64Array(layout.events.length);
    const mapping = new CubicMapping(relativeAccuracy);
    this.multiplier = mapping.multiplier;
    this.sketch = new SketchBank(cells, mapping, countBits);
    this.mask = sketchMask(layout);
    this.origins = sketchOrigins(layout);
    this.values = new Float64Array(chunkSize);
    this.posKeys = new Int32Array(chunkSize);
    this.negKeys = new Int32Array(chunkSize);
    this.compiled = compileEvents(layout);
    this.beginBatch();
  }

  /** Resets the batch-level extremes, event counts and sketches. */
  beginBatch(): void {
    this.min.fill(Infinity);
    this.max.fill(-Infinity);
    this.events.fill(0);
    this.sketch.clear();
  }

  /** Sets row p to NaN (call before the path function writes it). */
  clearRow(p: number): void {
    this.rows.fill(NaN, p * this.cells, (p + 1) * this.cells);
  }

  /**
   * Folds rows [0, rowsUsed) (paths in index order): writes the chunk's moments to
   * {@link leaf} and adds to the batch extremes, events and sketches. Throws
   * {@link NonFiniteValueError} on ±Infinity (before changing the batch state of that cell).
   */
  foldChunk(rowsUsed: number): void {
    const N = this.cells;
    const buf = this.rows;
    const { n: leafN, sum: leafSum, m2: leafM2 } = this.leaf;
    const { min, max, mask, values } = this;
    // Whether cell c − 1 went through the general loop below: then values (and, when it is
    // sketched, the keys) hold its results, and prevLo/prevHi its chunk extremes.
    let prevGeneral = false;
    let prevLo = Infinity;
    let prevHi = -Infinity;
    for (let c = 0; c < N; c++) {
      if (rowsUsed > 0 && this.foldConstant(c, rowsUsed)) {
        prevGeneral = false;
        continue;
      }
      if (prevGeneral && this.sameAsPrevious(c, rowsUsed)) {
        // The rows of c hold, row for row, the values of c − 1 (see sameAsPrevious): the
        // same values in the same order give the same moments, extremes and keys.
        leafN[c] = leafN[c - 1]!;
        leafSum[c] = leafSum[c - 1]!;
        leafM2[c] = leafM2[c - 1]!;
        if (prevLo < min[c]!) min[c] = prevLo;
        if (prevHi > max[c]!) max[c] = prevHi;
        const n = leafN[c]!;
        if (n > 0 && mask[c] === 1) {
          if (mask[c - 1] === 1 && this.origins[c - 1] === this.origins[c]) this.countKeys(c);
          else this.sketchValues(c, n);
        }
        continue;
      }
      // Pass 1: moments and extremes, and the cell's finite values in path order (for the
      // sketch, pass 2). Two short loops keep their variables in registers; one loop doing
      // both spilled most of them to the stack (read off V8's optimised code).
      let n = 0;
      let sum = 0;
      let s1 = 0;
      let s2 = 0;
      // The chunk's extremes (merged into the batch's below: the same result, ties
      // included, as starting from the batch's).
      let lo = Infinity;
      let hi = -Infinity;
      // The shift of the shifted sums is the first value (rows before it are NaN), found
      // before the loop so that the loop does not test for it at every value.
      let p0 = 0;
      let i0 = c;
      while (p0 < rowsUsed && buf[i0] !== buf[i0]) {
        p0++;
        i0 += N;
      }
      const shift = p0 < rowsUsed ? buf[i0]! : 0;
      for (let p = p0, i = i0; p < rowsUsed; p++, i += N) {
        const x = buf[i]!;
        if (x !== x) continue;
        const d = x - shift;
        sum += x;
        s1 += d;
        s2 += d * d;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        values[n++] = x;
      }
      // ±Infinity is refused: it makes the sum ±Infinity or NaN, and so does nothing else but
      // an overflow of finite values (then nothing is refused, as before). Checked once per
      // cell instead of at every value, before the batch state changes.
      if (sum - sum !== 0) this.refuseNonFinite(c, rowsUsed);
      leafN[c] = n;
      leafSum[c] = sum;
      const m2 = n > 0 ? s2 - (s1 * s1) / n : 0;
      leafM2[c] = m2 > 0 ? m2 : 0;
      if (lo < min[c]!) min[c] = lo;
      if (hi > max[c]!) max[c] = hi;
      prevGeneral = true;
      prevLo = lo;
      prevHi = hi;
      if (n > 0 && mask[c] === 1) {
        // lo is the smallest value, so every value's key is a positive one: the short loop.
        if (lo - this.origins[c]! >= MIN_KEYED) this.sketchPositive(c, n);
        else this.sketchValues(c, n);
      }
    }
    const { cell, op, threshold } = this.compiled;
    const events = this.events;
    for (let p = 0; p < rowsUsed; p++) {
      const base = p * N;
      for (let e = 0; e < cell.length; e++) {
        if (eventHolds(op[e]!, buf[base + cell[e]!]!, threshold[e]!)) events[e] = events[e]! + 1;
      }
    }
  }

  /** Throws {@link NonFiniteValueError} for the first row of column c holding ±Infinity, if any. */
  private refuseNonFinite(c: number, rowsUsed: number): void {
    const N = this.cells;
    for (let p = 0, i = c; p < rowsUsed; p++, i += N) {
      const x = this.rows[i]!;
      if (x === Infinity || x === -Infinity) throw new NonFiniteValueError(p, c, x);
    }
  }

  /**
   * Pass 2 of {@link foldChunk} for a sketched cell: the keys of its n values
   * ({@link values}) relative to the cell's origin, then one reservation per store and a
   * count per value. The counts (integers) do not depend on the order of the values.
   */
  private sketchValues(c: number, n: number): void {
    const { values, posKeys, negKeys } = this;
    // Read once as unboxed numbers: an imported constant and a field used in the loop are
    // otherwise re-checked for every value (read off V8's optimised code).
    const multiplier = this.multiplier * 1;
    const minIndexable = MIN_KEYED * 1;
    const origin = this.origins[c]!;
    let np = 0;
    let nn = 0;
    let zeros = 0;
    let pMin = 0x7fffffff;
    let pMax = -0x7fffffff;
    let nMin = 0x7fffffff;
    let nMax = -0x7fffffff;
    for (let j = 0; j < n; j++) {
      const y = values[j]! - origin;
      if (y >= minIndexable) {
        const k = sketchKey(y, multiplier);
        posKeys[np++] = k;
        if (k < pMin) pMin = k;
        if (k > pMax) pMax = k;
      } else if (y <= -minIndexable) {
        const k = sketchKey(-y, multiplier);
        negKeys[nn++] = k;
        if (k < nMin) nMin = k;
        if (k > nMax) nMax = k;
      } else {
        zeros++;
      }
    }
    const state = this.keyState;
    state[0] = np;
    state[1] = nn;
    state[2] = zeros;
    state[3] = pMin;
    state[4] = pMax;
    state[5] = nMin;
    state[6] = nMax;
    this.countKeys(c);
  }

  /**
   * {@link sketchValues} for a cell whose n values are all ≥ {@link MIN_KEYED} above its
   * origin (the caller checked the smallest): every key goes to the positive store. The
   * general loop's sign and zero branches and the negative store's count and range are
   * left out, which keeps the loop's variables in registers (the general one spills some).
   * Sets the same key state as sketchValues would.
   */
  private sketchPositive(c: number, n: number): void {
    const { values, posKeys } = this;
    const multiplier = this.multiplier * 1; // unboxed once (see sketchValues)
    const origin = this.origins[c]!;
    let pMin = 0x7fffffff;
    let pMax = -0x7fffffff;
    for (let j = 0; j < n; j++) {
      const k = sketchKey(values[j]! - origin, multiplier);
      posKeys[j] = k;
      if (k < pMin) pMin = k;
      if (k > pMax) pMax = k;
    }
    const state = this.keyState;
    state[0] = n;
    state[1] = 0;
    state[2] = 0;
    state[3] = pMin;
    state[4] = pMax;
    state[5] = 0x7fffffff;
    state[6] = -0x7fffffff;
    this.countKeys(c);
  }

  /** Counts the keys of the last {@link sketchValues} (or {@link sketchPositive}) into cell c's stores. */
  private countKeys(c: number): void {
    const { posKeys, negKeys, sketch, keyState } = this;
    const np = keyState[0]!;
    const nn = keyState[1]!;
    const zeros = keyState[2]!;
    if (np > 0) {
      const bins = sketch.reserve(2 * c, keyState[3]!, keyState[4]!);
      const off = sketch.offsetOf(2 * c);
      for (let j = 0; j < np; j++) {
        const i = posKeys[j]! - off;
        bins[i] = bins[i]! + 1;
      }
    }
    if (nn > 0) {
      const bins = sketch.reserve(2 * c + 1, keyState[5]!, keyState[6]!);
      const off = sketch.offsetOf(2 * c + 1);
      for (let j = 0; j < nn; j++) {
        const i = negKeys[j]! - off;
        bins[i] = bins[i]! + 1;
      }
    }
    if (zeros > 0) sketch.zero[c] = sketch.zero[c]! + zeros;
  }

  /**
   * Whether column c holds, row for row, the same values as column c − 1 (NaN where it has
   * NaN; a signed zero where it has that zero, as the extremes tell −0 from 0). Both are
   * adjacent in each row, so this reads the cache lines the fold reads anyway, and a column
   * that differs usually stops at the first row.
   */
  private sameAsPrevious(c: number, rowsUsed: number): boolean {
    const N = this.cells;
    const buf = this.rows;
    for (let p = 0, i = c; p < rowsUsed; p++, i += N) {
      const x = buf[i]!;
      const y = buf[i - 1]!;
      if (x === y) {
        if (x === 0 && 1 / x !== 1 / y) return false;
      } else if (x === x || y === y) return false;
    }
    return true;
  }

  /**
   * Cell c when every one of the chunk's rows holds the same finite value (common: the
   * zeros of a miner without AI, DR or curtailment): the same moments, extremes and sketch
   * counts as the general loop, without reading the rows again or computing a key per
   * row. Returns false (and changes nothing) otherwise. Bit for bit the general loop's
   * results: its sum adds the value rowsUsed times in the same order; its shifted sums are
   * exactly 0; the sketch count of the value's bin rises by rowsUsed (an integer, also
   * modulo 2^16 in a 16-bit bank).
   */
  private foldConstant(c: number, rowsUsed: number): boolean {
    const N = this.cells;
    const buf = this.rows;
    const x0 = buf[c]!;
    if (x0 !== x0 || x0 - x0 !== 0) return false;
    for (let p = 1, i = c + N; p < rowsUsed; p++, i += N) if (buf[i] !== x0) return false;
    // The general loop's sum, x0 added rowsUsed times in order. For ±0 (82% of the baseline's
    // constant cells) that is +0 (+0 + ±0 = +0 when rounding to nearest), so the chain of
    // dependent additions, ~4 cycles each, is skipped.
    let sum = 0;
    if (x0 !== 0) for (let p = 0; p < rowsUsed; p++) sum += x0;
    this.leaf.n[c] = rowsUsed;
    this.leaf.sum[c] = sum;
    this.leaf.m2[c] = 0;
    if (x0 < this.min[c]!) this.min[c] = x0;
    if (x0 > this.max[c]!) this.max[c] = x0;
    if (this.mask[c] === 1) {
      const y = x0 - this.origins[c]!;
      const sketch = this.sketch;
      if (y >= MIN_KEYED || y <= -MIN_KEYED) {
        const store = y > 0 ? 2 * c : 2 * c + 1;
        const k = sketchKey(y > 0 ? y : -y, this.multiplier);
        const bins = sketch.reserve(store, k, k);
        const i = k - sketch.offsetOf(store);
        bins[i] = bins[i]! + rowsUsed;
      } else {
        sketch.zero[c] = sketch.zero[c]! + rowsUsed;
      }
    }
    return true;
  }
}
