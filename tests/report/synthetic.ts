/**
 * A synthetic run summary for the report's tests: the shape the model's layout writes
 * (src/model/path/layout.ts: network series, named aggregate, per-miner series and scalars,
 * epoch fields), with quantiles from closed-form normal/lognormal fans so they are ordered
 * and plausible. Deterministic (no randomness).
 */
import type { CellStats, EpochField, EventStat, RunReportData, ScalarField, SeriesField } from "../../src/report/index.js";

const DAY = 86_400;
/** Standard normal quantiles at 5, 25, 50, 75, 95 %. */
const Z = [-1.6448536269514722, -0.6744897501960817, 0, 0.6744897501960817, 1.6448536269514722] as const;

/** Stats of a normal(mean, sd) cell (count paths). */
export function normalStats(mean: number, sd: number, count: number, extremes = false): CellStats {
  const [p05, p25, p50, p75, p95] = Z.map((z) => mean + z * sd) as [number, number, number, number, number];
  return { count, mean, p05, p25, p50, p75, p95, ...(extremes ? { min: mean - 3.5 * sd, max: mean + 3.5 * sd } : {}) };
}

/** Stats of a lognormal cell with median m and log-sd s. */
export function lognormalStats(median: number, s: number, count: number): CellStats {
  const [p05, p25, p50, p75, p95] = Z.map((z) => median * Math.exp(z * s)) as [number, number, number, number, number];
  return { count, mean: median * Math.exp((s * s) / 2), p05, p25, p50, p75, p95 };
}

export interface SyntheticOptions {
  readonly paths?: number;
  readonly weeks?: number;
  readonly miners?: readonly string[];
  /** Keep per-miner series (the layout's minerSeries switch). */
  readonly minerSeries?: boolean;
  /** Give epochs exact min/max. */
  readonly epochExtremes?: boolean;
}

