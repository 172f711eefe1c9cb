import { appendFile, mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResultError } from "../../src/results/index.js";
import { REPORT_FILE, ReportError, writeReport, type WriteReportResult } from "../../src/report/index.js";
import { writeSyntheticFolder } from "./fixture-folder.js";
import { countMarks } from "./svg-marks.js";

let root: string;
let run: string;
let result: WriteReportResult;
let html: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "exodus-report-"));
  run = join(root, "run");
  await writeSyntheticFolder(run);
  result = await writeReport(run, { svgDir: join(root, "svg"), folderLabel: "results/run" });
  html = await readFile(result.path, "utf8");
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("writeReport on a run folder", () => {
  it("writes report.html into the folder with every chart, and nothing else", async () => {
    expect(result.path).toBe(join(run, REPORT_FILE));
    expect(result.warnings).toEqual([]);
    expect(result.charts).toHaveLength(10);
    for (const id of result.charts) expect(html).toContain(`id="chart-${id}"`);
    expect((await readdir(run)).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("links every data file of the folder, and links nothing that is not there", async () => {
    const files = (await readdir(run)).filter((n) => n !== REPORT_FILE).sort();
    const hrefs = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]!).sort();
    expect(hrefs).toEqual(files);
  });

  it("is self-contained: no script, stylesheet, image, frame or font from anywhere", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|@font-face|src=/i);
    // The only URLs are the SVG namespaces.
    for (const m of html.matchAll(/https?:\/\/[^"'\s)<]+/g)) expect(m[0]).toMatch(/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/);
  });

  it("shows the header: scenario name (escaped), description, seed, paths, run dates", () => {
    expect(html).toContain("<h1>synthetic &lt;test&gt; scenario</h1>");
    expect(html).toContain("tests &amp; screenshots");
    expect(html).toMatch(/<dt>Seed<\/dt><dd><code>42<\/code><\/dd>/);
    expect(html).toMatch(/<dt>Paths<\/dt><dd>200<\/dd>/);
    expect(html).toContain("2026-01-01T00:00:00.000Z");
    expect(html).toContain("2026-01-01T00:00:05.000Z");
    expect(html).toContain("<code>results/run</code>");
  });

  it("is deterministic: the same folder gives the same bytes", async () => {
    const again = await writeReport(run, { folderLabel: "results/run" });
    expect(await readFile(again.path, "utf8")).toBe(html);
  });

  it("exports each chart as a standalone SVG, the same markup as in the page", async () => {
    expect(result.svgFiles.map((f) => f.slice(join(root, "svg").length + 1))).toEqual(result.charts.map((id) => `${id}.svg`));
    for (const f of result.svgFiles) {
      const svg = await readFile(f, "utf8");
      expect(svg.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true);
      expect(html).toContain(svg.slice(svg.indexOf("<svg"), -1));
      expect(countMarks(svg)).toBeGreaterThan(0);
    }
  });
});

describe("writeReport on something else", () => {
  it("refuses a folder that is not a result folder and a missing one (ReportError, bad input, naming the folder)", async () => {
    const empty = join(root, "empty");
    await mkdir(empty);
    for (const dir of [empty, join(root, "nope")]) {
      await expect(writeReport(dir)).rejects.toSatisfy((e: unknown) => e instanceof ReportError && e.badInput && e.message.includes(dir));
    }
  });

  it("passes on the reader's error for a damaged run folder (ResultError CHECKSUM_MISMATCH)", async () => {
    const damaged = join(root, "damaged");
    await writeSyntheticFolder(damaged);
    await appendFile(join(damaged, "series.csv"), "\n");
    await expect(writeReport(damaged)).rejects.toSatisfy((e: unknown) => e instanceof ResultError && e.code === "CHECKSUM_MISMATCH");
  });
});
