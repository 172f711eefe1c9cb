/**
 * `exodus validate <file...>`: loads each scenario file, validates it (and every variant of
 * its sweep) and compiles it to the model's plan, without running anything. Prints one
 * `OK` line per valid file (stdout); if any file has a problem, every problem of every
 * file is thrown as one ScenarioError, which main() prints (one issue per line, on
 * stderr) with exit code 2.
 *
 * The scenario modules (zod, the model) are imported when the command runs, so that
 * `exodus --help` and `--version` stay quick.
 */
import type { Command } from "commander";
import type { ScenarioIssue } from "../../scenario/errors.js";

/** Options of the validate command. */
interface ValidateOptions {
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** What validate reports for one valid file. */
export interface ValidateReport {
  readonly file: string;
  readonly name: string;
  /** Variant names (`base` for a file without a sweep). */
  readonly variants: readonly string[];
  readonly horizonDays: number;
  readonly miners: number;
}

/** Result of {@link validateFiles}: reports of the valid files and the issues of the others. */
export interface ValidateResult {
  readonly reports: ValidateReport[];
  readonly issues: ScenarioIssue[];
}

/** Validates and compiles each file. */
export async function validateFiles(files: readonly string[]): Promise<ValidateResult> {
  const { ScenarioError, loadAndCompile } = await import("../../scenario/index.js");
  const reports: ValidateReport[] = [];
  const issues: ScenarioIssue[] = [];
  for (const file of files) {
    try {
      const r = loadAndCompile(file);
      reports.push({
        file,
        name: r.base.name,
        variants: r.variants.map((v) => v.variant),
        horizonDays: r.base.plan.horizonDays,
        miners: r.base.plan.miners.length,
      });
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  return { reports, issues };
}

/** The one-line summary of a valid file. */
export function formatValidateReport(r: ValidateReport): string {
  const n = r.variants.length;
  const variants = n === 1 ? "1 variant" : `${n} variants: ${r.variants.join(", ")}`;
  return `OK ${r.file}: ${r.name} (${variants}; ${r.miners} named miners, ${r.horizonDays} days)`;
}

/** Registers `validate` on the program. */
export function registerValidateCommand(program: Command): void {
  program
    .command("validate")
    .description("check scenario files (and every sweep variant) and compile them to the model's plan, without running")
    .argument("<files...>", "scenario YAML files")
    .option("--json", "print the reports of valid files as JSON")
    .option("-q, --quiet", "print nothing for valid files")
    .action(async (files: string[], opts: ValidateOptions) => {
      const { reports, issues } = await validateFiles(files);
      if (opts.quiet !== true) {
        if (opts.json === true) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
        else for (const r of reports) process.stdout.write(`${formatValidateReport(r)}\n`);
      }
      if (issues.length > 0) {
        const { ScenarioError } = await import("../../scenario/errors.js");
        throw new ScenarioError(issues);
      }
    });
}
