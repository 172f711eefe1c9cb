/**
 * `compareRuns`: paired comparison of runs that share seed, paths and grid (sweep variants
 * under common random numbers, or two scenarios run with the same seed): per scalar
 * metric both runs have, the difference A − B on each path, its mean with a 95% interval
 * and P(A > B) (results/compare-table.ts). The first run is A, the baseline; each other
 * run is a B.
 *
 * A paired difference needs per-path values; the aggregate has only distributions. They
 * come from the run's scalars.bin when it was written (`keepScalars`), else the run's paths
 * are simulated again from its plan.json and model (deterministic in (seed, path): the
 * same values; costs about as much as the run, in worker threads).
 *
 * Refused (ResultError INCOMPATIBLE) unless every run has the baseline's seed, path count
 * and calendar grid: paths of different seeds are independent draws, and a paired
 * difference of them means nothing.
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fieldName, writeFileAtomic } from "../montecarlo/index.js";
import {
  ResultError,
  checkOutputLocation,
  compareCsv,
  compareTable,
  pairedStats,
  readPlan,
  readRunFolder,
  readScalarsFile,
  refuseExisting,
  type CompareRow,
  type RunFolder,
} from "../results/index.js";
import { manifestModel } from "./model-module.js";
import { samplePaths } from "./path-sampler.js";
import { checkWorkers, defaultWorkers } from "./run-plan.js";

/** Options of {@link compareRuns}. */
export interface CompareOptions {
  /** Worker threads for runs without scalars.bin (default os.availableParallelism()). */
  readonly workers?: number;
  /** Write compare.csv here. */
  readonly csv?: string;
  /** Replace an existing `csv` file. */
  readonly force?: boolean;
  /** Called when a run's paths are simulated again (no scalars.bin), with its folder. */
  readonly onResimulate?: (dir: string, paths: number) => void;
  readonly signal?: AbortSignal;
  /**
   * Re-simulate a run without scalars.bin even when its manifest names a model other than
   * the built-in one (it runs that module's code; model-module.ts manifestModel).
   */
  readonly trustModel?: boolean;
}

/** What {@link compareRuns} returns. */
export interface CompareResult {
  readonly rows: readonly CompareRow[];
  /** Scalars of a run that the baseline lacks, or the reverse: not compared. */
  readonly skipped: readonly { readonly a: string; readonly b: string; readonly metric: string; readonly onlyIn: "a" | "b" }[];
  /** compare.csv text. */
  readonly csv: string;
  /** A plain-text table for a terminal. */
  readonly table: string;
}

/** The per-path scalars of a run: values (paths × scalars, path-major) and scalar names. */
export async function runScalars(
  run: RunFolder,
  options: Pick<CompareOptions, "workers" | "onResimulate" | "signal" | "trustModel"> = {},
): Promise<{ readonly names: readonly string[]; readonly values: Float64Array }> {
  const names = run.layout.scalars.map(fieldName);
  if (run.hasScalars) {
    const table = await readScalarsFile(run.dir, run.manifest);
    if (table.header.firstPath !== 0 || table.header.endPath !== run.manifest.paths || table.header.scalars.join("\n") !== names.join("\n")) {
      throw new ResultError("INCONSISTENT", `${run.dir}: scalars.bin does not cover the run's paths and scalars`);
    }
    return { names, values: table.values };
  }
  const model = manifestModel(run.dir, run.manifest.model, options.trustModel);
  const plan = await readPlan(run.dir, run.manifest);
  const width = names.length;
  const values = new Float64Array(run.manifest.paths * width);
  options.onResimulate?.(run.dir, run.manifest.paths);
  await samplePaths({
    model,
    plan,
    planHash: run.manifest.scenario.sha256,
    seed: run.manifest.seed,
    first: 0,
    end: run.manifest.paths,
    select: "scalars",
    width,
    workers: options.workers ?? (await defaultWorkers()),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onBatch: (first, _count, batch) => values.set(batch, first * width),
  });
  return { names, values };
}

