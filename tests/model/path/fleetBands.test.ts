/** The fleet query added for the model's hashrate-by-efficiency-band series (fleet/fleetQueries.ts). */
import { describe, expect, it } from "vitest";
import {
  addCohort,
  copyCohorts,
  copySupplyCurve,
  createFleetState,
  defaultFleetPlan,
  efficiencyBandOf,
  fleetDailyUpdate,
  fleetEhByEfficiencyBand,
  fleetInstalledEh,
  fleetRunningPowerMw,
  removeCohort,
  scaleCohorts,
  supplyCurveRemoveCohort,
  supplyCurveScale,
  supplyCurveUpdateCohort,
  type FleetState,
} from "../../../src/model/fleet/index.js";

const EDGES = Float64Array.from([19, 25, 38]);
const REWARD = 3.145;
const D0 = 133e12;

function bands(f: FleetState): { run: Float64Array; inst: Float64Array } {
  const run = new Float64Array(4);
  const inst = new Float64Array(4);
  fleetEhByEfficiencyBand(f, EDGES, run, inst);
  return { run, inst };
}

/** Power of all installed hardware, MW (Σ EH/s × J/TH over cohorts). */
function installedMw(f: FleetState): number {
  let mw = 0;
  const c = f.cohorts;
  for (let i = 0; i < c.n; i++) mw += c.eh[i]! * c.jPerTh[i]!;
  return mw;
}

describe("efficiencyBandOf", () => {
  it("puts J/TH into Luxor's tiers <19, 19–25, 25–38, ≥38", () => {
    expect([12.5, 18.99, 19, 24.9, 25, 29.5, 37.99, 38, 60].map((j) => efficiencyBandOf(j, EDGES))).toEqual([0, 0, 1, 1, 2, 2, 2, 3, 3]);
  });
});

