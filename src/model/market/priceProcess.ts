/**
 * BTC/USD daily price path, exogenous per path, drawn from its own stream. Three models:
 *
 * (a) "gbm": geometric Brownian motion whose volatility switches between a calm and a
 *     stressed regime (a two-state continuous-time Markov chain), plus Merton (1976)
 *     normal log-jumps and an optional fixed-size "crash" jump. Regime switches and jumps
 *     are drawn as exponential waiting times, not daily coin flips (DESIGN.md §3):
 *     - a regime's sojourn is Exponential(rate of leaving it);
 *     - jumps form a Poisson process whose intensity depends on the regime; it is
 *       simulated exactly by a unit-rate exponential "hazard budget" consumed at the
 *       current intensity (a jump fires when the budget is spent, then a new budget is
 *       drawn), so intensity changes at regime switches need no re-drawing.
 *     Within a day, the diffusion of each regime segment is one normal draw with
 *     variance σ_r²·dt (dt in years, σ annual; daily σ = σ/√365, units.ts DAYS_PER_YEAR).
 *     Drift convention (`driftConvention`):
 *     - "arithmetic" (default): μ is the expected arithmetic return; in every regime
 *       E[S(t+dt) | S(t)] = S(t)·e^{μ·dt}. The log drift is
 *       μ − σ_r²/2 − λ_r·(e^{m + s²/2} − 1) − λ_c·(e^{c} − 1)
 *       (Itô correction and Merton's jump compensator; m, s the jump mean and sd, c the
 *       crash log size, λ_c its rate). With μ = 0 the price is a martingale, so its
 *       median falls over time.
 *     - "log": μ is the expected log return per year: log drift = μ − λ_r·m − λ_c·c.
 * (b) "bootstrap": block bootstrap of historical daily log returns (Künsch 1989, moving
 *     blocks): blocks of L consecutive returns starting at offsets drawn uniformly from
 *     [0, n − L]; optionally re-centred to a chosen log drift.
 * (c) "fixed": a given daily price path (backtests). Stepping past its end throws.
 *
 * Scheduled shocks ("−30% on day D") multiply the price on their day, in models (a) and
 * (b). Day 0 is the start price; `stepPriceDay` produces day 1, 2, …
 *
 * The state is a plain mutable object, reset per path without allocation; a step draws
 * one normal per regime segment (almost always one per day) plus a few per jump.
 */
import type { Rng } from "../../random/index.js";
import { exponentialVariate, standardNormal } from "../../random/index.js";
import { DAYS_PER_YEAR } from "../units.js";

/** Model (a): regime-switching GBM with jumps. Rates are per year, σ annualised. */
export interface GbmPriceModel {
  readonly kind: "gbm";
  /** Price on day 0, USD. */
  readonly s0: number;
  /** Drift per year; meaning set by `driftConvention`. */
  readonly muPerYear: number;
  readonly driftConvention: "arithmetic" | "log";
  readonly sigmaCalm: number;
  readonly sigmaStressed: number;
  /** Rate of leaving the calm regime, per year (mean calm spell = 1/rate years). */
  readonly calmToStressedPerYear: number;
  /** Rate of leaving the stressed regime, per year. */
  readonly stressedToCalmPerYear: number;
  /** Merton jump intensity in each regime, per year; log jump ~ N(jumpMeanLog, jumpSdLog²). */
  readonly jumpRateCalmPerYear: number;
  readonly jumpRateStressedPerYear: number;
  readonly jumpMeanLog: number;
  readonly jumpSdLog: number;
  /** Fixed-size crash jumps (both regimes), per year, and their log size (ln 0.7 for −30%). */
  readonly crashRatePerYear: number;
  readonly crashLogSize: number;
  /** Regime on day 0; "stationary" draws it from the chain's stationary law. */
  readonly initialRegime: "calm" | "stressed" | "stationary";
}

/** Model (b): block bootstrap of historical daily log returns. */
export interface BootstrapPriceModel {
  readonly kind: "bootstrap";
  readonly s0: number;
  /** Historical daily log returns (see dailyPriceCsv.ts dailyLogReturns). */
  readonly logReturns: Float64Array;
  readonly blockLengthDays: number;
  /** null: keep the sample's mean; a number: shift every return so the mean log return per year is this. */
  readonly logDriftPerYear: number | null;
}

