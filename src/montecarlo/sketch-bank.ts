/**
 * A bank of DDSketches, one per cell, in typed arrays: bin counts that merge exactly.
 *
 * Each cell has a positive store (bins of x > 0 by key), a negative store (bins of −x for
 * x < 0) and a zero count; store s = 2·cell + sign (sign 0 positive, 1 negative). A store
 * is a dense window of counts over a range of keys that grows when a key falls outside it;
 * all windows live in one typed array, the arena (see {@link SketchBank.reserve}). Merging
 * adds counts, which is exact for integers: the merged counts — hence every quantile and the
 * canonical encoding — do not depend on merge order or grouping.
 *
 * Why not @datadog/sketches-js's DDSketch objects (which this follows, see sketch-mapping.ts):
 * its 2.1.1 `merge` forgets the negative store (DataDog/sketches-js issue #22, reproduced
 * here), its `toProto` needs protobufjs (not a dependency here), its encoding depends on
 * the history of bin-window moves, and one object of JS arrays per cell (35,000 cells)
 * costs a pointer chase and a protobuf decode per cell and batch in the main thread.
 *
 * ## Quantile definition
 *
 * For the n finite values x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ of a cell, the quantile at level q is
 * Hyndman & Fan's type 7 (R's default): with h = q·(n−1), f = h − ⌊h⌋,
 * Q = x₍⌊h⌋₎ + f·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎). The sketch computes it on estimated order statistics
 * x̂₍ᵣ₎: the representative of the bin holding the r-th smallest value, clamped to the exact
 * [min, max], and exactly min for r = 0 and max for r = n−1. Each |x̂₍ᵣ₎ − x₍ᵣ₎| ≤ α·|x₍ᵣ₎|
 * (α = relative accuracy), so |Q̂ − Q| ≤ α·((1−f)·|x₍⌊h⌋₎| + f·|x₍⌈h⌉₎|), which is α·|Q|
 * when the two order statistics have the same sign. Values with |x| < 2^−1022 are counted
 * as 0 (exactly represented).
 *
 * ## Integer fields
 *
 * With `integer` (FieldSpec.integer: counts, 0/1 flags) each estimated order statistic is
 * rounded to the nearest integer before the interpolation, and Q̂ after it. Why that is
 * exact for small values: the true order statistic n = x₍ᵣ₎ is an integer and
 * |x̂₍ᵣ₎ − n| ≤ α·|n| ≤ α·|x̂₍ᵣ₎|/(1 − α) (clamping to the exact, integer, min and max only
 * moves x̂₍ᵣ₎ towards n). While α·|x̂₍ᵣ₎|/(1 − α) < 0.5 — |x̂₍ᵣ₎| < 0.5·(1 − α)/α ≈ 99.5 at
 * α = 0.5 % — rounding x̂₍ᵣ₎ gives n exactly, so Q̂ is the exact type-7 quantile rounded to
 * the nearest integer (halves up, Math.round), and the order statistic itself whenever
 * f = 0 or the two order statistics are equal. Above that, a rounded order statistic is an
 * integer within α·|n| + 0.5 of n, and Q̂ an integer within α·max(|x₍⌊h⌋₎|, |x₍⌈h⌉₎|) + 1 of
 * Q. Rounding the order statistics first (not only Q̂) is what makes the small case exact:
 * Q̂ = 2.49 + α-noise could round to 3 where Q = 2.49 rounds to 2. Everything above is in
 * sketch terms; with an integer origin (the layout requires one on integer fields) rounding
 * x − origin is rounding x.
 */
import { type CubicMapping } from "./sketch-mapping.js";

/** The canonical encoding of a bank: trimmed windows (first to last non-zero bin). */
export interface SketchSections {
  /** Zero-bin count per cell. */
  readonly zero: Float64Array;
  /** Key of the first count of each store (0 for an empty store), 2 per cell. */
  readonly lo: Int32Array;
  /** Number of counts of each store, 2 per cell. */
  readonly len: Uint32Array;
  /** All stores' counts, concatenated in store order (Uint16 when read from a batch that fits). */
  readonly counts: Uint32Array | Uint16Array;
}

