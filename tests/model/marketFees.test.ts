/** Fees per block: weekly lognormal levels with the given mean, and the spike regime. */
import { describe, expect, it } from "vitest";
import { DEFAULT_FEES } from "../../src/model/calibration.js";
import { createFeeState, feesUpdate, nextFeeChangeDay, resetFees, validateFeePlan } from "../../src/model/market/index.js";
import type { FeePlan } from "../../src/model/market/index.js";
import { createRng } from "../../src/random/index.js";
import { mean, variance } from "../helpers/stats.js";

const K = 5;

describe("fees", () => {
  it("weekly levels are lognormal with the configured mean and σ_log (spikes off)", () => {
    const plan: FeePlan = { ...DEFAULT_FEES, spikeRatePerYear: 0 };
    const s = createFeeState(plan);
    const rng = createRng("fees");
    resetFees(s, plan, rng);
    const weeks = 50_000;
    const levels = new Float64Array(weeks);
    const logs = new Float64Array(weeks);
    for (let w = 0; w < weeks; w++) {
      const f = feesUpdate(s, w * 7, rng);
      levels[w] = f;
      logs[w] = Math.log(f);
    }
    const m = plan.meanBtc;
    const sdLevel = m * Math.sqrt(Math.expm1(plan.sigmaLog ** 2));
    expect(Math.abs(mean(levels) - m)).toBeLessThan((K * sdLevel) / Math.sqrt(weeks));
    const v = plan.sigmaLog ** 2;
    expect(Math.abs(variance(logs) - v)).toBeLessThan(K * v * Math.sqrt(2 / (weeks - 1)));
    expect(s.spikeCount).toBe(0);
  });

  it("is piecewise constant between change days and draws nothing in between", () => {
    const plan: FeePlan = { ...DEFAULT_FEES, spikeRatePerYear: 0 };
    const s = createFeeState(plan);
    const rng = createRng("pc");
    resetFees(s, plan, rng);
    const f0 = s.feesBtcPerBlock;
    for (let d = 0; d < 7; d++) expect(feesUpdate(s, d, rng)).toBe(f0);
    expect(nextFeeChangeDay(s)).toBe(7);
    const witness = createRng("pc");
    resetFees(createFeeState(plan), plan, witness); // same draws as the reset above
    expect(rng.double()).toBe(witness.double()); // the loop above consumed nothing
  });

  it("spikes arrive at the configured rate (outside spikes), last their duration, and have the spike mean", () => {
    const plan: FeePlan = { ...DEFAULT_FEES, spikeRatePerYear: 5, spikeDurationDays: 14, drawIntervalDays: 7 };
    const s = createFeeState(plan);
    const rng = createRng("spikes");
    resetFees(s, plan, rng);
    const days = 20_000 * 365;
    let daysInSpike = 0;
    const spikeLevels: number[] = [];
    // Step through change points only (event-driven), accumulating time in spikes.
    let t = 0;
    while (t < days) {
      const next = Math.min(nextFeeChangeDay(s), days);
      if (s.inSpike) daysInSpike += next - t;
      t = next;
      feesUpdate(s, t, rng);
      if (s.inSpike) spikeLevels.push(s.feesBtcPerBlock); // a draw made inside a spike
    }
    const outsideYears = (days - daysInSpike) / 365;
    const expected = plan.spikeRatePerYear * outsideYears;
    expect(Math.abs(s.spikeCount - expected)).toBeLessThan(K * Math.sqrt(expected));
    // Each spike lasts exactly its duration (the last one may be cut by the horizon).
    expect(Math.abs(daysInSpike - s.spikeCount * plan.spikeDurationDays)).toBeLessThanOrEqual(plan.spikeDurationDays);
    const sdLevel = plan.spikeMeanBtc * Math.sqrt(Math.expm1(plan.spikeSigmaLog ** 2));
    expect(Math.abs(mean(spikeLevels) - plan.spikeMeanBtc)).toBeLessThan((K * sdLevel) / Math.sqrt(spikeLevels.length));
  });

  it("validates its plan", () => {
    expect(() => validateFeePlan({ ...DEFAULT_FEES, meanBtc: -1 })).toThrow(/meanBtc/);
    expect(() => validateFeePlan({ ...DEFAULT_FEES, drawIntervalDays: 0 })).toThrow(/drawIntervalDays/);
  });
});
