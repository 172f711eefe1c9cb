import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../src/scenario/index.js";

/** Plain Levenshtein distance (no transpositions), the reference for an upper bound. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

describe("editDistance (optimal string alignment)", () => {
  it("counts one edit per insertion, deletion, substitution or adjacent transposition", () => {
    expect(editDistance("exitSpeed", "exitSpeed")).toBe(0);
    expect(editDistance("exitSpeed", "exitSpeeed")).toBe(1);
    expect(editDistance("powerMW", "pwoerMW")).toBe(1);
    expect(editDistance("powerMW", "powrMW")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(levenshtein("pwoerMW", "powerMW")).toBe(2);
  });

  it("is symmetric, zero only for equal strings, and between |Δlen| and Levenshtein", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "M", "W"), maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(levenshtein(a, b));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("suggest", () => {
  const keys = ["startDate", "endDate", "hashrateEHs", "exitSpeed"];
  it("finds near misses and case slips", () => {
    expect(suggest("exitSped", keys)).toBe("exitSpeed");
    expect(suggest("hashrateehs", keys)).toBe("hashrateEHs");
    expect(suggest("endDtae", keys)).toBe("endDate");
  });
  it("falls back to a prefix match", () => {
    expect(suggest("hashrate", keys)).toBe("hashrateEHs");
    expect(suggest("start", keys)).toBe("startDate");
  });
  it("stays quiet when nothing is close", () => {
    expect(suggest("colour", keys)).toBeUndefined();
    expect(suggest("ab", ["xy", "cd"])).toBeUndefined();
    expect(suggest("exitSpeed", ["exitSpeed"])).toBeUndefined();
  });
  it("short words allow one edit only", () => {
    expect(suggest("idd", ["id"])).toBe("id");
    expect(suggest("ixx", ["id"])).toBeUndefined();
  });
});
