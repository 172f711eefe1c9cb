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
 * Optional third parameter (`fitElasticity`): the elasticity ε of the hashprice-indexed
 * ASIC price (fleetGrowth.ts asicUsdPerThAt, anchored as in asicPriceIndex.ts) joins step
 * 1 on a linear grid (eLo → eHi step eStep; refinement halves the step and scores the 26
 * neighbours), and step 2 also fits ε alone on each year (κ and h held at their fitted
 * values); elasticitySd is the sample standard deviation of the yearly ε (a normal prior:
 * ε may be 0). Without it ε is held at 0 (the constant ASIC price).
 * Optional fourth parameter (`fitCap`): the absolute build-rate cap C =
 * marginCapMwPerMonth, MW/month (fleetGrowth.ts capMarginOrderEh), joins step 1 on a
 * geometric grid (cLo·cRatio^j up to cHi) plus "no cap" (+Infinity); refinement halves its
 * log step like κ's and h's (the 80 neighbours of the best point in four dimensions; a
 * best point at "no cap" is not refined along C). Step 2 then also fits C alone on each
 * year (κ, h and ε at their fitted values) over the same grid; capLogSd is the sample
 * standard deviation of the yearly ln C, NaN when a year's best is "no cap" (the data give
 * no finite width then). Without it C is absent (no cap).
 * Nothing else is fitted: every other parameter is as in buildBacktestPlan.
 */
import { buildBacktestPlan, type BacktestPlanInput } from "./backtestPlan.js";
import { runBacktest } from "./runBacktest.js";

/** Options of {@link fitMarginGrowth}. */
export interface FitMarginGrowthOptions {
  /** The fit window and data (its scenario's growth mode, κ, h, ε and prior are replaced). */
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
  /** Fit the ASIC price elasticity ε too (default false: ε = 0). */
  readonly fitElasticity?: boolean;
  /** ε grid (defaults 0 → 2, step 0.5). */
  readonly eLo?: number;
  readonly eHi?: number;
  readonly eStep?: number;
  /** Fit the absolute build-rate cap C too (default false: no cap). */
  readonly fitCap?: boolean;
  /**
   * C grid, MW/month (defaults 50 → 1,600, ratio 2), plus "no cap". The range brackets
   * CALIBRATION.md (1) "Entry (new hashrate)" "~100 MW per 6 months per large miner"
   * (≈ 17 MW/month each: 3 to ~100 large miners building at once) and the 2024 network
   * build-out of §b.1 at the S21 frontier, ≈ 426 MW/month (calibration.ts
   * DEFAULT_FLEET_GROWTH.buildRateMwPerMonth).
   */
  readonly cLo?: number;
  readonly cHi?: number;
  readonly cRatio?: number;
  /** Halvings of the log steps around the best point (default 4). */
  readonly refinements?: number;
  /** Step 2 on each calendar year of the window (default true). */
  readonly perYear?: boolean;
}

/** One evaluated point. */
export interface MarginFitPoint {
  readonly marginGrowthPerYear: number;
  readonly hurdlePaybackDays: number;
  /** ASIC price elasticity (0 unless fitted). */
  readonly asicPriceElasticity: number;
  /** Build-rate cap C, MW/month (+Infinity: no cap, also when not fitted). */
  readonly marginCapMwPerMonth: number;
  readonly mapeMedian: number;
}

/** The κ (and ε, C) fitted on one year (step 2). */
export interface YearFit {
  readonly from: string;
  readonly to: string;
  readonly marginGrowthPerYear: number;
  readonly mapeMedian: number;
  /** ε fitted alone on the year (κ, h at their fitted values); absent unless fitElasticity. */
  readonly asicPriceElasticity?: number;
  /** C fitted alone on the year (κ, h, ε at their fitted values; +Infinity = no cap); absent unless fitCap. */
  readonly marginCapMwPerMonth?: number;
}

