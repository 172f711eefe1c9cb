/**
 * The binary form of an aggregate: one buffer for a batch result (moved from a worker with
 * Piscina's move(), zero-copy), a checkpoint or a shard partial file.
 *
 * ## Format, version {@link AGGREGATE_FORMAT_VERSION}
 *
 * | bytes | content |
 * |---|---|
 * | 0–7 | magic `HXEXAGGR` (ASCII) |
 * | 8–11 | format version, uint32 little-endian |
 * | 12–15 | H, byte length of the header, uint32 little-endian |
 * | 16 … 16+H | header, UTF-8 JSON (below) |
 * | … | zero padding to a multiple of 8: the body starts there |
 * | body | the sections the header lists, each at an 8-byte aligned offset |
 *
 * Header: `{ format, version, endianness: "LE", spec (AggregateSpec), nodes: [[level,
 * index]…], sections: [{name, type, offset, length}…], checksum: "sha256:<hex of the body>"
 * or null, layout: LayoutJson or null, meta: free JSON or null }`. The checksum is the SHA-256
 * of the header bytes (with `sha256:` followed by 64 zeros in place of the digest) followed
 * by the body, so a flipped byte anywhere is caught.
 *
 * Sections, in this order: `moments` Float64 (nodes × 3 × cells: n, sum, m2 of each node),
 * `min`, `max` Float64 (cells), `events` Float64 (events), `sketchZero` Float64 (cells),
 * `sketchLo` Int32, `sketchLen` Uint32 (2 × cells), `sketchCounts` Uint16 when every count
 * fits (a batch of ≤ 65,535 paths: half the bytes to move and merge), else Uint32.
 * Numbers are stored in the machine's byte order and the header says "LE"; a big-endian
 * machine refuses the file rather than misreading it.
 *
 * Files carry the layout and a checksum; batch results between our own threads carry
 * neither (hashing ~1 MB per batch would cost more than it protects). Reading validates
 * everything it can and throws {@link AggregateFormatError} with a specific code.
 */
import { createHash } from "node:crypto";
import { endianness } from "node:os";
import { chunkCount, type AggregateParts, type AggregateSpec } from "./aggregate.js";
import { layoutHash } from "./canonical-hash.js";
import { AggregateFormatError } from "./errors.js";
import { layoutFromJson, layoutShape, layoutToJson, sketchMask, type LayoutJson, type RecordLayout } from "./layout.js";
import type { Moments } from "./moments.js";
import { SketchSectionsView, type SketchSections } from "./sketch-bank.js";
import { nodeRange, rootLevel, type TreeNode } from "./summation-tree.js";

/** Version of the binary aggregate format. */
export const AGGREGATE_FORMAT_VERSION = 1;
/** Value of the header's `format` field. */
export const AGGREGATE_FORMAT = "hashrate-exodus/mc-aggregate";
const MAGIC = "HXEXAGGR";
const PLACEHOLDER = `sha256:${"0".repeat(64)}`;

type SectionType = "Float64" | "Int32" | "Uint32" | "Uint16";
interface SectionEntry {
  readonly name: string;
  readonly type: SectionType;
  /** Byte offset from the body start (multiple of 8). */
  readonly offset: number;
  /** Number of elements. */
  readonly length: number;
}
const SECTION_ORDER: ReadonlyArray<readonly [string, SectionType]> = [
  ["moments", "Float64"],
  ["min", "Float64"],
  ["max", "Float64"],
  ["events", "Float64"],
  ["sketchZero", "Float64"],
  ["sketchLo", "Int32"],
  ["sketchLen", "Uint32"],
  ["sketchCounts", "Uint32"],
];
const ELEMENT_BYTES: Record<SectionType, number> = { Float64: 8, Int32: 4, Uint32: 4, Uint16: 2 };

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** What {@link encodeAggregate} may add to the bytes. */
export interface EncodeOptions {
  /** The record layout, stored in the header (files: so `merge` can summarize without the model). */
  readonly layout?: RecordLayout | null;
  /** Whether to store a SHA-256 of the body (files: yes; worker → main: no). */
  readonly checksum?: boolean;
  /** Free JSON stored as is (e.g. when and by what the file was written). */
  readonly meta?: unknown;
}

