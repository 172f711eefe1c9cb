/**
 * Runs a backtest in-process: `paths` model paths of a {@link BacktestPlan} (exact
 * quantiles, sorted per epoch), compared epoch by epoch with the actual difficulty.
 *
 * Epoch alignment: simulated epoch slot k (slot 0 = the epoch open at the start, whose
 * difficulty is an input) ↔ actual epoch startEpoch + k. Compared epochs: k ≥ 1 whose
 * actual epoch started on or before `to` (start_time < 00:00 UTC of the day after `to`)
 * and that at least one path reached. Bands: 50% = [q25, q75], 90% = [q05, q95] of the
 * paths that reached the epoch (type-7 quantiles; the row reports how many reached it).
 *
 * Parameter uncertainty: when the plan's prior is active (paramPrior.ts), path i runs
 * with its own growth parameters drawn from streamFor(seed, i, "backtest.prior"), i.e. on
 * a plan of its own (one model per path; a backtest is small). Otherwise every path runs
 * the plan itself.
 */
import { SECONDS_PER_DAY } from "../model/units.js";
import { EPOCH_FIELDS, allocatePathRecord, clearPathRecord, createPathModel, unixFromIsoDate, type ModelPlan } from "../model/path/index.js";
import type { BacktestPlan } from "./backtestPlan.js";
import type { DifficultyEpochs } from "./epochCsv.js";
import { drawPathGrowth, priorIsActive } from "./paramPrior.js";
import { initialOrderBook } from "./initialOrderBook.js";
import { naiveBaselines, type BacktestBaselines } from "./baselines.js";
import { bandCoverage, mape, meanRelativeBias, sortedQuantile } from "./metrics.js";

/** One compared (or input) epoch. Difficulties in T (1e12). */
export interface BacktestEpochRow {
  /** Simulated slot k. */
  readonly slot: number;
  readonly epoch: number;
  readonly startHeight: number;
  /** Actual start time of the epoch, ISO UTC ("" when unknown). */
  readonly actualStart: string;
  readonly actualDifficultyT: number;
  readonly simP05: number;
  readonly simP25: number;
  readonly simMedian: number;
  readonly simP75: number;
  readonly simP95: number;
  /** Paths that reached this epoch before the horizon. */
  readonly pathsReached: number;
  /** True for slot 0, whose difficulty is the given initial state (not in the metrics). */
  readonly input: boolean;
}

/** Summary figures over the compared epochs (fractions, not %). */
export interface BacktestSummary {
  readonly epochsCompared: number;
  readonly mapeMedian: number;
  readonly coverage50: number;
  readonly coverage90: number;
  readonly meanBias: number;
}

/** The summary figures of the compared epochs that started in one calendar year (UTC). */
export interface BacktestYearSummary {
  readonly year: number;
  readonly summary: BacktestSummary;
}

/** Result of {@link runBacktest}. */
export interface BacktestResult {
  readonly rows: readonly BacktestEpochRow[];
  readonly summary: BacktestSummary;
  /** {@link summary} per calendar year of the epochs' actual start, in year order. */
  readonly byYear: readonly BacktestYearSummary[];
  /** Naive forecasts of the same epochs scored the same way (baselines.ts). */
  readonly baselines: BacktestBaselines;
  readonly paths: number;
  readonly seed: string;
}

