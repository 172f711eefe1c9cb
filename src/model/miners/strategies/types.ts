/**
 * Strategy kinds and their per-miner parameters (DESIGN.md §3 "Strategies").
 */

/**
 * - `hodl`: keeps mining (never converts) and holds BTC; builds only signed contracts.
 * - `mullet`: AI load firm, mining on the residual MW; curtails when power is worth more
 *   than mining it, and on DR / 4CP events.
 * - `exit`: winds mining down linearly over a schedule and converts sites.
 * - `threshold`: converts when the trailing mining margin stays below the AI alternative
 *   for N days, within a build-rate limit.
 * - `contracted`: builds announced contracts (signed and planned) on their dates, nothing else.
 *
 * Every strategy also switches its mining off while it loses money at the miner's power
 * cost and back on when it pays (common.ts miningUneconomic; CALIBRATION (1) "Shutdown rule").
 */
export type StrategyKind = "hodl" | "mullet" | "exit" | "threshold" | "contracted";

export const STRATEGY_KINDS: readonly StrategyKind[] = Object.freeze([
  "hodl",
  "mullet",
  "exit",
  "threshold",
  "contracted",
]);

/** Per-miner strategy parameters, compiled to simulation days. */
export interface StrategyParams {
  readonly kind: StrategyKind;
  /** `threshold`: days the margin must stay below the AI alternative. */
  readonly thresholdDays: number;
  /** `exit`, `threshold`: smallest discretionary conversion, gross MW. */
  readonly minConversionBlockMw: number;
  /** `exit`: day the wind-down starts. */
  readonly exitStartDay: number;
  /**
   * `exit`: day mining reaches zero at exitSpeed 1. With exit speed s the wind-down lasts
   * (exitEndDay − exitStartDay)/s days from exitStartDay.
   */
  readonly exitEndDay: number;
}
