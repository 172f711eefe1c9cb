/**
 * Test helpers: a minimal reference path loop that drives one miner the way the engine's
 * path loop is meant to (accrue → advanceContracts → observe → runStrategy →
 * applyActions), with weekly decisions plus the miner's own event days, and small fake
 * generators for crafted tests.
 */
import type { Rng } from "../../../src/random/index.js";
import type { Actions, MarketView, MinerState, Observation } from "../../../src/model/miners/index.js";
import {
  accrue,
  advanceContracts,
  applyActions,
  createAccrualInterval,
  createActions,
  createMarketView,
  createObservation,
  nextMinerEventDay,
  observe,
  runStrategy,
} from "../../../src/model/miners/index.js";

/** A generator that always returns `u` (deterministic crafted tests). */
export function constRng(u: number): Rng {
  return { double: () => u };
}

/** A generator that returns `values` in order, then `fallback` forever. */
export function seqRng(values: readonly number[], fallback = 0.5): Rng {
  let i = 0;
  return { double: () => (i < values.length ? values[i++]! : fallback) };
}

export interface DriveOptions {
  /** Horizon, days. */
  readonly days: number;
  /** Days between routine decisions. */
  readonly decisionEvery?: number;
  /** Hashprice in $/PH/day, constant within each integer day [d, d+1). */
  readonly hashprice: (day: number) => number;
  readonly btcPriceUsd?: number;
  /** Set market fields (rt price, DR, 4CP, lease rate) for a decision at `day`. */
  readonly market?: (day: number, view: MarketView) => void;
  /** Called after each decision (for assertions along the path). */
  readonly onDecision?: (miner: MinerState, obs: Observation, actions: Actions) => void;
  /** Called between observe and the strategy (the observation as the strategy gets it). */
  readonly afterObserve?: (obs: Observation) => void;
  /** Called between the strategy and applyActions (the decision before it is carried out). */
  readonly beforeApply?: (obs: Observation, actions: Actions) => void;
}

/** ∫ hp over [a, b] for an hp constant on integer days. */
export function integrate(hp: (day: number) => number, a: number, b: number): number {
  let total = 0;
  let t = a;
  while (t < b) {
    const next = Math.min(b, Math.floor(t) + 1);
    total += hp(Math.floor(t)) * (next - t);
    t = next;
  }
  return total;
}

/** Drive a reset miner from day 0 to `days`. Returns the number of decision events. */
export function drive(miner: MinerState, rng: Rng, opts: DriveOptions): number {
  const every = opts.decisionEvery ?? 7;
  const price = opts.btcPriceUsd ?? 70_000;
  const iv = createAccrualInterval();
  const view = createMarketView();
  const obs = createObservation();
  const actions = createActions(miner.spec.slotCapacity);
  let t = 0;
  let nextRoutine = 0;
  let decisions = 0;
  for (;;) {
    // Accrue up to t at the state that held since the last event.
    iv.fromDay = miner.ledger.lastDay;
    iv.toDay = t;
    iv.hashpriceUsdIntegral = integrate(opts.hashprice, iv.fromDay, t);
    iv.hashpriceBtcIntegral = iv.hashpriceUsdIntegral / price;
    iv.rtPowerUsdPerMwh = view.rtPowerUsdPerMwh;
    accrue(miner, iv);
    advanceContracts(miner, t, rng);
    if (t >= opts.days) break;
    view.day = t;
    view.hashpriceUsdPerPhDay = opts.hashprice(Math.floor(t));
    view.btcPriceUsd = price;
    view.rtPowerUsdPerMwh = Number.NaN;
    view.drEvent = false;
    view.fourCpEvent = false;
    view.aiLeaseUsdPerItMwYr = Number.NaN;
    opts.market?.(t, view);
    observe(miner, view, obs);
    opts.afterObserve?.(obs);
    runStrategy(obs, miner.spec.strategy, actions);
    opts.beforeApply?.(obs, actions);
    applyActions(miner, obs, actions, rng);
    decisions += 1;
    opts.onDecision?.(miner, obs, actions);
    if (t >= nextRoutine) nextRoutine = t + every;
    t = Math.min(nextRoutine, nextMinerEventDay(miner, t), opts.days);
  }
  return decisions;
}
