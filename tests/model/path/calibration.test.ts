/**
 * The default calibration through the whole path at day 0 (grid date 2026-03-01), against
 * CALIBRATION.md's early-2026 figures: §b.1 "Mar 2026 Difficulty −7.76% to 133.79 T …
 * Hashrate 903–948 EH/s", §c.1 "Mar 2026 ~$33.3" (hashprice), and (1) Network "network ≈
 * 19.5 J/TH (derived)" with the fleet mix 30% S19-class @29.5 J/TH.
 */
import { describe, expect, it } from "vitest";
import { ModelKernel, allocatePathRecord, defaultModelPlan, simulateModelPath } from "../../../src/model/path/index.js";
import { difficultyFromBits } from "../../../src/consensus/index.js";
import { impliedHashrateHs, revenuePerPhDayAtDifficulty } from "../../../src/model/units.js";
import { RecordReader, deterministicPlan } from "./fixtures.js";

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe("default calibration at the start date", () => {
  for (const miners of [[] as string[], "all" as const]) {
    const label = miners === "all" ? "with the ten named miners" : "network only";
    it(`${label}: hashrate, difficulty and hashprice match early 2026`, () => {
      const plan = defaultModelPlan({ miners, horizonDate: "2026-04-30" });
      for (let path = 0; path < 5; path++) {
        const { layout, record } = simulateModelPath(plan, "calibration", path);
        const r = new RecordReader(layout, record);
        const h = r.series("network", "hashrate")[0]!;
        const d = r.series("network", "difficulty")[0]!;
        const hp = r.series("network", "hashprice")[0]!;
        // (1) Network "Initial hashrate 950 EH/s"; the named miners are part of it, not extra.
        expect(rel(h, 950)).toBeLessThan(1e-9);
        // Difficulty: 133 T (the proposed default) vs the reported 133.79 T: 0.6% apart.
        expect(rel(d * 1e12, 133.79e12)).toBeLessThan(0.01);
        // Implied hashrate D·2^32/600 vs §b.1's 903–948 EH/s (midpoint 925.5): within 5%.
        expect(rel(impliedHashrateHs(d * 1e12) / 1e18, 925.5)).toBeLessThan(0.05);
        // Hashprice vs §c.1 "Mar 2026 ~$33.3". The day-0 fee is a lognormal draw (mean 0.02
        // BTC, σ_log 0.5), 0.6% of the reward on average: even a 4.5× fee (a 3σ draw) moves
        // hashprice by only 2.2%, so 5% is a bound the fee cannot break.
        expect(rel(hp, 33.3)).toBeLessThan(0.05);
        const j = r.series("network", "avgJPerTh")[0]!;
        if (miners === "all") {
          // Named fleets are newer (11.5–22 J/TH): the network average sits in (1)'s 18–24 range.
          expect(j).toBeGreaterThan(18);
          expect(j).toBeLessThan(24);
          // The rest of the network keeps the calibrated mix's 19.4 J/TH.
          expect(rel(r.series("network", "fleetJPerTh")[0]!, 0.3 * 29.5 + 0.45 * 16.5 + 0.25 * 12.5)).toBeLessThan(1e-6);
          expect(rel(r.series("network", "fleetHashrate")[0]!, plan.fleet.initialRunningEh)).toBeLessThan(1e-9);
        } else {
          // (1) "network ≈ 19.5 J/TH (derived)" from the 30/45/25 mix: 0.3·29.5 + 0.45·16.5 + 0.25·12.5 = 19.4.
          expect(rel(j, 0.3 * 29.5 + 0.45 * 16.5 + 0.25 * 12.5)).toBeLessThan(1e-6);
          expect(r.series("network", "fleetJPerTh")[0]).toBe(j); // the fleet is the whole network
          const s19 = r.series("network", "runningEh25to38")[0]!;
          expect(rel(s19 / h, 0.3)).toBeLessThan(1e-6); // 30% S19-class @29.5 J/TH
        }
      }
    });
  }

  it("with fees at their mean the fleet starts on its supply curve and hashprice is $33.5 (0.7% above §c.1)", () => {
    const plan = deterministicPlan(30, () => 70_000, { miners: "all" });
    const kernel = new ModelKernel(plan);
    let target = NaN;
    let running = NaN;
    kernel.onGrid = (k, g) => {
      if (g === 0) {
        target = k.fleet.targetEh;
        running = k.fleet.runningEh;
      }
    };
    const record = allocatePathRecord(kernel.layout);
    kernel.simulate("calibration", 0, record);
    expect(rel(running, target)).toBeLessThan(1e-9);
    const hp = new RecordReader(kernel.layout, record).series("network", "hashprice")[0]!;
    // Exactly FPPS revenue per PH/day at the start difficulty, $70k and 3.125 + 0.02 BTC …
    const exact = revenuePerPhDayAtDifficulty(70_000, 3.125 + plan.market.fees.meanBtc, difficultyFromBits(plan.chain.startBits));
    expect(rel(hp, exact)).toBeLessThan(1e-9);
    // … which is within 1% of CALIBRATION §c.1's $33.3 check at 950 EH/s.
    expect(rel(hp, 33.3)).toBeLessThan(0.01);
  });
});