/** Model (c): a fixed path; prices[d] is the price on day d. */
export interface FixedPriceModel {
  readonly kind: "fixed";
  readonly prices: Float64Array;
}

/** A dated shock: the price on `day` (an integer ≥ 1) is multiplied by e^logReturn. */
export interface ScheduledShock {
  readonly day: number;
  readonly logReturn: number;
  readonly label: string;
}

/** The price part of a market plan. */
export interface PricePlan {
  readonly model: GbmPriceModel | BootstrapPriceModel | FixedPriceModel;
  readonly shocks: readonly ScheduledShock[];
}

/** A shock from a percentage change: −0.3 for "−30% on day D". */
export function shockFromPercent(day: number, change: number, label: string): ScheduledShock {
  if (!(change > -1 && Number.isFinite(change))) throw new RangeError(`shock "${label}": change must be > −1, got ${change}`);
  return { day, logReturn: Math.log1p(change), label };
}

/** Mutable per-path price state. */
export interface PriceState {
  plan: PricePlan;
  /** Current day (0 at reset). */
  day: number;
  logPrice: number;
  price: number;
  /** 0 calm, 1 stressed (gbm only). */
  regime: number;
  /** Absolute time (days) of the next regime switch; +Infinity if none. */
  nextSwitchTime: number;
  /** Remaining unit-rate hazard until the next Merton jump / crash. */
  jumpHazard: number;
  crashHazard: number;
  // Coefficients of the gbm model, per day, by regime (set at reset).
  driftPerDay0: number;
  driftPerDay1: number;
  sigmaPerSqrtDay0: number;
  sigmaPerSqrtDay1: number;
  jumpRatePerDay0: number;
  jumpRatePerDay1: number;
  crashRatePerDay: number;
  leaveRatePerDay0: number;
  leaveRatePerDay1: number;
  // Bootstrap cursor.
  blockPos: number;
  blockLeft: number;
  bootstrapShift: number;
  // Shocks, sorted by day.
  readonly shockDay: Float64Array;
  readonly shockLog: Float64Array;
  nShocks: number;
  nextShock: number;
  /** shockDay[nextShock], or +Infinity when every shock has been applied. */
  nextShockDay: number;
  // Diagnostics since day 0.
  jumpCount: number;
  crashCount: number;
  switchCount: number;
  /** Days spent in the stressed regime. */
  stressedDays: number;
  /** Scratch: the gbm log return of the day being stepped (on a shock day, with the shocks added by addShocks). */
  dayReturn: number;
}

function need(cond: boolean, msg: string): void {
  if (!cond) throw new RangeError(`price plan: ${msg}`);
}
const finiteNonNeg = (v: number): boolean => Number.isFinite(v) && v >= 0;

