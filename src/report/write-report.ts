/**
 * `exodus report <dir>`: reads a result folder, renders its report and writes
 * `<dir>/report.html` (and, with `svgDir`, each chart as `<svgDir>/<chart id>.svg`).
 *
 * Folder kinds: a run folder (manifest.json: the run report); a sweep folder (sweep.json,
 * sweep.csv and one run folder per variant: each variant's report and the sweep report); a
 * comparison folder (compare.csv: the comparison report); a backtest folder (backtest.json:
 * the backtest report, backtest-report.ts). report.html is written through a
 * temporary file and a rename, so a reader never sees half a page. It is not listed in the
 * run's manifest: it is derived from the data files and can be rewritten at any time.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../montecarlo/index.js";
import { COMPARE_FILE, SWEEP_FILES, readRunFolder } from "../results/index.js";
import { readCompareData } from "./compare-data.js";
import { renderCompareReport } from "./compare-report.js";
import { ReportError } from "./errors.js";
import type { RenderedChart } from "./render-svg.js";
import { REPORT_FILE } from "./report-file.js";
import { runReportData } from "./run-folder-data.js";
import { renderRunReport, type RenderedReport } from "./run-report.js";
import { readSweepData } from "./sweep-data.js";
import { BACKTEST_FILE, readBacktestDocument } from "../backtest/index.js";
import { renderBacktestReport } from "./backtest-report.js";
import { renderSweepReport } from "./sweep-report.js";

export { REPORT_FILE };

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Also write each chart as a standalone SVG file into this folder (created if needed). */
  readonly svgDir?: string;
  /** How the folder is named in the report's header (default: `dir` as given). */
  readonly folderLabel?: string;
}

/** The kinds of folder the report reads. */
export type ReportKind = "run" | "sweep" | "compare" | "backtest";

/** What {@link writeReport} wrote. */
export interface WriteReportResult {
  readonly kind: ReportKind;
  /** Path of report.html. */
  readonly path: string;
  /** Chart ids, in page order. */
  readonly charts: readonly string[];
  /** Paths of the SVG files written (empty without `svgDir`). */
  readonly svgFiles: readonly string[];
  /** Warnings from Vega-Lite/Vega while rendering, prefixed by chart id (empty when all is well). */
  readonly warnings: readonly string[];
  /** For a sweep: the report of each variant, in sweep order. */
  readonly variants: readonly WriteReportResult[];
}

/**
 * What a folder is: a run (manifest.json), a sweep (sweep.json), a comparison
 * (compare.csv) or a backtest (backtest.json); a {@link ReportError} (bad input) for anything else.
 */
export function reportKind(dir: string): ReportKind {
  if (!existsSync(dir)) throw new ReportError(`${dir}: no such folder`, true);
  if (!statSync(dir).isDirectory()) throw new ReportError(`${dir} is a file, not a result folder`, true);
  try {
    // report.html is written into the folder: it must be readable and writable.
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new ReportError(`${dir}: no permission to read the folder and write ${REPORT_FILE} into it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, true);
  }
  if (existsSync(join(dir, "manifest.json"))) return "run";
  if (existsSync(join(dir, SWEEP_FILES.json))) return "sweep";
  if (existsSync(join(dir, COMPARE_FILE))) return "compare";
  if (existsSync(join(dir, BACKTEST_FILE))) return "backtest";
  throw new ReportError(
    `${dir} is not a result folder: it has no manifest.json (a run), ${SWEEP_FILES.json} (a sweep), ${COMPARE_FILE} (a comparison) or ${BACKTEST_FILE} (a backtest); an unfinished or killed run leaves none`,
    true,
  );
}

/** Writes text through a temporary file in the same folder and a rename (montecarlo's writeFileAtomic). */
function writeText(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, Buffer.from(text, "utf8"));
}

/** A standalone SVG file's text: XML declaration, the chart's markup, final line end. */
export function standaloneSvg(chart: RenderedChart): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`;
}

/** Writes each chart as `<dir>/<id>.svg`; returns the paths. */
export async function exportSvgs(charts: readonly RenderedChart[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const c of charts) {
    const path = join(dir, `${c.id}.svg`);
    await writeText(path, standaloneSvg(c));
    out.push(path);
  }
  return out;
}

function warningsOf(charts: readonly RenderedChart[]): string[] {
  return charts.flatMap((c) => c.warnings.map((w) => `${c.id}: ${w}`));
}

/** Writes a rendered page as `<dir>/report.html` and its charts into `svgDir`. */
async function writeRendered(kind: ReportKind, dir: string, report: RenderedReport, svgDir: string | undefined, variants: readonly WriteReportResult[] = []): Promise<WriteReportResult> {
  const path = join(dir, REPORT_FILE);
  await writeText(path, report.html);
  const svgFiles = svgDir !== undefined ? await exportSvgs(report.charts, svgDir) : [];
  return { kind, path, charts: report.charts.map((c) => c.id), svgFiles, warnings: warningsOf(report.charts), variants };
}

/**
 * Writes the report of the result folder `dir`: a run's report, or for a sweep folder each
 * variant's report and the sweep's (with `svgDir`, the sweep's charts go into `svgDir` and
 * each variant's into `svgDir/<variant>/`). Throws the readers' ResultError (src/results)
 * for a folder that is not a complete, intact run and for a sweep.json or compare.csv that
 * cannot be read, and {@link ReportError} for data the report cannot draw (bad input) or a
 * chart that fails to render.
 */
export async function writeReport(dir: string, options: WriteReportOptions = {}): Promise<WriteReportResult> {
  const kind = reportKind(dir);
  const label = options.folderLabel ?? dir;
  if (kind === "run") return writeRendered(kind, dir, await renderRunReport(runReportData(await readRunFolder(dir), label)), options.svgDir);
  if (kind === "backtest") return writeRendered(kind, dir, renderBacktestReport(await readBacktestDocument(dir), label), options.svgDir);
  if (kind === "compare") return writeRendered(kind, dir, await renderCompareReport(await readCompareData(dir, label)), options.svgDir);
  // A sweep: each variant's report (from the data read once), then the sweep's.
  const data = await readSweepData(dir, label);
  const variants: WriteReportResult[] = [];
  for (const v of data.variants) {
    const svgDir = options.svgDir !== undefined ? join(options.svgDir, v.folder) : undefined;
    variants.push(await writeRendered("run", join(dir, v.folder), await renderRunReport(v.run), svgDir));
  }
  const sweep = await writeRendered(kind, dir, await renderSweepReport(data, dir), options.svgDir, variants);
  return { ...sweep, warnings: [...sweep.warnings, ...variants.flatMap((v, i) => v.warnings.map((w) => `${data.variants[i]!.folder}/${w}`))] };
}