/** Empty touched range of a store ({@link SketchBank}): lo > hi. */
const UNTOUCHED_LO = 0x7fffffff;
const UNTOUCHED_HI = -0x80000000;

/** Smallest arena (counts) {@link SketchBank} allocates. */
const MIN_ARENA = 1 << 16;
/**
 * Largest arena index + 1: window starts are Int32Array entries. A run would need ~2^31
 * counts in one bank (8 GiB of 32-bit counts; the baseline's main bank holds ~10^7) to
 * reach it; {@link SketchBank.grow} refuses to go past it rather than wrap.
 */
const MAX_ARENA = 0x7fffffff;

/**
 * Bin counts: 32-bit, or 16-bit in a bank that never counts past 65,535. The type of the
 * bank's arena (every store's window, {@link SketchBank.reserve}) and of a view on one window.
 */
export type BinCounts = Uint32Array | Uint16Array;

/**
 * Sections whose counts are copied from the bank only when written
 * ({@link SketchBank.view}): valid until the bank changes. `counts` materializes them.
 */
export class SketchSectionsView implements SketchSections {
  private materialized: Uint32Array | Uint16Array | null = null;

  constructor(
    private readonly bank: SketchBank,
    readonly zero: Float64Array,
    readonly lo: Int32Array,
    readonly len: Uint32Array,
    /** Index of each store's first count in the bank's arena. */
    private readonly first: Int32Array,
    /** Total number of counts (sum of len). */
    readonly countsLength: number,
    /** Whether every count is ≤ 65,535 (always in a 16-bit bank). */
    readonly fitsUint16: boolean,
  ) {}

  /**
   * Writes the concatenated counts into `target` (length {@link countsLength}). (A plain
   * copy loop instead of subarray + set, tried in the sixth session: 2.2× slower on a
   * 1,024-path baseline batch, 11.5 → 25.3 ms.)
   */
  writeCounts(target: Uint32Array | Uint16Array): void {
    if (target.length !== this.countsLength) throw new RangeError(`counts target has ${target.length} entries, expected ${this.countsLength}`);
    let at = 0;
    for (let s = 0; s < this.len.length; s++) {
      const n = this.len[s]!;
      if (n === 0) continue;
      const f = this.first[s]!;
      target.set(this.bank.arenaRange(f, n), at);
      at += n;
    }
  }

  get counts(): Uint32Array | Uint16Array {
    if (this.materialized === null) {
      const out = this.fitsUint16 && this.bank.countBits === 16 ? new Uint16Array(this.countsLength) : new Uint32Array(this.countsLength);
      this.writeCounts(out);
      this.materialized = out;
    }
    return this.materialized;
  }
}

export class SketchBank {
  /**
   * Every store's window of counts, one after another: store s's window is
   * arena[start[s], start[s] + width[s]) and holds keys offset[s] … offset[s] + width[s] − 1.
   * Indices ≥ {@link top} are all zero. Replaced (and compacted) by {@link makeRoom}.
   */
  private arena: BinCounts;
  /** First free index of the arena. */
  private top = 0;
  /** Sum of the windows' widths (the arena's live part; the rest below top is dead). */
  private live = 0;
  private readonly start: Int32Array;
  private readonly width: Int32Array;
  private readonly offset: Int32Array;
  /**
   * Keys of store s that may hold a count: every count since the last {@link clear} is in
   * [touchLo[s], touchHi[s]] (empty when touchLo > touchHi), as every count is added inside a
   * {@link reserve}d range. clear() and view() read only that range, not the whole window: a
   * worker's bank keeps the windows of all its batches, and one batch reaches a part of them.
   */
  private readonly touchLo: Int32Array;
  private readonly touchHi: Int32Array;
  /** Zero-bin count per cell. */
  readonly zero: Float64Array;

