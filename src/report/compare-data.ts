/**
 * A comparison's data: the rows of compare.csv (src/results compare-table.ts: per pair of
 * runs A, B and scalar metric, the paired difference A − B with its 95 % interval and
 * P(A > B)). Read here from a folder holding compare.csv (src/results writes the file but
 * has no reader of it), or given in memory by the caller (the compare command).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { COMPARE_COLUMNS, parseCsv, parseNumber, type CompareRow } from "../results/index.js";
import { ReportError } from "./errors.js";

/** File name of a comparison. */
export const COMPARE_FILE = "compare.csv";

/** What the comparison report shows. */
export interface CompareReportData {
  /** The folder holding compare.csv, as given. */
  readonly folder: string;
  readonly rows: readonly CompareRow[];
}

/** Parses compare.csv text (`where` names it in errors; ReportError, bad input). */
export function parseCompareCsv(text: string, where: string): CompareRow[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new ReportError(`${where}: ${(err as Error).message}`, true);
  }
  const header = rows[0];
  if (header === undefined || header.join(",") !== COMPARE_COLUMNS.join(",")) {
    throw new ReportError(`${where}: header must be ${COMPARE_COLUMNS.join(",")}, got ${header?.join(",") ?? "nothing"}`, true);
  }
  return rows.slice(1).map((f, i) => {
    if (f.length !== COMPARE_COLUMNS.length) throw new ReportError(`${where} line ${i + 2}: ${f.length} fields, expected ${COMPARE_COLUMNS.length}`, true);
    let n: number[];
    try {
      n = f.slice(5).map(parseNumber);
    } catch (err) {
      throw new ReportError(`${where} line ${i + 2}: ${(err as Error).message}`, true);
    }
    const [pairs, unpaired, meanA, meanB, meanDiff, sdDiff, ciLow, ciHigh, pAGreater, pEqual] = n as [number, number, number, number, number, number, number, number, number, number];
    return { a: f[0]!, b: f[1]!, entity: f[2]!, metric: f[3]!, unit: f[4]!, pairs, unpaired, meanA, meanB, meanDiff, sdDiff, ciLow, ciHigh, pAGreater, pEqual };
  });
}

/** Reads `<dir>/compare.csv`. */
export async function readCompareData(dir: string, folderLabel: string = dir): Promise<CompareReportData> {
  const path = join(dir, COMPARE_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ReportError(`${path}: cannot be read (${(err as Error).message})`, true);
  }
  return { folder: folderLabel, rows: parseCompareCsv(text, path) };
}