/** Throws a RangeError naming the first invalid field. */
export function validatePricePlan(plan: PricePlan): void {
  const m = plan.model;
  if (m.kind === "gbm") {
    need(Number.isFinite(m.s0) && m.s0 > 0, `s0 must be finite > 0, got ${m.s0}`);
    need(Number.isFinite(m.muPerYear), `muPerYear must be finite, got ${m.muPerYear}`);
    need(m.driftConvention === "arithmetic" || m.driftConvention === "log", `driftConvention must be "arithmetic" or "log"`);
    need(finiteNonNeg(m.sigmaCalm), `sigmaCalm must be finite >= 0, got ${m.sigmaCalm}`);
    need(finiteNonNeg(m.sigmaStressed), `sigmaStressed must be finite >= 0, got ${m.sigmaStressed}`);
    need(finiteNonNeg(m.calmToStressedPerYear), `calmToStressedPerYear must be finite >= 0`);
    need(finiteNonNeg(m.stressedToCalmPerYear), `stressedToCalmPerYear must be finite >= 0`);
    need(finiteNonNeg(m.jumpRateCalmPerYear), `jumpRateCalmPerYear must be finite >= 0`);
    need(finiteNonNeg(m.jumpRateStressedPerYear), `jumpRateStressedPerYear must be finite >= 0`);
    need(Number.isFinite(m.jumpMeanLog), `jumpMeanLog must be finite`);
    need(finiteNonNeg(m.jumpSdLog), `jumpSdLog must be finite >= 0`);
    need(finiteNonNeg(m.crashRatePerYear), `crashRatePerYear must be finite >= 0`);
    need(Number.isFinite(m.crashLogSize), `crashLogSize must be finite`);
    need(
      m.initialRegime === "calm" || m.initialRegime === "stressed" || m.initialRegime === "stationary",
      `initialRegime must be "calm", "stressed" or "stationary"`,
    );
    need(
      m.initialRegime !== "stationary" || m.calmToStressedPerYear + m.stressedToCalmPerYear > 0,
      `initialRegime "stationary" needs a positive switching rate`,
    );
  } else if (m.kind === "bootstrap") {
    need(Number.isFinite(m.s0) && m.s0 > 0, `s0 must be finite > 0, got ${m.s0}`);
    need(
      Number.isInteger(m.blockLengthDays) && m.blockLengthDays >= 1,
      `blockLengthDays must be an integer >= 1, got ${m.blockLengthDays}`,
    );
    need(
      m.logReturns.length >= m.blockLengthDays,
      `bootstrap needs at least blockLengthDays (${m.blockLengthDays}) returns, got ${m.logReturns.length}`,
    );
    for (let i = 0; i < m.logReturns.length; i++) need(Number.isFinite(m.logReturns[i]!), `logReturns[${i}] is not finite`);
    need(m.logDriftPerYear === null || Number.isFinite(m.logDriftPerYear), `logDriftPerYear must be null or finite`);
  } else if (m.kind === "fixed") {
    need(m.prices.length >= 1, `a fixed path needs at least one price`);
    for (let i = 0; i < m.prices.length; i++) {
      const p = m.prices[i]!;
      need(Number.isFinite(p) && p > 0, `fixed price on day ${i} must be finite > 0, got ${p}`);
    }
    need(plan.shocks.length === 0, `scheduled shocks do not apply to a fixed path (it is data)`);
  } else {
    throw new RangeError(`price plan: unknown model kind`);
  }
  for (const s of plan.shocks) {
    need(Number.isInteger(s.day) && s.day >= 1, `shock "${s.label}": day must be an integer >= 1, got ${s.day}`);
    need(Number.isFinite(s.logReturn), `shock "${s.label}": logReturn must be finite`);
  }
}

/** Allocates a price state for `plan` (validated). Call {@link resetPrice} before use. */
export function createPriceState(plan: PricePlan): PriceState {
  validatePricePlan(plan);
  const n = plan.shocks.length;
  return {
    plan,
    day: 0,
    logPrice: 0,
    price: 0,
    regime: 0,
    nextSwitchTime: Infinity,
    jumpHazard: Infinity,
    crashHazard: Infinity,
    driftPerDay0: 0,
    driftPerDay1: 0,
    sigmaPerSqrtDay0: 0,
    sigmaPerSqrtDay1: 0,
    jumpRatePerDay0: 0,
    jumpRatePerDay1: 0,
    crashRatePerDay: 0,
    leaveRatePerDay0: 0,
    leaveRatePerDay1: 0,
    blockPos: 0,
    blockLeft: 0,
    bootstrapShift: 0,
    shockDay: new Float64Array(n),
    shockLog: new Float64Array(n),
    nShocks: 0,
    nextShock: 0,
    nextShockDay: Infinity,
    jumpCount: 0,
    crashCount: 0,
    switchCount: 0,
    stressedDays: 0,
    dayReturn: 0.5,
  };
}

/** Log drift per year of regime r under the plan's convention. */
function logDriftPerYear(m: GbmPriceModel, sigma: number, jumpRate: number): number {
  if (m.driftConvention === "log") {
    return m.muPerYear - jumpRate * m.jumpMeanLog - m.crashRatePerYear * m.crashLogSize;
  }
  const kJump = Math.expm1(m.jumpMeanLog + 0.5 * m.jumpSdLog * m.jumpSdLog);
  const kCrash = Math.expm1(m.crashLogSize);
  return m.muPerYear - 0.5 * sigma * sigma - jumpRate * kJump - m.crashRatePerYear * kCrash;
}

/**
 * Resets `s` to day 0 of `plan` (the same plan it was created for, or one with no more
 * shocks), drawing the initial regime and waiting times from `rng`. No allocation
 * (the shocks are sorted in place by insertion).
 */
