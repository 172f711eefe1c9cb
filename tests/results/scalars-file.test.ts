/**
 * scalars.bin (src/results/scalars-file.ts): values round-trip bit for bit (NaN, −0,
 * extremes); damaged, truncated, foreign and newer files are refused with specific codes.
 */
import { describe, expect, it } from "vitest";
import { ResultError, decodeScalars, encodeScalars, type ScalarsTable } from "../../src/results/index.js";

const table: ScalarsTable = {
  header: { layoutHash: "l".repeat(64), planHash: "p".repeat(64), seed: "s", paths: 10, firstPath: 4, endPath: 7, scalars: ["a.x", "b.y"] },
  values: Float64Array.from([1.5, NaN, -0, Number.MAX_VALUE, 5e-324, -Infinity]),
};

function code(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ResultError);
    return (err as ResultError).code;
  }
  throw new Error("expected a ResultError");
}

describe("scalars.bin", () => {
  it("round-trips header and values bit for bit", () => {
    const bytes = encodeScalars(table);
    expect(bytes.length % 8).toBe(0);
    const back = decodeScalars(bytes);
    expect(back.header).toEqual(table.header);
    expect(Buffer.from(back.values.buffer)).toEqual(Buffer.from(table.values.buffer));
  });

  it("refuses damage, truncation, other files and newer versions", () => {
    const bytes = encodeScalars(table);
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 1;
    expect(code(() => decodeScalars(flipped))).toBe("CHECKSUM_MISMATCH");
    expect(code(() => decodeScalars(bytes.subarray(0, 40)))).toBe("BAD_FORMAT");
    const foreign = Uint8Array.from(bytes);
    foreign[0] = 0x58;
    expect(code(() => decodeScalars(foreign))).toBe("BAD_FORMAT");
    const newer = Uint8Array.from(bytes);
    newer[8] = 2;
    expect(code(() => decodeScalars(newer))).toBe("UNSUPPORTED_VERSION");
    expect(() => encodeScalars({ ...table, values: new Float64Array(5) })).toThrow(RangeError);
  });
});
