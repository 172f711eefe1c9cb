import { describe, expect, it } from "vitest";
import { mwChart, mwRows } from "../../src/report/index.js";
import { syntheticRun } from "./synthetic.js";

describe("mwRows", () => {
  it("per-miner view: each miner's median MW in mining and in AI, sorted by panel, date and miner", () => {
    const data = syntheticRun();
    const mw = mwRows(data)!;
    expect(mw.view).toBe("per-miner");
    expect(mw.panels).toEqual(["Mining", "AI"]);
    expect(mw.layers).toEqual(["MARA", "IREN", "CLSK", "RIOT", "CORZ"]);
    expect(mw.unit).toBe("MW");
    const dates = data.series[0]!.points.length;
    expect(mw.rows).toHaveLength(2 * 5 * dates);
    for (let i = 1; i < mw.rows.length; i++) {
      const a = mw.rows[i - 1]!;
      const b = mw.rows[i]!;
      const pa = mw.panels.indexOf(a.panel);
      const pb = mw.panels.indexOf(b.panel);
      expect(pb > pa || (pb === pa && (b.t > a.t || (b.t === a.t && mw.layers.indexOf(b.layer) > mw.layers.indexOf(a.layer))))).toBe(true);
    }
    const s = data.series.find((x) => x.entity === "IREN" && x.metric === "mwAi")!;
    const r = mw.rows.find((x) => x.panel === "AI" && x.layer === "IREN" && x.t === s.points[50]!.date * 1000)!;
    expect(r.mw).toBe(s.points[50]!.p50);
  });

  it("falls back to the named miners' aggregate by state when the run kept no per-miner series", () => {
    const mw = mwRows(syntheticRun({ minerSeries: false }))!;
    expect(mw.view).toBe("aggregate");
    expect(mw.layers).toEqual(["mining", "curtailed", "converting", "AI", "idle"]);
    expect(mw.panels).toEqual(["All named miners"]);
  });

  it("titles the y axis with its unit and says the bands are medians per date", () => {
    const chart = mwChart(syntheticRun())!;
    const y = (chart.spec as unknown as { spec: { encoding: { y: { title: string } } } }).spec.encoding.y;
    expect(y.title).toBe("Median MW, stacked (MW)");
    expect(chart.caption).toContain("medians per date, not one simulated path");
  });
});