export function resetPrice(s: PriceState, plan: PricePlan, rng: Rng): void {
  if (plan.shocks.length > s.shockDay.length) throw new RangeError("resetPrice: plan has more shocks than this state holds");
  s.plan = plan;
  s.day = 0;
  s.jumpCount = 0;
  s.crashCount = 0;
  s.switchCount = 0;
  s.stressedDays = 0;
  // Shocks sorted by day (stable insertion sort).
  const n = plan.shocks.length;
  for (let i = 0; i < n; i++) {
    const sh = plan.shocks[i]!;
    let k = i - 1;
    while (k >= 0 && s.shockDay[k]! > sh.day) {
      s.shockDay[k + 1] = s.shockDay[k]!;
      s.shockLog[k + 1] = s.shockLog[k]!;
      k--;
    }
    s.shockDay[k + 1] = sh.day;
    s.shockLog[k + 1] = sh.logReturn;
  }
  s.nShocks = n;
  s.nextShock = 0;
  s.nextShockDay = n > 0 ? s.shockDay[0]! : Infinity;
  s.regime = 0;
  s.nextSwitchTime = Infinity;
  s.jumpHazard = Infinity;
  s.crashHazard = Infinity;
  s.blockPos = 0;
  s.blockLeft = 0;
  s.bootstrapShift = 0;
  const m = plan.model;
  if (m.kind === "gbm") {
    s.logPrice = Math.log(m.s0);
    s.driftPerDay0 = logDriftPerYear(m, m.sigmaCalm, m.jumpRateCalmPerYear) / DAYS_PER_YEAR;
    s.driftPerDay1 = logDriftPerYear(m, m.sigmaStressed, m.jumpRateStressedPerYear) / DAYS_PER_YEAR;
    s.sigmaPerSqrtDay0 = m.sigmaCalm / Math.sqrt(DAYS_PER_YEAR);
    s.sigmaPerSqrtDay1 = m.sigmaStressed / Math.sqrt(DAYS_PER_YEAR);
    s.jumpRatePerDay0 = m.jumpRateCalmPerYear / DAYS_PER_YEAR;
    s.jumpRatePerDay1 = m.jumpRateStressedPerYear / DAYS_PER_YEAR;
    s.crashRatePerDay = m.crashRatePerYear / DAYS_PER_YEAR;
    s.leaveRatePerDay0 = m.calmToStressedPerYear / DAYS_PER_YEAR;
    s.leaveRatePerDay1 = m.stressedToCalmPerYear / DAYS_PER_YEAR;
    if (m.initialRegime === "stressed") s.regime = 1;
    else if (m.initialRegime === "stationary") {
      const pStressed = m.calmToStressedPerYear / (m.calmToStressedPerYear + m.stressedToCalmPerYear);
      s.regime = rng.double() < pStressed ? 1 : 0;
    }
    const leave = s.regime === 0 ? s.leaveRatePerDay0 : s.leaveRatePerDay1;
    s.nextSwitchTime = leave > 0 ? exponentialVariate(rng, leave) : Infinity;
    s.jumpHazard = exponentialVariate(rng);
    s.crashHazard = exponentialVariate(rng);
  } else if (m.kind === "bootstrap") {
    s.logPrice = Math.log(m.s0);
    if (m.logDriftPerYear !== null) {
      let sum = 0;
      for (let i = 0; i < m.logReturns.length; i++) sum += m.logReturns[i]!;
      s.bootstrapShift = m.logDriftPerYear / DAYS_PER_YEAR - sum / m.logReturns.length;
    }
  } else {
    s.logPrice = Math.log(m.prices[0]!);
  }
  s.price = m.kind === "fixed" ? m.prices[0]! : m.s0;
}

/**
 * The log return of day s.day → s.day + 1 under model (a), left in s.dayReturn: diffusion
 * per regime segment, jumps and crashes whose hazard budgets run out inside the day,
 * regime switches at their drawn times.
 */
