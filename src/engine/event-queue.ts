/**
 * The event queue: a binary min-heap keyed on (time, priority, seq), SimPy-shaped
 * (simpy/core.py keeps `(time, priority, eid, event)` tuples in a heapq; `eid` is a
 * monotonic counter so that events at the same time and priority run in insertion order).
 *
 * No allocation per event: each pending event occupies a slot of one Float64Array
 * (stride {@link STRIDE}: time, priority, seq, kind, intArg, floatArg, period — one array
 * so that each access costs one bounds check; measured ~2× faster than seven parallel
 * arrays), recycled through a free list; the heap itself is an Int32Array of slot
 * numbers, so sifting moves one integer per level. {@link EventQueue.pop} writes the
 * popped event into public scratch fields instead of returning an object. The arrays grow
 * by doubling when full, so a queue that reached its steady-state size never allocates
 * again. Integers (priority, kind, intArg: int32) are exact in float64.
 *
 * An event carries: `kind` (a small integer naming the handler), `intArg` (int32) and
 * `floatArg` (float64) payload slots, and `period` (seconds; > 0 makes the event
 * recurring — the engine pushes it again at time + period after dispatch; 0 = one-shot).
 */

/** Initial number of slots when none is given. */
const DEFAULT_CAPACITY = 64;

/** Float64 words per slot. */
const STRIDE = 8;
const TIME = 0;
const PRIORITY = 1;
const SEQ = 2;
const KIND = 3;
const INT_ARG = 4;
const FLOAT_ARG = 5;
const PERIOD = 6;

export class EventQueue {
  /** Slot s occupies data[s·STRIDE … s·STRIDE + 6]. */
  private data: Float64Array;
  /** heap[0 .. count) are slot numbers ordered as a binary min-heap. */
  private heap: Int32Array;
  /** free[0 .. freeCount) are unused slot numbers. */
  private free: Int32Array;
  // Every number field has its initial value at its declaration, not in the constructor:
  // with ES2022 class fields a declaration without one defines the field as undefined
  // first, and V8 then generalises the field to its tagged (any value) representation at
  // the constructor's store of a number: a check at every read and a heap number allocated
  // at every store of a non-integer (`node --trace-generalization` shows it). Float fields
  // start as non-integers so that V8 keeps them as doubles, integer ones as small integers.
  private freeCount = 0;
  private count = 0;
  /**
   * Time of the earliest pending event, +Infinity when none: kept by push and pop so that
   * peekTime, called before every happening, is one field read (a conditional
   * `count > 0 ? time : Infinity` there made the engine's comparisons work on boxed numbers).
   */
  private topTime = Infinity;
  /** Next sequence number; a float64 counter, exact up to 2^53 pushes. */
  private nextSeq = 0;

  // Scratch fields: the event removed by the last successful pop().
  /** Time of the last popped event (unix seconds). */
  time = 0.5;
  /** Priority of the last popped event (lower runs first at equal time). */
  priority = 0;
  /** Sequence number of the last popped event (insertion order). */
  seq = 0.5;
  /** Kind of the last popped event. */
  kind = 0;
  /** Integer payload of the last popped event. */
  intArg = 0;
  /** Float payload of the last popped event. */
  floatArg = 0.5;
  /** Recurrence period of the last popped event (0 = one-shot). */
  period = 0.5;

  constructor(initialCapacity = DEFAULT_CAPACITY) {
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1) {
      throw new RangeError(`initialCapacity must be a positive integer, got ${initialCapacity}`);
    }
    const n = initialCapacity;
    this.data = new Float64Array(n * STRIDE);
    this.heap = new Int32Array(n);
    this.free = new Int32Array(n);
    for (let i = 0; i < n; i++) this.free[i] = n - 1 - i;
    this.freeCount = n;
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Number of slots currently allocated (grows by doubling, never shrinks). */
  get capacity(): number {
    return this.heap.length;
  }

  /** Removes every pending event and restarts the sequence counter at 0. No allocation. */
  clear(): void {
    const n = this.heap.length;
    for (let i = 0; i < n; i++) this.free[i] = n - 1 - i;
    this.freeCount = n;
    this.count = 0;
    this.topTime = Infinity;
    this.nextSeq = 0;
  }

  /**
   * Takes the next sequence number without queueing anything: for an event kept outside
   * the heap (the engine's cadence slot) that must order among queued events exactly as
   * if it had been pushed now.
   */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Priority of the earliest pending event (only meaningful when size > 0). */
  peekPriority(): number {
    return this.data[(this.heap[0] as number) * STRIDE + PRIORITY] as number;
  }

