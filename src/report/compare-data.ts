/**
 * A comparison's data: the rows of compare.csv (src/results compare-table.ts: per pair of
 * runs A, B and scalar metric, the paired difference A − B with its 95 % interval and
 * P(A > B)), read from a folder holding compare.csv by src/results readCompareCsv, or given
 * in memory by the caller (the compare command).
 */
import { readCompareCsv, type CompareRow } from "../results/index.js";

/** What the comparison report shows. */
export interface CompareReportData {
  /** The folder holding compare.csv, as given. */
  readonly folder: string;
  readonly rows: readonly CompareRow[];
}

/** Reads `<dir>/compare.csv` (src/results readCompareCsv: ResultError on bad input). */
export async function readCompareData(dir: string, folderLabel: string = dir): Promise<CompareReportData> {
  return { folder: folderLabel, rows: await readCompareCsv(dir) };
}
