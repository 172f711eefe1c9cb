import { describe, expect, it } from "vitest";
import { bitsFromDifficulty, difficultyFromBits } from "../../../src/consensus/index.js";
import { DEFAULT_NETWORK } from "../../../src/model/calibration.js";
import { PROFILES } from "../../../src/model/miners/index.js";
import {
  DEFAULT_SWITCHES,
  createPathModel,
  defaultModelPlan,
  initialNetworkEh,
  namedMiningEhAtStart,
  validateModelPlan,
  type ModelPlan,
} from "../../../src/model/path/index.js";
import { allocatePathRecord } from "../../../src/model/path/index.js";
import { DAY, horizonDateAfter } from "./fixtures.js";

const START = Date.UTC(2026, 2, 1) / 1000;

describe("defaultModelPlan", () => {
  const plan = defaultModelPlan();

  it("starts at the March 2026 retarget: tip 941,471 (block 941,472 = 2016·467 opens the epoch), bits of 133 T", () => {
    expect(plan.startDate).toBe("2026-03-01");
    expect(plan.startTime).toBe(START);
    expect(plan.chain.startHeight).toBe(941_471);
    expect((plan.chain.startHeight + 1) % 2016).toBe(0);
    expect(plan.chain.startBits).toBe(bitsFromDifficulty(133e12));
    // The compact encoding keeps the difficulty within 2^-15 relative of 133 T.
    expect(Math.abs(difficultyFromBits(plan.chain.startBits) / 133e12 - 1)).toBeLessThan(2 ** -15);
  });

  it("runs through 2032-12-31 (horizon = 2033-01-01 00:00 UTC), with a weekly grid from the start", () => {
    expect(plan.horizon).toBe(Date.UTC(2033, 0, 1) / 1000);
    expect(plan.horizonDays).toBe((plan.horizon - START) / DAY);
    expect(plan.grid[0]).toBe(START);
    for (let g = 1; g < plan.grid.length; g++) expect(plan.grid[g]! - plan.grid[g - 1]!).toBe(7 * DAY);
    expect(plan.grid[plan.grid.length - 1]!).toBeLessThanOrEqual(plan.horizon);
    expect(plan.grid[plan.grid.length - 1]! + 7 * DAY).toBeGreaterThan(plan.horizon);
    // The 2028 halving (height 1,050,000) is ~108,528 blocks ≈ 754 days of 600 s after the start.
    const halvingDays = ((1_050_000 - plan.chain.startHeight) * 600) / DAY;
    expect(halvingDays).toBeLessThan(plan.horizonDays / 2);
  });

  it("the network is 950 EH/s at the start; with named miners the fleet runs the rest", () => {
    const all = plan;
    const none = defaultModelPlan({ miners: [] });
    expect(none.miners).toHaveLength(0);
    expect(none.fleet.initialRunningEh).toBeCloseTo(DEFAULT_NETWORK.initialHashrateEh, 9);
    expect(all.miners.map((m) => m.id)).toEqual(PROFILES.map((p) => p.id));
    const named = all.miners.reduce((s, m) => s + m.miningMw / m.jPerTh, 0);
    expect(namedMiningEhAtStart(all.miners)).toBeCloseTo(named, 12);
    expect(all.fleet.initialRunningEh).toBeCloseTo(950 - named, 9);
    expect(initialNetworkEh(all)).toBeCloseTo(950, 9);
    const two = defaultModelPlan({ miners: ["iren", "mara"] });
    expect(two.miners.map((m) => m.id)).toEqual(["iren", "mara"]);
    expect(initialNetworkEh(two)).toBeCloseTo(950, 9);
  });

  it("applies exitSpeed, overrides and switches", () => {
    const fast = defaultModelPlan({ miners: ["terawulf"], exitSpeed: 2, minerOverrides: { terawulf: { strategy: "hodl" } } });
    expect(fast.exitSpeed).toBe(2);
    expect(fast.miners[0]!.exitSpeed).toBe(2);
    expect(fast.miners[0]!.strategy.kind).toBe("hodl");
    const off = defaultModelPlan({ miners: [], switches: { minerSeries: false } });
    expect(off.switches).toEqual({ ...DEFAULT_SWITCHES, minerSeries: false });
  });

  it("rejects unknown miners and overrides of absent miners", () => {
    expect(() => defaultModelPlan({ miners: ["nope"] })).toThrow(/model plan: miners has no profile "nope"/);
    expect(() => defaultModelPlan({ miners: ["iren"], minerOverrides: { mara: {} } })).toThrow(/minerOverrides names "mara"/);
    expect(() => defaultModelPlan({ horizonDate: "2026-02-01" })).toThrow(/horizonDate/);
  });

  it("is plain data: a structured clone gives the same records", () => {
    const p = defaultModelPlan({ miners: ["iren", "riot"], horizonDate: horizonDateAfter(120) });
    const clone = structuredClone(p) as ModelPlan;
    const a = createPathModel(p);
    const b = createPathModel(clone);
    const ra = allocatePathRecord(a.layout);
    const rb = allocatePathRecord(b.layout);
    a.simulatePath(7, 3, ra);
    b.simulatePath(7, 3, rb);
    expect(Buffer.from(rb.series.buffer).equals(Buffer.from(ra.series.buffer))).toBe(true);
    expect(Buffer.from(rb.scalars.buffer).equals(Buffer.from(ra.scalars.buffer))).toBe(true);
    expect(Buffer.from(rb.epochs.buffer).equals(Buffer.from(ra.epochs.buffer))).toBe(true);
  });
});

