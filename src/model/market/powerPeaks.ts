/**
 * A seasonal profile of power-price peaks (ERCOT-style summer afternoons), as dated
 * windows that drive curtailment and demand-response credits of named miners.
 *
 * The model (simple on purpose; CALIBRATION.md §f has no authoritative count of peak
 * hours, so the defaults in calibration.ts are labelled):
 * - In each calendar month listed in `months` (June–September by default, the four 4CP
 *   months), `peakHoursPerMonth` hours of peak are spread over windows of `windowHours`
 *   hours starting at `windowStartHour` local time on distinct weekdays of the month,
 *   drawn uniformly at random (hot days are not known in advance). The last window takes
 *   the remainder when the hours do not divide evenly. Days are whole calendar days;
 *   the engine works at daily resolution, so a window is "hours of peak on that day".
 * - During a window power is worth `peakPriceUsdPerMwh` (a flat level, not a price path).
 * - With `fourCp`, every window is a 4CP candidate, and one window per month, drawn
 *   uniformly, is flagged as that month's actual 4CP interval (ERCOT sets next year's
 *   transmission charge from the load in one 15-minute interval per summer month, §f).
 *   A miner avoids the charge only if it is curtailed in all four actual intervals.
 * Windows are generated for whole months overlapping days 0..horizonDays and kept when
 * they fall inside that range. Generation happens at reset (per path, from the market's
 * power stream); queries are binary searches, allocation-free.
 */
import type { Rng } from "../../random/index.js";
import { epochDayFromIso, weekdayOfEpochDay } from "./isoDate.js";

/** Peak-profile parameters. */
export interface PowerPeakPlan {
  readonly enabled: boolean;
  /** ISO date of day 0. */
  readonly startDate: string;
  /** Last day covered (days since start). */
  readonly horizonDays: number;
  /** Calendar months (1–12) with peaks. */
  readonly months: readonly number[];
  readonly peakHoursPerMonth: number;
  readonly windowStartHour: number;
  readonly windowHours: number;
  readonly peakPriceUsdPerMwh: number;
  readonly fourCp: boolean;
}

/** Flag bits of a window. */
export const PEAK_FLAG_4CP_CANDIDATE = 1;
export const PEAK_FLAG_4CP_INTERVAL = 2;

/** The generated windows of one path, sorted by day (one window per day at most). */
export interface PowerPeakState {
  plan: PowerPeakPlan;
  n: number;
  readonly day: Int32Array;
  readonly hours: Float64Array;
  readonly startHour: Float64Array;
  readonly price: Float64Array;
  readonly flags: Uint8Array;
  /** Scratch: weekdays of one month and the window hours by draw order. */
  readonly scratchDays: Int32Array;
}

/** Result of {@link peakOnDay}, reused by the caller. */
export interface PeakQuery {
  hours: number;
  startHour: number;
  priceUsdPerMwh: number;
  fourCpCandidate: boolean;
  fourCpInterval: boolean;
}

/** A fresh, zeroed {@link PeakQuery}. */
export function createPeakQuery(): PeakQuery {
  return { hours: 0, startHour: 0, priceUsdPerMwh: 0, fourCpCandidate: false, fourCpInterval: false };
}

/** Throws a RangeError naming the first invalid field. */
export function validatePowerPeakPlan(p: PowerPeakPlan): void {
  epochDayFromIso(p.startDate);
  if (!(Number.isInteger(p.horizonDays) && p.horizonDays >= 0)) {
    throw new RangeError(`power peaks: horizonDays must be an integer >= 0, got ${p.horizonDays}`);
  }
  for (const m of p.months) {
    if (!(Number.isInteger(m) && m >= 1 && m <= 12)) throw new RangeError(`power peaks: months must be integers 1–12, got ${m}`);
  }
  if (new Set(p.months).size !== p.months.length) throw new RangeError(`power peaks: months repeat`);
  if (!(Number.isFinite(p.peakHoursPerMonth) && p.peakHoursPerMonth >= 0)) {
    throw new RangeError(`power peaks: peakHoursPerMonth must be finite >= 0, got ${p.peakHoursPerMonth}`);
  }
  if (!(Number.isFinite(p.windowHours) && p.windowHours > 0 && p.windowHours <= 24)) {
    throw new RangeError(`power peaks: windowHours must be in (0, 24], got ${p.windowHours}`);
  }
  if (!(Number.isFinite(p.windowStartHour) && p.windowStartHour >= 0 && p.windowStartHour + p.windowHours <= 24)) {
    throw new RangeError(`power peaks: the window ${p.windowStartHour}+${p.windowHours} h must lie within a day`);
  }
  if (!(Number.isFinite(p.peakPriceUsdPerMwh) && p.peakPriceUsdPerMwh >= 0)) {
    throw new RangeError(`power peaks: peakPriceUsdPerMwh must be finite >= 0, got ${p.peakPriceUsdPerMwh}`);
  }
}