/** Simulates `paths` paths of `bp` with `seed` and compares them with `epochs`. */
export function runBacktest(bp: BacktestPlan, epochs: DifficultyEpochs, paths: number, seed: string): BacktestResult {
  if (!(Number.isInteger(paths) && paths >= 1)) throw new RangeError(`backtest: paths must be an integer >= 1, got ${paths}`);
  const model = createPathModel(bp.plan);
  const M = model.layout.maxEpochs;
  const record = allocatePathRecord(model.layout);
  // diff[k·paths + i]: difficulty of slot k on path i (NaN if not reached).
  const diff = new Float64Array(M * paths).fill(NaN);
  const base = EPOCH_FIELDS.difficulty * M;
  const drawn = priorIsActive(bp.prior);
  for (let i = 0; i < paths; i++) {
    clearPathRecord(record);
    if (drawn) {
      // Same layout: only the growth parameters and the order book they rebuild differ
      // between the path's plan and bp.plan.
      createPathModel(pathPlan(bp, seed, i)).simulatePath(seed, i, record);
    } else {
      model.simulatePath(seed, i, record);
    }
    for (let k = 0; k < M; k++) diff[k * paths + i] = record.epochs[base + k]!;
  }
  // 00:00 UTC of the day after `to`: epochs that started before it are compared.
  const endTime = unixFromIsoDate(bp.to, "to") + SECONDS_PER_DAY;
  const rows: BacktestEpochRow[] = [];
  const scratch = new Float64Array(paths);
  for (let k = 0; k < M; k++) {
    const row = bp.startRow + k;
    if (row >= epochs.epoch.length) break;
    const st = epochs.startTime[row]!;
    if (k > 0 && !(st < endTime)) break;
    let n = 0;
    for (let i = 0; i < paths; i++) {
      const v = diff[k * paths + i]!;
      if (v === v) scratch[n++] = v;
    }
    if (n === 0 && k > 0) break;
    const s = scratch.subarray(0, n).sort();
    rows.push({
      slot: k,
      epoch: epochs.epoch[row]!,
      startHeight: epochs.startHeight[row]!,
      actualStart: st === st ? new Date(st * 1000).toISOString().replace(".000Z", "Z") : "",
      actualDifficultyT: epochs.difficulty[row]! / 1e12,
      simP05: sortedQuantile(s, n, 0.05),
      simP25: sortedQuantile(s, n, 0.25),
      simMedian: sortedQuantile(s, n, 0.5),
      simP75: sortedQuantile(s, n, 0.75),
      simP95: sortedQuantile(s, n, 0.95),
      pathsReached: n,
      input: k === 0,
    });
  }
  return { rows, summary: summarise(rows), byYear: summariseByYear(rows), baselines: naiveBaselines(epochs, bp.startRow, rows), paths, seed };
}

/** The model plan of path `pathIndex`: bp.plan with the path's drawn growth parameters (paramPrior.ts). */
export function pathPlan(bp: BacktestPlan, seed: string, pathIndex: number): ModelPlan {
  const growth = drawPathGrowth(bp.plan.fleet.growth, bp.prior, seed, pathIndex);
  // The book before the start follows the path's own parameters (initialOrderBook.ts).
  const book = initialOrderBook(growth, bp.orderHistory);
  const { initialOrders: _planBook, ...fleet } = bp.plan.fleet;
  return { ...bp.plan, fleet: { ...fleet, growth, ...(book.length > 0 ? { initialOrders: book } : {}) } };
}

/** The summary figures of the non-input rows. */
export function summarise(rows: readonly BacktestEpochRow[]): BacktestSummary {
  const cmp = rows.filter((r) => !r.input);
  const a = cmp.map((r) => r.actualDifficultyT);
  return {
    epochsCompared: cmp.length,
    mapeMedian: mape(a, cmp.map((r) => r.simMedian)),
    coverage50: bandCoverage(a, cmp.map((r) => r.simP25), cmp.map((r) => r.simP75)),
    coverage90: bandCoverage(a, cmp.map((r) => r.simP05), cmp.map((r) => r.simP95)),
    meanBias: meanRelativeBias(a, cmp.map((r) => r.simMedian)),
  };
}

/** {@link summarise} of the non-input rows of each calendar year (UTC) of `actualStart`, in year order. */
export function summariseByYear(rows: readonly BacktestEpochRow[]): BacktestYearSummary[] {
  const years = new Map<number, BacktestEpochRow[]>();
  for (const r of rows) {
    if (r.input || r.actualStart === "") continue;
    const y = Number(r.actualStart.slice(0, 4));
    let list = years.get(y);
    if (list === undefined) years.set(y, (list = []));
    list.push(r);
  }
  return [...years.keys()].sort((a, b) => a - b).map((year) => ({ year, summary: summarise(years.get(year)!) }));
}
