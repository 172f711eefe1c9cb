/**
 * The path-model module contract and its loader.
 *
 * The machinery runs any model that comes as an ES module (compiled JavaScript, named by an
 * absolute file URL so that a worker thread can import it) exporting a factory:
 *
 * ```ts
 * export function createPathModel(plan: unknown): PathModel;
 * ```
 *
 * The plan is plain data (JSON values and typed arrays: what structured clone carries to a
 * worker). The factory runs once per worker and plan (cached here by the plan's hash) and
 * returns the layout and the path function. The path function must be deterministic in
 * (seed, pathIndex) — all randomness from streamFor(seed, pathIndex, component) — and must
 * not keep state between paths that changes its output: paths of one run are spread over
 * workers in any order.
 */
import { layoutHash } from "./canonical-hash.js";
import { MonteCarloError } from "./errors.js";
import { layoutShape, validateLayout, type LayoutShape, type PathRecord, type RecordLayout } from "./layout.js";

/** What a model factory returns. */
export interface PathModel {
  /** The record layout; the same for every path of the plan. */
  readonly layout: RecordLayout;
  /**
   * Simulates path `pathIndex` of the run seeded `seed` and writes it into `out` (all NaN
   * on entry; write what is defined). Throwing fails the run, naming the path.
   */
  simulatePath(seed: string | number, pathIndex: number, out: PathRecord): void;
}

/** The factory a model module exports. */
export type PathModelFactory = (plan: unknown) => PathModel;

/** The default name of the factory export. */
export const DEFAULT_MODEL_EXPORT = "createPathModel";

/** Where a model is: a module URL and the name of its factory export. */
export interface ModelRef {
  /** Absolute URL of the compiled ES module (file:...). */
  readonly url: string;
  /** Name of the factory export (default {@link DEFAULT_MODEL_EXPORT}). */
  readonly exportName?: string;
}

/** A model created from a plan, with what the machinery derives from its layout. */
export interface LoadedModel {
  readonly model: PathModel;
  readonly layout: RecordLayout;
  readonly layoutHash: string;
  readonly shape: LayoutShape;
  /** Per-model scratch owned by the caller (batch.ts keeps its accumulator here). */
  readonly scratch: Map<string, unknown>;
}

/** A ModelRef from a URL string, a URL or a ModelRef, with the export name filled in. */
export function normalizeModelRef(ref: ModelRef | string | URL): Required<ModelRef> {
  if (typeof ref === "string" || ref instanceof URL) return { url: String(ref), exportName: DEFAULT_MODEL_EXPORT };
  return { url: String(ref.url), exportName: ref.exportName ?? DEFAULT_MODEL_EXPORT };
}

const CACHE_LIMIT = 4;
const cache = new Map<string, Promise<LoadedModel>>();

async function create(ref: Required<ModelRef>, plan: unknown): Promise<LoadedModel> {
  let mod: Record<string, unknown>;
  try {
    if (!ref.url.startsWith("file:")) throw new Error("the model URL must be an absolute file: URL");
    mod = (await import(ref.url)) as Record<string, unknown>;
  } catch (err) {
    throw new MonteCarloError("BAD_MODEL", `cannot load model module ${ref.url}: ${(err as Error).message}`, { cause: err });
  }
  const factory = mod[ref.exportName];
  if (typeof factory !== "function") {
    throw new MonteCarloError("BAD_MODEL", `model module ${ref.url} has no function export "${ref.exportName}"`);
  }
  let model: PathModel;
  try {
    model = (factory as PathModelFactory)(plan);
  } catch (err) {
    throw new MonteCarloError("BAD_MODEL", `${ref.exportName}(plan) in ${ref.url} threw: ${(err as Error).message}`, { cause: err });
  }
  if (model === null || typeof model !== "object" || typeof model.simulatePath !== "function" || model.layout === undefined) {
    throw new MonteCarloError("BAD_MODEL", `${ref.exportName}(plan) in ${ref.url} must return {layout, simulatePath}`);
  }
  try {
    validateLayout(model.layout);
  } catch (err) {
    throw new MonteCarloError("BAD_MODEL", `model ${ref.url}: ${(err as Error).message}`, { cause: err });
  }
  return {
    model,
    layout: model.layout,
    layoutHash: layoutHash(model.layout),
    shape: layoutShape(model.layout),
    scratch: new Map(),
  };
}

/**
 * The model of (module, export, plan), created once per thread and cached by `planKey`
 * (the plan's hash; the last {@link CACHE_LIMIT} models are kept). Throws
 * {@link MonteCarloError} BAD_MODEL if the module, export or layout is unusable.
 */
export function loadPathModel(ref: ModelRef | string | URL, plan: unknown, planKey: string): Promise<LoadedModel> {
  const r = normalizeModelRef(ref);
  const key = `${r.url}\n${r.exportName}\n${planKey}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = create(r, plan);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
  }
  return hit;
}
