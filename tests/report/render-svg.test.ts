import { describe, expect, it } from "vitest";
import { AXIS_TITLE_WITH_UNIT, prefixSvgIds, renderChart, renderCharts, runCharts, vegaLite, type Chart, type RenderedChart } from "../../src/report/index.js";
import { axisTitles, countMarks } from "./svg-marks.js";
import { syntheticRun } from "./synthetic.js";

const charts = runCharts(syntheticRun());
const all: Chart[] = [...charts.network, ...charts.miners, ...charts.epochs];
/** Every chart rendered once, shared by the tests below. */
let rendered: Promise<RenderedChart[]> | undefined;
const renderedAll = () => (rendered ??= renderCharts(all));

describe("renderChart", () => {
  it("renders every chart of a run without a Vega-Lite or Vega warning, each with data marks", async () => {
    expect(all.map((c) => c.id)).toEqual([
      "fan-hashrate",
      "fan-difficulty",
      "fan-hashprice",
      "fan-btc-price",
      "mw-ai-vs-mining",
      "miner-margin",
      "miner-cumulative-ebitda",
      "miner-flip-date",
      "hist-adjustment",
      "hist-epoch-duration",
    ]);
    for (const r of await renderedAll()) {
      expect(r.warnings, r.id).toEqual([]);
      expect(r.svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`), r.id).toBe(true);
      expect(countMarks(r.svg), r.id).toBeGreaterThan(0);
    }
  });

  it("titles every quantity and time axis with a unit in parentheses", async () => {
    // Category axes (one box row per miner) have no unit.
    const categories = new Set(["Miner", "Miner · P(flip)"]);
    for (const r of await renderedAll()) {
      const titles = axisTitles(r.svg);
      expect(titles.length, r.id).toBeGreaterThanOrEqual(2); // every chart has two titled axes
      for (const t of titles.filter((t) => !categories.has(t))) expect(t, `${r.id}: ${t}`).toMatch(AXIS_TITLE_WITH_UNIT);
    }
  });

  it("uses no web font, script or external resource", async () => {
    for (const r of await renderedAll()) {
      expect(r.svg).not.toMatch(/<script|@import|@font-face|xlink:href="http|href="http/);
      for (const m of r.svg.matchAll(/font-family="([^"]*)"/g)) expect(m[1]).toMatch(/^DejaVu Sans, /);
    }
  });

  it("counts the marks it is asked to draw: one rect per histogram bin", async () => {
    const hist = all.find((c) => c.id === "hist-adjustment")!;
    const bins = (hist.spec as unknown as { data: { values: unknown[] } }).data.values.length;
    expect(countMarks((await renderChart(hist)).svg)).toBe(bins);
  });

  it("gives identical bytes for identical input, whatever was rendered before", async () => {
    const clipped: Chart = {
      id: "clipped",
      title: "t",
      caption: "c",
      wide: false,
      spec: vegaLite({
        width: 100,
        height: 50,
        data: { values: [{ x: 1, y: 1 }, { x: 2, y: 5 }] },
        mark: { type: "line", clip: true },
        encoding: { x: { field: "x", type: "quantitative", title: "x (m)", scale: { domain: [0, 1.5] } }, y: { field: "y", type: "quantitative", title: "y (s)" } },
      }),
    };
    const a = await renderChart(clipped);
    await renderChart({ ...clipped, id: "other" }); // advances Vega's clip-id counter
    const b = await renderChart(clipped);
    expect(a.warnings).toEqual([]);
    expect(a.svg).toMatch(/id="clipped-1"/);
    expect(a.svg).toMatch(/clip-path="url\(#clipped-1\)"/);
    expect(b.svg).toBe(a.svg);
  });
});

describe("machine independence", () => {
  it("dates are UTC: the same chart renders to the same bytes in any local time zone", async () => {
    const fan = all.find((c) => c.id === "fan-hashprice")!;
    const saved = process.env["TZ"];
    try {
      process.env["TZ"] = "UTC";
      const utc = (await renderChart(fan)).svg;
      process.env["TZ"] = "Pacific/Chatham"; // UTC+12:45/+13:45: any local-time use shifts ticks and labels
      expect(new Date(0).getHours()).not.toBe(0); // the zone took effect
      expect((await renderChart(fan)).svg).toBe(utc);
    } finally {
      if (saved === undefined) delete process.env["TZ"];
      else process.env["TZ"] = saved;
    }
  });
});

describe("prefixSvgIds", () => {
  it("renames ids in order of first appearance and every reference to them", () => {
    const svg = `<svg><defs><clipPath id="clip7"><rect/></clipPath><linearGradient id="gradient_3"/></defs><g clip-path="url(#clip7)"><path fill="url(#gradient_3)"/><use href="#clip7"/></g></svg>`;
    expect(prefixSvgIds(svg, "c")).toBe(
      `<svg><defs><clipPath id="c-1"><rect/></clipPath><linearGradient id="c-2"/></defs><g clip-path="url(#c-1)"><path fill="url(#c-2)"/><use href="#c-1"/></g></svg>`,
    );
    expect(prefixSvgIds("<svg><g/></svg>", "c")).toBe("<svg><g/></svg>");
  });
});
