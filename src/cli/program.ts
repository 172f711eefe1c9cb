/**
 * The `exodus` command line: commander wiring only. Every command calls library code that a
 * script could call too; nothing here holds logic a library user would need.
 *
 * Exit codes (DESIGN.md §6): 0 ok, 1 failure during a run, 2 bad input or usage.
 */
import { Command, CommanderError } from "commander";
import { isScenarioError } from "../scenario/errors.js";
import { VERSION } from "../version.js";
import { registerBacktest } from "./commands/backtest.js";
import { registerCompare } from "./commands/compare.js";
import { registerMerge } from "./commands/merge.js";
import { registerReplay } from "./commands/replay.js";
import { registerReport } from "./commands/report.js";
import { registerRun } from "./commands/run.js";
import { registerScenariosCommand } from "./commands/scenarios.js";
import { registerSchemaCommand } from "./commands/schema.js";
import { registerSweep } from "./commands/sweep.js";
import { registerValidateCommand } from "./commands/validate.js";

export const EXIT_OK = 0;
export const EXIT_RUN_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Builds the program. `exitOverride` lets main() map commander's own errors to exit codes. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name("exodus")
    .description(
      "hashrate-exodus: Monte Carlo simulator of Bitcoin hashrate, difficulty and miner margins " +
        "as public miners move power from mining to AI/HPC.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .showHelpAfterError("(run `exodus --help` for usage)")
    .exitOverride();
  registerRun(program);
  registerSweep(program);
  registerCompare(program);
  registerMerge(program);
  registerReplay(program);
  registerReport(program);
  registerBacktest(program);
  registerValidateCommand(program);
  registerSchemaCommand(program);
  registerScenariosCommand(program);
  return program;
}

/** Runs the CLI on argv (without node and script) and returns the exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through exitOverride with exitCode 0.
      return err.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (isScenarioError(err)) {
      // Bad scenario input: every problem, one per line, no stack trace.
      process.stderr.write(`${err.format()}\n`);
      return EXIT_BAD_INPUT;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`exodus: ${message}\n`);
    return EXIT_RUN_FAILURE;
  }
}
