/**
 * plan.json (src/results/plan-file.ts): the exact plan round-trips — typed arrays, NaN,
 * ±Infinity, −0, nested objects — with the same plan hash; the full model's default plan
 * round-trips and simulates the same path; a tampered plan is refused; the manifest's
 * readable form shows typed arrays as plain arrays.
 */
import { describe, expect, it } from "vitest";
import { planHash } from "../../src/montecarlo/index.js";
import { allocatePathRecord, createPathModel, defaultModelPlan } from "../../src/model/path/index.js";
import { ResultError, planFromJson, planJson, readablePlan } from "../../src/results/index.js";

const tricky = {
  grid: Float64Array.from([1.5, NaN, -0, Infinity, -Infinity, 2 ** -1074]),
  ints: Int32Array.from([-3, 7]),
  nested: { never: Infinity, list: [1, "two", null, { deep: -0 }], flag: true },
  text: "toString",
  special: "$NaN-lookalike",
};

describe("plan.json", () => {
  it("round-trips typed arrays, special numbers and nesting exactly, with the same hash", () => {
    const text = planJson(tricky);
    const back = planFromJson(text, planHash(tricky)) as typeof tricky;
    expect(back.grid).toBeInstanceOf(Float64Array);
    expect(back.ints).toBeInstanceOf(Int32Array);
    expect(Array.from(back.grid).map((x) => (Object.is(x, -0) ? "-0" : String(x)))).toEqual(["1.5", "NaN", "-0", "Infinity", "-Infinity", "5e-324"]);
    expect(back.nested.never).toBe(Infinity);
    expect(Object.is(back.nested.list[3] && (back.nested.list[3] as { deep: number }).deep, -0)).toBe(true);
    expect(back.text).toBe("toString");
    expect(planJson(back)).toBe(text);
  });

  it("round-trips the full model's plan: same hash, same path", () => {
    const plan = defaultModelPlan({ miners: ["mara"], horizonDate: "2026-05-31" });
    const back = planFromJson(planJson(plan), planHash(plan)) as typeof plan;
    const a = allocatePathRecord(createPathModel(plan).layout);
    const b = allocatePathRecord(createPathModel(back).layout);
    createPathModel(plan).simulatePath("plan-file", 3, a);
    createPathModel(back).simulatePath("plan-file", 3, b);
    expect(Buffer.from(b.series.buffer)).toEqual(Buffer.from(a.series.buffer));
    expect(Buffer.from(b.scalars.buffer)).toEqual(Buffer.from(a.scalars.buffer));
  });

  it("refuses a plan that does not hash to the run's plan hash, and text that is not JSON", () => {
    const text = planJson(tricky).replace("1.5", "1.25");
    const err = (() => {
      try {
        planFromJson(text, planHash(tricky));
      } catch (e) {
        return e as ResultError;
      }
      return null;
    })();
    expect(err?.code).toBe("CHECKSUM_MISMATCH");
    expect(() => planFromJson("{", undefined)).toThrow(ResultError);
  });

  it("shows typed arrays as plain arrays in the manifest's readable form", () => {
    expect(readablePlan(tricky)).toEqual({
      grid: [1.5, "$NaN", "$-0", "$Infinity", "$-Infinity", 5e-324],
      ints: [-3, 7],
      nested: { flag: true, list: [1, "two", null, { deep: "$-0" }], never: "$Infinity" },
      special: "$NaN-lookalike",
      text: "toString",
    });
  });
});
