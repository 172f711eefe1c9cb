/**
 * Cohorts of network hardware (everyone not modelled by name), stored as columns of
 * preallocated typed arrays so that a path reuses the same memory.
 *
 * A cohort is a block of installed hashrate with one efficiency (J/TH) whose power cost
 * is spread uniformly over a band [powerCostLo, powerCostHi] in $/MWh (a point when the
 * two are equal). The band is how the fleet represents a bucket of the miners' power-cost
 * distribution: a bucket between two quantiles of the lognormal of CALIBRATION.md (1)
 * "Miner power-cost distribution", with the cost assumed uniform inside it. This is a
 * modelling choice (a piecewise-uniform approximation of the distribution); it makes the
 * supply curve piecewise linear and continuous instead of a staircase.
 */

/** One cohort as given in a plan (immutable input). */
export interface CohortSpec {
  /** Efficiency, J/TH (> 0). */
  readonly jPerTh: number;
  /** Installed hashrate, EH/s (≥ 0). */
  readonly installedEh: number;
  /** Lower edge of the cohort's power-cost band, $/MWh (≥ 0). */
  readonly powerCostLo: number;
  /** Upper edge of the band, $/MWh (≥ powerCostLo; equal for a single cost). */
  readonly powerCostHi: number;
}

/** The mutable cohort table of one path. Entries [0, n) are live; order is arbitrary. */
export interface Cohorts {
  readonly capacity: number;
  n: number;
  readonly jPerTh: Float64Array;
  readonly eh: Float64Array;
  readonly costLo: Float64Array;
  readonly costHi: Float64Array;
  /**
   * Day since which the cohort has been entirely unprofitable (hashprice below the
   * breakeven of its cheapest power), NaN while it is not. Updated at growth events.
   */
  readonly unprofitableSince: Float64Array;
  /**
   * Hashprice ($/PH/day) at or above which the retirement check of a growth event changes
   * nothing: the highest cheapest-power breakeven of the cohorts when none is marked
   * unprofitable, +Infinity when unknown (every function here that changes the cohorts'
   * breakevens or marks sets it so; fleetGrowth.ts sets it after each check).
   */
  retireCheckFrom: number;
  /**
   * After a check that left some cohorts marked (retireCheckFrom = +Infinity then): the
   * next check changes nothing either while hashprice is in [retireMarkedFrom,
   * retireCheckBelow) — every unmarked cohort still covers its cheapest power (their
   * highest breakeven is retireMarkedFrom) and no marked one does (their lowest breakeven
   * is retireCheckBelow) — and no marked cohort is due (day − retireMarkedSince, the
   * earliest mark, below retireAfterDays). retireCheckBelow = −Infinity (an empty range)
   * whenever retireCheckFrom is reset to +Infinity by a change of the cohorts.
   */
  retireMarkedFrom: number;
  /** Bumped by every function here that changes the table (a key for caches of derived values). */
  version: number;
  retireCheckBelow: number;
  retireMarkedSince: number;
}

/** Allocates an empty cohort table able to hold `capacity` cohorts. */
export function createCohorts(capacity: number): Cohorts {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`cohort capacity must be a positive integer, got ${capacity}`);
  }
  return {
    capacity,
    n: 0,
    jPerTh: new Float64Array(capacity),
    eh: new Float64Array(capacity),
    costLo: new Float64Array(capacity),
    costHi: new Float64Array(capacity),
    unprofitableSince: new Float64Array(capacity).fill(NaN),
    retireCheckFrom: Infinity,
    retireMarkedFrom: Infinity,
    retireCheckBelow: -Infinity,
    retireMarkedSince: Infinity,
    version: 0,
  };
}

/** Throws a RangeError naming `where` unless the cohort spec is valid. */
export function validateCohortSpec(spec: CohortSpec, where: string): void {
  if (!(Number.isFinite(spec.jPerTh) && spec.jPerTh > 0)) {
    throw new RangeError(`${where}: jPerTh must be a finite number > 0, got ${spec.jPerTh}`);
  }
  if (!(Number.isFinite(spec.installedEh) && spec.installedEh >= 0)) {
    throw new RangeError(`${where}: installedEh must be a finite number >= 0, got ${spec.installedEh}`);
  }
  if (!(Number.isFinite(spec.powerCostLo) && spec.powerCostLo >= 0)) {
    throw new RangeError(`${where}: powerCostLo must be a finite number >= 0, got ${spec.powerCostLo}`);
  }
  if (!(Number.isFinite(spec.powerCostHi) && spec.powerCostHi >= spec.powerCostLo)) {
    throw new RangeError(
      `${where}: powerCostHi must be finite and >= powerCostLo (${spec.powerCostLo}), got ${spec.powerCostHi}`,
    );
  }
}

