/**
 * Paired statistics (src/results/compare-table.ts) on a small case worked by hand:
 * a = [1, 2, 3, NaN, 5, 4], b = [0, 2, 4, 1, NaN, 4.5]: pairs at paths 0, 1, 2, 5 with
 * differences 1, 0, −1, −0.5 (mean −0.125), paths 3 and 4 unpaired.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMPARE_COLUMNS,
  COMPARE_FILE,
  ResultError,
  compareCsv,
  compareTable,
  pairedStats,
  parseCompareCsv,
  parseCsv,
  readCompareCsv,
  studentTQuantile,
  type CompareRow,
} from "../../src/results/index.js";

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

// Rows as compareRuns makes them: a run name with a comma; NaN statistics (no pairs, one
// pair); unix dates (10 digits); small, negative and non-terminating values.
const rows: CompareRow[] = [
  { a: "runs/a", b: "runs/b,2", entity: "network", metric: "x", unit: "EH/s", ...pairedStats([1, 2, 3, NaN, 5, 4], [0, 2, 4, 1, NaN, 4.5]) },
  { a: "runs/a", b: "runs/b,2", entity: "network", metric: "none", unit: "EH/s", ...pairedStats([NaN, 1], [2, NaN]) },
  { a: "runs/a", b: "runs/b,2", entity: "network", metric: "one", unit: "EH/s", ...pairedStats([3], [1]) },
  { a: "runs/a", b: "runs/c", entity: "Riot", metric: "flipDate", unit: "unix s (NaN = never)", ...pairedStats([1.8e9 + 12345.678, 1.79e9, NaN], [1.8e9, 1.795e9 + 0.1, 1.81e9]) },
  { a: "runs/a", b: "runs/c", entity: "Riot", metric: "share", unit: "ratio", ...pairedStats([1e-7, -2.5e-9, 1 / 3], [2e-7, 1e-9, 2 / 3]) },
];

describe("compare.csv", () => {
  it("reads back what src/results writes (numbers to the file's 10 significant digits)", () => {
    const back = parseCompareCsv(compareCsv(rows), "compare.csv");
    expect(back).toHaveLength(rows.length);
    back.forEach((r, i) => {
      const o = rows[i]!;
      expect([r.a, r.b, r.entity, r.metric, r.unit]).toEqual([o.a, o.b, o.entity, o.metric, o.unit]);
      for (const k of ["pairs", "unpaired", "meanA", "meanB", "meanDiff", "sdDiff", "ciLow", "ciHigh", "pAGreater", "pEqual"] as const) {
        if (Number.isNaN(o[k])) expect(r[k]).toBeNaN();
        else expect(r[k]).toBe(Number(o[k].toPrecision(10)));
      }
    });
  });

  it("refuses a file with another header", () => {
    expect(() => parseCompareCsv("a,b\n1,2\n", "x/compare.csv")).toThrow(/x\/compare\.csv: header must be/);
  });

  it("names the file, the line and the fault of a bad row (ResultError BAD_FORMAT)", () => {
    const [header, first] = compareCsv(rows.slice(0, 1)).split("\n");
    const bad = (text: string): ResultError => {
      try {
        parseCompareCsv(text, "x/compare.csv");
      } catch (err) {
        expect(err).toBeInstanceOf(ResultError);
        return err as ResultError;
      }
      throw new Error("expected a ResultError");
    };
    const short = bad(`${header}\n${first}\nruns/a,runs/b\n`);
    expect(short.code).toBe("BAD_FORMAT");
    expect(short.message).toBe(`x/compare.csv line 3: 2 fields, expected ${COMPARE_COLUMNS.length}`);
    const word = bad(`${header}\n${first!.replace(/,4,/, ",four,")}\n`);
    expect(word.message).toBe('x/compare.csv line 2: not a number: "four"');
  });

  it("reads <dir>/compare.csv, and names the file when there is none (ResultError MISSING_FILE)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "exodus-compare-csv-"));
    try {
      await expect(readCompareCsv(dir)).rejects.toSatisfy((e: unknown) => e instanceof ResultError && e.code === "MISSING_FILE" && e.message.startsWith(`${join(dir, COMPARE_FILE)}: cannot be read`));
      await writeFile(join(dir, COMPARE_FILE), compareCsv(rows));
      expect(await readCompareCsv(dir)).toEqual(parseCompareCsv(compareCsv(rows), join(dir, COMPARE_FILE)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
