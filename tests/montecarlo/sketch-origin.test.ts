/**
 * FieldSpec.origin: the sketch holds value − origin, so a date in unix seconds keeps its
 * quantiles to within the relative accuracy of the time since the origin (~800 days → ±4
 * days at 0.5%), not of the raw unix time (~1.8e9 s → ±100 days).
 */
import { describe, expect, it } from "vitest";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { SKETCH_RELATIVE_ACCURACY } from "../../src/montecarlo/sketch-mapping.js";
import { START, createPathModel } from "./fixtures/date-model.js";
import { type7 } from "./helpers.js";

const URL_ = new URL("./fixtures/date-model.js", import.meta.url).href;
const PATHS = 640;
const SEED = "origin";
const DAY = 86400;

async function quantilesWith(origin: boolean) {
  const r = await runMonteCarlo({ model: URL_, plan: { origin }, seed: SEED, paths: PATHS, workers: 0 });
  return r.summary!.scalars[0]!.stats;
}

describe("sketch origin (FieldSpec.origin)", () => {
  it("keeps date quantiles within the relative accuracy of the time since the origin", async () => {
    const model = createPathModel({ origin: true });
    const out = { grid: model.layout.grid, series: new Float64Array(0), scalars: new Float64Array(1), epochs: new Float64Array(0) };
    const values: number[] = [];
    for (let i = 0; i < PATHS; i++) {
      model.simulatePath(SEED, i, out);
      values.push(out.scalars[0]!);
    }
    values.sort((a, b) => a - b);
    const withOrigin = await quantilesWith(true);
    const without = await quantilesWith(false);
    const levels = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
    const keys = ["p05", "p25", "p50", "p75", "p95"] as const;
    let worstWithout = 0;
    levels.forEach((q, k) => {
      const exact = type7(values, q).value;
      // The bound of the sketch, applied to the distance from the origin (plus rounding).
      const bound = SKETCH_RELATIVE_ACCURACY * (exact - START) + 1e-6 * DAY;
      expect(Math.abs(withOrigin[keys[k]!] - exact)).toBeLessThanOrEqual(bound);
      worstWithout = Math.max(worstWithout, Math.abs(without[keys[k]!] - exact));
    });
    // Without the origin the same data lose days: the test can tell the two apart.
    expect(worstWithout).toBeGreaterThan(5 * DAY);
    // Means, min and max do not depend on the origin.
    expect(withOrigin.mean).toBe(without.mean);
    expect(withOrigin.min).toBe(values[0]);
    expect(withOrigin.max).toBe(values[PATHS - 1]);
  });
});
