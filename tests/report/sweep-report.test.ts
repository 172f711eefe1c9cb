/**
 * The sweep report on a real small sweep: tests/report/fixtures/small-sweep.yaml (the
 * exit-speed sweep on exitSpeed 0.25, 1 and 4, 64 paths, through mid-2027). Needs `npm run
 * build` (the model runs from dist/, as in `npm test`).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/api/index.js";
import { parseCsv, parseNumber } from "../../src/results/index.js";
import {
  readSweepData,
  renderSweepReport,
  sweepAxis,
  sweepEventRows,
  sweepOutcomes,
  sweepRows,
  wilsonInterval,
  writeReport,
  type SweepReportData,
  type WriteReportResult,
} from "../../src/report/index.js";

const SWEEP = fileURLToPath(new URL("./fixtures/small-sweep.yaml", import.meta.url));
let root: string;
let out: string;
let result: WriteReportResult;
let data: SweepReportData;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "exodus-report-sweep-"));
  out = join(root, "sweep");
  await runSweep(SWEEP, { out, workers: 0 });
  result = await writeReport(out, { folderLabel: "results/sweep" });
  data = await readSweepData(out);
}, 120_000);

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe("writeReport on a sweep folder", () => {
  it("writes the sweep report and each variant's report, without warnings", () => {
    expect(result.kind).toBe("sweep");
    expect(result.warnings).toEqual([]);
    expect(result.variants.map((v) => v.path)).toEqual(data.variants.map((v) => join(out, v.folder, "report.html")));
    for (const v of result.variants) expect(existsSync(v.path)).toBe(true);
    expect(result.charts).toContain("sweep-events");
    expect(result.charts).toContain("sweep-hashrateDrawdown");
  });

  it("links only files that exist: sweep.csv, sweep.json and each variant's report and data", async () => {
    const html = await readFile(result.path, "utf8");
    const hrefs = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs).toContain("sweep.csv");
    for (const v of data.variants) expect(hrefs).toContain(`${v.folder}/report.html`);
    for (const h of hrefs) expect(existsSync(join(out, h)), h).toBe(true);
  });

  it("is deterministic: rendering the same folder again gives the bytes written", async () => {
    const again = await renderSweepReport(await readSweepData(out, "results/sweep"), out);
    expect(again.html).toBe(await readFile(result.path, "utf8"));
  });
});

describe("sweep chart data", () => {
  it("puts the numeric swept key on a log x axis with its unit from the scenario schema", () => {
    const axis = sweepAxis(data);
    expect(axis.key).toBe("exitSpeed");
    expect(axis.numeric).toBe(true);
    expect(axis.log).toBe(true); // 0.25 … 4: a factor of 16
    expect(axis.unit).toBe("× announced speed");
    expect(axis.x).toEqual(data.variants.map((v) => v.overrides["exitSpeed"]));
  });

  it("gives each outcome one row per variant: x sorted, bands in order, the variant's own quantiles (and sweep.csv's)", async () => {
    const axis = sweepAxis(data);
    const csv = parseCsv(await readFile(join(out, "sweep.csv"), "utf8"));
    const header = csv[0]!;
    for (const o of sweepOutcomes(data)) {
      const rows = sweepRows(data, o, axis);
      expect(rows.length, o.id).toBe(data.variants.length);
      expect(o.axisUnit.length, o.id).toBeGreaterThan(0);
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.x as number).toBeGreaterThan(rows[i - 1]!.x as number);
      for (const r of rows) {
        expect(r.p05).toBeLessThanOrEqual(r.p25);
        expect(r.p25).toBeLessThanOrEqual(r.p50);
        expect(r.p50).toBeLessThanOrEqual(r.p75);
        expect(r.p75).toBeLessThanOrEqual(r.p95);
        const v = data.variants.find((x) => x.name === r.variant)!;
        expect(r.p50).toBe(o.scale * o.stats(v.run)!.p50);
        const col = header.indexOf(`${o.label}:p50`);
        if (col >= 0) {
          const line = csv.find((l) => l[0] === r.variant)!;
          // sweep.csv rounds to 10 significant digits.
          expect(r.p50 / o.scale).toBeCloseTo(parseNumber(line[col]!), 6);
        }
      }
    }
  });

  it("event rows: the probability in % inside its 95 % Wilson interval", () => {
    const rows = sweepEventRows(data, sweepAxis(data));
    expect(rows.length).toBe(data.variants.length * data.variants[0]!.run.events.length);
    for (const r of rows) {
      const v = data.variants.find((x) => x.name === r.variant)!;
      expect(r.p).toBe(100 * v.run.events.find((e) => e.name === r.event)!.probability);
      expect(r.lo).toBeLessThanOrEqual(r.p + 1e-9);
      expect(r.hi).toBeGreaterThanOrEqual(r.p - 1e-9);
    }
  });
});

describe("wilsonInterval", () => {
  it("its ends solve (p̂ − p)² = z² p (1 − p) / n, the score test's boundary", () => {
    const z = 1.959963984540054;
    for (const [k, n] of [
      [8, 20],
      [1, 64],
      [63, 64],
      [500, 1000],
    ] as const) {
      const [lo, hi] = wilsonInterval(k, n);
      const p = k / n;
      for (const e of [lo, hi]) expect((p - e) ** 2).toBeCloseTo((z * z * e * (1 - e)) / n, 12);
      expect(lo).toBeLessThan(p);
      expect(hi).toBeGreaterThan(p);
    }
    expect(wilsonInterval(0, 64)[0]).toBe(0);
    expect(wilsonInterval(64, 64)[1]).toBe(1);
  });
});

