/**
 * Shared set-up for the engine tests: plans built from the default network calibration,
 * and a loop that runs many seeded paths and copies out the columns a test needs.
 */
import { bitsFromDifficulty, difficultyFromBits } from "../../src/consensus/index.js";
import {
  ChainRecord,
  simulatePath,
  simulateReferencePath,
  type EngineMode,
  type EnginePlan,
  type HashrateSchedule,
} from "../../src/engine/index.js";
import { streamFor } from "../../src/random/index.js";

/** 2026-03-01T00:00:00Z, the default start date (CALIBRATION.md "Proposed default calibration" (1) Network). */
export const START_TIME = Date.UTC(2026, 2, 1) / 1000;
/** Default initial difficulty 133 T (same table). */
export const START_BITS = bitsFromDifficulty(133e12);
/** The hashrate that mines START_BITS blocks every 600 s on average: D·2^32/600 (H/s). */
export const H600 = (difficultyFromBits(START_BITS) * 2 ** 32) / 600;
/** Tip = last block of epoch 467 (height 941,471), so the path starts with a whole epoch. */
export const EPOCH_START_TIP = 2016 * 467 - 1;
export const DAY = 86_400;

export function schedule(times: number[], hashrates: number[]): HashrateSchedule {
  return { times: Float64Array.from(times), hashrates: Float64Array.from(hashrates) };
}

/** A plan starting at the last block of an epoch at START_TIME, bits START_BITS. */
export function basePlan(overrides: Partial<EnginePlan> & { horizon: number }): EnginePlan {
  return {
    startTime: START_TIME,
    startHeight: EPOCH_START_TIP,
    startBits: START_BITS,
    initialHashrate: H600,
    ...overrides,
  };
}

export const simulators: Record<EngineMode, typeof simulatePath> = {
  fast: simulatePath,
  reference: simulateReferencePath,
};

/**
 * Runs paths 0 … paths−1 of `seed` (chain stream streamFor(seed, i, "chain")) with the
 * given engine and calls `collect(record, i)` after each.
 */
export function runPaths(
  mode: EngineMode,
  plan: EnginePlan,
  seed: string,
  paths: number,
  epochCapacity: number,
  collect: (record: ChainRecord, path: number) => void,
): void {
  const out = new ChainRecord(epochCapacity, 4);
  const simulate = simulators[mode];
  for (let i = 0; i < paths; i++) {
    simulate(plan, { chain: streamFor(seed, i, "chain") }, out);
    collect(out, i);
  }
}
