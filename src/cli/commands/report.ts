/**
 * `exodus report <resultsDir> [--svg DIR] [--quiet]`: writes `report.html` into a run
 * folder, a sweep folder (and each variant's folder) or a folder holding compare.csv
 * (src/report writeReport) and, with `--svg`, each chart as a standalone SVG.
 *
 * Exit codes (DESIGN.md §6): 2 when the folder is not a readable result folder or holds
 * data the report cannot draw (the error names the problem); 1 when rendering fails.
 * The report modules (vega) are imported when the command runs, so that `exodus --help`
 * stays quick.
 */
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";

/** Options of the report command. */
interface ReportOptions {
  readonly svg?: string;
  readonly quiet?: boolean;
}

/** Registers `report` on the program. */
export function registerReport(program: Command): void {
  const cmd = program
    .command("report")
    .description("write report.html (charts, offline, no script) into a run, sweep or comparison folder")
    .argument("<resultsDir>", "a folder written by `exodus run` or `exodus sweep`, or holding compare.csv")
    .option("--svg <dir>", "also write each chart as a standalone SVG file into <dir>")
    .option("-q, --quiet", "print nothing on success")
    .showHelpAfterError(false)
    .action(async (resultsDir: string, opts: ReportOptions) => {
      const [{ writeReport, ReportError }, { ResultError, checkOutputLocation }] = await Promise.all([import("../../report/index.js"), import("../../results/index.js")]);
      let result;
      try {
        // --svg names a folder: a file there, or a parent that cannot hold it, is bad input.
        if (opts.svg !== undefined && !existsSync(opts.svg)) checkOutputLocation(opts.svg, "SVG folder");
        else if (opts.svg !== undefined && !statSync(opts.svg).isDirectory()) throw new ResultError("BAD_OPTIONS", `--svg ${opts.svg} is a file, not a folder`);
        result = await writeReport(resultsDir, opts.svg !== undefined ? { svgDir: opts.svg } : {});
      } catch (err) {
        // Bad input: commander's error() prints the message and ends with exit code 2
        // (main() maps a CommanderError with a non-zero code to EXIT_BAD_INPUT).
        if ((err instanceof ReportError && err.badInput) || err instanceof ResultError) cmd.error(`exodus report: ${err.message}`, { exitCode: 2, code: "exodus.badInput" });
        throw err;
      }
      for (const w of result.warnings) process.stderr.write(`exodus report: warning: ${w}\n`);
      if (opts.quiet !== true) {
        for (const r of [...result.variants, result]) {
          process.stdout.write(`wrote ${r.path} (${r.charts.length} charts)\n`);
          for (const f of r.svgFiles) process.stdout.write(`wrote ${f}\n`);
        }
      }
    });
}