describe("validateModelPlan names the bad field", () => {
  const base = defaultModelPlan({ miners: ["iren", "mara"], horizonDate: horizonDateAfter(60) });
  const cases: [string, (p: ModelPlan) => unknown, RegExp][] = [
    ["version", (p) => ({ ...p, version: 2 }), /model plan: version/],
    ["startDate", (p) => ({ ...p, startDate: "2026-02-30" }), /model plan: startDate/],
    ["startTime", (p) => ({ ...p, startTime: p.startTime + 1 }), /model plan: startTime/],
    ["horizonDays", (p) => ({ ...p, horizonDays: 0 }), /model plan: horizonDays/],
    ["horizon", (p) => ({ ...p, horizon: p.horizon + 5 }), /model plan: horizon /],
    ["engineMode", (p) => ({ ...p, engineMode: "turbo" }), /model plan: engineMode/],
    ["chain", (p) => ({ ...p, chain: { ...p.chain, startHeight: 941_000 } }), /model plan: chain .*epochFirstBlockTime/],
    ["chain bits", (p) => ({ ...p, chain: { ...p.chain, startBits: 0 } }), /model plan: chain .*startBits/],
    ["decisionEveryDays", (p) => ({ ...p, decisionEveryDays: 2.5 }), /model plan: decisionEveryDays/],
    ["exitSpeed", (p) => ({ ...p, exitSpeed: 0 }), /model plan: exitSpeed/],
    ["maxEpochs", (p) => ({ ...p, maxEpochs: 0 }), /model plan: maxEpochs/],
    ["grid type", (p) => ({ ...p, grid: Array.from(p.grid) }), /model plan: grid must be a Float64Array/],
    ["grid order", (p) => ({ ...p, grid: Float64Array.from([p.startTime, p.startTime]) }), /model plan: grid\[1\]/],
    ["grid midnight", (p) => ({ ...p, grid: Float64Array.from([p.startTime + 3600]) }), /model plan: grid\[0\] must be a 00:00 UTC/],
    ["grid range", (p) => ({ ...p, grid: Float64Array.from([p.horizon + DAY]) }), /model plan: grid\[0\] must lie/],
    ["bands", (p) => ({ ...p, efficiencyBandEdges: [19, 19] }), /model plan: efficiencyBandEdges\[1\]/],
    ["switches", (p) => ({ ...p, switches: { ...p.switches, minerSeries: 1 } }), /model plan: switches.minerSeries/],
    ["market", (p) => ({ ...p, market: { ...p.market, fees: { ...p.market.fees, meanBtc: -1 } } }), /model plan: market .*meanBtc/],
    [
      "peaks horizon",
      (p) => ({ ...p, market: { ...p.market, powerPeaks: { ...p.market.powerPeaks, horizonDays: 10 } } }),
      /model plan: market.powerPeaks.horizonDays/,
    ],
    [
      "fixed prices",
      (p) => ({ ...p, market: { ...p.market, price: { model: { kind: "fixed", prices: new Float64Array(10).fill(1) }, shocks: [] } } }),
      /model plan: market.price.model.prices/,
    ],
    ["fleet", (p) => ({ ...p, fleet: { ...p.fleet, maxCohorts: 1 } }), /model plan: fleet .*maxCohorts/],
    ["miner id twice", (p) => ({ ...p, miners: [p.miners[0], p.miners[0]] }), /model plan: miners\[1\].id "iren" appears twice/],
    ["reserved id", (p) => ({ ...p, miners: [{ ...p.miners[0], id: "network" }] }), /model plan: miners\[0\].id "network" is reserved/],
    ["bad id", (p) => ({ ...p, miners: [{ ...p.miners[0], id: "a/b" }] }), /model plan: miners\[0\].id/],
    ["miner J/TH", (p) => ({ ...p, miners: [{ ...p.miners[0], jPerTh: 0 }] }), /model plan: miners\[0\].jPerTh/],
  ];
  it.each(cases)("%s", (_name, mutate, message) => {
    expect(() => validateModelPlan(mutate(base) as ModelPlan)).toThrow(RangeError);
    expect(() => validateModelPlan(mutate(base) as ModelPlan)).toThrow(message);
  });
  it("accepts the base plan, and createPathModel validates", () => {
    expect(() => validateModelPlan(base)).not.toThrow();
    expect(() => createPathModel({ ...base, decisionEveryDays: 0 })).toThrow(/model plan: decisionEveryDays/);
  });
});
