/**
 * The record layout contract (src/montecarlo/layout.ts) and the identities of layouts and
 * plans (src/montecarlo/canonical-hash.ts): validation errors name the problem, the JSON
 * form round-trips, hashes ignore key order but not content, event predicates treat NaN as
 * "never happened".
 */
import { describe, expect, it } from "vitest";
import { canonicalJson, layoutHash, planHash } from "../../src/montecarlo/canonical-hash.js";
import { LayoutError } from "../../src/montecarlo/errors.js";
import {
  cellLabel,
  compileEvents,
  EVENT_OP_CODES,
  eventHolds,
  layoutFromJson,
  layoutShape,
  layoutToJson,
  sketchMask,
  validateLayout,
  type RecordLayout,
} from "../../src/montecarlo/layout.js";

const DAY = 86400;
const T0 = Date.UTC(2026, 0, 1) / 1000;

function layout(overrides: Partial<RecordLayout> = {}): RecordLayout {
  return {
    grid: Float64Array.from([T0, T0 + DAY, T0 + 2 * DAY]),
    series: [
      { entity: "network", metric: "hashrate", unit: "EH/s" },
      { entity: "MARA", metric: "margin", unit: "1", quantiles: false },
    ],
    scalars: [
      { entity: "MARA", metric: "aiFlipDate", unit: "unix s" },
      { entity: "network", metric: "drop", unit: "1" },
    ],
    epochFields: [{ entity: "network", metric: "difficulty", unit: "1" }],
    maxEpochs: 4,
    events: [
      { name: "flips", scalar: { entity: "MARA", metric: "aiFlipDate" }, op: "isFinite" },
      { name: "bigDrop", scalar: { entity: "network", metric: "drop" }, op: ">", threshold: 0.3 },
    ],
    ...overrides,
  };
}

function layoutError(l: RecordLayout): string {
  try {
    validateLayout(l);
  } catch (err) {
    if (err instanceof LayoutError) return err.message;
    throw err;
  }
  return "valid";
}

