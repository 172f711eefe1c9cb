import { describe, expect, it } from "vitest";
import { epochHistogramCharts, knotCdf, niceStep, pooledHistogram, type EpochField, type EpochPoint } from "../../src/report/index.js";
import { normalStats, syntheticRun } from "./synthetic.js";

/** An epoch point whose quantiles are given directly. */
function point(epoch: number, count: number, q: readonly [number, number, number, number, number], extremes?: readonly [number, number]): EpochPoint {
  const [p05, p25, p50, p75, p95] = q;
  return { epoch, count, mean: p50, p05, p25, p50, p75, p95, ...(extremes ? { min: extremes[0], max: extremes[1] } : {}) };
}

const field = (points: EpochPoint[]): EpochField => ({ entity: "epoch", metric: "adjustment", unit: "% (retarget at the epoch's end)", points });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("niceStep", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(0.3)).toBeCloseTo(0.5, 12);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0)).toBe(1);
  });
});

describe("knotCdf", () => {
  const k = [
    [0, 0.05],
    [10, 0.25],
    [10, 0.5],
    [20, 0.95],
  ] as const;
  it("is the first level below the first knot, linear inside segments, the last level past the end", () => {
    expect(knotCdf(k, -1)).toBe(0.05);
    expect(knotCdf(k, 5)).toBeCloseTo(0.15, 12);
    expect(knotCdf(k, 15)).toBeCloseTo(0.725, 12);
    expect(knotCdf(k, 25)).toBe(0.95);
  });
  it("jumps over tied knots to the highest level (a point mass)", () => {
    expect(knotCdf(k, 10)).toBe(0.5);
    expect(knotCdf(k, 9.999999)).toBeLessThan(0.25);
  });
});

describe("pooledHistogram", () => {
  it("without exact extremes places the central 90 % of each epoch: bars sum to 90 %", () => {
    const h = pooledHistogram(field([point(0, 100, [-4, -1, 0, 1, 4]), point(1, 50, [-2, 0, 1, 2, 6])]))!;
    expect(h.tails).toBe(false);
    expect(h.total).toBeCloseTo(90, 9);
    expect(sum(h.bins.map((b) => b.share))).toBeCloseTo(90, 9);
    expect(h.pairs).toBe(150);
  });

  it("with exact extremes places all the mass: bars sum to 100 %", () => {
    const h = pooledHistogram(field([point(0, 100, [-4, -1, 0, 1, 4], [-9, 9])]))!;
    expect(h.tails).toBe(true);
    expect(h.total).toBeCloseTo(100, 9);
    expect(h.bins[0]!.lo).toBeLessThanOrEqual(-9);
    expect(h.bins[h.bins.length - 1]!.hi).toBeGreaterThan(9);
  });

  it("bins are contiguous, ascending, of equal width, and every share is ≥ 0", () => {
    const h = pooledHistogram(field(Array.from({ length: 40 }, (_, k) => ({ epoch: k, ...normalStats(0.5 * Math.sin(k), 2 + (k % 5), 100 + k) }))))!;
    const w = h.bins[0]!.hi - h.bins[0]!.lo;
    for (let i = 0; i < h.bins.length; i++) {
      const b = h.bins[i]!;
      expect(b.share).toBeGreaterThanOrEqual(0);
      expect(b.hi - b.lo).toBeCloseTo(w, 9);
      if (i > 0) expect(b.lo).toBeCloseTo(h.bins[i - 1]!.hi, 9);
    }
  });

  it("weights epochs by the paths that reached them", () => {
    // Two epochs with disjoint ranges, 1 : 3 paths: the mass below 5 and above 5 is 1 : 3.
    const h = pooledHistogram(field([point(0, 10, [0, 1, 2, 3, 4]), point(1, 30, [6, 7, 8, 9, 10])]), 10)!;
    const below = sum(h.bins.filter((b) => b.hi <= 5).map((b) => b.share));
    const above = sum(h.bins.filter((b) => b.lo >= 5).map((b) => b.share));
    expect(below).toBeCloseTo(0.9 * 25, 9);
    expect(above).toBeCloseTo(0.9 * 75, 9);
  });

  it("spreads mass uniformly between quantiles (piecewise-linear CDF)", () => {
    // Quantiles 0, 20, 40, 60, 80: the four 20-unit segments hold 20, 25, 25, 20 % of the
    // mass, so unit-wide bins hold 1, 1.25, 1.25, 1 %.
    const h = pooledHistogram(field([point(0, 1, [0, 20, 40, 60, 80])]), 80)!;
    expect(h.bins[0]!.hi - h.bins[0]!.lo).toBe(1);
    for (const b of h.bins) if (b.lo >= 0 && b.hi <= 80) expect(b.share).toBeCloseTo(b.lo < 20 || b.lo >= 60 ? 1 : 1.25, 9);
  });

  it("keeps a point mass (all quantiles equal) in the bin that holds it", () => {
    const h = pooledHistogram(field([point(0, 7, [14, 14, 14, 14, 14])]))!;
    const hit = h.bins.filter((b) => b.share > 0);
    expect(hit).toHaveLength(1);
    expect(hit[0]!.lo).toBeLessThanOrEqual(14);
    expect(hit[0]!.hi).toBeGreaterThan(14);
    expect(hit[0]!.share).toBeCloseTo(90, 9);
  });

  it("leaves out epochs no path reached and returns null when none did", () => {
    const empty = { epoch: 3, count: 0, mean: NaN, p05: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN };
    expect(pooledHistogram(field([empty]))).toBeNull();
    expect(pooledHistogram(field([point(0, 5, [1, 2, 3, 4, 5]), empty]))!.epochs).toBe(1);
  });
});

describe("epochHistogramCharts", () => {
  it("draws adjustments and durations with units on both axes", () => {
    const charts = epochHistogramCharts(syntheticRun());
    expect(charts.map((c) => c.id)).toEqual(["hist-adjustment", "hist-epoch-duration"]);
    for (const c of charts) {
      const enc = (c.spec as unknown as { encoding: { x: { title: string }; y: { title: string } } }).encoding;
      expect(enc.x.title).toMatch(/\((%|days)\)$/);
      expect(enc.y.title).toMatch(/\(%\)$/);
    }
  });
});
