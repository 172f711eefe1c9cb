/**
 * `exit`: wind mining down on a schedule and convert sites (DESIGN.md §3).
 *
 * Schedule: the mining fleet (mining + curtailed MW) may not exceed
 * initial mining MW × (1 − (day − start)/D), D = (exitEndDay − exitStartDay)/exitSpeed,
 * so it reaches zero at start + D (exitSpeed 2 halves the wind-down). At each decision
 * the excess over that line is converted to AI as far as the conversion budget and the
 * AI-suitable MW allow (free idle MW are converted first, as budget allows), in blocks of
 * at least `minConversionBlockMw` but for the last (common.ts conversionAmount), and the
 * rest is shut down to idle (sites sold or mothballed, or waiting for the next block).
 * Announced contracts are built on their dates; DR obligations are honoured while mining
 * lasts; what still mines is switched off while it loses money at the miner's power cost
 * (common.ts miningUneconomic).
 */
import type { Actions } from "../actions.js";
import type { Observation } from "../observation.js";
import * as common from "./common.js";
import type { StrategyParams } from "./types.js";

// Module-local copies of imported functions: optimised code reads an imported binding from
// its module cell (with a hole check) at every use (bench/imports.mjs, bench/README.md).
const { conversionAmount, drObligationMw, miningFleetMw, miningUneconomic, startDueContracts } = common;

/** The exit schedule's cap on the mining fleet on `day`, MW. */
export function exitMiningCap(
  initialMiningMw: number,
  day: number,
  startDay: number,
  endDay: number,
  exitSpeed: number,
): number {
  if (day < startDay) return initialMiningMw;
  const duration = (endDay - startDay) / exitSpeed;
  const frac = duration > 0 ? 1 - (day - startDay) / duration : 0;
  return initialMiningMw * (frac > 0 ? frac : 0);
}

export function exit(obs: Readonly<Observation>, params: StrategyParams, out: Actions): void {
  startDueContracts(obs, out, true);
  out.curtailTargetMw = drObligationMw(obs);
  out.economicOff = miningUneconomic(obs);
  if (obs.day < params.exitStartDay) return;
  const cap = exitMiningCap(obs.initialMiningMw, obs.day, params.exitStartDay, params.exitEndDay, obs.exitSpeed);
  const excess = Math.max(0, miningFleetMw(obs) - cap);
  out.convertMw = conversionAmount(obs, params.minConversionBlockMw, excess + obs.idleFreeMw);
  out.miningCapMw = cap;
}
