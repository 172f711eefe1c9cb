/**
 * The backtest's report: `exodus backtest` writes report.html with the actual difficulty
 * line over the simulated fan; `exodus report` (writeReport) on the same folder writes the
 * same page. Like every report page: no script, nothing loaded from the network.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
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
  parseBacktestDocument,
  runBacktest,
} from "../../src/backtest/index.js";
import { REPORT_FILE, renderBacktestReport, writeReport } from "../../src/report/index.js";
import { ResultError } from "../../src/results/index.js";
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
    expect(renderBacktestReport(parseBacktestDocument(json, "backtest.json"), "results/bt").html).toBe(html);
  });

  /** Writes `doc` as <dir>/<name>/backtest.json and returns the folder. */
  function folderWith(name: string, doc: unknown): string {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "backtest.json"), typeof doc === "string" ? doc : JSON.stringify(doc));
    return d;
  }

  /** The ResultError writeReport rejects with for `folder` (fails the test if it resolves). */
  async function refusal(folder: string): Promise<ResultError> {
    const err = await writeReport(folder).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ResultError);
    // Nothing written beside the bad file.
    expect(readdirSync(folder)).toEqual(["backtest.json"]);
    return err as ResultError;
  }

  it("refuses a backtest.json that is not one: not JSON, not an object, fields missing (ResultError BAD_FORMAT naming the file and keys)", async () => {
    const notJson = await refusal(folderWith("not-json", "{\"version\":"));
    expect(notJson.code).toBe("BAD_FORMAT");
    expect(notJson.message).toMatch(/not-json\/backtest\.json: cannot be read as JSON/);
    const list = await refusal(folderWith("list", "[1, 2]"));
    expect(list.message).toMatch(/list\/backtest\.json: is not a backtest document \(not a JSON object\)/);
    const bare = await refusal(folderWith("bare", { version: 2 }));
    expect(bare.code).toBe("BAD_FORMAT");
    expect(bare.message).toMatch(/bare\/backtest\.json: is not a valid backtest document: from: required key is missing/);
    expect(bare.message).toMatch(/\(and \d+ more\)$/);
  });

  it("names the key of a field of the wrong kind anywhere in the document", async () => {
    const doc = JSON.parse(json);
    const cases: Array<[string, (d: any) => void, RegExp]> = [
      ["row", (d) => (d.rows[3].simMedian = "x"), /rows\[3\]\.simMedian: expected a number, found "x"/],
      ["summary", (d) => delete d.summary.coverage90, /summary\.coverage90: required key is missing/],
      ["events", (d) => (d.inputs.events = 5), /inputs\.events: expected a list, found 5/],
      ["event-date", (d) => (d.inputs.events = [{ label: "ban", startDate: "May 2021", shareOffline: 0.4, source: "news" }]), /inputs\.events\[0\]\.startDate: /],
      ["event-share", (d) => (d.inputs.events = [{ label: "ban", startDate: "2021-05-21", shareOffline: 46, source: "news" }]), /inputs\.events\[0\]\.shareOffline: /],
      ["replay", (d) => (d.exactReplay = null), /exactReplay: expected a map of keys, found null/],
      ["growth", (d) => (d.inputs.growth = null), /inputs\.growth: /],
      ["book", (d) => (d.inputs.orderBook.kind = "guessed"), /inputs\.orderBook\.kind: /],
      ["paths", (d) => (d.paths = 0), /paths: /],
    ];
    for (const [name, edit, message] of cases) {
      const d = structuredClone(doc);
      edit(d);
      const err = await refusal(folderWith(`wrong-${name}`, d));
      expect(err.code, name).toBe("BAD_FORMAT");
      expect(err.message, name).toMatch(message);
      expect(err.message, name).toContain(join(`wrong-${name}`, "backtest.json"));
    }
  });

  it("reads null figures (NaN written by JSON) back as NaN and shows them as –", () => {
    const doc = JSON.parse(json);
    const row = doc.rows.findIndex((r: { input: boolean }) => !r.input);
    doc.rows[row].simMedian = null;
    doc.summary.mapeMedian = null;
    const parsed = parseBacktestDocument(JSON.stringify(doc), "b.json");
    expect(parsed.rows[row]!.simMedian).toBeNaN();
    expect(parsed.summary.mapeMedian).toBeNaN();
    const page = renderBacktestReport(parsed, "results/bt").html;
    expect(page).toContain("<dt>MAPE of the median</dt><dd>–</dd>");
  });

  it("refuses a backtest.json of a version this build does not know, naming the file and the versions it reads", async () => {
    const doc = JSON.parse(readFileSync(join(dir, "backtest.json"), "utf8"));
    const newer = await refusal(folderWith("newer", { ...doc, version: BACKTEST_JSON_VERSION + 1 }));
    expect(newer.code).toBe("UNSUPPORTED_VERSION");
    expect(newer.message).toMatch(new RegExp(`newer/backtest\\.json: has backtest document version ${BACKTEST_JSON_VERSION + 1}; this version reads 1 to ${BACKTEST_JSON_VERSION}`));
    for (const version of [0, 2.5, "3"]) {
      const err = await refusal(folderWith(`version-${version}`, { ...doc, version }));
      expect(err.code).toBe("BAD_FORMAT");
      expect(err.message).toMatch(/backtest\.json: is not a valid backtest document: version: /);
    }
    // Version 1 had no prior, order book, per-year summaries or baselines: still rendered.
    const { summaryByYear: _y, baselines: _b, ...v1 } = doc;
    const { prior: _p, orderBook: _o, ...inputs1 } = doc.inputs;
    const old = folderWith("v1", { ...v1, version: 1, inputs: inputs1 });
    await expect(writeReport(old)).resolves.toBeDefined();
    const page = readFileSync(join(old, REPORT_FILE), "utf8");
    expect(page).toContain("not recorded (backtest.json before version 3: empty)");
    expect(page).not.toContain("By calendar year");
  });
});