describe("fleetEhByEfficiencyBand", () => {
  it("installed bands sum to the installed total; running bands to the running EH/s, never above installed", () => {
    const f = createFleetState(defaultFleetPlan());
    let day = 0;
    for (const price of [70_000, 40_000, 20_000, 150_000]) {
      for (let d = 0; d < 60; d++) fleetDailyUpdate(f, day++, price, REWARD, D0);
      const { run, inst } = bands(f);
      expect(inst.reduce((s, x) => s + x, 0)).toBeCloseTo(fleetInstalledEh(f), 9);
      expect(run.reduce((s, x) => s + x, 0)).toBeCloseTo(f.runningEh, 9);
      for (let b = 0; b < 4; b++) expect(run[b]!).toBeLessThanOrEqual(inst[b]! * (1 + 1e-12));
    }
  });

  it("the running bands imply the power fleetRunningPowerMw reads off the supply curve (merit order)", () => {
    const f = createFleetState(defaultFleetPlan());
    // Move the fleet off its start so the lagged aggregate sits inside cost bands.
    for (let d = 0; d < 20; d++) fleetDailyUpdate(f, d, 45_000, REWARD, D0);
    // Per class: the default mix has 12.5 and 16.5 J/TH in band 0 and 29.5 in band 2, so
    // recompute per J/TH with one-class edges to check the power identity.
    const perClassEdges = Float64Array.from([14, 20]); // 12.5 | 16.5 | 29.5
    const run = new Float64Array(3);
    const inst = new Float64Array(3);
    fleetEhByEfficiencyBand(f, perClassEdges, run, inst);
    const mw = run[0]! * 12.5 + run[1]! * 16.5 + run[2]! * 29.5;
    expect(mw / fleetRunningPowerMw(f)).toBeCloseTo(1, 9);
    // Least efficient first: at $45k the 29.5 J/TH class runs a smaller share than 12.5 J/TH.
    expect(run[2]! / inst[2]!).toBeLessThan(run[0]! / inst[0]!);
    expect(installedMw(f)).toBeGreaterThan(mw); // part of the fleet is idle at $45k
  });

  it("all installed hardware runs when the aggregate is at the installed total; an offline share scales running", () => {
    const f = createFleetState(defaultFleetPlan({ events: [{ label: "storm", startDay: 250, shareOffline: 0.25, endDay: 300 }] }));
    // The up lag (τ 7 days) closes the gap to installed to e^(−250/7) ≈ 3e-16.
    for (let d = 0; d < 250; d++) fleetDailyUpdate(f, d, 1e7, REWARD, D0);
    let { run, inst } = bands(f);
    expect(f.runningEh / fleetInstalledEh(f)).toBeGreaterThan(1 - 1e-9);
    for (let b = 0; b < 4; b++) expect(run[b]!).toBeCloseTo(inst[b]!, 6);
    fleetDailyUpdate(f, 250, 1e7, REWARD, D0);
    ({ run, inst } = bands(f));
    for (let b = 0; b < 4; b++) expect(run[b]!).toBeCloseTo(0.75 * inst[b]!, 6);
  });

  it("a single-cost cohort at the margin takes the remainder pro rata", () => {
    const f = createFleetState({
      ...defaultFleetPlan(),
      cohorts: [
        { jPerTh: 15, installedEh: 100, powerCostLo: 40, powerCostHi: 40 },
        { jPerTh: 30, installedEh: 100, powerCostLo: 20, powerCostHi: 20 },
      ],
      initialRunningEh: 150,
    });
    // Both cohorts break even at 0.024·15·40 = 0.024·30·20 = 14.4 $/PH/day: x* is shared.
    const { run, inst } = bands(f);
    expect(inst[0]).toBe(100);
    expect(inst[2]).toBe(100);
    expect(run[0]).toBeCloseTo(75, 9);
    expect(run[2]).toBeCloseTo(75, 9);
  });

  it("any number of bands, on one state alternating between edge sets: installed per band as summed cohort by cohort, running summing to the running EH/s", () => {
    const f = createFleetState(defaultFleetPlan());
    for (let d = 0; d < 20; d++) fleetDailyUpdate(f, d, 45_000, REWARD, D0);
    const before = bands(f);
    // 40 bands: more than the cache's first array holds (it grows).
    const fine = Float64Array.from({ length: 39 }, (_, i) => 8 + i * 0.75);
    const run = new Float64Array(40);
    const inst = new Float64Array(40);
    fleetEhByEfficiencyBand(f, fine, run, inst);
    const want = new Float64Array(40);
    const c = f.cohorts;
    for (let i = 0; i < c.n; i++) {
      const b = efficiencyBandOf(c.jPerTh[i]!, fine);
      want[b] = want[b]! + c.eh[i]!;
    }
    expect(Array.from(inst)).toEqual(Array.from(want));
    expect(new Set(Array.from(inst).map((x, b) => (x > 0 ? b : -1))).size).toBeGreaterThan(3); // spread over several bands
    const sum = run.reduce((a, x) => a + x, 0);
    expect(sum / f.runningEh).toBeCloseTo(1, 9);
    for (let b = 0; b < 40; b++) expect(run[b]!).toBeLessThanOrEqual(inst[b]! * (1 + 1e-12));
    // Back to the four bands: the same bits as before the fine query.
    const again = bands(f);
    expect(Array.from(again.inst)).toEqual(Array.from(before.inst));
    expect(Array.from(again.run)).toEqual(Array.from(before.run));
  });

  it("throws on short output arrays", () => {
    const f = createFleetState(defaultFleetPlan());
    expect(() => fleetEhByEfficiencyBand(f, EDGES, new Float64Array(3), new Float64Array(4))).toThrow(RangeError);
  });

  it("follows every change of the cohorts (its cache is refreshed): the same bits as a state that never queried", () => {
    const f = createFleetState(defaultFleetPlan({}));
    fleetDailyUpdate(f, 1, 70_000, REWARD, D0);
    const fresh = (): { run: Float64Array; inst: Float64Array } => {
      // A state that has never been queried, with f's cohorts, curve and running EH/s.
      const g = createFleetState(defaultFleetPlan({}));
      copyCohorts(g.cohorts, f.cohorts);
      copySupplyCurve(g.curve, f.curve);
      g.economicEh = f.economicEh;
      g.offlineShare = f.offlineShare;
      return bands(g);
    };
    const c = f.cohorts;
    const changes: (() => void)[] = [
      () => supplyCurveUpdateCohort(f.curve, c, addCohort(c, 10.5, 40, 37, 50, 0.02)), // a new cohort
      () => supplyCurveUpdateCohort(f.curve, c, addCohort(c, 10.6, 5, 37, 50, 0.02)), // merged into it
      () => supplyCurveRemoveCohort(f.curve, 0, removeCohort(c, 0)),
      () => {
        scaleCohorts(c, 0.8);
        supplyCurveScale(f.curve, 0.8);
      },
    ];
    for (const change of changes) {
      bands(f); // fills the cache
      change();
      const got = bands(f);
      const want = fresh();
      expect(Array.from(got.inst)).toEqual(Array.from(want.inst));
      expect(Array.from(got.run)).toEqual(Array.from(want.run));
    }
  });
});