/** The synthetic run. Starts 2026-01-05 (a Monday, 00:00 UTC), weekly grid. */
export function syntheticRun(opts: SyntheticOptions = {}): RunReportData {
  const paths = opts.paths ?? 200;
  const weeks = opts.weeks ?? 160;
  const miners = opts.miners ?? ["MARA", "IREN", "CLSK", "RIOT", "CORZ"];
  const start = Date.UTC(2026, 0, 5) / 1000;
  const grid = Array.from({ length: weeks + 1 }, (_, g) => start + g * 7 * DAY);
  const halving = Date.UTC(2028, 3, 14) / 1000;
  const series: SeriesField[] = [];
  const fan = (metric: string, unit: string, f: (t: number, years: number) => CellStats) =>
    series.push({ entity: "network", metric, unit, points: grid.map((d) => ({ date: d, ...f(d, (d - start) / (365.25 * DAY)) })) });
  fan("hashrate", "EH/s", (_, y) => lognormalStats(950 * Math.exp(0.12 * y), 0.02 + 0.1 * Math.sqrt(y), paths));
  fan("difficulty", "T (1e12, Core GetDifficulty)", (_, y) => lognormalStats(133 * Math.exp(0.12 * y), 0.02 + 0.1 * Math.sqrt(y), paths));
  fan("hashprice", "USD/PH/day", (d, y) => lognormalStats((d >= halving ? 0.5 : 1) * 36 * Math.exp(-0.1 * y), 0.02 + 0.35 * Math.sqrt(y), paths));
  fan("btcPrice", "USD", (_, y) => lognormalStats(70_000 * Math.exp(0.05 * y), 0.01 + 0.5 * Math.sqrt(y), paths));
  fan("fees", "BTC/block", () => lognormalStats(0.03, 0.4, paths));
  const totalMw = miners.map((_, i) => 300 + 150 * i);
  const aiShare = (i: number, y: number) => Math.min(0.9, (0.1 + 0.08 * i) * y);
  const named = (metric: string, f: (y: number) => number) =>
    series.push({
      entity: "named",
      metric,
      unit: "MW",
      points: grid.map((d) => {
        const y = (d - start) / (365.25 * DAY);
        const v = f(y);
        return { date: d, ...normalStats(v, 0.05 * v, paths) };
      }),
    });
  named("mwAi", (y) => miners.reduce((s, _, i) => s + totalMw[i]! * aiShare(i, y), 0));
  named("mwConverting", (y) => miners.reduce((s, _, i) => s + totalMw[i]! * 0.05 * Math.min(1, y), 0));
  named("mwMining", (y) => miners.reduce((s, _, i) => s + totalMw[i]! * (0.95 - aiShare(i, y)), 0));
  named("mwCurtailed", () => 20);
  named("mwIdle", () => 5);
  if (opts.minerSeries ?? true) {
    miners.forEach((m, i) => {
      const per = (metric: string, unit: string, f: (y: number, g: number) => CellStats) =>
        series.push({ entity: m, metric, unit, points: grid.map((d, g) => ({ date: d, ...f((d - start) / (365.25 * DAY), g) })) });
      const nanStats: CellStats = { count: 0, mean: NaN, p05: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN };
      per("mwMining", "MW", (y) => normalStats(totalMw[i]! * (0.95 - aiShare(i, y)), 8, paths));
      per("mwAi", "MW", (y) => normalStats(totalMw[i]! * aiShare(i, y), 0, paths));
      per("ebitdaMargin", "1 (EBITDA / revenue over the interval)", (y, g) => (g === 0 ? nanStats : normalStats(0.35 - 0.12 * y + 0.1 * aiShare(i, y), 0.08 + 0.06 * y, paths)));
    });
  }
  const scalars: ScalarField[] = [
    { entity: "network", metric: "hashrateDrawdown", unit: "1 (peak-to-trough fraction of daily hashrate)", stats: normalStats(0.18, 0.06, paths) },
    { entity: "network", metric: "minHashprice", unit: "USD/PH/day", stats: lognormalStats(14, 0.3, paths) },
    { entity: "network", metric: "halvingDate", unit: "unix s (NaN if beyond the horizon)", stats: normalStats(halving, 4 * DAY, paths) },
    { entity: "network", metric: "secondHalvingDate", unit: "unix s (NaN if beyond the horizon)", stats: { count: 0, mean: NaN, p05: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN } },
  ];
  miners.forEach((m, i) => {
    scalars.push({ entity: m, metric: "cumulativeEbitda", unit: "USD", stats: normalStats(2e8 + 1.5e8 * i, 8e7 + 2e7 * i, paths) });
    scalars.push({ entity: m, metric: "npv", unit: "USD (at the start date)", stats: normalStats(1.6e8 + 1.2e8 * i, 7e7, paths) });
    const flipCount = i === miners.length - 1 ? 0 : Math.round(paths * (0.3 + 0.15 * i));
    scalars.push({
      entity: m,
      metric: "aiFlipDate",
      unit: "unix s (NaN = never)",
      stats: flipCount === 0 ? { count: 0, mean: NaN, p05: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN } : normalStats(start + (2.4 - 0.35 * i) * 365.25 * DAY, 120 * DAY, flipCount),
    });
  });
  const nEpochs = Math.floor((weeks * 7) / 14.2);
  const epochPoints = (f: (k: number) => CellStats) => Array.from({ length: nEpochs }, (_, k) => ({ epoch: k, ...f(k) }));
  const reached = (k: number) => Math.max(1, Math.round(paths * Math.min(1, (nEpochs - k) / 6)));
  const epochs: EpochField[] = [
    { entity: "epoch", metric: "difficulty", unit: "T (1e12)", points: epochPoints((k) => lognormalStats(133 * Math.exp(0.0046 * k), 0.02 + 0.02 * Math.sqrt(k), reached(k))) },
    { entity: "epoch", metric: "adjustment", unit: "% (retarget at the epoch's end)", points: epochPoints((k) => normalStats(k === 58 ? -4 : 0.6, k === 58 ? 5 : 2.3, reached(k), opts.epochExtremes ?? false)) },
    { entity: "epoch", metric: "duration", unit: "days", points: epochPoints((k) => normalStats(k === 58 ? 15.5 : 13.9, 0.35, reached(k), opts.epochExtremes ?? false)) },
  ];
  const events: EventStat[] = [
    { name: "hashrate drawdown > 20%", count: Math.round(paths * 0.37), probability: Math.round(paths * 0.37) / paths },
    { name: "negative adjustment < -10%", count: Math.round(paths * 0.04), probability: Math.round(paths * 0.04) / paths },
  ];
  return {
    meta: {
      scenarioName: "synthetic <test> scenario",
      description: "A synthetic summary shaped like the model's layout, for the report's tests & screenshots.",
      seed: "42",
      paths,
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:05.000Z",
      folder: "results/synthetic",
      facts: [["Scenario sha256", "0123abcd"]],
      files: [
        { name: "manifest.json", description: "run metadata" },
        { name: "series.csv", description: "quantiles per date" },
      ],
    },
    series,
    scalars,
    epochs,
    events,
  };
}