  /** Sequence number of the earliest pending event (only meaningful when size > 0). */
  peekSeq(): number {
    return this.data[(this.heap[0] as number) * STRIDE + SEQ] as number;
  }

  /** Time of the earliest pending event, or +Infinity when the queue is empty. */
  peekTime(): number {
    return this.topTime;
  }

  /**
   * Adds an event. Unchecked (the engine validates): time is a number (not NaN),
   * priority and kind int32, intArg int32, period ≥ 0. pop() hands priority, kind and
   * intArg back through ToInt32 (`| 0`): exact for int32 values, −0 comes back as 0.
   */
  push(time: number, kind: number, priority: number, intArg: number, floatArg: number, period: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount] as number;
    const seq = this.nextSeq++;
    const d = this.data;
    const base = slot * STRIDE;
    d[base + TIME] = time;
    d[base + PRIORITY] = priority;
    d[base + SEQ] = seq;
    d[base + KIND] = kind;
    d[base + INT_ARG] = intArg;
    d[base + FLOAT_ARG] = floatArg;
    d[base + PERIOD] = period;
    // Sift up: move parents down until the new slot's place is found.
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as number;
      const pb = parent * STRIDE;
      const pt = d[pb + TIME] as number;
      if (pt < time) break;
      if (pt === time) {
        const pp = d[pb + PRIORITY] as number;
        if (pp < priority || (pp === priority && (d[pb + SEQ] as number) < seq)) break;
      }
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = slot;
    if (i === 0) this.topTime = time;
  }

  /**
   * Removes the earliest event (smallest (time, priority, seq)) and copies it into the
   * scratch fields. Returns false, changing nothing, when the queue is empty.
   */
  pop(): boolean {
    if (this.count === 0) return false;
    const heap = this.heap;
    const d = this.data;
    const top = heap[0] as number;
    const tb = top * STRIDE;
    this.time = d[tb + TIME] as number;
    // The int32 fields back to int32 (`| 0`, exact: push stores int32 values): read from
    // the Float64Array they are doubles, and a handler's index arithmetic on a double
    // intArg (recordGrid's S[s·G + g]) converted it back with an integer check at each use.
    this.priority = (d[tb + PRIORITY] as number) | 0;
    this.seq = d[tb + SEQ] as number;
    this.kind = (d[tb + KIND] as number) | 0;
    this.intArg = (d[tb + INT_ARG] as number) | 0;
    this.floatArg = d[tb + FLOAT_ARG] as number;
    this.period = d[tb + PERIOD] as number;
    this.free[this.freeCount++] = top;
    const last = --this.count;
    if (last === 0) {
      this.topTime = Infinity;
      return true;
    }
    // Sift the last slot down from the root.
    const slot = heap[last] as number;
    const sb = slot * STRIDE;
    const t = d[sb + TIME] as number;
    const p = d[sb + PRIORITY] as number;
    const s = d[sb + SEQ] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      let child = heap[c] as number;
      let cb = child * STRIDE;
      if (c + 1 < last) {
        const right = heap[c + 1] as number;
        const rb = right * STRIDE;
        if (this.before(rb, cb)) {
          c++;
          child = right;
          cb = rb;
        }
      }
      const ct = d[cb + TIME] as number;
      if (ct > t) break;
      if (ct === t) {
        const cp = d[cb + PRIORITY] as number;
        if (cp > p || (cp === p && (d[cb + SEQ] as number) > s)) break;
      }
      heap[i] = child;
      i = c;
    }
    heap[i] = slot;
    this.topTime = d[(heap[0] as number) * STRIDE + TIME] as number;
    return true;
  }

  /** (time, priority, seq) of the slot at word offset a < that of the slot at b. */
  private before(a: number, b: number): boolean {
    const d = this.data;
    const ta = d[a + TIME] as number;
    const tb = d[b + TIME] as number;
    if (ta !== tb) return ta < tb;
    const pa = d[a + PRIORITY] as number;
    const pb = d[b + PRIORITY] as number;
    if (pa !== pb) return pa < pb;
    return (d[a + SEQ] as number) < (d[b + SEQ] as number);
  }

  /** Doubles every array (rare: only until the steady-state size is reached). */
  private grow(): void {
    const old = this.heap.length;
    const n = old * 2;
    const data = new Float64Array(n * STRIDE);
    data.set(this.data);
    this.data = data;
    const heap = new Int32Array(n);
    heap.set(this.heap);
    this.heap = heap;
    // All old slots are in use (the free list was empty); the new ones are free.
    const free = new Int32Array(n);
    for (let i = 0; i < n - old; i++) free[i] = n - 1 - i;
    this.free = free;
    this.freeCount = n - old;
  }
}
