/**
 * Naive forecasts of the same epochs, as a yardstick for the model's figures (a forecast
 * evaluation reports what a trivial forecast scores on the same data): both use only the
 * data up to the epoch open at `from`, like the model.
 * - persistence: every compared epoch keeps the difficulty of the epoch open at the start;
 * - trend: the per-epoch growth of the year before continues, D_k = D_0 · r^k with
 *   r = (D_0 / D_−26)^(1/26) (26 epochs ≈ one year; k the epoch's slot). NaN when the data
 *   hold no epoch 26 before the start.
 * Scored like the model's median: MAPE and mean bias over the compared (non-input) rows.
 */
import type { DifficultyEpochs } from "./epochCsv.js";
import { mape, meanRelativeBias } from "./metrics.js";
import type { BacktestEpochRow } from "./runBacktest.js";

/** Epochs over which the trend baseline measures the growth rate (≈ one year). */
export const TREND_EPOCHS = 26;

/** One baseline's figures (fractions). */
export interface BaselineFigures {
  readonly mapeMedian: number;
  readonly meanBias: number;
}

/** The baselines' figures over the compared rows. */
export interface BacktestBaselines {
  readonly persistence: BaselineFigures;
  /** NaN figures when the data start less than {@link TREND_EPOCHS} epochs before the start. */
  readonly trend: BaselineFigures & { readonly growthPerEpoch: number };
}

/** Scores the baselines on `rows` (from runBacktest) of a backtest whose start epoch is row `startRow` of `epochs`. */
export function naiveBaselines(epochs: DifficultyEpochs, startRow: number, rows: readonly BacktestEpochRow[]): BacktestBaselines {
  const d0 = epochs.difficulty[startRow]!;
  const back = startRow - TREND_EPOCHS;
  const r = back >= 0 ? Math.pow(d0 / epochs.difficulty[back]!, 1 / TREND_EPOCHS) : NaN;
  const cmp = rows.filter((x) => !x.input);
  const actual = cmp.map((x) => x.actualDifficultyT);
  const persistence = cmp.map(() => d0 / 1e12);
  const trend = cmp.map((x) => (d0 / 1e12) * Math.pow(r, x.slot));
  return {
    persistence: { mapeMedian: mape(actual, persistence), meanBias: meanRelativeBias(actual, persistence) },
    trend: { mapeMedian: mape(actual, trend), meanBias: meanRelativeBias(actual, trend), growthPerEpoch: r - 1 },
  };
}
