/**
 * The named miners' hashrate the kernel puts on the chain is always the sum of every miner's
 * PH/s from its current mining MW. The kernel keeps each miner's PH/s and re-reads it only
 * when the miner's `miningMwChanged` flag is set (kernel.ts act; capacity.ts moveMw and
 * resetMiner set it), so a write to the mining MW that bypassed the flag would leave the
 * network hashrate stale without failing anything else. Checked at every daily tick of
 * full-model paths with the stochastic market (shutdowns, restarts, contract starts and
 * defaults all move mining MW), against the sum recomputed from scratch, bit for bit.
 */
import { describe, expect, it } from "vitest";
import { MINING } from "../../../src/model/miners/index.js";
import { ModelKernel, allocatePathRecord, defaultModelPlan, type ModelTracer } from "../../../src/model/path/index.js";
import { horizonDateAfter } from "./fixtures.js";

describe("named hashrate", () => {
  it("equals the sum of every miner's PH/s from its mining MW at every daily tick, bit for bit", () => {
    const plan = defaultModelPlan({ miners: "all", horizonDate: horizonDateAfter(3 * 365) });
    const kernel = new ModelKernel(plan);
    let ticks = 0;
    let changes = 0;
    let last = NaN;
    const stale: string[] = [];
    const tracer: ModelTracer = {
      daily: (k, day) => {
        let fresh = 0;
        for (const m of k.miners) fresh += (m.mw[MINING]! * 1000) / m.spec.jPerTh;
        if (!Object.is(k.namedPh, fresh) && stale.length < 5) stale.push(`day ${day}: ${k.namedPh} PH/s applied, ${fresh} from the MW`);
        if (k.namedPh !== last) changes++;
        last = k.namedPh;
        ticks++;
      },
      hashprice: () => {},
      minerActed: () => {},
      window: () => {},
    };
    kernel.setTracers(null, tracer);
    for (let path = 0; path < 4; path++) {
      last = NaN;
      kernel.simulate("named-hashrate", path, allocatePathRecord(kernel.layout));
    }
    expect(stale).toEqual([]);
    expect(ticks).toBe(4 * plan.horizonDays);
    // Not vacuous: the named hashrate moved many times on these paths (conversions to AI,
    // economic shutdowns and restarts), beyond the first tick of each path.
    expect(changes).toBeGreaterThan(4 * 10);
  });
});
