/**
 * The first documented fitting procedure of the backtest ("fixedRate" growth rule; the
 * default rule is now "margin", fitted by fitMarginGrowth.ts): a one-parameter fit of the
 * network build rate (FleetGrowthParams.buildRateMwPerMonth) on an earlier window, then frozen
 * (backtestPlan.ts BACKTEST_FITTED_BUILD_RATE_MW_PER_MONTH) and evaluated out of sample.
 *
 * Procedure: every candidate rate of a geometric grid (lo·ratio^j up to hi) is run as a
 * backtest of the fit window with the same seed and path count (common random numbers),
 * and scored by the MAPE of the median difficulty; then the grid is refined around the best
 * point by successive halvings of the log step (`refinements` times, three points each).
 * The rate with the lowest MAPE wins (ties: the lower rate). Nothing else is fitted: every
 * other parameter is as in buildBacktestPlan (CALIBRATION.md values and stated assumptions).
 */
import { buildBacktestPlan, type BacktestPlanInput } from "./backtestPlan.js";
import { runBacktest } from "./runBacktest.js";

/** Options of {@link fitBuildRate}. */
export interface FitBuildRateOptions {
  /** The fit window and data (its scenario's growth mode is set to "fixedRate", its buildRateMwPerMonth replaced, its prior switched off). */
  readonly input: BacktestPlanInput;
  readonly paths: number;
  readonly seed: string;
  /** Grid, MW/month (defaults 25 → 3,200, ratio 2). */
  readonly lo?: number;
  readonly hi?: number;
  readonly ratio?: number;
  /** Halvings of the log step around the best point (default 4). */
  readonly refinements?: number;
}

/** One evaluated rate. */
export interface FitPoint {
  readonly buildRateMwPerMonth: number;
  readonly mapeMedian: number;
}

/** Result of {@link fitBuildRate}. */
export interface FitResult {
  readonly best: FitPoint;
  /** Every evaluated point, in evaluation order. */
  readonly evaluated: readonly FitPoint[];
}

/** Fits the build rate on the input's window (see the file comment). */
export function fitBuildRate(o: FitBuildRateOptions): FitResult {
  const lo = o.lo ?? 25;
  const hi = o.hi ?? 3200;
  const ratio = o.ratio ?? 2;
  if (!(lo > 0 && hi >= lo && ratio > 1)) throw new RangeError(`fitBuildRate: need 0 < lo <= hi and ratio > 1, got ${lo}, ${hi}, ${ratio}`);
  const evaluated: FitPoint[] = [];
  const score = (rate: number): FitPoint => {
    const known = evaluated.find((p) => p.buildRateMwPerMonth === rate);
    if (known !== undefined) return known;
    const scenario = {
      ...o.input.scenario,
      growth: { ...o.input.scenario?.growth, mode: "fixedRate" as const, buildRateMwPerMonth: rate },
      prior: { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 },
    };
    const bp = buildBacktestPlan({ ...o.input, scenario });
    const r = runBacktest(bp, o.input.epochs, o.paths, o.seed);
    const p = { buildRateMwPerMonth: rate, mapeMedian: r.summary.mapeMedian };
    evaluated.push(p);
    return p;
  };
  const better = (a: FitPoint, b: FitPoint): boolean =>
    a.mapeMedian < b.mapeMedian || (a.mapeMedian === b.mapeMedian && a.buildRateMwPerMonth < b.buildRateMwPerMonth);
  let best: FitPoint | undefined;
  for (let rate = lo; rate <= hi * (1 + 1e-12); rate *= ratio) {
    const p = score(rate);
    if (best === undefined || better(p, best)) best = p;
  }
  let step = Math.log(ratio);
  for (let j = 0; j < (o.refinements ?? 4); j++) {
    step /= 2;
    const centre = best!.buildRateMwPerMonth;
    for (const rate of [centre * Math.exp(-step), centre * Math.exp(step)]) {
      const p = score(rate);
      if (better(p, best!)) best = p;
    }
  }
  return { best: best!, evaluated };
}
