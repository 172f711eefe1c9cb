import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCohort,
  createCohorts,
  createSupplyCurve,
  marginalBreakevenForRunningEh,
  normalCdf,
  normalQuantile,
  powerMwForRunningEh,
  rebuildSupplyCurve,
  removeCohort,
  scaleCohorts,
  supplyCurveRemoveCohort,
  supplyCurveScale,
  supplyCurveUpdateCohort,
  supplyEhAt,
  supplyMwAt,
} from "../../src/model/fleet/index.js";
import type { CohortSpec } from "../../src/model/fleet/index.js";
import { normalCdf as referenceNormalCdf } from "../helpers/stats.js";

/** Brute force: EH/s and MW of every cohort whose breakeven band is at or below hp. */
function bruteSupply(cohorts: readonly CohortSpec[], hp: number): { eh: number; mw: number } {
  let eh = 0;
  let mw = 0;
  for (const c of cohorts) {
    const lo = 0.024 * c.jPerTh * c.powerCostLo;
    const hi = 0.024 * c.jPerTh * c.powerCostHi;
    const frac = hi > lo ? Math.min(1, Math.max(0, (hp - lo) / (hi - lo))) : hp >= lo ? 1 : 0;
    eh += c.installedEh * frac;
    mw += c.installedEh * frac * c.jPerTh;
  }
  return { eh, mw };
}

// Realistic magnitudes (no subnormal EH/s or costs): hashrate 0 or ≥ 1 PH/s.
const cohortArb = fc.record({
  jPerTh: fc.double({ min: 5, max: 100, noNaN: true }),
  installedEh: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 300, noNaN: true })),
  powerCostLo: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 150, noNaN: true })),
  width: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 80, noNaN: true })),
});

function build(specs: readonly { jPerTh: number; installedEh: number; powerCostLo: number; width: number }[]) {
  const cohorts: CohortSpec[] = specs.map((s) => ({
    jPerTh: s.jPerTh,
    installedEh: s.installedEh,
    powerCostLo: s.powerCostLo,
    powerCostHi: s.powerCostLo + s.width,
  }));
  const table = createCohorts(Math.max(1, cohorts.length));
  for (const c of cohorts) addCohort(table, c.jPerTh, c.installedEh, c.powerCostLo, c.powerCostHi, -1);
  const curve = createSupplyCurve(table.capacity);
  rebuildSupplyCurve(curve, table);
  return { cohorts, table, curve };
}

