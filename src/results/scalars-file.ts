/**
 * scalars.bin: every path's scalar values (paths × scalars float64), for paired
 * comparisons (compare) — the aggregate keeps only distributions, and a paired difference
 * needs the values of the same path in both runs.
 *
 * Layout of the file (all integers little-endian):
 *
 * | bytes | content |
 * |---|---|
 * | 8 | magic `HXEXSCAL` |
 * | 4 | format version (u32, {@link SCALARS_FORMAT_VERSION}) |
 * | 4 | header length H (u32) |
 * | H | header, UTF-8 JSON: layoutHash, planHash, seed, paths (of the run), firstPath, endPath, scalars ("entity.metric" in layout order) |
 * | 0–7 | zero padding to a multiple of 8 |
 * | 8·N·C | values, float64, path-major: value of scalar c of path firstPath + i at index i·C + c; NaN = "never happened" |
 * | 32 | SHA-256 of everything before it |
 */
import { createHash } from "node:crypto";
import { ResultError } from "./errors.js";

/** Magic bytes and version of scalars.bin. */
export const SCALARS_MAGIC = "HXEXSCAL";
export const SCALARS_FORMAT_VERSION = 1;

/** The header of a scalars file. */
export interface ScalarsHeader {
  readonly layoutHash: string;
  readonly planHash: string;
  readonly seed: string | number;
  /** Paths of the whole run. */
  readonly paths: number;
  /** Paths [firstPath, endPath) are in the file. */
  readonly firstPath: number;
  readonly endPath: number;
  /** Scalar names ("entity.metric"), in layout order. */
  readonly scalars: readonly string[];
}

/** A decoded scalars file. */
export interface ScalarsTable {
  readonly header: ScalarsHeader;
  /** (endPath − firstPath) × scalars.length values, path-major. */
  readonly values: Float64Array;
}

/** Encodes a scalars table; `values.length` must be (endPath − firstPath) × scalars.length. */
export function encodeScalars(table: ScalarsTable): Uint8Array {
  const { header, values } = table;
  const rows = header.endPath - header.firstPath;
  if (!(rows >= 0) || values.length !== rows * header.scalars.length) {
    throw new RangeError(`scalars: ${values.length} values for ${rows} paths × ${header.scalars.length} scalars`);
  }
  const json = new TextEncoder().encode(
    JSON.stringify({
      layoutHash: header.layoutHash,
      planHash: header.planHash,
      seed: header.seed,
      paths: header.paths,
      firstPath: header.firstPath,
      endPath: header.endPath,
      scalars: header.scalars,
    }),
  );
  const start = Math.ceil((16 + json.length) / 8) * 8;
  const total = start + values.byteLength + 32;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(SCALARS_MAGIC), 0);
  view.setUint32(8, SCALARS_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, 16);
  for (let i = 0; i < values.length; i++) view.setFloat64(start + 8 * i, values[i]!, true);
  bytes.set(createHash("sha256").update(bytes.subarray(0, total - 32)).digest(), total - 32);
  return bytes;
}

/** Decodes scalars.bin bytes (`name` in messages); ResultError BAD_FORMAT, UNSUPPORTED_VERSION or CHECKSUM_MISMATCH. */
export function decodeScalars(bytes: Uint8Array, name = "scalars.bin"): ScalarsTable {
  const bad = (why: string): never => {
    throw new ResultError("BAD_FORMAT", `${name}: ${why}`);
  };
  if (bytes.length < 48 || new TextDecoder().decode(bytes.subarray(0, 8)) !== SCALARS_MAGIC) bad("not a scalars file (bad magic)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== SCALARS_FORMAT_VERSION) {
    throw new ResultError("UNSUPPORTED_VERSION", `${name}: format version ${version}; this hashrate-exodus reads version ${SCALARS_FORMAT_VERSION}`);
  }
  const digest = createHash("sha256").update(bytes.subarray(0, bytes.length - 32)).digest();
  if (Buffer.compare(digest, bytes.subarray(bytes.length - 32)) !== 0) throw new ResultError("CHECKSUM_MISMATCH", `${name}: the bytes do not match their SHA-256 (corrupted)`);
  const h = view.getUint32(12, true);
  if (16 + h > bytes.length - 32) bad("header longer than the file");
  let header: ScalarsHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + h))) as ScalarsHeader;
  } catch (err) {
    return bad(`header is not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(header.scalars) || !Number.isSafeInteger(header.firstPath) || !Number.isSafeInteger(header.endPath) || header.endPath < header.firstPath) {
    bad("header fields of the wrong type");
  }
  const start = Math.ceil((16 + h) / 8) * 8;
  const n = (header.endPath - header.firstPath) * header.scalars.length;
  if (start + 8 * n + 32 !== bytes.length) bad(`${bytes.length} bytes, expected ${start + 8 * n + 32} for ${header.endPath - header.firstPath} paths × ${header.scalars.length} scalars`);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = view.getFloat64(start + 8 * i, true);
  return { header, values };
}
