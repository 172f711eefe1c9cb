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

/**
 * Layout of the two tables (one Float64Array each, records of consecutive fields).
 *
 * Why one array per table rather than one per field: inside a loop, V8's optimised code
 * re-checks a typed array and reloads its length and data pointer at every first access
 * in an iteration (the loop's stack check may run code that could change them), about 8
 * instructions per array touched. The sweep touched 13 arrays per event (~200
 * instructions per event measured under valgrind) and removing a cohort's events moved
 * six; with records in one array each loop touches one or two.
 */
/** Fields of an event: breakeven key, owner cohort, EH/s and MW slopes from it on, EH/s and MW steps at it. */
const EV_KEY = 0;
const EV_OWNER = 1;
const EV_SLOPE_EH = 2;
const EV_SLOPE_MW = 3;
const EV_JUMP_EH = 4;
const EV_JUMP_MW = 5;
/** Float64 words per event. */
const EV = 6;
/**
 * Fields of a knot: abscissa x (breakeven hashprice, $/PH/day, strictly ascending);
 * cumulative EH/s just below it (before any step at it) and at it (including the step);
 * d(EH/s)/d(hashprice) to its right; the same three for MW.
 */
const KN_X = 0;
const KN_EH_BEFORE = 1;
const KN_EH = 2;
const KN_SLOPE_EH = 3;
const KN_MW_BEFORE = 4;
const KN_MW = 5;
const KN_SLOPE_MW = 6;
/** Float64 words per knot. */
const KN = 7;

/** A supply curve for up to `capacity` cohorts (2 events and 2 knots each). */
export interface SupplyCurve {
  /** Number of events: records [0, m) of `ev`, sorted by key (ties in insertion order). */
  m: number;
  /** The events, EV words each (fields EV_KEY …). */
  readonly ev: Float64Array;
  /** Number of knots (from the last sweep): records [0, n) of `knots`. */
  n: number;
  /** The knots, KN words each (fields KN_X …). */
  readonly knots: Float64Array;
  /** Total installed EH/s and MW (the curve's right end). */
  totalEh: number;
  totalMw: number;
  /** The knot index the last lookup found (a starting guess only; any value in [0, n) or ≥ n). */
  hint: number;
  /** The hashprice being looked up (passed to the search through the state, see knotAtQuery). */
  query: number;
}

/** Allocates an empty supply curve for up to `capacity` cohorts. */
export function createSupplyCurve(capacity: number): SupplyCurve {
  const m = 2 * capacity;
  return { m: 0, ev: new Float64Array(m * EV), n: 0, knots: new Float64Array(m * KN), totalEh: 0, totalMw: 0, hint: 0, query: 0.5 };
}

/** Copies `src` into `dst` (same capacity or larger). Allocation-free. */
export function copySupplyCurve(dst: SupplyCurve, src: SupplyCurve): void {
  dst.m = src.m;
  dst.ev.set(src.ev.subarray(0, src.m * EV));
  dst.n = src.n;
  dst.knots.set(src.knots.subarray(0, src.n * KN));
  dst.totalEh = src.totalEh;
  dst.totalMw = src.totalMw;
}

/** Inserts one event after any with an equal key (keeps insertion order among ties). */
function insertEvent(c: SupplyCurve, key: number, owner: number, sEh: number, sMw: number, jEh: number, jMw: number): void {
  const ev = c.ev;
  const m = c.m;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ev[mid * EV + EV_KEY]! <= key) lo = mid + 1;
    else hi = mid;
  }
  const at = lo * EV;
  if (lo < m) ev.copyWithin(at + EV, at, m * EV);
  ev[at + EV_KEY] = key;
  ev[at + EV_OWNER] = owner;
  ev[at + EV_SLOPE_EH] = sEh;
  ev[at + EV_SLOPE_MW] = sMw;
  ev[at + EV_JUMP_EH] = jEh;
  ev[at + EV_JUMP_MW] = jMw;
  c.m = m + 1;
}

