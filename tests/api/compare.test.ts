/**
 * Paired comparison of runs (src/api/compare.ts, src/results/compare-table.ts): two runs
 * of the drift model with the same seed and paths give exactly the paired differences
 * computed here by hand from the per-path scalars (each path simulated directly with the
 * model); per-path values come from scalars.bin or, without it, from re-simulation, with
 * identical results; runs that do not share seed, paths and grid are refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareRuns, runPlan, runScalars } from "../../src/api/index.js";
import { layoutShape } from "../../src/montecarlo/index.js";
import { fsum } from "../../src/random/index.js";
import { COMPARE_COLUMNS, ResultError, parseCsv, readRunFolder, studentTCdf } from "../../src/results/index.js";
import { createPathModel, type DriftPlan } from "./fixtures/drift-model.js";
import { driftInput, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-compare-");
afterAll(cleanup);

const PATHS = 640;
const SEED = "paired";
const planA: DriftPlan = { drift: 0, gridLength: 8 };
const planB: DriftPlan = { drift: 0.002, gridLength: 8 };

/** Per-path scalars of a plan, simulated one path at a time with the model itself. */
function scalarsByHand(plan: DriftPlan, seed: string, paths: number): Float64Array[] {
  const model = createPathModel(plan);
  const shape = layoutShape(model.layout);
  const out: Float64Array[] = [];
  for (let i = 0; i < paths; i++) {
    const record = {
      grid: model.layout.grid,
      series: new Float64Array(shape.scalarOffset).fill(NaN),
      scalars: new Float64Array(shape.scalarFields).fill(NaN),
      epochs: new Float64Array(shape.cells - shape.epochOffset).fill(NaN),
    };
    model.simulatePath(seed, i, record);
    out.push(record.scalars);
  }
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<ResultError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResultError) return err;
    throw err;
  }
  throw new Error("expected a ResultError");
}

