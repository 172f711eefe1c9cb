/**
 * Grid semantics (layout.ts): levels are the state at 00:00 UTC of each grid date after
 * that instant's events; flows are sums over the interval ending at the date.
 */
import { describe, expect, it } from "vitest";
import { revenuePerPhDayAtDifficulty } from "../../../src/model/units.js";
import { ModelKernel, allocatePathRecord, regularGrid, simulateModelPath, type ModelPlan } from "../../../src/model/path/index.js";
import { DAY, RecordReader, deterministicPlan } from "./fixtures.js";

describe("grid semantics", () => {
  it("levels: the price, fees, difficulty and hashprice in force at the grid date", () => {
    const plan = deterministicPlan(364, (d) => 50_000 + 10 * d, { miners: [] });
    const { layout, record } = simulateModelPath(plan, "grid", 0);
    const r = new RecordReader(layout, record);
    const price = r.series("network", "btcPrice");
    const fees = r.series("network", "fees");
    const d = r.series("network", "difficulty");
    const hp = r.series("network", "hashprice");
    for (let g = 0; g < layout.grid.length; g++) {
      const day = (layout.grid[g]! - plan.startTime) / DAY;
      // The last grid date is the horizon (day 364): no tick runs there, day 363's price holds.
      expect(price[g]).toBe(50_000 + 10 * Math.min(day, plan.horizonDays - 1));
      expect(fees[g]).toBeCloseTo(0.02, 12); // σ_log 0: the mean
      expect(hp[g]! / revenuePerPhDayAtDifficulty(price[g]!, 3.125 + fees[g]!, d[g]! * 1e12)).toBeCloseTo(1, 12);
    }
    expect(layout.grid[layout.grid.length - 1]).toBe(plan.horizon);
  });

  it("recording does not perturb a network-only path: levels on two grids agree at common dates", () => {
    const weekly = deterministicPlan(420, (d) => 70_000 * Math.exp(0.001 * d), { miners: [] });
    const tenDays: ModelPlan = { ...weekly, grid: regularGrid(weekly.startTime, weekly.horizonDays, 10) };
    const ra = simulateModelPath(weekly, "grid", 2);
    const rb = simulateModelPath(tenDays, "grid", 2);
    const a = new RecordReader(ra.layout, ra.record);
    const b = new RecordReader(rb.layout, rb.record);
    let common = 0;
    for (let day = 0; day <= 420; day += 70) {
      const ga = a.gridIndexOfDay(day);
      const gb = b.gridIndexOfDay(day);
      for (const m of ["hashrate", "difficulty", "hashprice", "runningEh25to38", "installedEhBelow19"]) {
        expect(b.series("network", m)[gb]).toBe(a.series("network", m)[ga]);
      }
      common++;
    }
    expect(common).toBe(7);
  });

  it("flows: weekly EBITDA and revenues sum to the path totals when the last grid date is the horizon", () => {
    const plan = deterministicPlan(364, (d) => 70_000 + 30 * d, { miners: ["iren", "riot", "terawulf"], powerPeaks: { enabled: true } });
    const kernel = new ModelKernel(plan);
    const record = allocatePathRecord(kernel.layout);
    kernel.simulate("flows", 1, record);
    const r = new RecordReader(kernel.layout, record);
    let aiChecked = 0;
    let drChecked = 0;
    for (const m of kernel.miners) {
      const id = m.spec.id;
      const sum = (metric: string): number => r.series(id, metric).reduce((s, x, g) => (g === 0 ? s : s + x), 0);
      expect(Number.isNaN(r.series(id, "ebitda")[0]!)).toBe(true); // no interval ends at grid[0]
      expect(sum("ebitda") / r.scalar(id, "cumulativeEbitda")).toBeCloseTo(1, 9);
      const l = m.ledger;
      expect(sum("miningRevenue") / l.miningRevenueUsd).toBeCloseTo(1, 9);
      if (l.coloRevenueUsd + l.gpuRevenueUsd > 0) {
        aiChecked++;
        expect(sum("aiRevenue") / (l.coloRevenueUsd + l.gpuRevenueUsd)).toBeCloseTo(1, 9);
      }
      const dr = l.ersCreditUsd + l.fourCpCreditUsd + l.resaleCreditUsd;
      if (dr > 0) {
        drChecked++;
        expect(sum("drCredits") / dr).toBeCloseTo(1, 9);
      }
      // The last grid date (the horizon) is the state at the horizon.
      const last = plan.grid.length - 1;
      expect(r.series(id, "treasuryBtc")[last]).toBe(m.treasuryBtc);
      expect(r.series(id, "mwMining")[last]).toBe(m.mw[0]);
    }
    // IREN earns AI revenue and Riot/TeraWulf DR credits in this plan: both checks ran.
    expect(aiChecked).toBeGreaterThan(0);
    expect(drChecked).toBeGreaterThan(0);
  });

  it("per-miner series on or off: on the default aligned grid the path and its scalars are identical", () => {
    const on = deterministicPlan(300, (d) => 70_000 - 40 * d, { miners: "all", powerPeaks: { enabled: true } });
    const off: ModelPlan = { ...on, switches: { ...on.switches, minerSeries: false } };
    for (let path = 0; path < 2; path++) {
      const a = simulateModelPath(on, "series", path);
      const b = simulateModelPath(off, "series", path);
      expect(Buffer.from(b.record.scalars.buffer).equals(Buffer.from(a.record.scalars.buffer))).toBe(true);
      const ra = new RecordReader(a.layout, a.record);
      const rb = new RecordReader(b.layout, b.record);
      for (const m of ["hashrate", "hashprice", "runningEhBelow19"]) expect(rb.series("network", m)).toEqual(ra.series("network", m));
      expect(rb.series("named", "mwAi")).toEqual(ra.series("named", "mwAi"));
    }
  });
});
