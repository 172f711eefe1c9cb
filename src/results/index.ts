/**
 * Result files: writers and readers of `results/<run>/` (manifest, plan, layout, series,
 * epochs, summary, events, per-path scalars, paths.parquet), shard partials, sweep.csv,
 * sweep.json and compare.csv (the last two read back by the report). No simulation here
 * (DESIGN.md §1): src/api runs and calls these. The formats are described in README.md
 * "Result files".
 */
export { parseResultJson, ResultError, unreadableFile, type ResultErrorCode } from "./errors.js";
export { CSV_SIGNIFICANT_DIGITS, allMidnights, csvField, csvLine, formatNumber, gridLabels, parseCsv, parseNumber, resultJson } from "./format.js";
export { checkOutputLocation, discardStaging, promoteFolder, refuseExisting, writeFolderAtomic, type OutputKind } from "./atomic-folder.js";
export { MANIFEST_SCHEMA, MANIFEST_SCHEMA_VERSION, manifestJson, parseManifest, type FileHash, type Manifest, type MergedFrom } from "./manifest.js";
export { planFromJson, planJson, readablePlan } from "./plan-file.js";
export {
  EPOCHS_COLUMNS,
  EVENTS_COLUMNS,
  SERIES_COLUMNS,
  SUMMARY_COLUMNS,
  SUMMARY_SCHEMA,
  SUMMARY_SCHEMA_VERSION,
  epochsCsv,
  eventsCsv,
  seriesCsv,
  summaryCsv,
  summaryFiles,
  summaryJson,
  summaryJsonOf,
  type SummaryJson,
  type SummaryJsonEvent,
  type SummaryJsonScalar,
} from "./summary-files.js";
export { SCALARS_FORMAT_VERSION, SCALARS_MAGIC, decodeScalars, encodeScalars, type ScalarsHeader, type ScalarsTable } from "./scalars-file.js";
export { PARQUET_ROW_GROUP_ROWS, PATHS_PARQUET_MAX_ROWS, PathsParquetWriter, checkPathsParquetSize, pathsParquetRows } from "./paths-parquet.js";
export {
  RESULT_FILES,
  layoutJson,
  sha256File,
  writeRunFolder,
  writeShardFolder,
  type ManifestInput,
  type RunFolderContent,
  type ShardFolderContent,
} from "./run-folder.js";
export {
  readManifest,
  readPlan,
  readRunFolder,
  readScalarsFile,
  readShardFolder,
  type EpochRow,
  type RowStats,
  type RunFolder,
  type SeriesRow,
  type ShardFolder,
} from "./read-run-folder.js";
export { logBetaHalf, logGamma, regularizedBeta, studentTCdf, studentTQuantile } from "./student-t.js";
export {
  COMPARE_COLUMNS,
  COMPARE_FILE,
  compareCsv,
  compareTable,
  pairedStats,
  parseCompareCsv,
  readCompareCsv,
  type CompareRow,
  type PairedStats,
} from "./compare-table.js";
export {
  SWEEP_FILES,
  SWEEP_SCHEMA,
  SWEEP_SCHEMA_VERSION,
  parseSweepJson,
  readSweepJson,
  sweepJson,
  type SweepJson,
  type SweepJsonRecord,
  type SweepJsonVariant,
  type SweepJsonVariantRecord,
} from "./sweep-json.js";
export { SWEEP_OUTCOMES, sweepCsv, sweepOutcomeFields, sweepValueText, type SweepCsvRow, type SweepSummaryLike } from "./sweep-csv.js";
export { RECORD_COLUMNS, recordCsv } from "./record-csv.js";
export { keyOutcomes, formatKeyOutcomes, type KeyOutcome } from "./key-outcomes.js";
