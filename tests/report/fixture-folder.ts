/**
 * A result folder for the report's tests, written by the project's own writer
 * (src/results writeRunFolder) from the synthetic run of synthetic.ts: the files, checksums
 * and formats are the real ones; only the numbers are synthetic (closed-form quantiles).
 */
import {
  layoutHash,
  planHash,
  type FieldSpec,
  type MonteCarloSummary,
  type RecordLayout,
  type ScalarStats,
  type StatColumns,
} from "../../src/montecarlo/index.js";
import { writeRunFolder } from "../../src/results/index.js";
import type { CellStats, RunReportData } from "../../src/report/index.js";
import { syntheticRun, type SyntheticOptions } from "./synthetic.js";

function columns(cells: readonly CellStats[]): StatColumns {
  const col = (f: (c: CellStats) => number) => Float64Array.from(cells, f);
  return {
    count: col((c) => c.count),
    mean: col((c) => c.mean),
    sd: col(() => NaN),
    min: col((c) => c.min ?? NaN),
    max: col((c) => c.max ?? NaN),
    p05: col((c) => c.p05),
    p25: col((c) => c.p25),
    p50: col((c) => c.p50),
    p75: col((c) => c.p75),
    p95: col((c) => c.p95),
  };
}

/** The layout and summary of a synthetic run, as the Monte Carlo machinery would give them. */
export function syntheticSummary(data: RunReportData): { layout: RecordLayout; summary: MonteCarloSummary; plan: unknown } {
  const grid = Float64Array.from(data.series[0]!.points, (p) => p.date);
  const field = (f: { entity: string; metric: string; unit: string }): FieldSpec => ({ entity: f.entity, metric: f.metric, unit: f.unit });
  const maxEpochs = data.epochs[0]?.points.length ?? 0;
  const layout: RecordLayout = {
    grid,
    series: data.series.map(field),
    scalars: data.scalars.map(field),
    epochFields: data.epochs.map(field),
    maxEpochs,
    events: [],
  };
  const plan = { synthetic: true, grid: [...grid] };
  const summary: MonteCarloSummary = {
    paths: data.meta.paths,
    seed: data.meta.seed,
    layoutHash: layoutHash(layout),
    planHash: planHash(plan),
    chunkSize: 64,
    quantiles: { method: "synthetic", relativeAccuracy: 0, definition: "closed-form normal/lognormal quantiles (test fixture)", levels: [0.05, 0.25, 0.5, 0.75, 0.95] },
    grid,
    series: data.series.map((s) => ({ field: field(s), stats: columns(s.points) })),
    scalars: data.scalars.map((s) => {
      const st: ScalarStats = { ...s.stats, sd: NaN, min: s.stats.min ?? NaN, max: s.stats.max ?? NaN };
      return { field: field(s), stats: st };
    }),
    epochs: data.epochs.map((e) => ({ field: field(e), stats: columns(e.points) })),
    events: [],
  };
  return { layout, summary, plan };
}

/** Writes the synthetic run as a result folder at `dir` (replacing one there). */
export async function writeSyntheticFolder(dir: string, opts: SyntheticOptions = {}): Promise<RunReportData> {
  const data = syntheticRun(opts);
  const { layout, summary, plan } = syntheticSummary(data);
  await writeRunFolder(
    dir,
    {
      plan,
      layout,
      summary,
      manifest: {
        package: { name: "hashrate-exodus", version: "0.0.0-test", gitCommit: null },
        node: "v20.0.0",
        host: "test",
        scenario: { name: data.meta.scenarioName, description: data.meta.description, file: null, files: [], sha256: summary.planHash, plan },
        dataFiles: [],
        model: { module: "synthetic", export: "none" },
        seed: data.meta.seed,
        paths: data.meta.paths,
        engine: "fast",
        chunkSize: 64,
        layoutHash: summary.layoutHash,
        shard: null,
        workers: 0,
        batchPaths: null,
        started: data.meta.startedAt,
        finished: data.meta.finishedAt,
        wallSeconds: 5,
        resumedPaths: 0,
      },
    },
    { force: true },
  );
  return data;
}
