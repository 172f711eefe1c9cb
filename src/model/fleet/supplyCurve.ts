/**
 * The fleet's supply curve: installed EH/s whose power-only breakeven hashprice is at or
 * below a given hashprice, i.e. the hashrate that covers its power cost at that price.
 *
 * Breakeven of hardware at e J/TH paying c $/MWh is 0.024·e·c $/PH/day (CALIBRATION.md
 * "Useful identities"). A cohort's cost band [lo, hi] maps to the breakeven band
 * [0.024·e·lo, 0.024·e·hi] with its EH/s spread uniformly over it, so the curve is
 * piecewise linear in hashprice, with vertical steps for point-cost cohorts. The same
 * knots carry the cumulative power (MW) in merit order, so the power drawn by a given
 * running hashrate (cheapest breakevens first) is also a binary search.
 *
 * Representation: each cohort contributes one step event (point cost) or two slope
 * events (band start and end), kept sorted by breakeven. A sweep over the sorted events
 * gives the knots (distinct breakevens with cumulative EH/s, MW and slopes to their
 * right). Reads are binary searches over the knots: a daily update costs O(log cohorts),
 * not a loop over cohorts (DESIGN.md §3, "Cost per path"). When cohorts change, only the
 * changed cohort's events are removed and re-inserted (O(events), a memmove) and the
 * knots are re-swept (O(events)); a full sort happens only in {@link rebuildSupplyCurve}.
 * Nothing allocates after creation.
 */
import { MWH_PER_PH_DAY_PER_J_PER_TH } from "../units.js";
import type { Cohorts } from "./cohorts.js";

/** A supply curve for up to `capacity` cohorts (2 events and 2 knots each). */
export interface SupplyCurve {
  // Sorted events (entries [0, m)).
  m: number;
  readonly evKey: Float64Array;
  readonly evOwner: Int32Array;
  readonly evSlopeEh: Float64Array;
  readonly evSlopeMw: Float64Array;
  readonly evJumpEh: Float64Array;
  readonly evJumpMw: Float64Array;
  // Knots (entries [0, n)), from the last sweep.
  /** Number of knots. */
  n: number;
  /** Knot abscissae: breakeven hashprice, $/PH/day, strictly ascending. */
  readonly x: Float64Array;
  /** Cumulative EH/s just below the knot (before any step at it). */
  readonly ehBefore: Float64Array;
  /** Cumulative EH/s at the knot, including a step at it. */
  readonly eh: Float64Array;
  /** d(EH/s)/d(hashprice) to the right of the knot. */
  readonly slopeEh: Float64Array;
  /** Cumulative MW just below the knot. */
  readonly mwBefore: Float64Array;
  /** Cumulative MW at the knot, including a step at it. */
  readonly mw: Float64Array;
  /** d(MW)/d(hashprice) to the right of the knot. */
  readonly slopeMw: Float64Array;
  /** Total installed EH/s and MW (the curve's right end). */
  totalEh: number;
  totalMw: number;
  /** The knot index the last lookup found (a starting guess only; any value in [0, n) or ≥ n). */
  hint: number;
}

/** Allocates an empty supply curve for up to `capacity` cohorts. */
export function createSupplyCurve(capacity: number): SupplyCurve {
  const m = 2 * capacity;
  return {
    m: 0,
    evKey: new Float64Array(m),
    evOwner: new Int32Array(m),
    evSlopeEh: new Float64Array(m),
    evSlopeMw: new Float64Array(m),
    evJumpEh: new Float64Array(m),
    evJumpMw: new Float64Array(m),
    n: 0,
    x: new Float64Array(m),
    ehBefore: new Float64Array(m),
    eh: new Float64Array(m),
    slopeEh: new Float64Array(m),
    mwBefore: new Float64Array(m),
    mw: new Float64Array(m),
    slopeMw: new Float64Array(m),
    totalEh: 0,
    totalMw: 0,
    hint: 0,
  };
}