  /**
   * @param countBits 16 halves the bins' memory for a bank whose every count stays ≤ 65,535
   *   (a worker's batch bank when the batch has at most that many paths: batch.ts); the
   *   caller guarantees it, counts would wrap otherwise. Default 32.
   */
  constructor(
    readonly cells: number,
    readonly mapping: CubicMapping,
    readonly countBits: 16 | 32 = 32,
  ) {
    this.arena = this.newArena(0);
    this.start = new Int32Array(2 * cells);
    this.width = new Int32Array(2 * cells);
    this.offset = new Int32Array(2 * cells);
    this.touchLo = new Int32Array(2 * cells).fill(UNTOUCHED_LO);
    this.touchHi = new Int32Array(2 * cells).fill(UNTOUCHED_HI);
    this.zero = new Float64Array(cells);
  }

  private newArena(length: number): BinCounts {
    return this.countBits === 16 ? new Uint16Array(length) : new Uint32Array(length);
  }

  /**
   * The key at index 0 of the array {@link reserve} returns, for store s: key k of the store
   * is at index k − offsetOf(s). Read it after reserve (the window may have moved).
   */
  offsetOf(store: number): number {
    return this.offset[store]! - this.start[store]!;
  }

  /** Store s's window of counts (a view on the arena; index = key − {@link windowKeyOf}(s)), valid until the bank changes. */
  binsOf(store: number): BinCounts {
    const a = this.start[store]!;
    return this.arena.subarray(a, a + this.width[store]!);
  }

  /** Key of the first count in {@link binsOf}(s). */
  windowKeyOf(store: number): number {
    return this.offset[store]!;
  }

  /** n counts of the arena from index `from` (a view; SketchSectionsView.writeCounts). */
  arenaRange(from: number, n: number): BinCounts {
    return this.arena.subarray(from, from + n);
  }

  /**
   * Makes store s hold keys lo..hi (lo ≤ hi) and returns the array holding its counts (the
   * arena): key k at index k − {@link offsetOf}(s), read after the call. A window grows with
   * a margin of an eighth of the width (at least 8 bins) on each side so that a drifting
   * distribution does not reallocate on every chunk. (A quarter and 16 bins before:
   * measured on the baseline, 54 % more bins allocated than used; the margin changes
   * memory, never counts.)
   *
   * Why one arena (seventh session): with a typed array per window, allocating windows was
   * most of reserve's cost (a typed array ~2–6 µs here, and a bank allocates tens of
   * thousands: a 3,000-path baseline run made 84,318 windows in a worker's 16-bit bank and
   * 52,484 in the main thread's), and each store's fold or merge read its array object (a
   * cache miss) before its counts. A grown window moves to the arena's end; the dead space
   * is reclaimed when the arena is full ({@link makeRoom}). Cutting windows from shared slabs
   * without reclaiming them (sixth session) had cost 35–55 MiB of peak RSS at 10,000 paths.
   */
  reserve(store: number, lo: number, hi: number): BinCounts {
    if (lo < this.touchLo[store]!) this.touchLo[store] = lo;
    if (hi > this.touchHi[store]!) this.touchHi[store] = hi;
    const w = this.width[store]!;
    const off = this.offset[store]!;
    if (w > 0 && lo >= off && hi < off + w) return this.arena;
    return this.grow(store, lo, hi);
  }

  /** {@link reserve} when keys lo..hi fall outside store s's window: a wider window at the arena's end. */
  private grow(store: number, lo: number, hi: number): BinCounts {
    const w = this.width[store]!;
    const off = this.offset[store]!;
    const newLo = w > 0 ? Math.min(lo, off) : lo;
    const newHi = w > 0 ? Math.max(hi, off + w - 1) : hi;
    const pad = Math.max(8, (newHi - newLo + 1) >> 3);
    const width = newHi - newLo + 1 + 2 * pad;
    // The store's old window stays live until the new one replaces it, so this is the size
    // of a compacted arena with the new window in it (makeRoom never makes one larger).
    if (this.live + width > MAX_ARENA) {
      throw new RangeError(`sketch bank: ${this.live + width} bin counts would not fit one arena (at most ${MAX_ARENA})`);
    }
    if (this.top + width > this.arena.length) this.makeRoom(width);
    const arena = this.arena;
    const at = this.top;
    const newOff = newLo - pad;
    // The new window lies at and above top: zeros. The old one (dead from here on) is copied in.
    if (w > 0) {
      const from = this.start[store]!;
      arena.copyWithin(at + (off - newOff), from, from + w);
    }
    this.top = at + width;
    this.live += width - w;
    this.start[store] = at;
    this.width[store] = width;
    this.offset[store] = newOff;
    return arena;
  }