function gbmDayLogReturn(s: PriceState, m: GbmPriceModel, rng: Rng): void {
  let t = s.day;
  const tEnd = t + 1;
  let ret = 0;
  for (;;) {
    const r = s.regime;
    const segEnd = s.nextSwitchTime < tEnd ? s.nextSwitchTime : tEnd;
    const dt = segEnd - t;
    if (dt > 0) {
      const drift = r === 0 ? s.driftPerDay0 : s.driftPerDay1;
      const sig = r === 0 ? s.sigmaPerSqrtDay0 : s.sigmaPerSqrtDay1;
      ret += drift * dt;
      if (sig > 0) ret += sig * Math.sqrt(dt) * standardNormal(rng);
      if (r === 1) s.stressedDays += dt;
      const jr = r === 0 ? s.jumpRatePerDay0 : s.jumpRatePerDay1;
      if (jr > 0) {
        let budget = jr * dt;
        while (s.jumpHazard <= budget) {
          budget -= s.jumpHazard;
          ret += m.jumpMeanLog + m.jumpSdLog * standardNormal(rng);
          s.jumpCount++;
          s.jumpHazard = exponentialVariate(rng);
        }
        s.jumpHazard -= budget;
      }
      const cr = s.crashRatePerDay;
      if (cr > 0) {
        let budget = cr * dt;
        while (s.crashHazard <= budget) {
          budget -= s.crashHazard;
          ret += m.crashLogSize;
          s.crashCount++;
          s.crashHazard = exponentialVariate(rng);
        }
        s.crashHazard -= budget;
      }
    }
    if (s.nextSwitchTime >= tEnd) break;
    // Regime switch at segEnd; draw the sojourn in the new regime.
    const nr = 1 - r;
    s.regime = nr;
    s.switchCount++;
    const leave = nr === 0 ? s.leaveRatePerDay0 : s.leaveRatePerDay1;
    s.nextSwitchTime = leave > 0 ? segEnd + exponentialVariate(rng, leave) : Infinity;
    t = segEnd;
  }
  s.dayReturn = ret;
}

/**
 * Advances the price one day and returns the new price (USD). Draws from `rng`
 * (gbm: normals and exponentials; bootstrap: one uniform per block; fixed: nothing).
 * Throws a RangeError when a fixed path has no price for the new day.
 */
export function stepPriceDay(s: PriceState, rng: Rng): number {
  advancePriceDay(s, rng);
  return s.price;
}

/**
 * {@link stepPriceDay} without the return value (read s.price): for a hot loop, where a
 * number returned from a call that is not inlined costs an allocation.
 */
export function advancePriceDay(s: PriceState, rng: Rng): void {
  const m = s.plan.model;
  if (m.kind === "gbm") {
    // The day's log return goes through the state (s.dayReturn), not a return value: a
    // number returned from a call that is not inlined is boxed (an allocation per day).
    gbmDayLogReturn(s, m, rng);
    applyDayReturn(s, s.day + 1, s.dayReturn);
  } else {
    otherModelDay(s, m, rng);
  }
}

/**
 * Adds the day's scheduled shocks to `ret` and moves the state to `day`. Shocks are rare
 * (most plans have none): one comparison with nextShockDay here, the loop in
 * {@link addShocks}, so that this daily function stays small enough for V8 to inline into
 * the daily tick.
 */
function applyDayReturn(s: PriceState, day: number, ret: number): void {
  if (day >= s.nextShockDay) {
    // Through the state, not an argument and a return value: numbers passed to and
    // returned from a call that is not inlined are boxed.
    s.dayReturn = ret;
    addShocks(s, day);
    ret = s.dayReturn;
  }
  s.day = day;
  s.logPrice += ret;
  s.price = Math.exp(s.logPrice);
}

/** Adds the shocks due by `day` to s.dayReturn, in order, and moves nextShock and nextShockDay past them. */
function addShocks(s: PriceState, day: number): void {
  let ret = s.dayReturn;
  while (s.nextShock < s.nShocks && s.shockDay[s.nextShock]! <= day) {
    ret += s.shockLog[s.nextShock]!;
    s.nextShock++;
  }
  s.dayReturn = ret;
  s.nextShockDay = s.nextShock < s.nShocks ? s.shockDay[s.nextShock]! : Infinity;
}

/** One day of the bootstrap and fixed models. */
function otherModelDay(s: PriceState, m: BootstrapPriceModel | FixedPriceModel, rng: Rng): void {
  const day = s.day + 1;
  if (m.kind === "bootstrap") {
    if (s.blockLeft === 0) {
      const L = m.blockLengthDays;
      s.blockPos = Math.floor(rng.double() * (m.logReturns.length - L + 1));
      s.blockLeft = L;
    }
    const ret = m.logReturns[s.blockPos++]! + s.bootstrapShift;
    s.blockLeft--;
    applyDayReturn(s, day, ret);
    return;
  }
  if (day >= m.prices.length) {
    throw new RangeError(
      `fixed price path has ${m.prices.length} days (day 0 to ${m.prices.length - 1}); no price for day ${day}`,
    );
  }
  s.day = day;
  s.logPrice = Math.log(m.prices[day]!);
  s.price = m.prices[day]!;
}