/** Removes the events of cohort `owner` (order of the others kept). */
function removeEventsOf(c: SupplyCurve, owner: number): void {
  const ev = c.ev;
  const m = c.m;
  // Slide each run of other cohorts' events down over the owner's (a cohort has one or
  // two events, so at most two moves); nothing before its first event moves.
  let w = 0;
  while (w < m && ev[w * EV + EV_OWNER] !== owner) w++;
  let r = w;
  while (r < m) {
    r++; // skip the owner's event at r − 1
    let e = r;
    while (e < m && ev[e * EV + EV_OWNER] !== owner) e++;
    if (e > r) ev.copyWithin(w * EV, r * EV, e * EV);
    w += e - r;
    r = e;
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
  const ev = c.ev;
  const kn = c.knots;
  let n = 0;
  let y = 0;
  let yMw = 0;
  let s = 0;
  let sMw = 0;
  let prevX = 0;
  const end = c.m * EV;
  for (let r = 0; r < end; ) {
    const x = ev[r + EV_KEY]!;
    if (n > 0) {
      y += s * (x - prevX);
      yMw += sMw * (x - prevX);
    }
    const k = n * KN;
    kn[k + KN_X] = x;
    kn[k + KN_EH_BEFORE] = y;
    kn[k + KN_MW_BEFORE] = yMw;
    while (r < end && ev[r + EV_KEY]! === x) {
      y += ev[r + EV_JUMP_EH]!;
      yMw += ev[r + EV_JUMP_MW]!;
      s += ev[r + EV_SLOPE_EH]!;
      sMw += ev[r + EV_SLOPE_MW]!;
      r += EV;
    }
    // Opening and closing bands cancel up to rounding; never let rounding make it negative.
    if (s < 0) s = 0;
    if (sMw < 0) sMw = 0;
    kn[k + KN_EH] = y;
    kn[k + KN_MW] = yMw;
    kn[k + KN_SLOPE_EH] = s;
    kn[k + KN_SLOPE_MW] = sMw;
    prevX = x;
    n++;
  }
  if (n > 0) {
    // Every band has closed at the last knot.
    const last = (n - 1) * KN;
    kn[last + KN_SLOPE_EH] = 0;
    kn[last + KN_SLOPE_MW] = 0;
    c.totalEh = kn[last + KN_EH]!;
    c.totalMw = kn[last + KN_MW]!;
  } else {
    c.totalEh = 0;
    c.totalMw = 0;
  }
  c.n = n;
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
    const ev = curve.ev;
    const end = curve.m * EV;
    for (let r = EV_OWNER; r < end; r += EV) if (ev[r] === movedFrom) ev[r] = removed;
  }
  sweep(curve);
}

/** Every cohort's EH/s was multiplied by `factor` (breakevens unchanged): scale and re-sweep. */
export function supplyCurveScale(curve: SupplyCurve, factor: number): void {
  const ev = curve.ev;
  const end = curve.m * EV;
  for (let r = 0; r < end; r += EV) {
    ev[r + EV_SLOPE_EH] = ev[r + EV_SLOPE_EH]! * factor;
    ev[r + EV_SLOPE_MW] = ev[r + EV_SLOPE_MW]! * factor;
    ev[r + EV_JUMP_EH] = ev[r + EV_JUMP_EH]! * factor;
    ev[r + EV_JUMP_MW] = ev[r + EV_JUMP_MW]! * factor;
  }
  sweep(curve);
}

/**
 * Index of the last knot with x ≤ hp, hp = curve.query, or −1 (hp below every breakeven,
 * or NaN). The previous answer (curve.hint) is tried first: hashprice moves little from
 * one day to the next, so it usually stays between the same two knots (~3 days in 4 on
 * the baseline) and the binary search is skipped. The knots ascend strictly, so the check
 * gives the same index as the search.
 *
 * hp comes through the curve rather than as an argument: V8 does not inline this into the
 * model's daily tick (the tick's other steps spend its inlining budget), and a number
 * passed to a call that is not inlined is boxed (a heap number per lookup). Tried and
 * dropped: checking the hint's neighbours here before the search (the hint misses on ~1
 * day in 4) made the function large enough that the daily update which inlines it no
 * longer fit into the daily tick's budget, and the tick then called the update instead
 * (+60 instructions per day, measured under valgrind).
 */
