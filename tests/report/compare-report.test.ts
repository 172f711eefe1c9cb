/**
 * The comparison report on a real comparison: two variants of the small exit-speed sweep
 * (tests/report/fixtures/small-sweep.yaml, exitSpeed 1 and 4; same seed, 64 paths) run one
 * by one, compared path by path (src/api compareRuns), compare.csv reported. Needs `npm run
 * build` (the model runs from dist/, as in `npm test`).
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareRuns, runScenario } from "../../src/api/index.js";
import type { CompareRow } from "../../src/results/index.js";
import {
  AXIS_TITLE_WITH_UNIT,
  differenceGroups,
  differenceUnit,
  renderCharts,
  compareCharts,
  writeReport,
  type WriteReportResult,
} from "../../src/report/index.js";
import { axisTitles, countMarks } from "./svg-marks.js";

const SWEEP = fileURLToPath(new URL("./fixtures/small-sweep.yaml", import.meta.url));
let root: string;
let rows: readonly CompareRow[];
let result: WriteReportResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "exodus-report-compare-"));
  const a = join(root, "speed-1");
  const b = join(root, "speed-4");
  await runScenario(SWEEP, { variant: "exitSpeed=1", out: a, workers: 0 });
  await runScenario(SWEEP, { variant: "exitSpeed=4", out: b, workers: 0 });
  await mkdir(join(root, "cmp"));
  rows = (await compareRuns([a, b], { csv: join(root, "cmp", "compare.csv"), workers: 0 })).rows;
  result = await writeReport(join(root, "cmp"));
}, 120_000);

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe("comparison report", () => {
  it("writes report.html with one chart per unit, without warnings", () => {
    expect(result.kind).toBe("compare");
    expect(result.warnings).toEqual([]);
    expect(result.charts).toHaveLength(differenceGroups(rows).length);
  });

  it("each difference sits inside its interval, in the axis unit (dates in days, ratios in points, USD in millions)", () => {
    const groups = differenceGroups(rows);
    const shown = groups.reduce((n, g) => n + g.rows.length, 0);
    expect(shown).toBe(rows.filter((r) => Number.isFinite(r.meanDiff)).length);
    for (const g of groups) {
      for (const d of g.rows) {
        expect(d.lo).toBeLessThanOrEqual(d.diff + 1e-9 * Math.abs(d.diff));
        expect(d.hi).toBeGreaterThanOrEqual(d.diff - 1e-9 * Math.abs(d.diff));
        const r = rows.find((x) => `${x.entity}.${x.metric}` === d.label)!;
        const u = differenceUnit(r.unit);
        expect(g.axisUnit).toBe(u.axisUnit);
        expect(d.diff).toBe(r.meanDiff * u.scale);
      }
    }
    expect(differenceUnit("unix s (NaN = never)")).toEqual({ axisUnit: "days", scale: 1 / 86_400 });
  });

  it("every chart has marks and a value axis titled with its unit", async () => {
    for (const c of await renderCharts(compareCharts(rows))) {
      expect(countMarks(c.svg), c.id).toBeGreaterThan(0);
      const titles = axisTitles(c.svg);
      expect(titles, c.id).toHaveLength(1); // the metric axis lists metrics, untitled
      expect(titles[0]).toMatch(/^A − B /);
      expect(titles[0]).toMatch(AXIS_TITLE_WITH_UNIT);
    }
  });

  it("lists every metric in the table", async () => {
    const html = await readFile(result.path, "utf8");
    for (const r of rows) expect(html).toContain(`<td>${r.entity}.${r.metric}</td>`);
  });
});
