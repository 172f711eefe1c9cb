/**
 * Aggregate files (checkpoints, shard partials) and the checkpoint folder of a run.
 *
 * A file is one encoded aggregate (aggregate-codec.ts) with its layout and a SHA-256, so it
 * is self-describing: `merge` can summarize shard files without loading the model, and a
 * damaged file is refused with a specific error instead of silently changing a result.
 * Writes are atomic: the bytes go to a temporary file in the same folder, are flushed to
 * disk, and the temporary file is renamed over the target (DESIGN.md §5), so a run killed
 * mid-write leaves the previous checkpoint intact.
 *
 * A checkpoint holds the run's aggregate of the chunks completed so far (any subset: the
 * summation tree is order-free), so a killed run resumes with the missing chunks only and
 * ends with the identical result.
 */
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { assertSameRun, type AggregateParts, type AggregateSpec } from "./aggregate.js";
import { decodeAggregate, encodeAggregate, type DecodedAggregate } from "./aggregate-codec.js";
import { AggregateFormatError, AggregateMergeError, CheckpointError } from "./errors.js";
import type { RecordLayout } from "./layout.js";

/** File name of the checkpoint inside its folder. */
export const CHECKPOINT_FILE = "checkpoint.hxagg";

let tempCounter = 0;

/** Writes `data` to `path` and flushes it to disk. */
export async function writeFileSynced(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes bytes to `path` atomically (temporary file + fsync + rename). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  try {
    await writeFileSynced(temp, bytes);
    await rename(temp, path);
  } catch (err) {
    // A failed write (disk full...) or rename leaves no temporary file behind.
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Writes an aggregate file (layout and checksum included) atomically. The aggregate is
 * encoded synchronously when this is called, so it may keep changing while the write runs.
 */
export async function writeAggregateFile(path: string, parts: AggregateParts, layout: RecordLayout, meta: unknown = null): Promise<void> {
  const bytes = encodeAggregate(parts, { layout, checksum: true, meta });
  await writeFileAtomic(path, bytes);
}

/** Reads and validates an aggregate file (throws AggregateFormatError, or the fs error). */
export async function readAggregateFile(path: string): Promise<DecodedAggregate> {
  return decodeAggregate(await readFile(path));
}

/** The bytes of a checkpoint (an aggregate file with layout and checksum). */
export function encodeCheckpoint(parts: AggregateParts, layout: RecordLayout): Uint8Array {
  return encodeAggregate(parts, { layout, checksum: true, meta: { kind: "checkpoint", written: new Date().toISOString() } });
}

/** Writes checkpoint bytes into `dir` (created if needed), atomically. */
export async function writeCheckpointBytes(dir: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, CHECKPOINT_FILE), bytes);
}

/**
 * Writes the checkpoint of a run into `dir` (created if needed), atomically. Encodes
 * synchronously when called (the aggregate may change during the write). Concurrent calls
 * are not ordered: a caller that saves repeatedly must wait for each write (runner.ts does).
 */
export async function writeCheckpoint(dir: string, parts: AggregateParts, layout: RecordLayout): Promise<void> {
  const bytes = encodeCheckpoint(parts, layout);
  await writeCheckpointBytes(dir, bytes);
}

/**
 * Reads the checkpoint in `dir`: null if there is none; CheckpointError UNREADABLE (cause:
 * the AggregateFormatError) if it is damaged; CheckpointError MISMATCH if it belongs to
 * another run than `expected` (layout, plan, seed, paths, chunk size, sketch, chunk range
 * or shard differ).
 */
export async function readCheckpoint(dir: string, expected: AggregateSpec): Promise<DecodedAggregate | null> {
  const path = join(dir, CHECKPOINT_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CheckpointError("UNREADABLE", `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let decoded: DecodedAggregate;
  try {
    decoded = decodeAggregate(bytes);
  } catch (err) {
    if (err instanceof AggregateFormatError) throw new CheckpointError("UNREADABLE", `${path}: ${err.message}`, { cause: err });
    throw err;
  }
  const spec = decoded.parts.spec;
  try {
    assertSameRun(expected, spec, "the checkpoint and this run");
  } catch (err) {
    if (err instanceof AggregateMergeError) throw new CheckpointError("MISMATCH", `${path} is from another run: ${err.message}`, { cause: err });
    throw err;
  }
  const shardText = (s: AggregateSpec): string => (s.shard === null ? "none" : `${s.shard.index}/${s.shard.count}`);
  if (spec.range[0] !== expected.range[0] || spec.range[1] !== expected.range[1] || shardText(spec) !== shardText(expected)) {
    throw new CheckpointError(
      "MISMATCH",
      `${path} covers chunks [${spec.range[0]}, ${spec.range[1]}) of shard ${shardText(spec)}; this run covers [${expected.range[0]}, ${expected.range[1]}) of shard ${shardText(expected)}`,
    );
  }
  return decoded;
}
