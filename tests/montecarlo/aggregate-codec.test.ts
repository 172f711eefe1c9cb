/**
 * The binary aggregate format (src/montecarlo/aggregate-codec.ts): a round trip keeps every
 * bit; damaged or foreign input is refused with the specific error code; unaligned input
 * (a Buffer slice) decodes too.
 */
import { describe, expect, it } from "vitest";
import { Aggregate, type AggregateParts } from "../../src/montecarlo/aggregate.js";
import { AGGREGATE_FORMAT_VERSION, decodeAggregate, encodeAggregate } from "../../src/montecarlo/aggregate-codec.js";
import { runBatch } from "../../src/montecarlo/batch.js";
import { layoutHash, planHash } from "../../src/montecarlo/canonical-hash.js";
import { AggregateFormatError } from "../../src/montecarlo/errors.js";
import { loadPathModel } from "../../src/montecarlo/path-model.js";
import { SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";
import { TOY_URL } from "./helpers.js";

const plan = { gridLength: 12, maxEpochs: 5 };

/** A real aggregate: two batches of the toy model absorbed into a run-wide aggregate. */
async function sampleAggregate(): Promise<{ agg: Aggregate; layout: Awaited<ReturnType<typeof loadPathModel>>["layout"] }> {
  const hash = planHash(plan);
  const loaded = await loadPathModel(TOY_URL, plan, hash);
  const base = {
    kind: "batch" as const,
    model: { url: TOY_URL, exportName: "createPathModel" },
    plan,
    planHash: hash,
    layoutHash: layoutHash(loaded.layout),
    seed: "codec",
    paths: 300,
    chunkSize: 32,
    relativeAccuracy: SKETCH_RELATIVE_ACCURACY,
  };
  const agg = new Aggregate({
    layoutHash: base.layoutHash,
    planHash: hash,
    seed: base.seed,
    paths: base.paths,
    chunkSize: base.chunkSize,
    sketch: { mapping: "ddsketch-cubic", relativeAccuracy: SKETCH_RELATIVE_ACCURACY },
    cells: loaded.shape.cells,
    events: loaded.layout.events.length,
    range: [0, 10],
    shard: null,
  });
  for (const [firstChunk, endChunk] of [
    [0, 3],
    [5, 10],
  ] as const) {
    const out = await runBatch({ ...base, firstChunk, endChunk });
    if (!out.ok) throw new Error(out.message);
    agg.absorb(decodeAggregate(out.bytes).parts);
  }
  return { agg, layout: loaded.layout };
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof AggregateFormatError) return err.code;
    throw err;
  }
  return "no error";
}

function sameParts(a: AggregateParts, b: AggregateParts): void {
  expect(b.spec).toEqual(a.spec);
  expect(b.nodes.map((n) => [n.level, n.index])).toEqual(a.nodes.map((n) => [n.level, n.index]));
  const bytes = (x: ArrayBufferView): string => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("hex");
  a.nodes.forEach((n, j) => {
    for (const k of ["n", "sum", "m2"] as const) expect(bytes(b.nodes[j]!.moments[k])).toBe(bytes(n.moments[k]));
  });
  for (const k of ["min", "max", "events"] as const) expect(bytes(b[k])).toBe(bytes(a[k]));
  for (const k of ["zero", "lo", "len"] as const) expect(bytes(b.sketch[k])).toBe(bytes(a.sketch[k]));
  // Counts may come back narrower (Uint16 when they fit); the values must be the same.
  expect(Array.from(b.sketch.counts)).toEqual(Array.from(a.sketch.counts));
}

