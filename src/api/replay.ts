/**
 * `replayRunPath`: path i of a run, simulated again alone from the run folder's plan.json and
 * model (DESIGN.md §4: any single path can be replayed alone). Paths are deterministic in
 * (seed, path index), so the record is the one the run aggregated; when the folder has
 * scalars.bin the replayed scalars are checked against it. With `trace`, the full model
 * prints every happening of the path (model/path/trace.ts).
 */
import {
  fieldName,
  layoutShape,
  loadPathModel,
  type PathRecord,
  type RecordLayout,
} from "../montecarlo/index.js";
import { replayModelPath, type ModelPlan } from "../model/path/index.js";
import { ResultError, readManifest, readPlan, readScalarsFile, type Manifest } from "../results/index.js";
import { isDefaultModel, manifestModel } from "./model-module.js";

/** Options of {@link replayRunPath}. */
export interface ReplayRunOptions {
  /** Receives the trace lines of the path (full model only). */
  readonly trace?: (line: string) => void;
  /** Leave the engine's own lines out of the trace (default: included). */
  readonly engineTrace?: boolean;
  /** Load the model the manifest names even when it is not the built-in one (it runs that module's code; model-module.ts manifestModel). */
  readonly trustModel?: boolean;
}

/** A replayed path. */
export interface ReplayRunResult {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly pathIndex: number;
  readonly seed: string | number;
  readonly layout: RecordLayout;
  readonly record: PathRecord;
  /** Whether the replayed scalars equal the run's scalars.bin (bit for bit, NaN = NaN); null without scalars.bin. */
  readonly matchesScalarsFile: boolean | null;
}

/** Replays path `pathIndex` of the run in folder `dir` (see the top of this file). */
export async function replayRunPath(dir: string, pathIndex: number, options: ReplayRunOptions = {}): Promise<ReplayRunResult> {
  const manifest = await readManifest(dir);
  const total = manifest.paths;
  const [first, end] = manifest.shard === null ? [0, total] : [manifest.shard.firstPath, manifest.shard.endPath];
  if (!Number.isSafeInteger(pathIndex) || pathIndex < first || pathIndex >= end) {
    throw new ResultError("BAD_OPTIONS", `path must be an integer in [${first}, ${end}) for ${dir}, got ${pathIndex}`);
  }
  const ref = manifestModel(dir, manifest.model, options.trustModel);
  const plan = await readPlan(dir, manifest);
  const loaded = await loadPathModel(ref, plan, manifest.scenario.sha256);
  const layout = loaded.layout;
  const shape = layoutShape(layout);
  let record: PathRecord;
  if (options.trace !== undefined) {
    if (!isDefaultModel(ref)) {
      throw new ResultError("BAD_OPTIONS", `a trace needs hashrate-exodus's own model; ${dir} ran ${manifest.model.module}`);
    }
    record = replayModelPath(plan as ModelPlan, manifest.seed, pathIndex, {
      write: options.trace,
      ...(options.engineTrace === undefined ? {} : { engineTrace: options.engineTrace }),
    });
  } else {
    const cells = new Float64Array(shape.cells).fill(NaN);
    record = {
      grid: layout.grid,
      series: cells.subarray(0, shape.scalarOffset),
      scalars: cells.subarray(shape.scalarOffset, shape.epochOffset),
      epochs: cells.subarray(shape.epochOffset),
    };
    loaded.model.simulatePath(manifest.seed, pathIndex, record);
  }
  let matchesScalarsFile: boolean | null = null;
  if (manifest.kind === "run" && manifest.files["scalars.bin"] !== undefined) {
    const table = await readScalarsFile(dir, manifest);
    const C = layout.scalars.length;
    if (table.header.scalars.join("\n") !== layout.scalars.map(fieldName).join("\n")) throw new ResultError("INCONSISTENT", `${dir}: scalars.bin names other scalars than the layout`);
    matchesScalarsFile = true;
    for (let c = 0; c < C; c++) {
      if (!Object.is(table.values[(pathIndex - table.header.firstPath) * C + c], record.scalars[c])) matchesScalarsFile = false;
    }
  }
  return { dir, manifest, pathIndex, seed: manifest.seed, layout, record, matchesScalarsFile };
}
