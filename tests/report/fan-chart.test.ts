import { describe, expect, it } from "vitest";
import {
  AXIS_TITLE_WITH_UNIT,
  ReportError,
  fanRows,
  halvingMarkers,
  labelSide,
  networkFanCharts,
  type SeriesField,
  type SeriesPoint,
} from "../../src/report/index.js";
import { normalStats, syntheticRun } from "./synthetic.js";

const DAY = 86_400;

/** Weekly points with quantiles from normal(mean(g), sd(g)); g the grid index. */
function points(n: number, mean: (g: number) => number, sd: (g: number) => number): SeriesPoint[] {
  const start = Date.UTC(2026, 2, 1) / 1000;
  return Array.from({ length: n }, (_, g) => ({ date: start + 7 * DAY * g, ...normalStats(mean(g), sd(g), 100) }));
}

/** A deterministic shuffle (reverses, then interleaves halves). */
function shuffled<T>(xs: readonly T[]): T[] {
  const r = [...xs].reverse();
  const half = Math.ceil(r.length / 2);
  const out: T[] = [];
  for (let i = 0; i < half; i++) {
    out.push(r[i]!);
    if (half + i < r.length) out.push(r[half + i]!);
  }
  return out;
}

describe("fanRows", () => {
  it("returns dates sorted ascending and bands ordered p05 ≤ p25 ≤ p50 ≤ p75 ≤ p95 at every date", () => {
    const series: SeriesField = { entity: "network", metric: "hashrate", unit: "EH/s", points: shuffled(points(60, (g) => 900 + 3 * g, (g) => 5 + g)) };
    const fan = fanRows(series);
    expect(fan.rows).toHaveLength(60);
    for (let i = 1; i < fan.rows.length; i++) expect(fan.rows[i]!.t).toBeGreaterThan(fan.rows[i - 1]!.t);
    for (const r of fan.rows) {
      expect(r.p05).toBeLessThanOrEqual(r.p25);
      expect(r.p25).toBeLessThanOrEqual(r.p50);
      expect(r.p50).toBeLessThanOrEqual(r.p75);
      expect(r.p75).toBeLessThanOrEqual(r.p95);
    }
    // Dates become ms since 1970 (Vega's temporal unit), values are the file's.
    const first = series.points.reduce((a, b) => (a.date < b.date ? a : b));
    expect(fan.rows[0]!.t).toBe(first.date * 1000);
    expect(fan.rows[0]!.p50).toBe(first.p50);
  });

  it("keeps the unit and shows its short form on the axis", () => {
    const fan = fanRows({ entity: "network", metric: "difficulty", unit: "T (1e12, Core GetDifficulty)", points: points(3, () => 133, () => 1) });
    expect(fan.unit).toBe("T (1e12, Core GetDifficulty)");
    expect(fan.axisUnit).toBe("T");
  });

  it("leaves out dates without quantiles (no path had a value) and counts them", () => {
    const pts = points(10, () => 1, () => 0.1);
    const nan = { ...pts[0]!, count: 0, p05: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN };
    const fan = fanRows({ entity: "a", metric: "b", unit: "USD/week", points: [nan, ...pts.slice(1)] });
    expect(fan.rows).toHaveLength(9);
    expect(fan.skipped).toBe(1);
  });

  it("refuses crossed quantiles and repeated dates, naming the series and date", () => {
    const pts = points(5, () => 10, () => 1);
    const crossed = { ...pts[2]!, p25: pts[2]!.p75 + 1 };
    expect(() => fanRows({ entity: "network", metric: "hashprice", unit: "USD/PH/day", points: [...pts.slice(0, 2), crossed, ...pts.slice(3)] })).toThrow(
      /network\.hashprice at 2026-03-15: quantiles out of order/,
    );
    expect(() => fanRows({ entity: "network", metric: "hashprice", unit: "USD/PH/day", points: [...pts, pts[1]!] })).toThrow(ReportError);
  });
});

describe("halving markers", () => {
  it("marks the median of each halving date that some path reached, and skips those beyond the horizon", () => {
    const data = syntheticRun();
    const halving = data.scalars.find((s) => s.metric === "halvingDate")!;
    const markers = halvingMarkers(data);
    expect(markers).toHaveLength(1); // secondHalvingDate has count 0 in the synthetic run
    expect(markers[0]!.t).toBe(halving.stats.p50 * 1000);
    expect(markers[0]!.label).toContain(new Date(halving.stats.p50 * 1000).toISOString().slice(0, 10));
  });

  it("puts the label on the side of the rule with room", () => {
    const rows = [{ t: 0 }, { t: 100 }];
    expect(labelSide({ t: 20, label: "" }, rows)).toBe("right");
    expect(labelSide({ t: 80, label: "" }, rows)).toBe("left");
  });
});

describe("networkFanCharts", () => {
  it("draws hashrate, difficulty, hashprice and BTC price, each y axis titled with its unit", () => {
    const charts = networkFanCharts(syntheticRun());
    expect(charts.map((c) => c.id)).toEqual(["fan-hashrate", "fan-difficulty", "fan-hashprice", "fan-btc-price"]);
    for (const c of charts) {
      const layer = (c.spec as unknown as { layer: Array<{ layer: Array<{ encoding: { x: { axis: { title: string } }; y: { title: string } } }> }> }).layer[0]!.layer[0]!;
      expect(layer.encoding.y.title).toMatch(AXIS_TITLE_WITH_UNIT);
      expect(layer.encoding.x.axis.title).toMatch(AXIS_TITLE_WITH_UNIT);
    }
  });
});
