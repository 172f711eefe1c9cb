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
import { z } from "zod";
import { checkedResult, ResultError } from "./errors.js";

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

const text = z.string();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);
const FileHashSchema = z.looseObject({ path: text, sha256 });

/**
 * The shape of a {@link Manifest} (every field the readers use; unknown extra fields pass,
 * so a later writer of the same schema version that adds one is still read).
 */
const ManifestSchema = z.looseObject({
  kind: z.enum(["run", "shard"]),
  package: z.looseObject({ name: text, version: text, gitCommit: text.nullable() }),
  node: text,
  host: text,
  scenario: z.looseObject({
    name: text.nullable(),
    description: text.nullable(),
    file: text.nullable(),
    files: z.array(FileHashSchema),
    sha256,
    plan: z.unknown(),
  }),
  dataFiles: z.array(FileHashSchema),
  model: z.looseObject({ module: text, export: text }),
  seed: z.union([text, z.number()]),
  paths: z.number().int().min(1),
  engine: text.nullable(),
  chunkSize: z.number().int().min(1),
  layoutHash: text,
  shard: z.looseObject({ index: z.number().int().min(1), count: z.number().int().min(1), firstPath: count, endPath: count }).nullable(),
  workers: count,
  batchPaths: z.number().int().min(1).nullable(),
  started: text,
  finished: text,
  wallSeconds: z.number().min(0),
  resumedPaths: count,
  mergedFrom: z
    .array(z.looseObject({ dir: text, shard: text, started: text, finished: text, wallSeconds: z.number().min(0), workers: count, host: text }))
    .optional(),
  files: z.record(z.string(), sha256),
});

/**
 * Parses and checks manifest.json text (`path` names it in messages). Throws ResultError:
 * NOT_A_RUN (not our manifest), UNSUPPORTED_VERSION (a newer schema), BAD_FORMAT (bad
 * JSON or a field of the wrong type: the message names the field, e.g.
 * `field scenario.name: expected text (a string), found 5`).
 */
export function parseManifest(text: string, path: string): Manifest {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return fail(path, `not JSON (${(err as Error).message})`);
  }
  if (m === null || typeof m !== "object" || Array.isArray(m) || m["schema"] !== MANIFEST_SCHEMA) {
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
  checkedResult(ManifestSchema, m, path, "", "field ");
  return m as unknown as Manifest;
}

/** manifest.json text (2-space JSON, keys in the order of {@link Manifest}, final line end). */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
