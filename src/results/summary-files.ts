/**
 * The data files of a run folder, from a run's summary (montecarlo/summary.ts):
 * series.csv, epochs.csv, summary.csv, events.csv and summary.json. Each is a pure
 * function of the summary, so identical summaries give byte-identical files — whatever
 * the worker count, batch size, shard split or resume point of the run (the summary is
 * bit-identical in all those cases: montecarlo/runner.ts).
 *
 * CSV rules (format.ts): header line first, LF line ends, RFC 4180 quoting, numbers to 10
 * significant digits, NaN as an empty field. Column meaning and units: README "Result files".
 */
import type { EventSpec, FieldSpec, MonteCarloSummary, ScalarStats, StatColumns } from "../montecarlo/index.js";
import { csvLine, formatNumber, gridLabels, resultJson } from "./format.js";

/** Columns of series.csv. */
export const SERIES_COLUMNS = ["date", "entity", "metric", "unit", "count", "mean", "p05", "p25", "p50", "p75", "p95"] as const;
/** Columns of epochs.csv. */
export const EPOCHS_COLUMNS = ["epoch", "entity", "metric", "unit", "count", "mean", "p05", "p25", "p50", "p75", "p95"] as const;
/** Columns of summary.csv. */
export const SUMMARY_COLUMNS = ["entity", "metric", "unit", "count", "mean", "sd", "min", "p05", "p25", "p50", "p75", "p95", "max"] as const;
/** Columns of events.csv. */
export const EVENTS_COLUMNS = ["name", "entity", "metric", "op", "threshold", "count", "probability"] as const;

/** Schema name and version of summary.json. */
export const SUMMARY_SCHEMA = "hashrate-exodus/summary";
export const SUMMARY_SCHEMA_VERSION = 1;

const QUANTILE_KEYS = ["p05", "p25", "p50", "p75", "p95"] as const;

function statFields(stats: StatColumns, k: number): string[] {
  return [formatNumber(stats.count[k]!), formatNumber(stats.mean[k]!), ...QUANTILE_KEYS.map((q) => formatNumber(stats[q][k]!))];
}

/**
 * series.csv: one row per (grid date, series field), dates ascending and, within a date,
 * fields in layout order: `date,entity,metric,unit,count,mean,p05,p25,p50,p75,p95`.
 */
export function seriesCsv(summary: MonteCarloSummary): string {
  const labels = gridLabels(summary.grid);
  const parts: string[] = [csvLine(SERIES_COLUMNS)];
  for (let g = 0; g < labels.length; g++) {
    for (const { field, stats } of summary.series) {
      parts.push(csvLine([labels[g]!, field.entity, field.metric, field.unit, ...statFields(stats, g)]));
    }
  }
  return parts.join("");
}

/**
 * epochs.csv: one row per (epoch index, epoch field), index ascending (0 = the first
 * difficulty epoch the path reaches; see the model's layout), fields in layout order:
 * `epoch,entity,metric,unit,count,mean,p05,p25,p50,p75,p95`. Every index up to the
 * layout's maxEpochs − 1 is written, also where no path reached it (count 0).
 */
export function epochsCsv(summary: MonteCarloSummary): string {
  const m = summary.epochs[0]?.stats.count.length ?? 0;
  const parts: string[] = [csvLine(EPOCHS_COLUMNS)];
  for (let k = 0; k < m; k++) {
    for (const { field, stats } of summary.epochs) {
      parts.push(csvLine([String(k), field.entity, field.metric, field.unit, ...statFields(stats, k)]));
    }
  }
  return parts.join("");
}

/** summary.csv: one row per scalar field, in layout order: `entity,metric,unit,count,mean,sd,min,p05,…,p95,max`. */
export function summaryCsv(summary: MonteCarloSummary): string {
  const parts: string[] = [csvLine(SUMMARY_COLUMNS)];
  for (const { field, stats } of summary.scalars) {
    parts.push(
      csvLine([
        field.entity,
        field.metric,
        field.unit,
        formatNumber(stats.count),
        formatNumber(stats.mean),
        formatNumber(stats.sd),
        formatNumber(stats.min),
        ...QUANTILE_KEYS.map((q) => formatNumber(stats[q])),
        formatNumber(stats.max),
      ]),
    );
  }
  return parts.join("");
}

