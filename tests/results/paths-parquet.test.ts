/**
 * paths.parquet (src/results/paths-parquet.ts), read back with hyparquet and with DuckDB (an
 * independent Parquet reader, the one analysts query such files with): one row per
 * path and cell in the documented order and columns, values equal to the path simulated
 * alone (null where the cell is NaN), the layout in the key-value metadata.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { runPlan } from "../../src/api/index.js";
import { layoutShape } from "../../src/montecarlo/index.js";
import { gridLabels } from "../../src/results/index.js";
import { createPathModel } from "../api/fixtures/drift-model.js";
import { driftInput, tempRoot } from "../api/helpers.js";
import { runNode } from "../helpers/child.js";

const { root, cleanup } = tempRoot("results-parquet-");
afterAll(cleanup);

const DUCKDB_READ = fileURLToPath(new URL("./fixtures/duckdb-read.mjs", import.meta.url));

const plan = { drift: 0.002, gridLength: 5, maxEpochs: 3 };
const PATHS = 150;

describe("paths.parquet", async () => {
  const run = await runPlan(driftInput(plan, "parquet", PATHS), { out: join(root, "run"), workers: 2, keepPaths: true, keepScalars: true });
  const file = await asyncBufferFromFile(join(run.out, "paths.parquet"));
  const rows = (await parquetReadObjects({ file })) as Array<{ path: number; kind: string; date: string | null; epoch: number | null; entity: string; metric: string; value: number | null }>;

  it("has one row per path and cell, in path and cell order", () => {
    const cells = layoutShape(run.layout).cells;
    expect(cells).toBe(2 * 5 + 4 + 3);
    expect(rows.length).toBe(PATHS * cells);
    const labels = gridLabels(run.layout.grid);
    const first = rows.slice(0, cells);
    expect(first.map((r) => r.kind)).toEqual([...Array(10).fill("series"), ...Array(4).fill("scalar"), ...Array(3).fill("epoch")]);
    expect(first.slice(0, 5).map((r) => r.date)).toEqual(labels);
    expect(first.slice(5, 10).map((r) => `${r.entity}.${r.metric}`)).toEqual(Array(5).fill("walk.flag"));
    expect(first.slice(10, 14).map((r) => [r.date, r.epoch, r.metric])).toEqual([
      [null, null, "final"],
      [null, null, "min"],
      [null, null, "crossDate"],
      [null, null, "steps"],
    ]);
    expect(first.slice(14).map((r) => [r.entity, r.epoch, r.date])).toEqual([
      ["epoch", 0, null],
      ["epoch", 1, null],
      ["epoch", 2, null],
    ]);
    for (let i = 0; i < PATHS; i++) expect(rows[i * cells]!.path).toBe(i);
  });

  it("holds each path's values as simulated alone, null for NaN", () => {
    const model = createPathModel(plan);
    const shape = layoutShape(model.layout);
    let nulls = 0;
    for (const i of [0, 1, 77, PATHS - 1]) {
      const cells = new Float64Array(shape.cells).fill(NaN);
      model.simulatePath("parquet", i, {
        grid: model.layout.grid,
        series: cells.subarray(0, shape.scalarOffset),
        scalars: cells.subarray(shape.scalarOffset, shape.epochOffset),
        epochs: cells.subarray(shape.epochOffset),
      });
      const got = rows.slice(i * shape.cells, (i + 1) * shape.cells).map((r) => r.value);
      expect(got).toEqual(Array.from(cells, (v) => (Number.isNaN(v) ? null : v)));
      nulls += got.filter((v) => v === null).length;
    }
    expect(nulls).toBeGreaterThan(0); // crossDate never reached, or the third epoch missing
  });

  it("carries the layout (with units) in its key-value metadata", async () => {
    const meta = await parquetMetadataAsync(file);
    const kv = new Map((meta.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    const layout = JSON.parse(kv.get("hashrate-exodus.layout")!);
    expect(layout.series[0]).toEqual({ entity: "walk", metric: "level", unit: "index, base 100" });
    expect(kv.get("hashrate-exodus.planHash")).toBe(run.manifest.scenario.sha256);
    expect(kv.get("hashrate-exodus.seed")).toBe('"parquet"');
  });

  it("reads back in DuckDB: same row count, column types, nulls and values", async () => {
    // DuckDB runs in a child process (fixtures/duckdb-read.mjs): its native code stays out of
    // the test runner's process.
    const { status, signal, stdout, stderr } = await runNode([DUCKDB_READ, join(run.out, "paths.parquet")]);
    expect({ status, signal }, `DuckDB child process; stderr: ${stderr}`).toEqual({ status: 0, signal: null });
    const got = JSON.parse(stdout) as { types: string[][]; n: number; nonNull: number; sum: number; distinctPaths: number; path77Final: unknown };
    expect(got.types).toEqual([
      ["path", "INTEGER"],
      ["kind", "VARCHAR"],
      ["date", "VARCHAR"],
      ["epoch", "INTEGER"],
      ["entity", "VARCHAR"],
      ["metric", "VARCHAR"],
      ["value", "DOUBLE"],
    ]);
    expect(got.n).toBe(rows.length);
    expect(got.nonNull).toBe(rows.filter((r) => r.value !== null).length);
    expect(got.distinctPaths).toBe(PATHS);
    const exact = rows.reduce((acc, r) => acc + (r.value ?? 0), 0);
    expect(Math.abs(got.sum - exact)).toBeLessThanOrEqual(1e-9 * rows.reduce((acc, r) => acc + Math.abs(r.value ?? 0), 0));
    // One row by key: path 77, its first scalar.
    const want = rows.find((r) => r.path === 77 && r.kind === "scalar" && r.metric === "final")!.value;
    expect(got.path77Final).toEqual([[want]]);
  });
});
