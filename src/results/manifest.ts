/**
 * manifest.json: what a result folder is and how it was made — package version and git
 * commit, Node version, the resolved scenario (the compiled plan) and its SHA-256, seed,
 * paths, engine, shard, timing, workers, the data files the scenario read and the SHA-256
 * of every file of the folder. Written last, so a folder with a manifest is complete.
 *
 * Which fields differ between two runs with byte-identical data files (different worker
 * count, batch size, shard split + merge, resume after a kill): `started`, `finished`,
 * `wallSeconds`, `resumedPaths`, `workers`, `batchPaths`, `node`, `package.gitCommit`,
 * `host` and `mergedFrom`. Everything else — the `files` hashes included — is a function of
 * (scenario, seed, paths, the requested extra files).
 */
import { ResultError } from "./errors.js";

/** Schema name and version of manifest.json. */
export const MANIFEST_SCHEMA = "hashrate-exodus/run-manifest";
export const MANIFEST_SCHEMA_VERSION = 1;

/** A file and the SHA-256 of its bytes. */
export interface FileHash {
  readonly path: string;
  readonly sha256: string;
}

/** One shard partial a merged run was made from. */
export interface MergedFrom {
  readonly dir: string;
  readonly shard: string;
  readonly started: string;
  readonly finished: string;
  readonly wallSeconds: number;
  readonly workers: number;
  readonly host: string;
}

/** manifest.json. */
export interface Manifest {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly schemaVersion: number;
  /** "run": a whole run (summary files); "shard": a shard partial (aggregate.hxagg, for merge). */
  readonly kind: "run" | "shard";
  readonly package: { readonly name: string; readonly version: string; readonly gitCommit: string | null };
  /** process.version of the run. */
  readonly node: string;
  /** os.hostname() of the run (of the merge, for a merged run). */
  readonly host: string;
  readonly scenario: {
    readonly name: string | null;
    readonly description: string | null;
    /** The scenario file as given, or null for a plan given in code. */
    readonly file: string | null;
    /** The scenario file and the files it extends, with their SHA-256. */
    readonly files: readonly FileHash[];
    /** SHA-256 of the plan's canonical JSON = plan.json without its final line end = the run's plan hash. */
    readonly sha256: string;
    /** The compiled plan, canonical JSON with typed arrays as plain arrays (plan-file.ts). */
    readonly plan: unknown;
  };
  /** Data files the scenario read (CSV price paths...), with their SHA-256. */
  readonly dataFiles: readonly FileHash[];
  /** The path model: module (relative to the package folder when inside it, else a file: URL) and factory export. */
  readonly model: { readonly module: string; readonly export: string };
  readonly seed: string | number;
  /** Paths of the whole run. */
  readonly paths: number;
  /** The chain engine of the plan ("fast" or "reference"), null when the plan has none. */
  readonly engine: string | null;
  /** Paths per chunk (part of the run's identity). */
  readonly chunkSize: number;
  /** SHA-256 of the record layout (layout.json). */
  readonly layoutHash: string;
  /** The shard this folder is ("2/3" with its path range), null for a whole run. */
  readonly shard: { readonly index: number; readonly count: number; readonly firstPath: number; readonly endPath: number } | null;
  /** Worker threads (0: in process). */
  readonly workers: number;
  /** Paths per batch as requested, null for the default. */
  readonly batchPaths: number | null;
  /** ISO times of this invocation's start and end (a resumed run: of the resuming invocation). */
  readonly started: string;
  readonly finished: string;
  readonly wallSeconds: number;
  /** Paths taken from a checkpoint (0 for an uninterrupted run). */
  readonly resumedPaths: number;
  /** For a merged run: the shard partials it was made from. */
  readonly mergedFrom?: readonly MergedFrom[];
  /** Every other file of the folder → SHA-256 of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

function fail(path: string, why: string): never {
  throw new ResultError("BAD_FORMAT", `${path}: ${why}`);
}

function expect(m: Record<string, unknown>, key: string, type: string, path: string, nullable = false): void {
  const v = m[key];
  if (nullable && v === null) return;
  if (type === "array" ? !Array.isArray(v) : typeof v !== type || v === null) fail(path, `field ${key} must be ${nullable ? `${type} or null` : type}`);
}

/**
 * Parses and checks manifest.json text (`path` names it in messages). Throws ResultError:
 * NOT_A_RUN (not our manifest), UNSUPPORTED_VERSION (a newer schema), BAD_FORMAT (bad
 * JSON or a field of the wrong type).
 */
export function parseManifest(text: string, path: string): Manifest {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return fail(path, `not JSON (${(err as Error).message})`);
  }
  if (m === null || typeof m !== "object" || m["schema"] !== MANIFEST_SCHEMA) {
    throw new ResultError("NOT_A_RUN", `${path} is not a hashrate-exodus run manifest (schema ${JSON.stringify((m as Record<string, unknown> | null)?.["schema"])})`);
  }
  const version = m["schemaVersion"];
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) fail(path, "schemaVersion must be a positive integer");
  if (version > MANIFEST_SCHEMA_VERSION) {
    throw new ResultError(
      "UNSUPPORTED_VERSION",
      `${path} has manifest schema version ${version}; this hashrate-exodus reads up to ${MANIFEST_SCHEMA_VERSION} (upgrade it)`,
    );
  }
  if (m["kind"] !== "run" && m["kind"] !== "shard") fail(path, `kind must be "run" or "shard", got ${JSON.stringify(m["kind"])}`);
  expect(m, "package", "object", path);
  expect(m, "scenario", "object", path);
  expect(m, "model", "object", path);
  expect(m, "dataFiles", "array", path);
  expect(m, "paths", "number", path);
  expect(m, "chunkSize", "number", path);
  expect(m, "layoutHash", "string", path);
  expect(m, "shard", "object", path, true);
  expect(m, "files", "object", path);
  expect(m, "started", "string", path);
  expect(m, "finished", "string", path);
  if (typeof m["seed"] !== "string" && typeof m["seed"] !== "number") fail(path, "field seed must be a string or a number");
  const scenario = m["scenario"] as Record<string, unknown>;
  expect(scenario, "sha256", "string", `${path} scenario`);
  const model = m["model"] as Record<string, unknown>;
  expect(model, "module", "string", `${path} model`);
  expect(model, "export", "string", `${path} model`);
  return m as unknown as Manifest;
}

/** manifest.json text (2-space JSON, keys in the order of {@link Manifest}, final line end). */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
