/** Compensated summation (src/random/fsum.ts) against sums whose exact value is known. */
import { describe, expect, it } from "vitest";
import { Adder, fsum } from "../../src/random/fsum.js";

describe("fsum and Adder (Neumaier)", () => {
  it("recover what a naive sum loses", () => {
    const tenths = new Array<number>(10).fill(0.1);
    expect(tenths.reduce((s, x) => s + x, 0)).not.toBe(1); // the naive sum is 0.9999999999999999
    expect(fsum(tenths)).toBe(1);
    // Neumaier (unlike Kahan) handles a large term in the middle: exact answer 2.
    expect([1, 1e100, 1, -1e100].reduce((s, x) => s + x, 0)).toBe(0);
    expect(fsum([1, 1e100, 1, -1e100])).toBe(2);
    expect(fsum(new Float64Array([1e16, 1, -1e16]))).toBe(1);
    expect(fsum([])).toBe(0);
  });

  it("Adder gives the same results incrementally, and resets", () => {
    const adder = new Adder();
    for (const x of [1, 1e100, 1, -1e100]) adder.add(x);
    expect(+adder).toBe(2);
    adder.reset();
    expect(+adder.add(0.1).add(0.2).add(0.3)).toBe(0.6);
    expect(fsum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
  });

  it("propagates non-finite sums instead of producing NaN from the correction", () => {
    expect(fsum([1, Infinity, 2])).toBe(Infinity);
    expect(+new Adder().add(-Infinity).add(3)).toBe(-Infinity);
    expect(fsum([Infinity, -Infinity])).toBeNaN();
  });
});
