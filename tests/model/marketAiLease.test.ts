/** AI lease rates for new contracts: deterministic drift and the optional common noise. */
import { describe, expect, it } from "vitest";
import { DEFAULT_AI_LEASE } from "../../src/model/calibration.js";
import { aiLeaseUpdate, createAiLeaseState, resetAiLease, validateAiLeasePlan } from "../../src/model/market/index.js";
import { createRng } from "../../src/random/index.js";
import { mean, variance } from "../helpers/stats.js";

const K = 5;

describe("AI lease rates", () => {
  it("start at CALIBRATION (3) values and drift at the configured rate per year, revised monthly", () => {
    const plan = { ...DEFAULT_AI_LEASE, driftPerYear: 0.05 };
    const s = createAiLeaseState(plan);
    const rng = createRng("lease");
    expect(s.coloUsdPerItMwYear).toBe(1_800_000);
    expect(s.gpuUsdPerItMwYear).toBe(9_700_000);
    aiLeaseUpdate(s, 29, rng);
    expect(s.coloUsdPerItMwYear).toBe(1_800_000);
    aiLeaseUpdate(s, 365, rng);
    expect(s.coloUsdPerItMwYear).toBeCloseTo(1_800_000 * Math.pow(1.05, 360 / 365), 4);
    expect(s.gpuUsdPerItMwYear / s.coloUsdPerItMwYear).toBeCloseTo(9.7 / 1.8, 12);
    expect(s.nextUpdateDay).toBe(390);
  });

  it("noise: log rate after t is N(drift·t, σ²·t) (a Gaussian random walk)", () => {
    const sigma = 0.2;
    const plan = { ...DEFAULT_AI_LEASE, noiseSigmaPerYear: sigma };
    const s = createAiLeaseState(plan);
    const rng = createRng("lease-noise");
    const paths = 20_000;
    const logs = new Float64Array(paths);
    for (let p = 0; p < paths; p++) {
      resetAiLease(s, plan);
      aiLeaseUpdate(s, 720, rng);
      logs[p] = Math.log(s.coloUsdPerItMwYear / plan.coloUsdPerItMwYear);
    }
    const v = sigma * sigma * (720 / 365);
    expect(Math.abs(mean(logs))).toBeLessThan(K * Math.sqrt(v / paths));
    expect(Math.abs(variance(logs) - v)).toBeLessThan(K * v * Math.sqrt(2 / (paths - 1)));
  });

  it("validates its plan", () => {
    expect(() => validateAiLeasePlan({ ...DEFAULT_AI_LEASE, driftPerYear: -1 })).toThrow(/driftPerYear/);
    expect(() => validateAiLeasePlan({ ...DEFAULT_AI_LEASE, updateIntervalDays: 0 })).toThrow(/updateIntervalDays/);
  });
});
