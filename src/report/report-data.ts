/**
 * What the report draws: a run's metadata and its distributions, in a form independent of
 * the file layout. Everything here is a summary across paths (count, mean, the quantiles
 * p05…p95); the result files hold no per-path values, so every distribution the report
 * shows is drawn from these quantiles (see each chart for how).
 *
 * Dates are unix seconds (UTC), as in the record layout (src/montecarlo/layout.ts).
 */

/** The five quantiles across paths reported for every cell (src/montecarlo/summary.ts). */
export interface Quantiles {
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/** Statistics of one cell across paths; count = paths with a finite value. */
export interface CellStats extends Quantiles {
  readonly count: number;
  readonly mean: number;
  /** Exact extremes when the file gives them (NaN or absent otherwise). */
  readonly min?: number;
  readonly max?: number;
}

/** Who and what a field is, with its unit as written in the result files. */
export interface FieldId {
  readonly entity: string;
  readonly metric: string;
  readonly unit: string;
}

/** One grid date of a series. */
export interface SeriesPoint extends CellStats {
  /** Grid date, unix seconds (00:00 UTC). */
  readonly date: number;
}

/** A series field: one {@link SeriesPoint} per grid date, in the files' order. */
export interface SeriesField extends FieldId {
  readonly points: readonly SeriesPoint[];
}

/** A per-path scalar field. */
export interface ScalarField extends FieldId {
  readonly stats: CellStats;
}

/** One epoch index of an epoch field. */
export interface EpochPoint extends CellStats {
  /** Epoch index from the start of the run (0 = the first epoch simulated). */
  readonly epoch: number;
}

/** An epoch field (difficulty, adjustment, duration, …) by epoch index. */
export interface EpochField extends FieldId {
  readonly points: readonly EpochPoint[];
}

/** A named event: the share of paths where it happened. */
export interface EventStat {
  readonly name: string;
  readonly count: number;
  readonly probability: number;
}

/** A data file of the run, linked from the report's header. */
export interface DataFile {
  /** File name relative to the run folder (the link target). */
  readonly name: string;
  /** What it holds, one line. */
  readonly description: string;
}

/** The header of a run's report. */
export interface RunMeta {
  readonly scenarioName: string;
  readonly description: string;
  readonly seed: string;
  readonly paths: number;
  /** When the run started / finished, as recorded by the run (ISO 8601); "" if unknown. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The run folder as given by the user. */
  readonly folder: string;
  /** Other facts worth a line in the header (package version, scenario hash, engine, …). */
  readonly facts: ReadonlyArray<readonly [label: string, value: string]>;
  readonly files: readonly DataFile[];
}

/** Everything a run report shows. */
export interface RunReportData {
  readonly meta: RunMeta;
  readonly series: readonly SeriesField[];
  readonly scalars: readonly ScalarField[];
  readonly epochs: readonly EpochField[];
  readonly events: readonly EventStat[];
}

/** Finds a series by entity and metric. */
export function findSeries(data: { readonly series: readonly SeriesField[] }, entity: string, metric: string): SeriesField | undefined {
  return data.series.find((s) => s.entity === entity && s.metric === metric);
}

/** Finds a scalar by entity and metric. */
export function findScalar(data: { readonly scalars: readonly ScalarField[] }, entity: string, metric: string): ScalarField | undefined {
  return data.scalars.find((s) => s.entity === entity && s.metric === metric);
}

/** Finds an epoch field by metric. */
export function findEpochField(data: { readonly epochs: readonly EpochField[] }, metric: string): EpochField | undefined {
  return data.epochs.find((s) => s.metric === metric);
}

/**
 * The named miners of a run, in the files' order: every entity with a `cumulativeEbitda`
 * scalar (src/model/path/layout.ts writes one per miner).
 */
export function minerIds(data: { readonly scalars: readonly ScalarField[] }): string[] {
  return data.scalars.filter((s) => s.metric === "cumulativeEbitda" && s.entity !== "network").map((s) => s.entity);
}