/** Result of {@link fitMarginGrowth}. */
export interface MarginFitResult {
  readonly best: MarginFitPoint;
  /** Every point of step 1, in evaluation order. */
  readonly evaluated: readonly MarginFitPoint[];
  readonly years: readonly YearFit[];
  /** Sample sd of ln κ over the years (NaN with fewer than two years). */
  readonly growthLogSd: number;
  /** Sample sd of ε over the years (0 unless fitElasticity; NaN with fewer than two years). */
  readonly elasticitySd: number;
  /** Sample sd of ln C over the years (0 unless fitCap; NaN with fewer than two years or a year at "no cap"). */
  readonly capLogSd: number;
}

function geometric(lo: number, hi: number, ratio: number, what: string): number[] {
  if (!(lo > 0 && hi >= lo && ratio > 1)) throw new RangeError(`fitMarginGrowth: need 0 < ${what}Lo <= ${what}Hi and ${what}Ratio > 1, got ${lo}, ${hi}, ${ratio}`);
  const out: number[] = [];
  for (let j = 0; lo * ratio ** j <= hi * (1 + 1e-12); j++) out.push(lo * ratio ** j);
  return out;
}

function linear(lo: number, hi: number, step: number): number[] {
  if (!(Number.isFinite(lo) && hi >= lo && step > 0)) throw new RangeError(`fitMarginGrowth: need eLo <= eHi and eStep > 0, got ${lo}, ${hi}, ${step}`);
  const out: number[] = [];
  for (let j = 0; lo + j * step <= hi + 1e-12; j++) out.push(lo + j * step);
  return out;
}

/**
 * Grid search with refinement over (κ, h, ε, C). An axis with a single grid value is held
 * fixed (not refined); κ, h and C are refined in log steps (starting at ln kRatio, ln hRatio,
 * ln cRatio), ε in linear steps (starting at eStep); each refinement halves every step.
 * C = +Infinity is "no cap" (left out of the scenario, so the rule is the uncapped one bit
 * for bit; its log-step neighbours are itself).
 */
function search(
  input: BacktestPlanInput,
  paths: number,
  seed: string,
  ks: readonly number[],
  hs: readonly number[],
  es: readonly number[],
  cs: readonly number[],
  kRatio: number,
  hRatio: number,
  eStep: number,
  cRatio: number,
  refinements: number,
): { best: MarginFitPoint; evaluated: MarginFitPoint[] } {
  const evaluated: MarginFitPoint[] = [];
  const score = (k: number, h: number, e: number, c: number): MarginFitPoint => {
    const known = evaluated.find((p) => p.marginGrowthPerYear === k && p.hurdlePaybackDays === h && p.asicPriceElasticity === e && p.marginCapMwPerMonth === c);
    if (known !== undefined) return known;
    const scenario = {
      ...input.scenario,
      growth: {
        ...input.scenario?.growth,
        mode: "margin" as const,
        marginGrowthPerYear: k,
        hurdlePaybackDays: h,
        asicPriceElasticity: e,
        ...(c === Infinity ? {} : { marginCapMwPerMonth: c }),
      },
      prior: { growthLogSd: 0, hurdleLogSd: 0, elasticitySd: 0 },
    };
    const r = runBacktest(buildBacktestPlan({ ...input, scenario }), input.epochs, paths, seed);
    const p = { marginGrowthPerYear: k, hurdlePaybackDays: h, asicPriceElasticity: e, marginCapMwPerMonth: c, mapeMedian: r.summary.mapeMedian };
    evaluated.push(p);
    return p;
  };
  let best: MarginFitPoint | undefined;
  const consider = (p: MarginFitPoint): void => {
    if (best === undefined || p.mapeMedian < best.mapeMedian) best = p;
  };
  for (const k of ks) for (const h of hs) for (const e of es) for (const c of cs) consider(score(k, h, e, c));
  let sk = ks.length > 1 ? Math.log(kRatio) : 0;
  let sh = hs.length > 1 ? Math.log(hRatio) : 0;
  let se = es.length > 1 ? eStep : 0;
  let sc = cs.length > 1 ? Math.log(cRatio) : 0;
  for (let j = 0; j < refinements; j++) {
    sk /= 2;
    sh /= 2;
    se /= 2;
    sc /= 2;
    const b = best!;
    const cSteps = sc > 0 && b.marginCapMwPerMonth !== Infinity ? [-1, 0, 1] : [0];
    for (const dk of sk > 0 ? [-1, 0, 1] : [0]) {
      for (const dh of sh > 0 ? [-1, 0, 1] : [0]) {
        for (const de of se > 0 ? [-1, 0, 1] : [0]) {
          for (const dc of cSteps) {
            if (dk === 0 && dh === 0 && de === 0 && dc === 0) continue;
            consider(
              score(
                b.marginGrowthPerYear * Math.exp(dk * sk),
                b.hurdlePaybackDays * Math.exp(dh * sh),
                b.asicPriceElasticity + de * se,
                dc === 0 ? b.marginCapMwPerMonth : b.marginCapMwPerMonth * Math.exp(dc * sc),
              ),
            );
          }
        }
      }
    }
  }
  return { best: best!, evaluated };
}