describe("supply curve", () => {
  it("matches a brute-force sum over cohorts at any hashprice (bands and point costs)", () => {
    fc.assert(
      fc.property(fc.array(cohortArb, { minLength: 0, maxLength: 30 }), fc.array(fc.double({ min: -5, max: 500, noNaN: true }), { minLength: 1, maxLength: 20 }), (specs, hps) => {
        const { cohorts, curve } = build(specs);
        const total = cohorts.reduce((s, c) => s + c.installedEh, 0);
        for (const hp of hps) {
          const ref = bruteSupply(cohorts, hp);
          const tol = 1e-9 * (1 + total * 200);
          if (Math.abs(supplyEhAt(curve, hp) - ref.eh) > tol) return false;
          if (Math.abs(supplyMwAt(curve, hp) - ref.mw) > tol * 100) return false;
        }
        return Math.abs(supplyEhAt(curve, Infinity) - total) <= 1e-9 * (1 + total);
      }),
      { numRuns: 300 },
    );
  });

  it("is non-decreasing in hashprice", () => {
    fc.assert(
      fc.property(fc.array(cohortArb, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (specs, a, d) => {
        const { curve } = build(specs);
        return supplyEhAt(curve, a + d) >= supplyEhAt(curve, a) - 1e-9;
      }),
    );
  });

  it("reads power and marginal breakeven of a running hashrate in merit order", () => {
    fc.assert(
      fc.property(fc.array(cohortArb, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 400, noNaN: true }), (specs, hp) => {
        const { curve } = build(specs);
        const r = supplyEhAt(curve, hp);
        const mw = powerMwForRunningEh(curve, r);
        const ref = supplyMwAt(curve, hp);
        if (Math.abs(mw - ref) > 1e-6 * (1 + ref)) return false;
        // The marginal breakeven of r never exceeds hp and reproduces r when read back.
        const be = marginalBreakevenForRunningEh(curve, r);
        return be <= hp + 1e-9 && supplyEhAt(curve, be) >= r - 1e-6 * (1 + r);
      }),
    );
  });

  it("a point-cost cohort runs exactly from its breakeven (hashprice ≥ 0.024·e·c)", () => {
    const { curve } = build([{ jPerTh: 20, installedEh: 100, powerCostLo: 50, width: 0 }]);
    const be = 0.024 * 20 * 50;
    expect(supplyEhAt(curve, be - 1e-9)).toBe(0);
    expect(supplyEhAt(curve, be)).toBe(100);
    // Half of the step: power is half of 100 EH/s × 20 J/TH = 2,000 MW.
    expect(powerMwForRunningEh(curve, 50)).toBeCloseTo(1000, 9);
  });

  it("empty curve and NaN hashprice give 0", () => {
    const { curve } = build([]);
    expect(supplyEhAt(curve, 50)).toBe(0);
    expect(powerMwForRunningEh(curve, 10)).toBe(0);
    const { curve: c2 } = build([{ jPerTh: 20, installedEh: 100, powerCostLo: 40, width: 10 }]);
    expect(supplyEhAt(c2, NaN)).toBe(0);
  });

  it("incremental updates (add/merge, remove, scale) match a full rebuild", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), c: cohortArb }),
      fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("scale" as const), factor: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const t = createCohorts(64);
        const inc = createSupplyCurve(64);
        const full = createSupplyCurve(64);
        for (const o of ops) {
          if (o.kind === "add") {
            // Few distinct bands and efficiencies so that merges happen.
            const lo = Math.round(o.c.powerCostLo / 50) * 50;
            const j = Math.round(o.c.jPerTh / 10) * 10 + 5;
            const k = addCohort(t, j, o.c.installedEh, lo, lo + (o.c.width > 0 ? 20 : 0), 0.02);
            supplyCurveUpdateCohort(inc, t, k);
          } else if (o.kind === "remove") {
            if (t.n === 0) continue;
            const i = o.at % t.n;
            supplyCurveRemoveCohort(inc, i, removeCohort(t, i));
          } else {
            scaleCohorts(t, o.factor);
            supplyCurveScale(inc, o.factor);
          }
          rebuildSupplyCurve(full, t);
          const total = full.totalEh;
          if (Math.abs(inc.totalEh - total) > 1e-9 * (1 + total)) return false;
          for (let hp = 0; hp <= 200; hp += 3.7) {
            if (Math.abs(supplyEhAt(inc, hp) - supplyEhAt(full, hp)) > 1e-9 * (1 + total)) return false;
            if (Math.abs(supplyMwAt(inc, hp) - supplyMwAt(full, hp)) > 1e-7 * (1 + full.totalMw)) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it("cohort table: merging keeps power (EH × J/TH) and removal keeps the others", () => {
    const t = createCohorts(4);
    addCohort(t, 10, 30, 37, 50, 0.02);
    const i = addCohort(t, 10.1, 10, 37, 50, 0.02); // within 2%: merges
    expect(t.n).toBe(1);
    expect(i).toBe(0);
    expect(t.eh[0]).toBeCloseTo(40, 12);
    expect(t.eh[0]! * t.jPerTh[0]!).toBeCloseTo(30 * 10 + 10 * 10.1, 9);
    addCohort(t, 12, 5, 37, 50, 0.02); // 20% away: new cohort
    addCohort(t, 10, 5, 30, 50, 0.02); // other band: new cohort
    expect(t.n).toBe(3);
    removeCohort(t, 0);
    expect(t.n).toBe(2);
    expect(Array.from(t.eh.subarray(0, 2)).sort((a, b) => a - b)).toEqual([5, 5]);
  });
});

describe("normal distribution helpers (used to band the power-cost lognormal)", () => {
  it("Φ⁻¹ gives the textbook quantiles", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it("Φ agrees with an independent implementation (tests/helpers/stats.ts) and inverts Φ⁻¹", () => {
    for (let z = -8; z <= 8; z += 0.37) {
      expect(Math.abs(normalCdf(z) - referenceNormalCdf(z))).toBeLessThan(1e-14);
    }
    for (const p of [1e-6, 0.01, 0.1, 0.3, 0.5, 0.77, 0.99, 1 - 1e-6]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14);
    }
  });
});