/** Copies `src` into `dst` (same capacity or larger). Allocation-free. */
export function copySupplyCurve(dst: SupplyCurve, src: SupplyCurve): void {
  const m = src.m;
  dst.m = m;
  dst.evKey.set(src.evKey.subarray(0, m));
  dst.evOwner.set(src.evOwner.subarray(0, m));
  dst.evSlopeEh.set(src.evSlopeEh.subarray(0, m));
  dst.evSlopeMw.set(src.evSlopeMw.subarray(0, m));
  dst.evJumpEh.set(src.evJumpEh.subarray(0, m));
  dst.evJumpMw.set(src.evJumpMw.subarray(0, m));
  const n = src.n;
  dst.n = n;
  dst.x.set(src.x.subarray(0, n));
  dst.ehBefore.set(src.ehBefore.subarray(0, n));
  dst.eh.set(src.eh.subarray(0, n));
  dst.slopeEh.set(src.slopeEh.subarray(0, n));
  dst.mwBefore.set(src.mwBefore.subarray(0, n));
  dst.mw.set(src.mw.subarray(0, n));
  dst.slopeMw.set(src.slopeMw.subarray(0, n));
  dst.totalEh = src.totalEh;
  dst.totalMw = src.totalMw;
}

/** Inserts one event after any with an equal key (keeps insertion order among ties). */
function insertEvent(c: SupplyCurve, key: number, owner: number, sEh: number, sMw: number, jEh: number, jMw: number): void {
  let lo = 0;
  let hi = c.m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.evKey[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  const m = c.m;
  if (lo < m) {
    c.evKey.copyWithin(lo + 1, lo, m);
    c.evOwner.copyWithin(lo + 1, lo, m);
    c.evSlopeEh.copyWithin(lo + 1, lo, m);
    c.evSlopeMw.copyWithin(lo + 1, lo, m);
    c.evJumpEh.copyWithin(lo + 1, lo, m);
    c.evJumpMw.copyWithin(lo + 1, lo, m);
  }
  c.evKey[lo] = key;
  c.evOwner[lo] = owner;
  c.evSlopeEh[lo] = sEh;
  c.evSlopeMw[lo] = sMw;
  c.evJumpEh[lo] = jEh;
  c.evJumpMw[lo] = jMw;
  c.m = m + 1;
}

/** Removes the events of cohort `owner` (order of the others kept). */
function removeEventsOf(c: SupplyCurve, owner: number): void {
  const evKey = c.evKey;
  const evOwner = c.evOwner;
  const evSlopeEh = c.evSlopeEh;
  const evSlopeMw = c.evSlopeMw;
  const evJumpEh = c.evJumpEh;
  const evJumpMw = c.evJumpMw;
  const m = c.m;
  // Skip to the first event of `owner`: nothing before it moves.
  let w = 0;
  while (w < m && evOwner[w] !== owner) w++;
  for (let r = w + 1; r < m; r++) {
    const o = evOwner[r]!;
    if (o === owner) continue;
    evKey[w] = evKey[r]!;
    evOwner[w] = o;
    evSlopeEh[w] = evSlopeEh[r]!;
    evSlopeMw[w] = evSlopeMw[r]!;
    evJumpEh[w] = evJumpEh[r]!;
    evJumpMw[w] = evJumpMw[r]!;
    w++;
  }
  c.m = w;
}

/** Inserts the events of cohort i (nothing for an empty cohort). */
function insertCohortEvents(c: SupplyCurve, cohorts: Cohorts, i: number): void {
  const eh = cohorts.eh[i]!;
  if (!(eh > 0)) return;
  const j = cohorts.jPerTh[i]!;
  const lo = MWH_PER_PH_DAY_PER_J_PER_TH * j * cohorts.costLo[i]!;
  const hi = MWH_PER_PH_DAY_PER_J_PER_TH * j * cohorts.costHi[i]!;
  if (hi > lo) {
    const s = eh / (hi - lo);
    insertEvent(c, lo, i, s, s * j, 0, 0);
    insertEvent(c, hi, i, -s, -s * j, 0, 0);
  } else {
    insertEvent(c, lo, i, 0, 0, eh, eh * j);
  }
}

/** Recomputes the knots from the sorted events. O(events). */
function sweep(c: SupplyCurve): void {
  const evKey = c.evKey;
  const evJumpEh = c.evJumpEh;
  const evJumpMw = c.evJumpMw;
  const evSlopeEh = c.evSlopeEh;
  const evSlopeMw = c.evSlopeMw;
  const kx = c.x;
  const kEhBefore = c.ehBefore;
  const kMwBefore = c.mwBefore;
  const kEh = c.eh;
  const kMw = c.mw;
  const kSlopeEh = c.slopeEh;
  const kSlopeMw = c.slopeMw;
  let n = 0;
  let y = 0;
  let yMw = 0;
  let s = 0;
  let sMw = 0;
  let prevX = 0;
  const m = c.m;
  for (let r = 0; r < m; ) {
    const x = evKey[r]!;
    if (n > 0) {
      y += s * (x - prevX);
      yMw += sMw * (x - prevX);
    }
    kx[n] = x;
    kEhBefore[n] = y;
    kMwBefore[n] = yMw;
    while (r < m && evKey[r]! === x) {
      y += evJumpEh[r]!;
      yMw += evJumpMw[r]!;
      s += evSlopeEh[r]!;
      sMw += evSlopeMw[r]!;
      r++;
    }
    // Opening and closing bands cancel up to rounding; never let rounding make it negative.
    if (s < 0) s = 0;
    if (sMw < 0) sMw = 0;
    kEh[n] = y;
    kMw[n] = yMw;
    kSlopeEh[n] = s;
    kSlopeMw[n] = sMw;
    prevX = x;
    n++;
  }
  if (n > 0) {
    // Every band has closed at the last knot.
    kSlopeEh[n - 1] = 0;
    kSlopeMw[n - 1] = 0;
  }
  c.n = n;
  c.totalEh = n > 0 ? kEh[n - 1]! : 0;
  c.totalMw = n > 0 ? kMw[n - 1]! : 0;
}

/**
 * Rebuilds the curve from all cohorts (O(events²) worst case by insertion; used when a
 * path starts from a new plan). Allocation-free.
 */
export function rebuildSupplyCurve(curve: SupplyCurve, cohorts: Cohorts): void {
  curve.m = 0;
  for (let i = 0; i < cohorts.n; i++) insertCohortEvents(curve, cohorts, i);
  sweep(curve);
}

/** Cohort `i` was added or changed (EH/s, J/TH or band): replace its events and re-sweep. */
export function supplyCurveUpdateCohort(curve: SupplyCurve, cohorts: Cohorts, i: number): void {
  removeEventsOf(curve, i);
  insertCohortEvents(curve, cohorts, i);
  sweep(curve);
}

/**
 * Cohort `removed` was deleted and cohort `movedFrom` took its slot (cohorts.ts
 * removeCohort; pass −1 when nothing moved): drop its events, relabel, re-sweep.
 */
export function supplyCurveRemoveCohort(curve: SupplyCurve, removed: number, movedFrom: number): void {
  removeEventsOf(curve, removed);
  if (movedFrom >= 0) {
    for (let r = 0; r < curve.m; r++) if (curve.evOwner[r] === movedFrom) curve.evOwner[r] = removed;
  }
  sweep(curve);
}

/** Every cohort's EH/s was multiplied by `factor` (breakevens unchanged): scale and re-sweep. */
export function supplyCurveScale(curve: SupplyCurve, factor: number): void {
  for (let r = 0; r < curve.m; r++) {
    curve.evSlopeEh[r] = curve.evSlopeEh[r]! * factor;
    curve.evSlopeMw[r] = curve.evSlopeMw[r]! * factor;
    curve.evJumpEh[r] = curve.evJumpEh[r]! * factor;
    curve.evJumpMw[r] = curve.evJumpMw[r]! * factor;
  }
  sweep(curve);
}

/**
 * Index of the last knot with x ≤ hp, or −1 (hp below every breakeven, or NaN). The
 * previous answer (curve.hint) is tried first: hashprice moves little from one day to the
 * next, so it usually stays between the same two knots and the binary search is skipped.
 * The knots ascend strictly, so the check gives the same index as the search.
 */
function knotAtOrBelow(curve: SupplyCurve, hp: number): number {
  const n = curve.n;
  const x = curve.x;
  if (n === 0 || !(hp >= x[0]!)) return -1;
  const h = curve.hint;
  if (h < n && x[h]! <= hp && (h === n - 1 || hp < x[h + 1]!)) return h;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (x[mid]! <= hp) lo = mid;
    else hi = mid - 1;
  }
  curve.hint = lo;
  return lo;
}