  /**
   * A new arena with room for `need` more counts, twice the size in use. While at most a
   * quarter of the used part is dead, the used part is copied in one piece (windows keep
   * their places); otherwise the live windows are compacted in store order, the dead ones
   * left behind, copying each run of windows that were adjacent in one piece. Each call
   * leaves free space at least the size in use (short of {@link MAX_ARENA}, where the arena
   * is compacted to fit), so the copies cost O(1) per count allocated. Capacity never
   * written is zero pages the OS does not commit.
   *
   * (First version: always compact, with half the live size free and one copy per window:
   * in a 2,000-path run at 1 worker this took 3.3 % of the main thread's CPU and 1.4 % of
   * the worker's, as many compactions as windows grew, each a typed-array view per window.)
   */
  private makeRoom(need: number): void {
    const old = this.arena;
    const top = this.top;
    if (top - this.live <= top >> 2 && top + need <= MAX_ARENA) {
      const next = this.newArena(Math.min(MAX_ARENA, Math.max(MIN_ARENA, 2 * (top + need))));
      next.set(old.subarray(0, top));
      this.arena = next;
      return;
    }
    const used = this.live + need;
    const next = this.newArena(Math.min(MAX_ARENA, Math.max(MIN_ARENA, 2 * used)));
    const { start, width } = this;
    let at = 0;
    // The pending copy: old arena [runFrom, runTo) to next [runAt, …).
    let runFrom = 0;
    let runTo = 0;
    let runAt = 0;
    for (let s = 0; s < start.length; s++) {
      const w = width[s]!;
      if (w === 0) continue;
      const from = start[s]!;
      if (from === runTo && runTo > runFrom) {
        runTo += w;
      } else {
        if (runTo > runFrom) next.set(old.subarray(runFrom, runTo), runAt);
        runFrom = from;
        runTo = from + w;
        runAt = at;
      }
      start[s] = at;
      at += w;
    }
    if (runTo > runFrom) next.set(old.subarray(runFrom, runTo), runAt);
    this.arena = next;
    this.top = at;
  }

  /**
   * Sets every count to zero, keeping the allocated windows (a worker reuses its bank):
   * only the bins reserved since the last clear can be non-zero.
   */
  clear(): void {
    const { arena, start, offset, touchLo, touchHi } = this;
    for (let s = 0; s < start.length; s++) {
      const lo = touchLo[s]!;
      const hi = touchHi[s]!;
      if (lo > hi) continue;
      const base = start[s]! - offset[s]!;
      arena.fill(0, base + lo, base + hi + 1);
      touchLo[s] = UNTOUCHED_LO;
      touchHi[s] = UNTOUCHED_HI;
    }
    this.zero.fill(0);
  }

  /** Total count of cell c (zero + positive + negative bins). */
  total(cell: number): number {
    let n = this.zero[cell]!;
    const arena = this.arena;
    for (let s = 2 * cell; s < 2 * cell + 2; s++) {
      const a = this.start[s]!;
      const e = a + this.width[s]!;
      for (let i = a; i < e; i++) n += arena[i]!;
    }
    return n;
  }