/** An aggregate read back from bytes. */
export interface DecodedAggregate {
  readonly parts: AggregateParts;
  readonly layout: LayoutJson | null;
  readonly meta: unknown;
}

/**
 * Encodes an aggregate into one new ArrayBuffer-backed Uint8Array (offset 0, exact length,
 * so the buffer can be transferred as is).
 */
export function encodeAggregate(parts: AggregateParts, options: EncodeOptions = {}): Uint8Array {
  if (endianness() !== "LE") throw new Error("aggregate encoding needs a little-endian machine");
  const { spec, nodes, sketch } = parts;
  const cells = spec.cells;
  const sizes: Array<[string, number, number]> = [
    ["min", parts.min.length, cells],
    ["max", parts.max.length, cells],
    ["events", parts.events.length, spec.events],
    ["sketch.zero", sketch.zero.length, cells],
    ["sketch.lo", sketch.lo.length, 2 * cells],
    ["sketch.len", sketch.len.length, 2 * cells],
    ...nodes.flatMap((n, j): Array<[string, number, number]> => [
      [`nodes[${j}].n`, n.moments.n.length, cells],
      [`nodes[${j}].sum`, n.moments.sum.length, cells],
      [`nodes[${j}].m2`, n.moments.m2.length, cells],
    ]),
  ];
  for (const [what, got, want] of sizes) if (got !== want) throw new RangeError(`encodeAggregate: ${what} has ${got} entries, expected ${want}`);
  // A view (SketchBank.view) knows its counts' length and whether they fit 16 bits and writes them straight
  // into the output: no counts-sized intermediate copy.
  const lazy = sketch instanceof SketchSectionsView ? sketch : null;
  const countsLength = lazy !== null ? lazy.countsLength : sketch.counts.length;
  const lengths: Record<string, number> = {
    moments: nodes.length * 3 * cells,
    min: cells,
    max: cells,
    events: spec.events,
    sketchZero: cells,
    sketchLo: 2 * cells,
    sketchLen: 2 * cells,
    sketchCounts: countsLength,
  };
  let fitsUint16 = true;
  if (lazy !== null) fitsUint16 = lazy.fitsUint16;
  else for (let i = 0; i < sketch.counts.length && fitsUint16; i++) if (sketch.counts[i]! > 0xffff) fitsUint16 = false;
  const countType: SectionType = fitsUint16 ? "Uint16" : "Uint32";
  const sections: SectionEntry[] = [];
  let bodyBytes = 0;
  for (const [name, fixedType] of SECTION_ORDER) {
    const type = name === "sketchCounts" ? countType : fixedType;
    const length = lengths[name]!;
    sections.push({ name, type, offset: bodyBytes, length });
    bodyBytes = align8(bodyBytes + length * ELEMENT_BYTES[type]);
  }
  const layoutJson = options.layout ? layoutToJson(options.layout) : null;
  const header = {
    format: AGGREGATE_FORMAT,
    version: AGGREGATE_FORMAT_VERSION,
    endianness: "LE",
    spec,
    nodes: nodes.map((n) => [n.level, n.index]),
    sections,
    checksum: options.checksum ? PLACEHOLDER : null,
    layout: layoutJson,
    meta: options.meta ?? null,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const bodyStart = align8(16 + headerBytes.length);
  const out = new Uint8Array(bodyStart + bodyBytes);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, AGGREGATE_FORMAT_VERSION, true);
  dv.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  const view = (s: SectionEntry): Float64Array | Int32Array | Uint32Array | Uint16Array => {
    const at = bodyStart + s.offset;
    if (s.type === "Float64") return new Float64Array(out.buffer, at, s.length);
    if (s.type === "Int32") return new Int32Array(out.buffer, at, s.length);
    if (s.type === "Uint16") return new Uint16Array(out.buffer, at, s.length);
    return new Uint32Array(out.buffer, at, s.length);
  };
  const byName = new Map(sections.map((s) => [s.name, s]));
  const moments = view(byName.get("moments")!) as Float64Array;
  nodes.forEach((node, j) => {
    moments.set(node.moments.n, (3 * j) * cells);
    moments.set(node.moments.sum, (3 * j + 1) * cells);
    moments.set(node.moments.m2, (3 * j + 2) * cells);
  });
  view(byName.get("min")!).set(parts.min);
  view(byName.get("max")!).set(parts.max);
  view(byName.get("events")!).set(parts.events);
  view(byName.get("sketchZero")!).set(sketch.zero);
  view(byName.get("sketchLo")!).set(sketch.lo);
  view(byName.get("sketchLen")!).set(sketch.len);
  const countsView = view(byName.get("sketchCounts")!) as Uint32Array | Uint16Array;
  if (lazy !== null) lazy.writeCounts(countsView);
  else countsView.set(sketch.counts);
  if (options.checksum) {
    // The digest covers the header (with the placeholder in place of the digest) and the body.
    const digest = `sha256:${digestOf(headerBytes, out.subarray(bodyStart))}`;
    const at = indexOfBytes(headerBytes, new TextEncoder().encode(`"checksum":"${PLACEHOLDER}"`)) + CHECKSUM_KEY_BYTES;
    out.set(new TextEncoder().encode(digest), 16 + at);
  }
  return out;
}

