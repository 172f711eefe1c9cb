import { describe, expect, it } from "vitest";
import {
  cumulativeEbitdaChart,
  cumulativeEbitdaRows,
  flipChart,
  flipRows,
  marginChart,
  marginRows,
  snapshotIndices,
  type BoxRow,
} from "../../src/report/index.js";
import { syntheticRun } from "./synthetic.js";

function expectOrdered(r: { p05: number; p25: number; p50: number; p75: number; p95: number }): void {
  expect(r.p05).toBeLessThanOrEqual(r.p25);
  expect(r.p25).toBeLessThanOrEqual(r.p50);
  expect(r.p50).toBeLessThanOrEqual(r.p75);
  expect(r.p75).toBeLessThanOrEqual(r.p95);
}

describe("snapshotIndices", () => {
  it("spreads k dates evenly, ends at the last date, ascending and without repeats", () => {
    const dates = Array.from({ length: 313 }, (_, i) => i * 7); // 6 years, weekly
    const idx = snapshotIndices(dates, 6);
    expect(idx).toHaveLength(6);
    expect(idx[idx.length - 1]).toBe(312);
    for (let i = 1; i < idx.length; i++) expect(idx[i]! - idx[i - 1]!).toBe(52);
    expect(snapshotIndices(dates.slice(0, 3), 6)).toEqual([0, 1, 2]);
    expect(snapshotIndices([], 6)).toEqual([]);
  });
});

describe("marginRows", () => {
  const data = syntheticRun();
  const m = marginRows(data)!;

  it("gives each miner a box at each snapshot date, quantiles in order, the ratio in %", () => {
    const miners = data.scalars.filter((s) => s.metric === "cumulativeEbitda").map((s) => s.entity);
    expect(m.rows).toHaveLength(miners.length * m.snapshots.length);
    for (const r of m.rows) expectOrdered(r);
    const series = data.series.find((s) => s.entity === "MARA" && s.metric === "ebitdaMargin")!;
    const at = series.points.find((p) => p.date === m.snapshots[0])!;
    const row = m.rows.find((r) => r.category === "MARA" && r.group === new Date(m.snapshots[0]! * 1000).toISOString().slice(0, 10))!;
    expect(row.p50).toBeCloseTo(100 * at.p50, 12);
    expect(m.unit).toMatch(/^1 /);
  });

  it("takes snapshot dates in order, never the first grid date (flows are undefined there)", () => {
    for (let i = 1; i < m.snapshots.length; i++) expect(m.snapshots[i]!).toBeGreaterThan(m.snapshots[i - 1]!);
    expect(m.snapshots[0]).toBeGreaterThan(data.series[0]!.points[0]!.date);
  });

  it("has a y axis in % and is absent without margin series", () => {
    const chart = marginChart(data)!;
    const y = (chart.spec as unknown as { layer: Array<{ encoding: { y: { title: string } } }> }).layer[0]!.encoding.y;
    expect(y.title).toBe("EBITDA margin (%)");
    expect(marginChart(syntheticRun({ minerSeries: false }))).toBeNull();
  });
});

describe("cumulative EBITDA", () => {
  it("boxes per miner in USD million, ordered by median (highest first), quantiles in order", () => {
    const data = syntheticRun();
    const c = cumulativeEbitdaRows(data)!;
    expect(c.unit).toBe("USD");
    const medians = c.rows.map((r: BoxRow) => r.p50);
    expect([...medians].sort((a, b) => b - a)).toEqual(medians);
    for (const r of c.rows) expectOrdered(r);
    const mara = data.scalars.find((s) => s.entity === "MARA" && s.metric === "cumulativeEbitda")!;
    expect(c.rows.find((r) => r.category === "MARA")!.p95).toBeCloseTo(mara.stats.p95 / 1e6, 9);
    const x = (cumulativeEbitdaChart(data)!.spec as unknown as { layer: Array<{ encoding: { x: { title?: string } } }> }).layer[1]!.encoding.x;
    expect(x.title).toBe("Cumulative EBITDA (USD million)");
  });
});

describe("flip dates", () => {
  const data = syntheticRun({ paths: 400 });
  const rows = flipRows(data);

  it("P(flip) is count / paths, and the quantiles are the flip date's among paths that flip", () => {
    for (const r of rows) {
      const s = data.scalars.find((x) => x.entity === r.miner && x.metric === "aiFlipDate")!;
      expect(r.probability).toBe(s.stats.count / 400);
      if (s.stats.count > 0) {
        expect(r.quantiles!.p50).toBe(s.stats.p50 * 1000);
        expectOrdered(r.quantiles!);
      } else expect(r.quantiles).toBeNull();
    }
  });

  it("sorts by median flip date, miners that never flip last, and labels each with its probability", () => {
    const medians = rows.filter((r) => r.quantiles !== null).map((r) => r.quantiles!.p50);
    expect([...medians].sort((a, b) => a - b)).toEqual(medians);
    expect(rows[rows.length - 1]!.quantiles).toBeNull();
    expect(rows[rows.length - 1]!.label).toMatch(/P = 0 %$/);
    expect(rows.find((r) => r.probability === 0.3)?.label).toMatch(/P = 30 %$/);
  });

  it("the chart's time axis has a unit (UTC dates)", () => {
    const spec = flipChart(data)!.spec as unknown as { layer: Array<{ layer: Array<{ encoding: { x: { title: string } } }> }> };
    expect(spec.layer[0]!.layer[0]!.encoding.x.title).toBe("Flip date (UTC)");
  });
});
