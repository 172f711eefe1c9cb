/**
 * From a run's result folder, as read and checked by src/results (readRunFolder), to what
 * the report draws ({@link RunReportData}). No file parsing here: src/results owns the
 * formats; this only regroups rows into fields and picks the header's facts.
 */
import { basename } from "node:path";
import { RESULT_FILES, type RunFolder } from "../results/index.js";
import { isoDay } from "./chart.js";
import { ReportError } from "./errors.js";
import { formatValue } from "./format.js";
import type { CellStats, DataFile, EpochField, RunReportData, ScalarField, SeriesField } from "./report-data.js";

/** One line on each data file a run folder may hold (README "Result files"). */
export const FILE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  [RESULT_FILES.manifest]: "run metadata: versions, scenario and its hash, seed, paths, timing, file checksums",
  [RESULT_FILES.plan]: "the compiled scenario, exactly as run",
  [RESULT_FILES.layout]: "record layout: grid dates, fields and units, events",
  [RESULT_FILES.series]: "quantiles across paths per grid date and series",
  [RESULT_FILES.epochs]: "quantiles across paths per difficulty epoch",
  [RESULT_FILES.summaryCsv]: "per-path outcomes: mean, sd, min, quantiles, max",
  [RESULT_FILES.events]: "probabilities of the named events",
  [RESULT_FILES.summaryJson]: "outcomes and events, exact numbers",
  [RESULT_FILES.scalars]: "per-path outcomes (binary)",
  [RESULT_FILES.paths]: "every path's values (Parquet)",
});

/**
 * A grid label of series.csv as unix seconds: `yyyy-mm-dd` is 00:00 UTC of that day, or a
 * full ISO time `yyyy-mm-ddThh:mm:ssZ` (results/format.ts gridLabels).
 */
export function parseGridLabel(label: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(label) ? `${label}T00:00:00Z` : label);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.test(label)) {
    throw new ReportError(`series.csv: not a grid date: ${JSON.stringify(label)}`, true);
  }
  return ms / 1000;
}

function group<R extends { readonly entity: string; readonly metric: string; readonly unit: string }, P>(rows: readonly R[], point: (r: R) => P) {
  const fields = new Map<string, { entity: string; metric: string; unit: string; points: P[] }>();
  for (const r of rows) {
    const key = `${r.entity}\u0000${r.metric}`;
    let f = fields.get(key);
    if (f === undefined) {
      f = { entity: r.entity, metric: r.metric, unit: r.unit, points: [] };
      fields.set(key, f);
    }
    f.points.push(point(r));
  }
  return [...fields.values()];
}

/** The data files to link: the manifest and every file it lists, in name order. */
export function dataFiles(folder: RunFolder): DataFile[] {
  const names = [RESULT_FILES.manifest, ...Object.keys(folder.manifest.files).filter((n) => n !== RESULT_FILES.manifest)].sort();
  return names.map((name) => ({ name, description: FILE_DESCRIPTIONS[name] ?? "data file" }));
}

/** The report's data of a run folder read by readRunFolder; `folderLabel` is shown in the header. */
export function runReportData(folder: RunFolder, folderLabel: string = folder.dir): RunReportData {
  const m = folder.manifest;
  const grid = folder.layout.grid;
  const facts: Array<readonly [string, string]> = [];
  if (grid.length > 0) facts.push(["Horizon", `${isoDay(grid[0]!)} to ${isoDay(grid[grid.length - 1]!)} (UTC), ${grid.length} grid dates`]);
  if (m.scenario.file !== null) facts.push(["Scenario file", m.scenario.file]);
  facts.push(["Scenario sha256", m.scenario.sha256]);
  if (m.engine !== null) facts.push(["Chain engine", m.engine]);
  facts.push(["Package", `${m.package.name} ${m.package.version}${m.package.gitCommit !== null ? ` (commit ${m.package.gitCommit})` : ""}`]);
  facts.push(["Node", m.node]);
  facts.push(["Wall time", `${formatValue(m.wallSeconds, 3)} s on ${m.workers === 0 ? "the main thread" : `${m.workers} worker${m.workers === 1 ? "" : "s"}`}`]);
  facts.push(["Quantiles", folder.summary.quantiles.definition]);

  const series: SeriesField[] = group(folder.series, (r) => ({ date: parseGridLabel(r.date), count: r.count, mean: r.mean, p05: r.p05, p25: r.p25, p50: r.p50, p75: r.p75, p95: r.p95 }));
  const epochs: EpochField[] = group(folder.epochs, (r) => ({ epoch: r.epoch, count: r.count, mean: r.mean, p05: r.p05, p25: r.p25, p50: r.p50, p75: r.p75, p95: r.p95 }));
  const scalars: ScalarField[] = folder.summary.scalars.map((s) => {
    const stats: CellStats = { count: s.count, mean: s.mean, p05: s.p05, p25: s.p25, p50: s.p50, p75: s.p75, p95: s.p95, min: s.min, max: s.max };
    return { entity: s.entity, metric: s.metric, unit: s.unit, stats };
  });
  return {
    meta: {
      scenarioName: m.scenario.name ?? (m.scenario.file !== null ? basename(m.scenario.file) : "unnamed scenario"),
      description: m.scenario.description ?? "",
      seed: String(m.seed),
      paths: m.paths,
      startedAt: m.started,
      finishedAt: m.finished,
      folder: folderLabel,
      facts,
      files: dataFiles(folder),
    },
    series,
    scalars,
    epochs,
    events: folder.summary.events.map((e) => ({ name: e.name, count: e.count, probability: e.probability })),
  };
}