const PLACEHOLDER_BYTES = new TextEncoder().encode(PLACEHOLDER);
const CHECKSUM_KEY_BYTES = '"checksum":"'.length;

/** SHA-256 (hex) of the header bytes (digest replaced by the placeholder) followed by the body. */
function digestOf(headerWithPlaceholder: Uint8Array, body: Uint8Array): string {
  return createHash("sha256").update(headerWithPlaceholder).update(body).digest("hex");
}

/** First index of `needle` in `hay`, or −1. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const bad = (message: string): never => {
  throw new AggregateFormatError("BAD_HEADER", message);
};
const isInt = (x: unknown, min = 0): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= min;
const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

function readSpec(raw: unknown): AggregateSpec {
  if (!isObj(raw)) return bad("spec must be an object");
  const s = raw;
  if (typeof s.layoutHash !== "string" || !/^[0-9a-f]{64}$/.test(s.layoutHash)) bad("spec.layoutHash must be 64 hex digits");
  if (typeof s.planHash !== "string" || !/^[0-9a-f]{64}$/.test(s.planHash)) bad("spec.planHash must be 64 hex digits");
  if (!(typeof s.seed === "string" || (typeof s.seed === "number" && Number.isFinite(s.seed)))) bad("spec.seed must be a string or a finite number");
  if (!isInt(s.paths, 1) || s.paths > 0xffffffff) bad("spec.paths must be an integer in [1, 2^32 − 1]");
  if (!isInt(s.chunkSize, 1)) bad("spec.chunkSize must be a positive integer");
  if (!isObj(s.sketch) || typeof s.sketch.mapping !== "string" || typeof s.sketch.relativeAccuracy !== "number" || !(s.sketch.relativeAccuracy > 0 && s.sketch.relativeAccuracy < 1)) {
    bad("spec.sketch must be {mapping: string, relativeAccuracy in (0, 1)}");
  }
  if (!isInt(s.cells, 1)) bad("spec.cells must be a positive integer");
  if (!isInt(s.events, 0)) bad("spec.events must be a non-negative integer");
  const total = chunkCount(s.paths as number, s.chunkSize as number);
  const r = s.range;
  if (!Array.isArray(r) || r.length !== 2 || !isInt(r[0]) || !isInt(r[1]) || r[0] > r[1] || r[1] > total) {
    bad(`spec.range must be [first, end] with 0 ≤ first ≤ end ≤ ${total}`);
  }
  const sh = s.shard;
  if (sh !== null && (!isObj(sh) || !isInt(sh.count, 1) || !isInt(sh.index, 1) || (sh.index as number) > (sh.count as number))) {
    bad("spec.shard must be null or {index, count} with 1 ≤ index ≤ count");
  }
  const sketch = s.sketch as { mapping: string; relativeAccuracy: number };
  const range = r as [number, number];
  const shard = sh as { index: number; count: number } | null;
  return {
    layoutHash: s.layoutHash as string,
    planHash: s.planHash as string,
    seed: s.seed as string | number,
    paths: s.paths as number,
    chunkSize: s.chunkSize as number,
    sketch: { mapping: sketch.mapping, relativeAccuracy: sketch.relativeAccuracy },
    cells: s.cells as number,
    events: s.events as number,
    range: [range[0], range[1]],
    shard: shard === null ? null : { index: shard.index, count: shard.count },
  };
}

/** What {@link decodeAggregate} checks. */
export interface DecodeOptions {
  /**
   * Skip the checks that read every count (sketch totals against moment counts): for batch
   * results between our own threads, where they cost ~20–40 ms per 1,024-path batch of a
   * 35,000-cell layout in the main thread. Structure, sizes and node ranges are still checked.
   */
  readonly trusted?: boolean;
}

