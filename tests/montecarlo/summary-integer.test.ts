/**
 * Quantiles of integer fields (FieldSpec.integer; summary.ts, sketch-bank.ts "Integer
 * fields"): fed through the runner, accumulator and summary like any run, the quantiles of
 * an integer field whose values lie within ~99 of its origin are the exact type-7 quantiles
 * rounded to the nearest integer — the exact order statistics when h = q·(n − 1) is an
 * integer (n = 401) — in the series, scalar and epoch blocks; beyond that range they are
 * integers within α·max(|x₍⌊h⌋₎|, |x₍⌈h⌉₎|) + 1 of the exact quantile. A field with the same
 * values but no flag keeps its unrounded sketch quantiles, and count, mean, sd, min and
 * max do not depend on the flag.
 */
import { describe, expect, it } from "vitest";
import { layoutShape } from "../../src/montecarlo/layout.js";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";
import { QUANTILE_LEVELS, type MonteCarloSummary, type StatColumns } from "../../src/montecarlo/summary.js";
import { SCALARS, SHIFT, createPathModel } from "./fixtures/integer-model.js";
import { replayCells, type7 } from "./helpers.js";

const URL_ = new URL("./fixtures/integer-model.js", import.meta.url).href;
const SEED = "integer-quantiles";
const KEYS = ["p05", "p25", "p50", "p75", "p95"] as const;
const ALPHA = SKETCH_RELATIVE_ACCURACY;

/** A cell: its field's flag and origin, its stats at one position, its exact values. */
interface Cell {
  readonly name: string;
  readonly integer: boolean;
  readonly origin: number;
  readonly get: (k: keyof StatColumns) => number;
  readonly values: Float64Array;
}

async function cellsOf(paths: number): Promise<{ summary: MonteCarloSummary; cells: Cell[] }> {
  const summary = (await runMonteCarlo({ model: URL_, plan: {}, seed: SEED, paths, workers: 0, chunkSize: 64 })).summary!;
  const model = createPathModel({});
  const shape = layoutShape(model.layout);
  const values = replayCells(model, SEED, paths);
  const exact = (c: number): Float64Array => values.subarray(c * paths, (c + 1) * paths).filter((x) => !Number.isNaN(x)).sort();
  const cells: Cell[] = [];
  const add = (name: string, f: { integer?: boolean; origin?: number }, get: Cell["get"], c: number): void => {
    cells.push({ name, integer: f.integer === true, origin: f.origin ?? 0, get, values: exact(c) });
  };
  summary.series.forEach(({ field, stats }, s) => {
    for (let g = 0; g < shape.gridLength; g++) add(`series ${field.metric}[${g}]`, field, (k) => stats[k][g]!, s * shape.gridLength + g);
  });
  summary.scalars.forEach(({ field, stats }, c) => add(`${field.entity}.${field.metric}`, field, (k) => stats[k], shape.scalarOffset + c));
  summary.epochs.forEach(({ field, stats }, e) => {
    for (let k = 0; k < shape.maxEpochs; k++) add(`epoch ${field.metric}[${k}]`, field, (key) => stats[key][k]!, shape.epochOffset + e * shape.maxEpochs + k);
  });
  return { summary, cells };
}

describe("quantiles of integer fields", () => {
  it.each([401, 400])("are the exact type-7 quantiles rounded to integers below ~99 (%i paths)", async (paths) => {
    const { cells } = await cellsOf(paths);
    const small = cells.filter((c) => c.integer && c.name !== "count.large");
    expect(small.map((c) => c.name)).toEqual([
      "series count[0]",
      "series count[1]",
      ...SCALARS.filter(([, m, integer]) => integer && m !== "large").map(([e, m]) => `${e}.${m}`),
      "epoch blocks[0]",
      "epoch blocks[1]",
    ]);
    let between = 0;
    for (const c of small) {
      // The fixture keeps these within the exact range of rounding, |x − origin| ≤ 60 < 99.5.
      for (const x of c.values) expect(Math.abs(x - c.origin)).toBeLessThan(0.5 * (1 - ALPHA) / ALPHA);
      expect(c.values.length).toBeGreaterThan(100);
      QUANTILE_LEVELS.forEach((q, l) => {
        const got = c.get(KEYS[l]!);
        const exact = type7(c.values, q);
        expect(Number.isInteger(got) && !Object.is(got, -0), `${c.name} ${KEYS[l]} = ${got}`).toBe(true);
        expect(got, `${c.name} ${KEYS[l]}`).toBe(Math.round(exact.value) + 0);
        // With n − 1 a multiple of 20 every h is an integer: the exact order statistic.
        if (c.values.length === 401) expect(got, `${c.name} ${KEYS[l]}`).toBe(exact.lo);
        if (exact.f !== 0 && exact.lo !== exact.hi) between++;
      });
    }
    // With 400 paths some levels interpolate between two different order statistics (one
    // epoch cell has fewer values, so it can happen with 401 too).
    if (paths === 400) expect(between).toBeGreaterThan(0);
  });

  it("are integers within α·|x| + 1 of the exact quantile beyond that range", async () => {
    const { cells } = await cellsOf(400);
    const large = cells.find((c) => c.name === "count.large")!;
    expect(large.integer).toBe(true);
    expect(large.values[0]).toBeGreaterThan(1000);
    QUANTILE_LEVELS.forEach((q, l) => {
      const got = large.get(KEYS[l]!);
      const exact = type7(large.values, q);
      expect(Number.isInteger(got)).toBe(true);
      expect(Math.abs(got - exact.value)).toBeLessThanOrEqual(ALPHA * Math.max(Math.abs(exact.lo), Math.abs(exact.hi)) * (1 + 1e-12) + 1);
    });
  });

  it("leave a field without the flag unrounded, and the other statistics unchanged", async () => {
    const { cells } = await cellsOf(400);
    const flagged = cells.find((c) => c.name === "count.small")!;
    const plain = cells.find((c) => c.name === "count.plain")!;
    expect(plain.integer).toBe(false);
    expect(Array.from(plain.values)).toEqual(Array.from(flagged.values));
    let fractional = 0;
    QUANTILE_LEVELS.forEach((q, l) => {
      const got = plain.get(KEYS[l]!);
      const exact = type7(plain.values, q);
      expect(Math.abs(got - exact.value)).toBeLessThanOrEqual(ALPHA * ((1 - exact.f) * Math.abs(exact.lo) + exact.f * Math.abs(exact.hi)) * (1 + 1e-12));
      if (!Number.isInteger(got)) fractional++;
    });
    // The sketch's bin representatives are not integers: unrounded, some quantile shows it.
    expect(fractional).toBeGreaterThan(0);
    for (const k of ["count", "mean", "sd", "min", "max"] as const) expect(plain.get(k), k).toBe(flagged.get(k));
  });

  it("shift with an integer origin: the sketch holds value − origin", async () => {
    const { cells } = await cellsOf(400);
    const shifted = cells.find((c) => c.name === "count.shifted")!;
    expect(shifted.origin).toBe(SHIFT);
    // The values lie far beyond 99.5 from 0, within it from the origin: exact all the same.
    expect(shifted.values[0]).toBeGreaterThanOrEqual(SHIFT);
    QUANTILE_LEVELS.forEach((q, l) => expect(shifted.get(KEYS[l]!)).toBe(Math.round(type7(shifted.values, q).value)));
  });
});
