/**
 * Histograms of difficulty adjustments and epoch durations, pooled over all epochs and
 * paths.
 *
 * The result files give, per epoch index k, the count n_k of paths that completed epoch k
 * and quantiles of the field across those paths — not the values themselves. The pooled
 * distribution over (path, epoch) pairs is exactly the mixture Σ_k n_k F_k / Σ_k n_k of the
 * per-epoch distributions F_k; the histogram approximates each F_k by the piecewise-linear
 * CDF through its quantiles (p05, 0.05), (p25, 0.25), (p50, 0.5), (p75, 0.75), (p95, 0.95),
 * extended to (min, 0) and (max, 1) when the files give exact extremes. Without extremes,
 * the 5 % tails of each epoch are not placed and the bars sum to 90 % (the caption says so).
 * Tied quantiles are a point mass, put in the bin that holds the point.
 */
import { HALF, vegaLite, type Chart } from "./chart.js";
import { formatInt } from "./format.js";
import { checkQuantileOrder, quantilesFinite } from "./quantile-order.js";
import { findEpochField, type EpochField, type EpochPoint, type RunReportData } from "./report-data.js";
import { axisTitle, shortUnit } from "./units.js";

/** One histogram bar: [lo, hi) in the field's unit, share of all (path, epoch) pairs in %. */
export interface HistogramBin {
  readonly lo: number;
  readonly hi: number;
  readonly share: number;
}

/** A pooled histogram. */
export interface PooledHistogram {
  readonly bins: readonly HistogramBin[];
  /** Σ share over bins, in % (100 with extremes, 90 without). */
  readonly total: number;
  /** Whether the 5 % tails of each epoch were placed (exact min/max present for every epoch). */
  readonly tails: boolean;
  /** Σ n_k: (path, epoch) pairs pooled. */
  readonly pairs: number;
  /** Epoch indices pooled. */
  readonly epochs: number;
}

/** The 1-2-5 step nearest above `raw` (a "nice" bin width). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Knots (value, cumulative level) of one epoch's piecewise-linear CDF. */
function knots(p: EpochPoint, tails: boolean): Array<readonly [number, number]> {
  const k: Array<readonly [number, number]> = [
    [p.p05, 0.05],
    [p.p25, 0.25],
    [p.p50, 0.5],
    [p.p75, 0.75],
    [p.p95, 0.95],
  ];
  if (tails) {
    k.unshift([p.min!, 0]);
    k.push([p.max!, 1]);
  }
  return k;
}

/**
 * The piecewise-linear CDF through `k` at x: the level of the first knot below its value,
 * linear inside segments of positive width, and at a run of tied knots the highest level.
 */
export function knotCdf(k: ReadonlyArray<readonly [number, number]>, x: number): number {
  if (x < k[0]![0]) return k[0]![1];
  for (let i = 0; i + 1 < k.length; i++) {
    const [v0, l0] = k[i]!;
    const [v1, l1] = k[i + 1]!;
    if (x >= v0 && x < v1) return l0 + ((l1 - l0) * (x - v0)) / (v1 - v0);
  }
  return k[k.length - 1]![1];
}

/**
 * The pooled histogram of an epoch field (see the file comment), with about `targetBins`
 * bins of a 1-2-5 width. Epochs with no path or missing quantiles are left out.
 */
export function pooledHistogram(field: EpochField, targetBins = 30): PooledHistogram | null {
  const pts = field.points.filter((p) => p.count > 0 && quantilesFinite(p));
  if (pts.length === 0) return null;
  for (const p of pts) checkQuantileOrder(p, `epoch ${p.epoch} ${field.metric}`);
  const tails = pts.every((p) => Number.isFinite(p.min) && Number.isFinite(p.max) && p.min! <= p.p05 && p.max! >= p.p95);
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pts) {
    lo = Math.min(lo, tails ? p.min! : p.p05);
    hi = Math.max(hi, tails ? p.max! : p.p95);
  }
  const step = niceStep((hi - lo) / targetBins || Math.abs(lo) / 10 || 1);
  const start = Math.floor(lo / step) * step;
  let nBins = Math.max(1, Math.ceil((hi - start) / step));
  if (start + nBins * step <= hi) nBins++; // hi must fall inside [start, end)
  const pairs = pts.reduce((s, p) => s + p.count, 0);
  const mass = new Float64Array(nBins);
  for (const p of pts) {
    const k = knots(p, tails);
    const w = p.count / pairs;
    // Nothing lies below `start` (≤ every knot); starting from the first knot's level keeps
    // a point mass sitting exactly at `start` in the first bin.
    let prev = k[0]![1];
    for (let b = 0; b < nBins; b++) {
      const next = knotCdf(k, start + (b + 1) * step);
      mass[b]! += w * (next - prev);
      prev = next;
    }
  }
  const bins: HistogramBin[] = [];
  let total = 0;
  for (let b = 0; b < nBins; b++) {
    const share = 100 * mass[b]!;
    total += share;
    bins.push({ lo: start + b * step, hi: start + (b + 1) * step, share });
  }
  return { bins, total, tails, pairs, epochs: pts.length };
}

/** The epoch fields drawn as histograms. */
export const EPOCH_HISTOGRAMS: ReadonlyArray<{ readonly metric: string; readonly id: string; readonly title: string; readonly label: string }> = [
  { metric: "adjustment", id: "hist-adjustment", title: "Difficulty adjustments", label: "Difficulty adjustment at retarget" },
  { metric: "duration", id: "hist-epoch-duration", title: "Epoch durations", label: "Epoch duration" },
];

/** The histogram charts of the epoch fields present. */
export function epochHistogramCharts(data: RunReportData): Chart[] {
  const charts: Chart[] = [];
  for (const h of EPOCH_HISTOGRAMS) {
    const field = findEpochField(data, h.metric);
    if (field === undefined) continue;
    const hist = pooledHistogram(field);
    if (hist === null) continue;
    const unit = shortUnit(field.unit);
    charts.push({
      id: h.id,
      title: `${h.title} (${unit})`,
      caption:
        `Pooled over ${hist.epochs} epoch indices and ${formatInt(hist.pairs)} (path, epoch) pairs. Reconstructed from each epoch's quantiles ` +
        `(piecewise-linear CDF through p5…p95${hist.tails ? " and the exact min/max" : ""}), weighted by the paths that reached the epoch; ` +
        (hist.tails ? "bars sum to 100 %." : `each epoch's 5 % tails are not placed, so bars sum to ${Math.round(hist.total)} %.`) +
        ` Unit: ${field.unit}.`,
      wide: false,
      spec: vegaLite({
        description: `${h.title}: pooled histogram reconstructed from per-epoch quantiles`,
        width: HALF.width,
        height: HALF.height,
        data: { values: hist.bins.map((b) => ({ ...b })) },
        mark: { type: "rect", color: "#6baed6", stroke: "white", strokeWidth: 0.5 },
        encoding: {
          x: { field: "lo", type: "quantitative", bin: { binned: true, step: hist.bins[0]!.hi - hist.bins[0]!.lo }, title: axisTitle(h.label, unit) },
          x2: { field: "hi" },
          y: { field: "share", type: "quantitative", title: axisTitle("Share of (path, epoch) pairs", "%") },
        },
      }),
    });
  }
  return charts;
}
