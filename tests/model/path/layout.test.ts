import { describe, expect, it } from "vitest";
import { validateLayout, layoutShape } from "../../../src/montecarlo/layout.js";
import { MW_STATE_NAMES } from "../../../src/model/miners/index.js";
import {
  MINER_SCALARS,
  MINER_SERIES,
  NAMED_METRICS,
  NET_SCALARS,
  bandLabels,
  buildModelLayout,
  defaultModelPlan,
  regularGrid,
} from "../../../src/model/path/index.js";
import { horizonDateAfter } from "./fixtures.js";

describe("model layout", () => {
  const plan = defaultModelPlan();
  const { layout, index } = buildModelLayout(plan);

  it("passes the Monte Carlo layout validator", () => {
    expect(() => validateLayout(layout)).not.toThrow();
    const shape = layoutShape(layout);
    expect(shape.gridLength).toBe(plan.grid.length);
    expect(shape.maxEpochs).toBe(plan.maxEpochs);
  });

  it("has the network, band, named and per-miner series, each with a unit", () => {
    const names = layout.series.map((f) => `${f.entity}.${f.metric}`);
    for (const m of ["hashrate", "difficulty", "hashprice", "btcPrice", "fees", "avgJPerTh", "fleetJPerTh", "fleetHashrate"]) {
      expect(names).toContain(`network.${m}`);
    }
    expect(bandLabels(plan.efficiencyBandEdges)).toEqual(["Below19", "19to25", "25to38", "38Plus"]);
    for (const b of bandLabels(plan.efficiencyBandEdges)) {
      expect(names).toContain(`network.runningEh${b}`);
      expect(names).toContain(`network.installedEh${b}`);
    }
    for (const m of NAMED_METRICS) expect(names).toContain(`named.${m}`);
    expect(index.bands).toBe(4);
    expect(layout.series).toHaveLength(8 + 2 * 4 + NAMED_METRICS.length + plan.miners.length * MINER_SERIES.count);
    plan.miners.forEach((spec, i) => {
      const base = index.minerSeries + i * MINER_SERIES.count;
      MW_STATE_NAMES.forEach((s, k) => expect(layout.series[base + k]!.metric.toLowerCase()).toBe(`mw${s}`));
      expect(layout.series[base + MINER_SERIES.ebitda]).toEqual({ entity: spec.id, metric: "ebitda", unit: "USD/week" });
      expect(layout.series[base + MINER_SERIES.treasuryBtc]!.unit).toBe("BTC");
    });
    for (const f of [...layout.series, ...layout.scalars, ...layout.epochFields]) expect(f.unit.length).toBeGreaterThan(0);
  });

  it("has the network and per-miner scalars and the named events", () => {
    expect(layout.scalars).toHaveLength(NET_SCALARS.count + plan.miners.length * MINER_SCALARS.count);
    expect(layout.scalars[NET_SCALARS.halvingDate]!.metric).toBe("halvingDate");
    expect(layout.scalars[index.minerScalars + MINER_SCALARS.aiFlipDate]).toMatchObject({ entity: "mara", metric: "aiFlipDate" });
    plan.miners.forEach((spec, i) => {
      const c = index.minerScalars + i * MINER_SCALARS.count + MINER_SCALARS.droppedConversionMw;
      expect(layout.scalars[c]).toMatchObject({ entity: spec.id, metric: "droppedConversionMw" });
    });
    const events = layout.events.map((e) => e.name);
    expect(events).toContain("hashrate drawdown > 20%");
    expect(events).toContain("negative adjustment < -10%");
    for (const m of plan.miners) expect(events).toContain(`${m.id} AI revenue > mining revenue`);
    expect(layout.epochFields.map((f) => f.metric)).toEqual(["difficulty", "adjustment", "duration", "meanBlockInterval"]);
  });

  it("per-miner series can be switched off; a non-weekly grid changes the flow unit", () => {
    const off = buildModelLayout(defaultModelPlan({ switches: { minerSeries: false } }));
    expect(off.index.minerSeries).toBe(-1);
    expect(off.layout.series.every((f) => f.entity === "network" || f.entity === "named")).toBe(true);
    expect(off.layout.scalars).toHaveLength(layout.scalars.length);
    const p = defaultModelPlan({ miners: ["iren"], horizonDate: horizonDateAfter(90), gridEveryDays: 10 });
    expect(p.grid).toEqual(regularGrid(p.startTime, 90, 10));
    const l = buildModelLayout(p).layout;
    expect(l.series.find((f) => f.metric === "ebitda")!.unit).toBe("USD per grid interval");
    expect(() => validateLayout(l)).not.toThrow();
  });

  it("network-only has no named-miner scalars or events", () => {
    const { layout: l, index: ix } = buildModelLayout(defaultModelPlan({ miners: [] }));
    expect(l.scalars).toHaveLength(NET_SCALARS.count);
    expect(l.events).toHaveLength(2);
    expect(ix.minerSeries).toBe(-1);
    expect(() => validateLayout(l)).not.toThrow();
  });
});
