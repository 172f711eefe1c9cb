/**
 * The Monte Carlo factory of the full model (src/montecarlo/path-model.ts contract):
 * `createPathModel(plan)` runs once per worker and plan, builds one {@link ModelKernel}
 * (all allocation happens here) and returns the layout and the path function.
 */
import type { PathRecord, RecordLayout } from "../../montecarlo/layout.js";
import type { PathModel } from "../../montecarlo/path-model.js";
import { ModelKernel } from "./kernel.js";
import type { ModelPlan } from "./plan.js";
import { allocatePathRecord } from "./record.js";

/**
 * The path-model factory. `plan` is a {@link ModelPlan} (plain data, possibly a structured
 * clone); it is validated here (RangeError `model plan: <field> …`). The returned
 * simulatePath is deterministic in (seed, pathIndex) and keeps no state between paths that
 * affects its output.
 */
export function createPathModel(plan: unknown): PathModel {
  const kernel = new ModelKernel(plan as ModelPlan);
  return {
    layout: kernel.layout,
    simulatePath(seed: string | number, pathIndex: number, out: PathRecord): void {
      kernel.simulate(seed, pathIndex, out);
    },
  };
}

/** A simulated path: the layout and a record of its own. */
export interface ModelPathResult {
  readonly layout: RecordLayout;
  readonly record: PathRecord;
}

const kernels = new WeakMap<ModelPlan, ModelKernel>();

/**
 * Convenience for tests and notebooks: simulates one path of `plan` into a fresh record
 * (the kernel is cached per plan object, so repeated calls allocate only the record).
 */
export function simulateModelPath(plan: ModelPlan, seed: string | number, pathIndex: number): ModelPathResult {
  let kernel = kernels.get(plan);
  if (kernel === undefined) {
    kernel = new ModelKernel(plan);
    kernels.set(plan, kernel);
  }
  const record = allocatePathRecord(kernel.layout);
  kernel.simulate(seed, pathIndex, record);
  return { layout: kernel.layout, record };
}
