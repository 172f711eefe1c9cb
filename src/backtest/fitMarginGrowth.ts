/**
 * The documented fitting procedure of the "margin" growth rule (fleetGrowth.ts
 * marginOrderEh) on an earlier window; the results are frozen in backtestPlan.ts
 * (BACKTEST_FITTED_*) and evaluated out of sample.
 *
 * Step 1, the rule's two parameters: κ = marginGrowthPerYear and the hurdle h =
 * hurdlePaybackDays. Every point of a geometric grid (κ: kLo·kRatio^j up to kHi; h:
 * hLo·hRatio^j up to hHi) runs as a backtest of the window with the same seed and path
 * count (common random numbers) and no per-path prior, scored by the MAPE of the median
 * difficulty. The grid is then refined around the best point `refinements` times, each
 * time halving both log steps and scoring the 8 neighbours. Lowest MAPE wins (ties: the
 * first evaluated).
 * Step 2, the prior's width: with h held at its fitted value, κ is fitted alone (same grid
 * and refinements on κ) on each calendar year inside the window (a backtest started from
 * that year's actual state); growthLogSd is the sample standard deviation (n − 1) of the
 * yearly ln κ — how much the rate the data ask for moves from one year to the next.
 * Nothing else is fitted: every other parameter is as in buildBacktestPlan.
 */
import { buildBacktestPlan, type BacktestPlanInput } from "./backtestPlan.js";
import { runBacktest } from "./runBacktest.js";

/** Options of {@link fitMarginGrowth}. */
export interface FitMarginGrowthOptions {
  /** The fit window and data (its scenario's growth mode, κ, h and prior are replaced). */
  readonly input: BacktestPlanInput;
  readonly paths: number;
  readonly seed: string;
  /** κ grid, 1/year (defaults 0.25 → 16, ratio 2). */
  readonly kLo?: number;
  readonly kHi?: number;
  readonly kRatio?: number;
  /** h grid, days (defaults 365 → 1,460, ratio √2). */
  readonly hLo?: number;
  readonly hHi?: number;
  readonly hRatio?: number;
  /** Halvings of the log steps around the best point (default 4). */
  readonly refinements?: number;
  /** Step 2 on each calendar year of the window (default true). */
  readonly perYear?: boolean;
}

/** One evaluated point. */
export interface MarginFitPoint {
  readonly marginGrowthPerYear: number;
  readonly hurdlePaybackDays: number;
  readonly mapeMedian: number;
}

/** The κ fitted on one year (step 2). */
export interface YearFit {
  readonly from: string;
  readonly to: string;
  readonly marginGrowthPerYear: number;
  readonly mapeMedian: number;
}

/** Result of {@link fitMarginGrowth}. */
export interface MarginFitResult {
  readonly best: MarginFitPoint;
  /** Every point of step 1, in evaluation order. */
  readonly evaluated: readonly MarginFitPoint[];
  readonly years: readonly YearFit[];
  /** Sample sd of ln κ over the years (NaN with fewer than two years). */
  readonly growthLogSd: number;
}

function geometric(lo: number, hi: number, ratio: number, what: string): number[] {
  if (!(lo > 0 && hi >= lo && ratio > 1)) throw new RangeError(`fitMarginGrowth: need 0 < ${what}Lo <= ${what}Hi and ${what}Ratio > 1, got ${lo}, ${hi}, ${ratio}`);
  const out: number[] = [];
  for (let j = 0; lo * ratio ** j <= hi * (1 + 1e-12); j++) out.push(lo * ratio ** j);
  return out;
}

/** Grid search with refinement over (κ, h); `fixH` fits κ alone. */
function search(
  input: BacktestPlanInput,
  paths: number,
  seed: string,
  ks: readonly number[],
  hs: readonly number[],
  kRatio: number,
  hRatio: number,
  refinements: number,
): { best: MarginFitPoint; evaluated: MarginFitPoint[] } {
  const evaluated: MarginFitPoint[] = [];
  const score = (k: number, h: number): MarginFitPoint => {
    const known = evaluated.find((p) => p.marginGrowthPerYear === k && p.hurdlePaybackDays === h);
    if (known !== undefined) return known;
    const scenario = {
      ...input.scenario,
      growth: { ...input.scenario?.growth, mode: "margin" as const, marginGrowthPerYear: k, hurdlePaybackDays: h },
      prior: { growthLogSd: 0, hurdleLogSd: 0 },
    };
    const r = runBacktest(buildBacktestPlan({ ...input, scenario }), input.epochs, paths, seed);
    const p = { marginGrowthPerYear: k, hurdlePaybackDays: h, mapeMedian: r.summary.mapeMedian };
    evaluated.push(p);
    return p;
  };
  let best: MarginFitPoint | undefined;
  const consider = (p: MarginFitPoint): void => {
    if (best === undefined || p.mapeMedian < best.mapeMedian) best = p;
  };
  for (const k of ks) for (const h of hs) consider(score(k, h));
  let sk = Math.log(kRatio);
  let sh = hs.length > 1 ? Math.log(hRatio) : 0;
  for (let j = 0; j < refinements; j++) {
    sk /= 2;
    sh /= 2;
    const c = best!;
    for (const dk of [-1, 0, 1]) {
      for (const dh of sh > 0 ? [-1, 0, 1] : [0]) {
        if (dk === 0 && dh === 0) continue;
        consider(score(c.marginGrowthPerYear * Math.exp(dk * sk), c.hurdlePaybackDays * Math.exp(dh * sh)));
      }
    }
  }
  return { best: best!, evaluated };
}

/** Fits the margin rule on the input's window (see the file comment). */
export function fitMarginGrowth(o: FitMarginGrowthOptions): MarginFitResult {
  const kRatio = o.kRatio ?? 2;
  const hRatio = o.hRatio ?? Math.SQRT2;
  const ks = geometric(o.kLo ?? 0.25, o.kHi ?? 16, kRatio, "k");
  const hs = geometric(o.hLo ?? 365, o.hHi ?? 1460, hRatio, "h");
  const refinements = o.refinements ?? 4;
  const { best, evaluated } = search(o.input, o.paths, o.seed, ks, hs, kRatio, hRatio, refinements);
  const years: YearFit[] = [];
  if (o.perYear !== false) {
    const y0 = Number(o.input.from.slice(0, 4));
    const y1 = Number(o.input.to.slice(0, 4));
    for (let y = y0; y <= y1; y++) {
      const from = y === y0 ? o.input.from : `${y}-01-01`;
      const to = y === y1 ? o.input.to : `${y}-12-31`;
      if (!(Date.parse(to) > Date.parse(from))) continue;
      const r = search({ ...o.input, from, to }, o.paths, o.seed, ks, [best.hurdlePaybackDays], kRatio, hRatio, refinements);
      years.push({ from, to, marginGrowthPerYear: r.best.marginGrowthPerYear, mapeMedian: r.best.mapeMedian });
    }
  }
  return { best, evaluated, years, growthLogSd: logSd(years.map((y) => y.marginGrowthPerYear)) };
}

/** Sample standard deviation (n − 1) of the logs; NaN for fewer than two values. */
export function logSd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const logs = values.map(Math.log);
  const mean = logs.reduce((s, v) => s + v, 0) / n;
  return Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
}