/**
 * What every change of the table's cohorts or breakevens does to the state derived from
 * them: a new version (caches keyed by it refresh) and no retirement check skipped until the
 * next check has run (fleetGrowth.ts sets retireCheckFrom … again).
 */
function tableChanged(c: Cohorts): void {
  c.version++;
  c.retireCheckFrom = Infinity;
  c.retireCheckBelow = -Infinity;
}

/** Removes every cohort. */
export function clearCohorts(c: Cohorts): void {
  c.n = 0;
  tableChanged(c);
}

/**
 * Adds `eh` EH/s of hardware at `jPerTh` with the cost band [lo, hi] and returns its index.
 *
 * If a live cohort has the same band and an efficiency within `mergeTolerance`
 * (relative), the hardware joins it and the cohort's efficiency becomes the EH-weighted
 * mean (so its power draw, EH × J/TH, is conserved). When the table is full the
 * hardware joins the cohort with the same band and the nearest efficiency, or failing
 * that the nearest efficiency overall (a documented approximation that keeps memory
 * bounded; the default capacities are far above what a 10-year path needs).
 */
export function addCohort(c: Cohorts, jPerTh: number, eh: number, lo: number, hi: number, mergeTolerance: number): number {
  let best = -1;
  let bestDist = Infinity;
  let nearestAny = -1;
  let nearestAnyDist = Infinity;
  for (let i = 0; i < c.n; i++) {
    const dist = Math.abs(c.jPerTh[i]! - jPerTh) / jPerTh;
    if (dist < nearestAnyDist) {
      nearestAnyDist = dist;
      nearestAny = i;
    }
    if (c.costLo[i] === lo && c.costHi[i] === hi && dist < bestDist) {
      bestDist = dist;
      best = i;
    }
  }
  tableChanged(c);
  let target = -1;
  if (best >= 0 && bestDist <= mergeTolerance) target = best;
  else if (c.n >= c.capacity) target = best >= 0 ? best : nearestAny;
  if (target >= 0) {
    const old = c.eh[target]!;
    const total = old + eh;
    if (total > 0) c.jPerTh[target] = (c.jPerTh[target]! * old + jPerTh * eh) / total;
    c.eh[target] = total;
    return target;
  }
  const i = c.n++;
  c.jPerTh[i] = jPerTh;
  c.eh[i] = eh;
  c.costLo[i] = lo;
  c.costHi[i] = hi;
  c.unprofitableSince[i] = NaN;
  return i;
}

/**
 * Removes cohort `i`; the last cohort takes its slot. Returns the old index of the cohort
 * that moved into slot i, or −1 when i was the last.
 */
export function removeCohort(c: Cohorts, i: number): number {
  const last = c.n - 1;
  c.n = last;
  tableChanged(c);
  if (i === last) return -1;
  c.jPerTh[i] = c.jPerTh[last]!;
  c.eh[i] = c.eh[last]!;
  c.costLo[i] = c.costLo[last]!;
  c.costHi[i] = c.costHi[last]!;
  c.unprofitableSince[i] = c.unprofitableSince[last]!;
  return last;
}

/** Copies the live cohorts of `src` into `dst` (capacity permitting). Allocation-free. */
export function copyCohorts(dst: Cohorts, src: Cohorts): void {
  if (src.n > dst.capacity) throw new RangeError(`copyCohorts: ${src.n} cohorts do not fit a capacity of ${dst.capacity}`);
  const n = src.n;
  dst.version++;
  dst.n = n;
  dst.retireCheckFrom = src.retireCheckFrom;
  dst.retireMarkedFrom = src.retireMarkedFrom;
  dst.retireCheckBelow = src.retireCheckBelow;
  dst.retireMarkedSince = src.retireMarkedSince;
  dst.jPerTh.set(src.jPerTh.subarray(0, n));
  dst.eh.set(src.eh.subarray(0, n));
  dst.costLo.set(src.costLo.subarray(0, n));
  dst.costHi.set(src.costHi.subarray(0, n));
  dst.unprofitableSince.set(src.unprofitableSince.subarray(0, n));
}

/** Multiplies every cohort's installed EH/s by `factor` (a permanent exit of a share). */
export function scaleCohorts(c: Cohorts, factor: number): void {
  c.version++;
  for (let i = 0; i < c.n; i++) c.eh[i] = c.eh[i]! * factor;
}

/** Total installed EH/s. */
export function installedEh(c: Cohorts): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += c.eh[i]!;
  return s;
}

/** Power drawn by all installed hardware if it all ran, in MW (1 EH/s at e J/TH = e MW). */
export function installedPowerMw(c: Cohorts): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += c.eh[i]! * c.jPerTh[i]!;
  return s;
}