/** Fits the margin rule on the input's window (see the file comment). */
export function fitMarginGrowth(o: FitMarginGrowthOptions): MarginFitResult {
  const kRatio = o.kRatio ?? 2;
  const hRatio = o.hRatio ?? Math.SQRT2;
  const eStep = o.eStep ?? 0.5;
  const ks = geometric(o.kLo ?? 0.25, o.kHi ?? 16, kRatio, "k");
  const hs = geometric(o.hLo ?? 365, o.hHi ?? 1460, hRatio, "h");
  const fitE = o.fitElasticity === true;
  const es = fitE ? linear(o.eLo ?? 0, o.eHi ?? 2, eStep) : [0];
  const fitC = o.fitCap === true;
  const cRatio = o.cRatio ?? 2;
  const cs = fitC ? [...geometric(o.cLo ?? 50, o.cHi ?? 1600, cRatio, "c"), Infinity] : [Infinity];
  const refinements = o.refinements ?? 4;
  const { best, evaluated } = search(o.input, o.paths, o.seed, ks, hs, es, cs, kRatio, hRatio, eStep, cRatio, refinements);
  const years: YearFit[] = [];
  if (o.perYear !== false) {
    const y0 = Number(o.input.from.slice(0, 4));
    const y1 = Number(o.input.to.slice(0, 4));
    for (let y = y0; y <= y1; y++) {
      const from = y === y0 ? o.input.from : `${y}-01-01`;
      const to = y === y1 ? o.input.to : `${y}-12-31`;
      if (!(Date.parse(to) > Date.parse(from))) continue;
      const yin = { ...o.input, from, to };
      const k = [best.marginGrowthPerYear];
      const h = [best.hurdlePaybackDays];
      const e = [best.asicPriceElasticity];
      const c = [best.marginCapMwPerMonth];
      const r = search(yin, o.paths, o.seed, ks, h, e, c, kRatio, hRatio, eStep, cRatio, refinements);
      const re = fitE ? search(yin, o.paths, o.seed, k, h, es, c, kRatio, hRatio, eStep, cRatio, refinements).best.asicPriceElasticity : undefined;
      const rc = fitC ? search(yin, o.paths, o.seed, k, h, e, cs, kRatio, hRatio, eStep, cRatio, refinements).best.marginCapMwPerMonth : undefined;
      years.push({
        from,
        to,
        marginGrowthPerYear: r.best.marginGrowthPerYear,
        mapeMedian: r.best.mapeMedian,
        ...(re === undefined ? {} : { asicPriceElasticity: re }),
        ...(rc === undefined ? {} : { marginCapMwPerMonth: rc }),
      });
    }
  }
  return {
    best,
    evaluated,
    years,
    growthLogSd: logSd(years.map((y) => y.marginGrowthPerYear)),
    elasticitySd: fitE ? sampleSd(years.map((y) => y.asicPriceElasticity!)) : 0,
    capLogSd: fitC ? logSd(years.map((y) => y.marginCapMwPerMonth!)) : 0,
  };
}

/** Sample standard deviation (n − 1) of the logs; NaN for fewer than two values. */
export function logSd(values: readonly number[]): number {
  return sampleSd(values.map(Math.log));
}

/** Sample standard deviation (n − 1); NaN for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
}