  /**
   * The canonical encoding without copying the counts: they are read from the bank when
   * the view is written (encodeAggregate), so the view is valid only until the bank
   * changes. Saves a counts-sized copy per batch result and per checkpoint.
   */
  view(): SketchSectionsView {
    const stores = 2 * this.cells;
    const lo = new Int32Array(stores);
    const len = new Uint32Array(stores);
    const first = new Int32Array(stores);
    let total = 0;
    // A 16-bit bank's counts fit by construction: no pass over them (it cost a read of every
    // count per batch in the workers). A 32-bit bank's are read until one does not fit.
    let fitsUint16 = true;
    const wide = this.countBits === 32;
    const { touchLo, touchHi, arena } = this;
    for (let s = 0; s < stores; s++) {
      // The first and last non-zero bins, searched within the keys touched since clear().
      if (touchLo[s]! > touchHi[s]!) continue;
      const off = this.offsetOf(s); // key k at arena[k − off]
      const end = touchHi[s]! - off + 1;
      let i = touchLo[s]! - off;
      while (i < end && arena[i] === 0) i++;
      if (i === end) continue;
      let j = end - 1;
      while (arena[j] === 0) j--;
      if (wide && fitsUint16) for (let k = i; k <= j; k++) if (arena[k]! > 0xffff) fitsUint16 = false;
      first[s] = i;
      lo[s] = off + i;
      len[s] = j - i + 1;
      total += j - i + 1;
    }
    return new SketchSectionsView(this, Float64Array.from(this.zero), lo, len, first, total, fitsUint16);
  }

  /** The canonical encoding: depends only on the counts, not on how they were reached. */
  encode(): SketchSections {
    const v = this.view();
    return { zero: v.zero, lo: v.lo, len: v.len, counts: v.counts };
  }

  /**
   * Adds encoded counts (another bank's {@link encode}) to this bank: exact, order-free.
   *
   * Most counts of a batch are 0 (72 % on the baseline: 1,024 values of a cell spread over
   * a trimmed window of ~200 bins). Skipping them in the loop (tried, sixth session) measured
   * 1.14× slower (the add loop alone on baseline batches, alternating: 25.0 → 28.6 ms per
   * batch), presumably the unpredictable branch; dropped.
   */
  add(sections: SketchSections): void {
    const stores = 2 * this.cells;
    if (sections.lo.length !== stores || sections.len.length !== stores || sections.zero.length !== this.cells) {
      throw new RangeError(`sketch sections for ${sections.zero.length} cells added to a bank of ${this.cells}`);
    }
    // Into an empty bank (the main thread's first batch): an arena of twice the batch's
    // counts at once (on the baseline the batch's windows, its counts and their margins,
    // fitted), rather than growing to it by doublings, each a copy (~8 on the baseline's
    // first batch). Fresh bank and 3 batches added (CPU, alternating builds in
    // one process, loaded machine): 135–172 → 82–95 ms; four times the counts (fewer
    // growths later) measured 106–124 ms, so not that.
    const want = Math.min(MAX_ARENA, 2 * sections.counts.length);
    if (this.top === 0 && this.arena.length < want) this.arena = this.newArena(want);
    let at = 0;
    for (let s = 0; s < stores; s++) {
      const n = sections.len[s]!;
      if (n === 0) continue;
      const lo = sections.lo[s]!;
      const b = this.reserve(s, lo, lo + n - 1);
      const base = lo - this.offsetOf(s);
      const counts = sections.counts;
      for (let j = 0; j < n; j++) b[base + j] = b[base + j]! + counts[at + j]!;
      at += n;
    }
    if (at !== sections.counts.length) throw new RangeError("sketch sections: counts length disagrees with store lengths");
    const z = this.zero;
    for (let c = 0; c < this.cells; c++) z[c] = z[c]! + sections.zero[c]!;
  }

