/**
 * The summary (src/montecarlo/summary.ts) against exact statistics of the same paths,
 * replayed one by one and stored:
 * - counts, min, max and event counts are exact;
 * - means are within the rounding bound of the summation tree: |mean − exact| ≤
 *   (C0 + L + 2)·u·Σ|x| / n (Higham, "Accuracy and Stability of Numerical Algorithms",
 *   2nd ed., §4.2: a sum of m terms in any association order of depth d has error
 *   ≤ d·u·Σ|x|; here d ≤ C0 − 1 within a chunk plus L levels of the tree, plus the division);
 * - standard deviations are within 10·(C0 + L)·u·κ² relative, κ² = 1 + mean²/var the
 *   condition number of the variance (Chan, Golub & LeVeque 1983, "Algorithms for computing
 *   the sample variance: analysis and recommendations", Am. Stat. 37(3): the pairwise and
 *   shifted algorithms have relative error O(depth·u·κ), and κ² bounds that);
 * - quantiles are within the sketch's relative accuracy of the exact type-7 quantile;
 * - cells with no value give count 0 and NaN; unsketched fields give NaN quantiles.
 * The exact references use compensated sums (src/random/fsum.ts).
 */
import { describe, expect, it } from "vitest";
import { layoutShape, sketchMask } from "../../src/montecarlo/layout.js";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";
import { rootLevel } from "../../src/montecarlo/summation-tree.js";
import { QUANTILE_LEVELS, type StatColumns } from "../../src/montecarlo/summary.js";
import { fsum } from "../../src/random/fsum.js";
import { createPathModel } from "./fixtures/toy-model.js";
import { TOY_URL, replayCells, type7 } from "./helpers.js";

const U = 2 ** -53;
const plan = { gridLength: 30, maxEpochs: 6 };
const PATHS = 3000;
const SEED = "exact-check";
const CHUNK = 64;

describe("summary vs exact statistics", async () => {
  const result = await runMonteCarlo({ model: TOY_URL, plan, seed: SEED, paths: PATHS, workers: 0, chunkSize: CHUNK });
  const summary = result.summary!;
  // Replay every path and keep all values, cell-major.
  const model = createPathModel(plan);
  const shape = layoutShape(model.layout);
  const values = replayCells(model, SEED, PATHS);
  const finite = (c: number): Float64Array => values.subarray(c * PATHS, (c + 1) * PATHS).filter((x) => !Number.isNaN(x));
  const depth = CHUNK + rootLevel(Math.ceil(PATHS / CHUNK)) + 2;
  const mask = sketchMask(model.layout);

  /** Every cell as (cell index, its stats entry): series and epochs by position, scalars. */
  const cells: Array<{ cell: number; get: (k: keyof StatColumns) => number }> = [];
  summary.series.forEach(({ stats }, s) => {
    for (let g = 0; g < shape.gridLength; g++) cells.push({ cell: s * shape.gridLength + g, get: (k) => stats[k][g]! });
  });
  summary.scalars.forEach(({ stats }, c) => cells.push({ cell: shape.scalarOffset + c, get: (k) => stats[k] }));
  summary.epochs.forEach(({ stats }, e) => {
    for (let k = 0; k < shape.maxEpochs; k++) cells.push({ cell: shape.epochOffset + e * shape.maxEpochs + k, get: (key) => stats[key][k]! });
  });

  it("covers every cell, and some cells are empty, some partial, some full", () => {
    expect(cells).toHaveLength(shape.cells);
    const counts = cells.map(({ get }) => get("count"));
    expect(counts).toContain(0);
    expect(counts).toContain(PATHS);
    expect(counts.some((n) => n > 1 && n < PATHS)).toBe(true);
  });

  it("has exact counts, min and max, and NaN statistics for empty cells", () => {
    for (const { cell, get } of cells) {
      const xs = finite(cell);
      expect(get("count")).toBe(xs.length);
      if (xs.length === 0) {
        for (const k of ["mean", "sd", "min", "max", "p50"] as const) expect(get(k)).toBeNaN();
        continue;
      }
      expect(get("min")).toBe(Math.min(...xs));
      expect(get("max")).toBe(Math.max(...xs));
    }
  });

  it("has means within the summation tree's rounding bound", () => {
    let worst = 0;
    for (const { cell, get } of cells) {
      const xs = finite(cell);
      if (xs.length === 0) continue;
      const exact = fsum(xs) / xs.length;
      const bound = (depth * U * fsum(xs.map(Math.abs))) / xs.length;
      const err = Math.abs(get("mean") - exact);
      if (!(err <= bound)) throw new Error(`cell ${cell}: mean ${get("mean")} vs exact ${exact}, error ${err} > bound ${bound}`);
      worst = Math.max(worst, err / bound);
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("has standard deviations within the variance algorithm's relative bound", () => {
    for (const { cell, get } of cells) {
      const xs = finite(cell);
      if (xs.length < 2) {
        expect(get("sd")).toBeNaN();
        continue;
      }
      const mean = fsum(xs) / xs.length;
      const variance = fsum(xs.map((x) => (x - mean) ** 2)) / (xs.length - 1);
      const exact = Math.sqrt(variance);
      if (variance === 0) {
        expect(get("sd")).toBe(0);
        continue;
      }
      const kappa2 = 1 + (mean * mean) / variance;
      const bound = 10 * depth * U * kappa2 * exact;
      if (!(Math.abs(get("sd") - exact) <= bound)) throw new Error(`cell ${cell}: sd ${get("sd")} vs exact ${exact}, bound ${bound}`);
    }
  });

  it("has quantiles within the sketch's relative accuracy of the exact type-7 quantiles", () => {
    const keys = ["p05", "p25", "p50", "p75", "p95"] as const;
    let checked = 0;
    for (const { cell, get } of cells) {
      const xs = finite(cell).sort();
      if (xs.length === 0) continue;
      if (mask[cell] === 0) {
        for (const k of keys) expect(get(k)).toBeNaN();
        continue;
      }
      QUANTILE_LEVELS.forEach((q, l) => {
        const exact = type7(xs, q);
        const bound = SKETCH_RELATIVE_ACCURACY * ((1 - exact.f) * Math.abs(exact.lo) + exact.f * Math.abs(exact.hi)) * (1 + 1e-12);
        const got = get(keys[l]!);
        if (!(Math.abs(got - exact.value) <= bound)) throw new Error(`cell ${cell} q=${q}: ${got} vs exact ${exact.value}, bound ${bound}`);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("counts events exactly", () => {
    const final = finite(shape.scalarOffset);
    const cross = values.subarray((shape.scalarOffset + 1) * PATHS, (shape.scalarOffset + 2) * PATHS);
    const crossed = cross.filter((x) => Number.isFinite(x)).length;
    const expected = { crossed, neverCrossed: PATHS - crossed, finalAbove105: final.filter((x) => x > 105).length };
    for (const e of summary.events) {
      expect(e.count).toBe(expected[e.event.name as keyof typeof expected]);
      expect(e.probability).toBe(e.count / PATHS);
    }
    expect(crossed).toBeGreaterThan(0);
    expect(crossed).toBeLessThan(PATHS);
  });
});
