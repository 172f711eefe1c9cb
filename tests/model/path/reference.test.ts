/**
 * The model path on the block-by-block reference engine gives the same network results in
 * distribution as on the fast engine (DESIGN.md §2: the reference engine is the oracle).
 * Small: 100-day paths, deterministic market, so the chain's timing is the only noise.
 */
import { describe, expect, it } from "vitest";
import { simulateModelPath, type ModelPlan } from "../../../src/model/path/index.js";
import { RecordReader, deterministicPlan, meanSe } from "./fixtures.js";

describe("reference engine", () => {
  it("epoch durations and the fourth retarget's difficulty agree with the fast engine (Welch, 4 SE)", () => {
    // A falling price so the fleet (and so the hashrate) moves during the path.
    const fast = deterministicPlan(100, (d) => 70_000 * (1 - 0.003 * d), { miners: [], fleet: { growth: { enabled: false } } });
    const reference: ModelPlan = { ...fast, engineMode: "reference" };
    const N = 48;
    const stats = (plan: ModelPlan) => {
      const d4: number[] = [];
      const dur: number[] = [];
      for (let path = 0; path < N; path++) {
        const { layout, record } = simulateModelPath(plan, "oracle", path);
        const r = new RecordReader(layout, record);
        d4.push(r.epochs("difficulty")[3]!);
        dur.push(r.epochs("duration")[2]!);
      }
      return { d4: meanSe(d4), dur: meanSe(dur) };
    };
    const f = stats(fast);
    const r = stats(reference);
    for (const k of ["d4", "dur"] as const) {
      const se = Math.hypot(f[k].se, r[k].se);
      expect(Math.abs(f[k].mean - r[k].mean)).toBeLessThan(4 * se);
      // Not vacuous: the retarget noise (1/√2015 ≈ 2.2% per epoch) is resolved, SE < 1%.
      expect(se / f[k].mean).toBeLessThan(0.01);
    }
    // The price fall shows: the fourth epoch's difficulty is below the start's 133 T.
    expect(f.d4.mean).toBeLessThan(133);
  });
});
