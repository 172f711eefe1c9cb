/** Shared data of the backtest tests, read from ../shared/data (never copied into the repo). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const DIFFICULTY_PATH = fileURLToPath(new URL("../../../shared/data/btc_difficulty_epochs_2009_2022.csv", import.meta.url));
export const PRICES_PATH = fileURLToPath(new URL("../../../shared/data/btc_usd_daily_2012_2022.csv", import.meta.url));

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