function sameGrid(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Why run b cannot be paired with the baseline a, or null. */
function incompatibility(a: RunFolder, b: RunFolder): string | null {
  const why: string[] = [];
  if (a.manifest.seed !== b.manifest.seed) why.push(`seeds ${JSON.stringify(a.manifest.seed)} and ${JSON.stringify(b.manifest.seed)}`);
  if (a.manifest.paths !== b.manifest.paths) why.push(`${a.manifest.paths} and ${b.manifest.paths} paths`);
  if (!sameGrid(a.layout.grid, b.layout.grid)) why.push("different calendar grids");
  return why.length === 0 ? null : why.join(", ");
}

/**
 * Compares runs `dirs` (the first is the baseline A) path by path (see the top of this
 * file); writes compare.csv when `options.csv` is given (refusing to replace a file
 * without `force`).
 */
export async function compareRuns(dirs: readonly string[], options: CompareOptions = {}): Promise<CompareResult> {
  if (dirs.length < 2) throw new ResultError("BAD_OPTIONS", `compare needs at least two run folders, got ${dirs.length}`);
  if (options.workers !== undefined) checkWorkers(options.workers);
  if (options.csv !== undefined) {
    refuseExisting(resolve(options.csv), options.force, "file");
    checkOutputLocation(options.csv, "file");
  }
  const runs: RunFolder[] = [];
  for (const dir of dirs) runs.push(await readRunFolder(dir));
  const base = runs[0]!;
  for (let k = 1; k < runs.length; k++) {
    const why = incompatibility(base, runs[k]!);
    if (why !== null) {
      throw new ResultError(
        "INCOMPATIBLE",
        `cannot pair ${dirs[k]} with ${dirs[0]}: ${why}. A paired comparison needs the same seed, path count and grid ` +
          "(run both with the same --seed and --paths; sweep variants share them under common random numbers)",
      );
    }
  }
  // Before re-simulating any run: a model that may not be loaded is refused first.
  for (const run of runs) if (!run.hasScalars) manifestModel(run.dir, run.manifest.model, options.trustModel);
  const scalarOptions = {
    ...(options.trustModel === undefined ? {} : { trustModel: options.trustModel }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.onResimulate === undefined ? {} : { onResimulate: options.onResimulate }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const a = await runScalars(base, scalarOptions);
  const rows: CompareRow[] = [];
  const skipped: { a: string; b: string; metric: string; onlyIn: "a" | "b" }[] = [];
  const paths = base.manifest.paths;
  for (let k = 1; k < runs.length; k++) {
    const run = runs[k]!;
    const b = await runScalars(run, scalarOptions);
    const indexB = new Map(b.names.map((n, i) => [n, i] as const));
    const ca = new Float64Array(paths);
    const cb = new Float64Array(paths);
    base.layout.scalars.forEach((field, i) => {
      const name = fieldName(field);
      const j = indexB.get(name);
      if (j === undefined) {
        skipped.push({ a: dirs[0]!, b: dirs[k]!, metric: name, onlyIn: "a" });
        return;
      }
      for (let p = 0; p < paths; p++) {
        ca[p] = a.values[p * a.names.length + i]!;
        cb[p] = b.values[p * b.names.length + j]!;
      }
      rows.push({ a: dirs[0]!, b: dirs[k]!, entity: field.entity, metric: field.metric, unit: field.unit, ...pairedStats(ca, cb) });
    });
    const namesA = new Set(a.names);
    for (const n of b.names) if (!namesA.has(n)) skipped.push({ a: dirs[0]!, b: dirs[k]!, metric: n, onlyIn: "b" });
  }
  const csv = compareCsv(rows);
  if (options.csv !== undefined) {
    // Through a temporary file and a rename: an interrupted write leaves no half a CSV.
    const target = resolve(options.csv);
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, Buffer.from(csv, "utf8"));
  }
  return { rows, skipped, csv, table: compareTable(rows) };
}
