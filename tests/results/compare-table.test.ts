/**
 * Paired statistics (src/results/compare-table.ts) on a small case worked by hand:
 * a = [1, 2, 3, NaN, 5, 4], b = [0, 2, 4, 1, NaN, 4.5]: pairs at paths 0, 1, 2, 5 with
 * differences 1, 0, −1, −0.5 (mean −0.125), paths 3 and 4 unpaired.
 */
import { describe, expect, it } from "vitest";
import { COMPARE_COLUMNS, compareCsv, compareTable, pairedStats, parseCsv, studentTQuantile } from "../../src/results/index.js";

describe("pairedStats", () => {
  it("matches the hand computation", () => {
    const s = pairedStats([1, 2, 3, NaN, 5, 4], [0, 2, 4, 1, NaN, 4.5]);
    expect(s.pairs).toBe(4);
    expect(s.unpaired).toBe(2);
    expect(s.meanA).toBe(2.5); // (1 + 2 + 3 + 4) / 4
    expect(s.meanB).toBe(2.625); // (0 + 2 + 4 + 4.5) / 4
    expect(s.meanDiff).toBe(-0.125);
    // Σ (d − mean)² = 1.125² + 0.125² + 0.875² + 0.375² = 2.1875; / 3
    expect(s.sdDiff).toBeCloseTo(Math.sqrt(2.1875 / 3), 15);
    // t(0.975, 3) ≈ 3.1824 (tests/results/student-t.test.ts checks the quantile function)
    const half = (studentTQuantile(0.975, 3) * Math.sqrt(2.1875 / 3)) / 2;
    expect(s.ciLow).toBeCloseTo(-0.125 - half, 12);
    expect(s.ciHigh).toBeCloseTo(-0.125 + half, 12);
    expect(s.pAGreater).toBe(0.25); // only path 0
    expect(s.pEqual).toBe(0.25); // path 1
  });

  it("gives NaN statistics where they are undefined (no pairs, one pair)", () => {
    const none = pairedStats([NaN, 1], [2, NaN]);
    expect(none.pairs).toBe(0);
    expect(none.unpaired).toBe(2);
    expect([none.meanDiff, none.sdDiff, none.ciLow, none.pAGreater].every(Number.isNaN)).toBe(true);
    const one = pairedStats([3], [1]);
    expect(one.meanDiff).toBe(2);
    expect([one.sdDiff, one.ciLow, one.ciHigh].every(Number.isNaN)).toBe(true);
    expect(() => pairedStats([1], [1, 2])).toThrow(RangeError);
  });

  it("writes compare.csv and a table", () => {
    const row = { a: "runs/a", b: "runs/b,2", entity: "network", metric: "x", unit: "EH/s", ...pairedStats([1, 2, 3], [0, 2, 4]) };
    const rows = parseCsv(compareCsv([row]));
    expect(rows[0]).toEqual([...COMPARE_COLUMNS]);
    expect(rows[1]!.slice(0, 8)).toEqual(["runs/a", "runs/b,2", "network", "x", "EH/s", "3", "0", "2"]);
    expect(compareTable([row])).toContain("network.x [EH/s]");
  });
});
