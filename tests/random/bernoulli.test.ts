/**
 * Bernoulli trials (src/random/bernoulli.ts): only 0 and 1, success frequency within
 * K = 5 binomial SE of p, the edge cases p = 0 and p = 1, and the factory. Fixed seeds.
 */
import { describe, expect, it } from "vitest";
import { bernoulli, bernoulliVariate } from "../../src/random/bernoulli.js";
import { streamFor } from "../../src/random/rng.js";

const K = 5;

describe("bernoulliVariate", () => {
  it("success frequency within K SE of p for p = 0.3, 0.999 and 1e-3 (n = 5e5)", () => {
    const n = 500_000;
    const rng = streamFor(42, 0, "test-bernoulli");
    for (const p of [0.3, 0.999, 1e-3]) {
      let ones = 0;
      let other = 0;
      for (let i = 0; i < n; i++) {
        const b = bernoulliVariate(rng, p);
        if (b === 1) ones++;
        else if (b !== 0) other++;
      }
      expect(other).toBe(0);
      expect(Math.abs(ones - n * p)).toBeLessThan(K * Math.sqrt(n * p * (1 - p)));
    }
  });

  it("p = 0 never succeeds and p = 1 always does, even at the extreme uniforms", () => {
    for (const u of [0, 0.5, 1 - 2 ** -53]) {
      expect(bernoulliVariate({ double: () => u }, 0)).toBe(0);
      expect(bernoulliVariate({ double: () => u }, 1)).toBe(1);
    }
  });

  it("factory: same values as the plain function; rejects p outside [0, 1] and NaN", () => {
    const a = streamFor(2, 0, "x");
    const draw = bernoulli(streamFor(2, 0, "x"), 0.42);
    for (let i = 0; i < 1000; i++) expect(draw()).toBe(bernoulliVariate(a, 0.42));
    for (const bad of [-0.01, 1.01, Number.NaN]) expect(() => bernoulli(a, bad)).toThrow(/p must/);
  });
});
