/**
 * Exact replay of history: for every epoch k of the data with both the first and the
 * last block time known (start_time, end_time) and a next row, Core's
 * CalculateNextWorkRequired(nBits_k, start_time_k, end_time_k) (src/consensus, bit for
 * bit; timespan = last − first, 2015 intervals, 4× clamp, powLimit) must give nBits_{k+1}.
 */
import { calculateNextWorkRequired } from "../consensus/index.js";
import type { DifficultyEpochs } from "./epochCsv.js";

/** One epoch whose replay did not reproduce the next bits. */
export interface ReplayMismatch {
  readonly epoch: number;
  readonly expectedBits: number;
  readonly computedBits: number;
}

/** Result of {@link exactReplay}. */
export interface ReplayResult {
  /** Epochs with both timestamps and a next row. */
  readonly checked: number;
  readonly matched: number;
  /** Epoch numbers checked, ascending. */
  readonly epochs: readonly number[];
  readonly mismatches: readonly ReplayMismatch[];
}

/** Replays every retarget the data fully determines (see the file comment). */
export function exactReplay(e: DifficultyEpochs): ReplayResult {
  const epochs: number[] = [];
  const mismatches: ReplayMismatch[] = [];
  for (let r = 0; r + 1 < e.epoch.length; r++) {
    const t0 = e.startTime[r]!;
    const t1 = e.endTime[r]!;
    if (t0 !== t0 || t1 !== t1) continue;
    epochs.push(e.epoch[r]!);
    const computed = calculateNextWorkRequired(e.nbits[r]!, t0, t1);
    if (computed !== e.nbits[r + 1]!) mismatches.push({ epoch: e.epoch[r]!, expectedBits: e.nbits[r + 1]!, computedBits: computed });
  }
  return { checked: epochs.length, matched: epochs.length - mismatches.length, epochs, mismatches };
}