describe("compareRuns", async () => {
  const a = await runPlan(driftInput(planA as Record<string, unknown>, SEED, PATHS), { out: join(root, "a"), workers: 0, keepScalars: true });
  const b = await runPlan(driftInput(planB as Record<string, unknown>, SEED, PATHS), { out: join(root, "b"), workers: 0 });

  it("gives the paired differences computed by hand from per-path scalars", async () => {
    const resimulated: string[] = [];
    const csvPath = join(root, "compare.csv");
    const result = await compareRuns([a.out, b.out], { workers: 2, csv: csvPath, trustModel: true, onResimulate: (dir) => resimulated.push(dir) });
    expect(resimulated).toEqual([b.out]); // a has scalars.bin, b is simulated again
    const handA = scalarsByHand(planA, SEED, PATHS);
    const handB = scalarsByHand(planB, SEED, PATHS);
    const names = a.layout.scalars.map((f) => f.metric);
    expect(result.rows.map((r) => r.metric)).toEqual(names);
    let sawUnpaired = false;
    let sawTies = false;
    names.forEach((_, c) => {
      const d: number[] = [];
      const xs: number[] = [];
      const ys: number[] = [];
      let greater = 0;
      let equal = 0;
      let unpaired = 0;
      for (let i = 0; i < PATHS; i++) {
        const x = handA[i]![c]!;
        const y = handB[i]![c]!;
        if (Number.isNaN(x) !== Number.isNaN(y)) unpaired++;
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        xs.push(x);
        ys.push(y);
        d.push(x - y);
        if (x > y) greater++;
        if (x === y) equal++;
      }
      const n = d.length;
      const mean = fsum(d) / n;
      const sd = Math.sqrt(fsum(d.map((v) => (v - mean) ** 2)) / (n - 1));
      const row = result.rows[c]!;
      expect(row.pairs).toBe(n);
      expect(row.unpaired).toBe(unpaired);
      expect(row.meanDiff).toBe(mean);
      expect(row.sdDiff).toBe(sd);
      expect(row.meanA).toBe(fsum(xs) / n);
      expect(row.meanB).toBe(fsum(ys) / n);
      expect(row.pAGreater).toBe(greater / n);
      expect(row.pEqual).toBe(equal / n);
      if (unpaired > 0) sawUnpaired = true;
      if (sd === 0) {
        sawTies = true;
        // walk.steps counts the same draws under both drifts: every difference is 0.
        expect([row.ciLow, row.ciHigh, row.pEqual]).toEqual([mean, mean, 1]);
        return;
      }
      // The interval is mean ± t·sd/√n with t the 0.975 quantile of Student's t, n − 1 df
      // (recovered from the interval up to the rounding of mean ± half: a few ulps of |mean|).
      const half = row.ciHigh - mean;
      const ulps = 8 * Number.EPSILON * Math.max(Math.abs(mean), half);
      expect(Math.abs(half - (mean - row.ciLow))).toBeLessThanOrEqual(ulps);
      const t = (half * Math.sqrt(n)) / sd;
      expect(Math.abs(studentTCdf(t, n - 1) - 0.975)).toBeLessThan(1e-9);
    });
    // The drift moves levels up: the final level of A is below B's on most paths, and the
    // crossing date (NaN when never crossed) has unpaired paths.
    const final = result.rows.find((r) => r.metric === "final")!;
    expect(final.ciHigh).toBeLessThan(0);
    expect(sawUnpaired).toBe(true);
    expect(sawTies).toBe(true);
    // compare.csv holds the same rows.
    const rows = parseCsv(readFileSync(csvPath, "utf8"));
    expect(rows[0]).toEqual([...COMPARE_COLUMNS]);
    expect(rows.length).toBe(1 + names.length);
    expect(rows[1]!.slice(0, 6)).toEqual([a.out, b.out, "walk", "final", "index", String(final.pairs)]);
    expect(result.table).toContain("walk.final [index]");
    // compare.csv is not overwritten without force.
    expect((await errorOf(compareRuns([a.out, b.out], { workers: 0, csv: csvPath }))).code).toBe("EXISTS");
  });

  it("reads scalars.bin or re-simulates: the same per-path values", async () => {
    const a2 = await runPlan(driftInput(planA as Record<string, unknown>, SEED, PATHS), { out: join(root, "a2"), workers: 0 });
    const fromFile = await runScalars(await readRunFolder(a.out));
    const fromModel = await runScalars(await readRunFolder(a2.out), { workers: 0, trustModel: true });
    expect(Buffer.from(fromModel.values.buffer)).toEqual(Buffer.from(fromFile.values.buffer));
    const hand = scalarsByHand(planA, SEED, PATHS);
    expect(Array.from(fromFile.values.subarray(4 * 17, 4 * 18))).toEqual(Array.from(hand[17]!));
  });

  it("refuses runs that do not share seed, paths or grid", async () => {
    const otherSeed = await runPlan(driftInput(planB as Record<string, unknown>, "another", PATHS), { out: join(root, "seed"), workers: 0 });
    const e1 = await errorOf(compareRuns([a.out, otherSeed.out], { workers: 0 }));
    expect(e1.code).toBe("INCOMPATIBLE");
    expect(e1.message).toMatch(/seeds "paired" and "another"/);
    const otherPaths = await runPlan(driftInput(planB as Record<string, unknown>, SEED, 320), { out: join(root, "paths"), workers: 0 });
    expect((await errorOf(compareRuns([a.out, otherPaths.out], { workers: 0 }))).message).toMatch(/640 and 320 paths/);
    const otherGrid = await runPlan(driftInput({ ...planB, gridLength: 9 } as Record<string, unknown>, SEED, PATHS), { out: join(root, "grid"), workers: 0 });
    expect((await errorOf(compareRuns([a.out, otherGrid.out], { workers: 0 }))).message).toMatch(/different calendar grids/);
    expect((await errorOf(compareRuns([a.out], { workers: 0 }))).code).toBe("BAD_OPTIONS");
  });
});
