/**
 * Writing result folders: a whole run (`results/<run>/`) or a shard partial.
 *
 * | file | run | shard | content |
 * |---|---|---|---|
 * | manifest.json | ✓ | ✓ | manifest.ts (written last) |
 * | plan.json | ✓ | ✓ | the exact compiled plan (plan-file.ts) |
 * | layout.json | ✓ | ✓ | the record layout: grid, fields with units, events (montecarlo layoutToJson) |
 * | series.csv, epochs.csv, summary.csv, events.csv, summary.json | ✓ | | summary-files.ts |
 * | scalars.bin | optional | | per-path scalars (scalars-file.ts) |
 * | paths.parquet | optional | | every cell of every path (paths-parquet.ts) |
 * | aggregate.hxagg | | ✓ | the shard's aggregate (montecarlo aggregate file, with layout and checksum) |
 *
 * Folders are written atomically (atomic-folder.ts).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { encodeAggregate, layoutToJson, type AggregateParts, type MonteCarloSummary, type RecordLayout, writeFileSynced } from "../montecarlo/index.js";
import { writeFolderAtomic } from "./atomic-folder.js";
import { resultJson } from "./format.js";
import { MANIFEST_SCHEMA, MANIFEST_SCHEMA_VERSION, manifestJson, type Manifest } from "./manifest.js";
import { planJson } from "./plan-file.js";
import { summaryFiles } from "./summary-files.js";

/** File names of result folders. */
export const RESULT_FILES = Object.freeze({
  manifest: "manifest.json",
  plan: "plan.json",
  layout: "layout.json",
  series: "series.csv",
  epochs: "epochs.csv",
  summaryCsv: "summary.csv",
  events: "events.csv",
  summaryJson: "summary.json",
  scalars: "scalars.bin",
  paths: "paths.parquet",
  aggregate: "aggregate.hxagg",
});

/** The manifest fields a caller provides (the rest — schema, kind, files — is filled in here). */
export type ManifestInput = Omit<Manifest, "schema" | "schemaVersion" | "kind" | "files">;

/** SHA-256 of a file's bytes (streamed: paths.parquet may be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** layout.json text. */
export function layoutJson(layout: RecordLayout): string {
  return resultJson(layoutToJson(layout));
}

async function finishManifest(dir: string, kind: Manifest["kind"], input: ManifestInput): Promise<Manifest> {
  const names = (await readdir(dir)).filter((n) => n !== RESULT_FILES.manifest).sort();
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await sha256File(join(dir, name));
  const manifest: Manifest = { schema: MANIFEST_SCHEMA, schemaVersion: MANIFEST_SCHEMA_VERSION, kind, ...input, files };
  await writeFileSynced(join(dir, RESULT_FILES.manifest), manifestJson(manifest));
  return manifest;
}

/** What a whole run's folder is made of. */
export interface RunFolderContent {
  /** The manifest fields, or a function giving them, called after `extra` (so that timing includes it). */
  readonly manifest: ManifestInput | (() => ManifestInput);
  readonly plan: unknown;
  readonly layout: RecordLayout;
  readonly summary: MonteCarloSummary;
  /** Writes optional files (scalars.bin, paths.parquet) into the temporary folder, before the manifest. */
  readonly extra?: (dir: string) => Promise<void>;
}

/**
 * Writes a whole run's folder at `target` atomically (refusing an existing one unless
 * `force`) and returns its manifest.
 */
export function writeRunFolder(target: string, content: RunFolderContent, options: { readonly force?: boolean } = {}): Promise<Manifest> {
  return writeFolderAtomic(
    target,
    async (dir) => {
      await writeFileSynced(join(dir, RESULT_FILES.plan), planJson(content.plan));
      await writeFileSynced(join(dir, RESULT_FILES.layout), layoutJson(content.layout));
      for (const [name, text] of summaryFiles(content.summary)) await writeFileSynced(join(dir, name), text);
      if (content.extra !== undefined) await content.extra(dir);
      return finishManifest(dir, "run", typeof content.manifest === "function" ? content.manifest() : content.manifest);
    },
    options,
  );
}

/** What a shard partial's folder is made of. */
export interface ShardFolderContent {
  readonly manifest: ManifestInput;
  readonly plan: unknown;
  readonly layout: RecordLayout;
  /** The shard's complete aggregate. */
  readonly parts: AggregateParts;
}

/** Writes a shard partial's folder at `target` atomically and returns its manifest. */
export function writeShardFolder(target: string, content: ShardFolderContent, options: { readonly force?: boolean } = {}): Promise<Manifest> {
  return writeFolderAtomic(
    target,
    async (dir) => {
      await writeFileSynced(join(dir, RESULT_FILES.plan), planJson(content.plan));
      await writeFileSynced(join(dir, RESULT_FILES.layout), layoutJson(content.layout));
      const bytes = encodeAggregate(content.parts, { layout: content.layout, checksum: true, meta: { kind: "shard" } });
      await writeFileSynced(join(dir, RESULT_FILES.aggregate), bytes);
      return finishManifest(dir, "shard", content.manifest);
    },
    options,
  );
}