describe("aggregate codec", async () => {
  const { agg, layout } = await sampleAggregate();
  const parts = agg.toParts();
  const file = encodeAggregate(parts, { layout, checksum: true, meta: { note: "ü-é ✓" } });

  it("round-trips every bit, with and without layout/checksum", () => {
    expect(parts.nodes.length).toBeGreaterThan(1);
    const plain = decodeAggregate(encodeAggregate(parts));
    sameParts(parts, plain.parts);
    expect(plain.layout).toBeNull();
    const full = decodeAggregate(file);
    sameParts(parts, full.parts);
    expect(full.layout?.grid).toEqual(Array.from(layout.grid));
    expect(full.meta).toEqual({ note: "ü-é ✓" });
    // A rebuilt aggregate encodes to the same bytes.
    const again = Aggregate.fromParts(full.parts);
    expect(Buffer.from(encodeAggregate(again.toParts())).equals(Buffer.from(encodeAggregate(parts)))).toBe(true);
  });

  it("encodes a view (counts read from the bank when written) to the same bytes as the copied parts", () => {
    for (const options of [{}, { layout, checksum: true, meta: null }]) {
      expect(Buffer.from(encodeAggregate(agg.toParts(false), options)).equals(Buffer.from(encodeAggregate(agg.toParts(), options)))).toBe(true);
    }
    const view = agg.toParts(false).sketch;
    expect(Array.from(view.counts)).toEqual(Array.from(parts.sketch.counts));
  });

  it("stores counts as Uint16 when they fit and as Uint32 when they do not", () => {
    expect(decodeAggregate(file).parts.sketch.counts).toBeInstanceOf(Uint16Array);
    const big = Uint32Array.from(parts.sketch.counts);
    const at = big.findIndex((c) => c > 0);
    big[at] = big[at]! + 70_000;
    const wide: AggregateParts = { ...parts, sketch: { ...parts.sketch, counts: big } };
    // (trusted: these counts no longer match the moments, which the full check would refuse)
    const back = decodeAggregate(encodeAggregate(wide), { trusted: true }).parts.sketch.counts;
    expect(back).toBeInstanceOf(Uint32Array);
    expect(Array.from(back)).toEqual(Array.from(big));
  });

  it("decodes from an unaligned slice (a Buffer at an odd offset)", () => {
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    sameParts(parts, decodeAggregate(padded.subarray(3)).parts);
  });

  it("refuses foreign, truncated, corrupted and future-version bytes with specific codes", () => {
    const copy = (): Uint8Array => file.slice();
    expect(code(() => decodeAggregate(new Uint8Array(8)))).toBe("TRUNCATED");
    const foreign = copy();
    foreign[0] = 0x21;
    expect(code(() => decodeAggregate(foreign))).toBe("BAD_MAGIC");
    const future = copy();
    new DataView(future.buffer).setUint32(8, AGGREGATE_FORMAT_VERSION + 1, true);
    expect(code(() => decodeAggregate(future))).toBe("UNSUPPORTED_VERSION");
    expect(code(() => decodeAggregate(file.subarray(0, file.length - 9)))).toBe("TRUNCATED");
    expect(code(() => decodeAggregate(file.subarray(0, 40)))).toBe("TRUNCATED");
    const flippedBody = copy();
    flippedBody[flippedBody.length - 5] = flippedBody[flippedBody.length - 5]! ^ 0x10;
    expect(code(() => decodeAggregate(flippedBody))).toBe("CHECKSUM_MISMATCH");
    // A digit of the path count in the header: still valid JSON, caught by the checksum.
    const headerText = new TextDecoder().decode(file.subarray(16, 16 + new DataView(file.buffer).getUint32(12, true)));
    const at = 16 + new TextEncoder().encode(headerText.slice(0, headerText.indexOf('"paths":300') + 9)).length;
    const flippedHeader = copy();
    flippedHeader[at] = "4".charCodeAt(0);
    expect(code(() => decodeAggregate(flippedHeader))).toBe("CHECKSUM_MISMATCH");
    const badJson = copy();
    badJson[16] = "[".charCodeAt(0) + 1;
    expect(code(() => decodeAggregate(badJson))).toBe("BAD_HEADER");
  });

  it("refuses parts that disagree with each other (sketch totals vs counts, node ranges)", () => {
    const tampered: AggregateParts = {
      ...parts,
      sketch: { ...parts.sketch, zero: Float64Array.from(parts.sketch.zero, (z, c) => (c === 0 ? z + 1 : z)) },
    };
    expect(code(() => decodeAggregate(encodeAggregate(tampered)))).toBe("INCONSISTENT");
    expect(code(() => decodeAggregate(encodeAggregate(tampered, { layout, checksum: true })))).toBe("INCONSISTENT");
    const outside: AggregateParts = { ...parts, spec: { ...parts.spec, range: [1, 10] } };
    expect(code(() => decodeAggregate(encodeAggregate(outside)))).toBe("INCONSISTENT");
    const otherLayout: AggregateParts = { ...parts, spec: { ...parts.spec, layoutHash: "0".repeat(64) } };
    expect(code(() => decodeAggregate(encodeAggregate(otherLayout, { layout })))).toBe("INCONSISTENT");
  });
});
