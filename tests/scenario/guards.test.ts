import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  boundedNumber,
  datesInOrder,
  isoDate,
  parseScenarioYaml,
  Provenance,
  scenarioErrorMap,
  uniqueBy,
  validateData,
  whenValid,
} from "../../src/scenario/index.js";

/** The messages zod gives for `value` under `schema`, with the scenario error map. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value, { reportInput: true, error: scenarioErrorMap });
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe("boundedNumber", () => {
  const mw = boundedNumber(0, 100_000, "MW");
  it.each([
    [250_000, "expected a number between 0 and 100000 (MW), found 250000"],
    [-1, "expected a number between 0 and 100000 (MW), found -1"],
    ["abc", 'expected a number between 0 and 100000 (MW), found "abc"'],
    [Number.NaN, "expected a number between 0 and 100000 (MW), found .nan"],
    [Number.POSITIVE_INFINITY, "expected a number between 0 and 100000 (MW), found .inf"],
    [undefined, "required key is missing: expected a number between 0 and 100000 (MW)"],
  ])("%s → one clear message", (value, message) => {
    expect(messages(mw, value)).toEqual([message]);
  });

  it("accepts the bounds themselves", () => {
    expect(messages(mw, 0)).toEqual([]);
    expect(messages(mw, 100_000)).toEqual([]);
  });

  it("exclusive lower bound and integers", () => {
    const price = boundedNumber(0, 1000, "$/MWh", { exclusiveMin: true });
    expect(messages(price, 0)).toEqual(["expected a number > 0 and ≤ 1000 ($/MWh), found 0"]);
    expect(messages(price, 1e-9)).toEqual([]);
    const paths = boundedNumber(1, 10, "paths", { integer: true });
    expect(messages(paths, 2.5)).toEqual(["expected an integer between 1 and 10 (paths), found 2.5"]);
    expect(messages(paths, 3)).toEqual([]);
  });

  it("a unitless ratio has no unit in its message; descriptions carry the unit", () => {
    expect(messages(boundedNumber(0, 1, ""), 2)).toEqual(["expected a number between 0 and 1, found 2"]);
    expect(boundedNumber(0, 1, "J/TH", { description: "Efficiency" }).description).toBe("Efficiency (J/TH)");
    expect(() => boundedNumber(2, 1, "MW")).toThrow(RangeError);
  });
});

describe("isoDate", () => {
  const d = isoDate();
  it.each(["2024-02-29", "2026-03-01", "2000-02-29"])("accepts %s", (v) => {
    expect(messages(d, v)).toEqual([]);
  });
  it.each([
    ["2026-02-30", '"2026-02-30"'],
    ["2100-02-29", '"2100-02-29"'], // 2100 is not a leap year
    ["2026-3-1", '"2026-3-1"'],
    ["2026-03-01T00:00:00Z", '"2026-03-01T00:00:00Z"'],
    [20260301, "20260301"],
  ])("refuses %s", (v, shown) => {
    expect(messages(d, v)).toEqual([`expected an ISO 8601 date YYYY-MM-DD, found ${shown}`]);
  });
  it("bounds", () => {
    const b = isoDate({ min: "2009-01-03", max: "2100-12-31" });
    expect(messages(b, "2009-01-02")).toEqual(['expected a date between 2009-01-03 and 2100-12-31, found "2009-01-02"']);
    expect(messages(b, "2009-01-03")).toEqual([]);
    expect(messages(isoDate({ max: "2030-01-01" }), "2031-01-01")).toEqual([
      'expected a date on or before 2030-01-01, found "2031-01-01"',
    ]);
  });
});

describe("cross-field checks", () => {
  const Span = z
    .strictObject({ start: isoDate(), end: isoDate(), mw: boundedNumber(0, 10, "MW") })
    .superRefine(datesInOrder("start", "end"), whenValid("start", "end"));

  it("datesInOrder puts the issue on the later date", () => {
    const r = Span.safeParse({ start: "2026-01-02", end: "2026-01-01", mw: 1 });
    expect(r.error?.issues).toMatchObject([
      { path: ["end"], message: 'expected a date after start (2026-01-02), found "2026-01-01"' },
    ]);
    expect(messages(Span, { start: "2026-01-01", end: "2026-01-01", mw: 1 })).toHaveLength(1);
    const eq = z.strictObject({ a: isoDate(), b: isoDate() }).superRefine(datesInOrder("a", "b", { allowEqual: true }));
    expect(messages(eq, { a: "2026-01-01", b: "2026-01-01" })).toEqual([]);
  });

  it("whenValid skips the check while its own fields are invalid, not for other fields", () => {
    expect(messages(Span, { start: "2026-01-02", end: "2026-13-01", mw: 1 })).toEqual([
      'expected an ISO 8601 date YYYY-MM-DD, found "2026-13-01"',
    ]);
    const both = messages(Span, { start: "2026-01-02", end: "2026-01-01", mw: 99 });
    expect(both).toHaveLength(2);
    // Without whenValid, zod runs the refinement after a non-fatal issue of its own field.
    const Unguarded = z
      .strictObject({ start: isoDate({ min: "2020-01-01" }), end: isoDate() })
      .superRefine(datesInOrder("start", "end"));
    expect(messages(Unguarded, { start: "2019-06-01", end: "2019-01-01" })).toHaveLength(2);
    const Guarded = z
      .strictObject({ start: isoDate({ min: "2020-01-01" }), end: isoDate() })
      .superRefine(datesInOrder("start", "end"), whenValid("start", "end"));
    expect(messages(Guarded, { start: "2019-06-01", end: "2019-01-01" })).toHaveLength(1);
  });

  it("uniqueBy names the repeated item", () => {
    const L = z.array(z.strictObject({ id: z.string() })).superRefine(uniqueBy("id"));
    const r = L.safeParse([{ id: "A" }, { id: "B" }, { id: "A" }]);
    expect(r.error?.issues).toMatchObject([{ path: [2, "id"], message: 'duplicate id "A" (also item 0)' }]);
    expect(L.safeParse([{ id: "A" }, { id: "B" }]).success).toBe(true);
  });

  it("located through a scenario file", () => {
    const text = "start: 2026-05-01\nend: 2026-04-01\nmw: 1\n";
    const src = parseScenarioYaml(text, "span.yaml");
    const r = validateData(Span, src.data, Provenance.of(src));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toMatchObject([{ file: "span.yaml", line: 2, column: 6, path: "end" }]);
  });
});