/** Number of calendar months overlapping days 0..horizonDays. */
function monthsSpanned(p: PowerPeakPlan): number {
  const s = new Date(epochDayFromIso(p.startDate) * 86_400_000);
  const e = new Date((epochDayFromIso(p.startDate) + p.horizonDays) * 86_400_000);
  return (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + e.getUTCMonth() - s.getUTCMonth() + 1;
}

/** Allocates the state for `plan` (validated). Call {@link resetPowerPeaks} before use. */
export function createPowerPeakState(plan: PowerPeakPlan): PowerPeakState {
  validatePowerPeakPlan(plan);
  const perMonth = Math.min(31, Math.ceil(plan.peakHoursPerMonth / plan.windowHours));
  const cap = plan.enabled ? Math.max(1, monthsSpanned(plan) * perMonth) : 1;
  return {
    plan,
    n: 0,
    day: new Int32Array(cap),
    hours: new Float64Array(cap),
    startHour: new Float64Array(cap),
    price: new Float64Array(cap),
    flags: new Uint8Array(cap),
    scratchDays: new Int32Array(31),
  };
}

/**
 * Generates the windows of one path from `rng` (uniform draws only). A disabled plan
 * gives no windows and draws nothing. The plan must have the same horizon, start and
 * hours as the one the state was created for (or fewer windows).
 */
export function resetPowerPeaks(s: PowerPeakState, plan: PowerPeakPlan, rng: Rng): void {
  s.plan = plan;
  s.n = 0;
  if (!plan.enabled || plan.peakHoursPerMonth <= 0 || plan.months.length === 0) return;
  const start = epochDayFromIso(plan.startDate);
  const end = start + plan.horizonDays;
  const first = new Date(start * 86_400_000);
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth(); // 0-based
  const wanted = Math.ceil(plan.peakHoursPerMonth / plan.windowHours);
  const lastHours = plan.peakHoursPerMonth - (wanted - 1) * plan.windowHours;
  for (;;) {
    const monthStart = Date.UTC(y, m, 1) / 86_400_000;
    if (monthStart > end) break;
    const monthEnd = Date.UTC(y, m + 1, 1) / 86_400_000; // exclusive
    if (plan.months.includes(m + 1)) {
      // Weekdays of the month.
      let nw = 0;
      for (let d = monthStart; d < monthEnd; d++) {
        const wd = weekdayOfEpochDay(d);
        if (wd >= 1 && wd <= 5) s.scratchDays[nw++] = d;
      }
      const k = Math.min(wanted, nw);
      // Partial Fisher–Yates: the first k entries become a uniform random k-subset.
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(rng.double() * (nw - i));
        const t = s.scratchDays[i]!;
        s.scratchDays[i] = s.scratchDays[j]!;
        s.scratchDays[j] = t;
      }
      const interval = plan.fourCp && k > 0 ? Math.floor(rng.double() * k) : -1;
      // Append the k windows sorted by day (insertion into the tail of the arrays).
      const base = s.n;
      let added = 0;
      for (let i = 0; i < k; i++) {
        const d = s.scratchDays[i]!;
        const rel = d - start;
        if (rel < 0 || rel > plan.horizonDays) continue;
        const hours = k === wanted && i === k - 1 ? lastHours : plan.windowHours;
        const flags = (plan.fourCp ? PEAK_FLAG_4CP_CANDIDATE : 0) | (i === interval ? PEAK_FLAG_4CP_INTERVAL : 0);
        let pos = base + added;
        while (pos > base && s.day[pos - 1]! > rel) {
          s.day[pos] = s.day[pos - 1]!;
          s.hours[pos] = s.hours[pos - 1]!;
          s.startHour[pos] = s.startHour[pos - 1]!;
          s.price[pos] = s.price[pos - 1]!;
          s.flags[pos] = s.flags[pos - 1]!;
          pos--;
        }
        s.day[pos] = rel;
        s.hours[pos] = hours;
        s.startHour[pos] = plan.windowStartHour;
        s.price[pos] = plan.peakPriceUsdPerMwh;
        s.flags[pos] = flags;
        added++;
      }
      s.n = base + added;
    }
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
}

/** Index of the first window with day ≥ `day` (or n). */
function firstWindowFrom(s: PowerPeakState, day: number): number {
  let lo = 0;
  let hi = s.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.day[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Fills `out` with the peak window on integer day `day` (days since start) and returns
 * true, or zeroes `out` and returns false when the day has none.
 */
export function peakOnDay(s: PowerPeakState, day: number, out: PeakQuery): boolean {
  const i = firstWindowFrom(s, day);
  if (i < s.n && s.day[i] === day) {
    out.hours = s.hours[i]!;
    out.startHour = s.startHour[i]!;
    out.priceUsdPerMwh = s.price[i]!;
    const f = s.flags[i]!;
    out.fourCpCandidate = (f & PEAK_FLAG_4CP_CANDIDATE) !== 0;
    out.fourCpInterval = (f & PEAK_FLAG_4CP_INTERVAL) !== 0;
    return true;
  }
  out.hours = 0;
  out.startHour = 0;
  out.priceUsdPerMwh = 0;
  out.fourCpCandidate = false;
  out.fourCpInterval = false;
  return false;
}

/** The first day ≥ `day` with a peak window, or +Infinity (for an event scheduler). */
export function nextPeakDay(s: PowerPeakState, day: number): number {
  const i = firstWindowFrom(s, day);
  return i < s.n ? s.day[i]! : Infinity;
}