function knotAtQuery(curve: SupplyCurve): number {
  const hp = curve.query;
  const kn = curve.knots;
  const n = curve.n;
  if (n === 0 || !(hp >= kn[KN_X]!)) return -1;
  const h = curve.hint;
  if (h < n && kn[h * KN + KN_X]! <= hp && (h === n - 1 || hp < kn[(h + 1) * KN + KN_X]!)) return h;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (kn[mid * KN + KN_X]! <= hp) lo = mid;
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
  curve.query = hp;
  const i = knotAtQuery(curve);
  if (i < 0) return 0;
  const kn = curve.knots;
  const k = i * KN;
  if (i === curve.n - 1) return kn[k + KN_EH]!;
  return kn[k + KN_EH]! + kn[k + KN_SLOPE_EH]! * (hp - kn[k + KN_X]!);
}

/** Power drawn (MW) by the EH/s that runs at hashprice `hp` (see {@link supplyEhAt}). */
export function supplyMwAt(curve: SupplyCurve, hp: number): number {
  curve.query = hp;
  const i = knotAtQuery(curve);
  if (i < 0) return 0;
  const kn = curve.knots;
  const k = i * KN;
  if (i === curve.n - 1) return kn[k + KN_MW]!;
  return kn[k + KN_MW]! + kn[k + KN_SLOPE_MW]! * (hp - kn[k + KN_X]!);
}

/** First knot index i with knot i's cumulative EH/s (field KN_EH) ≥ r (requires 0 < r ≤ totalEh). */
function firstKnotReaching(curve: SupplyCurve, r: number): number {
  const kn = curve.knots;
  let lo = 0;
  let hi = curve.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (kn[mid * KN + KN_EH]! >= r) hi = mid;
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
  const kn = curve.knots;
  // k: the offset in `knots` of the first knot reaching runningEh (knot i = k / KN).
  const k = firstKnotReaching(curve, runningEh) * KN;
  const before = kn[k + KN_EH_BEFORE]!;
  if (runningEh > before) {
    // Inside the step at that knot: its hardware mix is (mw − mwBefore)/(eh − ehBefore).
    const dEh = kn[k + KN_EH]! - before;
    return kn[k + KN_MW_BEFORE]! + ((runningEh - before) * (kn[k + KN_MW]! - kn[k + KN_MW_BEFORE]!)) / dEh;
  }
  // On the linear segment from the previous knot, at offset p (the knot is not the first,
  // since the first knot's KN_EH_BEFORE is 0 < runningEh).
  const p = k - KN;
  return kn[p + KN_MW]! + ((runningEh - kn[p + KN_EH]!) * kn[p + KN_SLOPE_MW]!) / kn[p + KN_SLOPE_EH]!;
}

/**
 * The marginal breakeven ($/PH/day) of `runningEh` EH/s run in merit order: the lowest
 * hashprice at which that much hardware covers its power. 0 for runningEh ≤ 0; the top
 * breakeven for runningEh ≥ totalEh.
 */
export function marginalBreakevenForRunningEh(curve: SupplyCurve, runningEh: number): number {
  if (!(runningEh > 0) || curve.n === 0) return 0;
  const kn = curve.knots;
  if (runningEh >= curve.totalEh) return kn[(curve.n - 1) * KN + KN_X]!;
  const k = firstKnotReaching(curve, runningEh) * KN;
  if (runningEh > kn[k + KN_EH_BEFORE]!) return kn[k + KN_X]!;
  const p = k - KN;
  return kn[p + KN_X]! + (runningEh - kn[p + KN_EH]!) / kn[p + KN_SLOPE_EH]!;
}