describe("RecordLayout", () => {
  it("has the documented shape: series metric-major, then scalars, then epochs", () => {
    const l = layout();
    expect(layoutError(l)).toBe("valid");
    expect(layoutShape(l)).toEqual({
      gridLength: 3,
      maxEpochs: 4,
      seriesFields: 2,
      scalarFields: 2,
      epochFields: 1,
      scalarOffset: 6,
      epochOffset: 8,
      cells: 12,
    });
    expect(cellLabel(l, 4)).toBe("series MARA.margin at grid[1] = 2026-01-02");
    expect(cellLabel(l, 7)).toBe("scalar network.drop");
    expect(cellLabel(l, 10)).toBe("epoch field network.difficulty at epoch index 2");
    expect(Array.from(sketchMask(l))).toEqual([1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const ev = compileEvents(l);
    expect(Array.from(ev.cell)).toEqual([6, 7]);
    expect(Array.from(ev.op)).toEqual([EVENT_OP_CODES.isFinite, EVENT_OP_CODES[">"]]);
  });

  it("refuses broken layouts with a message naming the problem", () => {
    expect(layoutError(layout({ grid: Float64Array.from([T0, T0]) }))).toMatch(/strictly increasing/);
    expect(layoutError(layout({ grid: Float64Array.from([T0, NaN]) }))).toMatch(/grid\[1\] is not finite/);
    expect(layoutError(layout({ maxEpochs: 1.5 }))).toMatch(/maxEpochs/);
    expect(layoutError(layout({ series: [{ entity: "", metric: "x", unit: "1" }] }))).toMatch(/series\[0\]\.entity/);
    expect(
      layoutError(layout({ scalars: [{ entity: "a", metric: "b", unit: "1" }, { entity: "a", metric: "b", unit: "2" }], events: [] })),
    ).toMatch(/a\.b appears twice/);
    expect(layoutError(layout({ events: [{ name: "e", scalar: { entity: "x", metric: "y" }, op: "isNaN" }] }))).toMatch(/unknown scalar x\.y/);
    expect(layoutError(layout({ events: [{ name: "e", scalar: { entity: "network", metric: "drop" }, op: ">" }] }))).toMatch(/needs a finite threshold/);
    expect(layoutError(layout({ events: [{ name: "e", scalar: { entity: "network", metric: "drop" }, op: "isNaN", threshold: 1 }] }))).toMatch(/takes no threshold/);
    expect(layoutError(layout({ grid: new Float64Array(0), series: [], scalars: [], epochFields: [], events: [] }))).toMatch(/no cells/);
  });

  it("round-trips through JSON with the same hash", () => {
    const l = layout();
    const json = JSON.parse(JSON.stringify(layoutToJson(l))) as ReturnType<typeof layoutToJson>;
    const back = layoutFromJson(json);
    expect(layoutHash(back)).toBe(layoutHash(l));
    expect(Array.from(back.grid)).toEqual(Array.from(l.grid));
    expect(() => layoutFromJson({ ...json, grid: [2, 1] })).toThrow(LayoutError);
  });

  it("hashes content, not key order: a changed unit, threshold or grid date changes the hash", () => {
    const l = layout();
    const reordered: RecordLayout = {
      events: l.events,
      maxEpochs: l.maxEpochs,
      epochFields: l.epochFields.map((f) => ({ unit: f.unit, metric: f.metric, entity: f.entity })),
      scalars: l.scalars,
      series: l.series,
      grid: l.grid,
    };
    expect(layoutHash(reordered)).toBe(layoutHash(l));
    const h = layoutHash(l);
    expect(layoutHash(layout({ series: [{ entity: "network", metric: "hashrate", unit: "TH/s" }, l.series[1]!] }))).not.toBe(h);
    expect(layoutHash(layout({ events: [l.events[0]!, { ...l.events[1]!, threshold: 0.31 }] }))).not.toBe(h);
    expect(layoutHash(layout({ grid: Float64Array.from([T0, T0 + DAY, T0 + 2 * DAY + 1]) }))).not.toBe(h);
  });

  it("carries FieldSpec.integer through validation, JSON and the hash", () => {
    const counted = { entity: "network", metric: "negatives", unit: "count", integer: true };
    const l = layout({ scalars: [...layout().scalars, counted] });
    expect(layoutError(l)).toBe("valid");
    // The flag survives the JSON form (layout.json, aggregate headers: what merge and report
    // summarize with), so a merged run rounds the same quantiles as a single-machine run.
    const back = layoutFromJson(JSON.parse(JSON.stringify(layoutToJson(l))) as ReturnType<typeof layoutToJson>);
    expect(back.scalars[2]).toEqual(counted);
    expect(layoutHash(back)).toBe(layoutHash(l));
    // Part of the hash: partials with and without the flag would summarize differently.
    const unflagged = layout({ scalars: [...layout().scalars, { entity: "network", metric: "negatives", unit: "count" }] });
    expect(layoutHash(unflagged)).not.toBe(layoutHash(l));
    // An absent flag is absent from the JSON: layouts without integer fields hash as before.
    expect("integer" in layoutToJson(unflagged).scalars[2]!).toBe(false);
    expect(layoutError(layout({ scalars: [{ ...counted, integer: 1 as unknown as boolean }], events: [] }))).toMatch(/scalars\[0\]\.integer must be a boolean/);
    expect(layoutError(layout({ scalars: [{ ...counted, origin: 0.5 }], events: [] }))).toMatch(/origin must be an integer on an integer field/);
    expect(layoutError(layout({ scalars: [{ ...counted, origin: 1000 }], events: [] }))).toBe("valid");
  });

  it("evaluates event predicates with NaN as 'never happened'", () => {
    const t = 1;
    const cases: Array<[keyof typeof EVENT_OP_CODES, number, boolean]> = [
      [">", 2, true],
      [">", 1, false],
      [">", NaN, false],
      ["<", NaN, false],
      [">=", 1, true],
      ["<=", NaN, false],
      ["isFinite", 5, true],
      ["isFinite", NaN, false],
      ["isNaN", NaN, true],
      ["isNaN", 0, false],
    ];
    for (const [op, x, want] of cases) expect(eventHolds(EVENT_OP_CODES[op], x, t)).toBe(want);
  });
});

describe("canonical JSON and plan hashes", () => {
  it("sorts keys, drops undefined, tags special numbers and typed arrays", () => {
    expect(canonicalJson({ b: 1, a: [1, undefined, "x"], c: undefined })).toBe('{"a":[1,null,"x"],"b":1}');
    expect(canonicalJson([NaN, Infinity, -Infinity, -0, 0.1])).toBe('["$NaN","$Infinity","$-Infinity","$-0",0.1]');
    expect(canonicalJson(Float64Array.from([1.5, 2]))).toBe('{"$type":"Float64Array","data":[1.5,2]}');
    expect(planHash({ x: 1, y: [1, 2] })).toBe(planHash({ y: [1, 2], x: 1 }));
    expect(planHash({ x: Float64Array.from([1, 2]) })).not.toBe(planHash({ x: [1, 2] }));
    expect(planHash({ x: 0.1 + 0.2 })).not.toBe(planHash({ x: 0.3 }));
  });

  it("refuses what is not plain data", () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function at f/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/Date at d is not plain data/);
    expect(() => canonicalJson({ m: new Map() })).toThrow(/not plain data/);
  });
});
