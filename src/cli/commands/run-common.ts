/**
 * What the run-like commands (run, sweep, compare, merge, replay) share: option parsers
 * that throw InvalidArgumentError (commander prints them as usage errors, exit 2), the
 * mapping of errors to exit codes, Ctrl-C as a clean abort, and the progress line on
 * stderr (only when stderr is a TTY, and not with --quiet or --json).
 *
 * Exit codes (DESIGN.md §6): 2 for bad input — a result folder that exists without
 * --force, a missing or damaged folder, runs that cannot be compared or merged, bad
 * options (ResultError; MonteCarloError BAD_OPTIONS; a checkpoint of another run) — and
 * 1 for a failure during the run (a path that throws, a worker that dies, an interrupt).
 * Scenario errors are rethrown: main() prints them, one per line, with exit code 2.
 */
import { InvalidArgumentError, type Command } from "commander";
import type { ApiProgress } from "../../api/index.js";
import { MAX_WORKERS } from "../../montecarlo/workers.js";
import { MAX_PATHS } from "../../scenario/limits.js";

/** Parses a positive integer option (paths, workers...). */
export function positiveInt(name: string): (text: string) => number {
  return (text) => {
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got "${text}"`);
    return Number(text);
  };
}

/**
 * Parses --paths: a positive integer up to MAX_PATHS, the same limit as a scenario's
 * `paths:` (one constant, scenario/limits.ts).
 */
export function pathCount(text: string): number {
  const n = positiveInt("--paths")(text);
  if (n > MAX_PATHS) throw new InvalidArgumentError(`--paths must be at most ${MAX_PATHS.toLocaleString("en-US")} (the limit of a scenario's paths:), got ${text}`);
  return n;
}

/**
 * Parses --workers: 0 (in the main thread) up to MAX_WORKERS (montecarlo/workers.ts); a run
 * starts no more threads than it has batches.
 */
export function workerCount(text: string): number {
  const n = nonNegativeInt("--workers")(text);
  if (n > MAX_WORKERS) throw new InvalidArgumentError(`--workers must be at most ${MAX_WORKERS} (worker threads; all cores is the default), got ${text}`);
  return n;
}

/** Parses a non-negative integer option (workers: 0 runs in the main thread). */
export function nonNegativeInt(name: string): (text: string) => number {
  return (text) => {
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError(`${name} must be a non-negative integer, got "${text}"`);
    return Number(text);
  };
}

/**
 * Parses --seed: digits only → that whole number (as `seed: 42` in a scenario file), any
 * other text → that string. Seeds 42 and "42" are different seeds. Digits above 2^53 − 1
 * are refused, as a scenario file's `seed:` refuses them, rather than silently becoming text.
 */
export function parseSeed(text: string): string | number {
  if (text.length === 0) throw new InvalidArgumentError("seed must not be empty");
  if (/^\d+$/.test(text)) {
    if (!Number.isSafeInteger(Number(text))) throw new InvalidArgumentError(`seed ${text} is a number above ${Number.MAX_SAFE_INTEGER} (2^53 − 1); give a smaller number, or text with a letter in it`);
    return Number(text);
  }
  return text;
}

/** Parses --engine. */
export function parseEngine(text: string): "fast" | "reference" {
  if (text !== "fast" && text !== "reference") throw new InvalidArgumentError(`engine must be fast or reference, got "${text}"`);
  return text;
}

/** Whether an error is bad input (exit 2) rather than a failure during the run (exit 1). */
export async function isBadInput(err: unknown): Promise<boolean> {
  const [{ ResultError }, { MonteCarloError, CheckpointError, AggregateFormatError }] = await Promise.all([
    import("../../results/index.js"),
    import("../../montecarlo/index.js"),
  ]);
  if (err instanceof ResultError) return true;
  if (err instanceof MonteCarloError) return err.code === "BAD_OPTIONS";
  if (err instanceof CheckpointError) return err.code !== "WRITE_FAILED";
  return err instanceof AggregateFormatError;
}

/**
 * Runs a command's body with Ctrl-C (SIGINT) and SIGTERM (Slurm's scancel and time limit,
 * `kill`, container stops) turned into an abort of `signal`, and maps
 * errors to exit codes (see the top of this file): bad input ends through
 * `cmd.error(..., {exitCode: 2})`; anything else propagates (main(): exit 1).
 */
export async function runAction(cmd: Command, name: string, body: (signal: AbortSignal) => Promise<void>, interruptHint?: () => string): Promise<void> {
  const controller = new AbortController();
  // A second signal of the same kind finds no listener and ends the process at once.
  const onSignal = (sig: NodeJS.Signals): void => {
    process.stderr.write(`\nexodus ${name}: ${sig === "SIGINT" ? "interrupted" : `terminated (${sig})`}, stopping…\n`);
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await body(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) {
      throw new Error(`interrupted${interruptHint === undefined ? "" : `; ${interruptHint()}`}`, { cause: err });
    }
    const { isScenarioError } = await import("../../scenario/errors.js");
    if (!isScenarioError(err) && (await isBadInput(err))) {
      // The message says what is wrong with the input; the usage hint (for option errors) would mislead.
      cmd.showHelpAfterError(false);
      cmd.error(`exodus ${name}: ${(err as Error).message}`, { exitCode: 2, code: "exodus.badInput" });
    }
    throw err;
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** A progress line on stderr, redrawn at most 10 times a second; a no-op unless enabled. */
export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(private readonly enabled: boolean) {}

  /** For options: whether to show progress (stderr is a TTY, not quiet, not JSON). */
  static wanted(opts: { readonly quiet?: boolean; readonly json?: boolean }): boolean {
    return process.stderr.isTTY === true && opts.quiet !== true && opts.json !== true;
  }

  update(p: ApiProgress): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && p.done < p.total) return;
    this.last = now;
    const width = 30;
    const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const bar = "#".repeat(Math.round(frac * width)).padEnd(width, ".");
    const secs = p.elapsedMs / 1000;
    const eta = frac > 0 && frac < 1 ? `  ETA ${Math.ceil((secs / frac) * (1 - frac))} s` : "";
    const what = p.phase === "simulate" ? "simulating" : "re-simulating paths";
    const variant = p.variant === undefined ? "" : `${p.variant}: `;
    process.stderr.write(`\r\x1b[2K${variant}${what} [${bar}] ${(frac * 100).toFixed(0)}% ${p.done}/${p.total} paths  ${secs.toFixed(1)} s${eta}`);
    this.shown = true;
  }

  /** Ends the line (before other output). */
  done(): void {
    if (this.shown) process.stderr.write("\r\x1b[2K");
    this.shown = false;
  }
}

/** "results/<name>" for a scenario name (characters other than letters, digits, `._=+-` become `-`). */
export function defaultOut(name: string, suffix = ""): string {
  const safe = name.replace(/[^A-Za-z0-9._=+-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "run";
  return `results/${safe}${suffix}`;
}

/**
 * The options `run` and `sweep` share (paths, seed, workers, batch size, engine, output
 * modes, report), declared once; `perVariant` words the path count for a sweep.
 */
export function addSimulationOptions(cmd: Command, perVariant: boolean): Command {
  return cmd
    .option("-n, --paths <n>", `Monte Carlo paths${perVariant ? " per variant" : ""}, at most ${MAX_PATHS.toLocaleString("en-US")} (default: the scenario's, else 1000)`, pathCount)
    .option("-s, --seed <seed>", "master seed: digits = that number, else text (default: the scenario's, else 1)", parseSeed)
    .option("-w, --workers <n>", "worker threads (default: all cores; 0 = in the main thread, same results)", workerCount)
    .option("--batch-paths <n>", "paths per batch, a multiple of 64 (does not change results)", positiveInt("batch-paths"))
    .option("--engine <engine>", "chain engine: fast (default) or reference (block by block, slow)", parseEngine)
    .option("-q, --quiet", "print nothing on success")
    .option("--json", "print the result as JSON on stdout")
    .option("--no-report", "do not write report.html (see `exodus report`)");
}

/** The scenario overrides the shared options give (only those the user set). */
export function scenarioOverrides(opts: { readonly seed?: string | number; readonly paths?: number; readonly engine?: "fast" | "reference" }): {
  seed?: string | number;
  paths?: number;
  engine?: "fast" | "reference";
} {
  return {
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.paths === undefined ? {} : { paths: opts.paths }),
    ...(opts.engine === undefined ? {} : { engine: opts.engine }),
  };
}