  /**
   * Estimated order statistics x̂₍ᵣ₎ of cell c for the given ranks (ascending, 0-based,
   * integers < total), written to out[0..ranks.length) (see the quantile definition at the
   * top). min and max are the cell's exact extremes.
   */
  orderStatistics(cell: number, ranks: ArrayLike<number>, min: number, max: number, out: Float64Array): void {
    const n = this.total(cell);
    const m = this.mapping;
    let next = 0;
    let seen = 0;
    const clamp = (v: number): number => (v < min ? min : v > max ? max : v);
    // Key k of store s is at arena[k − offsetOf(s)], its window arena[start[s], start[s] + width[s]).
    const arena = this.arena;
    // Negative store: keys in descending order are values in ascending order.
    const negStart = this.start[2 * cell + 1]!;
    const negOff = this.offsetOf(2 * cell + 1);
    for (let i = negStart + this.width[2 * cell + 1]! - 1; i >= negStart && next < ranks.length; i--) {
      const k = arena[i]!;
      if (k === 0) continue;
      seen += k;
      while (next < ranks.length && ranks[next]! < seen) out[next++] = clamp(-m.value(negOff + i));
    }
    seen += this.zero[cell]!;
    while (next < ranks.length && ranks[next]! < seen) out[next++] = clamp(0);
    const posStart = this.start[2 * cell]!;
    const posEnd = posStart + this.width[2 * cell]!;
    const posOff = this.offsetOf(2 * cell);
    for (let i = posStart; i < posEnd && next < ranks.length; i++) {
      const k = arena[i]!;
      if (k === 0) continue;
      seen += k;
      while (next < ranks.length && ranks[next]! < seen) out[next++] = clamp(m.value(posOff + i));
    }
    if (next < ranks.length) throw new RangeError(`rank ${ranks[next]} out of range for a cell of ${n} values`);
    for (let j = 0; j < ranks.length; j++) {
      if (ranks[j] === 0) out[j] = min;
      if (ranks[j] === n - 1) out[j] = max;
    }
  }

  /**
   * Type-7 quantiles of cell c at the given levels (each in [0, 1]) from the sketch,
   * written to out; NaN when the cell has no values. With `integer` (a field of integer
   * values) the order statistics and the quantiles are rounded to integers. See the
   * definition and the integer case at the top.
   */
  quantiles(cell: number, levels: readonly number[], min: number, max: number, out: Float64Array, integer = false): void {
    const n = this.total(cell);
    if (n === 0) {
      out.fill(NaN, 0, levels.length);
      return;
    }
    // Ranks ⌊h⌋ and min(⌊h⌋ + 1, n − 1) of each level. When they come out ascending
    // (the summary's levels, far apart, unless n is tiny) orderStatistics reads them in one
    // pass with no sort and no allocation per cell; otherwise they are sorted first. Same
    // values either way.
    const m = levels.length;
    let ranks = this.rankScratch;
    if (ranks.length < 2 * m) ranks = this.rankScratch = new Float64Array(2 * m);
    let stats = this.statScratch;
    if (stats.length < 2 * m) stats = this.statScratch = new Float64Array(2 * m);
    let ascending = true;
    for (let l = 0; l < m; l++) {
      const q = levels[l]!;
      if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
      const h = q * (n - 1);
      ranks[2 * l] = Math.floor(h);
      ranks[2 * l + 1] = Math.min(Math.floor(h) + 1, n - 1);
      if (l > 0 && ranks[2 * l]! < ranks[2 * l - 1]!) ascending = false;
    }
    const value = stats.subarray(0, 2 * m);
    if (ascending) {
      this.orderStatistics(cell, ranks.subarray(0, 2 * m), min, max, value);
    } else {
      const order = Array.from({ length: 2 * m }, (_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!);
      const sorted = Float64Array.from(order, (i) => ranks[i]!);
      const got = new Float64Array(sorted.length);
      this.orderStatistics(cell, sorted, min, max, got);
      order.forEach((i, j) => (value[i] = got[j]!));
    }
    if (integer) for (let j = 0; j < 2 * m; j++) value[j] = Math.round(value[j]!);
    for (let l = 0; l < m; l++) {
      const h = levels[l]! * (n - 1);
      const f = h - Math.floor(h);
      const a = value[2 * l]!;
      const b = value[2 * l + 1]!;
      const x = f === 0 ? a : a + f * (b - a);
      out[l] = integer ? Math.round(x) + 0 : x; // + 0: −0.4 rounds to −0, reported as 0
    }
  }

  private rankScratch = new Float64Array(0);
  private statScratch = new Float64Array(0);
}