/**
 * Decodes and validates an aggregate. The returned arrays are views on `bytes` when it is
 * 8-byte aligned (a transferred buffer), otherwise on an aligned copy. Throws
 * {@link AggregateFormatError}: BAD_MAGIC, UNSUPPORTED_VERSION, TRUNCATED, BAD_HEADER,
 * CHECKSUM_MISMATCH or INCONSISTENT.
 */
export function decodeAggregate(input: Uint8Array | ArrayBuffer, options: DecodeOptions = {}): DecodedAggregate {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 16) throw new AggregateFormatError("TRUNCATED", `${bytes.length} bytes is shorter than the 16-byte preamble`);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new AggregateFormatError("BAD_MAGIC", "not a hashrate-exodus Monte Carlo aggregate (magic HXEXAGGR missing)");
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(8, true);
  if (version !== AGGREGATE_FORMAT_VERSION) {
    throw new AggregateFormatError("UNSUPPORTED_VERSION", `format version ${version}; this code reads version ${AGGREGATE_FORMAT_VERSION}`);
  }
  const headerLength = dv.getUint32(12, true);
  if (16 + headerLength > bytes.length) throw new AggregateFormatError("TRUNCATED", `header of ${headerLength} bytes runs past the end (${bytes.length} bytes)`);
  let header: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(16, 16 + headerLength)));
    if (!isObj(parsed)) throw new Error("not an object");
    header = parsed;
  } catch (err) {
    throw new AggregateFormatError("BAD_HEADER", `header is not a JSON object (${(err as Error).message})`);
  }
  if (header.format !== AGGREGATE_FORMAT) bad(`format must be "${AGGREGATE_FORMAT}", got ${JSON.stringify(header.format)}`);
  if (header.version !== AGGREGATE_FORMAT_VERSION) {
    throw new AggregateFormatError("UNSUPPORTED_VERSION", `header version ${JSON.stringify(header.version)}`);
  }
  if (header.endianness !== "LE") bad(`endianness must be "LE", got ${JSON.stringify(header.endianness)}`);
  if (endianness() !== "LE") throw new AggregateFormatError("BAD_HEADER", "this machine is big-endian; the file is little-endian");
  const spec = readSpec(header.spec);
  const total = chunkCount(spec.paths, spec.chunkSize);
  const rawNodes = header.nodes;
  if (!Array.isArray(rawNodes)) return bad("nodes must be an array");
  const maxLevel = rootLevel(total);
  const positions = rawNodes.map((n, j): [number, number] => {
    if (!Array.isArray(n) || n.length !== 2 || !isInt(n[0]) || !isInt(n[1]) || n[0] > maxLevel) bad(`nodes[${j}] must be [level ≤ ${maxLevel}, index]`);
    return [n[0] as number, n[1] as number];
  });
  const rawSections = header.sections;
  if (!Array.isArray(rawSections) || rawSections.length !== SECTION_ORDER.length) bad(`sections must list ${SECTION_ORDER.length} entries`);
  const sections = (rawSections as unknown[]).map((s, j): SectionEntry => {
    const [name, fixedType] = SECTION_ORDER[j]!;
    const types = name === "sketchCounts" ? ["Uint16", "Uint32"] : [fixedType];
    if (!isObj(s) || s.name !== name || !types.includes(s.type as string) || !isInt(s.offset) || (s.offset as number) % 8 !== 0 || !isInt(s.length)) {
      bad(`sections[${j}] must be {name: "${name}", type: ${types.map((t) => `"${t}"`).join(" or ")}, offset: multiple of 8, length}`);
    }
    const r = s as Record<string, unknown>;
    return { name, type: r.type as SectionType, offset: r.offset as number, length: r.length as number };
  });
  const bodyStart = align8(16 + headerLength);
  const bodyLength = bytes.length - bodyStart;
  for (const s of sections) {
    if (s.offset + s.length * ELEMENT_BYTES[s.type] > bodyLength) {
      throw new AggregateFormatError("TRUNCATED", `section ${s.name} (${s.length} × ${s.type} at ${s.offset}) runs past the end of the body (${Math.max(0, bodyLength)} bytes)`);
    }
  }
  const expected: Record<string, number> = {
    moments: positions.length * 3 * spec.cells,
    min: spec.cells,
    max: spec.cells,
    events: spec.events,
    sketchZero: spec.cells,
    sketchLo: 2 * spec.cells,
    sketchLen: 2 * spec.cells,
  };
  for (const s of sections) {
    if (s.name in expected && s.length !== expected[s.name]) bad(`section ${s.name} has ${s.length} elements, expected ${expected[s.name]}`);
  }
  if (header.checksum !== null) {
    if (typeof header.checksum !== "string" || !/^sha256:[0-9a-f]{64}$/.test(header.checksum)) bad("checksum must be null or sha256:<64 hex>");
    const headerCopy = bytes.slice(16, 16 + headerLength);
    const at = indexOfBytes(headerCopy, new TextEncoder().encode(`"checksum":"${header.checksum as string}"`));
    if (at < 0) bad("checksum is not written in the canonical form");
    headerCopy.set(PLACEHOLDER_BYTES, at + CHECKSUM_KEY_BYTES);
    const actual = `sha256:${digestOf(headerCopy, bytes.subarray(bodyStart))}`;
    if (actual !== header.checksum) throw new AggregateFormatError("CHECKSUM_MISMATCH", `content hashes to ${actual}, header says ${String(header.checksum)}`);
  }
  if ((bytes.byteOffset + bodyStart) % 8 !== 0) bytes = bytes.slice();
  const view = (j: number): Float64Array | Int32Array | Uint32Array | Uint16Array => {
    const s = sections[j]!;
    const at = bytes.byteOffset + bodyStart + s.offset;
    if (s.type === "Float64") return new Float64Array(bytes.buffer, at, s.length);
    if (s.type === "Int32") return new Int32Array(bytes.buffer, at, s.length);
    if (s.type === "Uint16") return new Uint16Array(bytes.buffer, at, s.length);
    return new Uint32Array(bytes.buffer, at, s.length);
  };
  const moments = view(0) as Float64Array;
  const cells = spec.cells;
  const nodes: TreeNode[] = positions.map(([level, index], j) => {
    const m: Moments = {
      n: moments.subarray(3 * j * cells, (3 * j + 1) * cells),
      sum: moments.subarray((3 * j + 1) * cells, (3 * j + 2) * cells),
      m2: moments.subarray((3 * j + 2) * cells, (3 * j + 3) * cells),
    };
    return { level, index, moments: m };
  });
  const sketch = {
    zero: view(4) as Float64Array,
    lo: view(5) as Int32Array,
    len: view(6) as Uint32Array,
    counts: view(7) as Uint32Array | Uint16Array,
  };
  let layout: LayoutJson | null = null;
  if (header.layout !== null && header.layout !== undefined) {
    try {
      const l = layoutFromJson(header.layout as LayoutJson);
      layout = header.layout as LayoutJson;
      if (layoutHash(l) !== spec.layoutHash) throw new AggregateFormatError("INCONSISTENT", "the stored layout does not hash to spec.layoutHash");
      const shape = layoutShape(l);
      if (shape.cells !== spec.cells || l.events.length !== spec.events) {
        throw new AggregateFormatError("INCONSISTENT", `the stored layout has ${shape.cells} cells and ${l.events.length} events, spec says ${spec.cells} and ${spec.events}`);
      }
      checkConsistency(spec, total, nodes, sketch, sketchMask(l), options.trusted === true);
    } catch (err) {
      if (err instanceof AggregateFormatError) throw err;
      throw new AggregateFormatError("BAD_HEADER", `layout: ${(err as Error).message}`);
    }
  } else {
    checkConsistency(spec, total, nodes, sketch, null, options.trusted === true);
  }
  const parts: AggregateParts = {
    spec,
    nodes,
    min: view(1) as Float64Array,
    max: view(2) as Float64Array,
    events: view(3) as Float64Array,
    sketch,
  };
  return { parts, layout, meta: header.meta ?? null };
}