/**
 * EH/s that covers its power cost at hashprice `hp` ($/PH/day): the running target.
 * Hardware runs when hp ≥ its breakeven. 0 for hp below every breakeven (or NaN);
 * the total installed EH/s for hp above all of them (including +Infinity).
 */
export function supplyEhAt(curve: SupplyCurve, hp: number): number {
  const i = knotAtOrBelow(curve, hp);
  if (i < 0) return 0;
  if (i === curve.n - 1) return curve.eh[i]!;
  return curve.eh[i]! + curve.slopeEh[i]! * (hp - curve.x[i]!);
}

/** Power drawn (MW) by the EH/s that runs at hashprice `hp` (see {@link supplyEhAt}). */
export function supplyMwAt(curve: SupplyCurve, hp: number): number {
  const i = knotAtOrBelow(curve, hp);
  if (i < 0) return 0;
  if (i === curve.n - 1) return curve.mw[i]!;
  return curve.mw[i]! + curve.slopeMw[i]! * (hp - curve.x[i]!);
}

/** First knot index k with eh[k] ≥ r (requires 0 < r ≤ totalEh). */
function firstKnotReaching(curve: SupplyCurve, r: number): number {
  let lo = 0;
  let hi = curve.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.eh[mid]! >= r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Power drawn (MW) when `runningEh` EH/s runs in merit order (lowest breakeven first),
 * which is how the lagged aggregate is read: when the fleet is above its target, the
 * least profitable hardware is the part still waiting to switch off. Clamped to
 * [0, totalMw].
 */
export function powerMwForRunningEh(curve: SupplyCurve, runningEh: number): number {
  if (!(runningEh > 0) || curve.n === 0) return 0;
  if (runningEh >= curve.totalEh) return curve.totalMw;
  const k = firstKnotReaching(curve, runningEh);
  const before = curve.ehBefore[k]!;
  if (runningEh > before) {
    // Inside the step at knot k: its hardware mix is (mw − mwBefore)/(eh − ehBefore).
    const dEh = curve.eh[k]! - before;
    return curve.mwBefore[k]! + ((runningEh - before) * (curve.mw[k]! - curve.mwBefore[k]!)) / dEh;
  }
  // On the linear segment from knot k−1 (k ≥ 1 here, since ehBefore[0] = 0 < runningEh).
  const p = k - 1;
  return curve.mw[p]! + ((runningEh - curve.eh[p]!) * curve.slopeMw[p]!) / curve.slopeEh[p]!;
}

/**
 * The marginal breakeven ($/PH/day) of `runningEh` EH/s run in merit order: the lowest
 * hashprice at which that much hardware covers its power. 0 for runningEh ≤ 0; the top
 * breakeven for runningEh ≥ totalEh.
 */
export function marginalBreakevenForRunningEh(curve: SupplyCurve, runningEh: number): number {
  if (!(runningEh > 0) || curve.n === 0) return 0;
  if (runningEh >= curve.totalEh) return curve.x[curve.n - 1]!;
  const k = firstKnotReaching(curve, runningEh);
  if (runningEh > curve.ehBefore[k]!) return curve.x[k]!;
  const p = k - 1;
  return curve.x[p]! + (runningEh - curve.eh[p]!) / curve.slopeEh[p]!;
}
