/**
 * The backtest's report: `exodus backtest` writes report.html with the actual difficulty
 * line over the simulated fan; `exodus report` (writeReport) on the same folder writes the
 * same page. Like every report page: no script, nothing loaded from the network.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BACKTEST_JSON_VERSION,
  backtestJson,
  buildBacktestPlan,
  exactReplay,
  orderBookInput,
  orderBookText,
  runBacktest,
} from "../../src/backtest/index.js";
import { REPORT_FILE, ReportError, renderBacktestReport, writeReport } from "../../src/report/index.js";
import { formatValue } from "../../src/report/format.js";
import { escapeHtml } from "../../src/report/html.js";
import { writeFileSync } from "node:fs";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();
const dir = mkdtempSync(join(tmpdir(), "exodus-backtest-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bp = buildBacktestPlan({ epochs, prices, from: "2019-01-01", to: "2019-09-30" });
const result = runBacktest(bp, epochs, 12, "r");
const json = backtestJson(bp, result, exactReplay(epochs));
let html: string;

beforeAll(async () => {
  writeFileSync(join(dir, "backtest.json"), json);
  const w = await writeReport(dir, { folderLabel: "results/bt" });
  expect(w.kind).toBe("backtest");
  expect(w.path).toBe(join(dir, REPORT_FILE));
  html = readFileSync(w.path, "utf8");
}, 60_000);

/** The path `d` of the SVG path element of class `cls`. */
function pathD(svg: string, cls: string): string {
  const m = svg.match(new RegExp(`<path class="${cls}" d="([^"]+)"`));
  expect(m, cls).not.toBeNull();
  return m![1]!;
}

describe("backtest report", () => {
  it("draws the actual line, the median and both bands, one vertex per epoch with a start time", () => {
    const n = result.rows.filter((r) => r.actualStart !== "").length;
    expect(n).toBeGreaterThan(2);
    for (const cls of ["actual", "median"]) expect(pathD(html, cls).match(/[ML]/g)!.length).toBe(n);
    // A band: the upper edge forwards and the lower edge back, closed.
    for (const cls of ["band50", "band90"]) {
      const d = pathD(html, cls);
      expect(d.match(/[ML]/g)!.length).toBe(2 * n);
      expect(d.endsWith("Z")).toBe(true);
    }
  });

  it("shows the summary figures of the run and the declared events as inputs", () => {
    const s = result.summary;
    expect(html).toContain(`${(100 * s.mapeMedian).toFixed(1)} %`);
    expect(html).toContain(`${(100 * s.coverage90).toFixed(1)} %`);
    expect(html).toContain("margin (free entry)");
    // The ASIC price assumption: indexed to the hashprice with the plan's elasticity and its prior width.
    expect(html).toContain(`)^${formatValue(bp.growth.asicPriceElasticity!)}`);
    expect(html).toContain(`of the ASIC elasticity ${formatValue(bp.prior.elasticitySd!)}`);
    expect(html).toContain("Declared exogenous events (inputs, not fitted)");
    // The naive baselines beside the model's figures.
    expect(html).toContain(`persistence ${(100 * result.baselines.persistence.mapeMedian).toFixed(1)} %`);
    // The figures per calendar year.
    expect(html).toContain("By calendar year");
    for (const y of result.byYear) expect(html).toContain(`<td>${y.year}</td><td>${y.summary.epochsCompared}</td>`);
    // The order book at the start, as built for the plan.
    expect(html).toContain(escapeHtml(orderBookText(orderBookInput(bp))));
  });

  it("is self-contained: no script, stylesheet, image, frame or font from anywhere", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|@font-face|src=|href="http/i);
  });

  it("is the page renderBacktestReport gives for the document (deterministic)", () => {
    expect(renderBacktestReport(JSON.parse(json), "results/bt").html).toBe(html);
  });

  it("refuses a backtest.json that is not one (ReportError, bad input)", async () => {
    const bad = join(dir, "bad");
    await import("node:fs/promises").then((fs) => fs.mkdir(bad));
    writeFileSync(join(bad, "backtest.json"), "{\"version\":2}");
    await expect(writeReport(bad)).rejects.toBeInstanceOf(ReportError);
    expect(readdirSync(bad)).toEqual(["backtest.json"]);
  });

  it("refuses a backtest.json of a version this build does not know, naming the file and the versions it reads", async () => {
    const newer = join(dir, "newer");
    await import("node:fs/promises").then((fs) => fs.mkdir(newer));
    const doc = JSON.parse(readFileSync(join(dir, "backtest.json"), "utf8"));
    for (const version of [BACKTEST_JSON_VERSION + 1, 0, 2.5]) {
      writeFileSync(join(newer, "backtest.json"), JSON.stringify({ ...doc, version }));
      await expect(writeReport(newer)).rejects.toThrow(new RegExp(`newer/backtest\\.json: unknown backtest document version ${version} \\(known: 1 to ${BACKTEST_JSON_VERSION}\\)`));
    }
    writeFileSync(join(newer, "backtest.json"), JSON.stringify({ ...doc, version: 1 }));
    await expect(writeReport(newer)).resolves.toBeDefined();
  });
});