/** Node ranges inside spec.range and disjoint; sketch lengths add up; sketch totals match counts. */
function checkConsistency(
  spec: AggregateSpec,
  total: number,
  nodes: readonly TreeNode[],
  sketch: SketchSections,
  mask: Uint8Array | null,
  trusted: boolean,
): void {
  const inconsistent = (message: string): never => {
    throw new AggregateFormatError("INCONSISTENT", message);
  };
  const ranges = nodes.map((n) => nodeRange(n.level, n.index, total)).sort((a, b) => a[0] - b[0]);
  let prevEnd = spec.range[0];
  for (const [f, e] of ranges) {
    if (f >= e) inconsistent(`a node covers no chunk`);
    if (f < prevEnd) inconsistent(`node ranges overlap or start before the aggregate's range at chunk ${f}`);
    prevEnd = e;
  }
  if (prevEnd > spec.range[1]) inconsistent(`nodes extend past the aggregate's range (${prevEnd} > ${spec.range[1]})`);
  let sum = 0;
  for (let s = 0; s < sketch.len.length; s++) sum += sketch.len[s]!;
  if (sum !== sketch.counts.length) inconsistent(`sketch store lengths add up to ${sum}, counts has ${sketch.counts.length}`);
  if (trusted) return;
  const cells = spec.cells;
  const finite = new Float64Array(cells);
  for (const node of nodes) for (let c = 0; c < cells; c++) finite[c] = finite[c]! + node.moments.n[c]!;
  const sketched = Float64Array.from(sketch.zero);
  let at = 0;
  for (let s = 0; s < 2 * cells; s++) {
    const n = sketch.len[s]!;
    let t = 0;
    for (let j = 0; j < n; j++) t += sketch.counts[at + j]!;
    at += n;
    const c = s >> 1;
    sketched[c] = sketched[c]! + t;
  }
  for (let c = 0; c < cells; c++) {
    const want = mask === null ? (sketched[c] === 0 ? 0 : finite[c]!) : mask[c] === 1 ? finite[c]! : 0;
    if (sketched[c] !== want) inconsistent(`cell ${c}: sketch holds ${sketched[c]} values, moments count ${finite[c]}${mask ? ` (sketched: ${mask[c] === 1})` : ""}`);
  }
}