/** events.csv: one row per named event, in layout order: `name,entity,metric,op,threshold,count,probability`. */
export function eventsCsv(summary: MonteCarloSummary): string {
  const parts: string[] = [csvLine(EVENTS_COLUMNS)];
  for (const { event, count, probability } of summary.events) {
    parts.push(
      csvLine([event.name, event.scalar.entity, event.scalar.metric, event.op, formatNumber(event.threshold ?? NaN), formatNumber(count), formatNumber(probability)]),
    );
  }
  return parts.join("");
}

/** One scalar of summary.json (numbers exact; null where NaN). */
export interface SummaryJsonScalar extends ScalarStats {
  readonly entity: string;
  readonly metric: string;
  readonly unit: string;
}

/** One event of summary.json. */
export interface SummaryJsonEvent {
  readonly name: string;
  readonly entity: string;
  readonly metric: string;
  readonly op: EventSpec["op"];
  /** Absent for isFinite / isNaN. */
  readonly threshold?: number;
  readonly count: number;
  readonly probability: number;
}

/** summary.json, as read back (NaN restored where the file has null). */
export interface SummaryJson {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly schemaVersion: number;
  readonly paths: number;
  readonly seed: string | number;
  readonly layoutHash: string;
  readonly planHash: string;
  readonly chunkSize: number;
  readonly quantiles: MonteCarloSummary["quantiles"];
  readonly scalars: readonly SummaryJsonScalar[];
  readonly events: readonly SummaryJsonEvent[];
}

function scalarEntry(field: FieldSpec, s: ScalarStats): SummaryJsonScalar {
  return {
    entity: field.entity,
    metric: field.metric,
    unit: field.unit,
    count: s.count,
    mean: s.mean,
    sd: s.sd,
    min: s.min,
    p05: s.p05,
    p25: s.p25,
    p50: s.p50,
    p75: s.p75,
    p95: s.p95,
    max: s.max,
  };
}

/** The summary.json object of a summary (numbers exact). */
export function summaryJsonOf(summary: MonteCarloSummary): SummaryJson {
  return {
    schema: SUMMARY_SCHEMA,
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    paths: summary.paths,
    seed: summary.seed,
    layoutHash: summary.layoutHash,
    planHash: summary.planHash,
    chunkSize: summary.chunkSize,
    quantiles: {
      method: summary.quantiles.method,
      relativeAccuracy: summary.quantiles.relativeAccuracy,
      definition: summary.quantiles.definition,
      levels: [...summary.quantiles.levels],
    },
    scalars: summary.scalars.map(({ field, stats }) => scalarEntry(field, stats)),
    events: summary.events.map(({ event, count, probability }) => {
      const base = { name: event.name, entity: event.scalar.entity, metric: event.scalar.metric, op: event.op };
      return { ...base, ...(event.threshold === undefined ? {} : { threshold: event.threshold }), count, probability };
    }),
  };
}

/**
 * summary.json: the run's identity (paths, seed, layout and plan hashes, chunk size), the
 * quantile method, every scalar's statistics and every event's count and probability.
 * Numbers are exact (JavaScript's shortest round-trip form), NaN is null.
 */
export function summaryJson(summary: MonteCarloSummary): string {
  return resultJson(summaryJsonOf(summary));
}

/** The data files of a whole run, name → text, in the order they are written. */
export function summaryFiles(summary: MonteCarloSummary): Map<string, string> {
  return new Map([
    ["series.csv", seriesCsv(summary)],
    ["epochs.csv", epochsCsv(summary)],
    ["summary.csv", summaryCsv(summary)],
    ["events.csv", eventsCsv(summary)],
    ["summary.json", summaryJson(summary)],
  ]);
}
