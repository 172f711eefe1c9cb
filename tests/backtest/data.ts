/** Shared data of the backtest tests, read from ../shared/data (never copied into the repo). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDifficultyEpochCsv, type DifficultyEpochs } from "../../src/backtest/index.js";
import { parseDailyPriceCsv, type DailyPriceSeries } from "../../src/model/market/index.js";

export const DIFFICULTY_PATH = fileURLToPath(new URL("../../../shared/data/btc_difficulty_epochs_2009_2022.csv", import.meta.url));
export const PRICES_PATH = fileURLToPath(new URL("../../../shared/data/btc_usd_daily_2012_2022.csv", import.meta.url));

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** The shared difficulty epochs and daily prices, parsed (each test file that needs them calls this once). */
export function loadSharedData(): { epochs: DifficultyEpochs; prices: DailyPriceSeries } {
  return {
    epochs: parseDifficultyEpochCsv(readText(DIFFICULTY_PATH), "epochs.csv"),
    prices: parseDailyPriceCsv(readText(PRICES_PATH), "prices.csv"),
  };
}
